//! Which of our languages a text is written in, with `whatlang` (trigram profiles, no model
//! files, microseconds per page) restricted to the languages that have a folder.

use std::sync::LazyLock;

use whatlang::{Detector, Lang};

use super::{all, Language};

/// Fewer letters than this say too little to tell languages apart.
const MIN_LETTERS: usize = 40;
/// Characters read: enough for a stable answer, bounded for huge pages.
const MAX_CHARS: usize = 6_000;
/// Below this confidence the answer is a guess and the declared language is kept.
const MIN_CONFIDENCE: f64 = 0.5;

static DETECTOR: LazyLock<(Detector, Vec<(Lang, &'static Language)>)> = LazyLock::new(|| {
    let known: Vec<(Lang, &'static Language)> = all()
        .iter()
        .filter_map(|l| Lang::from_code(&l.iso639_3).map(|w| (w, l)))
        .collect();
    let detector = Detector::with_allowlist(known.iter().map(|(w, _)| *w).collect());
    (detector, known)
});

/// The language a text is written in, when the text says so clearly.
pub fn detect(text: &str) -> Option<&'static Language> {
    let head: String = text.chars().take(MAX_CHARS).collect();
    if head.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let (detector, known) = &*DETECTOR;
    let info = detector.detect(&head)?;
    if info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    known
        .iter()
        .find(|(w, _)| *w == info.lang())
        .map(|(_, l)| *l)
}

/// A page's language: its declared tag (`<html lang>`, Content-Language) unless the text is
/// clearly in another of our languages (a CMS default `en-US` on a Spanish page), then the
/// detected one; the detected one when nothing is declared.
pub fn page_language(declared: Option<&str>, text: &str) -> Option<String> {
    let detected = detect(text);
    match (declared, detected) {
        (Some(tag), Some(found))
            if !same_language(tag, &found.code) && overrules(tag, found, text) =>
        {
            Some(found.code.clone())
        }
        (Some(tag), _) => Some(tag.to_owned()),
        (None, found) => found.map(|l| l.code.clone()),
    }
}

/// The detected language overrules the declared one only when the text also uses more of its
/// little words (`el`, `y`, `de`) than of the declared language's: trigrams alone take an
/// English menu of German dish names for German.
fn overrules(declared: &str, found: &Language, text: &str) -> bool {
    let Some(declared) = super::get(declared) else {
        return false;
    };
    let head: String = text
        .chars()
        .take(MAX_CHARS)
        .collect::<String>()
        .to_lowercase();
    let words: Vec<&str> = head
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let hits = |l: &Language| {
        words
            .iter()
            .filter(|w| l.stopwords.iter().any(|s| s == *w))
            .count()
    };
    hits(found) > hits(declared)
}

fn same_language(tag: &str, code: &str) -> bool {
    tag.split(['-', '_'])
        .next()
        .is_some_and(|p| p.eq_ignore_ascii_case(code))
}

/// A language tag with a region when the site shows one: the tag's own (`es-MX`), else the
/// site's country-code domain when the language is spoken there (`es` on `.es` → `es-ES`).
pub fn with_region(tag: &str, host: &str) -> String {
    if tag.contains('-') {
        return tag.to_owned();
    }
    let Some(language) = super::get(tag) else {
        return tag.to_owned();
    };
    let tld = host
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let country = if tld == "UK" { "GB".to_owned() } else { tld };
    if country.len() == 2 && language.regions.contains(&country) {
        format!("{}-{country}", language.code)
    } else {
        tag.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<&str> {
        detect(text).map(|l| l.code.as_str())
    }

    #[test]
    fn tells_our_seven_languages_apart() {
        let cases = [
            ("en", "We are a family-run bakery in the heart of town. Fresh bread every morning, cakes to order and coffee to take away."),
            ("es", "Somos una peluquería familiar en el centro de Madrid. Cortes de pelo, tintes y mechas con cita previa, de lunes a sábado."),
            ("de", "Wir sind eine Familienbäckerei im Herzen von München. Frisches Brot jeden Morgen, Kuchen auf Bestellung und Kaffee zum Mitnehmen."),
            ("fr", "Notre cabinet d'avocats vous accompagne dans toutes vos démarches juridiques. Prenez rendez-vous par téléphone ou en ligne."),
            ("nl", "Wij zijn een tandartspraktijk in het centrum van Utrecht. Nieuwe patiënten zijn van harte welkom; maak gerust een afspraak."),
            ("it", "La nostra trattoria propone piatti della tradizione romana con ingredienti freschi e di stagione. Prenota il tuo tavolo."),
            ("pt", "A nossa oficina mecânica trata do seu carro com rapidez e confiança. Fazemos revisões, mudança de óleo e pneus."),
        ];
        for (want, text) in cases {
            assert_eq!(code(text), Some(want), "{text}");
        }
    }

    #[test]
    fn an_english_page_full_of_foreign_names_keeps_its_declared_language() {
        let text = "Our menu: Wiener Schnitzel, Kaiserschmarrn, Apfelstrudel and Sachertorte, \
                    served with Grüner Veltliner from Wachau. Open daily.";
        assert_eq!(page_language(Some("en"), text).as_deref(), Some("en"));
    }

    #[test]
    fn short_or_empty_text_is_not_guessed() {
        assert_eq!(code("Hola"), None);
        assert_eq!(code(""), None);
        assert_eq!(code(&"1234 ".repeat(100)), None);
    }

    #[test]
    fn the_text_overrides_a_wrong_declared_language() {
        let spanish = "Somos una peluquería familiar en el centro de Madrid. Cortes de pelo, tintes y mechas con cita previa.";
        assert_eq!(page_language(Some("en-US"), spanish).as_deref(), Some("es"));
        assert_eq!(
            page_language(Some("es-MX"), spanish).as_deref(),
            Some("es-MX")
        );
        assert_eq!(page_language(None, spanish).as_deref(), Some("es"));
        assert_eq!(page_language(Some("fr"), "Accueil").as_deref(), Some("fr"));
    }

    #[test]
    fn the_country_domain_adds_a_region_where_the_language_is_spoken() {
        assert_eq!(with_region("es", "www.peluqueria-ana.es"), "es-ES");
        assert_eq!(with_region("de", "baeckerei.at"), "de-AT");
        assert_eq!(with_region("en", "shop.co.uk"), "en-GB");
        assert_eq!(with_region("de", "example.com"), "de");
        assert_eq!(with_region("de", "example.es"), "de");
        assert_eq!(with_region("nl-BE", "example.nl"), "nl-BE");
    }
}
