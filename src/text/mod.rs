//! Text handling for Vietnamese content: normalisation, diacritics folding,
//! collation, natural ordering of ids and file-name slugs.
//!
//! Everything here is pure and allocation-light so that search and listing can
//! call it for every document.

mod value_hash;

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// NFC form of `s`; borrowed when it already is NFC (the common case).
pub(crate) fn to_nfc(s: &str) -> std::borrow::Cow<'_, str> {
    if is_nfc(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

pub(crate) fn is_nfc(s: &str) -> bool {
    // ASCII is always NFC; the quick check settles nearly all other text.
    s.is_ascii()
        || match unicode_normalization::is_nfc_quick(s.chars()) {
            unicode_normalization::IsNormalized::Yes => true,
            unicode_normalization::IsNormalized::No => false,
            unicode_normalization::IsNormalized::Maybe => unicode_normalization::is_nfc(s),
        }
}

/// Folds one character to its search key: lower case, no diacritics, `đ` → `d`.
/// Returns `None` for characters that vanish (combining marks).
fn fold_char(c: char, out: &mut String) {
    match c {
        'đ' | 'Đ' => out.push('d'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => unicode_normalization::char::decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

/// Case- and diacritics-insensitive key: `Đăng ký khai sinh` → `dang ky khai sinh`.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Folds `s` and returns, for every byte of the folded string, the byte offset
/// of the original character it came from. Search uses this to show a hit in
/// the user's own spelling.
pub(crate) fn fold_with_map(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (offset, c) in s.char_indices() {
        let before = out.len();
        fold_char(c, &mut out);
        map.extend(std::iter::repeat_n(offset, out.len() - before));
    }
    (out, map)
}

/// A file-name slug from a title: folded, ASCII letters and digits, words
/// joined by `-`, at most `max_len` bytes, cut at a word boundary.
pub(crate) fn slug(title: &str, max_len: usize) -> String {
    let folded = fold(title);
    let mut slug = String::new();
    for word in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let extra = word.len() + usize::from(!slug.is_empty());
        if slug.len() + extra > max_len {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug
}

/// Compares ids so that numbers inside them sort by value: QT-2 < QT-10,
/// BM-07-02 < BM-07-10.
pub(crate) fn natural_cmp(a: &str, b: &str) -> Ordering {
    let mut a_parts = Chunks(a);
    let mut b_parts = Chunks(b);
    loop {
        match (a_parts.next(), b_parts.next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = match (x.parse::<u128>(), y.parse::<u128>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n).then(x.len().cmp(&y.len())),
                    _ => x.cmp(y),
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

/// Splits a string into alternating runs of ASCII digits and non-digits.
struct Chunks<'a>(&'a str);

impl<'a> Iterator for Chunks<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let first = self.0.chars().next()?;
        let digits = first.is_ascii_digit();
        let end = self.0.find(|c: char| c.is_ascii_digit() != digits).unwrap_or(self.0.len());
        let (chunk, rest) = self.0.split_at(end);
        self.0 = rest;
        Some(chunk)
    }
}

/// The Vietnamese alphabet in dictionary order. Letters with a breve,
/// circumflex or horn, and `đ`, are letters of their own (ă after a, đ after d);
/// tone marks only break ties.
const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// Tone marks in the order Vietnamese dictionaries use: none, grave, hook,
/// tilde, acute, dot below.
fn tone_rank(mark: char) -> Option<u8> {
    match mark {
        '\u{0300}' => Some(1),
        '\u{0309}' => Some(2),
        '\u{0303}' => Some(3),
        '\u{0301}' => Some(4),
        '\u{0323}' => Some(5),
        _ => None,
    }
}

/// A sort key that orders Vietnamese text as a dictionary does:
/// letters first (ă after a, đ after d), then tones, then case.
pub(crate) fn collation_key(s: &str) -> Vec<u32> {
    let mut letters = Vec::with_capacity(s.len());
    let mut tones = Vec::new();
    let mut cases = Vec::new();
    for c in s.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        let mut base = String::new();
        let mut tone = 0u8;
        for d in std::iter::once(lower).nfd() {
            match tone_rank(d) {
                Some(rank) => tone = rank,
                None => base.push(d),
            }
        }
        let base: String = base.nfc().collect();
        let mut base_chars = base.chars();
        let weight = match (base_chars.next(), base_chars.next()) {
            (Some(b), None) => ALPHABET
                .chars()
                .position(|a| a == b)
                .map(|p| p as u32 + 1)
                .unwrap_or(0x1000 + b as u32),
            _ => 0x1000 + lower as u32,
        };
        letters.push(weight);
        tones.push(u32::from(tone));
        cases.push(u32::from(c != lower));
    }
    letters.push(0);
    letters.extend(tones);
    letters.push(0);
    letters.extend(cases);
    letters
}

/// Characters that change how text is displayed without being visible: bidi
/// controls (the "Trojan Source" family) and zero-width characters. An id or
/// name holding one can look like another.
pub(crate) fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{FEFF}' // zero-width no-break space
        | '\u{061C}' // Arabic letter mark
    )
}

/// Byte offset (within `s`) of the first invisible control character.
pub(crate) fn find_invisible_control(s: &str) -> Option<(usize, char)> {
    // Every such character is encoded from a lead byte 0xD8 (U+061C), 0xE2
    // (U+2000 block) or 0xEF (U+FEFF); most text has none, so look for those
    // bytes before decoding anything.
    s.bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, 0xD8 | 0xE2 | 0xEF))
        .filter_map(|(i, _)| s[i..].chars().next().map(|c| (i, c)))
        .find(|&(_, c)| is_invisible_control(c))
}

/// Text as one cell of a Markdown table: a `|` would end the cell and a
/// line break the row.
pub(crate) fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace("\r\n", "<br>").replace('\n', "<br>")
}

/// A Markdown table; every cell goes through [`markdown_cell`].
pub(crate) fn markdown_table(headers: &[impl AsRef<str>], rows: &[Vec<String>]) -> String {
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = line(headers.iter().map(|h| markdown_cell(h.as_ref())).collect());
    out.push_str(&line(headers.iter().map(|_| "---".to_string()).collect()));
    for row in rows {
        out.push_str(&line(row.iter().map(|c| markdown_cell(c)).collect()));
    }
    out
}

/// Escapes text for HTML and XML (content and quoted attributes). Control
/// characters that XML 1.0 forbids even as references become U+FFFD.
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Resolves `.` and `..` without touching the file system; `None` when the
/// path climbs above the repository root.
pub(crate) fn normalise_relative(path: &std::path::Path) -> Option<std::path::PathBuf> {
    let mut out = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            std::path::Component::Normal(part) => out.push(part),
            std::path::Component::RootDir | std::path::Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// Decodes `%XX` escapes in a URL path (`a%20b.md` → `a b.md`).
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(value) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(value);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A name put inside a sentence: its first letter in lower case, unless
/// the first word is an acronym (`GCN`, `QSDĐ`); every other letter as
/// written, so "Cấp GCN QSDĐ cho hộ gia đình, cá nhân của Nhà nước" keeps
/// its acronyms and proper nouns.
pub(crate) fn lower_first(name: &str) -> String {
    let first_word = name.split_whitespace().next().unwrap_or_default();
    let letters: Vec<char> = first_word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return name.to_string();
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A 64-bit hash of a value's `Serialize` form (see `value_hash`), with
/// no copy of it made. Stable for one build of qms, which is all an
/// incremental build's manifest needs: it records the version that wrote it.
pub(crate) fn hash_of(value: &impl serde::Serialize) -> u64 {
    let mut hasher = value_hash::ValueHasher::new();
    // A value whose own `Serialize` fails hashes as far as it got, and
    // differs from any that does not.
    let _ = value.serialize(&mut hasher);
    hasher.finish()
}

/// A 64-bit hash of bytes, as [`hash_of`].
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    std::hash::Hasher::write(&mut hasher, bytes);
    std::hash::Hasher::finish(&hasher)
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_hash_apart_where_they_differ_and_alike_where_they_do_not() {
        use super::hash_of;
        // Boundaries between strings, nesting, options and variants count.
        assert_ne!(hash_of(&("ab", "c")), hash_of(&("a", "bc")));
        assert_ne!(hash_of(&vec![vec![1], vec![]]), hash_of(&vec![vec![], vec![1]]));
        assert_ne!(hash_of(&Some(0u32)), hash_of(&0u32));
        assert_ne!(hash_of(&None::<u32>), hash_of(&Some(0u32)));
        assert_ne!(hash_of(&Ok::<u32, u32>(1)), hash_of(&Err::<u32, u32>(1)));
        assert_ne!(hash_of(&1.0f64), hash_of(&-1.0f64));
        // Long values go to the hasher in chunks: the same value, the same hash.
        let long: Vec<String> = (0..5000).map(|i| format!("Quy trình số {i}")).collect();
        let mut other = long.clone();
        assert_eq!(hash_of(&long), hash_of(&other));
        other[4999].push('.');
        assert_ne!(hash_of(&long), hash_of(&other));
        let big = "x".repeat(20_000);
        assert_ne!(hash_of(&(&big, "a")), hash_of(&(&big, "b")));
        // A skipped field is not the field present.
        #[derive(serde::Serialize)]
        struct Page {
            #[serde(skip_serializing_if = "Option::is_none")]
            draft: Option<String>,
            id: &'static str,
        }
        assert_ne!(
            hash_of(&Page { draft: None, id: "QT-01" }),
            hash_of(&Page {
                draft: Some(String::new()),
                id: "QT-01"
            })
        );
    }

    #[test]
    fn a_name_in_a_sentence_keeps_its_acronyms() {
        use super::lower_first;
        assert_eq!(lower_first("Cấp GCN QSDĐ lần đầu"), "cấp GCN QSDĐ lần đầu");
        assert_eq!(lower_first("GCN QSDĐ cấp đổi"), "GCN QSDĐ cấp đổi");
        assert_eq!(lower_first("Đăng ký khai sinh"), "đăng ký khai sinh");
        assert_eq!(lower_first("Giao đất của Nhà nước"), "giao đất của Nhà nước");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn normalise_stays_inside() {
        use std::path::{Path, PathBuf};
        assert_eq!(
            super::normalise_relative(Path::new("documents/a/../b.md")),
            Some(PathBuf::from("documents/b.md"))
        );
        assert_eq!(super::normalise_relative(Path::new("documents/../../etc/passwd")), None);
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(super::percent_decode("a%20b.md"), "a b.md");
        assert_eq!(super::percent_decode("100%"), "100%");
    }

    use super::*;

    #[test]
    fn fold_removes_diacritics_and_case() {
        assert_eq!(fold("Đăng ký khai sinh"), "dang ky khai sinh");
        assert_eq!(fold("GIẤY PHÉP XÂY DỰNG"), "giay phep xay dung");
        assert_eq!(fold("Quy trình"), "quy trinh");
    }

    #[test]
    fn fold_treats_nfd_and_nfc_alike() {
        let nfd: String = "Ủy ban nhân dân".nfd().collect();
        assert_eq!(fold(&nfd), fold("Ủy ban nhân dân"));
    }

    #[test]
    fn fold_map_points_back_to_original_characters() {
        let text = "Cấp phép";
        let (folded, map) = fold_with_map(text);
        let at = folded.find("phep").unwrap();
        assert_eq!(&text[map[at]..], "phép");
    }

    #[test]
    fn slug_is_ascii_and_bounded() {
        assert_eq!(slug("Đăng ký khai sinh", 60), "dang-ky-khai-sinh");
        assert_eq!(slug("Quy trình: cấp giấy phép (xây dựng)", 60), "quy-trinh-cap-giay-phep-xay-dung");
        assert_eq!(slug("Quy trình cấp giấy phép", 12), "quy-trinh");
        assert_eq!(slug("!!!", 10), "");
    }

    #[test]
    fn natural_order_compares_numbers_by_value() {
        let mut ids = vec!["QT-10", "QT-2", "BM-07-10", "BM-07-02", "QT-01", "CSCL"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["BM-07-02", "BM-07-10", "CSCL", "QT-01", "QT-2", "QT-10"]);
    }

    #[test]
    fn vietnamese_collation_orders_letters_then_tones() {
        let mut words = vec!["đất", "dân", "ăn", "an", "ấm", "bà", "ba", "bá", "Ba"];
        words.sort_by_key(|w| collation_key(w));
        assert_eq!(words, ["an", "ăn", "ấm", "ba", "Ba", "bà", "bá", "dân", "đất"]);
    }

    #[test]
    fn invisible_controls_are_found_with_offsets() {
        assert_eq!(find_invisible_control("QT-07"), None);
        assert_eq!(find_invisible_control("QT\u{202E}-07"), Some((2, '\u{202E}')));
        assert_eq!(find_invisible_control("a\u{200B}b"), Some((1, '\u{200B}')));
    }
}
