// Validates every document of the given multi-document YAML files whose apiVersion/kind is a built-in Kubernetes
// kind against its OpenAPI schema (npm kubernetes-models@4.5.1). Custom resources are listed and skipped: the
// Java tests of this module cover them. Exit code 1 when any built-in document is invalid.
// Usage: node validate.mjs rendered-dev.yaml rendered-prod.yaml   (NODE_PATH=k8s/.tools/node_modules)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";

const require = createRequire(import.meta.url);
let failures = 0;
for (const file of process.argv.slice(2)) {
  const counts = { valid: 0, custom: new Set() };
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      console.error(`${file}: YAML error: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const obj = doc.toJS();
    if (!obj || !obj.kind) continue;
    const id = `${obj.kind}/${obj.metadata?.name}`;
    let Model;
    try {
      Model = require(`kubernetes-models/${obj.apiVersion}/${obj.kind}`)[obj.kind];
    } catch (e) {
      if (e.code !== "MODULE_NOT_FOUND" && e.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw e;
    }
    if (!Model) {
      counts.custom.add(`${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    try {
      new Model(obj).validate();
      counts.valid++;
    } catch (e) {
      failures++;
      console.error(`${file}: ${id} (${obj.apiVersion}) is invalid: ${e.message}`);
    }
  }
  console.log(`${file}: ${counts.valid} built-in documents valid; custom kinds not schema-checked: `
    + [...counts.custom].sort().join(", "));
}
process.exit(failures ? 1 : 0);
