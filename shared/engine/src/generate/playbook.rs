//! What a phone agent does in each industry: whom it serves, the steps of a typical call, and
//! the extra care the field needs. The words are data, one set per language folder
//! (`playbook-<industry>-audience`, `-purpose`, `-goals`, `-guardrails` in `agent.ftl`, one
//! goal or rule a line), so an industry's playbook is localised without code.

use super::industry::Industry;
use crate::lang::messages::Messages;

/// The playbook an industry's agent follows in the language of `m`: its own, else the general
/// one when the language has not written it yet (the caller adds a warning).
pub fn key(industry: Industry, m: &Messages) -> &'static str {
    // Lifestyle brands share the shop's playbook.
    let key = match industry {
        Industry::YouthBrand => "retail",
        other => other.key(),
    };
    if m.has(&format!("playbook-{key}-goals")) {
        key
    } else {
        "general"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Industry; 16] = [
        Industry::Dental,
        Industry::Medical,
        Industry::Legal,
        Industry::Finance,
        Industry::Restaurant,
        Industry::Salon,
        Industry::HomeServices,
        Industry::RealEstate,
        Industry::Auto,
        Industry::Retail,
        Industry::Software,
        Industry::Hospitality,
        Industry::Fitness,
        Industry::Education,
        Industry::YouthBrand,
        Industry::General,
    ];

    /// Every industry has its own steps in English, and every language has, for each
    /// industry, either its own playbook or the general one with audience, purpose and goals.
    #[test]
    fn every_industry_has_a_playbook_with_steps() {
        let english = crate::lang::messages::for_tag("en").unwrap();
        for industry in ALL {
            let k = key(industry, english);
            assert!(
                k != "general" || industry == Industry::General,
                "{industry:?} has no English playbook"
            );
        }
        for (code, _, _) in crate::lang::LANGUAGE_FILES {
            let Some(m) = crate::lang::messages::for_tag(code) else {
                continue;
            };
            for industry in ALL {
                let k = key(industry, m);
                for part in ["audience", "purpose", "goals"] {
                    let text = m.text(&format!("playbook-{k}-{part}"), &[("business", "X")]);
                    assert!(
                        !text.trim().is_empty() && !text.starts_with("playbook-"),
                        "{code} {industry:?} {part}"
                    );
                }
            }
        }
    }
}
