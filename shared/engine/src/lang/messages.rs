//! An agent's words in one language: the language folder's `agent.ftl`, read with Project
//! Fluent (`fluent-bundle`), whose select expressions carry the formal/informal address and
//! whose messages a translator edits without touching code.

use std::sync::{LazyLock, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::LANGUAGE_FILES;

pub struct Messages {
    pub code: &'static str,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("code", &self.code)
            .finish()
    }
}

/// One slot per language with an `agent.ftl`, its bundle built on first use: a job speaks one
/// language or two, and building all of them up front held a megabyte in every worker.
static BUNDLES: LazyLock<Vec<(&'static str, &'static str, OnceLock<Messages>)>> =
    LazyLock::new(|| {
        LANGUAGE_FILES
            .iter()
            .filter_map(|(code, _, ftl)| ftl.map(|source| (*code, source, OnceLock::new())))
            .collect()
    });

fn bundle(code: &'static str, source: &str) -> Messages {
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(_, e)| {
        panic!("shared/engine/lang/{code}/agent.ftl does not parse: {e:?}")
    });
    let locale = code
        .parse()
        .unwrap_or_else(|e| panic!("{code} is not a locale: {e:?}"));
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // The text goes to a voice runtime, not a bidi-aware screen: no isolation marks.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|e| panic!("shared/engine/lang/{code}/agent.ftl: {e:?}"));
    Messages { code, bundle }
}

/// The messages of a BCP 47 tag's language, when its folder has an `agent.ftl`.
pub fn for_tag(tag: &str) -> Option<&'static Messages> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    let (code, source, slot) = BUNDLES.iter().find(|(code, _, _)| *code == primary)?;
    Some(slot.get_or_init(|| bundle(code, source)))
}

/// The messages an agent in `tag` is written with: its language's, else English's (the
/// agent is then told in English to speak `tag`'s language).
pub fn for_agent(tag: &str) -> &'static Messages {
    for_tag(tag)
        .or_else(|| for_tag("en"))
        .expect("shared/engine/lang/en/agent.ftl is compiled in")
}

impl Messages {
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id` with its arguments, or `None` when the file lacks it.
    pub fn get(&self, id: &str, args: &[(&str, &str)]) -> Option<String> {
        let message = self.bundle.get_message(id)?;
        let pattern = message.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                language = self.code,
                message = id,
                ?errors,
                "message formatted with errors"
            );
        }
        Some(text.into_owned())
    }

    /// Like [`Messages::get`], but a missing message is a bug in the language folder: its id
    /// comes back so the gap is visible, and a test over every folder catches it first.
    pub fn text(&self, id: &str, args: &[(&str, &str)]) -> String {
        self.get(id, args).unwrap_or_else(|| id.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(source: &str) -> std::collections::BTreeSet<&str> {
        source
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim()))
            // The grammatical forms of a name are the language's own (German cases, French
            // "à la"): each language defines only those its messages use.
            .filter(|id| !id.starts_with("business-form-"))
            .collect()
    }

    /// Every language's messages parse and define the same ids as every other's, so no agent
    /// is ever missing a sentence (or shows a message id) in one language only; and every
    /// `$business_<form>` a message uses is a form its language defines.
    #[test]
    fn every_language_defines_every_message() {
        let all: Vec<(&str, std::collections::BTreeSet<&str>)> = LANGUAGE_FILES
            .iter()
            .filter_map(|(code, _, ftl)| ftl.map(|f| (*code, ids(f))))
            .collect();
        assert!(all.len() >= 6);
        for (code, set) in &all {
            assert!(for_tag(code).is_some(), "{code} does not parse");
            for (other, other_set) in &all {
                let missing: Vec<_> = other_set.difference(set).collect();
                assert!(
                    missing.is_empty(),
                    "{code} lacks {missing:?} that {other} has"
                );
            }
        }
        for (code, _, ftl) in LANGUAGE_FILES {
            let Some(source) = ftl else { continue };
            for (at, _) in source.match_indices("$business_") {
                let form: String = source[at + "$business_".len()..]
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                assert!(
                    source.contains(&format!("business-form-{form} =")),
                    "{code} uses $business_{form} but defines no business-form-{form}"
                );
            }
        }
    }
}
