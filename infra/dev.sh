#!/usr/bin/env bash
# One command for the local stack: installs the emulators on first use, starts them, provisions
# the tables and queues of template.yaml, creates a demo API key (written to .local/dev-api-key)
# and serves the API on http://127.0.0.1:${AB_DEV_PORT:-3000}, delivering queue messages to the
# worker handler. Ctrl-C stops the server and the emulators it started.
#
#   bash infra/dev.sh [--port 3000] [--allow-private-network] [--daily-job-limit 50] …
#
# Extra arguments go to `agent-builder dev` (see `cargo run --bin agent-builder -- dev --help`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

started_here=0
if ! bash infra/emulators.sh status >/dev/null 2>&1; then
    bash infra/emulators.sh start
    started_here=1
fi
stop_emulators() {
    if [[ $started_here == 1 ]]; then
        bash infra/emulators.sh stop || true
    fi
}
trap stop_emulators EXIT

eval "$(bash infra/emulators.sh env)"
# JavaScript-built sites are read in headless Chromium (installed on first use).
# shellcheck source=lib/chromium.sh
source infra/lib/chromium.sh
ensure_chromium
cargo run --quiet --bin agent-builder -- dev "$@"
