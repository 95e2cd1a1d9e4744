//! Test support: documents nested 100,000 elements deep, built directly as a tree. (html5ever
//! takes time quadratic in the depth to *parse* such markup — minutes in a debug build — so the
//! tests of our own walkers build the tree instead.)

use ego_tree::NodeId;
use scraper::{Html, Node};

/// `<html><body>` + `depth` copies of the element `open_tag` (e.g. `<div itemscope>`), each
/// inside the previous one, with the text `leaf` in the innermost.
pub fn nested(open_tag: &str, depth: usize, leaf: &str) -> Html {
    let template = Html::parse_fragment(&format!("{open_tag}{leaf}"));
    let element = template
        .tree
        .root()
        .descendants()
        .filter_map(|n| n.value().as_element())
        .find(|e| e.name() != "html")
        .cloned()
        .expect("an element in the template");
    let text = template
        .tree
        .root()
        .descendants()
        .find(|n| n.value().is_text())
        .map(|n| n.value().clone());
    let mut doc = Html::parse_document("<html><body></body></html>");
    let body: NodeId = doc
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .expect("body")
        .id();
    let mut at = body;
    for _ in 0..depth {
        let mut parent = doc.tree.get_mut(at).expect("node");
        at = parent.append(Node::Element(element.clone())).id();
    }
    if let Some(text) = text {
        doc.tree.get_mut(at).expect("node").append(text);
    }
    doc
}
