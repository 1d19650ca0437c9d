//! `qms search`

use anyhow::{Result, bail};
use serde::Serialize;

use super::list::Filter;
use super::output::HumanOrJson as Format;
use super::output::{BOLD, CYAN, DIM, paint, print, print_json};
use super::{Global, Outcome};
use crate::i18n::Msg;
use crate::model::document::Document;
use crate::msg;
use crate::text;

/// Search titles and text, ignoring case and diacritics.
///
/// `quy trinh` finds "Quy trình", `dang ky khai sinh` finds "Đăng ký khai
/// sinh" (đ folds to d). Every word must occur in the document; the best
/// matches (whole phrase, in the title) come first. Each hit shows its line.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  qms search \"dang ky khai sinh\"
  qms search \"giay phep\" --type procedure
  qms search le phi --format json")]
pub(crate) struct Args {
    /// Words to find (several words: all must occur).
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,

    #[command(flatten)]
    pub filter: Filter,

    /// At most this many documents.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,

    /// The output format (one of the values below; json is for scripts).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Serialize, Debug)]
pub(super) struct Hit {
    pub line: usize,
    pub text: String,
}

#[derive(Serialize, Debug)]
pub(super) struct Match<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub path: &'a std::path::Path,
    pub score: u32,
    pub hits: Vec<Hit>,
}

/// Scores one document against the folded query; `None` when a word is missing.
pub(super) fn score(doc: &Document, phrase: &str, words: &[String]) -> Option<(u32, Vec<Hit>)> {
    let title = text::fold(doc.title());
    let body = text::fold(&doc.body);
    if !words.iter().all(|w| title.contains(w.as_str()) || body.contains(w.as_str())) {
        return None;
    }
    let mut score = 0u32;
    if title.contains(phrase) {
        score += 20;
    }
    score += words.iter().filter(|w| title.contains(w.as_str())).count() as u32 * 5;
    score += (body.matches(phrase).count() as u32).min(10) * 3;
    score += words.iter().map(|w| body.matches(w.as_str()).count() as u32).sum::<u32>().min(20);

    let mut hits = Vec::new();
    if words.iter().any(|w| title.contains(w.as_str())) {
        hits.push(Hit {
            line: doc.line_of("title"),
            text: doc.title().to_string(),
        });
    }
    for (index, line) in doc.body.lines().enumerate() {
        if hits.len() >= 3 {
            break;
        }
        let (folded, map) = text::fold_with_map(line);
        let found = folded
            .find(phrase)
            .or_else(|| words.iter().filter_map(|w| folded.find(w.as_str())).min());
        if let Some(at) = found {
            hits.push(Hit {
                line: doc.body_line + index,
                text: excerpt(line, map[at]),
            });
        }
    }
    Some((score, hits))
}

/// Up to about 100 characters of `line` around byte `at`.
fn excerpt(line: &str, at: usize) -> String {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let center = chars.iter().position(|&(i, _)| i >= at).unwrap_or(0);
    let start = center.saturating_sub(40);
    let end = (center + 60).min(chars.len());
    let mut out: String = chars[start..end].iter().map(|&(_, c)| c).collect();
    out = out.trim().to_string();
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

pub(super) fn run(global: &Global, args: Args) -> Result<Outcome> {
    let phrase = text::fold(&args.text.join(" "));
    let words: Vec<String> = phrase.split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        bail!(msg!("error-search-words"));
    }
    let phrase = words.join(" ");
    let workspace = global.workspace()?;
    let loaded = workspace.load_documents();
    let mut matches: Vec<Match> = loaded
        .documents
        .iter()
        .filter(|d| args.filter.matches(d))
        .filter_map(|d| {
            score(d, &phrase, &words).map(|(score, hits)| Match {
                id: d.id(),
                title: d.title(),
                path: &d.path,
                score,
                hits,
            })
        })
        .collect();
    matches.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| text::natural_cmp(a.id, b.id)));
    let total = matches.len();
    matches.truncate(args.limit);
    match args.format {
        Format::Json => print_json(&matches)?,
        Format::Human => {
            for m in &matches {
                print(&format!(
                    "{}  {}  {}",
                    paint(m.id, BOLD, global.color),
                    m.title,
                    paint(&m.path.display().to_string(), DIM, global.color)
                ))?;
                for hit in &m.hits {
                    print(&format!(
                        "  {} {}",
                        paint(&format!("{:>4}:", hit.line), CYAN, global.color),
                        hit.text
                    ))?;
                }
            }
            global.status(Msg::new("status-search").num("count", total as f64));
        }
    }
    Ok(if total == 0 { Outcome::Findings } else { Outcome::Success })
}
