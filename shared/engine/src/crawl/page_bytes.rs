//! The bytes of fetched pages a crawler holds at once: bodies being read, and bodies read and
//! waiting for the one parse slot. Without a bound, every fetch slot could hold a whole page
//! (6 × 2 MiB) that the parser is not ready for; with it, a fetch whose body would take the
//! total past the limit waits before reading more of it (the server's TCP window fills and it
//! waits too), and small pages never notice.
//!
//! Always able to finish: when every byte held belongs to bodies still being read (nothing
//! waiting to be parsed, which would free its bytes), one read at a time may go on past the
//! limit, so reads stalled by a slow server cannot hold up the others for longer than one
//! page; otherwise reads take their turn oldest first. At most the limit plus one page is held.
//! A read's bytes are given back when its [`HeldBytes`] is dropped: when its page has been
//! read, or its fetch failed, timed out or was dropped.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

pub struct PageBytes {
    limit: usize,
    state: Mutex<State>,
    /// Bytes were given back, or a read stopped waiting: waiters look again.
    changed: tokio::sync::Notify,
}

#[derive(Default)]
struct State {
    /// Bytes held by bodies still being read.
    reading: usize,
    /// Bytes held by bodies read (waiting for or in the parser).
    read: usize,
    next_ticket: u64,
    /// The read allowed past the limit, until it finishes.
    over: Option<u64>,
    /// Reads in progress, oldest first, and whether each is waiting for bytes.
    readers: BTreeMap<u64, bool>,
}

impl PageBytes {
    pub fn new(limit: usize) -> Arc<Self> {
        Arc::new(Self {
            limit,
            state: Mutex::new(State::default()),
            changed: tokio::sync::Notify::new(),
        })
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Bytes held now (being read or read and not yet given back).
    pub fn held(&self) -> usize {
        let state = self.lock();
        state.reading + state.read
    }

    /// A body starts being read: it holds nothing yet and takes its turn after the reads
    /// already in progress.
    pub fn start_reading(self: &Arc<Self>) -> HeldBytes {
        let mut state = self.lock();
        let ticket = state.next_ticket;
        state.next_ticket += 1;
        state.readers.insert(ticket, false);
        HeldBytes {
            budget: self.clone(),
            bytes: 0,
            ticket: Some(ticket),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().expect("page bytes poisoned")
    }
}

/// The bytes one page holds of its crawler's [`PageBytes`], given back when dropped.
pub struct HeldBytes {
    budget: Arc<PageBytes>,
    bytes: usize,
    /// Set while the body is being read.
    ticket: Option<u64>,
}

impl std::fmt::Debug for HeldBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HeldBytes")
            .field("bytes", &self.bytes)
            .field("reading", &self.ticket.is_some())
            .finish()
    }
}

impl HeldBytes {
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Waits until this read may hold `bytes` in all (its body's buffer is about to grow to
    /// that). Returns at once when it already holds as much or its read has finished.
    pub async fn grow_to(&mut self, bytes: usize) {
        let Some(ticket) = self.ticket else {
            return;
        };
        if bytes <= self.bytes {
            return;
        }
        let budget = self.budget.clone();
        // Clears this read's waiting mark however the wait ends (the fetch may be dropped).
        let mut waiting = Waiting {
            budget: &budget,
            ticket,
            marked: false,
        };
        loop {
            let notified = budget.changed.notified();
            tokio::pin!(notified);
            // Registered before looking, so a change between the look and the wait is not missed.
            notified.as_mut().enable();
            {
                let mut state = budget.lock();
                let extra = bytes - self.bytes;
                let older_waiting = state.readers.range(..ticket).any(|(_, waits)| *waits);
                let fits = state.reading + state.read + extra <= budget.limit;
                let over = state.over == Some(ticket);
                // Nothing read is waiting to be parsed: no bytes may ever come back, unless
                // some read goes on.
                let may_go_over = state.read == 0 && state.over.is_none();
                if over || ((fits || may_go_over) && !older_waiting) {
                    if !fits {
                        state.over = Some(ticket);
                    }
                    state.reading += extra;
                    self.bytes = bytes;
                    if waiting.marked {
                        state.readers.insert(ticket, false);
                        waiting.marked = false;
                        drop(state);
                        // Younger reads may have waited only for this one's turn.
                        budget.changed.notify_waiters();
                    }
                    return;
                }
                if !waiting.marked {
                    state.readers.insert(ticket, true);
                    waiting.marked = true;
                }
            }
            notified.await;
        }
    }

    /// The body has been read and now takes `bytes` (its final buffer): it no longer waits
    /// for a turn, and what it held beyond that is given back.
    pub fn finish_reading(&mut self, bytes: usize) {
        let Some(ticket) = self.ticket.take() else {
            return;
        };
        {
            let mut state = self.budget.lock();
            state.readers.remove(&ticket);
            if state.over == Some(ticket) {
                state.over = None;
            }
            state.reading -= self.bytes;
            state.read += bytes;
        }
        self.bytes = bytes;
        self.budget.changed.notify_waiters();
    }
}

impl Drop for HeldBytes {
    fn drop(&mut self) {
        {
            let mut state = self.budget.lock();
            match self.ticket.take() {
                Some(ticket) => {
                    state.readers.remove(&ticket);
                    if state.over == Some(ticket) {
                        state.over = None;
                    }
                    state.reading -= self.bytes;
                }
                None => state.read -= self.bytes,
            }
        }
        self.budget.changed.notify_waiters();
    }
}

struct Waiting<'a> {
    budget: &'a PageBytes,
    ticket: u64,
    marked: bool,
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        if !self.marked {
            return;
        }
        if let Some(waits) = self.budget.lock().readers.get_mut(&self.ticket) {
            *waits = false;
        }
        self.budget.changed.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1024 * 1024;

    /// True when `future` cannot go on yet: polled once, it is pending. (Everything it waits
    /// for happens in this task, so one poll decides.)
    async fn still_waiting(future: &mut (impl std::future::Future + Unpin)) -> bool {
        futures::poll!(future).is_pending()
    }

    #[tokio::test]
    async fn reads_that_fit_go_on_and_a_read_past_the_limit_waits_for_bytes_to_come_back() {
        let budget = PageBytes::new(4 * MIB);
        let mut parsed = budget.start_reading();
        parsed.grow_to(3 * MIB).await;
        parsed.finish_reading(3 * MIB);
        let mut small = budget.start_reading();
        small.grow_to(MIB).await;
        assert_eq!(budget.held(), 4 * MIB);

        let mut big = budget.start_reading();
        let mut wait = Box::pin(async move {
            big.grow_to(2 * MIB).await;
            big
        });
        assert!(still_waiting(&mut wait).await, "4 MiB held of 4: waits");
        drop(parsed);
        let big = wait.await;
        assert_eq!(big.bytes(), 2 * MIB);
        assert_eq!(budget.held(), 3 * MIB);
        drop((small, big));
        assert_eq!(budget.held(), 0);
    }

    #[tokio::test]
    async fn when_only_reads_hold_bytes_one_read_at_a_time_goes_past_the_limit() {
        let budget = PageBytes::new(2 * MIB);
        let mut first = budget.start_reading();
        let mut second = budget.start_reading();
        first.grow_to(MIB).await;
        second.grow_to(MIB).await;
        // The first read stalls (a slow server); nothing read is waiting to be parsed, so the
        // second goes on past the limit rather than wait for the first.
        second.grow_to(2 * MIB).await;
        assert_eq!(budget.held(), 3 * MIB);
        let mut third = budget.start_reading();
        let mut third_wait = Box::pin(async move {
            third.grow_to(MIB).await;
            third
        });
        assert!(
            still_waiting(&mut third_wait).await,
            "one read over at a time"
        );
        // The one over may keep growing.
        second.grow_to(2 * MIB + MIB / 2).await;
        // Read and waiting for the parser: the others wait for those bytes to come back.
        second.finish_reading(2 * MIB);
        assert!(still_waiting(&mut third_wait).await);
        drop(second);
        let third = third_wait.await;
        assert_eq!(budget.held(), 2 * MIB);
        // A stalled read that ends gives back its bytes.
        drop((first, third));
        assert_eq!(budget.held(), 0);
    }

    #[tokio::test]
    async fn reads_take_their_turn_oldest_first() {
        let budget = PageBytes::new(2 * MIB);
        let mut parsed = budget.start_reading();
        parsed.grow_to(MIB).await;
        parsed.finish_reading(MIB);
        let mut older = budget.start_reading();
        let mut younger = budget.start_reading();
        let mut older_wait = Box::pin(async move {
            older.grow_to(MIB + MIB / 2).await;
            older
        });
        assert!(still_waiting(&mut older_wait).await);
        // Half a MiB would fit, but the older read asked first.
        let mut younger_wait = Box::pin(async move {
            younger.grow_to(MIB / 2).await;
            younger
        });
        assert!(still_waiting(&mut younger_wait).await);
        drop(parsed);
        let older = older_wait.await;
        assert_eq!(older.bytes(), MIB + MIB / 2);
        assert_eq!(younger_wait.await.bytes(), MIB / 2);
        drop(older);
        assert_eq!(budget.held(), 0);
    }

    #[tokio::test]
    async fn a_read_dropped_while_waiting_gives_back_its_bytes_and_its_turn() {
        let budget = PageBytes::new(MIB);
        let mut parsed = budget.start_reading();
        parsed.grow_to(MIB).await;
        parsed.finish_reading(MIB);
        let mut dropped = budget.start_reading();
        dropped.grow_to(0).await;
        let mut waiting = Box::pin(async move {
            dropped.grow_to(MIB).await;
            dropped
        });
        assert!(still_waiting(&mut waiting).await);
        drop(waiting);
        let mut later = budget.start_reading();
        drop(parsed);
        later.grow_to(MIB).await;
        assert_eq!(budget.held(), MIB);
        drop(later);
        assert_eq!(budget.held(), 0);
    }
}
