#!/usr/bin/env bash
# The product: sets everything up, starts a local Kafka broker with sample data and opens
# the extension in VS Code (`code` on the PATH) or code-server on 127.0.0.1. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node out/scripts/start.js
