//! Which article a business's name takes in a language, from its head noun ("Zahnarztpraxis
//! Dr. Weber" is feminine in German, "Restaurante El Faro" masculine in Spanish), so messages
//! can say "von der Zahnarztpraxis Dr. Weber", "del Restaurante El Faro", "de l'Atelier
//! Martin". The words are the language folder's `[articles]`; a name whose head is not listed
//! gets no article ("von Müllers Backstube", "de Luigi's").

use serde::Deserialize;

/// A language's `[articles]` table.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Articles {
    /// In order; the first class with a word matching the head noun wins (`*x` matches words
    /// ending in x, `x*` words starting with it, anything else the whole word).
    #[serde(default)]
    pub classes: Vec<ArticleClass>,
    /// Head nouns the article elides before (French and Italian vowels: "l'Atelier").
    #[serde(default)]
    pub elide: Vec<String>,
    /// Whether the head may be the name's last word when its first is not a known noun
    /// (German "Hamburger Zahnklinik", "Schmidt GmbH"); never after a possessive first word
    /// ending in one of `possessive_endings` ("Müllers Backstube").
    #[serde(default)]
    pub head_last: bool,
    #[serde(default)]
    pub possessive_endings: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ArticleClass {
    /// The value Fluent selectors see as `$gender` (`feminine`, `masculine`, `neuter`, …).
    pub class: String,
    pub words: Vec<String>,
}

/// `none` when the name takes no article in the language.
pub const NONE: &str = "none";

impl Articles {
    /// The class of `name`'s head noun, `elided` when the article elides before it, else
    /// [`NONE`].
    pub fn class_of(&self, name: &str) -> &str {
        let words: Vec<String> = name
            .split(char::is_whitespace)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let Some(first) = words.first() else {
            return NONE;
        };
        let head = if self.class(first).is_some() {
            Some(first)
        } else if self.head_last
            && words.len() > 1
            && !self
                .possessive_endings
                .iter()
                .any(|e| first.ends_with(e.as_str()))
        {
            words.last()
        } else {
            None
        };
        let Some(head) = head else {
            return NONE;
        };
        match self.class(head) {
            Some(_) if self.elide.iter().any(|p| matches(head, p)) => "elided",
            Some(class) => class,
            None => NONE,
        }
    }

    fn class(&self, word: &str) -> Option<&str> {
        self.classes
            .iter()
            .find(|c| c.words.iter().any(|p| matches(word, p)))
            .map(|c| c.class.as_str())
    }
}

fn matches(word: &str, pattern: &str) -> bool {
    if let Some(suffix) = pattern.strip_prefix('*') {
        word.ends_with(suffix)
    } else if let Some(prefix) = pattern.strip_suffix('*') {
        word.starts_with(prefix)
    } else {
        word == pattern
    }
}

#[cfg(test)]
mod tests {
    fn class(code: &str, name: &str) -> String {
        crate::lang::get(code)
            .unwrap()
            .articles
            .class_of(name)
            .to_owned()
    }

    #[test]
    fn german_heads_give_the_gender() {
        for (name, want) in [
            ("Zahnarztpraxis Dr. Weber", "feminine"),
            ("Bäckerei Müller", "feminine"),
            ("Hamburger Zahnklinik", "feminine"),
            ("Schmidt GmbH", "feminine"),
            ("Fahrschule Berger", "feminine"),
            ("Salon Schmidt", "masculine"),
            ("Friseur Haarmonie", "masculine"),
            ("Malerbetrieb Kraus", "masculine"),
            ("Café Central", "neuter"),
            ("Restaurant Adler", "neuter"),
            ("Autohaus König", "neuter"),
            ("Fitnessstudio Move", "neuter"),
            ("Müllers Backstube", "none"),
            ("Siemens", "none"),
        ] {
            assert_eq!(class("de", name), want, "{name}");
        }
    }

    #[test]
    fn romance_heads_give_the_gender_and_elision() {
        for (code, name, want) in [
            ("es", "Peluquería Ana", "feminine"),
            ("es", "Clínica Dental Sonrisa", "feminine"),
            ("es", "Restaurante El Faro", "masculine"),
            ("es", "Casa Lucio", "none"),
            ("fr", "Boulangerie Dupont", "feminine"),
            ("fr", "Salon Élégance", "masculine"),
            ("fr", "Atelier Martin", "elided"),
            ("fr", "Hôtel du Parc", "elided"),
            ("it", "Pizzeria da Mario", "feminine"),
            ("it", "Ristorante Il Gabbiano", "masculine"),
            ("it", "Studio Legale Rossi", "masculine_s"),
            ("it", "Osteria del Ponte", "elided"),
            ("pt", "Clínica Dentária Sorriso", "feminine"),
            ("pt", "Restaurante O Marinheiro", "masculine"),
            ("pt", "Oficina Mecânica Silva", "feminine"),
            ("nl", "Bakkerij Jansen", "none"),
            ("en", "Bright Smile Dental", "none"),
        ] {
            assert_eq!(class(code, name), want, "{code} {name}");
        }
    }
}
