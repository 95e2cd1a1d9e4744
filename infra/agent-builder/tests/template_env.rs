//! Each function's configuration and template.yaml agree: a function starts with exactly the
//! variables its template entry gives it (`Globals` plus its own), so every variable its
//! configuration requires must be declared for it; and the template gives a function no table
//! or queue its configuration does not read.

use std::cell::RefCell;
use std::collections::BTreeSet;

use agent_builder_api::{CreateJobConfig, GetJobConfig};
use agent_builder_core::config::network_policy;
use agent_builder_engine::function_config::{ReaperConfig, WorkerConfig};
use agent_builder_engine::render::ChromiumSettings;
use agent_builder_local::provision::TEMPLATE;
use agent_builder_local::sam_env::declared_variables;

fn names_a_store(name: &str) -> bool {
    name.ends_with("_TABLE") || name.ends_with("QUEUE_URL")
}

/// A value for each declared variable that names a table or a queue (as a deployed stack
/// would); every other setting is left to its default. Every name asked for is noted in `asked`.
fn deployed<'a>(
    declared: &'a BTreeSet<String>,
    asked: &'a RefCell<BTreeSet<String>>,
) -> impl Fn(&str) -> Option<String> + 'a {
    move |name: &str| {
        asked.borrow_mut().insert(name.to_owned());
        if !declared.contains(name) {
            return None;
        }
        if name.ends_with("_TABLE") {
            Some(format!("stack-{}", name.to_lowercase()))
        } else if name.ends_with("QUEUE_URL") {
            Some("https://sqs.eu-west-1.amazonaws.com/123456789012/q".to_owned())
        } else {
            None
        }
    }
}

#[test]
fn every_function_starts_with_the_variables_its_template_entry_gives_it() {
    let functions = declared_variables(TEMPLATE).unwrap();
    let mut checked = BTreeSet::new();
    for (function, declared) in &functions {
        let asked = RefCell::default();
        let lookup = deployed(declared, &asked);
        let started = match function.as_str() {
            "CreateJobFunction" => CreateJobConfig::from_lookup(lookup).map(|_| ()),
            "GetJobFunction" => GetJobConfig::from_lookup(lookup).map(|_| ()),
            "WorkerFunction" => WorkerConfig::from_lookup(lookup).map(|_| ()),
            "JobReaperFunction" => ReaperConfig::from_lookup(lookup).map(|_| ()),
            "RendererFunction" => ChromiumSettings::from_lookup(&lookup)
                .and_then(|_| network_policy(&lookup))
                .map(|_| ()),
            other => panic!("{other} has no configuration checked here: add it"),
        };
        if let Err(err) = started {
            panic!("{function} would not start with the variables template.yaml gives it: {err}");
        }
        let unread: Vec<&String> = declared
            .iter()
            .filter(|name| names_a_store(name) && !asked.borrow().contains(*name))
            .collect();
        assert!(
            unread.is_empty(),
            "template.yaml gives {function} {unread:?}, which its configuration never reads"
        );
        checked.insert(function.as_str());
    }
    assert_eq!(
        checked,
        BTreeSet::from([
            "CreateJobFunction",
            "GetJobFunction",
            "JobReaperFunction",
            "RendererFunction",
            "WorkerFunction"
        ])
    );
}

#[test]
fn a_missing_table_is_a_clear_error_at_start() {
    let functions = declared_variables(TEMPLATE).unwrap();
    let mut get_job = functions["GetJobFunction"].clone();
    get_job.remove("AGENTS_TABLE");
    let asked = RefCell::default();
    let err = GetJobConfig::from_lookup(deployed(&get_job, &asked)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "environment variable AGENTS_TABLE is required"
    );
    let mut reaper = functions["JobReaperFunction"].clone();
    reaper.remove("JOB_DEAD_LETTER_QUEUE_URL");
    let err = ReaperConfig::from_lookup(deployed(&reaper, &asked)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "environment variable JOB_DEAD_LETTER_QUEUE_URL is required"
    );
}
