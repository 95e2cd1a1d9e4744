#!/usr/bin/env bash
# The HTTP functions must not compile the crawler, the extractors or the model SDKs: their zips,
# build times and attack surface stay those of an API over DynamoDB and SQS. Fails (exit 1) and
# names the crate and the function when one of them comes back through any dependency path.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

forbidden=(scraper html5ever phonenumber robotstxt quick-xml aws-sdk-bedrockruntime)
status=0
for function in create-job get-job; do
    tree="$(cargo tree -p "$function" -e normal --prefix none --format '{p}')"
    for crate in "${forbidden[@]}"; do
        if grep -qE "^${crate} v" <<<"$tree"; then
            echo "check-deps: $function depends on $crate:" >&2
            cargo tree -p "$function" -e normal -i "$crate" >&2 || true
            status=1
        fi
    done
done
# The core crate stays free of every adapter and of the engine.
core="$(cargo tree -p agent-builder-core -e normal --prefix none --format '{p}')"
for crate in agent-builder-aws agent-builder-api agent-builder-engine lambda_http aws-config reqwest; do
    if grep -qE "^${crate} v" <<<"$core"; then
        echo "check-deps: agent-builder-core depends on $crate" >&2
        status=1
    fi
done
if [[ $status -eq 0 ]]; then
    echo "check-deps: create-job and get-job compile none of ${forbidden[*]}; core depends on no adapter"
fi
exit $status
