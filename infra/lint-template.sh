#!/usr/bin/env bash
# Security and SAM checks of template.yaml, offline (CI runs this):
#   bash infra/lint-template.sh
#
# - checkov (Bridgecrew/Prisma's IaC scanner): every check must pass or be skipped in the
#   resource's Metadata with the reason next to it.
# - `sam validate --lint`: the SAM translator plus cfn-lint, as `sam deploy` sees the template.
#   It needs a region and credentials to exist, not to be valid: nothing is sent to AWS.
#
# Each tool gets its own venv under AB_LOCAL_DIR (default .local) because their pins conflict.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

LOCAL_DIR="${AB_LOCAL_DIR:-$ROOT/.local}"
CHECKOV_SPEC="checkov==3.3.30"
SAM_SPEC="aws-sam-cli==1.170.0"

venv_with() { # dir spec → installs spec into the venv at dir unless already there
    local dir=$1 spec=$2
    if [[ -f "$dir/.installed" && "$(cat "$dir/.installed")" == "$spec" ]]; then
        return 0
    fi
    rm -rf "$dir"
    python3 -m venv "$dir"
    "$dir/bin/pip" install --disable-pip-version-check --quiet "$spec" >&2
    printf '%s\n' "$spec" >"$dir/.installed"
}

venv_with "$LOCAL_DIR/lint/checkov" "$CHECKOV_SPEC"
venv_with "$LOCAL_DIR/lint/sam" "$SAM_SPEC"

echo "checkov $("$LOCAL_DIR/lint/checkov/bin/checkov" --version)"
# --quiet prints only failed checks; a failed check exits non-zero.
"$LOCAL_DIR/lint/checkov/bin/checkov" --file template.yaml --framework cloudformation \
    --quiet --compact --skip-download

echo "$("$LOCAL_DIR/lint/sam/bin/sam" --version)"
AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
    SAM_CLI_TELEMETRY=0 AWS_EC2_METADATA_DISABLED=true \
    "$LOCAL_DIR/lint/sam/bin/sam" validate --lint --template-file template.yaml
