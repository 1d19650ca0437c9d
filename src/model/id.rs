//! The one rule for ids of documents and records, used wherever an id is
//! read or given: front-matter, `qms new --id` and `--under`, workflow steps,
//! and the handbook's file names. An id is a file name and part of a URL, so
//! it can never hold a path separator, `..`, a control or bidi character or
//! a newline.

/// The longest id accepted (the file name adds a title after it).
pub(crate) const MAX_LEN: usize = 64;

/// What is wrong with `id`, in words; `None` when it is a valid id
/// (`^[A-Z0-9][A-Z0-9._-]*$`, at most [`MAX_LEN`] characters, no `..`).
pub(crate) fn problem(id: &str) -> Option<String> {
    let mut chars = id.chars();
    let Some(first) = chars.next() else {
        return Some("the id is empty".into());
    };
    if !(first.is_ascii_uppercase() || first.is_ascii_digit()) {
        return Some(format!(
            "the id `{}` must start with a capital letter or a digit",
            id.escape_debug()
        ));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')))
    {
        return Some(format!(
            "the id `{}` holds `{}`; use capital letters, digits, '.', '_' and '-' (e.g. QT-07)",
            id.escape_debug(),
            bad.escape_debug()
        ));
    }
    if id.contains("..") {
        return Some(format!("the id `{id}` holds `..`"));
    }
    if id.len() > MAX_LEN {
        return Some(format!("the id `{id}` is longer than {MAX_LEN} characters"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_names() {
        for good in ["QT-07", "BM-07-01", "1.2_A", "XXLD-2026-01"] {
            assert_eq!(problem(good), None, "{good}");
        }
        for bad in [
            "",
            "qt-07",
            "-QT",
            "QT 07",
            "../QT",
            "QT/07",
            "QT\\07",
            "QT..07",
            "QT\n07",
            "QT\u{202e}07",
            "Ｑ",
            "QT\u{0}",
        ] {
            assert!(problem(bad).is_some(), "{bad:?}");
        }
        assert!(problem(&"A".repeat(MAX_LEN + 1)).is_some());
    }
}
