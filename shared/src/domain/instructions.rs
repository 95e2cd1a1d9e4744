//! Caller-written instructions for the generator.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instructions(String);

impl Instructions {
    pub const MAX_CHARS: usize = 10_000;

    /// Trimmed; `None` when blank. Longer than [`Self::MAX_CHARS`] characters is an error.
    pub fn parse(raw: &str) -> Result<Option<Self>, InstructionsTooLong> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(InstructionsTooLong);
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
}
