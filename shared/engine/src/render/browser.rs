//! One headless Chromium process for one page: started in its own process group with the
//! DevTools pipe on fds 3/4, every request sent through the guard proxy, its memory watched,
//! and the whole group killed when the page is done, over its memory, or out of time.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::unix::pipe;
use tokio::sync::mpsc;

use super::cdp::{Cdp, Event};
use super::RenderError;

/// Names the browser goes by in Debian's packages and elsewhere, most suitable first.
const BROWSER_NAMES: &[&str] = &[
    "chromium-headless-shell",
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
    "google-chrome",
];

/// Where a Lambda layer or a manual install may put it.
const BROWSER_PATHS: &[&str] = &[
    "/opt/chromium/chromium",
    "/tmp/chromium",
    "/usr/lib/chromium/chromium",
    "/usr/lib/chromium-headless-shell/chromium-headless-shell",
];

/// The browser to run: `configured` if given, else the first on `PATH` or in a known place.
pub fn find_browser(configured: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = configured {
        return is_executable(path).then(|| path.to_path_buf());
    }
    if let Some(found) = BROWSER_NAMES.iter().find_map(|name| find_on_path(name)) {
        return Some(found);
    }
    BROWSER_PATHS
        .iter()
        .map(PathBuf::from)
        .find(|p| is_executable(p))
}

/// `name` in a directory of `PATH`, if it is there and executable.
pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path_var = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path_var)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// How one browser is started and bounded.
#[derive(Debug, Clone)]
pub struct LaunchOptions {
    pub executable: PathBuf,
    pub proxy: std::net::SocketAddr,
    pub user_agent: String,
    /// The browser's processes together may use at most this much resident memory.
    pub max_rss_bytes: u64,
}

pub struct Browser {
    pub cdp: Arc<Cdp>,
    pub events: mpsc::UnboundedReceiver<Event>,
    child: tokio::process::Child,
    pgid: i32,
    profile: PathBuf,
    peak_rss: Arc<AtomicU64>,
    over_memory: Arc<AtomicBool>,
    watchdog: tokio::task::JoinHandle<()>,
}

impl Browser {
    pub async fn launch(options: &LaunchOptions) -> Result<Self, RenderError> {
        let profile = std::env::temp_dir().join(format!(
            "agent-builder-chromium-{}",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&profile).map_err(|e| RenderError::Launch(e.to_string()))?;
        let (browser_reads, we_write) = cloexec_pipe()?;
        let (we_read, browser_writes) = cloexec_pipe()?;
        let heap_mb = (options.max_rss_bytes / (1024 * 1024) / 2).clamp(64, 1024);
        let mut command = tokio::process::Command::new(&options.executable);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-zygote",
                "--remote-debugging-pipe",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-default-apps",
                "--disable-domain-reliability",
                "--disable-extensions",
                "--disable-sync",
                "--disable-breakpad",
                "--disable-crash-reporter",
                "--metrics-recording-only",
                "--mute-audio",
                "--hide-scrollbars",
                "--disable-quic",
                "--dns-prefetch-disable",
                "--block-new-web-contents",
                "--blink-settings=imagesEnabled=false",
                "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
                "--webrtc-ip-handling-policy=disable_non_proxied_udp",
                "--disable-features=Translate,MediaRouter,OptimizationHints,InterestFeedContentSuggestions,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
                "--window-size=1280,900",
                // Loopback too goes through the guard, not around it.
                "--proxy-bypass-list=<-loopback>",
            ])
            .arg(format!("--proxy-server=http://{}", options.proxy))
            .arg(format!("--user-agent={}", options.user_agent))
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--js-flags=--max-old-space-size={heap_mb}"))
            .arg("about:blank")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true);
        let (read_fd, write_fd) = (browser_reads.as_raw_fd(), browser_writes.as_raw_fd());
        // SAFETY: between fork and exec only async-signal-safe calls (setpgid, fcntl, dup2,
        // close) on descriptors this function owns.
        unsafe {
            command.pre_exec(move || {
                if libc::setpgid(0, 0) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // Move both ends clear of 3 and 4 first, so neither dup2 clobbers the other.
                let high_read = libc::fcntl(read_fd, libc::F_DUPFD, 10);
                let high_write = libc::fcntl(write_fd, libc::F_DUPFD, 10);
                if high_read < 0
                    || high_write < 0
                    || libc::dup2(high_read, 3) < 0
                    || libc::dup2(high_write, 4) < 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                libc::close(high_read);
                libc::close(high_write);
                Ok(())
            });
        }
        let child = command.spawn().map_err(|e| {
            let _ = std::fs::remove_dir_all(&profile);
            RenderError::Launch(format!("{}: {e}", options.executable.display()))
        })?;
        drop(browser_reads);
        drop(browser_writes);
        let pgid = child.id().map_or(0, |id| id as i32);
        let to_browser = pipe::Sender::from_file(std::fs::File::from(we_write))
            .map_err(|e| RenderError::Launch(e.to_string()))?;
        let from_browser = pipe::Receiver::from_file(std::fs::File::from(we_read))
            .map_err(|e| RenderError::Launch(e.to_string()))?;
        let (cdp, events) = Cdp::new(to_browser, from_browser);
        let peak_rss = Arc::new(AtomicU64::new(0));
        let over_memory = Arc::new(AtomicBool::new(false));
        let watchdog = tokio::spawn(watch_memory(
            pgid,
            options.max_rss_bytes,
            peak_rss.clone(),
            over_memory.clone(),
        ));
        Ok(Self {
            cdp: Arc::new(cdp),
            events,
            child,
            pgid,
            profile,
            peak_rss,
            over_memory,
            watchdog,
        })
    }

    /// The most memory (proportional set size) the browser's processes used together, sampled.
    pub fn peak_rss_bytes(&self) -> u64 {
        self.peak_rss.load(Ordering::Relaxed)
    }

    /// The watchdog killed the browser for using too much memory.
    pub fn was_over_memory(&self) -> bool {
        self.over_memory.load(Ordering::Relaxed)
    }

    /// Whether the browser process has exited (crashed or killed).
    pub fn has_exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }
}

impl Browser {
    /// Kills the browser's process group, waits for it, and removes its profile directory.
    pub async fn shutdown(mut self) {
        self.watchdog.abort();
        kill_group(self.pgid);
        let _ = self.child.start_kill();
        let _ = tokio::time::timeout(Duration::from_secs(2), self.child.wait()).await;
        let profile = std::mem::take(&mut self.profile);
        let _ = tokio::task::spawn_blocking(move || std::fs::remove_dir_all(profile)).await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.watchdog.abort();
        kill_group(self.pgid);
        let _ = self.child.start_kill();
        if self.profile.as_os_str().is_empty() {
            return;
        }
        // Dropped without `shutdown` (its render was cancelled): clean up off this thread.
        let profile = std::mem::take(&mut self.profile);
        // The profile is a few MB of files: removed off the async workers.
        std::thread::spawn(move || {
            // Give the killed processes a moment to let go of their files.
            std::thread::sleep(Duration::from_millis(200));
            let _ = std::fs::remove_dir_all(profile);
        });
    }
}

fn kill_group(pgid: i32) {
    if pgid > 1 {
        // SAFETY: signalling a process group this module created; no memory is touched.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
}

fn cloexec_pipe() -> Result<(OwnedFd, OwnedFd), RenderError> {
    let mut fds = [0i32; 2];
    // SAFETY: `fds` is a valid two-int buffer; on success both descriptors are new and ours.
    let rc = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
    if rc != 0 {
        return Err(RenderError::Launch(
            std::io::Error::last_os_error().to_string(),
        ));
    }
    // SAFETY: pipe2 succeeded, so both are open descriptors owned by nobody else.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// Samples the resident memory of every process in the browser's group; over `limit`, kills
/// the group (a page allocating until it dies must not take the worker with it).
async fn watch_memory(pgid: i32, limit: u64, peak: Arc<AtomicU64>, over: Arc<AtomicBool>) {
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    loop {
        tick.tick().await;
        let rss = tokio::task::spawn_blocking(move || group_rss_bytes(pgid))
            .await
            .unwrap_or(0);
        peak.fetch_max(rss, Ordering::Relaxed);
        if rss > limit {
            tracing::warn!(rss, limit, "browser over its memory limit; killed");
            over.store(true, Ordering::Relaxed);
            kill_group(pgid);
            return;
        }
    }
}

/// Memory of all live processes whose process group is `pgid`, from `/proc`: each process's
/// proportional set size (its private pages plus its share of pages it shares with the others),
/// so the browser's one big binary mapped into six processes is counted once, not six times.
pub fn group_rss_bytes(pgid: i32) -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    let mut total = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // Fields after the command name, which may itself hold spaces and parentheses.
        let Some(rest) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
            continue;
        };
        // state ppid pgrp …
        let group = rest
            .split_whitespace()
            .nth(2)
            .and_then(|g| g.parse::<i32>().ok());
        if group != Some(pgid) {
            continue;
        }
        total += std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
            .ok()
            .and_then(|rollup| {
                rollup
                    .lines()
                    .find(|l| l.starts_with("Pss:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|kb| kb.parse::<u64>().ok())
            })
            .unwrap_or(0)
            * 1024;
    }
    total
}
