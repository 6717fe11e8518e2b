#!/usr/bin/env bash
# Installs and builds everything the product and the tests need; fast when already done.
# npm packages, Debian packages (chromium and code-server's build needs), code-server in the
# user's cache folder, Kafka's jars from Maven Central (in ~/.m2), then the build and the VSIX.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "npm packages"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

step "Debian packages and code-server"
bash scripts/vscode/install.sh

step "build"
npx tsc -p .
npx tsc -p src/webview
npm run --silent package

step "Kafka jars"
node out/scripts/kafka/cli.js fetch
# The integration suite also runs on the oldest supported line (scripts/test.sh, scripts/test-kafka39.sh).
node out/scripts/kafka/cli.js fetch --version "${KAFKA_OLD_VERSION:-3.9.1}"
