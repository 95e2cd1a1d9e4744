//! The README's deploy and local-run sections use the template's real names: every stack
//! parameter, output, function, alarm and sample event they mention exists, the stack name and
//! Region match samconfig.toml, the model they check is the one the template invokes by
//! default, and every `agent-builder` command line they show is accepted by the command.

use std::collections::BTreeSet;
use std::process::Command;

use regex::Regex;
use serde_yaml_ng::Value;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap()
}

/// From "## Deploy to AWS" up to the next section that is not this issue's.
fn deploy_sections() -> String {
    let readme = read("README.md");
    let start = readme
        .find("## Deploy to AWS\n")
        .expect("README has a Deploy to AWS section");
    let end = readme[start..]
        .find("## Layout\n")
        .map_or(readme.len(), |i| start + i);
    readme[start..end].to_owned()
}

/// Shell commands in the sections' code blocks, continuation lines joined.
fn commands(section: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut current = String::new();
    for line in section.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block || trimmed.starts_with('#') {
            continue;
        }
        let code = trimmed.split("   #").next().unwrap_or_default().trim_end();
        match code.strip_suffix('\\') {
            Some(head) => {
                current.push_str(head);
                current.push(' ');
            }
            None => {
                current.push_str(code);
                out.push(std::mem::take(&mut current));
            }
        }
    }
    out
}

fn keys(doc: &Value, section: &str) -> BTreeSet<String> {
    doc.get(section)
        .and_then(Value::as_mapping)
        .unwrap()
        .keys()
        .filter_map(|k| k.as_str().map(str::to_owned))
        .collect()
}

fn resources_of_type(doc: &Value, kind: &str) -> BTreeSet<String> {
    doc.get("Resources")
        .and_then(Value::as_mapping)
        .unwrap()
        .iter()
        .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some(kind))
        .filter_map(|(k, _)| k.as_str().map(str::to_owned))
        .collect()
}

fn samconfig(key: &str) -> String {
    let config = read("samconfig.toml");
    let re = Regex::new(&format!(r#"(?m)^{key} = "([^"]+)""#)).unwrap();
    re.captures(&config)
        .unwrap_or_else(|| panic!("samconfig.toml sets {key}"))[1]
        .to_owned()
}

fn default_of(doc: &Value, parameter: &str) -> String {
    let value = doc["Parameters"][parameter]["Default"].clone();
    value
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{value:?}"))
}

#[test]
fn the_deploy_walk_uses_the_templates_real_names() {
    let template: Value = serde_yaml_ng::from_str(&read("template.yaml")).unwrap();
    let section = deploy_sections();
    let commands = commands(&section);
    assert!(commands.len() >= 15, "found {} commands", commands.len());
    let parameters = keys(&template, "Parameters");
    let outputs = keys(&template, "Outputs");
    let functions = resources_of_type(&template, "AWS::Serverless::Function");
    let alarms = resources_of_type(&template, "AWS::CloudWatch::Alarm");

    // Parameters: in --parameter-overrides (commands and prose) and in the parameters table.
    let assignment = Regex::new(r"\b([A-Z][A-Za-z0-9]+)=").unwrap();
    let mut seen = BTreeSet::new();
    for text in commands.iter().map(String::as_str).chain(section.lines()) {
        if let Some((_, overrides)) = text.split_once("--parameter-overrides") {
            for cap in assignment.captures_iter(overrides) {
                seen.insert(cap[1].to_owned());
            }
        }
    }
    let table_row = Regex::new(r"(?m)^\| (`[A-Za-z]+`(?:, `[A-Za-z]+`)*) \|").unwrap();
    let params_table = &section[section.find("### Parameters").unwrap()..];
    let params_table = &params_table[..params_table.find("\n\n**").unwrap()];
    for row in table_row.captures_iter(params_table) {
        for name in row[1].split(", ") {
            seen.insert(name.trim_matches('`').to_owned());
        }
    }
    assert!(seen.len() >= 15, "{seen:?}");
    for name in &seen {
        assert!(
            parameters.contains(name),
            "README names parameter {name}, the template has none"
        );
    }

    // Outputs: in --query expressions and wherever the prose names one.
    let queried = Regex::new(r"OutputKey=='(\w+)'").unwrap();
    let named =
        Regex::new(r"`(ApiUrl|\w+(?:TableName|TopicArn|GroupName|QueueUrl|StreamArn))`").unwrap();
    let mut mentioned = BTreeSet::new();
    for cap in queried
        .captures_iter(&section)
        .chain(named.captures_iter(&section))
    {
        mentioned.insert(cap[1].to_owned());
    }
    assert!(mentioned.contains("ApiUrl") && mentioned.contains("ApiKeysTableName"));
    for name in &mentioned {
        assert!(
            outputs.contains(name),
            "README names output {name}, the template has none"
        );
    }

    // Functions in sam local invoke / sam logs, alarms by name.
    let invoked = Regex::new(r"sam (?:local invoke|logs .*?-n) (\w+)").unwrap();
    let mut invoked_count = 0;
    for cap in invoked.captures_iter(&section) {
        assert!(functions.contains(&cap[1]), "no function {}", &cap[1]);
        invoked_count += 1;
    }
    assert!(invoked_count >= 4);
    for cap in Regex::new(r"`(\w+Alarm)`").unwrap().captures_iter(&section) {
        assert!(alarms.contains(&cap[1]), "no alarm {}", &cap[1]);
    }
    for cap in Regex::new(r"`(\w+Function)`")
        .unwrap()
        .captures_iter(&section)
    {
        assert!(functions.contains(&cap[1]), "no function {}", &cap[1]);
    }

    // Sample events exist; stack name, Region and the checked model match what deploys.
    for cap in Regex::new(r"infra/events/([\w-]+\.json)")
        .unwrap()
        .captures_iter(&section)
    {
        assert!(
            std::path::Path::new(&format!("{ROOT}/infra/events/{}", &cap[1])).exists(),
            "no event {}",
            &cap[1]
        );
    }
    let stack = samconfig("stack_name");
    let region = samconfig("region");
    for cap in Regex::new(r"--stack(?:-name)? (\S+)")
        .unwrap()
        .captures_iter(&section)
    {
        assert_eq!(
            cap[1].to_owned(),
            stack,
            "stack names agree with samconfig.toml"
        );
    }
    for cap in Regex::new(r"--region (\S+)")
        .unwrap()
        .captures_iter(&section)
    {
        assert_eq!(cap[1].to_owned(), region);
    }
    let model = format!(
        "{}.{}",
        default_of(&template, "BedrockInferenceProfile"),
        default_of(&template, "BedrockModelId")
    );
    let model_flags = Regex::new(r"--(?:model-id|inference-profile-identifier) (\S+)").unwrap();
    let checked: Vec<String> = model_flags
        .captures_iter(&section)
        .map(|c| c[1].to_owned())
        .collect();
    assert_eq!(checked, [model.clone(), model.clone()]);
    assert!(section.contains(&format!("`{model}`")));
    assert_eq!(default_of(&template, "Generator"), "bedrock");
}

#[test]
fn every_agent_builder_command_in_the_walk_is_accepted() {
    let section = deploy_sections();
    let mut checked = 0;
    for command in commands(&section) {
        let Some((_, args)) = command.split_once("--bin agent-builder -- ") else {
            continue;
        };
        let words: Vec<&str> = args.split_whitespace().collect();
        let subcommand = words[0];
        let out = Command::new(env!("CARGO_BIN_EXE_agent-builder"))
            .args([subcommand, "--help"])
            .output()
            .unwrap();
        assert!(out.status.success(), "agent-builder {subcommand} --help");
        let help = String::from_utf8_lossy(&out.stdout);
        for flag in words.iter().filter(|w| w.starts_with("--")) {
            assert!(
                help.contains(&format!("{flag} ")) || help.contains(&format!("{flag}\n")),
                "agent-builder {subcommand} has no {flag}:\n{help}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 5, "checked {checked} agent-builder commands");
}
