//! The part of an agent a generator writes, and the JSON Schema a language model's answer must
//! meet. Facts, voice, language, the system prompt and metadata are added afterwards from the
//! profile and the configuration, never taken from a model.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::domain::Tone;

/// Length limits for every generator's output (characters unless said otherwise).
pub mod limits {
    pub const NAME: usize = 80;
    pub const PERSONALITY: usize = 1_500;
    pub const ITEM: usize = 400;
    pub const MAX_GOALS: usize = 12;
    pub const MAX_GUARDRAILS: usize = 20;
    pub const GREETING: usize = 240;
    /// "At most ~30 words": a greeting a caller does not wait through.
    pub const GREETING_WORDS: usize = 30;
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentDraft {
    pub name: String,
    pub personality: String,
    pub goals: Vec<String>,
    pub guardrails: Vec<String>,
    pub tone: Tone,
    pub greeting: String,
}

/// The draft's JSON Schema (draft 2020-12). With `limits`, it carries the length limits we
/// check; without, it is the plainer form sent to providers whose strict structured-output
/// modes refuse `maxLength`/`maxItems`.
pub fn draft_schema(with_limits: bool) -> Value {
    let text = |max: usize| {
        if with_limits {
            json!({"type": "string", "minLength": 1, "maxLength": max})
        } else {
            json!({"type": "string"})
        }
    };
    let list = |max_items: usize, min_items: usize| {
        let mut schema = json!({"type": "array", "items": text(limits::ITEM)});
        if with_limits {
            schema["maxItems"] = json!(max_items);
            schema["minItems"] = json!(min_items);
        }
        schema
    };
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["name", "personality", "goals", "guardrails", "tone", "greeting"],
        "properties": {
            "name": text(limits::NAME),
            "personality": text(limits::PERSONALITY),
            "goals": list(limits::MAX_GOALS, 1),
            "guardrails": list(limits::MAX_GUARDRAILS, 0),
            "tone": {"type": "string", "enum": ["Professional", "Friendly", "Casual", "Formal"]},
            "greeting": text(limits::GREETING),
        }
    })
}

/// Why a model's answer is not a usable draft, in words the model can act on in a repair.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DraftProblem(pub String);

/// Longest reply parsed; anything bigger is not an agent.
const MAX_REPLY_BYTES: usize = 256 * 1024;

/// A model's JSON answer → a draft, checked against [`draft_schema`] with its limits. The
/// schema check runs first so the repair prompt can name every problem at once, not only the
/// first one serde would stop at.
pub fn parse_draft(reply: &str) -> Result<AgentDraft, DraftProblem> {
    if reply.len() > MAX_REPLY_BYTES {
        return Err(DraftProblem("the answer is far too long".into()));
    }
    let value: Value = serde_json::from_str(strip_code_fence(reply))
        .map_err(|e| DraftProblem(format!("the answer is not valid JSON: {e}")))?;
    parse_draft_value(&value)
}

pub fn parse_draft_value(value: &Value) -> Result<AgentDraft, DraftProblem> {
    // "friendly" for "Friendly" is not worth a repair round-trip.
    let mut value = value.clone();
    if let Some(tone) = value.get("tone").and_then(Value::as_str) {
        if let Ok(tone) = tone.parse::<Tone>() {
            value["tone"] = json!(tone.as_str());
        }
    }
    let value = &value;
    let problems: Vec<String> = validator()
        .iter_errors(value)
        .take(8)
        .map(|e| {
            let at = e.instance_path().to_string();
            if at.is_empty() {
                e.to_string()
            } else {
                format!("{at}: {e}")
            }
        })
        .collect();
    if !problems.is_empty() {
        return Err(DraftProblem(format!(
            "the answer does not match the schema: {}",
            problems.join("; ")
        )));
    }
    serde_json::from_value(value.clone()).map_err(|e| DraftProblem(e.to_string()))
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::draft202012::new(&draft_schema(true))
            .expect("the draft schema is a valid JSON Schema")
    })
}

/// Models sometimes wrap JSON in a Markdown fence despite being asked not to.
fn strip_code_fence(reply: &str) -> &str {
    let trimmed = reply.trim();
    let Some(rest) = trimmed.strip_prefix("```") else {
        return trimmed;
    };
    let rest = rest.strip_prefix("json").unwrap_or(rest);
    rest.strip_suffix("```").unwrap_or(rest).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> Value {
        json!({
            "name": "Acme",
            "personality": "Helpful.",
            "goals": ["Greet the caller"],
            "guardrails": [],
            "tone": "Friendly",
            "greeting": "Hi, thanks for calling Acme!"
        })
    }

    #[test]
    fn a_valid_answer_parses_even_inside_a_code_fence() {
        let text = format!("```json\n{}\n```", valid());
        let draft = parse_draft(&text).unwrap();
        assert_eq!(draft.tone, Tone::Friendly);
        let mut lower = valid();
        lower["tone"] = json!(" casual");
        assert_eq!(parse_draft(&lower.to_string()).unwrap().tone, Tone::Casual);
        assert_eq!(draft.goals, vec!["Greet the caller".to_owned()]);
    }

    #[test]
    fn schema_problems_are_all_named() {
        let mut v = valid();
        v["tone"] = json!("Pirate");
        v["goals"] = json!([]);
        v["extra"] = json!(1);
        let problem = parse_draft(&v.to_string()).unwrap_err().0;
        assert!(problem.contains("/tone"), "{problem}");
        assert!(problem.contains("/goals"), "{problem}");
        assert!(problem.contains("extra"), "{problem}");
        assert!(parse_draft("{not json").is_err());
        assert!(parse_draft("").is_err());
        let mut long = valid();
        long["greeting"] = json!("x".repeat(limits::GREETING + 1));
        assert!(parse_draft(&long.to_string()).is_err());
    }

    #[test]
    fn deeply_nested_input_is_refused_without_panicking() {
        let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse_draft(&nested).is_err());
    }
}
