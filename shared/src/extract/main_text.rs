//! The page's main text, boilerplate removed.

use scraper::Html;

pub fn main_text(_doc: &Html) -> String {
    String::new()
}
