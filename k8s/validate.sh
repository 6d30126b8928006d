#!/usr/bin/env bash
# Offline validation of the Kubernetes manifests (no cluster needed):
#  1. renders every overlay with `kubectl kustomize` (fails on any kustomize error);
#  2. lints the hand-written YAML with yamllint when it is installed (config k8s/.yamllint.yaml);
#  3. when node and npm exist, validates every built-in kind of the rendered output against the Kubernetes
#     OpenAPI schemas with npm kubernetes-models@4.5.1 + yaml@2, installed once into k8s/.tools (git-ignored).
# The invariant checks (topics vs code, probes, limits, security, secrets, labels, routing) are the Java tests of
# module k8s-manifests: ./mvnw -B -pl k8s -am verify.
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
  rendered+=("$out/$name.yaml")
done
for component in "$here"/components/*/; do
  # Components are rendered through the overlays; check each also builds on its own against the base.
  # kustomize only accepts relative paths, so the probe kustomization lives under k8s/.tools (git-ignored).
  name="$(basename "$component")"
  probe="$here/.tools/render/component-$name"
  mkdir -p "$probe"
  printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../../base]\ncomponents: [../../../components/%s]\n' \
    "$name" > "$probe/kustomization.yaml"
  kubectl kustomize "$probe" > /dev/null
  echo "rendered components/$name on the base"
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
if [ ! -f "$tools/node_modules/kubernetes-models/package.json" ] || [ ! -f "$tools/node_modules/yaml/package.json" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error kubernetes-models@4.5.1 yaml@2 >/dev/null
fi
# validate.mjs resolves its imports from k8s/.tools/node_modules.
cp "$here/validate.mjs" "$tools/validate.mjs"
node "$tools/validate.mjs" "${rendered[@]}"
echo "validate.sh: OK"
