//! Microdata items in JSON-LD's shape, so one mapper reads both: `{"type": "https://schema.org/
//! Dentist", "properties": {"name": "A"}}` → `{"@type": "Dentist", "name": "A"}`.

use serde_json::{Map, Value};

use super::business_types::short_type_name;
use super::microdata::MAX_DEPTH;

/// The JSON-LD-shaped entity of an extruct-shaped microdata item. An item without properties
/// becomes its plain value.
pub fn entity_from_microdata(item: &Value) -> Value {
    convert(item, 0)
}

fn convert(value: &Value, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match value {
        Value::Array(values) => {
            Value::Array(values.iter().map(|v| convert(v, depth + 1)).collect())
        }
        Value::Object(item) if item.contains_key("properties") || item.contains_key("type") => {
            let mut entity = Map::new();
            match item.get("type") {
                Some(Value::String(t)) => {
                    entity.insert("@type".into(), short_type_name(t).into());
                }
                Some(Value::Array(types)) => {
                    let names = types
                        .iter()
                        .filter_map(Value::as_str)
                        .map(|t| Value::from(short_type_name(t)))
                        .collect();
                    entity.insert("@type".into(), Value::Array(names));
                }
                _ => {}
            }
            if let Some(id) = item.get("id") {
                entity.insert("@id".into(), id.clone());
            }
            match item.get("properties") {
                Some(Value::Object(properties)) => {
                    for (name, v) in properties {
                        entity.insert(short_type_name(name).to_owned(), convert(v, depth + 1));
                    }
                }
                _ => {
                    if let Some(v) = item.get("value") {
                        return v.clone();
                    }
                }
            }
            Value::Object(entity)
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reshapes_nested_items() {
        let item = json!({
            "type": "http://schema.org/LocalBusiness",
            "properties": {
                "name": "Beachwalk Beachwear",
                "address": {"type": "http://schema.org/PostalAddress", "properties": {"addressLocality": "Mexico Beach"}},
                "telephone": ["1", "2"]
            }
        });
        assert_eq!(
            entity_from_microdata(&item),
            json!({
                "@type": "LocalBusiness",
                "name": "Beachwalk Beachwear",
                "address": {"@type": "PostalAddress", "addressLocality": "Mexico Beach"},
                "telephone": ["1", "2"]
            })
        );
    }
}
