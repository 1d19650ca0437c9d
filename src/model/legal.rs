//! The register of legal texts (`catalog/legal.yaml`): the laws, decrees,
//! circulars and decisions the documents cite, with whether each is still
//! in force and what replaced it; and the citations a document's text
//! makes, found by the Vietnamese numbering of legal texts
//! (`số 61/2018/NĐ-CP`, `19/2014/QĐ-TTg`, `Luật số 59/2020/QH14`) and,
//! for laws, by name and year (`Luật Hộ tịch năm 2014`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::load_yaml_file;
use crate::finding::Finding;

pub(crate) const LEGAL_FILE: &str = "catalog/legal.yaml";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LegalRegister {
    #[serde(default)]
    pub texts: Vec<LegalText>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LegalText {
    /// Number and symbol as the text bears them: `118/2025/NĐ-CP`.
    pub number: String,
    /// Luật, Nghị định, Thông tư, Quyết định…
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub issuer: String,
    /// Date of issue, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
    pub status: LegalStatus,
    /// The text that replaced it, by number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// Where the agency keeps its copy (the form's `Nơi lưu`): `Văn phòng`,
    /// `Cơ sở dữ liệu quốc gia về văn bản pháp luật`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum LegalStatus {
    InForce,
    /// In force, with amendments: cite it with them.
    Amended,
    Replaced,
}

impl LegalText {
    /// As the form's `Tình trạng hiệu lực` column says it: `Còn hiệu lực`,
    /// `Đã bị thay thế bởi 118/2025/NĐ-CP`.
    pub(crate) fn status_text(&self, lang: crate::model::config::Language) -> String {
        use crate::i18n;
        match (self.status, &self.replaced_by) {
            (LegalStatus::InForce, _) => i18n::label(lang, "label-legal-in-force").to_string(),
            (LegalStatus::Amended, _) => i18n::label(lang, "label-legal-amended").to_string(),
            (LegalStatus::Replaced, Some(by)) => crate::msg!("form-legal-replaced-by", by = by).text(lang),
            (LegalStatus::Replaced, None) => i18n::label(lang, "label-legal-replaced").to_string(),
        }
    }
}

impl LegalRegister {
    pub(crate) fn parse(path: &Path, text: &str) -> Result<LegalRegister, Finding> {
        load_yaml_file(path, text)
    }

    /// The texts by number, however a symbol is spelled (`NĐ-CP`, `ND-CP`,
    /// `nđ-cp`), and each law (`type: Luật`, with its date) also by the
    /// name it is cited by (`Luật Hộ tịch năm 2014`).
    pub(crate) fn index(&self) -> LegalIndex<'_> {
        let by_number = self.texts.iter().map(|t| (citation_key(&t.number), t));
        let by_name = self.texts.iter().filter_map(|t| {
            let year = t.date.as_deref()?.get(..4)?;
            (crate::text::fold(&t.kind) == "luat").then(|| (citation_key(&law_by_name(&t.title, year)), t))
        });
        LegalIndex(by_number.chain(by_name).collect())
    }
}

/// [`LegalRegister::get`] for a whole repository's citations.
pub(crate) struct LegalIndex<'a>(std::collections::HashMap<String, &'a LegalText>);

impl<'a> LegalIndex<'a> {
    pub(crate) fn get(&self, number: &str) -> Option<&'a LegalText> {
        self.0.get(&citation_key(number)).copied()
    }
}

/// One line of the list of external documents (form BM-01-02): a text of
/// the register and the documents that cite it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ExternalDocument<'a> {
    #[serde(flatten)]
    pub text: &'a LegalText,
    pub cited_by: Vec<String>,
}

/// The register as the list of external documents, in the register's
/// order, each text with the ids of the documents citing it (`documents`
/// gives each document's id and body).
pub(crate) fn external_documents<'a, 'd>(
    register: &'a LegalRegister,
    documents: impl IntoIterator<Item = (&'d str, &'d str)>,
) -> Vec<ExternalDocument<'a>> {
    let index = register.index();
    let mut cited_by: std::collections::HashMap<&str, Vec<String>> = std::collections::HashMap::new();
    for (id, body) in documents {
        for citation in citations(body) {
            if let Some(text) = index.get(&citation.number) {
                let ids = cited_by.entry(text.number.as_str()).or_default();
                if !ids.iter().any(|known| known == id) {
                    ids.push(id.to_string());
                }
            }
        }
    }
    register
        .texts
        .iter()
        .map(|text| ExternalDocument {
            text,
            cited_by: cited_by.remove(text.number.as_str()).unwrap_or_default(),
        })
        .collect()
}

/// A citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Citation {
    pub number: String,
    /// 0-based line of the text it was found on.
    pub line: usize,
}

/// How a law is cited by name: `Luật Hộ tịch năm 2014`.
fn law_by_name(name: &str, year: &str) -> String {
    format!("Luật {} năm {year}", name.trim())
}

/// The legal texts `text` cites, in order: by number and symbol — digits,
/// a slash, a four-digit year, a slash, then a symbol that starts with a
/// capital letter and joins its parts with `-` (`NĐ-CP`, `QĐ-TTg`,
/// `TT-BKHCN`, `QH14`); dates (`09/6/2025`) and plain fractions do not
/// match — and laws by name and year (`Luật Hộ tịch năm 2014`).
pub(crate) fn citations(text: &str) -> Vec<Citation> {
    let mut found = Vec::new();
    for (line_number, line) in text.lines().enumerate() {
        // Most lines cite nothing: look closer only where a slash or `Luật` is.
        if memchr::memchr(b'/', line.as_bytes()).is_some() {
            numbered_in(line, line_number, &mut found);
        }
        if line.contains(LAW) {
            laws_by_name_in(line, line_number, &mut found);
        }
    }
    found
}

const LAW: &str = "Luật ";

/// `Luật <Name> năm <yyyy>`: `Luật` as a word, a name that starts with a
/// capital letter and holds no sentence punctuation (a comma is part of
/// `Khoa học, công nghệ và đổi mới sáng tạo`), at most 12 words, then
/// `năm` and a four-digit year. `Luật số 59/2020/QH14` is a numbered
/// citation; `thi hành Luật Hộ tịch` (no year) names no one text.
fn laws_by_name_in(line: &str, line_number: usize, found: &mut Vec<Citation>) {
    const YEAR: &str = " năm ";
    for (at, _) in line.match_indices(LAW) {
        if line[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let rest = &line[at + LAW.len()..];
        if !rest.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let Some(year_at) = rest.find(YEAR) else { continue };
        let name = &rest[..year_at];
        let year: String = rest[year_at + YEAR.len()..].chars().take_while(char::is_ascii_digit).collect();
        let clean = !name.contains(['.', ';', ':', '(', ')', '/', '[', ']', '|']) && name.split_whitespace().count() <= 12;
        if clean && year.len() == 4 {
            found.push(Citation {
                number: law_by_name(name, &year),
                line: line_number,
            });
        }
    }
}

/// The numbered citations of one line (`61/2018/NĐ-CP`).
fn numbered_in(line: &str, line_number: usize, found: &mut Vec<Citation>) {
    let bytes = line.as_bytes();
    let digits_from = |at: usize| bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut i = 0;
    while i < bytes.len() {
        // A number starts after a byte that is not a letter, digit or slash.
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'/' || bytes[i - 1] >= 0x80);
        if !bytes[i].is_ascii_digit() || !boundary {
            i += 1;
            continue;
        }
        let number = digits_from(i);
        let slash = i + number;
        let year = if bytes.get(slash) == Some(&b'/') {
            digits_from(slash + 1)
        } else {
            0
        };
        let symbol = slash + 1 + year + 1;
        let ok = year == 4
            && bytes.get(slash + 1 + year) == Some(&b'/')
            && line
                .get(symbol..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_uppercase);
        if !ok {
            i += number.max(1);
            continue;
        }
        let mut end = symbol;
        let mut chars = line[symbol..].char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let joins = c == '-' && chars.peek().is_some_and(|(_, next)| next.is_alphanumeric());
            if !(c.is_alphanumeric() || joins) {
                break;
            }
            end = symbol + at + c.len_utf8();
        }
        found.push(Citation {
            number: line[i..end].to_string(),
            line: line_number,
        });
        i = end;
    }
}

/// `118/2025/NĐ-CP` and `118/2025/ND-CP` are the same text.
fn citation_key(number: &str) -> String {
    crate::text::fold(number).replace(' ', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<String> {
        citations(text).into_iter().map(|c| c.number).collect()
    }

    #[test]
    fn citations_are_found_in_real_sentences() {
        assert_eq!(
            numbers("- Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa."),
            ["61/2018/NĐ-CP"]
        );
        assert_eq!(
            numbers("Quyết định số 19/2014/QĐ-TTg và Thông tư 26/2014/TT-BKHCN; Luật số 59/2020/QH14."),
            ["19/2014/QĐ-TTg", "26/2014/TT-BKHCN", "59/2020/QH14"]
        );
        assert_eq!(numbers("Decree 118/2025/ND-CP of 9 June 2025"), ["118/2025/ND-CP"]);
    }

    #[test]
    fn laws_are_found_by_name_and_year() {
        assert_eq!(
            numbers("- Luật Hộ tịch năm 2014; Luật Xây dựng năm 2014 (sửa đổi 2020)."),
            ["Luật Hộ tịch năm 2014", "Luật Xây dựng năm 2014"]
        );
        assert_eq!(
            numbers("Căn cứ Luật Khoa học, công nghệ và đổi mới sáng tạo năm 2025 và Nghị định số 118/2025/NĐ-CP"),
            ["118/2025/NĐ-CP", "Luật Khoa học, công nghệ và đổi mới sáng tạo năm 2025"]
        );
        // Near misses: no year, a lower-case word, a sentence between, a number.
        assert!(numbers("biện pháp thi hành Luật Hộ tịch. Theo luật năm 2014, Pháp Luật Hộ tịch năm 20, Luật số 59 năm 2020").is_empty());
        assert!(numbers("thi hành Luật Hộ tịch về đăng ký. Năm 2014 bắt đầu").is_empty());
    }

    #[test]
    fn a_law_in_the_register_is_known_by_its_name() {
        let register = LegalRegister::parse(
            Path::new(LEGAL_FILE),
            "texts:\n  - {number: 60/2014/QH13, type: Luật, title: Hộ tịch, issuer: Quốc hội, date: 2014-11-20, status: in-force}\n",
        )
        .unwrap();
        let index = register.index();
        assert_eq!(index.get("Luật Hộ tịch năm 2014").map(|t| t.number.as_str()), Some("60/2014/QH13"));
        assert_eq!(index.get("60/2014/QH13").map(|t| t.number.as_str()), Some("60/2014/QH13"));
        assert!(index.get("Luật Hộ tịch năm 2015").is_none());
    }

    #[test]
    fn near_misses_are_not_citations() {
        assert!(numbers("ngày 09/6/2025, tỷ lệ 3/4, năm 2025/2026, mã 1.009994, 12/2025/ghi chú").is_empty());
        assert!(numbers("a61/2018/NĐ-CP").is_empty());
    }

    #[test]
    fn the_external_documents_list_names_who_cites_each_text() {
        let register = LegalRegister::parse(
            Path::new(LEGAL_FILE),
            "texts:\n  - {number: 118/2025/NĐ-CP, type: Nghị định, title: về một cửa, issuer: Chính phủ, status: in-force}\n  - {number: 61/2018/NĐ-CP, type: Nghị định, title: cũ, issuer: Chính phủ, status: replaced, replaced_by: 118/2025/NĐ-CP}\n",
        )
        .unwrap();
        let list = external_documents(
            &register,
            [
                ("QT-07", "Căn cứ Nghị định số 118/2025/ND-CP và số 118/2025/NĐ-CP"),
                ("QT-08", "Nghị định 118/2025/NĐ-CP"),
            ],
        );
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].cited_by, ["QT-07", "QT-08"], "each document once, however spelled");
        assert!(list[1].cited_by.is_empty());
    }

    #[test]
    fn spellings_of_a_symbol_name_one_text() {
        let register = LegalRegister::parse(
            Path::new(LEGAL_FILE),
            "texts:\n  - number: 61/2018/NĐ-CP\n    type: Nghị định\n    title: về cơ chế một cửa\n    issuer: Chính phủ\n    date: 2018-04-23\n    status: replaced\n    replaced_by: 118/2025/NĐ-CP\n",
        )
        .unwrap();
        let index = register.index();
        assert_eq!(index.get("61/2018/ND-CP").unwrap().replaced_by.as_deref(), Some("118/2025/NĐ-CP"));
        assert!(index.get("62/2018/NĐ-CP").is_none());
    }
}
