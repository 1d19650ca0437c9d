//! Document bodies as safe HTML.
//!
//! Markdown is rendered with pulldown-cmark; references to other documents by
//! id become links; headings get ids; then the whole HTML goes through
//! ammonia, so that raw HTML in a document is data, never markup that runs:
//! only http, https, mailto and relative links survive.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::text::escape_markup;

/// What rendering a body found and made.
#[derive(Debug, Default)]
pub(crate) struct RenderedBody {
    pub html: String,
    /// Ids referred to in the text (by token or by a link to their file),
    /// with the 1-based line within the body.
    pub references: Vec<(String, usize)>,
}

/// How to link: whether a token is a document id, the page of a document
/// id, and the id of the document at a repository path (for Markdown links
/// to `.md` files). Questions, not tables, so that a caller can note what a
/// body asked (the handbook reuses a body while the answers stay the same).
pub(crate) struct Linker<'a> {
    pub is_known: &'a dyn Fn(&str) -> bool,
    pub page_of: &'a dyn Fn(&str) -> Option<String>,
    pub id_at_path: &'a dyn Fn(&str) -> Option<String>,
    /// Where the site keeps a picture the body shows by a relative source.
    pub picture_at: &'a dyn Fn(&str) -> Option<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Characters an id may contain.
fn is_id_char(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_')
}

/// Splits text into plain runs and known ids.
fn split_ids<'t>(text: &'t str, is_known: &dyn Fn(&str) -> bool) -> Vec<(bool, &'t str)> {
    let mut parts = Vec::new();
    let mut last = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_id_char(c) || (start > 0 && text[..start].chars().next_back().is_some_and(is_id_char)) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, next)) = chars.peek() {
            if !is_id_char(next) {
                break;
            }
            end = i + next.len_utf8();
            chars.next();
        }
        let token = text[start..end].trim_end_matches(['.', '-', '_']);
        if !token.is_empty() && is_known(token) {
            if start > last {
                parts.push((false, &text[last..start]));
            }
            parts.push((true, token));
            last = start + token.len();
        }
    }
    if last < text.len() {
        parts.push((false, &text[last..]));
    }
    parts
}

/// A heading anchor: folded text, ASCII, unique within the page.
fn anchor(text: &str, used: &mut HashSet<String>) -> String {
    let base = crate::text::slug(text, 60);
    let base = if base.is_empty() { "muc".to_string() } else { base };
    let mut candidate = base.clone();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    candidate
}

/// Markdown written by qms itself (a report), as HTML, with no links to
/// resolve.
pub(crate) fn report_html(markdown: &str) -> String {
    let linker = Linker {
        is_known: &|_| false,
        page_of: &|_| None,
        id_at_path: &|_| None,
        picture_at: &|_| None,
    };
    render_body(markdown, &linker).html
}

/// Text for HTML element content.
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

pub(crate) fn render_body(markdown: &str, linker: &Linker<'_>) -> RenderedBody {
    if super::markdown::too_deep(markdown).is_some() {
        // Shown as written: `qms check` reports it (input/too-deep).
        return RenderedBody {
            html: format!("<pre>{}</pre>\n", escape_text(markdown)),
            references: Vec::new(),
        };
    }
    let line_starts: Vec<usize> = std::iter::once(0).chain(markdown.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);
    let mut references = Vec::new();
    let mut used_anchors = HashSet::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut in_code = 0usize;
    let mut in_link = 0usize;
    let mut heading: Option<(HeadingLevel, usize, String)> = None;

    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code += 1;
                events.push(event);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = in_code.saturating_sub(1);
                events.push(event);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, events.len(), String::new()));
                events.push(Event::Text(CowStr::Borrowed(""))); // replaced at the end tag
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((_, index, text)) = heading.take() {
                    let id = anchor(&text, &mut used_anchors);
                    events[index] = Event::Html(format!("<{level} id=\"{id}\">").into());
                }
                events.push(Event::Html(format!("</{level}>\n").into()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                in_link += 1;
                // A link to another document's Markdown file goes to its page.
                let target = dest_url.split('#').next().unwrap_or_default();
                let dest = match (target.ends_with(".md"), (linker.id_at_path)(target)) {
                    (true, Some(doc_id)) => {
                        references.push((doc_id.clone(), line_of(range.start)));
                        (linker.page_of)(&doc_id).map(CowStr::from).unwrap_or(dest_url)
                    }
                    _ => dest_url,
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = (linker.picture_at)(&dest_url).map(CowStr::from).unwrap_or(dest_url);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                events.push(event);
            }
            Event::Text(text) => {
                if let Some((_, _, heading_text)) = heading.as_mut() {
                    heading_text.push_str(&text);
                }
                if in_code > 0 || in_link > 0 {
                    events.push(Event::Text(text));
                    continue;
                }
                let line = line_of(range.start);
                for (is_id, part) in split_ids(&text, linker.is_known) {
                    if is_id {
                        references.push((part.to_string(), line));
                        match (linker.page_of)(part) {
                            Some(url) => events.push(Event::Html(
                                format!("<a class=\"ref\" href=\"{}\">{}</a>", escape_markup(&url), escape_markup(part)).into(),
                            )),
                            None => events.push(Event::Text(part.to_string().into())),
                        }
                    } else {
                        events.push(Event::Text(part.to_string().into()));
                    }
                }
            }
            Event::Code(code) => {
                if let Some((_, _, heading_text)) = heading.as_mut() {
                    heading_text.push_str(&code);
                }
                events.push(Event::Code(code));
            }
            other => events.push(other),
        }
    }
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    RenderedBody {
        html: sanitize(&raw),
        references,
    }
}

/// Cleans HTML: no scripts, no event handlers, no styles, only http, https,
/// mailto and relative URLs.
pub(crate) fn sanitize(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attributes("a", &["class"])
        .add_tag_attributes("td", &["style"])
        .add_tag_attributes("th", &["style"])
        .add_tag_attribute_values("td", "style", &["text-align: left", "text-align: center", "text-align: right"])
        .add_tag_attribute_values("th", "style", &["text-align: left", "text-align: center", "text-align: right"])
        .add_generic_attributes(&["id"])
        .rm_tag_attributes("a", &["target"])
        // The handbook works offline: no image is fetched from elsewhere.
        .attribute_filter(|element, attribute, value| {
            let remote = value.contains("//") || value.contains(':');
            if element == "img" && (attribute == "src" || attribute == "srcset") && remote {
                None
            } else {
                Some(value.into())
            }
        });
    builder.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(markdown: &str) -> RenderedBody {
        let known: HashSet<String> = ["QT-07", "BM-07-01", "QT-1"].iter().map(|s| s.to_string()).collect();
        let is_known = |token: &str| known.contains(token);
        let page_of = |id: &str| Some(format!("{id}.html"));
        let id_at_path = |path: &str| path.ends_with("BM-07-01.md").then(|| "BM-07-01".to_string());
        let picture_at = |src: &str| (src == "QT-07-hinh/image1.png").then(|| "hinh/0a1b.png".to_string());
        render_body(
            markdown,
            &Linker {
                is_known: &is_known,
                page_of: &page_of,
                id_at_path: &id_at_path,
                picture_at: &picture_at,
            },
        )
    }

    #[test]
    fn ids_in_text_become_links_and_are_recorded() {
        let body = render("Theo QT-07 và biểu mẫu BM-07-01.\n\n`QT-07` trong mã thì không.\n\nQT-070 cũng không.\n");
        assert!(
            body.html.contains("href=\"QT-07.html\" rel=\"noopener noreferrer\">QT-07</a>"),
            "{}",
            body.html
        );
        assert!(
            body.html
                .contains("href=\"BM-07-01.html\" rel=\"noopener noreferrer\">BM-07-01</a>."),
            "{}",
            body.html
        );
        assert!(body.html.contains("<code>QT-07</code>"));
        assert_eq!(body.references, [("QT-07".to_string(), 1), ("BM-07-01".to_string(), 1)]);
    }

    #[test]
    fn markdown_links_to_documents_go_to_their_pages() {
        let body = render("[mẫu](../bieu-mau/BM-07-01.md)\n");
        assert!(body.html.contains("href=\"BM-07-01.html\""), "{}", body.html);
        assert_eq!(body.references, [("BM-07-01".to_string(), 1)]);
    }

    #[test]
    fn headings_get_unique_ids() {
        let body = render("# Mục đích\n\n## Mục đích\n\n## 5. Nội dung quy trình\n");
        assert!(body.html.contains("<h1 id=\"muc-dich\">Mục đích</h1>"), "{}", body.html);
        assert!(body.html.contains("<h2 id=\"muc-dich-2\">"));
        assert!(
            body.html.contains("<h2 id=\"5-noi-dung-quy-trinh\">5. Nội dung quy trình</h2>"),
            "{}",
            body.html
        );
    }

    #[test]
    fn raw_html_and_dangerous_links_are_neutralised() {
        let body = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [y](data:text/html,<script>alert(1)</script>) [z](https://a.gov.vn) [m](mailto:a@b.vn)\n\n<a href=\"javascript:alert(1)\" onclick=\"alert(1)\">c</a><svg onload=alert(1)></svg><iframe src=https://evil></iframe><style>body{}</style>",
        );
        let html = body.html.to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "data:",
            "onclick",
            "<svg",
            "<iframe",
            "<style",
            "onload",
        ] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
        assert!(html.contains("href=\"https://a.gov.vn\""));
        let kept = render("![Sơ đồ](QT-07-hinh/image1.png)").html;
        assert!(kept.contains("src=\"hinh/0a1b.png\""), "{kept}");
        let images = render("![a](https://tracker.example/x.png) ![b](anh/so-do.png)").html;
        assert!(
            !images.contains("tracker.example") && images.contains("src=\"anh/so-do.png\""),
            "{images}"
        );
        assert!(html.contains("href=\"mailto:a@b.vn\""));
    }

    #[test]
    fn tables_keep_their_alignment() {
        let body = render("| a | b |\n|:-:|--:|\n| 1 | 2 |\n");
        assert!(body.html.contains("<td style=\"text-align: center\">1</td>"), "{}", body.html);
    }
}
