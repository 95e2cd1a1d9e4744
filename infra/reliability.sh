#!/usr/bin/env bash
# Fault tests and soak with the release worker on the local stack (see infra/reliability/):
#   bash infra/reliability.sh            # faults, then the soak (200 jobs)
#   bash infra/reliability.sh faults     # only the fault tests
#   bash infra/reliability.sh soak       # only the soak (JOBS, KILL_PROBABILITY, WORKERS, SWEEP_S, …)
#
# Builds the worker and the job reaper in release (the profile Lambda runs) with the test-only
# `fault-injection` feature — which only adds AB_FAULT_PANIC_IN_EXTRACTION; `cargo lambda build`
# never enables it — and create-job / agent-builder in debug (they only set the stage). The
# binaries are copied to the run dir so a concurrent build cannot swap them mid-run.
# AB_REL_NO_BUILD=1 reuses the copies of an earlier run.
#
# Emulators on their own ports: AB_DDB_PORT (default 8400), AB_SQS_PORT (default 5400), run dir
# AB_REL_RUN_DIR (default $AB_LOCAL_DIR/reliability-run); stopped on exit if started here.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WHAT="${1:-all}"

export AB_LOCAL_DIR="${AB_LOCAL_DIR:-$ROOT/.local}"
export AB_RUN_DIR="${AB_REL_RUN_DIR:-$AB_LOCAL_DIR/reliability-run}"
export AB_DDB_PORT="${AB_DDB_PORT:-8400}"
export AB_SQS_PORT="${AB_SQS_PORT:-5400}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$AB_RUN_DIR/bin"
mkdir -p "$BIN"

if [[ -z "${AB_REL_NO_BUILD:-}" ]]; then
    cargo build --release -p worker -p job-reaper --features worker/fault-injection
    cargo build -p create-job -p agent-builder --bin create-job --bin agent-builder
    cp "$TARGET/release/worker" "$TARGET/release/job-reaper" "$BIN/"
    cp "$TARGET/debug/create-job" "$TARGET/debug/agent-builder" "$BIN/"
fi
export WORKER="$BIN/worker" REAPER="$BIN/job-reaper" CREATE_JOB="$BIN/create-job" AGENT_BUILDER="$BIN/agent-builder"

started_here=""
if ! bash infra/emulators.sh status >/dev/null 2>&1; then
    started_here=1
    bash infra/emulators.sh start
fi
stop_emulators() { [[ -z "$started_here" ]] || bash infra/emulators.sh stop || true; }
trap stop_emulators EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
eval "$(bash infra/emulators.sh env)"
export AWS_DEFAULT_REGION="${AWS_REGION:-us-east-1}"

PY="$AB_LOCAL_DIR/venv/bin/python" # has boto3 (moto's dependency)
case "$WHAT" in
faults) "$PY" infra/reliability/faults.py ;;
soak) "$PY" infra/reliability/soak.py ;;
all)
    "$PY" infra/reliability/faults.py
    "$PY" infra/reliability/soak.py
    ;;
*)
    echo "usage: bash infra/reliability.sh [all|faults|soak]" >&2
    exit 2
    ;;
esac
