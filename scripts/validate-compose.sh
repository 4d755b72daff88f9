#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker daemon: Debian's docker-compose (1.29, apt package
# docker-compose) parses it, interpolates the variables and checks it against the Compose schema; `config`
# never contacts a daemon. Then checks that the files it mounts exist, so run it after `mvn package`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "validate-compose: docker-compose is not installed (apt-get install docker-compose)" >&2
  exit 1
fi

docker-compose -f docker-compose.yml config -q
services=$(docker-compose -f docker-compose.yml config --services | sort | tr '\n' ' ')
expected="keycloak postgres verify-emulator "
if [ "$services" != "$expected" ]; then
  echo "validate-compose: services are '$services', expected '$expected'" >&2
  exit 1
fi

missing=0
for path in target/providers/keycloak-twilio-otp.jar demo/demo-realm.json \
            target/test-classes/io/github/kctwilio/otp/emulator/VerifyEmulator.class; do
  if [ ! -f "$path" ]; then
    echo "validate-compose: $path is missing (run mvn package first)" >&2
    missing=1
  fi
done
if [ "$(ls target/providers | wc -l)" -ne 1 ]; then
  echo "validate-compose: target/providers/ must hold exactly one jar: $(ls target/providers)" >&2
  missing=1
fi
[ "$missing" -eq 0 ] || exit 1

echo "validate-compose: docker-compose.yml is valid ($(docker-compose version --short)), services: $services"
