#!/usr/bin/env bash
# The sample events through the real Lambda entry points, without Docker: `cargo lambda watch`
# runs the three functions behind a local Lambda Runtime API and `cargo lambda invoke` sends
# them infra/events/*.json, against the emulators. The functions' environment is the file
# `agent-builder provision --sam-env-json` writes for `sam local invoke --env-vars` (flattened
# into cargo lambda's KEY=VALUE form), and the events keep the API key they carry, which that
# command registers — so this checks what a `sam local invoke` user gets.
#
#   bash infra/lambda-invoke.sh
#
# Where Docker exists: `sam build`, then
# `sam local invoke CreateJobFunction --env-vars env.json --docker-network host -e infra/events/create-job.json`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export AB_LOCAL_DIR="${AB_LOCAL_DIR:-$ROOT/.local}"
export AB_RUN_DIR="${AB_LAMBDA_RUN_DIR:-$AB_LOCAL_DIR/lambda-run}"
export AB_DDB_PORT="${AB_LAMBDA_DDB_PORT:-8500}"
export AB_SQS_PORT="${AB_LAMBDA_SQS_PORT:-5500}"
INVOKE_PORT="${AB_LAMBDA_INVOKE_PORT:-9500}"
VENV="$AB_LOCAL_DIR/venv"
work="$(mktemp -d)"
watch_pid=""

cleanup() {
    [[ -n "$watch_pid" ]] && kill -- "-$watch_pid" 2>/dev/null || true
    bash infra/emulators.sh stop >/dev/null 2>&1 || true
    if [[ -n "${AB_KEEP_LOGS:-}" ]]; then cp "$work/watch.log" "$AB_KEEP_LOGS"; fi
    rm -rf "$work"
}
trap cleanup EXIT

bash infra/emulators.sh install
[[ -x "$VENV/bin/cargo-lambda" ]] || "$VENV/bin/pip" install -q 'cargo-lambda==1.9.2'
export PATH="$VENV/bin:$PATH"
bash infra/emulators.sh start
eval "$(bash infra/emulators.sh env)"

cargo build --quiet --bin agent-builder --bin create-job --bin get-job --bin worker
target="${CARGO_TARGET_DIR:-target}"
[[ "$target" == /* ]] || target="$ROOT/$target"
bin="$target/debug/agent-builder"
"$bin" provision --prefix lambda-invoke --sam-env-json "$work/env.json"
{
    # What SAM would add from the shell: credentials and Region (the emulators take any).
    bash infra/emulators.sh env | sed -e 's/^export //' | grep -v '^AWS_ENDPOINT_URL'
    # cargo lambda watch takes one environment for all functions: the union of env.json's
    # (the functions agree on every variable they share).
    python3 - "$work/env.json" <<'PY'
import json, sys
merged = {}
for function, variables in json.load(open(sys.argv[1])).items():
    for name, value in variables.items():
        if merged.setdefault(name, value) != value:
            sys.exit(f"{function} sets {name}={value!r}, another function {merged[name]!r}")
for name, value in sorted(merged.items()):
    print(f"{name}={value}")
PY
    echo "RUST_LOG=${AB_LAMBDA_LOG:-warn}"
} >"$work/env"
set -a
# shellcheck disable=SC1091
source "$work/env"
set +a

setsid cargo lambda watch --env-file "$work/env" --invoke-port "$INVOKE_PORT" >"$work/watch.log" 2>&1 &
watch_pid=$!
# The emulator listens once watch has started (slower on a busy machine): wait for the port.
for _ in $(seq 1 240); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$INVOKE_PORT") 2>/dev/null || (exec 3<>/dev/tcp/::1/"$INVOKE_PORT") 2>/dev/null; then
        break
    fi
    if ! kill -0 "$watch_pid" 2>/dev/null; then
        cat "$work/watch.log" >&2
        echo "cargo lambda watch exited" >&2
        exit 1
    fi
    sleep 0.5
done

invoke() { # function, event file → response JSON on stdout (retried while the emulator starts)
    local attempt
    for attempt in 1 2 3 4 5 6; do
        if timeout 300 cargo lambda invoke "$1" --data-file "$2" --invoke-port "$INVOKE_PORT" 2>>"$work/invoke.log"; then
            return 0
        fi
        grep -q "Connection refused" "$work/invoke.log" || return 1
        sleep "$attempt"
    done
    return 1
}
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }

# create-job: the sample event, its key unchanged, with an instructions-only body (no network).
python3 - "$work/create.json" <<'PY'
import json, sys
event = json.load(open("infra/events/create-job.json"))
event["body"] = json.dumps({"instructions": "Focus on booking appointments for Bluebird Dental"})
event["headers"].pop("content-length", None)
json.dump(event, open(sys.argv[1], "w"))
PY
echo "invoking create-job (the first invoke compiles and starts the function)"
created="$(invoke create-job "$work/create.json")" || { cat "$work/watch.log" "$work/invoke.log" >&2; exit 1; }
echo "create-job: $created"
[[ "$(field "['statusCode']" <<<"$created")" == 201 ]]
job_id="$(field "['body']" <<<"$created" | field "['data']['job_id']")"

# worker: the sample SQS batch, naming this job.
python3 - "$job_id" "$work/batch.json" <<'PY'
import json, sys
event = json.load(open("infra/events/worker-sqs-batch.json"))
event["Records"] = event["Records"][:1]
event["Records"][0]["body"] = json.dumps({"job_id": sys.argv[1]})
json.dump(event, open(sys.argv[2], "w"))
PY
batch="$(invoke worker "$work/batch.json")"
echo "worker: $batch"
[[ "$(field "['batchItemFailures']" <<<"$batch")" == "[]" ]]

# get-job: the sample event (its key unchanged) for this job.
python3 - "$job_id" "$work/get.json" <<'PY'
import json, sys
event = json.load(open("infra/events/get-job.json"))
old = event["pathParameters"]["job_id"]
event = json.loads(json.dumps(event).replace(old, sys.argv[1]))
json.dump(event, open(sys.argv[2], "w"))
PY
got="$(invoke get-job "$work/get.json")"
echo "get-job: $got"
[[ "$(field "['statusCode']" <<<"$got")" == 200 ]]
[[ "$(field "['body']" <<<"$got" | field "['data']['status']")" == completed ]]
echo "lambda-invoke: 3 passed, 0 failed"
