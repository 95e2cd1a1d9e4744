//! Reading and writing attribute maps.

use aws_sdk_dynamodb::types::AttributeValue;
use std::collections::HashMap;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::store::StoreError;

pub(crate) type Item = HashMap<String, AttributeValue>;

pub(crate) fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub(crate) fn n(value: impl ToString) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

pub(crate) fn ts(at: OffsetDateTime) -> AttributeValue {
    AttributeValue::S(rfc3339(at))
}

pub(crate) fn rfc3339(at: OffsetDateTime) -> String {
    crate::clock::timestamp(at)
}

pub(crate) fn str_list(values: &[String]) -> AttributeValue {
    AttributeValue::L(values.iter().map(|v| s(v.as_str())).collect())
}

fn corrupt(what: &str, name: &str) -> StoreError {
    StoreError::Corrupt(format!("attribute {name:?}: {what}"))
}

pub(crate) fn get_s<'a>(item: &'a Item, name: &str) -> Result<&'a str, StoreError> {
    opt_s(item, name)?.ok_or_else(|| corrupt("missing", name))
}

pub(crate) fn opt_s<'a>(item: &'a Item, name: &str) -> Result<Option<&'a str>, StoreError> {
    match item.get(name) {
        None | Some(AttributeValue::Null(_)) => Ok(None),
        Some(AttributeValue::S(v)) => Ok(Some(v.as_str())),
        Some(_) => Err(corrupt("not a string", name)),
    }
}

pub(crate) fn opt_n<T: std::str::FromStr>(
    item: &Item,
    name: &str,
) -> Result<Option<T>, StoreError> {
    match item.get(name) {
        None | Some(AttributeValue::Null(_)) => Ok(None),
        Some(AttributeValue::N(v)) => v
            .parse()
            .map(Some)
            .map_err(|_| corrupt("not a number in range", name)),
        Some(_) => Err(corrupt("not a number", name)),
    }
}

pub(crate) fn get_ts(item: &Item, name: &str) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::parse(get_s(item, name)?, &Rfc3339)
        .map_err(|_| corrupt("not an RFC 3339 time", name))
}

pub(crate) fn opt_bool(item: &Item, name: &str) -> Result<Option<bool>, StoreError> {
    match item.get(name) {
        None | Some(AttributeValue::Null(_)) => Ok(None),
        Some(AttributeValue::Bool(v)) => Ok(Some(*v)),
        Some(_) => Err(corrupt("not a boolean", name)),
    }
}

pub(crate) fn get_str_list(item: &Item, name: &str) -> Result<Vec<String>, StoreError> {
    match item.get(name) {
        None => Ok(Vec::new()),
        Some(AttributeValue::L(values)) => values
            .iter()
            .map(|v| match v {
                AttributeValue::S(s) => Ok(s.clone()),
                _ => Err(corrupt("list holds a non-string", name)),
            })
            .collect(),
        Some(_) => Err(corrupt("not a list", name)),
    }
}
