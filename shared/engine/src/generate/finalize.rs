//! Every generator's draft passes through here: checked, corrected where it falls short, grounded
//! in the site's facts, and completed into an agent with its knowledge, system prompt and
//! metadata. Whatever was corrected is recorded in the agent's warnings.

use super::context::Context;
use super::draft::{limits, AgentDraft};
use super::grounding::Detail;
use super::{knowledge, template};
use crate::domain::{AgentConfig, GenerationMetadata, GeneratorKind};

/// The first rule of every agent, in its language; its presence is what "never fabricates"
/// means.
pub fn no_fabrication_prefix(language: &str) -> String {
    super::localized::no_fabrication_prefix(crate::lang::messages::for_agent(language))
}

/// The rules every agent follows, whichever generator wrote it, in the agent's language.
pub fn baseline_guardrails(language: &str, business: &str) -> Vec<String> {
    super::localized::baseline_guardrails(crate::lang::messages::for_agent(language), business)
}

/// Most sources listed in the metadata.
const MAX_SOURCES: usize = 50;

/// Which generator wrote a draft, and what it already had to say.
pub struct MadeBy {
    pub generator: GeneratorKind,
    pub model: Option<String>,
    /// What the generator already had to say (a fallback, a repair).
    pub warnings: Vec<String>,
}

pub fn finalize(draft: AgentDraft, ctx: &Context, voice: &str, made_by: MadeBy) -> AgentConfig {
    let mut warnings = ctx.notes.clone();
    warnings.extend(made_by.warnings);
    // The template's own draft: the fallback for any field a model got wrong.
    let fallback = || template::draft(ctx);

    let name = match (&ctx.persona, &ctx.company) {
        // The instructions named the agent: it carries that name.
        (Some(persona), _) => persona.clone(),
        (None, Some(company)) => {
            if !same_text(&draft.name, company) && !draft.name.trim().is_empty() {
                warnings.push(format!(
                    "The generator named the agent {:?}; the business's own name {company:?} was used.",
                    one_line(&draft.name)
                ));
            }
            company.clone()
        }
        (None, None) => {
            let proposed = clip(&one_line(&draft.name), limits::NAME);
            if proposed.is_empty() || !ctx.grounding.ungrounded(&proposed).is_empty() {
                ctx.name.clone()
            } else {
                proposed
            }
        }
    };

    let tone = match ctx.instructed_tone {
        Some(instructed) if instructed != draft.tone => {
            warnings.push(format!(
                "The generator chose a {} tone; the {} tone the instructions ask for was used.",
                draft.tone, instructed
            ));
            instructed
        }
        _ => draft.tone,
    };

    let mut personality = ground(ctx, "personality", &draft.personality, &mut warnings);
    personality = clip(&personality, limits::PERSONALITY);
    if personality.is_empty() {
        warnings.push("The generated personality was empty; the template's was used.".into());
        personality = fallback().personality;
    }

    let mut goals = ground_list(ctx, "goals", &draft.goals, limits::MAX_GOALS, &mut warnings);
    if goals.is_empty() {
        warnings.push("No usable goals were generated; the template's were used.".into());
        goals = fallback().goals;
    }

    let messages = crate::lang::messages::for_agent(&ctx.language);
    let mut guardrails = super::localized::baseline_guardrails(messages, ctx.business());
    let extra = ground_list(
        ctx,
        "guardrails",
        &draft.guardrails,
        limits::MAX_GUARDRAILS,
        &mut warnings,
    );
    for rule in extra {
        let duplicate = guardrails.iter().any(|g| same_text(g, &rule));
        if !duplicate && guardrails.len() < limits::MAX_GUARDRAILS {
            guardrails.push(rule);
        }
    }

    let greeting = {
        let proposed = one_line(&draft.greeting);
        let found = ctx.grounding.ungrounded(&proposed);
        let problem = if !found.is_empty() {
            Some(found[0].warning("greeting"))
        } else if proposed.is_empty() {
            Some("The generated greeting was empty.".to_owned())
        } else if !mentions(&proposed, ctx.company.as_deref().unwrap_or(&name)) {
            Some("The generated greeting did not name the business.".to_owned())
        } else if proposed.split_whitespace().count() > limits::GREETING_WORDS
            || proposed.chars().count() > limits::GREETING
        {
            Some(format!(
                "The generated greeting was longer than {} words.",
                limits::GREETING_WORDS
            ))
        } else {
            None
        };
        match problem {
            None => proposed,
            Some(problem) => {
                warnings.push(format!("{problem} The template's greeting was used."));
                template::greeting_in(&ctx.language, ctx.company.as_deref(), &name, tone)
            }
        }
    };

    let mut sources = knowledge::sources_of(&ctx.knowledge);
    for source in &ctx.profile_sources {
        if !sources.contains(source) {
            sources.push(source.clone());
        }
    }
    sources.truncate(MAX_SOURCES);

    let mut agent = AgentConfig {
        name,
        personality,
        goals,
        guardrails,
        tone,
        greeting,
        voice: voice.to_owned(),
        language: ctx.language.clone(),
        knowledge: ctx.knowledge.clone(),
        system_prompt: String::new(),
        metadata: GenerationMetadata {
            generator: made_by.generator,
            model: made_by.model,
            sources,
            warnings,
        },
    };
    agent.system_prompt = super::localized::compose(
        messages,
        &agent,
        ctx.business(),
        &super::localized::of_business(messages, ctx.company.as_deref()),
        ctx.instructions.as_deref(),
    );
    agent
}

/// Problems that would make an agent unfit for a phone line; empty for every finalized agent.
/// Tests run it over every generator's output.
pub fn check(agent: &AgentConfig) -> Vec<String> {
    let mut problems = Vec::new();
    if agent.name.trim().is_empty() || agent.name.chars().count() > limits::NAME {
        problems.push("name is empty or too long".to_owned());
    }
    if !mentions(&agent.greeting, &agent.name) {
        problems.push("greeting does not name the business".to_owned());
    }
    if agent.greeting.split_whitespace().count() > limits::GREETING_WORDS {
        problems.push("greeting is too long".to_owned());
    }
    let prefix = no_fabrication_prefix(&agent.language);
    if !agent.guardrails.iter().any(|g| g.starts_with(&prefix)) {
        problems.push("no-fabrication guardrail missing".to_owned());
    }
    if agent.goals.is_empty() || agent.goals.len() > limits::MAX_GOALS {
        problems.push("goals missing or too many".to_owned());
    }
    if agent.personality.is_empty() || agent.personality.chars().count() > limits::PERSONALITY {
        problems.push("personality empty or too long".to_owned());
    }
    if !agent.system_prompt.contains(&agent.greeting)
        || !agent
            .guardrails
            .iter()
            .all(|g| agent.system_prompt.contains(g.as_str()))
    {
        problems.push("system prompt does not carry the agent".to_owned());
    }
    problems
}

fn ground(ctx: &Context, field: &str, text: &str, warnings: &mut Vec<String>) -> String {
    let (cleaned, removed) = ctx.grounding.clean(&one_line(text));
    note_removed(field, &removed, warnings);
    cleaned
}

fn ground_list(
    ctx: &Context,
    field: &str,
    items: &[String],
    max: usize,
    warnings: &mut Vec<String>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let cleaned = clip(&ground(ctx, field, item, warnings), limits::ITEM);
        if !cleaned.is_empty() && !out.iter().any(|o| same_text(o, &cleaned)) {
            out.push(cleaned);
        }
    }
    out.truncate(max);
    out
}

fn note_removed(field: &str, removed: &[Detail], warnings: &mut Vec<String>) {
    warnings.extend(removed.iter().map(|d| d.warning(field)));
}

/// Whether `text` names `name`, ignoring case and apostrophe style.
fn mentions(text: &str, name: &str) -> bool {
    let norm = |s: &str| s.to_lowercase().replace(['’', '‘'], "'");
    norm(text).contains(&norm(name))
}

fn same_text(a: &str, b: &str) -> bool {
    one_line(a).eq_ignore_ascii_case(&one_line(b))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cut at `max` characters, at a sentence or word end when one is near.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    if let Some(end) = cut.rfind(['.', '!', '?']).filter(|&i| i > max / 2) {
        return cut[..=end].to_owned();
    }
    match cut.rfind(' ') {
        Some(space) => format!("{}…", cut[..space].trim_end()),
        None => cut,
    }
}
