#!/usr/bin/env bash
# Sets everything up and runs every test: lint, unit, integration (real broker),
# extension host (real VS Code: code-server in chromium), e2e (UI through Playwright), then the
# integration suite again on Kafka 3.9 (its own brokers; KW_SKIP_KAFKA39=1 leaves it out).
# One broker serves the other layers; KAFKA_BOOTSTRAP=host:port uses yours instead.
# The last line is "N passed, N failed"; the exit code is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

mkdir -p test-results
export KAFKAJS_NO_PARTITIONER_WARNING=1
broker_pid=""
cleanup() {
  if [ -n "$broker_pid" ]; then
    kill -TERM "$broker_pid" 2>/dev/null
    wait "$broker_pid" 2>/dev/null
  fi
}
trap cleanup EXIT

if [ -z "${KAFKA_BOOTSTRAP:-}" ]; then
  printf '\n== starting Kafka\n'
  node out/scripts/kafka/cli.js start >test-results/broker.log 2>&1 &
  broker_pid=$!
  for _ in $(seq 1 120); do
    KAFKA_BOOTSTRAP=$(grep -m1 -o 'KAFKA_BOOTSTRAP=.*' test-results/broker.log | cut -d= -f2 || true)
    [ -n "$KAFKA_BOOTSTRAP" ] && break
    kill -0 "$broker_pid" 2>/dev/null || break
    sleep 1
  done
  if [ -z "$KAFKA_BOOTSTRAP" ]; then
    cat test-results/broker.log
    echo "0 passed, 1 failed"
    exit 1
  fi
  export KAFKA_BOOTSTRAP
fi
echo "Kafka at $KAFKA_BOOTSTRAP"

total_passed=0
total_failed=0
summary=()

# Runs one layer, keeps its output under test-results/, and adds its mocha counts to the totals.
run_layer() {
  local name=$1
  shift
  printf '\n== %s\n' "$name"
  local log="test-results/$name.log"
  local layer_started
  layer_started=$(date +%s)
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local passed failed
  passed=$(grep -Eo '^[[:space:]]*[0-9]+ passing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  failed=$(grep -Eo '^[[:space:]]*[0-9]+ failing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
  passed=${passed:-0}
  failed=${failed:-0}
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # the layer itself broke before its tests could report
  fi
  if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # a layer that runs no test is a failure
  fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  summary+=("$(printf '%-12s %4d passed %4d failed %5ds' "$name" "$passed" "$failed" $(($(date +%s) - layer_started)))")
}

printf '\n== lint\n'
if npx eslint .; then lint_failed=0; else lint_failed=1; fi
total_failed=$((total_failed + lint_failed))

run_layer unit npx mocha --config test/unit/.mocharc.json
run_layer integration npx mocha --config test/integration/.mocharc.json
run_layer extension node out/scripts/vscode/runExtensionTests.js
run_layer e2e npx mocha --config test/e2e/.mocharc.json
if [ "${KW_SKIP_KAFKA39:-0}" != 1 ]; then
  # Every broker of this layer is started from the 3.9 jars (SCRAM/TLS and 3-node clusters included).
  run_layer integration-kafka-3.9 env -u KAFKA_BOOTSTRAP KAFKA_VERSION="${KAFKA_OLD_VERSION:-3.9.1}" \
    npx mocha --config test/integration/.mocharc.json
fi

printf '\n== summary (%ds)\n' $(($(date +%s) - started))
[ "$lint_failed" -eq 0 ] || echo "lint         failed"
printf '%s\n' "${summary[@]}"
echo "Screenshots: test-results/*.png"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
