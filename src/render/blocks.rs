//! A document body as plain blocks — headings, paragraphs, lists, tables,
//! quotes, code — with runs of bold and italic text: what a Word document
//! can hold, read from the Markdown once (pulldown-cmark stays in this
//! module's folder), so that the Word writer needs no Markdown of its own.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
}

/// A line of runs: a paragraph, a heading, a list item or a table cell.
pub(crate) type Inline = Vec<Run>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// Level 1 to 6.
    Heading(u8, Inline),
    Paragraph(Inline),
    /// Items in order; `ordered` lists number from `start`. An item's
    /// nested lists follow it as further items, one level deeper.
    List {
        ordered: bool,
        start: u64,
        items: Vec<ListItem>,
    },
    /// The first row is the header.
    Table(Vec<Vec<Inline>>),
    Quote(Vec<Inline>),
    Code(String),
    Rule,
    /// A picture standing as its own paragraph: `![alt](src)`, `src` as
    /// written (relative to the document's file).
    Image {
        src: String,
        alt: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListItem {
    /// 0 for the outer list.
    pub depth: usize,
    pub text: Inline,
}

/// The blocks of a Markdown body.
pub(crate) fn blocks(markdown: &str) -> Vec<Block> {
    let mut reader = Reader::default();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        reader.event(event);
    }
    reader.blocks
}

/// Where the reader is: the block being built and the styles open.
#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    inline: Inline,
    bold: usize,
    italic: usize,
    /// The lists open, innermost last: (ordered, start, items so far).
    lists: Vec<(bool, u64, Vec<ListItem>)>,
    table: Option<Vec<Vec<Inline>>>,
    quote: Option<Vec<Inline>>,
    code: Option<String>,
    /// The picture being read: its source and the alt text so far.
    image: Option<(String, String)>,
    /// A picture that opened the paragraph: the paragraph is the picture
    /// if nothing else follows it.
    leading_image: Option<(String, String)>,
    paragraph_open: bool,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => self.italic += 1,
            Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => self.code = Some(String::new()),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(code) = self.code.take() {
                    self.blocks.push(Block::Code(code.trim_end().to_string()));
                }
            }
            Event::Text(text) if self.code.is_some() => self.code.get_or_insert_default().push_str(&text),
            Event::Start(Tag::Image { dest_url, .. }) => self.image = Some((dest_url.to_string(), String::new())),
            Event::End(TagEnd::Image) => {
                if let Some((src, alt)) = self.image.take() {
                    let alone = self.paragraph_open && self.inline.is_empty() && self.lists.is_empty() && self.quote.is_none();
                    if alone && self.leading_image.is_none() {
                        self.leading_image = Some((src, alt));
                    } else {
                        // A picture within text keeps its words.
                        self.push(&alt, false);
                    }
                }
            }
            Event::Text(text) if self.image.is_some() => {
                if let Some((_, alt)) = &mut self.image {
                    alt.push_str(&text);
                }
            }
            Event::Text(text) => self.push(&text, false),
            Event::Code(text) => self.push(&text, true),
            Event::SoftBreak => self.push(" ", false),
            Event::HardBreak => self.push("\n", false),
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::Rule => self.blocks.push(Block::Rule),
            Event::End(TagEnd::Heading(level)) => {
                let text = self.take();
                self.blocks.push(Block::Heading(level_number(level), text));
            }
            Event::Start(Tag::Paragraph) => self.paragraph_open = true,
            Event::End(TagEnd::Paragraph) => {
                self.paragraph_open = false;
                if let Some((src, alt)) = self.leading_image.take() {
                    if self.inline.is_empty() {
                        self.blocks.push(Block::Image { src, alt });
                        return;
                    }
                    self.inline.insert(
                        0,
                        Run {
                            text: alt,
                            ..Run::default()
                        },
                    );
                }
                // A paragraph inside a list item or a quote belongs to it.
                if self.lists.is_empty() && self.quote.is_none() {
                    let text = self.take();
                    if !text.is_empty() {
                        self.blocks.push(Block::Paragraph(text));
                    }
                } else if let Some(quote) = &mut self.quote {
                    let text = std::mem::take(&mut self.inline);
                    quote.push(text);
                }
            }
            Event::Start(Tag::BlockQuote(_)) => self.quote = Some(Vec::new()),
            Event::End(TagEnd::BlockQuote(_)) => {
                if let Some(quote) = self.quote.take() {
                    self.blocks.push(Block::Quote(quote));
                }
            }
            Event::Start(Tag::List(start)) => {
                self.end_item();
                self.lists.push((start.is_some(), start.unwrap_or(1), Vec::new()));
            }
            Event::End(TagEnd::Item) => self.end_item(),
            Event::End(TagEnd::List(_)) => {
                self.end_item();
                if let Some((ordered, start, items)) = self.lists.pop() {
                    match self.lists.last_mut() {
                        // A nested list's items go on in the outer list, deeper.
                        Some((_, _, outer)) => outer.extend(items),
                        None => self.blocks.push(Block::List { ordered, start, items }),
                    }
                }
            }
            Event::Start(Tag::Table(_)) => self.table = Some(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => self.table.get_or_insert_default().push(Vec::new()),
            Event::End(TagEnd::TableCell) => {
                let cell = self.take();
                if let Some(row) = self.table.as_mut().and_then(|rows| rows.last_mut()) {
                    row.push(cell);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(rows) = self.table.take() {
                    self.blocks.push(Block::Table(rows));
                }
            }
            _ => {}
        }
    }

    fn push(&mut self, text: &str, code: bool) {
        let (bold, italic) = (self.bold > 0, self.italic > 0);
        match self.inline.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic && last.code == code => last.text.push_str(text),
            _ => self.inline.push(Run {
                text: text.to_string(),
                bold,
                italic,
                code,
            }),
        }
    }

    fn take(&mut self) -> Inline {
        std::mem::take(&mut self.inline)
    }

    /// The text gathered so far becomes an item of the innermost list.
    fn end_item(&mut self) {
        if self.inline.is_empty() {
            return;
        }
        let text = self.take();
        let depth = self.lists.len().saturating_sub(1);
        if let Some((_, _, items)) = self.lists.last_mut() {
            items.push(ListItem { depth, text });
        }
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The blocks as Markdown that [`blocks`] reads back as the same blocks.
pub(crate) fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, inline) => {
                out.push_str(&format!(
                    "{} {}\n\n",
                    "#".repeat(usize::from(*level).clamp(1, 6)),
                    inline_markdown(inline)
                ));
            }
            Block::Paragraph(inline) => out.push_str(&format!("{}\n\n", guard_line(&inline_markdown(inline)))),
            Block::List { ordered, start, items } => {
                let mut number = *start;
                for item in items {
                    let (marker, indent) = if *ordered && item.depth == 0 {
                        number += 1;
                        (format!("{}.", number - 1), 0)
                    } else {
                        ("-".to_string(), item.depth)
                    };
                    let pad = if *ordered { "   " } else { "  " }.repeat(indent);
                    out.push_str(&format!("{pad}{marker} {}\n", guard_line(&inline_markdown(&item.text))));
                }
                out.push('\n');
            }
            Block::Table(rows) => {
                let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
                for (i, row) in rows.iter().enumerate() {
                    let cells: Vec<String> = (0..columns)
                        .map(|c| {
                            row.get(c)
                                .map(|cell| crate::text::markdown_cell(&inline_markdown(cell)))
                                .unwrap_or_default()
                        })
                        .collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                    if i == 0 {
                        out.push_str(&format!("|{}\n", "---|".repeat(columns)));
                    }
                }
                out.push('\n');
            }
            Block::Quote(lines) => {
                for line in lines {
                    out.push_str(&format!("> {}\n>\n", inline_markdown(line)));
                }
                out.push('\n');
            }
            Block::Code(code) => out.push_str(&format!("```\n{code}\n```\n\n")),
            Block::Rule => out.push_str("---\n\n"),
            Block::Image { src, alt } => {
                // `<…>` keeps a source with spaces or parentheses whole.
                let src = if src.contains([' ', '(', ')', '<', '>']) {
                    format!("<{}>", src.replace(['<', '>'], ""))
                } else {
                    src.clone()
                };
                out.push_str(&format!("![{}]({src})\n\n", escape(alt)));
            }
        }
    }
    let trimmed = out.trim_end();
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}\n")
    }
}

/// Runs as Markdown: styles as `**`/`*`/`` ` ``, the characters Markdown
/// would read as markup escaped.
fn inline_markdown(inline: &Inline) -> String {
    let mut out = String::new();
    for run in inline {
        if run.code {
            out.push_str(&format!("`{}`", run.text.replace('`', "'")));
            continue;
        }
        // Spaces stay outside the markers: `** x**` would not be bold.
        let core = run.text.trim();
        if core.is_empty() {
            out.push_str(&run.text.replace('\n', "  \n"));
            continue;
        }
        let lead = &run.text[..run.text.len() - run.text.trim_start().len()];
        let tail = &run.text[run.text.trim_end().len()..];
        let marker = match (run.bold, run.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        out.push_str(lead);
        out.push_str(marker);
        out.push_str(&escape(core).replace('\n', "  \n"));
        out.push_str(marker);
        out.push_str(tail);
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A paragraph or list item whose text would open another block — a
/// heading, a quote, a list (`- `, `+ `, `1. `, `1) `) — has that mark
/// escaped.
fn guard_line(line: &str) -> String {
    if line.starts_with(['#', '>', '-', '+']) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    match line[digits..].chars().next() {
        Some('.' | ')') if digits > 0 => format!("{}\\{}", &line[..digits], &line[digits..]),
        _ => line.to_string(),
    }
}

/// The text of a line of runs, styles dropped.
pub(crate) fn plain_text(inline: &Inline) -> String {
    inline.iter().map(|r| r.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_written_from_blocks_reads_back_as_the_same_blocks() {
        let body = "# 1. Mục đích\n\nQuy định **cách** tiếp nhận *hồ sơ* (mã 1.001193) — a * b_c [x].\n\n![Sơ đồ [quy trình]](<QT-07-hinh/so do (1).png>)\n\n![](QT-07-hinh/image2.png)\n\n## 5.2. Thành phần\n\n1. Tờ khai\n2. Giấy chứng sinh\n\n- Một\n- Hai\n  - Hai chấm một\n\n| Bước | Nội dung | Thời gian |\n|---|---|---|\n| B1 | Tiếp nhận \\| kiểm tra | 0,5 ngày |\n\n> Ghi chú\n";
        let first = blocks(body);
        let again = blocks(&to_markdown(&first));
        assert_eq!(again, first, "{}", to_markdown(&first));
    }

    #[test]
    fn a_paragraph_that_looks_like_a_list_stays_a_paragraph() {
        for text in ["0. ", "1) x", "- x", "+ x", "# x", "> x"] {
            let paragraph = vec![Block::Paragraph(vec![Run {
                text: text.trim().to_string(),
                ..Run::default()
            }])];
            assert_eq!(blocks(&to_markdown(&paragraph)), paragraph, "{text:?}");
        }
    }

    proptest::proptest! {
        // Failures are shrunk and shown; the cases worth keeping become
        // tests like the one above, not a file beside the sources.
        #![proptest_config(proptest::prelude::ProptestConfig { failure_persistence: None, ..Default::default() })]
        #[test]
        fn any_text_survives_a_paragraph_round_trip(text in "[a-zA-Zàáạảãâầấậẩẫăđêếệôơưữ0-9 .,;:*_#>|()\\[\\]-]{1,40}") {
            let paragraph = vec![Block::Paragraph(vec![Run { text: text.trim().to_string(), ..Run::default() }])];
            proptest::prop_assume!(!text.trim().is_empty());
            let again = blocks(&to_markdown(&paragraph));
            let plain_again: String = again.iter().map(|b| match b {
                Block::Paragraph(runs) => plain_text(runs),
                other => format!("{other:?}"),
            }).collect();
            proptest::prop_assert_eq!(plain_again.split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_picture_alone_is_a_block_and_within_text_its_words() {
        let read = blocks("![Sơ đồ](QT-07-hinh/image1.png)\n\nXem ![hình 2](x.png) dưới đây.\n");
        assert_eq!(
            read[0],
            Block::Image {
                src: "QT-07-hinh/image1.png".into(),
                alt: "Sơ đồ".into()
            }
        );
        let Block::Paragraph(runs) = &read[1] else { panic!("{read:?}") };
        assert_eq!(plain_text(runs), "Xem hình 2 dưới đây.");
    }

    #[test]
    fn headings_paragraphs_styles_lists_and_tables() {
        let body = "# 1. Mục đích\n\nQuy định **cách** tiếp nhận *hồ sơ*.\n\n- Một\n- Hai\n  1. Hai chấm một\n\n| Bước | Nội dung |\n|---|---|\n| B1 | Tiếp nhận |\n";
        let blocks = blocks(body);
        assert_eq!(
            blocks[0],
            Block::Heading(
                1,
                vec![Run {
                    text: "1. Mục đích".into(),
                    ..Run::default()
                }]
            )
        );
        let Block::Paragraph(runs) = &blocks[1] else { panic!("{blocks:?}") };
        assert_eq!(plain_text(runs), "Quy định cách tiếp nhận hồ sơ.");
        assert!(runs.iter().any(|r| r.bold && r.text == "cách") && runs.iter().any(|r| r.italic && r.text == "hồ sơ"));
        let Block::List { ordered: false, items, .. } = &blocks[2] else {
            panic!("{blocks:?}")
        };
        let flat: Vec<(usize, String)> = items.iter().map(|i| (i.depth, plain_text(&i.text))).collect();
        assert_eq!(flat, [(0, "Một".into()), (0, "Hai".into()), (1, "Hai chấm một".into())]);
        let Block::Table(rows) = &blocks[3] else { panic!("{blocks:?}") };
        let cells: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(plain_text).collect()).collect();
        assert_eq!(cells, [["Bước", "Nội dung"], ["B1", "Tiếp nhận"]]);
    }
}
