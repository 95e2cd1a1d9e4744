//! Contacts from links and visible text: phones, emails, postal addresses, opening hours,
//! social profiles and booking links.

pub mod phone;

use scraper::Html;

use super::{PageContext, PageFacts};

pub fn collect(_doc: &Html, _ctx: &PageContext, _out: &mut PageFacts) {}
