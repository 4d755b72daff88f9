#!/usr/bin/env bash
# Runs the real-Keycloak integration suite (every *IT but the two-node ClusterIT, including the class-path overlap
# check) against each supported Keycloak distribution and prints a table: version, result, tests, Keycloak start
# time, wall time.
#
#   scripts/version-matrix.sh                 # every version in VERSIONS below
#   scripts/version-matrix.sh 26.4.7 26.7.3   # just these
#   scripts/version-matrix.sh --list-json     # the default versions as a JSON array (for the CI workflow)
#
# The jar under test is built once per run from the SPI the release targets (keycloak.spi.version in pom.xml);
# only the server changes (-Dkeycloak.version), exactly as when a user drops the released jar into an older or
# newer Keycloak. Unit tests do not touch Keycloak and are left to `mvn verify`. Runs one version at a time:
# each starts a Keycloak, and these machines have 2 cores. Logs: target/matrix/<version>.log (Maven) and
# target/matrix/<version>-keycloak.log (the server).
set -uo pipefail
cd "$(dirname "$0")/.."

# Newest patch of each 26.x minor from 26.2 that Maven Central serves here (26.6 has no distribution here).
VERSIONS=(26.2.5 26.3.5 26.4.7 26.5.6 26.7.3)

if [ "${1:-}" = "--list-json" ]; then
  printf '['; sep=''; for v in "${VERSIONS[@]}"; do printf '%s"%s"' "$sep" "$v"; sep=','; done; printf ']\n'
  exit 0
fi
if [ "$#" -gt 0 ]; then VERSIONS=("$@"); fi

MVN=(mvn -B ${MAVEN_MATRIX_ARGS:-})
mkdir -p target/matrix
rows=()
failed=0
for version in "${VERSIONS[@]}"; do
  log="target/matrix/$version.log"
  echo "== Keycloak $version: integration tests (log: $log)"
  started=$(date +%s)
  # -Dtest=none: no unit tests (they never start Keycloak); failsafe ignores -Dtest and runs every *IT.
  # A generous start timeout: a matrix run may share the machine with other builds.
  # ClusterIT is left out: it proves the cluster on the targeted version (mvn verify), its node options differ
  # between minors, and it would double each version's time.
  "${MVN[@]}" verify -Dkeycloak.version="$version" -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test='*IT,!ClusterIT' -Dkeycloak.start.timeout.minutes=10 >"$log" 2>&1
  rc=$?
  wall=$(( $(date +%s) - started ))
  # The shared Keycloak's server log, kept per version (the next run overwrites target/it/keycloak.log).
  cp target/it/keycloak.log "target/matrix/$version-keycloak.log" 2>/dev/null || true
  # The machine's load when the run ended: wall times only compare between runs on a similarly busy machine.
  load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo n/a)
  # Failsafe's closing summary, e.g. "Tests run: 40, Failures: 0, Errors: 0, Skipped: 1".
  summary=$(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" | tail -1 \
            | sed -E 's/^\[[A-Z]+\] //')
  startup=$(grep -oE "Keycloak $version with the plugin ready in [0-9.]+ s" "$log" | head -1 | grep -oE '[0-9.]+ s$')
  if [ "$rc" -eq 0 ] && [ -n "$summary" ]; then result=pass; else result=FAIL; failed=1; fi
  rows+=("$(printf '| %-7s | %-4s | %-52s | %-8s | %4d s | %5s |' "$version" "$result" "${summary:-no test summary (see log)}" "${startup:-n/a}" "$wall" "$load")")
  echo "   $result in ${wall} s: ${summary:-no test summary}"
done

echo
echo "| Keycloak | Result | Integration tests (failsafe) | KC start | Wall time | Load |"
echo "|---|---|---|---|---|---|"
for row in "${rows[@]}"; do echo "$row"; done
exit "$failed"
