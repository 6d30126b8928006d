#!/usr/bin/env bash
# Regenerates base/keycloak/realm-import.yaml and overlays/dev/realm-demo-users.yaml from
# base/keycloak/vigil-realm.json and stack/keycloak/demo-users.json (dev.vigil.k8s.RealmImportGenerator).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl k8s -am test -Dtest=RealmImportTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dvigil.k8s.regenerate=true "$@"
git status --short k8s/base/keycloak/realm-import.yaml k8s/overlays/dev/realm-demo-users.yaml || true
