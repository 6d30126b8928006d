// Schema validation of rendered manifests (k8s/schemas, see k8s/README.md "Validation"). For every document:
//  - a kind with a vendored CRD (k8s/schemas/crds/**/*.yaml) is validated against its openAPIV3Schema with Ajv
//    (JSON Schema 2020-12), after the structural-schema translation of dev.vigil.k8s.StructuralSchema: unknown
//    fields rejected unless x-kubernetes-preserve-unknown-fields, int-or-string, nullable, list-type set,
//    embedded resources; then its CEL rules (x-kubernetes-validations, with @bufbuild/cel; rules that need oldSelf or
//    a Kubernetes-only CEL function are counted as not evaluable) and list-map key uniqueness, as the Java tests do;
//  - otherwise the first npm model package of schemas.json whose apiGroups hold the kind's group validates it;
//  - a group under "gaps" is counted as not schema-checked; any other kind is an error.
// Usage (from k8s/.tools, where the npm packages are installed):
//   node validate.mjs <k8s dir> <label>=<rendered.yaml> ...     validate rendered output, print counts by kind
//   node validate.mjs <k8s dir> --self-test                    every broken resource must fail at its pointer only
// Exit code 1 when a document is invalid, has no schema, or a broken resource passes.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import Ajv2020 from "ajv/dist/2020.js";
import { run as celRun } from "@bufbuild/cel";

const [k8sDir, ...args] = process.argv.slice(2);
const catalog = JSON.parse(readFileSync(join(k8sDir, "schemas/schemas.json"), "utf8"));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

function yamlDocs(text) {
  return parseAllDocuments(text).map((d) => {
    if (d.errors.length) throw new Error(`YAML error: ${d.errors[0].message}`);
    return d.toJS();
  }).filter((o) => o && o.kind);
}

function structural(s) {
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (["description", "example", "externalDocs", "title", "nullable"].includes(k) || k.startsWith("x-kubernetes-")) continue;
    if (k === "properties") out.properties = Object.fromEntries(Object.entries(v).map(([p, ps]) => [p, structural(ps)]));
    else if (k === "items" || k === "not") out[k] = structural(v);
    else if (k === "additionalProperties") out[k] = typeof v === "object" ? structural(v) : v;
    else if (["allOf", "anyOf", "oneOf"].includes(k)) out[k] = v.map(structural);
    else if (k === "exclusiveMinimum" || k === "exclusiveMaximum") {
      const bound = k === "exclusiveMinimum" ? "minimum" : "maximum";
      if (v === true && bound in s) out[k] = s[bound];
    } else if ((k === "minimum" && s.exclusiveMinimum === true) || (k === "maximum" && s.exclusiveMaximum === true)) continue;
    else out[k] = v;
  }
  if (s["x-kubernetes-int-or-string"]) { delete out.type; out.anyOf = [{ type: "integer" }, { type: "string" }]; }
  if (s.type === "object" && s.properties && !("additionalProperties" in s) && !s["x-kubernetes-preserve-unknown-fields"]) {
    out.additionalProperties = false;
  }
  if (s["x-kubernetes-list-type"] === "set") out.uniqueItems = true;
  if (s["x-kubernetes-embedded-resource"]) out.required = [...(out.required ?? []), "apiVersion", "kind"];
  if (s.nullable && out.type) { out.type = [out.type, "null"]; if (out.enum) out.enum = [...out.enum, null]; }
  return out;
}

const crds = new Map();
(function load(dir, rel) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { load(path, `${rel}${name}/`); continue; }
    if (!name.endsWith(".yaml")) continue;
    for (const crd of yamlDocs(readFileSync(path, "utf8")).filter((d) => d.kind === "CustomResourceDefinition")) {
      for (const v of crd.spec.versions.filter((x) => x.served)) {
        crds.set(`${crd.spec.group}/${v.name} ${crd.spec.names.kind}`, { source: `crd ${rel}${name}`,
          raw: v.schema.openAPIV3Schema, validate: ajv.compile(structural(v.schema.openAPIV3Schema)) });
      }
    }
  }
})(join(k8sDir, "schemas/crds"), "");

// The rules JSON Schema cannot express (dev.vigil.k8s.KubernetesRules): CEL rules and list-map keys.
const cel = { evaluated: 0, notEvaluable: 0 };
const toCel = (v) => (Array.isArray(v) ? v.map(toCel) : v !== null && typeof v === "object"
  ? new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)])) : Number.isInteger(v) ? BigInt(v) : v);
function kubernetesRules(schema, value, path, errors) {
  if (value === undefined || value === null) return;
  for (const rule of schema["x-kubernetes-validations"] ?? []) {
    if (rule.rule.includes("oldSelf")) { cel.notEvaluable++; continue; }
    const result = celRun(rule.rule, { self: toCel(value) });
    const message = rule.message ?? `failed rule: ${rule.rule}`;
    if (result instanceof Error && /unbound function|parse|syntax/i.test(result.message)) { cel.notEvaluable++; continue; }
    cel.evaluated++;
    if (result !== true) errors.push({ path, message: `${message} (rule ${rule.rule}${result instanceof Error ? `: ${result.message}` : ""})` });
  }
  if (Array.isArray(value) && schema["x-kubernetes-list-type"] === "map") {
    const seen = new Set();
    value.forEach((item, i) => {
      const key = JSON.stringify(schema["x-kubernetes-list-map-keys"].map((k) => item?.[k]));
      if (seen.has(key)) errors.push({ path: `${path}/${i}`, message: `duplicate entry for list-map keys ${key}` });
      seen.add(key);
    });
  }
  if (typeof value === "object" && !Array.isArray(value)) {
    for (const [p, ps] of Object.entries(schema.properties ?? {})) kubernetesRules(ps, value[p], `${path}/${p}`, errors);
    if (typeof schema.additionalProperties === "object") {
      for (const [k, v] of Object.entries(value)) kubernetesRules(schema.additionalProperties, v, `${path}/${k}`, errors);
    }
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => kubernetesRules(schema.items, v, `${path}/${i}`, errors));
}

// Validates one document: { source, errors: [{path, message}] }; source null when no schema covers the kind.
async function check(doc) {
  const key = `${doc.apiVersion} ${doc.kind}`;
  const crd = crds.get(key);
  if (crd) {
    const errors = crd.validate(doc) ? [] : crd.validate.errors.map((e) => ({ path: e.instancePath, message: e.message }));
    kubernetesRules(crd.raw, doc, "", errors);
    return { source: crd.source, errors };
  }
  const group = doc.apiVersion.includes("/") ? doc.apiVersion.split("/")[0] : "";
  const pkg = catalog.npmModels.find((p) => p.apiGroups.includes(group));
  if (pkg) {
    let Model;
    try {
      Model = (await import(`${pkg.package}/${doc.apiVersion}/${doc.kind}`))[doc.kind];
    } catch (e) {
      if (!["ERR_MODULE_NOT_FOUND", "ERR_PACKAGE_PATH_NOT_EXPORTED"].includes(e.code)) throw e;
    }
    if (Model) {
      const source = `npm ${pkg.package}@${pkg.version}`;
      try {
        new Model(doc).validate();
        return { source, errors: [] };
      } catch (e) {
        const errors = (e.errors ?? [{ instancePath: "", message: e.message }]);
        return { source, errors: errors.map((x) => ({ path: x.instancePath, message: x.message })) };
      }
    }
  }
  if (catalog.gaps[group] !== undefined) return { source: "gap", errors: [] };
  return { source: null, errors: [{ path: "/apiVersion", message: `no schema for ${key}` }] };
}

let failures = 0;
const fail = (msg) => { failures++; console.error(msg); };
if (args[0] === "--self-test") {
  let checked = 0;
  for (const doc of yamlDocs(readFileSync(join(k8sDir, "schemas/broken-resources.yaml"), "utf8"))) {
    const at = doc.metadata.annotations["vigil.dev/broken-at"];
    const { errors } = await check(doc);
    const id = `${doc.kind}/${doc.metadata.name}`;
    if (!errors.length) fail(`self-test: broken ${id} passed validation (defect at ${at})`);
    for (const e of errors.filter((x) => x.path !== at && !x.path.startsWith(`${at}/`))) {
      fail(`self-test: ${id} fails elsewhere than its defect ${at}: ${e.path} ${e.message}`);
    }
    checked++;
  }
  console.log(`self-test: ${checked} broken resources checked, ${failures} problems`);
} else {
  const total = new Map();
  for (const arg of args) {
    const [label, file] = arg.split("=");
    const byKind = new Map();
    for (const doc of yamlDocs(readFileSync(file, "utf8"))) {
      const { source, errors } = await check(doc);
      const key = `${doc.kind} (${source ?? "NO SCHEMA"})`;
      byKind.set(key, (byKind.get(key) ?? 0) + 1);
      total.set(source === "gap" ? "gap" : source ? "checked" : "none", (total.get(source === "gap" ? "gap" : source ? "checked" : "none") ?? 0) + 1);
      for (const e of errors) fail(`${label}: ${doc.kind}/${doc.metadata?.name} (${doc.apiVersion}) ${e.path || "/"}: ${e.message}`);
    }
    console.log(`${label}: ${[...byKind.values()].reduce((a, b) => a + b, 0)} documents`);
    for (const [k, n] of [...byKind].sort()) console.log(`  ${String(n).padStart(3)}  ${k}`);
  }
  const all = [...total.values()].reduce((a, b) => a + b, 0);
  console.log(`schema-checked: ${total.get("checked") ?? 0} of ${all} documents; not checked (declared gaps, `
    + `schemas.json): ${total.get("gap") ?? 0}; without a schema: ${total.get("none") ?? 0}; CEL rules evaluated `
    + `${cel.evaluated} times (${cel.notEvaluable} not evaluable offline)`);
}
process.exit(failures ? 1 : 0);
