//! HTML microdata (`itemscope`, `itemtype`, `itemprop`, `itemref`) in extruct's output shape:
//! `{"type": …, "id"?: …, "properties": {name: value | [values]}}`, values taken per the HTML
//! microdata spec (content, href/src/data URLs, value, datetime, else the text).
//!
//! Bounded on hostile pages: at most [`MAX_ITEMS`] items and [`MAX_PROPERTIES`] property values,
//! nested items [`MAX_DEPTH`] deep, and one budget of visited nodes for all text values.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};
use serde_json::{Map, Value};
use url::Url;

use super::text_content::text_content;

/// Most items (top-level and nested) read from one page.
pub const MAX_ITEMS: usize = 2_000;
/// Most property values read from one page.
pub const MAX_PROPERTIES: usize = 20_000;
/// Deepest chain of nested items followed; deeper ones become `null`.
pub const MAX_DEPTH: usize = 24;
/// Nodes visited for text values across the whole page.
const TEXT_NODE_BUDGET: usize = 2_000_000;

/// extruct's `MicrodataExtractor` options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MicrodataOptions {
    /// Nested items appear inside their parent (and not again at the top level); otherwise
    /// every item is listed with an `iid` and properties point at items by `iid_ref`.
    pub nested: bool,
    /// Types and property values are always lists (otherwise single ones are unwrapped).
    pub strict: bool,
    /// Adds each item's `textContent`.
    pub add_text_content: bool,
    /// Not in extruct: a name-like property (`name`, `legalName`, `alternateName`) on a link
    /// takes the link's text, not its URL (`<a href="/" itemprop="name">Acme</a>` is how
    /// sites mark up their logo).
    pub link_names_as_text: bool,
}

impl Default for MicrodataOptions {
    fn default() -> Self {
        Self {
            nested: true,
            strict: false,
            add_text_content: false,
            link_names_as_text: false,
        }
    }
}

/// The page's microdata items with extruct's default options; URLs resolved against `base_url`
/// when given (left as written otherwise).
pub fn microdata_items(doc: &Html, base_url: Option<&Url>) -> Vec<Value> {
    microdata_items_with(doc, base_url, MicrodataOptions::default())
}

pub fn microdata_items_with(
    doc: &Html,
    base_url: Option<&Url>,
    options: MicrodataOptions,
) -> Vec<Value> {
    let mut scopes = Vec::new();
    let mut has_itemref = false;
    for node in doc.tree.root().descendants() {
        if let Node::Element(el) = node.value() {
            if el.attr("itemscope").is_some() {
                has_itemref |= el.attr("itemref").is_some();
                scopes.push(node);
            }
        }
    }
    if scopes.is_empty() {
        return Vec::new();
    }
    let mut reader = Reader {
        doc,
        options,
        base_url,
        item_ids: scopes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id(), i + 1))
            .collect(),
        element_ids: if has_itemref {
            element_ids(doc)
        } else {
            HashMap::new()
        },
        seen: HashSet::new(),
        items: 0,
        properties: 0,
        text_budget: TEXT_NODE_BUDGET,
    };
    let mut out = Vec::new();
    for scope in scopes {
        if reader.items >= MAX_ITEMS {
            break;
        }
        if let Some(item) = reader.item(scope, 0) {
            out.push(item);
        }
    }
    out
}

struct Reader<'a> {
    doc: &'a Html,
    options: MicrodataOptions,
    base_url: Option<&'a Url>,
    /// Each itemscope's number in document order (extruct's `iid`).
    item_ids: HashMap<NodeId, usize>,
    /// `id` attribute → element, for `itemref`; built only when the page uses it.
    element_ids: HashMap<&'a str, NodeId>,
    seen: HashSet<NodeId>,
    items: usize,
    properties: usize,
    text_budget: usize,
}

type Properties = Vec<(String, Vec<Value>)>;

impl<'a> Reader<'a> {
    fn item(&mut self, node: NodeRef<'a, Node>, depth: usize) -> Option<Value> {
        if self.options.nested && !self.seen.insert(node.id()) {
            return None;
        }
        if self.items >= MAX_ITEMS {
            return None;
        }
        self.items += 1;
        let el = node.value().as_element()?;
        let mut item = Map::new();
        if !self.options.nested {
            item.insert("iid".into(), self.iid(node).into());
        }
        let types: Vec<&str> = el
            .attr("itemtype")
            .unwrap_or_default()
            .split_whitespace()
            .collect();
        if !types.is_empty() {
            item.insert(
                "type".into(),
                self.list_or_one(types.iter().map(|t| Value::from(*t)).collect()),
            );
            if let Some(id) = el.attr("itemid").map(str::trim).filter(|s| !s.is_empty()) {
                item.insert("id".into(), id.into());
            }
        }
        let mut properties: Properties = Vec::new();
        for prop in property_nodes(node) {
            self.property(prop, depth, &mut properties);
        }
        for reference in el.attr("itemref").unwrap_or_default().split_whitespace() {
            self.referenced_properties(node, reference, depth, &mut properties);
        }
        if properties.is_empty() {
            let value = self.value(node, depth, true);
            item.insert("value".into(), value);
        } else {
            let map: Map<String, Value> = properties
                .into_iter()
                .map(|(name, values)| (name, self.list_or_one(values)))
                .collect();
            item.insert("properties".into(), Value::Object(map));
        }
        if self.options.add_text_content {
            let text = text_content(node, &mut self.text_budget);
            if !text.is_empty() {
                item.insert("textContent".into(), text.into());
            }
        }
        Some(Value::Object(item))
    }

    fn iid(&self, node: NodeRef<'_, Node>) -> usize {
        self.item_ids.get(&node.id()).copied().unwrap_or(0)
    }

    fn list_or_one(&self, mut values: Vec<Value>) -> Value {
        if !self.options.strict && values.len() == 1 {
            values.pop().unwrap_or(Value::Null)
        } else {
            Value::Array(values)
        }
    }

    /// Adds the property (or properties: `itemprop` may list several names) that `node` gives.
    fn property(&mut self, node: NodeRef<'a, Node>, depth: usize, out: &mut Properties) {
        let names = node
            .value()
            .as_element()
            .and_then(|el| el.attr("itemprop"))
            .unwrap_or_default();
        if self.properties >= MAX_PROPERTIES || names.trim().is_empty() {
            return;
        }
        let value = self.value(node, depth, false);
        for name in names.split_whitespace() {
            self.properties += 1;
            match out.iter_mut().find(|(n, _)| n == name) {
                Some((_, values)) => values.push(value.clone()),
                None => out.push((name.to_owned(), vec![value.clone()])),
            }
        }
    }

    /// Properties from the element `itemref` names: the element itself when it is an item
    /// property, else its properties that belong to the same scope as it.
    fn referenced_properties(
        &mut self,
        item: NodeRef<'a, Node>,
        reference: &str,
        depth: usize,
        out: &mut Properties,
    ) {
        let Some(target) = self
            .element_ids
            .get(reference)
            .and_then(|id| self.doc.tree.get(*id))
        else {
            return;
        };
        // A page can point an item at itself or its ancestor; that adds nothing new.
        if target == item || item.ancestors().any(|a| a == target) {
            return;
        }
        let has = |n: NodeRef<'_, Node>, attr: &str| {
            n.value()
                .as_element()
                .is_some_and(|e| e.attr(attr).is_some())
        };
        if has(target, "itemprop") && has(target, "itemscope") {
            self.property(target, depth, out);
            return;
        }
        let base_scope = nearest_scope(target, true);
        for node in target.descendants() {
            if self.properties >= MAX_PROPERTIES {
                break;
            }
            if has(node, "itemprop") && nearest_scope(node, false) == base_scope {
                self.property(node, depth, out);
            }
        }
    }

    fn value(&mut self, node: NodeRef<'a, Node>, depth: usize, force: bool) -> Value {
        let Some(el) = node.value().as_element() else {
            return Value::Null;
        };
        if !force && el.attr("itemscope").is_some() {
            if !self.options.nested {
                return serde_json::json!({ "iid_ref": self.iid(node) });
            }
            if depth + 1 >= MAX_DEPTH {
                return Value::Null;
            }
            return self.item(node, depth + 1).unwrap_or(Value::Null);
        }
        let attr = |name: &str| el.attr(name).unwrap_or_default();
        match el.name() {
            "meta" => attr("content").into(),
            "audio" | "embed" | "iframe" | "img" | "source" | "track" | "video" => {
                self.url(el.attr("src"), el.attr("content")).into()
            }
            "a" if self.options.link_names_as_text
                && attr("itemprop")
                    .split_whitespace()
                    .any(|p| matches!(p, "name" | "legalName" | "alternateName")) =>
            {
                text_content(node, &mut self.text_budget).into()
            }
            "a" | "area" | "link" => self.url(el.attr("href"), el.attr("content")).into(),
            "object" => self.url(el.attr("data"), el.attr("content")).into(),
            "data" | "meter" => attr("value").into(),
            "time" => attr("datetime").into(),
            _ if !attr("content").is_empty() => attr("content").into(),
            _ if attr("itemprop").ends_with("-input") || attr("itemprop").ends_with("-output") => {
                // schema.org action annotations (`query-input`) describe a form field.
                let mut field = Map::new();
                if el.attr("required").is_some() {
                    field.insert("valueRequired".into(), true.into());
                }
                if let Some(name) = el.attr("name").filter(|n| !n.is_empty()) {
                    field.insert("valueName".into(), name.into());
                }
                Value::Object(field)
            }
            _ => text_content(node, &mut self.text_budget).into(),
        }
    }

    /// A URL attribute (falling back to `content`, as lazy-loaded images use), joined with the
    /// base URL like Python's `urljoin`: absolute URLs stay as written.
    fn url(&self, attr: Option<&str>, content: Option<&str>) -> String {
        let raw = attr
            .filter(|a| !a.is_empty())
            .or(content)
            .unwrap_or_default()
            .trim_matches([' ', '\t', '\n', '\r', '\u{c}']);
        if raw.is_empty() {
            return String::new();
        }
        match self.base_url {
            Some(base) if Url::parse(raw).is_err() => {
                base.join(raw).map_or_else(|_| raw.to_owned(), String::from)
            }
            _ => raw.to_owned(),
        }
    }
}

/// The item's own property elements in document order: descendants with `itemprop`, not
/// looking inside nested items (a nested item is itself a property when it has `itemprop`).
fn property_nodes(item: NodeRef<'_, Node>) -> Vec<NodeRef<'_, Node>> {
    let mut found = Vec::new();
    let mut stack: Vec<_> = item.children().collect();
    stack.reverse();
    while let Some(node) = stack.pop() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        if el.attr("itemprop").is_some() {
            found.push(node);
        }
        if el.attr("itemscope").is_none() {
            let start = stack.len();
            stack.extend(node.children());
            stack[start..].reverse();
        }
    }
    found
}

/// The closest element with `itemscope` above `node` (or `node` itself when `include_self`).
fn nearest_scope(node: NodeRef<'_, Node>, include_self: bool) -> Option<NodeId> {
    let is_scope = |n: &NodeRef<'_, Node>| {
        n.value()
            .as_element()
            .is_some_and(|e| e.attr("itemscope").is_some())
    };
    if include_self && is_scope(&node) {
        return Some(node.id());
    }
    node.ancestors().find(is_scope).map(|n| n.id())
}

/// Every element `id`, first occurrence wins (as `getElementById` does).
fn element_ids(doc: &Html) -> HashMap<&str, NodeId> {
    let mut ids = HashMap::new();
    for node in doc.tree.root().descendants() {
        if let Some(id) = node.value().as_element().and_then(|e| e.attr("id")) {
            ids.entry(id).or_insert(node.id());
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn items(html: &str) -> Vec<Value> {
        microdata_items(&Html::parse_document(html), None)
    }

    #[test]
    fn reads_nested_items_and_value_sources() {
        let html = r#"<div itemscope itemtype="https://schema.org/Dentist" itemid=" #d ">
              <h1 itemprop="name">Bright <b>Smile</b></h1>
              <a itemprop="url" href="https://smile.example/">site</a>
              <meta itemprop="telephone" content="+1 415 555 2671">
              <time itemprop="foundingDate" datetime="2001">long ago</time>
              <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
                <span itemprop="streetAddress">1 Main St</span>
                <span itemprop="addressLocality">Springfield</span>
              </div>
              <span itemprop="keywords">a</span><span itemprop="keywords">b</span>
            </div>"#;
        assert_eq!(
            items(html),
            vec![json!({
                "type": "https://schema.org/Dentist",
                "id": "#d",
                "properties": {
                    "name": "Bright Smile",
                    "url": "https://smile.example/",
                    "telephone": "+1 415 555 2671",
                    "foundingDate": "2001",
                    "address": {
                        "type": "https://schema.org/PostalAddress",
                        "properties": {"streetAddress": "1 Main St", "addressLocality": "Springfield"}
                    },
                    "keywords": ["a", "b"]
                }
            })]
        );
    }

    #[test]
    fn itemref_and_relative_urls() {
        let html = r#"<div itemscope itemtype="http://schema.org/Product" itemref="more missing">
              <img itemprop="image" src=" a.jpg"></div>
            <div id="more"><span itemprop="name">Anvil</span></div>"#;
        let doc = Html::parse_document(html);
        let base = Url::parse("http://shop.example/p/").unwrap();
        assert_eq!(
            microdata_items(&doc, Some(&base)),
            vec![json!({
                "type": "http://schema.org/Product",
                "properties": {"image": "http://shop.example/p/a.jpg", "name": "Anvil"}
            })]
        );
    }

    #[test]
    fn self_references_and_hostile_nesting_are_bounded() {
        let cyclic = r#"<div id="a" itemscope itemref="a b"><span itemprop="x">1</span>
            <div id="b" itemprop="y" itemscope itemref="a"><span itemprop="z">2</span></div></div>"#;
        let got = items(cyclic);
        assert_eq!(got.len(), 1);
        let deep = crate::extract::structured::deep_tree::nested(
            r#"<div itemscope itemprop="p" itemtype="T">"#,
            100_000,
            "v",
        );
        let got = microdata_items(&deep, None);
        assert!(!got.is_empty() && got.len() <= MAX_ITEMS);
        // Each top-level item holds a chain of nested ones, cut at MAX_DEPTH.
        let mut depth = 0;
        let mut at = &got[0];
        while let Some(inner) = at.pointer("/properties/p").filter(|v| v.is_object()) {
            depth += 1;
            at = inner;
        }
        assert_eq!(depth, MAX_DEPTH - 1);
        let garbage: String = (0u32..20_000)
            .map(|i| char::from_u32((i * 7919) % 0xd7ff).unwrap_or('x'))
            .collect();
        let _ = items(&garbage);
    }
}
