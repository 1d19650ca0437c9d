//! The layout of an administrative document under Decree 30/2020/NĐ-CP
//! (công tác văn thư): the two-column heading with the issuing authority
//! and the national motto, the number and symbol, the place and date, the
//! recipients and the signature block. Worked out from `qms.yaml` so that
//! the handbook and the reports lay out a decision or a report the same way.
//!
//! What the decree fixes (Appendix I) and where it comes from here:
//! - the issuer's name in capitals, bold, under the name of its superior
//!   body in capitals (a department under its province's People's
//!   Committee); a People's Committee or a ministry has no superior line;
//! - `Số: 12/QĐ-UBND`: the registered number, the abbreviation of the kind
//!   of document and of the issuer (`organisation.symbol`);
//! - `Hòa Bình, ngày 05 tháng 02 năm 2027`: the place (`organisation.place`),
//!   a day below 10 and the months 1 and 2 written with a leading zero;
//! - the signature: the title of the signer, `KT.` before the head's title
//!   when a deputy signs, `TM.` before the collective body when the People's
//!   Committee as a whole issues the document.

use serde::Serialize;

use super::config::{Config, Level};
use super::signers::{Person, PersonStatus, SignerPolicy};
use crate::text::{fold, fold_with_map};

/// The heading, number, date, recipients and signature of one document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Layout {
    /// The superior body, in capitals; empty when the decree shows none.
    pub superior: String,
    pub issuer: String,
    /// `Số: 12/QĐ-UBND`, or `Số:      /QĐ-UBND` before the number is given.
    pub number_line: String,
    /// `Hòa Bình, ngày 05 tháng 02 năm 2027`, or with blanks before the date is given.
    pub date_line: String,
    /// The kind of document in capitals: `QUYẾT ĐỊNH`, `BÁO CÁO`.
    pub kind: String,
    /// What it is about (trích yếu): `Về việc công bố …` for a decision.
    pub subject: String,
    /// Who decides, above the legal bases of a decision: `CHỦ TỊCH ỦY BAN
    /// NHÂN DÂN XÃ HÒA BÌNH`; empty for other kinds.
    pub authority: String,
    pub recipients: Vec<String>,
    /// The lines above the signature: `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, `PHÓ CHỦ TỊCH`.
    pub signature_lines: Vec<String>,
    /// Who signs, by name; empty when nobody is known yet.
    pub signer: String,
}

/// Who issues: the head alone (a decision of the Chairperson) or the
/// People's Committee as a body (its reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Issuer {
    Head,
    Collective,
}

/// The official number and date a document was registered under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Registration {
    pub number: String,
    pub date: jiff::civil::Date,
}

/// What lays out one document.
pub(crate) struct Request<'a> {
    /// The kind of document as its type labels it (`Quyết định`).
    pub kind_label: &'a str,
    /// The document's title (`Quyết định công bố …`).
    pub title: &'a str,
    pub issuer: Issuer,
    pub registration: Option<&'a Registration>,
    /// The year shown while the date is blank.
    pub year: i16,
    pub signer: Option<&'a str>,
    /// Whether the signer is a deputy (Phó Chủ tịch, Phó Giám đốc, Thứ trưởng).
    pub deputy: bool,
    /// Recipients named by the document itself (`Như Điều 3`), before the configured ones.
    pub extra_recipients: &'a [String],
}

/// Whether output in `lang` is laid out as an administrative document.
/// Decree 30/2020 is the form of documents issued in Vietnamese, and
/// every part of this layout (motto, `Số:`, `ngày … tháng … năm`, `Nơi
/// nhận`, `TM.`/`KT.`) is that form's own wording; output in another
/// language is a reading copy, shown as any other document or report.
pub(crate) fn applies_in(lang: crate::model::config::Language) -> bool {
    lang == crate::model::config::Language::Vi
}

pub(crate) fn layout(config: &Config, request: &Request<'_>) -> Layout {
    let organisation = &config.organisation;
    let (kind, kind_symbol) = kind_of(request.kind_label);
    let symbol = organisation.symbol.clone().unwrap_or_else(|| default_symbol(config));
    let number = request.registration.map(|r| r.number.clone());
    let number_line = match number {
        Some(number) if number.contains('/') => format!("Số: {number}"),
        Some(number) => format!("Số: {number}/{kind_symbol}-{symbol}"),
        None => format!("Số:{}/{kind_symbol}-{symbol}", "\u{a0}".repeat(6)),
    };
    let place = organisation.place.clone().unwrap_or_else(|| default_place(config));
    let date_line = match request.registration {
        Some(r) => format!("{place}, {}", date_words(r.date)),
        None => {
            let blank = "\u{a0}".repeat(5);
            format!("{place}, ngày{blank}tháng{blank}năm {}", request.year)
        }
    };
    let mut recipients: Vec<String> = request.extra_recipients.to_vec();
    recipients.extend(match &organisation.recipients {
        Some(configured) => configured.clone(),
        None => default_recipients(config),
    });
    recipients.push("Lưu: VT".to_string());
    Layout {
        superior: superior_line(config),
        issuer: upper(&organisation.name),
        number_line,
        date_line,
        subject: subject_of(&kind, request.title),
        authority: match kind.as_str() {
            "Quyết định" => format!("{} {}", head_title(config), upper(&organisation.name)),
            _ => String::new(),
        },
        kind: upper(&kind),
        recipients,
        signature_lines: signature_lines(config, request.issuer, request.deputy),
        signer: request.signer.unwrap_or_default().to_string(),
    }
}

/// The subject line: a title that opens with its kind (`Quyết định công bố
/// …`) drops it; a decision's subject reads `Về việc …`.
fn subject_of(kind: &str, title: &str) -> String {
    let (folded, map) = fold_with_map(title);
    let rest = match folded.strip_prefix(&fold(kind)) {
        Some(after) => title[map.get(folded.len() - after.len()).copied().unwrap_or(title.len())..].trim(),
        None => title.trim(),
    };
    let starts_with_ve = fold(rest).starts_with("ve ");
    match kind {
        "Quyết định" if !starts_with_ve && !rest.is_empty() => format!("Về việc {rest}"),
        _ => {
            let mut chars = rest.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
    }
}

/// The head of the agency: the first active person holding a role, not a
/// deputy's, that may approve the declaration of conformity.
pub(crate) fn head_of(policy: &SignerPolicy) -> Option<&Person> {
    let head_roles: Vec<&str> = policy
        .roles
        .iter()
        .filter(|r| r.may.approve.contains("declaration") && !is_deputy_role(&r.name))
        .map(|r| r.id.as_str())
        .collect();
    policy
        .people
        .iter()
        .filter(|p| p.status == PersonStatus::Active)
        .find(|p| p.roles.iter().any(|r| head_roles.contains(&r.as_str())))
}

/// Whether a role's name is a deputy's (Phó Chủ tịch, Phó Giám đốc, Thứ
/// trưởng), who signs `KT.` for the head. Read with its diacritics: Thứ
/// trưởng (a deputy minister) and Thủ trưởng (the head) fold alike.
pub(crate) fn is_deputy_role(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    lower.starts_with("phó ") || lower.starts_with("thứ trưởng")
}

/// `ngày 05 tháng 02 năm 2027`: a day below 10 and the months 1 and 2 take
/// a leading zero (Decree 30/2020, Appendix I).
pub(crate) fn date_words(date: jiff::civil::Date) -> String {
    let month = match date.month() {
        m @ 1..=2 => format!("{m:02}"),
        m => m.to_string(),
    };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// The superior body's line: shown above a department's or another unit's
/// name, never above a People's Committee or a ministry.
fn superior_line(config: &Config) -> String {
    let organisation = &config.organisation;
    let shown = matches!(organisation.level, Level::Department | Level::Other) && !is_peoples_committee(&organisation.name);
    match &organisation.superior {
        Some(superior) if shown => upper(&abbreviate_committee(superior)),
        _ => String::new(),
    }
}

/// Decree 30 writes a province's People's Committee as `UBND TỈNH …` in a
/// department's heading.
fn abbreviate_committee(name: &str) -> String {
    match fold(name).strip_prefix("uy ban nhan dan ") {
        Some(_) => format!("UBND {}", name.chars().skip("Ủy ban nhân dân ".chars().count()).collect::<String>()),
        None => name.to_string(),
    }
}

fn is_peoples_committee(name: &str) -> bool {
    let folded = fold(name);
    folded.starts_with("uy ban nhan dan") || folded.starts_with("ubnd")
}

/// The head's title by the kind of agency, in capitals.
fn head_title(config: &Config) -> String {
    if let Some(title) = &config.organisation.head_title {
        return upper(title);
    }
    match config.organisation.level {
        Level::Ministry => "BỘ TRƯỞNG",
        Level::Department => "GIÁM ĐỐC",
        Level::Commune | Level::District => "CHỦ TỊCH",
        Level::Other if is_peoples_committee(&config.organisation.name) => "CHỦ TỊCH",
        Level::Other => "THỦ TRƯỞNG",
    }
    .to_string()
}

fn deputy_title(config: &Config) -> String {
    if let Some(title) = &config.organisation.deputy_title {
        return upper(title);
    }
    match config.organisation.level {
        Level::Ministry => "THỨ TRƯỞNG".to_string(),
        _ => format!("PHÓ {}", head_title(config)),
    }
}

fn signature_lines(config: &Config, issuer: Issuer, deputy: bool) -> Vec<String> {
    let mut lines = Vec::new();
    if issuer == Issuer::Collective && is_peoples_committee(&config.organisation.name) {
        lines.push("TM. ỦY BAN NHÂN DÂN".to_string());
    }
    if deputy {
        lines.push(format!("KT. {}", head_title(config)));
        lines.push(deputy_title(config));
    } else {
        lines.push(head_title(config));
    }
    lines
}

/// Local agencies report to their province's Department of Science and
/// Technology, central ones to the Ministry (Circular 26/2014/TT-BKHCN).
fn default_recipients(config: &Config) -> Vec<String> {
    match config.organisation.level {
        Level::Ministry => vec!["Bộ Khoa học và Công nghệ".to_string()],
        _ => {
            let province = config.organisation.superior.as_deref().and_then(province_of);
            vec![match province {
                Some(province) => format!("Sở Khoa học và Công nghệ {province}"),
                None => "Sở Khoa học và Công nghệ".to_string(),
            }]
        }
    }
}

/// `tỉnh An Phước` out of `Ủy ban nhân dân tỉnh An Phước`.
fn province_of(name: &str) -> Option<String> {
    after_word(name, &["tinh ", "thanh pho "], true)
}

/// The rest of `name` from (`keep_word`) or after the first of `words`
/// found in it, compared without case or diacritics.
fn after_word(name: &str, words: &[&str], keep_word: bool) -> Option<String> {
    let (folded, map) = fold_with_map(name);
    let (at, word) = words.iter().filter_map(|w| folded.find(w).map(|at| (at, *w))).min()?;
    let start = if keep_word { at } else { at + word.len() };
    let rest = name[*map.get(start)?..].trim();
    (!rest.is_empty() && rest.len() > word.len() * usize::from(keep_word)).then(|| rest.to_string())
}

/// The place the document is issued at: the commune's, the province's or
/// the city's name, from the organisation's or its superior's name.
fn default_place(config: &Config) -> String {
    let organisation = &config.organisation;
    if organisation.level == Level::Ministry {
        return "Hà Nội".to_string();
    }
    let words = ["xa ", "phuong ", "dac khu ", "thi tran ", "tinh ", "thanh pho "];
    after_word(&organisation.name, &words, false)
        .or_else(|| organisation.superior.as_deref().and_then(|s| after_word(s, &words, false)))
        .unwrap_or_else(|| organisation.name.clone())
}

/// The issuer's abbreviation: `UBND` for a People's Committee, else the
/// initials of its name (`Sở Tư pháp` → `STP`, `Bộ Khoa học và Công nghệ`
/// → `BKHCN`), up to a place name.
fn default_symbol(config: &Config) -> String {
    let name = &config.organisation.name;
    if is_peoples_committee(name) {
        return "UBND".to_string();
    }
    let (folded, map) = fold_with_map(name);
    let cut = [" tinh ", " thanh pho ", " xa ", " phuong "]
        .iter()
        .filter_map(|w| folded.find(w))
        .min()
        .and_then(|at| map.get(at).copied())
        .unwrap_or(name.len());
    initials(&name[..cut])
}

/// The kinds of administrative document and their abbreviations (Decree
/// 30/2020, Appendix III), longest first so that `Quy định` is not read as
/// `Quy chế`'s neighbour.
const KINDS: &[(&str, &str)] = &[
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Công điện", "CĐ"),
    ("Giấy mời", "GM"),
];

/// The kind a type's label names (`Quyết định công bố` is a `Quyết định`)
/// and its abbreviation; a label of no known kind is its own kind, by its
/// initials.
fn kind_of(label: &str) -> (String, String) {
    let folded = fold(label);
    KINDS
        .iter()
        .find(|(kind, _)| folded.starts_with(&fold(kind)))
        .map(|(kind, symbol)| (kind.to_string(), symbol.to_string()))
        .unwrap_or_else(|| (label.to_string(), initials(label)))
}

/// `STP` for `Sở Tư pháp`; `và` is left out.
fn initials(text: &str) -> String {
    text.split_whitespace()
        .filter(|word| fold(word) != "va")
        .filter_map(|word| word.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

fn upper(text: &str) -> String {
    text.to_uppercase()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn config(organisation: &str) -> Config {
        let text = format!("organisation:\n{organisation}units:\n  - id: vp\n    name: Văn phòng\n");
        Config::parse(Path::new("qms.yaml"), &text).unwrap()
    }

    fn request(issuer: Issuer, deputy: bool, registration: Option<&Registration>) -> Request<'_> {
        Request {
            kind_label: "Quyết định",
            title: "Quyết định công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015",
            issuer,
            registration,
            year: 2026,
            signer: Some("Nguyễn Văn An"),
            deputy,
            extra_recipients: &[],
        }
    }

    #[test]
    fn a_commune_decision_has_no_superior_line_and_reports_to_the_province_s_department() {
        let config = config("  name: Ủy ban nhân dân xã Hòa Bình\n  level: commune\n  superior: Ủy ban nhân dân tỉnh An Phước\n");
        let registration = Registration {
            number: "12".into(),
            date: jiff::civil::date(2027, 2, 5),
        };
        let layout = layout(&config, &request(Issuer::Head, false, Some(&registration)));
        assert_eq!(layout.superior, "");
        assert_eq!(layout.issuer, "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH");
        assert_eq!(layout.number_line, "Số: 12/QĐ-UBND");
        assert_eq!(layout.date_line, "Hòa Bình, ngày 05 tháng 02 năm 2027");
        assert_eq!(layout.kind, "QUYẾT ĐỊNH");
        assert_eq!(
            layout.subject,
            "Về việc công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015"
        );
        assert_eq!(layout.authority, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BÌNH");
        assert_eq!(layout.recipients, ["Sở Khoa học và Công nghệ tỉnh An Phước", "Lưu: VT"]);
        assert_eq!(layout.signature_lines, ["CHỦ TỊCH"]);
        let report = super::layout(
            &config,
            &Request {
                kind_label: "Báo cáo",
                ..request(Issuer::Collective, true, None)
            },
        );
        assert_eq!((report.kind.as_str(), report.authority.as_str()), ("BÁO CÁO", ""));
        let declaration = super::layout(
            &config,
            &Request {
                kind_label: "Quyết định công bố",
                ..request(Issuer::Head, false, None)
            },
        );
        assert_eq!(
            (declaration.kind.as_str(), declaration.number_line.ends_with("/QĐ-UBND")),
            ("QUYẾT ĐỊNH", true)
        );
        assert_eq!(report.signature_lines, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
        assert!(report.number_line.ends_with("/BC-UBND") && report.number_line.starts_with("Số:\u{a0}"));
        assert!(report.date_line.starts_with("Hòa Bình, ngày\u{a0}") && report.date_line.ends_with("năm 2026"));
    }

    #[test]
    fn a_department_shows_its_province_above_it_and_signs_as_director() {
        let config = config("  name: Sở Tư pháp tỉnh An Phước\n  level: department\n  superior: Ủy ban nhân dân tỉnh An Phước\n");
        let layout = layout(&config, &request(Issuer::Head, true, None));
        assert_eq!(layout.superior, "UBND TỈNH AN PHƯỚC");
        assert_eq!(layout.issuer, "SỞ TƯ PHÁP TỈNH AN PHƯỚC");
        assert!(layout.number_line.ends_with("/QĐ-STP"), "{}", layout.number_line);
        assert!(layout.date_line.starts_with("An Phước, "), "{}", layout.date_line);
        assert_eq!(layout.signature_lines, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
    }

    #[test]
    fn a_ministry_reports_to_the_ministry_of_science_and_signs_from_hanoi() {
        let config = config("  name: Bộ Tư pháp\n  level: ministry\n  superior: Chính phủ\n  symbol: BTP\n");
        let layout = layout(&config, &request(Issuer::Head, true, None));
        assert_eq!(layout.superior, "");
        assert!(layout.number_line.ends_with("/QĐ-BTP"));
        assert!(layout.date_line.starts_with("Hà Nội, "));
        assert_eq!(layout.recipients[0], "Bộ Khoa học và Công nghệ");
        assert_eq!(layout.signature_lines, ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]);
    }

    #[test]
    fn a_full_number_is_kept_as_registered() {
        let config = config("  name: Ủy ban nhân dân phường Bến Thành\n  level: commune\n");
        let registration = Registration {
            number: "123/QĐ-UBND".into(),
            date: jiff::civil::date(2026, 12, 1),
        };
        let layout = layout(&config, &request(Issuer::Head, false, Some(&registration)));
        assert_eq!(layout.number_line, "Số: 123/QĐ-UBND");
        assert_eq!(layout.date_line, "Bến Thành, ngày 01 tháng 12 năm 2026");
        assert_eq!(layout.recipients, ["Sở Khoa học và Công nghệ", "Lưu: VT"]);
    }
}
