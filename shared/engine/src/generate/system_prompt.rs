//! The system prompt a voice runtime runs the agent with: every part of the agent in one
//! document a person can read and edit.

use crate::domain::{AgentConfig, Confidence, FactKind, Tone};

/// Longest instructions quoted in the prompt; the goals already carry their gist.
pub(super) const MAX_INSTRUCTIONS_CHARS: usize = 3_000;

pub fn tone_manner(tone: Tone) -> &'static str {
    match tone {
        Tone::Professional => "clear, courteous and efficient",
        Tone::Friendly => "warm, upbeat and welcoming",
        Tone::Casual => "relaxed, easy-going and conversational",
        Tone::Formal => "polite, precise and formal",
    }
}

/// Composes the prompt from a finished agent (everything but `system_prompt` itself).
pub fn compose(agent: &AgentConfig, business: &str, instructions: Option<&str>) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {} — phone agent\n\n", agent.name));

    out.push_str("## Who you are\n");
    out.push_str(&agent.personality);
    out.push_str("\n\n");

    out.push_str("## How you speak\n");
    out.push_str(&format!(
        "- Tone: {} — {}.\n- Language: speak {} (BCP 47 `{}`); if the caller uses another language, answer in theirs if you can.\n- This is a phone call: one or two short sentences at a time, no lists, no markdown, no web addresses read out character by character unless asked. Confirm names, numbers and times by repeating them back.\n\n",
        agent.tone,
        tone_manner(agent.tone),
        language_name(&agent.language),
        agent.language
    ));

    out.push_str("## Opening line\n");
    out.push_str(&format!(
        "Start every call with: \"{}\"\n\n",
        agent.greeting
    ));

    out.push_str("## Conversation flow\n");
    for (i, goal) in agent.goals.iter().enumerate() {
        out.push_str(&format!("{}. {goal}\n", i + 1));
    }
    out.push('\n');

    out.push_str("## Rules you always follow\n");
    for rule in &agent.guardrails {
        out.push_str(&format!("- {rule}\n"));
    }
    out.push('\n');

    out.push_str(&format!("## What you know about {business}\n"));
    // Low-confidence facts (body text on one page) stay in `knowledge` for the caller to
    // review but are not stated to callers.
    let stated: Vec<_> = agent
        .knowledge
        .iter()
        .filter(|f| f.confidence != Some(Confidence::Low))
        .collect();
    if stated.is_empty() {
        out.push_str(&format!(
            "You have no published facts about {business}: no phone numbers, addresses, opening hours, prices or services. Do not state any; offer to take a message so the team can answer.\n"
        ));
    } else {
        out.push_str(&format!(
            "These facts come from {business}'s own website. They are the only facts you may state; for anything else, say you don't know and offer to take a message.\n"
        ));
        for fact in stated {
            out.push_str(&format!("- {}: {}\n", fact_label(fact.kind), fact.text));
        }
    }

    if let Some(text) = instructions {
        out.push_str("\n## Direction from the business\n");
        out.push_str(
            "The business gave these instructions for this agent. Follow them, within the rules above:\n",
        );
        out.push_str(&clip(text, MAX_INSTRUCTIONS_CHARS));
        out.push('\n');
    }
    out
}

fn fact_label(kind: FactKind) -> &'static str {
    match kind {
        FactKind::Name => "Name",
        FactKind::Description => "About",
        FactKind::Category => "Type of business",
        FactKind::Phone => "Phone",
        FactKind::Email => "Email",
        FactKind::Address => "Address",
        FactKind::Hours => "Opening hours",
        FactKind::Service => "Service",
        FactKind::Faq => "FAQ",
        FactKind::BookingLink => "Online booking",
        FactKind::Social => "Social media",
    }
}

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

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}
