//! Helpers for this crate's unit tests.

pub mod sigv4;
