//! Titles and headings an unrendered client-side app shows before its script runs ("Loading…",
//! "React App", "Vite + React"): they name a toolchain or a state, never a business.

/// Whether `text` is a placeholder a page shell carries in place of its real title.
pub fn is_shell_title(text: &str) -> bool {
    let text = &*repair_mojibake(text);
    let lower = text.to_lowercase();
    let words: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if words.is_empty() {
        // "…", "---": a title that is only punctuation is a placeholder too.
        return !text.trim().is_empty();
    }
    if SHELL_TITLES.contains(&words.as_str()) {
        return true;
    }
    // "Loading…", "Loading, please wait", "Cargando…", "Chargement…", "Wird geladen…".
    // Only filler may follow, so "Loading Dock Coffee" stays a name.
    LOADING_WORDS.iter().any(|w| {
        words.strip_prefix(w).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with(' ') && rest.split_whitespace().all(|r| FILLER.contains(&r))
        })
    })
}

/// Words that may follow "Loading" in a placeholder.
const FILLER: &[&str] = &[
    "please",
    "wait",
    "one",
    "moment",
    "the",
    "page",
    "app",
    "site",
    "content",
    "now",
    "por",
    "favor",
    "espere",
    "veuillez",
    "patienter",
    "bitte",
    "warten",
    "attendere",
    "en",
    "cours",
];

/// UTF-8 read as Windows-1252 ("Loadingâ€¦" for "Loading…", a page served without a charset)
/// turned back into what was meant; anything else unchanged.
fn repair_mojibake(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| matches!(c, 'â' | 'Ã' | 'Â')) {
        return text.into();
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    match std::str::from_utf8(&bytes) {
        Ok(repaired) if !unmappable => repaired.to_owned().into(),
        _ => text.into(),
    }
}

/// Default titles of project templates and generators, and placeholders, as words.
const SHELL_TITLES: &[&str] = &[
    "react app",
    "vite react",
    "vite react ts",
    "vite vue",
    "vite vue ts",
    "vite svelte",
    "vite svelte ts",
    "vite preact",
    "vite lit",
    "vite app",
    "vite",
    "vue app",
    "my vue app",
    "vue",
    "svelte app",
    "sveltekit app",
    "angular",
    "angular app",
    "my app",
    "myapp",
    "app",
    "web app",
    "webapp",
    "create next app",
    "next js",
    "nuxt",
    "nuxt app",
    "gatsby",
    "ember app",
    "preact app",
    "remix app",
    "astro",
    "expo",
    "flutter demo",
    "document",
    "untitled",
    "untitled document",
    "new page",
    "title",
    "page title",
    "placeholder",
    "please wait",
    "one moment",
    "redirecting",
    "javascript required",
    "enable javascript",
    "please enable javascript",
];

/// Words that open a loading state, in the languages the product reads.
const LOADING_WORDS: &[&str] = &[
    "loading",
    "cargando",
    "carregando",
    "chargement",
    "wird geladen",
    "laden",
    "caricamento",
    "bezig met laden",
    "ładowanie",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_titles_are_recognised() {
        for t in [
            "Loading…",
            "Loading...",
            "loading, please wait",
            "React App",
            "Vite + React",
            "Vite + React + TS",
            "Untitled",
            "Cargando…",
            "Chargement...",
            "…",
            "Create Next App",
            // "Loading…" served without a charset and read as Windows-1252.
            "Loadingâ€¦",
        ] {
            assert!(is_shell_title(t), "{t}");
        }
    }

    #[test]
    fn business_titles_are_not_shells() {
        for t in [
            "Harbor View Dental",
            "Loading Dock Coffee Roasters in Portland, Oregon",
            "Loading Dock Coffee",
            "Crème Brûlée Café",
            "App Street Bakery",
            "Vitello Trattoria",
            "Acme Plumbing | Contact",
            "",
        ] {
            assert!(!is_shell_title(t), "{t}");
        }
    }
}
