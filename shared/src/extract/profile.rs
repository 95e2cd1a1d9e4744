//! Pages → one business profile: deduplicated, ranked facts with their sources.

use super::{BusinessProfile, PageFacts};

pub fn merge_pages(_pages: &[PageFacts]) -> BusinessProfile {
    BusinessProfile::default()
}
