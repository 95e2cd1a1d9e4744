//! Tone: an explicit instruction wins, then the industry the site describes.

use super::industry::Industry;
use crate::domain::Tone;

/// "be casual", "formal tone", "keep it friendly", "bitte locker": the caller's word wins.
pub fn explicit_tone(instructions: &str) -> Option<Tone> {
    let lower = instructions.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let languages = crate::lang::all();
    for (i, word) in words.iter().enumerate() {
        // Tone words and negations come from every language folder ("locker", "formell").
        let Some(tone) = languages
            .iter()
            .find_map(|l| l.instructions.tones.get(*word))
            .and_then(|t| t.parse::<Tone>().ok())
        else {
            continue;
        };
        // "not formal", "don't be casual": a negated tone is no instruction to use it.
        let negated = i > 0
            && languages
                .iter()
                .any(|l| l.instructions.negations.iter().any(|n| n == words[i - 1]));
        if !negated {
            return Some(tone);
        }
    }
    None
}

pub fn choose_tone(industry: Industry, instructions: Option<&str>) -> Tone {
    choose_tone_for_site(industry, instructions, "")
}

/// The instruction's tone, else the site's own voice where the industry allows it, else the
/// industry's usual tone.
pub fn choose_tone_for_site(
    industry: Industry,
    instructions: Option<&str>,
    site_text: &str,
) -> Tone {
    if let Some(tone) = instructions.and_then(explicit_tone) {
        return tone;
    }
    let usual = industry.default_tone();
    match (site_voice(site_text), usual) {
        // A laid-back site in a laid-back trade speaks casually; a clinic or a law firm that
        // writes breezily still answers the phone professionally.
        (Some(Tone::Casual), Tone::Friendly | Tone::Professional)
            if !matches!(
                industry,
                Industry::Dental | Industry::Medical | Industry::Legal | Industry::Finance
            ) =>
        {
            Tone::Casual
        }
        (Some(Tone::Formal), Tone::Professional | Tone::Friendly) => Tone::Formal,
        _ => usual,
    }
}

const CASUAL_MARKERS: &[&str] = &[
    "hey", "awesome", "stoked", "rad", "dude", "y'all", "yall", "gonna", "wanna", "vibes", "epic",
    "lol", "crew", "shred", "chill", "legit", "sick",
];
const FORMAL_MARKERS: &[&str] = &[
    "hereby",
    "pursuant",
    "esteemed",
    "distinguished",
    "discerning",
    "heretofore",
    "whilst",
    "bespoke",
    "utmost",
    "endeavour",
    "endeavor",
];

/// How the site writes, when it clearly leans one way: several casual or formal markers in its
/// first few thousand characters.
pub fn site_voice(text: &str) -> Option<Tone> {
    let sample: String = text.chars().take(4_000).collect::<String>().to_lowercase();
    let words: Vec<&str> = sample
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let count = |markers: &[&str]| words.iter().filter(|w| markers.contains(w)).count();
    let casual = count(CASUAL_MARKERS) + sample.matches('!').count() / 4;
    let formal = count(FORMAL_MARKERS);
    if casual >= 3 && casual > formal * 2 {
        Some(Tone::Casual)
    } else if formal >= 2 && formal > casual {
        Some(Tone::Formal)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_words_of_every_language() {
        assert_eq!(
            explicit_tone("Bitte locker und freundlich."),
            Some(Tone::Casual)
        );
        assert_eq!(
            explicit_tone("Un trato cercano, por favor."),
            Some(Tone::Friendly)
        );
        assert_eq!(
            explicit_tone("Restez formel avec les clients."),
            Some(Tone::Formal)
        );
        assert_eq!(
            explicit_tone("Niet te formeel, wel zakelijk."),
            Some(Tone::Professional)
        );
        assert_eq!(
            explicit_tone("Tono professionale."),
            Some(Tone::Professional)
        );
    }

    #[test]
    fn the_site_voice_shifts_the_tone_where_the_industry_allows() {
        let breezy = "Hey crew! Awesome waves today, we're stoked. Grab a board and chill!";
        assert_eq!(site_voice(breezy), Some(Tone::Casual));
        assert_eq!(
            choose_tone_for_site(Industry::Retail, None, breezy),
            Tone::Casual
        );
        assert_eq!(
            choose_tone_for_site(Industry::Dental, None, breezy),
            Tone::Professional
        );
        assert_eq!(
            choose_tone_for_site(Industry::Retail, Some("Be formal."), breezy),
            Tone::Formal
        );
        let stately =
            "Our distinguished concierge attends to the discerning guest with the utmost care.";
        assert_eq!(
            choose_tone_for_site(Industry::Hospitality, None, stately),
            Tone::Formal
        );
        assert_eq!(site_voice("We fix pipes. Call us today."), None);
    }

    #[test]
    fn tone_follows_industry_unless_instructed() {
        assert_eq!(choose_tone(Industry::Legal, None), Tone::Formal);
        assert_eq!(choose_tone(Industry::Restaurant, None), Tone::Friendly);
        assert_eq!(choose_tone(Industry::YouthBrand, None), Tone::Casual);
        assert_eq!(
            choose_tone(Industry::Legal, Some("Please be casual with callers")),
            Tone::Casual
        );
        assert_eq!(
            choose_tone(Industry::Restaurant, Some("Keep it formal.")),
            Tone::Formal
        );
        assert_eq!(
            choose_tone(Industry::Restaurant, Some("Don't be too formal")),
            Tone::Friendly
        );
    }
}
