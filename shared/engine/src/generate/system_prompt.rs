//! The system prompt a voice runtime runs the agent with: every part of the agent in one
//! document a person can read and edit. Its words are the language folder's (`prompt-*` in
//! `agent.ftl`, composed by `localized::compose`); this file keeps what is not prose.

/// Longest instructions quoted in the prompt; the goals already carry their gist.
pub(super) const MAX_INSTRUCTIONS_CHARS: usize = 3_000;

/// The English name of a tag's language, for the prompt ("en-GB" → "English").
pub fn language_name(tag: &str) -> &'static str {
    let primary = tag.split('-').next().unwrap_or_default();
    match primary {
        "en" => "English",
        "es" => "Spanish",
        "fr" => "French",
        "de" => "German",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        "sv" => "Swedish",
        "da" => "Danish",
        "no" | "nb" | "nn" => "Norwegian",
        "fi" => "Finnish",
        "pl" => "Polish",
        "tr" => "Turkish",
        "ru" => "Russian",
        "uk" => "Ukrainian",
        "el" => "Greek",
        "ar" => "Arabic",
        "he" => "Hebrew",
        "hi" => "Hindi",
        "ja" => "Japanese",
        "ko" => "Korean",
        "zh" => "Chinese",
        "yue" => "Cantonese",
        "vi" => "Vietnamese",
        "th" => "Thai",
        "id" => "Indonesian",
        _ => "the site's language",
    }
}
