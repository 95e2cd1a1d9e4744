//! One thread for the CPU work on pages: parsing, extraction, assessing whether a page needs a
//! browser. Each regex keeps a search cache per thread that has used it (up to MiBs for the
//! larger Unicode patterns), so pages read on whichever of tokio's blocking threads was free
//! cost a copy of every cache per thread. The crawler reads one page at a time anyway.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::sync::LazyLock;

type Work = Box<dyn FnOnce() + Send>;

static QUEUE: LazyLock<mpsc::Sender<Work>> = LazyLock::new(|| {
    let (sender, receiver) = mpsc::channel::<Work>();
    std::thread::Builder::new()
        .name("pages".to_owned())
        .spawn(move || {
            for work in receiver {
                work();
            }
        })
        .expect("could not start the page thread");
    sender
});

/// Runs `work` on the page thread, after the work queued before it. A panic in `work` is
/// returned as `Err`, as `tokio::task::spawn_blocking` returns it, and the thread goes on.
pub async fn run<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> std::thread::Result<T> {
    let (done, result) = tokio::sync::oneshot::channel();
    let work: Work = Box::new(move || {
        // The caller may have stopped waiting (its crawl ran out of time): nothing to tell.
        let _ = done.send(std::panic::catch_unwind(AssertUnwindSafe(work)));
    });
    QUEUE
        .send(work)
        .expect("the page thread never stops: every panic is caught");
    // Waited for from tokio's blocking pool, as `spawn_blocking` work is waited for: a runtime
    // whose clock is paused (tests) then does not jump ahead while a page is being read.
    tokio::task::spawn_blocking(move || result.blocking_recv())
        .await
        .expect("waiting for the page thread does not panic")
        .expect("the page thread never stops: every panic is caught")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_runs_on_one_thread_and_a_panic_comes_back_as_an_error() {
        let first = run(|| std::thread::current().id()).await.unwrap();
        let panicked = run(|| panic!("a page broke the parser")).await;
        assert!(panicked.is_err());
        let after = run(|| std::thread::current().id()).await.unwrap();
        assert_eq!(first, after);
        assert_ne!(first, std::thread::current().id());
    }

    #[tokio::test(start_paused = true)]
    async fn a_paused_clock_does_not_run_ahead_while_a_page_is_read() {
        let start = tokio::time::Instant::now();
        let timed = tokio::time::timeout(
            std::time::Duration::from_secs(1),
            run(|| std::thread::sleep(std::time::Duration::from_millis(300))),
        )
        .await;
        assert!(
            timed.is_ok(),
            "the paused clock ran out while the page thread worked"
        );
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }
}
