//! The languages the service reads and writes, as data: one folder per language under
//! `shared/engine/lang/` (see its README), compiled in by `build.rs`. Nothing here names a
//! language; adding one is adding a folder.

pub mod articles;
pub mod detect;
pub mod messages;
pub mod words;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// How one language is read on a site (its `reading.toml`).
#[derive(Debug, Clone, Deserialize)]
pub struct Language {
    /// ISO 639-1, the folder's name.
    pub code: String,
    /// ISO 639-3, as the language detector names it.
    pub iso639_3: String,
    pub english_name: String,
    pub native_name: String,
    /// Countries (ISO 3166 alpha-2) where it is spoken: a site on one of their country-code
    /// domains gets that region in its tag (`.es` → `es-ES`).
    pub regions: Vec<String>,
    /// The commonest function words, to check a detection against the declared language.
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// `formal` or `informal` address per tone (lower-case tone names).
    #[serde(default)]
    pub register: BTreeMap<String, String>,
    pub days: Days,
    pub hours: HoursWords,
    #[serde(default)]
    pub headings: BTreeMap<String, Vec<String>>,
    /// Page kind (`contact`, `services`, …) → URL path words, written without accents.
    #[serde(default)]
    pub paths: BTreeMap<String, Vec<String>>,
    /// Industry (snake_case, as `Industry` names them) → words that mean it.
    #[serde(default)]
    pub industries: BTreeMap<String, Vec<String>>,
    pub instructions: InstructionWords,
    /// Which article a business name takes, from its head noun.
    #[serde(default)]
    pub articles: articles::Articles,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Days {
    /// Monday first; each day's full names.
    pub names: [Vec<String>; 7],
    /// Monday first; abbreviations, read only when capitalised or inside a day range.
    pub abbreviations: [Vec<String>; 7],
    /// One capital letter a day for "L-V" ranges; empty where the language has none.
    #[serde(default)]
    pub letters: Vec<String>,
    /// Monday first; short abbreviations that mean another day in another language ("Do" is
    /// Sunday in Spanish and Italian, Thursday in German and Dutch; "Di" Sunday in French):
    /// read only on pages written in this language. Empty where the language has none.
    #[serde(default)]
    pub short: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct HoursWords {
    /// Words between two days or two times that make a range (`to`, `bis`, `tot`).
    pub range: Vec<String>,
    /// Several words (or a word with punctuation) that make a range (`t/m`, `tot en met`).
    #[serde(default)]
    pub range_phrases: Vec<String>,
    /// Words that join a list (`and`, `und`, `y`).
    pub list: Vec<String>,
    /// Words that may sit between two parts of one rule without changing it.
    pub neutral: Vec<String>,
    /// Words written right after an hour (`Uhr`, `uur`, `h`): they make a bare number a time.
    pub hour_words: Vec<String>,
    pub closed: Vec<String>,
    pub appointment: Vec<String>,
    /// Words that mean Monday to Friday ("werkdagen", "dias úteis").
    #[serde(default)]
    pub weekdays: Vec<String>,
    pub daily: Vec<String>,
    pub always: Vec<String>,
    /// Words near a time range that make it opening hours when no day is given.
    pub context: Vec<String>,
    pub holidays: Vec<String>,
    /// The holiday words that mean public holidays only, where `holidays` also has a broader
    /// word (English "holidays" is also a vacation); empty when `holidays` are all public.
    #[serde(default)]
    pub public_holidays: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InstructionWords {
    /// A language's name in this language → its code (`spanisch` → `es`).
    pub language_names: BTreeMap<String, String>,
    /// Words right before a language's name that make it a request (`auf`, `en`).
    pub cues_before: Vec<String>,
    /// Words right after it that do (`sprechen`).
    pub cues_after: Vec<String>,
    /// Tone words → tone (`Casual`, `Friendly`, `Formal`, `Professional`).
    pub tones: BTreeMap<String, String>,
    /// Words that negate a tone word right after them.
    pub negations: Vec<String>,
    /// Substrings that make an instruction sentence a restriction.
    pub constraints: Vec<String>,
    pub intent_support: Vec<String>,
    pub intent_booking: Vec<String>,
    pub intent_sales: Vec<String>,
    pub intent_reception: Vec<String>,
}

impl Language {
    /// `formal` or `informal` for a tone (`Professional` …); formal when the data says nothing.
    pub fn register_for(&self, tone: &str) -> &str {
        self.register
            .get(&tone.to_ascii_lowercase())
            .map_or("formal", String::as_str)
    }

    pub fn heading_words(&self, kind: &str) -> &[String] {
        self.headings.get(kind).map_or(&[], Vec::as_slice)
    }

    pub fn path_words(&self, kind: &str) -> &[String] {
        self.paths.get(kind).map_or(&[], Vec::as_slice)
    }
}

static LANGUAGES: LazyLock<Vec<Language>> = LazyLock::new(|| {
    LANGUAGE_FILES
        .iter()
        .map(|(code, toml_text, _)| {
            let language: Language = toml::from_str(toml_text)
                .unwrap_or_else(|e| panic!("shared/engine/lang/{code}/reading.toml: {e}"));
            assert_eq!(
                &language.code, code,
                "shared/engine/lang/{code}: code differs"
            );
            language
        })
        .collect()
});

/// Every language, by code.
pub fn all() -> &'static [Language] {
    &LANGUAGES
}

/// The language of a BCP 47 tag's primary subtag (`es-MX` → Spanish).
pub fn get(tag: &str) -> Option<&'static Language> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    all().iter().find(|l| l.code == primary)
}

/// The Fluent source of a language's agent messages, when it has one.
pub fn agent_messages(code: &str) -> Option<&'static str> {
    LANGUAGE_FILES
        .iter()
        .find(|(c, _, _)| *c == code)
        .and_then(|(_, _, ftl)| *ftl)
}

/// Every word of one kind from every language, deduplicated, longest first (for regexes whose
/// alternation must try "segunda-feira" before "segunda").
pub fn collect<'a, F>(pick: F) -> Vec<String>
where
    F: Fn(&'static Language) -> Box<dyn Iterator<Item = &'static String> + 'a>,
{
    let mut out: Vec<String> = all().iter().flat_map(&pick).cloned().collect();
    out.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_folder_loads() {
        let codes: Vec<&str> = all().iter().map(|l| l.code.as_str()).collect();
        for code in ["de", "en", "es", "fr", "it", "nl", "pt"] {
            assert!(codes.contains(&code), "{code} missing from {codes:?}");
        }
        for l in all() {
            assert!(l.days.names.iter().all(|d| !d.is_empty()), "{}", l.code);
            assert!(!l.hours.closed.is_empty(), "{}", l.code);
            assert!(
                l.days.letters.is_empty() || l.days.letters.len() == 7,
                "{}: letters are one a day",
                l.code
            );
        }
    }

    #[test]
    fn no_day_word_means_two_days() {
        let mut seen: BTreeMap<String, (usize, &str)> = BTreeMap::new();
        for l in all() {
            for (i, words) in l.days.names.iter().chain(&l.days.abbreviations).enumerate() {
                for w in words {
                    if let Some((j, other)) = seen.insert(w.clone(), (i % 7, &l.code)) {
                        assert_eq!(
                            j,
                            i % 7,
                            "{w:?} is day {j} in {other}, {} in {}",
                            i % 7,
                            l.code
                        );
                    }
                }
            }
        }
    }

    /// Within its own language a short day word means one day, and it names a day the
    /// language's own names do not already give to another day.
    #[test]
    fn short_day_words_mean_one_day_within_their_language() {
        for l in all() {
            assert!(
                l.days.short.is_empty() || l.days.short.len() == 7,
                "{}",
                l.code
            );
            let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
            for (i, words) in l
                .days
                .names
                .iter()
                .chain(&l.days.abbreviations)
                .chain(&l.days.short)
                .enumerate()
            {
                for w in words {
                    if let Some(j) = seen.insert(w, i % 7) {
                        assert_eq!(j, i % 7, "{w:?} is two days in {}", l.code);
                    }
                }
            }
        }
    }

    #[test]
    fn every_non_english_language_has_agent_messages() {
        for l in all().iter().filter(|l| l.code != "en") {
            assert!(
                agent_messages(&l.code).is_some(),
                "{} has no agent.ftl",
                l.code
            );
        }
    }

    #[test]
    fn tags_resolve_by_primary_subtag() {
        assert_eq!(get("es-MX").map(|l| l.code.as_str()), Some("es"));
        assert_eq!(get("DE").map(|l| l.code.as_str()), Some("de"));
        assert!(get("ja").is_none());
    }
}
