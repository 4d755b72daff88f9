#!/usr/bin/env bash
# Installs, from Debian's packages, what the build and its tests need and the machine lacks: a JDK 17 and Maven
# (absent in a bare debian:bookworm CI container), Chromium and its driver (the browser tests; without them they are
# skipped) and docker-compose (scripts/validate-compose.sh parses docker-compose.yml with it; no daemon needed).
# PostgreSQL for the cluster test comes from the Maven repository, not from here. Only the named packages and what
# they depend on: no recommended packages (docker-compose would pull in docker.io and containerd, chromium udev and
# upower: daemons the tests never use). Nothing when all are there.
set -euo pipefail

missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "ci-packages: nothing to install (JDK, Maven, Chromium, ChromeDriver and docker-compose are there)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "ci-packages: installing ${missing[*]} (without recommended packages)"
$SUDO apt-get update -qq
before=$(mktemp)
dpkg-query -W -f '${Package}\n' | sort >"$before"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
added=$(dpkg-query -W -f '${Package}\n' | sort | comm -13 "$before" -)
rm -f "$before"
echo "ci-packages: installed $(echo "$added" | grep -c .) packages: $(echo "$added" | tr '\n' ' ')"
