//! schema.org structured data (JSON-LD and microdata) → facts.

use scraper::Html;

use super::{PageContext, PageFacts};

pub fn collect(_doc: &Html, _ctx: &PageContext, _out: &mut PageFacts) {}
