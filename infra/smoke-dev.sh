#!/usr/bin/env bash
# The README's walk-through, run for real: start the local stack with the one command
# (infra/dev.sh), serve a small business site on 127.0.0.1, create a job for it and an
# instructions-only job with curl, poll both until they finish, and check the results.
# Exits non-zero when anything a new user would do fails. Used by .ci/run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PORT="${AB_SMOKE_PORT:-3900}"
SITE_PORT="${AB_SMOKE_SITE_PORT:-3901}"
export AB_DDB_PORT="${AB_SMOKE_DDB_PORT:-8300}"
export AB_SQS_PORT="${AB_SMOKE_SQS_PORT:-5300}"
export AB_RUN_DIR="${AB_LOCAL_DIR:-$ROOT/.local}/smoke-run"
work="$(mktemp -d)"
site_pid=""
# shellcheck source=infra/lib/dev-stack.sh
source infra/lib/dev-stack.sh

cleanup() {
    stop_dev_stack
    [[ -n "$site_pid" ]] && kill "$site_pid" 2>/dev/null || true
    bash infra/emulators.sh stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/site"
cat >"$work/site/index.html" <<'HTML'
<!doctype html><html lang="en"><head>
<title>Harbor View Dental | Family & Cosmetic Dentistry</title>
<meta property="og:site_name" content="Harbor View Dental">
<meta name="description" content="Gentle family and cosmetic dentistry on the waterfront.">
</head><body><h1>Harbor View Dental</h1></body></html>
HTML
python3 -m http.server "$SITE_PORT" --bind 127.0.0.1 --directory "$work/site" >"$work/site.log" 2>&1 &
site_pid=$!

key_file="$work/dev-api-key"
start_dev_stack "$PORT" "$key_file" "$work/dev.log" --allow-private-network
KEY="$(cat "$key_file")"
API="http://127.0.0.1:$PORT"

create() {
    curl -s -X POST "$API/agent-builder" -H "Authorization: Bearer $KEY" \
        -H 'Content-Type: application/json' -d "$1"
}
job_id() { python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["job_id"])'; }
wait_job() {
    local body
    for _ in $(seq 1 100); do
        body="$(curl -s "$API/agent-builder/$1" -H "Authorization: Bearer $KEY")"
        if grep -qE '"status":"(completed|failed)"' <<<"$body"; then
            echo "$body"
            return 0
        fi
        sleep 0.3
    done
    echo "job $1 did not finish: $body" >&2
    return 1
}

site_job="$(create "{\"website_url\":\"http://127.0.0.1:$SITE_PORT\",\"instructions\":\"Focus on booking appointments\"}" | job_id)"
text_job="$(create '{"instructions":"Focus on customer support for our SaaS product"}' | job_id)"
site_result="$(wait_job "$site_job")"
text_result="$(wait_job "$text_job")"
echo "website job:      $site_result"
echo "instructions job: $text_result"
grep -q '"status":"completed"' <<<"$site_result"
grep -q '"agent_id"' <<<"$site_result"
grep -q '"status":"completed"' <<<"$text_result"
unauthorized="$(curl -s -o /dev/null -w '%{http_code}' "$API/agent-builder/$site_job")"
[[ "$unauthorized" == 401 ]]
echo "smoke: 2 passed, 0 failed"
