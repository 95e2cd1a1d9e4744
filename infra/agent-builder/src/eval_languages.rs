//! Opening hours and phone numbers per language: `eval extract` run over each language folder
//! of a labeled set (`<folder>/<code>/labels.json` + `pages/`, e.g. tests/fixtures/lang-eval),
//! one table row per language. The matching rules are `eval extract`'s.

use std::path::Path;

use crate::eval_extract::{evaluate_folder, EvalError, Score};

/// One language's scores.
#[derive(Debug, Clone)]
pub struct LanguageRow {
    pub code: String,
    pub pages: usize,
    pub tel: Score,
    pub hours: Score,
    /// Missed and wrong values, for `--verbose`.
    pub details: Vec<String>,
}

/// Every subfolder holding a `labels.json`, in name order.
pub fn evaluate_languages(folder: &Path) -> Result<Vec<LanguageRow>, EvalError> {
    let entries = std::fs::read_dir(folder).map_err(|source| EvalError::Read {
        path: folder.to_owned(),
        source,
    })?;
    let mut dirs: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("labels.json").is_file())
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        return Err(EvalError::Empty(folder.to_owned()));
    }
    dirs.iter()
        .map(|dir| {
            let eval = evaluate_folder(dir)?;
            let score = |label: &str| eval.scores.get(label).cloned().unwrap_or_default();
            Ok(LanguageRow {
                code: dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                pages: eval.pages,
                tel: score("TEL"),
                hours: score("HOURS"),
                details: eval.details.clone(),
            })
        })
        .collect()
}

/// A Markdown table: the README shows it as printed.
pub fn render(rows: &[LanguageRow]) -> String {
    let mut out = String::from(
        "| language | pages | hours precision | hours recall | phone precision | phone recall |\n\
         |---|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {:.3} ({}/{}) | {:.3} ({}/{}) | {:.3} ({}/{}) | {:.3} ({}/{}) |\n",
            r.code,
            r.pages,
            r.hours.precision(),
            r.hours.correct_predictions,
            r.hours.predicted,
            r.hours.recall(),
            r.hours.recalled_labels,
            r.hours.labeled,
            r.tel.precision(),
            r.tel.correct_predictions,
            r.tel.predicted,
            r.tel.recall(),
            r.tel.recalled_labels,
            r.tel.labeled,
        ));
    }
    out
}
