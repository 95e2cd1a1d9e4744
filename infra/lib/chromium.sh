#!/usr/bin/env bash
# Makes sure a headless Chromium is installed for rendering JavaScript-built pages.
#   source infra/lib/chromium.sh && ensure_chromium
# Uses CHROMIUM_PATH, or any chromium-headless-shell / chromium on PATH; otherwise installs
# Debian's chromium-headless-shell (about 220 MB, ~25 s) when this shell is root with apt-get.
# Never fails the caller: without a browser, rendering reports itself unavailable and jobs go on.

ensure_chromium() {
    if [[ -n "${CHROMIUM_PATH:-}" && -x "${CHROMIUM_PATH}" ]]; then
        return 0
    fi
    local name
    for name in chromium-headless-shell chromium chromium-browser google-chrome-stable google-chrome; do
        if command -v "$name" >/dev/null 2>&1; then
            return 0
        fi
    done
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing chromium-headless-shell to render JavaScript-built pages (first use only)…" >&2
        if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null; then
            return 0
        fi
        echo "warning: installing chromium-headless-shell failed; pages that need a browser will not be rendered" >&2
        return 0
    fi
    echo "warning: no Chromium found: install chromium-headless-shell (sudo apt-get install -y chromium-headless-shell) or set CHROMIUM_PATH; pages that need a browser will not be rendered" >&2
}
