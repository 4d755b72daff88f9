#!/usr/bin/env bash
# Builds the committed HEAD twice, in two fresh clones in different directories, and compares the jars byte for
# byte: the shaded plugin jar and the sources jar must be identical (fixed entry timestamps from
# project.build.outputTimestamp, deterministic shading). Uncommitted changes are not part of the check.
#   scripts/check-reproducible.sh            # MAVEN_ARGS=-o to stay offline
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for build in a b; do
  git clone -q . "$work/$build"
  (cd "$work/$build" && mvn -B -q ${MAVEN_ARGS:-} clean package -DskipTests -DskipKeycloakDist=true)
done

status=0
for jar in $(cd "$work/a/target" && ls keycloak-twilio-otp-*.jar); do
  a=$(sha256sum "$work/a/target/$jar" | cut -d' ' -f1)
  b=$(sha256sum "$work/b/target/$jar" | cut -d' ' -f1)
  if [ "$a" = "$b" ]; then
    echo "reproducible: $jar $a"
  else
    echo "DIFFERENT:    $jar $a vs $b" >&2
    status=1
  fi
done
exit "$status"
