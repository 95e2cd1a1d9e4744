//! schema.org structured data → facts: JSON-LD blocks ([`jsonld_items`]) and microdata
//! ([`microdata_items`]) are read into extruct-shaped items, reshaped into one entity form
//! ([`entities`]), and the entities mapped to business facts ([`schema_org`]).

pub mod business_types;
pub mod entities;
pub mod jsonld;
pub mod lenient_json;
pub mod microdata;
pub mod opening_hours;
pub mod schema_org;
pub mod social;
pub mod text_content;

#[cfg(test)]
pub(crate) mod deep_tree;

use scraper::Html;

pub use jsonld::jsonld_items;
pub use microdata::{microdata_items, microdata_items_with, MicrodataOptions};
pub use social::{booking_platform, social_platform};

use super::{PageContext, PageFacts};

/// Adds the facts of the page's JSON-LD and microdata (Origin::Structured).
pub fn collect(doc: &Html, ctx: &PageContext, out: &mut PageFacts) {
    let mut entities = jsonld_items(doc);
    entities.extend(
        microdata_items(doc, Some(&ctx.url))
            .iter()
            .map(entities::entity_from_microdata),
    );
    schema_org::collect_entities(&entities, ctx, out);
}
