#!/usr/bin/env bash
# Builds and pushes the service images (the four services and the console) on a BUILD MACHINE (a container runtime and registry access).
# Never part of the Maven build, never run in CI here: this machine has neither.
# Image names and tags come from the one place that also feeds the overlays: base/kustomization.yaml (images:).
# Usage: k8s/build-images.sh [--push]     (CONTAINER_CLI=podman to use podman instead of docker)
set -euo pipefail
cd "$(dirname "$0")/.."
cli="${CONTAINER_CLI:-docker}"
./mvnw -B -pl ingest-service,accounts-service,detector-service,findings-service,console-service -am package -DskipTests
for svc in ingest-service accounts-service detector-service findings-service console-service; do
  # The newName/newTag lines that follow "- name: vigil/<svc>" in base/kustomization.yaml.
  block="$(grep -A2 -- "- name: vigil/$svc\$" k8s/base/kustomization.yaml)"
  name="$(sed -n 's/^ *newName: *//p' <<<"$block")"
  tag="$(sed -n 's/^ *newTag: *//p' <<<"$block")"
  [ -n "$name" ] && [ -n "$tag" ] || { echo "no image for $svc in k8s/base/kustomization.yaml" >&2; exit 1; }
  "$cli" build -f "$svc/src/main/docker/Dockerfile.jvm" -t "$name:$tag" "$svc"
  if [ "${1:-}" = "--push" ]; then
    "$cli" push "$name:$tag"
  fi
done
