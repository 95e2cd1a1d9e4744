#!/usr/bin/env bash
# API fuzz: checks the service against openapi.yaml with schemathesis. Starts the local stack the
# way infra/smoke-dev.sh does (infra/dev.sh on its own ports and run dir), then lets schemathesis
# generate requests for both operations (examples, boundary/negative coverage, random fuzzing and
# stateful POST -> GET chains) with a fixed seed and a bounded number of examples, and checks every
# response: no 5xx, documented status codes, content types, headers and bodies. Exits non-zero on
# any failure; the last line is `fuzz: N passed, 0 failed` (N = test cases schemathesis ran).
# Used by .ci/run.
#
# The fuzzer creates jobs whose URLs are random public host names and addresses, and the dev
# server's worker would try to read them. So everything after the installs runs in a network
# namespace of its own that has only a loopback interface: no request of this run can leave the
# machine, and the jobs simply fail to reach their sites.
#
#   bash infra/fuzz-api.sh [extra schemathesis run options, e.g. --report har --report-dir DIR]
#
# Environment: AB_FUZZ_PORT (3950), AB_FUZZ_DDB_PORT (8400), AB_FUZZ_SQS_PORT (5400),
# AB_FUZZ_SEED, AB_FUZZ_MAX_EXAMPLES (see below), AB_LOCAL_DIR (install dir, as for
# infra/emulators.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SCHEMATHESIS_VERSION="4.32.5"
LOCAL_DIR="${AB_LOCAL_DIR:-$ROOT/.local}"
VENV="$LOCAL_DIR/venv"
PORT="${AB_FUZZ_PORT:-3950}"
SEED="${AB_FUZZ_SEED:-20261129}"
# Most test cases per operation in each phase; with 1500 the run (3165 test cases) takes about
# 35 s here (2 cores), plus ~5 s to start the stack.
MAX_EXAMPLES="${AB_FUZZ_MAX_EXAMPLES:-1500}"

if [[ "${AB_FUZZ_ISOLATED:-}" != 1 ]]; then
    # Outside the namespace: what needs the package registries.
    bash infra/emulators.sh install
    if [[ "$("$VENV/bin/schemathesis" --version 2>/dev/null || true)" != "schemathesis, version $SCHEMATHESIS_VERSION" ]]; then
        echo "installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
        "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
    fi
    if ! command -v ip >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq iproute2 >/dev/null
    fi
    cargo build --quiet --bin agent-builder
    command -v unshare >/dev/null 2>&1 || {
        echo "fuzz: unshare (util-linux) is needed to keep the run off the network" >&2
        exit 1
    }
    AB_FUZZ_ISOLATED=1 exec unshare --net -- bash "$ROOT/infra/fuzz-api.sh" "$@"
fi

# Inside the namespace: only loopback, which starts down.
ip link set lo up
export AB_DDB_PORT="${AB_FUZZ_DDB_PORT:-8400}"
export AB_SQS_PORT="${AB_FUZZ_SQS_PORT:-5400}"
export AB_RUN_DIR="$LOCAL_DIR/fuzz-run"
mkdir -p "$AB_RUN_DIR"
work="$(mktemp -d)"
# shellcheck source=infra/lib/dev-stack.sh
source infra/lib/dev-stack.sh

cleanup() {
    stop_dev_stack
    bash infra/emulators.sh stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

key_file="$work/dev-api-key"
# A daily job limit the run cannot reach, so POSTs keep exercising the 201 path throughout
# (the 429 answer and its headers are checked by tests/integration/api_http.rs).
start_dev_stack "$PORT" "$key_file" "$work/dev.log" --daily-job-limit 1000000
KEY="$(cat "$key_file")"

# Checks: all of them, except
#  - positive_data_acceptance: it expects every schema-valid body to be accepted, but what makes
#    a website_url acceptable (a public host with a dot, no private address in any notation,
#    ports 80/443, no credentials), "at least one field, not blank" and the 64 KiB cap on the
#    whole body are not expressible in JSON Schema, so valid-looking bodies are rightly answered
#    400. negative_data_rejection (schema-invalid input must get a 4xx) still runs.
start=$SECONDS
set +e
# Run from the run dir, so that Hypothesis' and schemathesis' caches (.hypothesis/, and the crash
# files `schemathesis replay` reads from .schemathesis/) land there and not in the work tree.
(cd "$AB_RUN_DIR" && "$VENV/bin/schemathesis" run "$ROOT/openapi.yaml" \
    --url "http://127.0.0.1:$PORT" \
    --header "Authorization: Bearer $KEY" \
    --checks all \
    --exclude-checks positive_data_acceptance \
    --seed "$SEED" \
    --max-examples "$MAX_EXAMPLES" \
    --workers 1 \
    --generation-database none \
    --request-timeout 10 \
    --no-color \
    "$@") 2>&1 | tee "$work/schemathesis.log"
status=${PIPESTATUS[0]}
set -e
elapsed=$((SECONDS - start))

# From the summary line `N generated, K found K unique failures, S skipped` (or `N generated,
# N passed`).
summary="$(grep -A1 -E '^Test cases:' "$work/schemathesis.log" | tail -1 || true)"
generated="$(sed -nE 's/^ *([0-9]+) generated.*/\1/p' <<<"$summary")"
failed="$(sed -nE 's/.* ([0-9]+) found .*/\1/p' <<<"$summary")"
if [[ $status != 0 || -z "$generated" ]]; then
    echo "--- last lines of the dev server's log" >&2
    tail -40 "$work/dev.log" >&2 || true
    failed="${failed:-0}"
    [[ $failed -gt 0 ]] || failed=1
    echo "fuzz: schemathesis exited $status after ${elapsed}s" >&2
    echo "fuzz: $(( ${generated:-0} > failed ? ${generated:-0} - failed : 0 )) passed, $failed failed"
    exit 1
fi
echo "fuzz: $generated test cases, no failure, in ${elapsed}s"
echo "fuzz: $generated passed, 0 failed"
