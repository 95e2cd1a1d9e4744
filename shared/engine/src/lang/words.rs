//! Matching the words of a language folder in text: whole words, phrases, and `*` wildcards
//! for compounds (`*bäckerei` matches "Stadtbäckerei", `zahnarzt*` "Zahnarztpraxis").

/// `term` occurs in `lower` (already lower-cased) as whole words.
pub fn contains_term(lower: &str, term: &str) -> bool {
    if let Some(suffix) = term.strip_prefix('*') {
        return words(lower).any(|w| w.len() > suffix.len() && w.ends_with(suffix));
    }
    if let Some(prefix) = term.strip_suffix('*') {
        return words(lower).any(|w| w.len() > prefix.len() && w.starts_with(prefix));
    }
    lower.match_indices(term).any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let after = lower[at + term.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// How many of `terms` occur in `lower`, each counted once per occurrence of a whole word
/// (phrases and wildcards count once).
pub fn count_terms(lower: &str, terms: &[String]) -> usize {
    terms
        .iter()
        .map(|t| {
            if t.contains(' ') || t.contains('*') || t.contains('-') {
                usize::from(contains_term(lower, t))
            } else {
                words(lower).filter(|w| w == t).count()
            }
        })
        .sum()
}

fn words(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_phrases_and_compounds() {
        assert!(contains_term("unsere stadtbäckerei", "*bäckerei"));
        assert!(!contains_term("bäckerei", "*bäckerei"));
        assert!(contains_term("zahnarztpraxis dr. weber", "zahnarzt*"));
        assert!(contains_term("clínica dental sonrisa", "clínica dental"));
        assert!(!contains_term("barbados", "bar"));
        assert_eq!(
            count_terms("pizza, pizza e pasta", &["pizza".into(), "pasta".into()]),
            3
        );
    }
}
