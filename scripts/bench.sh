#!/usr/bin/env bash
# `npm run bench`: sets up and builds like scripts/test.sh (npm packages, Debian packages with kcat,
# code-server, tsc, esbuild and the VSIX, Kafka's jars), then runs every benchmark on one broker and
# prints one table (scripts/bench/all.ts). Arguments go to it: `npm run bench -- --quick`.
# KAFKA_BOOTSTRAP=host:port uses your broker instead of starting one.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
printf '\n== benchmarks\n'
node out/scripts/bench/all.js "$@"
