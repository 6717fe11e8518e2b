#!/usr/bin/env bash
# Runs the integration suite (test/integration, real brokers) against Kafka 3.9.x from Maven Central,
# the oldest line the extension supports; scripts/test.sh runs everything against the newest 4.x.
# KAFKA_VERSION picks the release (default 3.9.1). A KAFKA_BOOTSTRAP from the environment is ignored:
# every broker here is started from the 3.9 jars, including the SCRAM/TLS and 3-node clusters.
# Needs the build (scripts/setup.sh). The last line is "N passed, N failed"; the exit code is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
export KAFKA_VERSION=${KAFKA_VERSION:-3.9.1}
unset KAFKA_BOOTSTRAP
export KAFKAJS_NO_PARTITIONER_WARNING=1
mkdir -p test-results
log=test-results/integration-kafka-$KAFKA_VERSION.log

printf '== Kafka %s jars\n' "$KAFKA_VERSION"
if ! node out/scripts/kafka/cli.js fetch; then
  echo "0 passed, 1 failed"
  exit 1
fi

printf '\n== integration (Kafka %s)\n' "$KAFKA_VERSION"
npx mocha --config test/integration/.mocharc.json 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
passed=$(grep -Eo '^[[:space:]]*[0-9]+ passing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
failed=$(grep -Eo '^[[:space:]]*[0-9]+ failing' "$log" | tail -1 | grep -Eo '[0-9]+' || true)
passed=${passed:-0}
failed=${failed:-0}
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

printf '\n== Kafka %s integration: %ds\n' "$KAFKA_VERSION" $(($(date +%s) - started))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
