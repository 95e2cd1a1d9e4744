//! Time as a port, so quota windows and leases can be tested at any instant.

use std::sync::Mutex;
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// RFC 3339 in UTC with exactly three fraction digits: fixed width, so timestamps sort as text
/// (they are an index sort key) and every record looks alike.
const TIMESTAMP: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// `2026-11-29T10:15:02.114Z`.
pub fn timestamp(at: OffsetDateTime) -> String {
    at.to_offset(UtcOffset::UTC)
        .format(TIMESTAMP)
        .unwrap_or_else(|_| at.unix_timestamp().to_string())
}

pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;
}

/// The wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that only moves when told to (tests).
#[derive(Debug)]
pub struct FixedClock(Mutex<OffsetDateTime>);

impl FixedClock {
    pub fn new(at: OffsetDateTime) -> Self {
        Self(Mutex::new(at))
    }

    pub fn set(&self, at: OffsetDateTime) {
        *self.0.lock().expect("clock poisoned") = at;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().expect("clock poisoned")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn timestamps_are_fixed_width_utc() {
        assert_eq!(
            timestamp(datetime!(2026-11-29 10:15:02 UTC)),
            "2026-11-29T10:15:02.000Z"
        );
        assert_eq!(
            timestamp(datetime!(2026-11-29 10:15:02.5 UTC)),
            "2026-11-29T10:15:02.500Z"
        );
        assert_eq!(
            timestamp(datetime!(2026-11-29 11:15:02.123456789 +01:00)),
            "2026-11-29T10:15:02.123Z"
        );
        // Text order is time order.
        assert!(
            timestamp(datetime!(2026-11-29 10:15:02 UTC))
                < timestamp(datetime!(2026-11-29 10:15:02.5 UTC))
        );
    }
}
