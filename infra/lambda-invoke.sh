#!/usr/bin/env bash
# The sample events through the real Lambda entry points, without Docker: `cargo lambda watch`
# runs the three functions behind a local Lambda Runtime API and `cargo lambda invoke` sends
# them infra/events/*.json, against the emulators. The functions' environment is the file
# `agent-builder provision --sam-env-json` writes for `sam local invoke --env-vars` (flattened
# into cargo lambda's KEY=VALUE form), and the events keep the API key they carry, which that
# command registers — so this checks what a `sam local invoke` user gets.
#
# Then the worker's path to the renderer function: the renderer runs under the same watch, and
# tests/integration/render_lambda.rs (ignored by default) runs a whole job whose worker calls it
# through aws-sdk-lambda on a client-routed single-page app (tests/fixtures/sites/spa, served on
# 127.0.0.1 and allowed by exactly its origin).
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
site_pid=""

cleanup() {
    [[ -n "$watch_pid" ]] && kill -- "-$watch_pid" 2>/dev/null || true
    [[ -n "$site_pid" ]] && kill "$site_pid" 2>/dev/null || true
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

# The renderer function reads JavaScript-built pages in headless Chromium.
# shellcheck source=lib/chromium.sh
source infra/lib/chromium.sh
ensure_chromium

cargo build --quiet --bin agent-builder --bin create-job --bin get-job --bin worker --bin renderer
target="${CARGO_TARGET_DIR:-target}"
[[ "$target" == /* ]] || target="$ROOT/$target"
bin="$target/debug/agent-builder"
"$bin" provision --prefix lambda-invoke --sam-env-json "$work/env.json"
# The single-page app: every route is its shell, /assets/ its script (port chosen by the OS).
python3 - tests/fixtures/sites/spa "$work/site.port" <<'PY' &
import http.server, os, sys
root, port_file = sys.argv[1], sys.argv[2]
class Spa(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/assets/") and ".." not in path and os.path.isfile(root + path):
            name, kind = root + path, "text/javascript"
        elif path in ("/", "/classes", "/contact"):
            name, kind = root + "/index.html", "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        body = open(name, "rb").read()
        self.send_response(200)
        self.send_header("content-type", kind)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Spa)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
PY
site_pid=$!
for _ in $(seq 1 100); do [[ -s "$work/site.port" ]] && break; sleep 0.1; done
site="http://127.0.0.1:$(cat "$work/site.port")"

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
    # The renderer function may reach exactly the fixture site's origin (everything else stays
    # guarded), with the Chromium ensure_chromium installed.
    echo "ALLOW_ORIGINS=$site"
    echo "CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium-headless-shell || command -v chromium || true)}"
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

# The worker's path to the renderer function: the worker (in the test, through the same wiring
# as the deployed one) with its Lambda client on this emulator and RENDERER_FUNCTION=renderer;
# the renderer function under watch reads the single-page app's routes in headless Chromium.
# (The worker itself is not run under watch for this: watch gives every invocation the fixed
# deadline 600000 ms since 1970, which leaves a crawl no time.)
echo "the worker -> renderer function path (render_lambda.rs; the first page builds and starts the function)"
AB_RENDERER_LAMBDA_ENDPOINT="http://127.0.0.1:$INVOKE_PORT" AB_RENDERER_SITE="$site" \
    cargo test --quiet -p agent-builder-tests --test integration \
    render_lambda::the_renderer_function_under_cargo_lambda_watch -- --ignored \
    || { tail -40 "$work/watch.log" >&2; exit 1; }
echo "lambda-invoke: 4 passed, 0 failed"
