//! The embedded generator: deterministic, offline, and it states no fact the site did not give.

use async_trait::async_trait;

use super::naming::{business_name, name_from_domain};
use super::tone::{choose_tone, detect_industry, Industry};
use super::{GenerateError, GenerationInput, Generator};
use crate::domain::{AgentConfig, Tone};

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

    pub fn build(&self, input: &GenerationInput) -> AgentConfig {
        let instructions = input.instructions.as_ref().map(|i| i.as_str());
        let site_text = input
            .site
            .as_ref()
            .map(|s| {
                [
                    s.meta.site_name.as_deref(),
                    s.meta.title.as_deref(),
                    s.meta.description.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
            })
            .unwrap_or_default();
        let industry =
            detect_industry(&format!("{site_text} {}", instructions.unwrap_or_default()));
        let tone = choose_tone(industry, instructions);
        let company = input
            .site
            .as_ref()
            .and_then(|s| {
                business_name(&s.meta, s.url.host()).or_else(|| name_from_domain(s.url.host()))
            })
            .or_else(|| instructions.and_then(name_from_instructions));
        let name = company
            .clone()
            .unwrap_or_else(|| descriptive_name(instructions.unwrap_or_default()));
        let description = input.site.as_ref().and_then(|s| s.meta.description.clone());

        AgentConfig {
            personality: personality(
                company.as_deref(),
                &name,
                industry,
                tone,
                description.as_deref(),
            ),
            goals: goals(company.as_deref(), instructions),
            guardrails: guardrails(company.as_deref(), industry),
            greeting: greeting(company.as_deref(), &name, tone),
            tone,
            voice: self.voice.clone(),
            name,
        }
    }
}

#[async_trait]
impl Generator for TemplateGenerator {
    async fn generate(&self, input: &GenerationInput) -> Result<AgentConfig, GenerateError> {
        Ok(self.build(input))
    }
}

fn tone_manner(tone: Tone) -> &'static str {
    match tone {
        Tone::Professional => "clear, courteous and efficient",
        Tone::Friendly => "warm, upbeat and welcoming",
        Tone::Casual => "relaxed, easy-going and conversational",
        Tone::Formal => "polite, precise and formal",
    }
}

fn personality(
    company: Option<&str>,
    name: &str,
    industry: Industry,
    tone: Tone,
    description: Option<&str>,
) -> String {
    let who = match company {
        Some(company) => format!(
            "You are the voice assistant for {company}, {}. You answer phone calls from customers and prospective customers on the business's behalf.",
            industry.describe()
        ),
        None => format!("You are {name}, a voice assistant that answers phone calls on a business's behalf."),
    };
    let about = description
        .map(|d| format!(" How the business describes itself on its website: \"{d}\""))
        .unwrap_or_default();
    format!(
        "{who}{about} You speak in a {} way, in short sentences suited to a phone call, and you listen more than you talk.",
        tone_manner(tone)
    )
}

fn goals(company: Option<&str>, instructions: Option<&str>) -> Vec<String> {
    let business = company.unwrap_or("the business");
    let mut goals = vec![
        format!("Greet the caller, say you are {business}'s assistant, and ask how you can help."),
        "Find out what the caller needs with short, open questions, and confirm you understood.".to_owned(),
        format!("Answer questions using only information {business} has provided; when you do not know, say so."),
        "When you cannot fully help, take the caller's name, phone number and reason for calling so a team member can follow up, or offer a transfer to a person.".to_owned(),
        "Before ending, summarise what happens next and thank the caller.".to_owned(),
    ];
    if let Some(text) = instructions {
        goals.insert(
            1,
            format!(
                "Follow the business's own direction for this agent: {}",
                first_chars(text, 600)
            ),
        );
    }
    goals
}

fn guardrails(company: Option<&str>, industry: Industry) -> Vec<String> {
    let business = company.unwrap_or("the business");
    let mut rules = vec![
        format!("Never make up information. If {business} has not provided an answer, say you don't know and offer to take a message or transfer the caller to a person."),
        "Never promise prices, discounts, availability or appointment times that have not been confirmed by the business.".to_owned(),
        "Do not give medical, legal or financial advice beyond what the business itself publishes.".to_owned(),
        "Never ask for or accept payment card numbers, bank details, passwords or other sensitive data over the phone.".to_owned(),
        format!("Stay on topics related to {business}; politely steer other conversations back."),
        "If the caller asks for a person, or is upset, offer to transfer them or take a message right away.".to_owned(),
    ];
    if matches!(industry, Industry::Dental | Industry::Medical) {
        rules.push("If a caller describes an emergency, tell them to hang up and call the local emergency number now.".to_owned());
    }
    rules
}

fn greeting(company: Option<&str>, name: &str, tone: Tone) -> String {
    let business = company.unwrap_or(name);
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

/// A business name the instructions give: "…for Acme Dental…", "…called Bright Smile…".
fn name_from_instructions(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let cue = word
            .trim_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        if !matches!(cue.as_str(), "called" | "named" | "for" | "at") {
            continue;
        }
        let name: Vec<&str> = words[i + 1..]
            .iter()
            .take_while(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            })
            .take(5)
            .copied()
            .collect();
        let joined = name.join(" ");
        let cleaned = joined.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !cleaned.is_empty() && !matches!(cleaned, "I" | "A" | "The" | "Our" | "We") {
            return Some(cleaned.to_owned());
        }
    }
    None
}

/// "Customer Support Assistant" and friends, from what the instructions focus on.
fn descriptive_name(instructions: &str) -> String {
    let lower = instructions.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["support", "help desk", "helpdesk", "troubleshoot"]) {
        "Customer Support Assistant"
    } else if has(&["appointment", "booking", "book ", "schedul", "reservation"]) {
        "Booking Assistant"
    } else if has(&["sales", "lead", "qualif", "demo"]) {
        "Sales Assistant"
    } else if has(&["reception", "front desk", "answer calls", "phone"]) {
        "Virtual Receptionist"
    } else {
        "Voice Assistant"
    }
    .to_owned()
}

fn first_chars(text: &str, max: usize) -> String {
    let cleaned = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.chars().count() <= max {
        cleaned
    } else {
        let cut: String = cleaned.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
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
