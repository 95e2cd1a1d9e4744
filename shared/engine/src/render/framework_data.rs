//! The text a client-side framework ships inside the page for the browser to draw:
//! Next.js `__NEXT_DATA__`, Nuxt `__NUXT_DATA__`/`window.__NUXT__`, Redux/Apollo state, and
//! JSON-LD. Read without a browser: a shell carrying its facts this way needs no rendering.

use regex::Regex;
use scraper::{Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

/// Most text taken from one page's data (a product catalogue can ship megabytes).
const MAX_TEXT_BYTES: usize = 64 * 1024;
/// Largest script read for data.
const MAX_SCRIPT_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameworkText {
    /// Lines of human text (`label: value` where the data names it), to be read as page text.
    /// JSON-LD is left out: the extraction reads it itself.
    pub text: String,
    /// Characters of human text found, JSON-LD included (for the decision).
    pub counted: usize,
    /// Business-like records in the data (a name with a phone, email or address), as schema.org
    /// `LocalBusiness` JSON-LD, so the extraction reads them as it reads a site's own JSON-LD.
    pub entities: Vec<Value>,
}

/// Keys whose values are plumbing, never words for a visitor.
const PLUMBING_KEYS: &[&str] = &[
    "id",
    "_id",
    "key",
    "buildid",
    "page",
    "query",
    "assetprefix",
    "__typename",
    "typename",
    "url",
    "href",
    "src",
    "srcset",
    "slug",
    "image",
    "images",
    "icon",
    "classname",
    "class",
    "type",
    "@type",
    "@context",
    "@id",
    "locale",
    "locales",
    "defaultlocale",
    "hash",
    "token",
    "csrf",
    "nonce",
    "version",
    "path",
    "pathname",
    "route",
    "component",
    "layout",
    "template",
    "style",
    "styles",
    "color",
    "theme",
    "width",
    "height",
    "format",
    "mime",
    "mimetype",
    "createdat",
    "updatedat",
    "publishedat",
    "sha",
    "etag",
    "cursor",
    "uuid",
    "gssp",
    "isfallback",
    "scriptloader",
    "runtimeconfig",
    "dynamicids",
    "appgip",
    "customserver",
];

/// Human text from the framework data on a page, if it carries any.
pub fn framework_text(doc: &Html) -> Option<FrameworkText> {
    let mut lines = Vec::new();
    let mut entities = Vec::new();
    let json_blocks = Selector::parse(
        r#"script#__NEXT_DATA__, script#__NUXT_DATA__, script[type="application/json"], script[type="application/ld+json"]"#,
    )
    .expect("static selector");
    for script in doc.select(&json_blocks) {
        let raw: String = script.text().collect();
        if raw.len() > MAX_SCRIPT_BYTES {
            continue;
        }
        // JSON-LD is read by the extraction itself; it counts here only towards the decision.
        let is_ld = script.value().attr("type") == Some("application/ld+json");
        if let Ok(value) = serde_json::from_str::<Value>(raw.trim()) {
            let mut found = Vec::new();
            json_lines(&value, &mut found);
            if !is_ld {
                entities.extend(business_records(&value));
            }
            if is_ld {
                lines.extend(found.into_iter().map(|l| (l, false)));
            } else {
                lines.extend(found.into_iter().map(|l| (l, true)));
            }
        }
    }
    let plain = Selector::parse("script:not([type]), script[type=\"text/javascript\"]")
        .expect("static selector");
    for script in doc.select(&plain) {
        let raw: String = script.text().collect();
        if raw.len() > MAX_SCRIPT_BYTES || !STATE_GLOBAL.is_match(&raw) {
            continue;
        }
        lines.extend(js_string_lines(&raw).into_iter().map(|l| (l, true)));
    }
    if lines.is_empty() {
        return None;
    }
    let counted: usize = lines.iter().map(|(l, _)| l.chars().count()).sum();
    let mut text = String::new();
    for (line, shown) in &lines {
        if *shown && text.len() + line.len() < MAX_TEXT_BYTES {
            text.push_str(line);
            text.push('\n');
        }
    }
    entities.truncate(3);
    Some(FrameworkText {
        text,
        counted,
        entities,
    })
}

static STATE_GLOBAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:window\.)?__(?:NUXT|INITIAL_STATE|PRELOADED_STATE|APOLLO_STATE|APP_STATE|DATA)__\s*=",
    )
    .expect("static regex")
});

static JS_STRING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'"#).expect("static regex")
});

/// `label: value` lines from a JSON document, depth-first, without recursion.
fn json_lines(root: &Value, out: &mut Vec<String>) {
    let mut stack: Vec<(Option<&str>, &Value)> = vec![(None, root)];
    let mut bytes = 0;
    while let Some((key, value)) = stack.pop() {
        if bytes > MAX_TEXT_BYTES {
            break;
        }
        match value {
            Value::Object(map) => {
                for (k, v) in map.iter().rev() {
                    let lower = k.to_ascii_lowercase();
                    if !PLUMBING_KEYS.contains(&lower.as_str()) {
                        stack.push((Some(k.as_str()), v));
                    }
                }
            }
            Value::Array(items) => {
                for v in items.iter().rev() {
                    stack.push((key, v));
                }
            }
            Value::String(s) => {
                if let Some(text) = human_text(s) {
                    let line = match key.map(label) {
                        Some(label) if !label.is_empty() => format!("{label}: {text}"),
                        _ => text,
                    };
                    bytes += line.len();
                    out.push(line);
                }
            }
            _ => {}
        }
    }
}

/// A key as its letters: `street_address`, `streetAddress` → `streetaddress`.
fn norm(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn field<'v>(map: &'v serde_json::Map<String, Value>, names: &[&str]) -> Option<&'v Value> {
    map.iter()
        .find(|(k, v)| names.contains(&norm(k).as_str()) && !v.is_null())
        .map(|(_, v)| v)
}

fn text_field(map: &serde_json::Map<String, Value>, names: &[&str]) -> Option<String> {
    match field(map, names)? {
        Value::String(s) if !s.trim().is_empty() && s.len() < 300 => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Objects in framework data that describe a business (a name, and a phone, email or address),
/// as schema.org `LocalBusiness` records. Walked without recursion, bounded.
fn business_records(root: &Value) -> Vec<Value> {
    const STREET: &[&str] = &[
        "streetaddress",
        "street",
        "address1",
        "addressline1",
        "line1",
    ];
    const CITY: &[&str] = &["addresslocality", "city", "town", "locality"];
    const REGION: &[&str] = &["addressregion", "state", "region", "province", "county"];
    const POSTCODE: &[&str] = &["postalcode", "zip", "zipcode", "postcode"];
    const COUNTRY: &[&str] = &["addresscountry", "country", "countrycode"];
    let postal = |map: &serde_json::Map<String, Value>| {
        let mut address = serde_json::Map::new();
        for (key, names) in [
            ("streetAddress", STREET),
            ("addressLocality", CITY),
            ("addressRegion", REGION),
            ("postalCode", POSTCODE),
            ("addressCountry", COUNTRY),
        ] {
            if let Some(v) = text_field(map, names) {
                address.insert(key.to_owned(), Value::String(v));
            }
        }
        address
    };
    let mut out = Vec::new();
    let mut stack = vec![root];
    let mut visited = 0;
    while let Some(value) = stack.pop() {
        visited += 1;
        if visited > 20_000 || out.len() >= 3 {
            break;
        }
        match value {
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(map) => {
                stack.extend(map.values());
                let Some(name) =
                    text_field(map, &["name", "businessname", "companyname", "legalname"])
                else {
                    continue;
                };
                let phone = text_field(
                    map,
                    &["telephone", "phone", "phonenumber", "tel", "mainphone"],
                );
                let email = text_field(map, &["email", "emailaddress"]);
                let mut address = match field(map, &["address", "location", "postaladdress"]) {
                    Some(Value::Object(inner)) => postal(inner),
                    Some(Value::String(s)) => {
                        let mut a = serde_json::Map::new();
                        a.insert("streetAddress".into(), Value::String(s.trim().to_owned()));
                        a
                    }
                    _ => serde_json::Map::new(),
                };
                if address.is_empty() {
                    address = postal(map);
                }
                if phone.is_none() && email.is_none() && address.is_empty() {
                    continue;
                }
                let mut record = serde_json::Map::new();
                record.insert("@context".into(), "https://schema.org".into());
                record.insert("@type".into(), "LocalBusiness".into());
                record.insert("name".into(), Value::String(name));
                if let Some(p) = phone {
                    record.insert("telephone".into(), Value::String(p));
                }
                if let Some(e) = email {
                    record.insert("email".into(), Value::String(e));
                }
                if !address.is_empty() {
                    let mut a = address;
                    a.insert("@type".into(), "PostalAddress".into());
                    record.insert("address".into(), Value::Object(a));
                }
                if let Some(h) = field(
                    map,
                    &["openinghours", "hours", "openingtimes", "businesshours"],
                ) {
                    if h.is_string() || h.as_array().is_some_and(|a| a.iter().all(Value::is_string))
                    {
                        record.insert("openingHours".into(), h.clone());
                    }
                }
                if let Some(d) = text_field(map, &["description", "about", "summary"]) {
                    record.insert("description".into(), Value::String(d));
                }
                out.push(Value::Object(record));
            }
            _ => {}
        }
    }
    out
}

/// String literals of a state script (`window.__NUXT__=(function(a,b){…}("Mon–Fri 9–5",…))`)
/// that read as human text.
fn js_string_lines(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut bytes = 0;
    for caps in JS_STRING.captures_iter(script) {
        let raw = caps
            .get(1)
            .or_else(|| caps.get(2))
            .map_or("", |m| m.as_str());
        let unescaped = serde_json::from_str::<String>(&format!("\"{}\"", raw.replace("\\'", "'")))
            .unwrap_or_else(|_| raw.to_owned());
        if let Some(text) = human_text(&unescaped) {
            bytes += text.len();
            out.push(text);
            if bytes > MAX_TEXT_BYTES {
                break;
            }
        }
    }
    out
}

/// The string as a visitor would read it, or `None` for identifiers, URLs, paths, code and
/// hashes. Rich text from a CMS loses its tags.
fn human_text(s: &str) -> Option<String> {
    let s = s.trim();
    if s.len() < 3
        || s.len() > 4000
        || s.starts_with('/')
        || s.starts_with('#')
        || s.contains("://")
    {
        return None;
    }
    let text = if s.contains('<') {
        strip_tags(s)
    } else {
        s.to_owned()
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let digits = text.chars().filter(|c| c.is_ascii_digit()).count();
    let words = text.split(' ').count();
    // Code and class lists: braces, semicolons, or dotted/underscored identifiers.
    let code = text.contains('{') || text.contains("=>") || text.contains(';') && words < 4;
    let identifier = words == 1
        && (text.contains('_')
            || text.contains('.')
            || text.chars().all(|c| c.is_ascii_hexdigit() || c == '-'));
    // A phone number or a postcode is digits with little else; a word is letters.
    let readable = (words >= 2 && letters >= 3)
        || (digits >= 5 && text.len() <= 40)
        || (words == 1 && letters >= 4 && text.chars().next().is_some_and(char::is_uppercase));
    (readable && !code && !identifier).then_some(text)
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// `streetAddress` → `Street address`, `opening_hours` → `Opening hours`.
fn label(key: &str) -> String {
    if key.chars().all(|c| c.is_ascii_digit()) {
        return String::new();
    }
    let mut words = String::new();
    let mut prev_lower = false;
    for c in key.chars() {
        if c == '_' || c == '-' {
            words.push(' ');
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            words.push(' ');
        }
        prev_lower = c.is_lowercase();
        words.extend(c.to_lowercase());
    }
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> String {
        framework_text(&Html::parse_document(html)).map_or(String::new(), |t| t.text)
    }

    #[test]
    fn next_data_becomes_labelled_lines() {
        let text = text_of(
            r#"<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"clinic":{"telephone":"+1 555 010 0199","openingHours":"Mo-Fr 08:00-17:00","intro":"<p>Family dentistry in <b>Springfield</b>.</p>","logo":"/logo.png","id":"c_81f2"}}},"buildId":"x9"}</script>"#,
        );
        assert!(text.contains("Telephone: +1 555 010 0199"), "{text}");
        assert!(text.contains("Opening hours: Mo-Fr 08:00-17:00"), "{text}");
        assert!(
            text.contains("Intro: Family dentistry in Springfield ."),
            "{text}"
        );
        assert!(!text.contains("logo.png") && !text.contains("c_81f2") && !text.contains("x9"));
    }

    #[test]
    fn business_records_become_json_ld() {
        let doc = Html::parse_document(
            r#"<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"shop":{"name":"Golden Crust Pizzeria","phone_number":"(312) 555-0186","address":{"street":"2210 N Clark St","city":"Chicago","state":"IL","zip":"60614"},"hours":["Tu-Su 11:00-22:00"]},"menu":[{"name":"Margherita","price":"14"}]}}}</script>"#,
        );
        let found = framework_text(&doc).unwrap();
        assert_eq!(found.entities.len(), 1, "{:?}", found.entities);
        let record = &found.entities[0];
        assert_eq!(record["name"], "Golden Crust Pizzeria");
        assert_eq!(record["telephone"], "(312) 555-0186");
        assert_eq!(record["address"]["streetAddress"], "2210 N Clark St");
        assert_eq!(record["address"]["postalCode"], "60614");
        assert_eq!(record["openingHours"][0], "Tu-Su 11:00-22:00");
    }

    #[test]
    fn nuxt_state_scripts_give_their_strings() {
        let text = text_of(
            r#"<script>window.__NUXT__=(function(a,b){return {data:[{title:"Rossi Trattoria",phone:"020 7946 0958",about:"Fresh pasta made every morning in Islington",cls:"hero__title"}]}}("x","y"))</script>"#,
        );
        assert!(text.contains("020 7946 0958"), "{text}");
        assert!(
            text.contains("Fresh pasta made every morning in Islington"),
            "{text}"
        );
        assert!(!text.contains("hero__title"), "{text}");
    }

    #[test]
    fn ordinary_scripts_are_not_data() {
        assert_eq!(
            text_of(
                r#"<script>console.log("hello there world"); var a = "Some words here";</script>"#
            ),
            ""
        );
    }

    #[test]
    fn labels_read_as_words() {
        assert_eq!(label("streetAddress"), "Street address");
        assert_eq!(label("opening_hours"), "Opening hours");
        assert_eq!(label("42"), "");
    }
}
