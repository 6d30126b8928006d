#!/usr/bin/env bash
# Offline validation of the Kubernetes manifests (no cluster needed):
#  1. renders every overlay with `kubectl kustomize` (fails on any kustomize error);
#  2. lints the hand-written YAML with yamllint when it is installed (config k8s/.yamllint.yaml);
#  3. when node and npm exist, validates every rendered document of every overlay and component against a schema
#     (validate.mjs; k8s/schemas/schemas.json says which): custom resources against the vendored CRDs of
#     k8s/schemas/crds with Ajv, the other kinds with the npm model packages pinned in schemas.json; prints the
#     count by kind and schema; then checks that every resource of k8s/schemas/broken-resources.yaml is rejected.
#     The npm packages are installed once into k8s/.tools (git-ignored), again when schemas.json changes.
# The invariant checks (topics vs code, probes, limits, security, secrets, labels, routing) are the Java tests of
# module k8s-manifests (./mvnw -B -pl k8s -am verify), which validate the custom resources against the same CRDs.
# Exit code: 0 valid, 1 invalid, 2 a required tool is missing (kubectl). Skipped steps are reported, not failed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

if ! command -v kubectl >/dev/null 2>&1; then
  echo "validate.sh: kubectl not found: cannot render the overlays" >&2
  exit 2
fi
rendered=()
for overlay in "$here"/overlays/*/; do
  name="$(basename "$overlay")"
  kubectl kustomize "$overlay" > "$out/$name.yaml"
  echo "rendered overlays/$name: $(grep -c '^kind:' "$out/$name.yaml") resources"
  rendered+=("overlays/$name=$out/$name.yaml")
done
for component in "$here"/components/*/; do
  # Components are rendered through the overlays; check each also builds on its own against the base.
  # kustomize only accepts relative paths, so the probe kustomization lives under k8s/.tools (git-ignored).
  name="$(basename "$component")"
  probe="$here/.tools/render/component-$name"
  mkdir -p "$probe"
  printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../../base]\ncomponents: [../../../components/%s]\n' \
    "$name" > "$probe/kustomization.yaml"
  kubectl kustomize "$probe" > "$out/component-$name.yaml"
  echo "rendered components/$name on the base"
  rendered+=("components/$name=$out/component-$name.yaml")
done

if command -v yamllint >/dev/null 2>&1; then
  (cd "$here" && yamllint -c .yamllint.yaml .)
  echo "yamllint: OK"
else
  echo "validate.sh: yamllint not found (Debian package yamllint): lint SKIPPED"
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "validate.sh: node/npm not found: schema validation SKIPPED"
  exit 0
fi
tools="$here/.tools"
# The npm packages: ajv, yaml and CEL for the CRDs, and the model packages pinned in schemas.json.
packages="ajv@8.20.0 yaml@2.9.1 @bufbuild/cel@0.6.1 @bufbuild/protobuf@2.17.0 $(node -e 'for (const p of require(process.argv[1]).npmModels) console.log(p.package + "@" + p.version)' "$here/schemas/schemas.json" | tr '\n' ' ')"
if [ "$(cat "$tools/installed" 2>/dev/null)" != "$packages" ]; then
  mkdir -p "$tools"
  # shellcheck disable=SC2086
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error $packages >/dev/null
  echo "$packages" > "$tools/installed"
fi
# validate.mjs resolves its imports from k8s/.tools/node_modules.
cp "$here/validate.mjs" "$tools/validate.mjs"
node "$tools/validate.mjs" "$here" "${rendered[@]}"
node "$tools/validate.mjs" "$here" --self-test
echo "validate.sh: OK"
