//! The template's agent in its language: every sentence comes from the language folder's
//! `agent.ftl` (Project Fluent), English included, with the formal or informal address its
//! `reading.toml` picks for the tone.

use super::context::Context;
use super::draft::AgentDraft;
use super::finalize::clip;
use super::template::{focus_sentence, instruction_constraints, one_line};
use crate::domain::{AgentConfig, Confidence, FactKind, Tone};
use crate::extract::contacts::holidays::PUBLIC_HOLIDAYS;
use crate::extract::facts::WEEKDAYS;
use crate::extract::Hours;
use crate::lang::messages::Messages;

/// The template's draft, in the language of `m`.
pub fn draft(ctx: &Context, m: &Messages) -> AgentDraft {
    AgentDraft {
        name: ctx.name.clone(),
        personality: personality(ctx, m),
        goals: goals(ctx, m),
        guardrails: guardrails(ctx, m),
        tone: ctx.tone,
        greeting: greeting(m, ctx.company.as_deref(), &ctx.name, ctx.tone),
    }
}

fn tone_key(tone: Tone) -> String {
    tone.as_str().to_ascii_lowercase()
}

/// The greeting: naming the business, or, when only instructions without a name were given,
/// the assistant itself ("Hola, soy el asistente de reservas").
pub fn greeting(m: &Messages, company: Option<&str>, name: &str, tone: Tone) -> String {
    let tone = tone_key(tone);
    match company {
        Some(business) => text_about(m, "greeting", &about(m, business), &[("tone", &tone)]),
        None => m.text(
            "greeting-anonymous",
            &[
                ("name", name),
                ("name_lower", &lower_first(name)),
                ("tone", &tone),
            ],
        ),
    }
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "de la Peluquería Ana" / "del negocio", "von der Bäckerei Huber" / "vom Unternehmen": the
/// business after the language's "of", with the article its name's head noun takes.
pub fn of_business(m: &Messages, company: Option<&str>) -> String {
    match company {
        Some(business) => m.text(
            "business-of",
            &[("business", business), ("gender", gender(m, business))],
        ),
        None => m.text("business-fallback-of", &[]),
    }
}

/// The grammatical forms a language's messages put a business name in (`business-form-<x>` in
/// its `agent.ftl`, passed to every message as `$business_<x>`): German "die/der/das
/// Bäckerei …" by case, "bei der …", Spanish "a la …". A language defines only those it needs.
const FORMS: [&str; 6] = ["nom", "acc", "dat", "at", "to", "with"];

/// The article class of `business` in the language of `m` (`fallback` for the language's own
/// word for "the business", which carries its article already).
fn gender(m: &Messages, business: &str) -> &'static str {
    if business == m.text("business-fallback", &[]) {
        return "fallback";
    }
    crate::lang::get(m.code).map_or(crate::lang::articles::NONE, |l| {
        l.articles.class_of(business)
    })
}

/// `business`, its article class and every form of it the language defines, as message
/// arguments.
fn about(m: &Messages, business: &str) -> Vec<(String, String)> {
    let gender = gender(m, business);
    let mut args = vec![
        ("business".to_owned(), business.to_owned()),
        ("gender".to_owned(), gender.to_owned()),
    ];
    for form in FORMS {
        let id = format!("business-form-{form}");
        if m.has(&id) {
            let text = m.text(&id, &[("business", business), ("gender", gender)]);
            args.push((format!("business_{form}"), text));
        }
    }
    args
}

/// [`Messages::text`] with the business's forms and further arguments.
fn text_about(m: &Messages, id: &str, about: &[(String, String)], more: &[(&str, &str)]) -> String {
    let mut args: Vec<(&str, &str)> = about
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    args.extend_from_slice(more);
    m.text(id, &args)
}

/// `formal` or `informal`, as the language folder pairs it with the tone.
fn register(language: &str, tone: Tone) -> String {
    crate::lang::get(language)
        .map_or("formal", |l| l.register_for(tone.as_str()))
        .to_owned()
}

/// The playbook messages of the context's industry, else the general ones (with a warning).
fn playbook_key(ctx: &Context, m: &Messages) -> &'static str {
    super::playbook::key(ctx.industry, m)
}

/// Said when the industry's own steps are not yet written in the agent's language.
pub fn playbook_warning(ctx: &Context, m: &Messages) -> Option<String> {
    (playbook_key(ctx, m) == "general" && ctx.industry.key() != "general").then(|| {
        m.text(
            "warning-playbook",
            &[(
                "industry",
                m.text(&format!("industry-{}", ctx.industry.key()), &[])
                    .as_str(),
            )],
        )
    })
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn personality(ctx: &Context, m: &Messages) -> String {
    let key = playbook_key(ctx, m);
    let audience = m.text(&format!("playbook-{key}-audience"), &[]);
    let purpose = m.text(&format!("playbook-{key}-purpose"), &[]);
    let mut out = match &ctx.company {
        Some(company) => text_about(
            m,
            "personality-company",
            &about(m, company),
            &[
                ("company", company.as_str()),
                ("of_business", of_business(m, Some(company)).as_str()),
                (
                    "has_persona",
                    if ctx.persona.is_some() { "yes" } else { "no" },
                ),
                ("persona", ctx.persona.as_deref().unwrap_or_default()),
                (
                    "industry",
                    m.text(&format!("industry-{}", ctx.industry.key()), &[])
                        .as_str(),
                ),
                ("audience", audience.as_str()),
                ("purpose", purpose.as_str()),
            ],
        ),
        None => m.text(
            "personality-anonymous",
            &[("name", ctx.name.as_str()), ("purpose", purpose.as_str())],
        ),
    };
    if let Some(description) = &ctx.description {
        out.push(' ');
        out.push_str(&m.text(
            "personality-description",
            &[("description", clip(description, 400).as_str())],
        ));
    }
    if let Some(focus) = ctx
        .instructions
        .as_deref()
        .map(|text| focus_sentence(text, ctx.company.as_deref()))
    {
        out.push(' ');
        out.push_str(&m.text("personality-focus", &[("focus", focus.as_str())]));
    }
    out.push(' ');
    out.push_str(
        &m.text(
            "personality-manner",
            &[(
                "manner",
                m.text("manner", &[("tone", tone_key(ctx.tone).as_str())])
                    .as_str(),
            )],
        ),
    );
    out
}

fn goals(ctx: &Context, m: &Messages) -> Vec<String> {
    let business = ctx.business();
    let has = |kind: FactKind| ctx.knowledge.iter().any(|f| f.kind == kind);
    let of = of_business(m, ctx.company.as_deref());
    let about = about(m, business);
    let mut goals = vec![text_about(
        m,
        "goal-greet",
        &about,
        &[("of_business", of.as_str())],
    )];
    if let Some(text) = ctx.instructions.as_deref() {
        goals.push(m.text(
            "goal-direction",
            &[("text", clip(&one_line(text), 600).as_str())],
        ));
    }
    goals.push(m.text("goal-needs", &[]));
    let key = playbook_key(ctx, m);
    goals.extend(lines(&text_about(
        m,
        &format!("playbook-{key}-goals"),
        &about,
        &[("of_business", of.as_str())],
    )));
    if has(FactKind::Hours) {
        goals.push(m.text("goal-hours", &[]));
    }
    if has(FactKind::BookingLink) {
        goals.push(m.text("goal-booking", &[]));
    }
    goals.push(m.text("goal-fallback", &[]));
    goals.push(m.text("goal-wrap-up", &[]));
    goals
}

fn guardrails(ctx: &Context, m: &Messages) -> Vec<String> {
    let business = ctx.business();
    let key = playbook_key(ctx, m);
    let of = of_business(m, ctx.company.as_deref());
    let mut rules = lines(&text_about(
        m,
        &format!("playbook-{key}-guardrails"),
        &about(m, business),
        &[("of_business", of.as_str())],
    ));
    if let Some(text) = ctx.instructions.as_deref() {
        rules.extend(
            instruction_constraints(text)
                .into_iter()
                .map(|c| m.text("guardrail-instruction", &[("rule", c.as_str())])),
        );
    }
    rules
}

/// The rules every agent follows, in the language of `m`; the first is the no-fabrication rule.
pub fn baseline_guardrails(m: &Messages, business: &str) -> Vec<String> {
    [
        "guardrail-no-fabrication",
        "guardrail-no-promises",
        "guardrail-no-advice",
        "guardrail-no-sensitive",
        "guardrail-on-topic",
        "guardrail-transfer",
        "guardrail-injection",
    ]
    .iter()
    .map(|id| text_about(m, id, &about(m, business), &[]))
    .collect()
}

pub fn no_fabrication_prefix(m: &Messages) -> String {
    m.text("guardrail-no-fabrication-prefix", &[])
}

/// The system prompt, as `system_prompt::compose` writes it in English.
pub fn compose(
    m: &Messages,
    agent: &AgentConfig,
    business: &str,
    of_business: &str,
    instructions: Option<&str>,
) -> String {
    let about_business = about(m, business);
    let about: Vec<(&str, &str)> = about_business
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain([("of_business", of_business)])
        .collect();
    let tone = tone_key(agent.tone);
    let mut out = String::new();
    out.push_str(&format!(
        "# {}\n\n",
        m.text("prompt-title", &[("name", agent.name.as_str())])
    ));

    out.push_str(&format!("## {}\n", m.text("prompt-who", &[])));
    out.push_str(&agent.personality);
    out.push_str("\n\n");

    out.push_str(&format!("## {}\n", m.text("prompt-how", &[])));
    let how = [
        m.text(
            "prompt-tone",
            &[
                (
                    "tone",
                    m.text("tone-name", &[("tone", tone.as_str())]).as_str(),
                ),
                (
                    "manner",
                    m.text("manner", &[("tone", tone.as_str())]).as_str(),
                ),
            ],
        ),
        m.text(
            "address",
            &[("register", register(&agent.language, agent.tone).as_str())],
        ),
        m.text(
            "prompt-language",
            &[
                ("tag", agent.language.as_str()),
                (
                    "language",
                    super::system_prompt::language_name(&agent.language),
                ),
            ],
        ),
        m.text("prompt-phone", &[]),
    ];
    // A language without a formal/informal address (English) leaves that line empty.
    for line in how.iter().filter(|l| !l.is_empty()) {
        out.push_str(&format!("- {line}\n"));
    }
    out.push('\n');

    out.push_str(&format!("## {}\n", m.text("prompt-opening", &[])));
    out.push_str(&m.text(
        "prompt-opening-line",
        &[("greeting", agent.greeting.as_str())],
    ));
    out.push_str("\n\n");

    out.push_str(&format!("## {}\n", m.text("prompt-flow", &[])));
    for (i, goal) in agent.goals.iter().enumerate() {
        out.push_str(&format!("{}. {goal}\n", i + 1));
    }
    out.push('\n');

    out.push_str(&format!("## {}\n", m.text("prompt-rules", &[])));
    for rule in &agent.guardrails {
        out.push_str(&format!("- {rule}\n"));
    }
    out.push('\n');

    out.push_str(&format!("## {}\n", m.text("prompt-knowledge", &about)));
    // Low-confidence facts (body text on one page) stay in `knowledge` for the caller to
    // review but are not stated to callers.
    let stated: Vec<_> = agent
        .knowledge
        .iter()
        .filter(|f| f.confidence != Some(Confidence::Low))
        .collect();
    if stated.is_empty() {
        out.push_str(&m.text("prompt-no-knowledge", &about));
        out.push('\n');
    } else {
        out.push_str(&m.text("prompt-knowledge-intro", &about));
        out.push('\n');
        for fact in stated {
            let label = m.text(&format!("fact-{}", fact_key(fact.kind)), &[]);
            let line = m.text(
                "fact-line",
                &[("label", label.as_str()), ("text", fact.text.as_str())],
            );
            out.push_str(&format!("- {line}\n"));
        }
    }

    if let Some(text) = instructions {
        out.push_str(&format!("\n## {}\n", m.text("prompt-direction", &[])));
        out.push_str(&m.text("prompt-direction-intro", &[]));
        out.push('\n');
        out.push_str(&clip(text, super::system_prompt::MAX_INSTRUCTIONS_CHARS));
        out.push('\n');
    }
    out
}

fn fact_key(kind: FactKind) -> &'static str {
    match kind {
        FactKind::Name => "name",
        FactKind::Description => "description",
        FactKind::Category => "category",
        FactKind::Phone => "phone",
        FactKind::Email => "email",
        FactKind::Address => "address",
        FactKind::Hours => "hours",
        FactKind::Service => "service",
        FactKind::Faq => "faq",
        FactKind::BookingLink => "booking_link",
        FactKind::Social => "social",
    }
}

/// Opening hours as they are said aloud: "de lunes a viernes, de 10:00 a 20:00",
/// "Montag bis Freitag von 8:00 bis 18:00 Uhr", "zondag: gesloten".
pub fn hours_text(m: &Messages, h: &Hours) -> String {
    let day = |english: &String| m.text(&format!("day-{}", english.to_ascii_lowercase()), &[]);
    let named: Vec<String> = h.days.iter().map(day).collect();
    let days = match named.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [first, .., last] if super::knowledge::is_run(&h.days) => Some(m.text(
            "hours-days-range",
            &[("first", first.as_str()), ("last", last.as_str())],
        )),
        [init @ .., last] => Some(m.text(
            "hours-days-list",
            &[("init", init.join(", ").as_str()), ("last", last.as_str())],
        )),
    };
    let known_days = h.days.iter().all(|d| {
        WEEKDAYS
            .iter()
            .chain([&PUBLIC_HOLIDAYS])
            .any(|w| w.eq_ignore_ascii_case(d))
    });
    match (
        days,
        known_days,
        h.closed,
        h.opens.as_deref(),
        h.closes.as_deref(),
    ) {
        (Some(days), true, true, _, _) => m.text("hours-closed", &[("days", days.as_str())]),
        (Some(days), true, false, Some(opens), Some(closes)) => m.text(
            "hours-open",
            &[
                ("days", days.as_str()),
                ("opens", opens),
                ("closes", closes),
            ],
        ),
        _ => h.text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Origin, Provenance};

    fn rule(days: &[&str], opens: Option<&str>, closes: Option<&str>, closed: bool) -> Hours {
        Hours {
            text: "as written".into(),
            days: days.iter().map(|d| (*d).to_owned()).collect(),
            opens: opens.map(str::to_owned),
            closes: closes.map(str::to_owned),
            closed,
            provenance: Provenance::new("https://example.com/", Origin::Text, None),
        }
    }

    /// A closure on public holidays is said in the agent's language, like any other day.
    #[test]
    fn holiday_rules_are_said_in_every_language() {
        for (code, want) in [
            ("en", "Public holidays: closed"),
            ("de", "Feiertage: geschlossen"),
            ("es", "Festivos: cerrado"),
            ("fr", "Jours fériés : fermé"),
            ("it", "Festivi: chiuso"),
            ("nl", "Feestdagen: gesloten"),
            ("pt", "Feriados: encerrado"),
        ] {
            let m = crate::lang::messages::for_tag(code).unwrap();
            let closed = rule(&[PUBLIC_HOLIDAYS], None, None, true);
            assert_eq!(hours_text(m, &closed), want, "{code}");
        }
        let m = crate::lang::messages::for_tag("de").unwrap();
        let open = rule(&[PUBLIC_HOLIDAYS], Some("10:00"), Some("14:00"), false);
        assert_eq!(hours_text(m, &open), "Feiertage von 10:00 bis 14:00 Uhr");
        // A set date keeps the page's words, which say when.
        let date = rule(&[], None, None, true);
        assert_eq!(hours_text(m, &date), "as written");
    }
}
