//! Question/answer pairs from the text: `<details><summary>`, `<dt>…?</dt><dd>`, "Q: … A: …"
//! lines, and — on an FAQ page or under an FAQ heading — any short block ending in `?` followed
//! by its answer paragraphs.

use super::blocks::{Block, BlockKind};

pub const MAX_FAQS: usize = 50;
const MAX_QUESTION_CHARS: usize = 300;
const MAX_ANSWER_CHARS: usize = 1_500;
/// Blocks joined into one answer at most.
const MAX_ANSWER_BLOCKS: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFaq {
    pub question: String,
    pub answer: String,
}

/// `true` for a heading that opens an FAQ section ("FAQ", "Frequently asked questions").
pub fn is_faq_heading(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.chars().count() <= 80
        && (lower.contains("faq")
            || lower.contains("frequently asked")
            || lower.contains("questions")
            || lower.contains("q&a")
            || lower.contains("q & a"))
}

/// `true` for a page whose URL says it is an FAQ page.
pub fn is_faq_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.contains("faq") || lower.contains("frequently-asked") || lower.contains("questions")
}

/// The FAQ pairs of a page. `faq_page` says the whole page is an FAQ (from its URL).
pub fn find_faqs(blocks: &[Block], faq_page: bool) -> Vec<FoundFaq> {
    let mut found = Vec::new();
    // The level of the FAQ heading whose section we are in.
    let mut faq_section: Option<u8> = None;
    let mut i = 0;
    while i < blocks.len() && found.len() < MAX_FAQS {
        let block = &blocks[i];
        i += 1;
        if block.in_chrome {
            continue;
        }
        if let BlockKind::Heading(level) = block.kind {
            if faq_section.is_some_and(|l| level <= l) {
                faq_section = None;
            }
            if is_faq_heading(&block.text) {
                faq_section = Some(level);
                continue;
            }
        }
        let in_faq = faq_page || faq_section.is_some();
        // "Q: … A: …" in one block, or "Q: …" then "A: …".
        if let Some(question) = strip_label(&block.text, &["q:", "q.", "question:"]) {
            if let Some((q, a)) = split_inline_answer(question) {
                push(&mut found, q, a.to_owned());
                continue;
            }
            if let Some(answer) = blocks
                .get(i)
                .and_then(|next| strip_label(&next.text, &["a:", "a.", "answer:"]))
            {
                push(&mut found, question, answer.to_owned());
                i += 1;
                continue;
            }
        }
        let is_question = match block.kind {
            BlockKind::Summary => block.text.ends_with('?') || in_faq,
            BlockKind::Term => block.text.ends_with('?'),
            BlockKind::Heading(_) | BlockKind::Paragraph | BlockKind::Loose | BlockKind::Row => {
                in_faq && block.text.ends_with('?')
            }
            _ => false,
        };
        if !is_question || block.text.chars().count() > MAX_QUESTION_CHARS {
            continue;
        }
        let (answer, used) = answer_after(&blocks[i..], block.kind);
        if !answer.is_empty() {
            push(&mut found, &block.text, answer);
            i += used;
        }
    }
    found
}

/// The answer blocks after a question: up to the next question, heading or `</details>`.
fn answer_after(blocks: &[Block], question_kind: BlockKind) -> (String, usize) {
    let mut answer = String::new();
    let mut used = 0;
    for block in blocks {
        let stop = match block.kind {
            BlockKind::Heading(_) | BlockKind::Summary | BlockKind::Term => true,
            BlockKind::DetailsEnd => {
                used += 1;
                true
            }
            _ => block.text.ends_with('?') && question_kind != BlockKind::Summary,
        };
        if stop || used >= MAX_ANSWER_BLOCKS || answer.chars().count() >= MAX_ANSWER_CHARS {
            break;
        }
        used += 1;
        if !answer.is_empty() {
            answer.push(' ');
        }
        answer.push_str(strip_label(&block.text, &["a:", "answer:"]).unwrap_or(&block.text));
    }
    if answer.chars().count() > MAX_ANSWER_CHARS {
        answer = answer.chars().take(MAX_ANSWER_CHARS).collect();
    }
    (answer, used)
}

/// `text` without a leading label such as `Q:` (any case), or `None` when it has none.
fn strip_label<'t>(text: &'t str, labels: &[&str]) -> Option<&'t str> {
    labels.iter().find_map(|label| {
        let head = text.get(..label.len())?;
        head.eq_ignore_ascii_case(label)
            .then(|| text[label.len()..].trim())
            .filter(|rest| !rest.is_empty())
    })
}

/// `Do you … ? A: Yes …` → the question and the answer.
fn split_inline_answer(text: &str) -> Option<(&str, &str)> {
    // The earliest marker: the answer itself may contain `A:`-style labels.
    let (at, marker) = [" A: ", " A. ", " Answer: "]
        .iter()
        .filter_map(|m| text.find(m).map(|at| (at, *m)))
        .min()?;
    let (q, a) = (text[..at].trim(), text[at + marker.len()..].trim());
    (!q.is_empty() && !a.is_empty()).then_some((q, a))
}

fn push(found: &mut Vec<FoundFaq>, question: &str, answer: String) {
    let question: String = question.chars().take(MAX_QUESTION_CHARS).collect();
    if found.len() < MAX_FAQS && !found.iter().any(|f: &FoundFaq| f.question == question) {
        found.push(FoundFaq { question, answer });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::offerings::blocks::blocks;
    use scraper::Html;

    fn faqs(html: &str, faq_page: bool) -> Vec<(String, String)> {
        find_faqs(&blocks(&Html::parse_document(html)), faq_page)
            .into_iter()
            .map(|f| (f.question, f.answer))
            .collect()
    }

    fn qa(q: &str, a: &str) -> (String, String) {
        (q.into(), a.into())
    }

    #[test]
    fn reads_details_definition_lists_and_q_a_lines() {
        let html = "<details><summary>Do you take insurance?</summary><p>Yes, most plans.</p><p>Call us.</p></details>\
            <details><summary>Read more</summary><p>Not a question.</p></details>\
            <dl><dt>Is parking free?</dt><dd>Yes.</dd></dl>\
            <p>Q: Do you open on Sundays?</p><p>A: No.</p>\
            <p>Q: Walk-ins welcome? A: Always.</p>\
            <li><span>Q.</span> Why replace windows?<br><span>A.</span> Two reasons: A: warmth, B: cost.</li>";
        assert_eq!(
            faqs(html, false),
            vec![
                qa("Do you take insurance?", "Yes, most plans. Call us."),
                qa("Is parking free?", "Yes."),
                qa("Do you open on Sundays?", "No."),
                qa("Walk-ins welcome?", "Always."),
                qa("Why replace windows?", "Two reasons: A: warmth, B: cost."),
            ]
        );
    }

    #[test]
    fn reads_question_headings_only_in_an_faq_section_or_page() {
        let html = "<h2>Why us?</h2><p>Because.</p>\
            <h2>Frequently Asked Questions</h2>\
            <h3>How long does a cleaning take?</h3><p>About an hour.</p>\
            <h3>Does it hurt?</h3><p>No.</p><p>Really.</p>\
            <h2>Contact</h2><h3>Where are you?</h3><p>Main St.</p>";
        assert_eq!(
            faqs(html, false),
            vec![
                qa("How long does a cleaning take?", "About an hour."),
                qa("Does it hurt?", "No. Really."),
            ]
        );
        let page = "<h3>Do you deliver?</h3><p>Within 5 miles.</p>";
        assert_eq!(
            faqs(page, true),
            vec![qa("Do you deliver?", "Within 5 miles.")]
        );
        assert!(faqs(page, false).is_empty());
    }

    #[test]
    fn a_hostile_page_gives_a_bounded_list() {
        let html: String = (0..5_000)
            .map(|i| {
                format!(
                    "<details><summary>Q{i}?</summary><p>{}</p></details>",
                    "a ".repeat(2_000)
                )
            })
            .collect();
        let found = faqs(&html, false);
        assert_eq!(found.len(), MAX_FAQS);
        assert!(found
            .iter()
            .all(|(_, a)| a.chars().count() <= MAX_ANSWER_CHARS));
    }
}
