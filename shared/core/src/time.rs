//! Instants as the stores and Lambda write them: whole milliseconds since the Unix epoch
//! ([`UnixMillis`]), and the end of an invocation ([`Deadline`]).

use std::fmt;
use std::ops::{Add, Sub};
use std::time::Duration;
use time::OffsetDateTime;

use crate::clock::Clock;

/// An instant in whole milliseconds since the Unix epoch: a lease's end as the jobs table
/// stores it (and its lease index sorts it), Lambda's invocation deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixMillis(i64);

impl UnixMillis {
    /// The epoch itself.
    pub const EPOCH: Self = Self(0);

    pub const fn from_millis(ms: i64) -> Self {
        Self(ms)
    }

    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// The clock's now, to the millisecond.
    pub fn now(clock: &dyn Clock) -> Self {
        Self::from(clock.now())
    }

    /// How long until `later`; zero when it is not later.
    pub fn until(self, later: Self) -> Duration {
        Duration::from_millis(u64::try_from(later.0.saturating_sub(self.0)).unwrap_or(0))
    }

    /// Milliseconds from `earlier` to this instant (negative when `earlier` is later).
    pub fn millis_since(self, earlier: Self) -> i64 {
        self.0.saturating_sub(earlier.0)
    }
}

impl From<OffsetDateTime> for UnixMillis {
    fn from(at: OffsetDateTime) -> Self {
        // Floors, as integer division of the nanoseconds did (times before 1970 never occur).
        Self((at.unix_timestamp_nanos() / 1_000_000) as i64)
    }
}

impl Add<Duration> for UnixMillis {
    type Output = Self;

    fn add(self, span: Duration) -> Self {
        let ms = i64::try_from(span.as_millis()).unwrap_or(i64::MAX);
        Self(self.0.saturating_add(ms))
    }
}

impl Sub<Duration> for UnixMillis {
    type Output = Self;

    fn sub(self, span: Duration) -> Self {
        let ms = i64::try_from(span.as_millis()).unwrap_or(i64::MAX);
        Self(self.0.saturating_sub(ms))
    }
}

impl fmt::Display for UnixMillis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// When the current invocation is stopped: what the worker and the reaper plan their work
/// (a job's budget, its lease, a webhook's retries) against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Deadline(UnixMillis);

impl Deadline {
    pub const fn at(instant: UnixMillis) -> Self {
        Self(instant)
    }

    /// `timeout` after `now`: the deadline an invocation started at `now` gets (local runs).
    pub fn after(now: UnixMillis, timeout: Duration) -> Self {
        Self(now + timeout)
    }

    /// Lambda's context deadline (Unix ms). One that is not after `now` when the invocation
    /// starts is no deadline at all — `cargo lambda watch` sends a fixed 600,000 ms, which is
    /// ten minutes after 1970 — so the invocation gets `fallback` from `now` instead.
    pub fn from_lambda(deadline_ms: u64, now: UnixMillis, fallback: Duration) -> Self {
        let given = UnixMillis::from_millis(i64::try_from(deadline_ms).unwrap_or(i64::MAX));
        if given > now {
            Self(given)
        } else {
            Self::after(now, fallback)
        }
    }

    pub fn instant(self) -> UnixMillis {
        self.0
    }

    /// Time left at `now`; zero once passed.
    pub fn remaining(self, now: UnixMillis) -> Duration {
        now.until(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-29 12:00:00.123456 UTC);

    #[test]
    fn unix_millis_floors_to_the_millisecond() {
        assert_eq!(
            UnixMillis::from(NOW),
            UnixMillis::from_millis(1_795_953_600_123)
        );
        let clock = crate::clock::FixedClock::new(NOW);
        assert_eq!(UnixMillis::now(&clock), UnixMillis::from(NOW));
    }

    #[test]
    fn unix_millis_moves_by_durations_and_compares() {
        let t = UnixMillis::from_millis(10_000);
        assert_eq!(t + Duration::from_secs(2), UnixMillis::from_millis(12_000));
        assert_eq!(t - Duration::from_millis(1), UnixMillis::from_millis(9_999));
        assert!(t < t + Duration::from_millis(1));
        assert_eq!(t.until(t + Duration::from_secs(3)), Duration::from_secs(3));
        assert_eq!((t + Duration::from_secs(3)).until(t), Duration::ZERO);
        assert_eq!(t.millis_since(UnixMillis::from_millis(12_500)), -2_500);
        assert_eq!(t.to_string(), "10000");
    }

    #[test]
    fn a_deadline_counts_down_to_zero() {
        let now = UnixMillis::from(NOW);
        let deadline = Deadline::after(now, Duration::from_secs(180));
        assert_eq!(deadline.remaining(now), Duration::from_secs(180));
        assert_eq!(
            deadline.remaining(now + Duration::from_secs(179)),
            Duration::from_secs(1)
        );
        assert_eq!(
            deadline.remaining(now + Duration::from_secs(200)),
            Duration::ZERO
        );
    }

    #[test]
    fn a_lambda_deadline_in_the_future_is_kept() {
        let now = UnixMillis::from(NOW);
        let given = now + Duration::from_secs(170);
        let deadline =
            Deadline::from_lambda(given.as_millis() as u64, now, Duration::from_secs(180));
        assert_eq!(deadline.instant(), given);
    }

    #[test]
    fn a_lambda_deadline_already_past_at_the_start_is_unknown_and_gets_the_fallback() {
        let now = UnixMillis::from(NOW);
        let fallback = Duration::from_secs(180);
        // `cargo lambda watch`: 600,000 ms since 1970.
        let watch = Deadline::from_lambda(600_000, now, fallback);
        assert_eq!(watch.remaining(now), fallback);
        // Exactly now, or zero, is no time at all: unknown too.
        let exact = Deadline::from_lambda(now.as_millis() as u64, now, fallback);
        assert_eq!(exact.remaining(now), fallback);
        assert_eq!(
            Deadline::from_lambda(0, now, fallback).remaining(now),
            fallback
        );
        // Beyond i64 (Lambda never sends it, but the type allows it): far away, not past.
        let far = Deadline::from_lambda(u64::MAX, now, fallback);
        assert_eq!(far.instant(), UnixMillis::from_millis(i64::MAX));
    }
}
