//! A deployed stack's outputs, read with the CloudFormation API: how the administration
//! commands (`create-api-key --stack`, …) find the real table names without anyone copying
//! them by hand.

use std::collections::HashMap;

use aws_sdk_cloudformation::error::ProvideErrorMetadata;

#[derive(Debug, thiserror::Error)]
pub enum StackError {
    #[error("describing the stack {stack} failed")]
    Describe {
        stack: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error(
        "no stack named {0} in this account and Region (check --stack, AWS_REGION and AWS_PROFILE)"
    )]
    NotFound(String),
    #[error(
        "the stack {stack} has no output {output} (is it an Agent Builder stack, fully deployed?)"
    )]
    MissingOutput { stack: String, output: String },
}

/// The outputs of one stack, by output key.
#[derive(Debug, Clone)]
pub struct StackOutputs {
    stack: String,
    values: HashMap<String, String>,
}

impl StackOutputs {
    /// `DescribeStacks` for `stack` (a name or stack id).
    pub async fn load(
        client: &aws_sdk_cloudformation::Client,
        stack: &str,
    ) -> Result<Self, StackError> {
        let out = match client.describe_stacks().stack_name(stack).send().await {
            Ok(out) => out,
            // CloudFormation answers an unknown stack with a 400 ValidationError
            // "Stack with id … does not exist".
            Err(e)
                if e.as_service_error()
                    .and_then(|s| s.message())
                    .is_some_and(|m| m.contains("does not exist")) =>
            {
                return Err(StackError::NotFound(stack.to_owned()))
            }
            Err(e) => {
                return Err(StackError::Describe {
                    stack: stack.to_owned(),
                    source: aws_sdk_cloudformation::error::DisplayErrorContext(&e)
                        .to_string()
                        .into(),
                })
            }
        };
        let found = out
            .stacks()
            .first()
            .ok_or_else(|| StackError::NotFound(stack.to_owned()))?;
        let values = found
            .outputs()
            .iter()
            .filter_map(|o| Some((o.output_key()?.to_owned(), o.output_value()?.to_owned())))
            .collect();
        Ok(Self {
            stack: stack.to_owned(),
            values,
        })
    }

    pub fn get(&self, output: &str) -> Result<&str, StackError> {
        self.values
            .get(output)
            .map(String::as_str)
            .ok_or_else(|| StackError::MissingOutput {
                stack: self.stack.clone(),
                output: output.to_owned(),
            })
    }
}

/// The template's output holding the API keys table's name.
pub const API_KEYS_TABLE_OUTPUT: &str = "ApiKeysTableName";
/// The template's output holding the workspaces table's name.
pub const WORKSPACES_TABLE_OUTPUT: &str = "WorkspacesTableName";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_yaml_ng::Value;

    /// The outputs the commands read exist in the template under those keys.
    #[test]
    fn the_template_has_the_outputs_the_commands_read() {
        let doc: Value = serde_yaml_ng::from_str(crate::provision::TEMPLATE).unwrap();
        let outputs = doc.get("Outputs").unwrap();
        for (output, resource) in [
            (API_KEYS_TABLE_OUTPUT, "ApiKeysTable"),
            (WORKSPACES_TABLE_OUTPUT, "WorkspacesTable"),
        ] {
            let value = outputs.get(output).unwrap().get("Value").unwrap();
            match value {
                Value::Tagged(t) => {
                    assert_eq!(t.tag, "Ref");
                    assert_eq!(t.value.as_str(), Some(resource));
                }
                other => panic!("{output}: {other:?}"),
            }
        }
    }
}
