//! What the business offers: services, products and prices, and FAQ pairs from markup and text.

use scraper::Html;

use super::{PageContext, PageFacts};

pub fn collect(_doc: &Html, _ctx: &PageContext, _out: &mut PageFacts) {}
