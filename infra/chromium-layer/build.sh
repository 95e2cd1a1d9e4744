#!/usr/bin/env bash
# Builds the Chromium Lambda layer from the npm package @sparticuz/chromium (a Chromium built for
# Lambda, x86_64 only): the brotli-packed binary and its libraries are unpacked here, at build time,
# so a cold start does not spend a second or two decompressing ~70 MB into /tmp.
#   bash infra/chromium-layer/build.sh OUT_DIR
# Layout in the layer (mounted at /opt): /opt/chromium/chromium, /opt/chromium/lib/*.so,
# /opt/chromium/fonts. Works offline once the package is in npm's cache (`npm pack --offline`).
set -euo pipefail
VERSION="${SPARTICUZ_CHROMIUM_VERSION:-153.0.0}"
OUT="${1:?usage: build.sh OUT_DIR}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

( cd "$WORK" && { npm pack --silent --offline "@sparticuz/chromium@$VERSION" 2>/dev/null \
    || npm pack --silent "@sparticuz/chromium@$VERSION"; } >/dev/null )
tar -xzf "$WORK"/sparticuz-chromium-*.tgz -C "$WORK"
BIN="$WORK/package/bin"

# node's zlib has brotli; no extra tool is needed.
unbrotli() { node -e 'const z=require("zlib"),f=require("fs");f.writeFileSync(process.argv[2],z.brotliDecompressSync(f.readFileSync(process.argv[1])))' "$1" "$2"; }

mkdir -p "$OUT/chromium"
unbrotli "$BIN/chromium.br" "$OUT/chromium/chromium"
chmod 755 "$OUT/chromium/chromium"
for pack in al2023 fonts swiftshader; do
    unbrotli "$BIN/$pack.tar.br" "$WORK/$pack.tar"
    tar -xf "$WORK/$pack.tar" -C "$OUT/chromium"
done
du -sh "$OUT/chromium" >&2
