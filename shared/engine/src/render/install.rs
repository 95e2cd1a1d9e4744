//! Installing the browser on a developer's Debian machine the first time a page needs it:
//! `apt-get install chromium-headless-shell` (the headless build, ~220 MB, no display needed).

use std::process::Stdio;

/// The Debian package installed, and what to tell people who are not root or not on Debian.
pub const PACKAGE: &str = "chromium-headless-shell";

/// Installs the browser when this process may (root, with apt-get); logs why not otherwise.
/// Never fails: without a browser, rendering reports itself unavailable.
pub async fn install_chromium() {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let apt = super::browser::find_on_path("apt-get");
    if !root || apt.is_none() {
        tracing::warn!(
            "no browser to render JavaScript pages with: install {PACKAGE} (apt-get install -y {PACKAGE}) or set CHROMIUM_PATH"
        );
        return;
    }
    tracing::info!("installing {PACKAGE} to render JavaScript pages (once)");
    eprintln!("Installing {PACKAGE} to render JavaScript-built pages (first use only)…");
    let status = tokio::process::Command::new("sh")
        .args([
            "-c",
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .status()
        .await;
    match status {
        Ok(s) if s.success() => tracing::info!("{PACKAGE} installed"),
        Ok(s) => tracing::warn!(code = s.code(), "installing {PACKAGE} failed"),
        Err(e) => tracing::warn!(error = %e, "could not run apt-get"),
    }
}
