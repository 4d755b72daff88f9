#!/usr/bin/env bash
# Installs, from Debian's packages, what the build and its tests need and the machine lacks: a JDK 17 and Maven
# (absent in a bare debian:bookworm CI container), Chromium and its driver (BrowserLoginIT), docker-compose
# (scripts/validate-compose.sh parses docker-compose.yml with it; no daemon needed) and PostgreSQL (ClusterIT and the
# cluster benchmark start a private server from its binaries; the package's own service is not used). Nothing when
# all are there.
set -euo pipefail

missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
# Debian keeps initdb and pg_ctl off the PATH, in /usr/lib/postgresql/<version>/bin.
compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || missing+=(postgresql)

if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "ci-packages: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
