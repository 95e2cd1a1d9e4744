//! The embedded generator: deterministic, offline, industry-aware, and it states no fact the
//! site did not give (the facts themselves go into the agent's knowledge, not its prose).

use async_trait::async_trait;

use super::context::Context;
use super::draft::AgentDraft;
use super::finalize::{finalize, MadeBy};
use super::playbook::playbook;
use super::system_prompt::tone_manner;
use super::{GenerateError, GenerationInput, Generator};
use crate::domain::{AgentConfig, FactKind, GeneratorKind, Tone};

#[derive(Debug, Clone)]
pub struct TemplateGenerator {
    voice: String,
}

impl TemplateGenerator {
    pub fn new(voice: impl Into<String>) -> Self {
        Self {
            voice: voice.into(),
        }
    }

    pub fn voice(&self) -> &str {
        &self.voice
    }

    pub fn build(&self, input: &GenerationInput) -> AgentConfig {
        self.build_with(&Context::new(input), Vec::new())
    }

    /// The agent for an already-read input, with warnings from an earlier attempt (a language
    /// model that failed) carried into its metadata.
    pub fn build_with(&self, ctx: &Context, mut warnings: Vec<String>) -> AgentConfig {
        let messages = crate::lang::messages::for_tag(&ctx.language);
        if let Some(warning) = messages.and_then(|m| super::localized::playbook_warning(ctx, m)) {
            warnings.push(warning);
        }
        if !ctx.language.starts_with("en") && messages.is_none() {
            warnings.push(format!(
                "The template generator has no messages for {}; it wrote English and the agent is told to speak {} (`{}`, from the site or the instructions).",
                super::system_prompt::language_name(&ctx.language),
                super::system_prompt::language_name(&ctx.language),
                ctx.language
            ));
        }
        finalize(
            draft(ctx),
            ctx,
            &self.voice,
            MadeBy {
                generator: GeneratorKind::Template,
                model: None,
                warnings,
            },
        )
    }
}

#[async_trait]
impl Generator for TemplateGenerator {
    async fn generate(&self, input: &GenerationInput) -> Result<AgentConfig, GenerateError> {
        Ok(self.build(input))
    }
}

/// The template's draft for a context, in the agent's language when its folder has messages.
pub fn draft(ctx: &Context) -> AgentDraft {
    if let Some(m) = crate::lang::messages::for_tag(&ctx.language) {
        return super::localized::draft(ctx, m);
    }
    AgentDraft {
        name: ctx.name.clone(),
        personality: personality(ctx),
        goals: goals(ctx),
        guardrails: guardrails(ctx),
        tone: ctx.tone,
        greeting: greeting(ctx.business_or(&ctx.name), ctx.tone),
    }
}

/// The template's greeting in a language (English when its folder has no messages).
pub fn greeting_in(language: &str, company: Option<&str>, name: &str, tone: Tone) -> String {
    match crate::lang::messages::for_tag(language) {
        Some(m) => super::localized::greeting(m, company, name, tone),
        None => greeting(company.unwrap_or(name), tone),
    }
}

pub fn greeting(business: &str, tone: Tone) -> String {
    match tone {
        Tone::Friendly => format!("Hi, thanks for calling {business}! How can I help you today?"),
        Tone::Casual => format!("Hey, thanks for calling {business}! What can I do for you?"),
        Tone::Formal => {
            format!("Good day, and thank you for calling {business}. How may I assist you?")
        }
        Tone::Professional => {
            format!("Thank you for calling {business}. How can I help you today?")
        }
    }
}

fn personality(ctx: &Context) -> String {
    let book = playbook(ctx.industry);
    let mut out = match &ctx.company {
        Some(company) => format!(
            "You are {} for {company}, {}. You answer calls from {}; your job is to {}.",
            ctx.persona
                .as_deref()
                .map_or_else(|| "the phone assistant".to_owned(), |p| format!("{p}, the phone assistant")),
            ctx.industry.describe(),
            book.audience,
            book.purpose
        ),
        None => format!(
            "You are {}, a phone assistant that answers calls on a business's behalf; your job is to {}.",
            ctx.name, book.purpose
        ),
    };
    if let Some(description) = &ctx.description {
        out.push_str(&format!(
            " How the business describes itself: \"{}\"",
            super::finalize::clip(description, 400)
        ));
    }
    if let Some(focus) = ctx
        .instructions
        .as_deref()
        .map(|text| focus_sentence(text, ctx.company.as_deref()))
    {
        out.push_str(&format!(" Your focus, as the business asked: \"{focus}\""));
    }
    out.push_str(&format!(
        " You sound {}, keep to short sentences that suit a phone call, and listen more than you talk.",
        tone_manner(ctx.tone)
    ));
    out
}

fn goals(ctx: &Context) -> Vec<String> {
    let business = ctx.business();
    let has = |kind: FactKind| ctx.knowledge.iter().any(|f| f.kind == kind);
    let mut goals = vec![format!(
        "Greet the caller, say you are {business}'s assistant, and ask how you can help."
    )];
    if let Some(text) = ctx.instructions.as_deref() {
        goals.push(format!(
            "Follow the business's own direction for this agent: {}",
            super::finalize::clip(&one_line(text), 600)
        ));
    }
    goals.push(
        "Find out what the caller needs with short, open questions, and confirm you understood."
            .to_owned(),
    );
    goals.extend(
        playbook(ctx.industry)
            .goals
            .iter()
            .map(|g| g.replace("{business}", business)),
    );
    if has(FactKind::Hours) {
        goals.push("Answer questions about opening times from the opening hours listed below; if a day is not listed, say you are not sure.".to_owned());
    }
    if has(FactKind::BookingLink) {
        goals.push("When a caller wants to book, mention the online booking page listed below, or take their details for a call back.".to_owned());
    }
    goals.push("When you cannot fully help, take the caller's name, phone number and reason for calling so a team member can follow up, or offer a transfer to a person.".to_owned());
    goals.push("Before ending, summarise what happens next and thank the caller.".to_owned());
    goals
}

fn guardrails(ctx: &Context) -> Vec<String> {
    let business = ctx.business();
    let mut rules: Vec<String> = playbook(ctx.industry)
        .guardrails
        .iter()
        .map(|g| g.replace("{business}", business))
        .collect();
    if let Some(text) = ctx.instructions.as_deref() {
        rules.extend(
            instruction_constraints(text)
                .into_iter()
                .map(|c| format!("As the business asked: {c}")),
        );
    }
    rules
}

/// Sentences of the instructions that restrict the agent ("Never discuss pricing.").
pub(super) fn instruction_constraints(text: &str) -> Vec<String> {
    // Restriction words of every language folder ("never", "nunca", "niemals", "jamais").
    let cues: Vec<&str> = crate::lang::all()
        .iter()
        .flat_map(|l| &l.instructions.constraints)
        .map(String::as_str)
        .collect();
    sentences(text)
        .into_iter()
        .filter(|s| {
            let lower = s.to_lowercase();
            cues.iter()
                .any(|c| crate::lang::words::contains_term(&lower, c.trim()))
        })
        .map(|s| super::finalize::clip(&s, 300))
        .take(5)
        .collect()
}

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        current.push(c);
        if matches!(c, '.' | '!' | '?' | '\n') && !(c == '.' && ends_with_abbreviation(&current)) {
            let s = one_line(&current);
            if !s.is_empty() {
                out.push(s);
            }
            current.clear();
        }
    }
    let s = one_line(&current);
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// "Dr.", "St.", "Sra.", "Nr.": a full stop that ends a title or an abbreviation, not a sentence.
fn ends_with_abbreviation(text: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "dr", "dra", "drs", "mr", "mrs", "ms", "st", "sr", "sra", "srta", "prof", "nr", "str",
        "av", "avda", "mme", "mlle", "dott", "sig", "ing", "arch", "inc", "ltd",
    ];
    let word = text[..text.len() - 1]
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
}

/// The instructions' first sentence that says more than whom the agent works for.
pub(super) fn focus_sentence(text: &str, company: Option<&str>) -> String {
    let all = sentences(text);
    let naming_only =
        |s: &String| company.is_some_and(|c| s.contains(c)) && s.split_whitespace().count() <= 8;
    all.iter()
        .find(|s| !naming_only(s))
        .or(all.first())
        .map(|s| super::finalize::clip(s, 300))
        .unwrap_or_default()
}

pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Instructions, NetworkPolicy, SiteUrl};
    use crate::extract::PageMeta;
    use crate::generate::SiteFacts;

    fn site(url: &str, title: &str, description: Option<&str>) -> SiteFacts {
        SiteFacts {
            url: SiteUrl::parse(url, NetworkPolicy::Public).unwrap(),
            meta: PageMeta {
                title: Some(title.to_owned()),
                description: description.map(str::to_owned),
                ..PageMeta::default()
            },
            profile: Default::default(),
            pages: Vec::new(),
        }
    }

    fn words(s: &str) -> usize {
        s.split_whitespace().count()
    }

    #[test]
    fn site_agent_is_named_grounded_and_complete() {
        let generator = TemplateGenerator::new("alloy");
        let input = GenerationInput {
            site: Some(site(
                "https://www.luigis-pizzeria.com",
                "Luigi's Pizzeria | Wood-fired pizza",
                Some("Wood-fired pizza in Brooklyn since 1982."),
            )),
            instructions: None,
        };
        let agent = generator.build(&input);
        assert_eq!(agent.name, "Luigi's Pizzeria");
        assert_eq!(agent.tone, Tone::Friendly);
        assert_eq!(agent.voice, "alloy");
        assert!(agent.greeting.contains("Luigi's Pizzeria"));
        assert!(words(&agent.greeting) <= 30);
        assert!(agent
            .personality
            .contains("Wood-fired pizza in Brooklyn since 1982."));
        assert!(agent
            .guardrails
            .iter()
            .any(|g| g.contains("Never make up information")));
        assert!(agent.goals.len() >= 4);
    }

    #[test]
    fn domain_name_when_the_site_gives_none() {
        let agent = TemplateGenerator::new("v").build(&GenerationInput {
            site: Some(site("acme-corp.com", "Home", None)),
            instructions: None,
        });
        assert_eq!(agent.name, "Acme Corp");
        assert!(agent.greeting.contains("Acme Corp"));
    }

    #[test]
    fn instructions_only_agents_invent_nothing() {
        let instructions =
            Instructions::parse("Focus on customer support for our SaaS product. Be casual.")
                .unwrap();
        let agent = TemplateGenerator::new("v").build(&GenerationInput {
            site: None,
            instructions,
        });
        assert_eq!(agent.name, "Customer Support Assistant");
        assert_eq!(agent.tone, Tone::Casual);
        assert!(agent
            .goals
            .iter()
            .any(|g| g.contains("customer support for our SaaS product")));
        let all = format!("{} {} {:?}", agent.personality, agent.greeting, agent.goals);
        // No contact details appear from nowhere: no email address, no phone digits.
        assert!(!all.contains('@'));
        assert!(!all.chars().any(|c| c.is_ascii_digit()));
    }

    #[test]
    fn a_name_given_in_the_instructions_is_used() {
        let instructions =
            Instructions::parse("Answer calls for Bright Smile Dental and book cleanings.")
                .unwrap();
        let agent = TemplateGenerator::new("v").build(&GenerationInput {
            site: None,
            instructions,
        });
        assert_eq!(agent.name, "Bright Smile Dental");
        assert_eq!(agent.tone, Tone::Professional);
        assert!(agent.greeting.contains("Bright Smile Dental"));
    }

    #[test]
    fn deterministic() {
        let input = GenerationInput {
            site: Some(site(
                "https://law.example.com",
                "Smith & Jones Attorneys",
                None,
            )),
            instructions: Instructions::parse("Screen new clients").unwrap(),
        };
        let g = TemplateGenerator::new("v");
        assert_eq!(g.build(&input), g.build(&input));
        assert_eq!(g.build(&input).tone, Tone::Formal);
    }
}
