//! The quota window: one UTC calendar day.

use time::{Date, Duration, OffsetDateTime, Time};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UtcDay(Date);

impl UtcDay {
    pub fn containing(instant: OffsetDateTime) -> Self {
        Self(instant.to_offset(time::UtcOffset::UTC).date())
    }

    /// `YYYY-MM-DD`, the sort key of the quota counter.
    pub fn key(&self) -> String {
        let (y, m, d) = (self.0.year(), self.0.month() as u8, self.0.day());
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// The first instant of the next UTC day: when the quota resets.
    pub fn next_midnight(&self) -> OffsetDateTime {
        let next = self.0.next_day().unwrap_or(Date::MAX);
        next.with_time(Time::MIDNIGHT).assume_utc()
    }

    /// Whole seconds from `now` until the reset, at least 1 (for `Retry-After`).
    pub fn seconds_until_reset(&self, now: OffsetDateTime) -> i64 {
        let left = self.next_midnight() - now;
        (left.whole_seconds() + i64::from(left.subsec_nanoseconds() > 0)).max(1)
    }

    /// When the counter item may be deleted by TTL: a day after the window closed, so a
    /// late read never sees a counter vanish inside its own window.
    pub fn expires_at(&self) -> OffsetDateTime {
        self.next_midnight() + Duration::days(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn day_key_and_reset_follow_utc_not_local_offset() {
        let now = datetime!(2026-11-29 23:30:00 -05:00); // 04:30 UTC on the 30th
        let day = UtcDay::containing(now);
        assert_eq!(day.key(), "2026-11-30");
        assert_eq!(day.next_midnight(), datetime!(2026-12-01 00:00:00 UTC));
    }

    #[test]
    fn seconds_until_reset_rounds_up_and_is_never_zero() {
        let day = UtcDay::containing(datetime!(2026-12-31 23:59:59.5 UTC));
        assert_eq!(day.key(), "2026-12-31");
        assert_eq!(day.next_midnight(), datetime!(2027-01-01 00:00:00 UTC));
        assert_eq!(
            day.seconds_until_reset(datetime!(2026-12-31 23:59:59.5 UTC)),
            1
        );
        assert_eq!(
            day.seconds_until_reset(datetime!(2026-12-31 00:00:00 UTC)),
            86_400
        );
    }

    #[test]
    fn leap_day_rolls_into_march() {
        let day = UtcDay::containing(datetime!(2028-02-29 12:00:00 UTC));
        assert_eq!(day.next_midnight(), datetime!(2028-03-01 00:00:00 UTC));
        assert_eq!(day.expires_at(), datetime!(2028-03-02 00:00:00 UTC));
    }
}
