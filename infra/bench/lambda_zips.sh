#!/usr/bin/env bash
# Zip sizes and cold start of the three Lambda bootstraps, both architectures:
#   x86_64: `cargo build --release` (the workspace's release profile: lto, codegen-units = 1,
#           panic = unwind, stripped, size-optimised SDKs) — sizes and init time (cold_start.py),
#           beside infra/bench/minimal-function (a lambda_runtime function that does nothing,
#           same profile): the floor each function's cold start is compared with in the same run
#   arm64:  `cargo lambda build --release --arm64` (cargo-lambda + zig, as `sam build` does) —
#           sizes only: an arm64 binary does not run on this x86_64 machine
# The arm64 build goes to its own target dir (default $AB_LOCAL_DIR/target-arm64), so it never
# holds the shared one's lock; it runs at low CPU priority.
#
#   bash infra/bench/lambda_zips.sh              (RUNS=50 STRACE=1 are passed to cold_start.py)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
LOCAL_DIR="${AB_LOCAL_DIR:-$ROOT/.local}"
VENV="$LOCAL_DIR/venv"
ARM_TARGET="${AB_ARM64_TARGET_DIR:-$LOCAL_DIR/target-arm64}"
target="${CARGO_TARGET_DIR:-target}"
[[ "$target" == /* ]] || target="$ROOT/$target"
functions=(create-job get-job worker job-reaper)

cargo build --release --quiet "${functions[@]/#/--bin=}" --bin=minimal-function
x86=()
for f in "${functions[@]}" minimal-function; do x86+=("$target/release/$f"); done
echo "== x86_64 (cargo build --release)"
STRACE="${STRACE:-1}" RUNS="${RUNS:-50}" python3 infra/bench/cold_start.py "${x86[@]}"

# cargo-lambda and zig from PyPI into the emulators' venv, as infra/lambda-invoke.sh does.
bash infra/emulators.sh install >/dev/null
[[ -x "$VENV/bin/cargo-lambda" ]] || "$VENV/bin/pip" install -q 'cargo-lambda==1.9.2'
[[ -x "$VENV/bin/python-zig" ]] || "$VENV/bin/pip" install -q ziglang
rustup target list --installed | grep -q aarch64-unknown-linux-gnu || rustup target add aarch64-unknown-linux-gnu
# (cargo-lambda 1.9 passes --target-dir on to `cargo metadata`, which refuses it: use the env.)
PATH="$VENV/bin:$PATH" CARGO_TARGET_DIR="$ARM_TARGET" nice -n 19 cargo lambda build --release --arm64 \
    --quiet "${functions[@]/#/--bin=}"
arm=()
for f in "${functions[@]}"; do arm+=("$ARM_TARGET/lambda/$f/bootstrap"); done
echo "== arm64 (cargo lambda build --release --arm64)"
python3 infra/bench/cold_start.py "${arm[@]}"
