//! The embedded generator: deterministic, offline, industry-aware, and it states no fact the
//! site did not give (the facts themselves go into the agent's knowledge, not its prose).

use async_trait::async_trait;

use super::context::Context;
use super::draft::AgentDraft;
use super::finalize::{finalize, MadeBy};
use super::{GenerateError, GenerationInput, Generator};
use crate::domain::{AgentConfig, GeneratorKind, Tone};

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
        let written = crate::lang::messages::for_agent(&ctx.language);
        if let Some(warning) = super::localized::playbook_warning(ctx, written) {
            warnings.push(warning);
        }
        if messages.is_none() {
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

/// The template's draft for a context, in the agent's language (English's words when its
/// folder has no messages).
pub fn draft(ctx: &Context) -> AgentDraft {
    super::localized::draft(ctx, crate::lang::messages::for_agent(&ctx.language))
}

/// The template's greeting in a language (English when its folder has no messages).
pub fn greeting_in(language: &str, company: Option<&str>, name: &str, tone: Tone) -> String {
    super::localized::greeting(
        crate::lang::messages::for_agent(language),
        company,
        name,
        tone,
    )
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
