//! Tone: an explicit instruction wins, then the industry the site describes.

use super::industry::Industry;
use crate::domain::Tone;

/// "be casual", "formal tone", "keep it friendly": the caller's word wins.
pub fn explicit_tone(instructions: &str) -> Option<Tone> {
    let lower = instructions.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        let tone = match *word {
            "casual" | "casually" | "laid" => Tone::Casual,
            "formal" | "formally" => Tone::Formal,
            "friendly" | "warm" => Tone::Friendly,
            "professional" | "professionally" => Tone::Professional,
            _ => continue,
        };
        // "not formal", "don't be casual": a negated tone is no instruction to use it.
        let negated = i > 0
            && matches!(
                words[i - 1],
                "not" | "never" | "t" | "too" | "overly" | "no"
            );
        if !negated {
            return Some(tone);
        }
    }
    None
}

pub fn choose_tone(industry: Industry, instructions: Option<&str>) -> Tone {
    instructions
        .and_then(explicit_tone)
        .unwrap_or_else(|| industry.default_tone())
}

#[cfg(test)]
mod tests {
    use super::*;

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
