#!/usr/bin/env bash
# Regenerates the vendored Strimzi CRDs (k8s/schemas/crds/strimzi-<version>/) from Maven Central artifacts.
# Strimzi publishes no CRD YAML to a package registry, but it publishes the annotated API classes
# (io.strimzi:api) and the generator that turns them into its release CRDs (io.strimzi:crd-generator). This
# script runs that generator with the arguments of execution "generate-crd-co-install-v1" in Strimzi's own
# api/pom.xml (shipped inside the api jar as META-INF/maven/io.strimzi/api/pom.xml), so the output is the
# packaging/install/cluster-operator/04x-Crd-*.yaml of that release.
# Needs: ./mvnw (Maven Central) and a Java 21+ runtime (the 1.x classes are Java 21 bytecode): set JAVA21 or
# JAVA_HOME, else the newest JDK under /usr/lib/jvm is used.
# Usage: k8s/schemas/update-strimzi-crds.sh [version]   (default 1.2.0); then update PROVENANCE.md.
set -euo pipefail
version="${1:-1.2.0}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

java21="${JAVA21:-}"
if [[ -z $java21 && -n ${JAVA_HOME:-} ]]; then java21="$JAVA_HOME/bin/java"; fi
if [[ -z $java21 ]] || ! "$java21" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  java21="$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | while read -r j; do
    "$j" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' && echo "$j"; done | sort -V | tail -n 1)"
fi
[[ -n $java21 ]] || { echo "update-strimzi-crds.sh: no Java 21+ runtime found (set JAVA21)" >&2; exit 2; }

cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>strimzi-crds</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$version</version></dependency>
    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$version</version></dependency>
  </dependencies>
</project>
POM
"$root/mvnw" -q -B -f "$work/pom.xml" dependency:copy-dependencies -DoutputDirectory="$work/lib"

out="$here/crds/strimzi-$version"
rm -rf "$out" && mkdir -p "$out"
# Only the kinds Vigil uses; add a pair here when a manifest starts using another Strimzi kind.
"$java21" -cp "$work/lib/*" io.strimzi.crdgenerator.CrdGenerator \
  --label app:strimzi --label strimzi.io/crd-install:true --target-kube 1.16+ \
  --crd-api-version v1 --api-versions v1 --storage-version v1 --yaml \
  io.strimzi.api.kafka.model.kafka.Kafka="$out/040-Crd-kafka.yaml" \
  io.strimzi.api.kafka.model.topic.KafkaTopic="$out/043-Crd-kafkatopic.yaml" \
  io.strimzi.api.kafka.model.user.KafkaUser="$out/044-Crd-kafkauser.yaml" \
  io.strimzi.api.kafka.model.nodepool.KafkaNodePool="$out/045-Crd-kafkanodepool.yaml"
(cd "$out" && sha256sum ./*.yaml)
