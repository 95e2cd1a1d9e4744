//! Structured logging set-up shared by every entry point.

use tracing_subscriber::EnvFilter;

/// JSON logs (CloudWatch and log tooling parse them), filtered by `RUST_LOG` (default `info`, parser warnings off).
/// Lambda adds its own timestamps, so none are printed. The span list carries the runtime's
/// `requestId` (and X-Ray trace id) alongside our `job_id` and `workspace_id`.
pub fn init_json_logs() {
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter())
        .with_current_span(true)
        .with_span_list(true)
        .without_time()
        .with_target(false)
        .try_init();
}

/// Human-readable logs for local commands, on stderr.
pub fn init_text_logs() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter())
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

fn filter() -> EnvFilter {
    // html5ever warns about every parse quirk of every page it reads ("foster parenting not
    // implemented"): page defects, not ours, and one log line each would cost more than the job.
    EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,html5ever=error,selectors=error"))
}
