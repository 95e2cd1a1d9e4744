# Shared by the scripts that drive the local stack through infra/dev.sh (smoke test, API fuzz).
# Source it; it defines:
#   start_dev_stack PORT KEY_FILE LOG [agent-builder dev args…]  → sets DEV_PID, waits until the
#       server answers and the demo key is written, exits (with the log) if it dies or never does
#   stop_dev_stack                                              → Ctrl-C to the stack, then waits
# The emulator ports and run dir come from AB_DDB_PORT / AB_SQS_PORT / AB_RUN_DIR as usual.

DEV_PID=""

start_dev_stack() {
    local port=$1 key_file=$2 log=$3
    shift 3
    setsid bash infra/dev.sh --port "$port" --key-file "$key_file" "$@" >"$log" 2>&1 &
    DEV_PID=$!
    echo "waiting for the dev server on 127.0.0.1:$port"
    for _ in $(seq 1 600); do
        if [[ -s "$key_file" ]] && curl -s -o /dev/null "http://127.0.0.1:$port/"; then
            return 0
        fi
        if ! kill -0 "$DEV_PID" 2>/dev/null; then
            tail -60 "$log" >&2
            echo "the dev server exited" >&2
            exit 1
        fi
        sleep 0.5
    done
    tail -60 "$log" >&2
    echo "the dev server did not come up" >&2
    exit 1
}

stop_dev_stack() {
    [[ -n "$DEV_PID" ]] || return 0
    kill -INT -- "-$DEV_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
        kill -0 "$DEV_PID" 2>/dev/null || break
        sleep 0.2
    done
}
