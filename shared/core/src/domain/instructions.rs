//! Caller-written instructions for the generator.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instructions(String);

impl Instructions {
    pub const MAX_CHARS: usize = 10_000;

    /// Cleaned (see [`clean`]) and trimmed; `None` when nothing is left. Longer than
    /// [`Self::MAX_CHARS`] characters (counted as sent) is an error.
    pub fn parse(raw: &str) -> Result<Option<Self>, InstructionsTooLong> {
        if raw.trim().chars().count() > Self::MAX_CHARS {
            return Err(InstructionsTooLong);
        }
        let cleaned = clean(raw);
        let trimmed = cleaned.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        Ok(Some(Self(trimmed.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, thiserror::Error)]
#[error("instructions must be at most 10000 characters")]
pub struct InstructionsTooLong;

/// The text without what has no business in it and ends up verbatim in the agent's goals and
/// system prompt: control characters (C0, DEL and C1) other than newline and tab — a CR of a
/// CRLF included, so line ends become `\n` — and the bidirectional embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069) that make text display in another order than it
/// reads ("Trojan Source"). The directional marks (U+200E, U+200F, U+061C) stay: they change
/// no order and right-to-left writing uses them.
pub fn clean(raw: &str) -> String {
    raw.chars()
        .filter(|&c| match c {
            '\n' | '\t' => true,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => false,
            c => !c.is_control(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_absent_and_length_is_counted_in_characters() {
        assert_eq!(Instructions::parse("   \n").unwrap(), None);
        assert_eq!(
            Instructions::parse("  hi  ").unwrap().unwrap().as_str(),
            "hi"
        );
        // 10,000 multi-byte characters are fine; one more is not.
        assert!(Instructions::parse(&"é".repeat(10_000)).unwrap().is_some());
        assert!(Instructions::parse(&"é".repeat(10_001)).is_err());
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_removed_newlines_and_tabs_kept() {
        let raw = "Be\u{0} polite\u{7}.\u{1b}[31m\r\nAsk:\tname\u{7f}\u{85}\u{9b} and \
                   \u{202E}txet desrever\u{202C} \u{2066}isolated\u{2069} \u{202A}\u{202B}\u{202D}\u{2067}\u{2068}";
        let parsed = Instructions::parse(raw).unwrap().unwrap();
        assert_eq!(
            parsed.as_str(),
            "Be polite.[31m\nAsk:\tname and txet desrever isolated"
        );
    }

    #[test]
    fn right_to_left_text_and_its_marks_are_kept() {
        // Hebrew and Arabic with their directional marks, emoji with a zero-width joiner.
        for text in [
            "שלום, קבעו תור \u{200F}(10:00)",
            "مرحبا\u{061C} احجز موعدا",
            "Family 👨\u{200D}👩\u{200D}👧 friendly",
        ] {
            assert_eq!(Instructions::parse(text).unwrap().unwrap().as_str(), text);
        }
    }

    #[test]
    fn nothing_but_removed_characters_is_blank() {
        assert_eq!(Instructions::parse("\u{0}\u{202E}\r\u{7}").unwrap(), None);
    }
}
