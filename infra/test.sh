#!/usr/bin/env bash
# Runs the whole test suite against the local emulators:
#   bash infra/test.sh [cargo test arguments…]     e.g. bash infra/test.sh -p agent-builder-tests
#
# Starts DynamoDB Local and moto on their own ports (AB_DDB_PORT, default 8100; AB_SQS_PORT,
# default 5100) with their own pid and log files (AB_TEST_RUN_DIR, default .local/test-run), so it
# never touches a dev stack started by infra/dev.sh (8000/5000); the installed emulators in
# AB_LOCAL_DIR (default .local) are shared. The emulators are stopped again on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export AB_LOCAL_DIR="${AB_LOCAL_DIR:-$ROOT/.local}"
export AB_RUN_DIR="${AB_TEST_RUN_DIR:-$AB_LOCAL_DIR/test-run}"
export AB_DDB_PORT="${AB_DDB_PORT:-8100}"
export AB_SQS_PORT="${AB_SQS_PORT:-5100}"

stop_emulators() { bash infra/emulators.sh stop || true; }
trap stop_emulators EXIT
# Make Ctrl-C / kill run the EXIT trap too: the emulators live in their own sessions and would
# otherwise outlive us.
trap 'exit 130' INT
trap 'exit 143' TERM

bash infra/emulators.sh start
eval "$(bash infra/emulators.sh env)"
# The rendering tests read JavaScript-built fixture sites in headless Chromium.
# shellcheck source=lib/chromium.sh
source infra/lib/chromium.sh
ensure_chromium
export AB_TEST_EMULATORS=1

cargo test --workspace "$@"
