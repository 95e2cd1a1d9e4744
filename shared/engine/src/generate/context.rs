//! What every generator decides the same way, before writing anything: the business's name,
//! industry, tone and language, the facts the agent may state, and what grounding allows.

use super::grounding::GroundingIndex;
use super::industry::{detect, Industry, IndustrySignals};
use super::instruction_name::names_from_instructions;
use super::knowledge::knowledge_from_profile_in;
use super::tone::{choose_tone_for_site, explicit_tone};
use super::GenerationInput;
use crate::domain::{KnowledgeFact, Tone};
use crate::extract::name_from_home;
use crate::extract::names::acceptable_name;

/// Characters read from any one self-description: enough to know the business, bounded for
/// hostile input.
pub(crate) const ABOUT_CHARS: usize = 4_000;

#[derive(Debug, Clone)]
pub struct Context {
    /// The business's name when the site, its domain or the instructions give one.
    pub company: Option<String>,
    /// The agent's name: the company's, else a descriptive one.
    pub name: String,
    /// A persona name the instructions give the agent ("an agent named Ava"); the agent carries
    /// it while the greeting and personality name the business.
    pub persona: Option<String>,
    pub industry: Industry,
    pub tone: Tone,
    /// The tone the instructions ask for; it overrides any generator's choice.
    pub instructed_tone: Option<Tone>,
    /// BCP 47.
    pub language: String,
    pub description: Option<String>,
    pub instructions: Option<String>,
    pub knowledge: Vec<KnowledgeFact>,
    /// The pages the profile was built from.
    pub profile_sources: Vec<String>,
    pub grounding: GroundingIndex,
    /// Said about the input while deciding (facts left out, …).
    pub notes: Vec<String>,
    /// "the business" in the agent's language.
    pub business_fallback: Option<String>,
}

impl Context {
    pub fn new(input: &GenerationInput) -> Self {
        let instructions = input.instructions.as_ref().map(|i| i.as_str().to_owned());
        let site = input.site.as_ref();
        let profile = site.map(|s| &s.profile);

        let from_instructions = instructions
            .as_deref()
            .map(names_from_instructions)
            .unwrap_or_default();
        let company = site
            .and_then(|s| {
                s.profile
                    .name
                    .as_deref()
                    .and_then(acceptable_name)
                    .or_else(|| name_from_home(s.url.as_url(), &s.meta))
            })
            .or_else(|| from_instructions.business.clone());
        let persona = from_instructions.persona.clone();
        let language = choose_language(instructions.as_deref(), site);
        let mut early_notes = Vec::new();
        if company.is_none() {
            early_notes.push(
                "No business name was found on the site or in the instructions, so the agent and its greeting do not name the business; say it in the instructions (for example \"We are Acme Dental\").".to_owned(),
            );
        }
        let name = persona
            .clone()
            .or_else(|| company.clone())
            .unwrap_or_else(|| {
                descriptive_name(instructions.as_deref().unwrap_or_default(), &language)
            });

        let description = site.and_then(|s| {
            s.profile
                .description
                .as_deref()
                .or(s.meta.description.as_deref())
                .map(|d| {
                    let head: String = d.chars().take(ABOUT_CHARS).collect();
                    head.split_whitespace().collect::<Vec<_>>().join(" ")
                })
                .filter(|d| !d.is_empty())
        });

        let mut categories: Vec<&str> = Vec::new();
        let mut about = String::new();
        if let Some(s) = site {
            categories.extend(s.profile.category.as_deref());
            categories.extend(s.profile.categories.iter().map(|c| c.value.as_str()));
            for text in [
                s.profile.name.as_deref(),
                s.profile.description.as_deref(),
                s.meta.site_name.as_deref(),
                s.meta.title.as_deref(),
                s.meta.description.as_deref(),
            ]
            .into_iter()
            .flatten()
            {
                about.extend(text.chars().take(ABOUT_CHARS));
                about.push(' ');
            }
            for service in s.profile.services.iter().take(20) {
                about.extend(service.name.chars().take(200));
                about.push(' ');
            }
        }
        if let Some(text) = instructions.as_deref() {
            about.push_str(text);
        }
        let industry = detect(&IndustrySignals {
            categories,
            about,
            page_text: site
                .and_then(|s| s.pages.first())
                .map_or("", |p| p.text.as_str()),
        });
        let instructed_tone = instructions.as_deref().and_then(explicit_tone);
        let site_voice_text = site
            .map(|s| {
                let home = s.pages.first().map_or("", |p| p.text.as_str());
                let description = s.profile.description.as_deref().unwrap_or_default();
                let mut text: String = description.chars().take(ABOUT_CHARS).collect();
                text.push(' ');
                text.extend(home.chars().take(ABOUT_CHARS));
                text
            })
            .unwrap_or_default();
        let tone = choose_tone_for_site(industry, instructions.as_deref(), &site_voice_text);

        let messages = crate::lang::messages::for_agent(&language);
        let (knowledge, knowledge_notes) = profile
            .map(|p| knowledge_from_profile_in(p, messages))
            .unwrap_or_default();
        let mut notes = early_notes;
        notes.extend(knowledge_notes);

        let mut trusted: Vec<&str> = Vec::new();
        if let Some(s) = site {
            trusted.push(s.url.as_str());
            trusted.extend(
                [
                    s.meta.title.as_deref(),
                    s.meta.description.as_deref(),
                    s.meta.site_name.as_deref(),
                    s.meta.canonical.as_deref(),
                ]
                .into_iter()
                .flatten(),
            );
        }
        trusted.extend(instructions.as_deref());
        let grounding = GroundingIndex::new(profile, &trusted);

        Self {
            company,
            name,
            persona,
            industry,
            tone,
            instructed_tone,
            language,
            description,
            instructions,
            knowledge,
            profile_sources: profile.map(|p| p.sources.clone()).unwrap_or_default(),
            grounding,
            notes,
            business_fallback: Some(messages.text("business-fallback", &[])),
        }
    }

    /// The business as sentences refer to it.
    pub fn business(&self) -> &str {
        match (&self.company, &self.business_fallback) {
            (Some(company), _) => company,
            (None, Some(fallback)) => fallback,
            (None, None) => "the business",
        }
    }

    /// The business's name, else `name`.
    pub fn business_or<'a>(&'a self, name: &'a str) -> &'a str {
        self.company.as_deref().unwrap_or(name)
    }
}

/// The language the agent speaks: the one the instructions ask for, else the one they are
/// written in, else the site's (with the region its country-code domain shows), else English.
fn choose_language(instructions: Option<&str>, site: Option<&super::SiteFacts>) -> String {
    let site_language = || {
        site.and_then(|s| {
            s.profile
                .language
                .as_deref()
                .or(s.meta.language.as_deref())
                .and_then(normalize_language)
                .map(|tag| crate::lang::detect::with_region(&tag, s.url.host()))
        })
    };
    // A language the site does not use still takes the region its domain shows, where it is
    // spoken there (Dutch asked of a `.be` site → `nl-BE`).
    let regional = |code: String| match site {
        Some(s) => crate::lang::detect::with_region(&code, s.url.host()),
        None => code,
    };
    if let Some(asked) = instructions.and_then(language_from_instructions) {
        // The site's tag keeps its region when it is the language asked for (`es` → `es-ES`).
        return match site_language() {
            Some(tag) if tag.split('-').next() == Some(asked.as_str()) => tag,
            _ => regional(asked),
        };
    }
    let written_in = instructions
        .and_then(crate::lang::detect::detect)
        .map(|l| l.code.clone());
    match (written_in, site_language()) {
        (Some(code), Some(tag)) if tag.split('-').next() == Some(code.as_str()) => tag,
        (Some(code), _) => regional(code),
        (None, Some(tag)) => tag,
        (None, None) => "en".to_owned(),
    }
}

/// What the instructions ask the agent to do, from the intent words of every language folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Support,
    Booking,
    Sales,
    Reception,
    General,
}

pub fn intent_of(instructions: &str) -> Intent {
    let lower = instructions.to_lowercase();
    let has = |pick: fn(&crate::lang::InstructionWords) -> &Vec<String>| {
        crate::lang::all()
            .iter()
            .flat_map(|l| pick(&l.instructions))
            .any(|w| lower.contains(w.as_str()))
    };
    if has(|w| &w.intent_support) {
        Intent::Support
    } else if has(|w| &w.intent_booking) {
        Intent::Booking
    } else if has(|w| &w.intent_sales) {
        Intent::Sales
    } else if has(|w| &w.intent_reception) {
        Intent::Reception
    } else {
        Intent::General
    }
}

/// "Customer Support Assistant" and friends, from what the instructions focus on, in the
/// agent's language.
fn descriptive_name(instructions: &str, language: &str) -> String {
    let intent = intent_of(instructions);
    let id = match intent {
        Intent::Support => "name-support",
        Intent::Booking => "name-booking",
        Intent::Sales => "name-sales",
        Intent::Reception => "name-reception",
        Intent::General => "name-general",
    };
    crate::lang::messages::for_agent(language).text(id, &[])
}

/// A well-formed BCP 47 tag in its canonical case (`en_us` → `en-US`), or `None`.
pub fn normalize_language(raw: &str) -> Option<String> {
    let raw = raw.trim().replace('_', "-");
    let mut parts = raw.split('-');
    let primary = parts.next()?;
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = primary.to_ascii_lowercase();
    for part in parts {
        let valid =
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric());
        if !valid {
            return None;
        }
        out.push('-');
        match part.len() {
            2 if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                out.push_str(&part.to_ascii_uppercase())
            }
            4 if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                let mut chars = part.chars();
                out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                out.push_str(&chars.as_str().to_ascii_lowercase());
            }
            _ => out.push_str(&part.to_ascii_lowercase()),
        }
    }
    Some(out)
}

const LANGUAGES: &[(&str, &str)] = &[
    ("english", "en"),
    ("spanish", "es"),
    ("español", "es"),
    ("french", "fr"),
    ("français", "fr"),
    ("german", "de"),
    ("deutsch", "de"),
    ("italian", "it"),
    ("portuguese", "pt"),
    ("dutch", "nl"),
    ("swedish", "sv"),
    ("danish", "da"),
    ("norwegian", "no"),
    ("finnish", "fi"),
    ("polish", "pl"),
    ("turkish", "tr"),
    ("russian", "ru"),
    ("ukrainian", "uk"),
    ("greek", "el"),
    ("arabic", "ar"),
    ("hebrew", "he"),
    ("hindi", "hi"),
    ("japanese", "ja"),
    ("korean", "ko"),
    ("chinese", "zh"),
    ("mandarin", "zh"),
    ("cantonese", "yue"),
    ("vietnamese", "vi"),
    ("thai", "th"),
    ("indonesian", "id"),
];

/// "Answer in Spanish", "speak French", "Spanish-speaking callers", "Bitte auf Spanisch",
/// "atiende en español": the language asked for, in any language folder's words.
pub fn language_from_instructions(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| words[j]);
        let after = words.get(i + 1).copied();
        for language in crate::lang::all() {
            let asks = &language.instructions;
            let Some(code) = asks.language_names.get(*word) else {
                continue;
            };
            let cue_before = before.is_some_and(|b| asks.cues_before.iter().any(|c| c == b));
            let cue_after = after.is_some_and(|a| asks.cues_after.iter().any(|c| c == a));
            if cue_before || cue_after {
                return Some(code.clone());
            }
        }
    }
    for (i, word) in words.iter().enumerate() {
        let Some((_, tag)) = LANGUAGES.iter().find(|(name, _)| name == word) else {
            continue;
        };
        let before = i.checked_sub(1).map(|j| words[j]);
        let after = words.get(i + 1).copied();
        let cue_before = matches!(
            before,
            Some("in" | "speak" | "speaks" | "speaking" | "use" | "only")
        );
        let cue_after = matches!(after, Some("speaking" | "speakers" | "only"));
        if cue_before || cue_after {
            return Some((*tag).to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_normalised_or_refused() {
        assert_eq!(normalize_language("en_us").as_deref(), Some("en-US"));
        assert_eq!(
            normalize_language("zh-hant-tw").as_deref(),
            Some("zh-Hant-TW")
        );
        assert_eq!(normalize_language("es-419").as_deref(), Some("es-419"));
        assert_eq!(normalize_language("english"), None);
        assert_eq!(normalize_language(""), None);
        assert_eq!(normalize_language("en-<script>"), None);
    }

    #[test]
    fn a_language_asked_for_in_the_instructions_is_found() {
        assert_eq!(
            language_from_instructions("Please answer in Spanish.").as_deref(),
            Some("es")
        );
        assert_eq!(
            language_from_instructions("Our callers are French-speaking").as_deref(),
            Some("fr")
        );
        assert_eq!(language_from_instructions("We sell German cars"), None);
        for (text, want) in [
            ("Bitte antworte immer auf Spanisch.", "es"),
            ("Atiende las llamadas en inglés, por favor.", "en"),
            ("Réponds en néerlandais à nos clients flamands.", "nl"),
            ("Graag in het Frans antwoorden.", "fr"),
            ("Rispondi in tedesco ai clienti di Bolzano.", "de"),
            ("Fale sempre em português.", "pt"),
        ] {
            assert_eq!(
                language_from_instructions(text).as_deref(),
                Some(want),
                "{text}"
            );
        }
        // A language named without a request: a restaurant's cuisine, not its callers.
        assert_eq!(
            language_from_instructions("Somos un restaurante italiano."),
            None
        );
        assert_eq!(
            language_from_instructions("Wir verkaufen italienische Weine."),
            None
        );
    }

    #[test]
    fn intent_is_read_in_every_language() {
        assert_eq!(
            intent_of("Der Assistent soll Termine vereinbaren."),
            Intent::Booking
        );
        assert_eq!(
            intent_of("Atiende el soporte técnico de nuestra app."),
            Intent::Support
        );
        assert_eq!(
            intent_of("Il assistant doit qualifier les prospects."),
            Intent::Sales
        );
        assert_eq!(
            intent_of("Neem de telefoon aan voor de receptie."),
            Intent::Reception
        );
        assert_eq!(
            descriptive_name("Der Assistent soll Termine vereinbaren.", "de"),
            "Terminassistent"
        );
        assert_eq!(
            descriptive_name("Please book appointments.", "en"),
            "Booking Assistant"
        );
    }
}
