//! The message catalogue against the code: every message the code names
//! exists in Vietnamese and English, and every message in the catalogue is
//! named somewhere (a dead one would hide a sentence nobody translates).

use std::collections::BTreeSet;
use std::path::Path;

/// Ids defined in a language's catalogue, its sentences and its labels
/// (`id = text` at the start of a line).
fn defined(lang: &str) -> BTreeSet<String> {
    let messages = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/messages");
    [format!("{lang}.ftl"), format!("labels-{lang}.ftl")]
        .iter()
        .flat_map(|file| {
            std::fs::read_to_string(messages.join(file))
                .unwrap()
                .lines()
                .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
                .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim().to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Ids the code names: the string literal after `Msg::new(`, `m(` (the
/// short form inside a match) or `i18n::text(…, `.
fn named_in_code() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let code = std::fs::read_to_string(&path).unwrap();
            // Quotes that do not open a string would put the scan out of step.
            let code = code.replace("'\"'", "").replace("\\\"", "");
            for literal in code.split('"').skip(1).step_by(2) {
                let is_id = literal.contains('-')
                    && literal.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && literal.split('-').next().is_some_and(|first| PREFIXES.contains(&first));
                if is_id {
                    ids.insert(literal.to_string());
                }
            }
        }
    }
    ids
}

/// The first word of every message id: a literal starting so is an id.
const PREFIXES: &[&str] = &[
    "stage", "problem", "record", "history", "policy", "verify", "meaning", "period", "time", "step", "init", "check", "hint", "yaml",
    "value", "key", "severity", "finding", "type", "error", "status", "diff", "io", "guard", "label", "form", "usage", "assess", "serve",
];

/// The labels templates read: `labels.KEY` in a template of folder
/// `audit/` is the catalogue's `audit-KEY`, of `review/` `review-KEY`, of
/// `preview/` `preview-KEY`, and of the handbook's folders `handbook-KEY`.
fn labels_in_templates() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for entry in std::fs::read_dir(&templates).unwrap() {
        let folder = entry.unwrap().path();
        let group = match folder.file_name().and_then(|n| n.to_str()) {
            Some("audit") => "audit",
            Some("review") => "review",
            Some("preview") => "preview",
            _ => "handbook",
        };
        let mut stack = vec![folder];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (at, _) in text.match_indices("labels.") {
                let key: String = text[at + "labels.".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                ids.insert(format!("{group}-{key}"));
            }
        }
    }
    ids
}

#[test]
fn every_message_the_code_names_is_in_both_catalogues_and_none_is_dead() {
    let (vi, en) = (defined("vi"), defined("en"));
    assert_eq!(vi, en, "the catalogues define different ids");
    let mut named = named_in_code();
    named.extend(labels_in_templates());
    let undefined: Vec<&String> = named.iter().filter(|id| !en.contains(*id)).collect();
    assert!(undefined.is_empty(), "named in code, not in the catalogues: {undefined:?}");
    let dead: Vec<&String> = en.iter().filter(|id| !named.contains(*id)).collect();
    assert!(dead.is_empty(), "in the catalogues, named nowhere: {dead:?}");
}

/// A server's clock in UTC: the step is signed, and shown, in Vietnam's
/// time, which a `language: vi` repository uses unless `timezone` says
/// otherwise; a `timezone` that is not one is a finding.
#[test]
fn times_are_taken_and_shown_in_the_repository_s_time_zone() {
    use crate::support::{TestRepo, stdout};
    let repo = TestRepo::init("commune", "vi");
    let output = repo
        .as_user("pham-thi-dung")
        .env("QMS_TIMESTAMP", "2026-11-22T02:15:00Z")
        .args(["submit", "QT-07"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let message = String::from_utf8_lossy(&repo.git(&["log", "-1", "--format=%B"]).stdout).into_owned();
    assert!(message.contains("Qms-Signed-At: 2026-11-22T09:15:00+07:00"), "{message}");
    let log = stdout(&repo.qms().args(["log", "QT-07"]).output().unwrap());
    assert!(log.contains("09:15 22/11/2026"), "{log}");

    let config = repo
        .read("qms.yaml")
        .replacen("language: vi\n", "language: vi\ntimezone: Asia/Hanoi-Moon\n", 1);
    repo.write("qms.yaml", config);
    let report = repo.check_json();
    let findings = report["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "config/invalid" && f["message"].as_str().unwrap().contains("Asia/Hanoi-Moon")),
        "{report:#}"
    );
}

/// A secretary's first `qms check` in a Vietnamese repository: every
/// finding and hint, and the summary, in Vietnamese; `--lang en` turns the
/// same findings into English, with the same rule ids.
#[test]
fn findings_speak_the_repository_s_language_and_lang_overrides_it() {
    use crate::support::{ENGLISH_WORDS, TestRepo, stdout};
    let repo = TestRepo::init("commune", "vi");
    repo.write(
        "documents/quy-trinh/QT-90.md",
        "---\nid: QT-90\ntitle: Thử\ntype: procedure\nowner: khong-co\nstatus: draft\nlinks: [QT-99]\nclauses: [\"11.1\"]\ntthc: [\"9.999\"]\n---\n\n## 1. Mục đích\n\n[[Ghi mục đích]]\n\n## 2. Phạm vi\n\n",
    );
    repo.write("documents/quy-trinh/QT-91.md", "---\nid: QT-91\ntitle: [Thử\n---\n");
    let output = repo.qms().arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let human = format!("{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
    let rules = [
        "ref/owner",
        "field/unknown",
        "ref/link",
        "ref/clause",
        "content/placeholder",
        "yaml/syntax",
    ];
    for rule in rules {
        assert!(human.contains(&format!("lỗi[{rule}]")), "{rule}: {human}");
    }
    assert!(human.contains("gợi ý: ") && human.contains("đã kiểm tra"), "{human}");
    let english: Vec<&&str> = ENGLISH_WORDS.iter().filter(|w| human.contains(**w)).collect();
    assert!(english.is_empty(), "English in a Vietnamese check: {english:?}\n{human}");

    let output = repo.qms().args(["--lang", "en", "check"]).output().unwrap();
    let english = stdout(&output);
    for rule in rules {
        assert!(english.contains(&format!("error[{rule}]")), "{rule}: {english}");
    }
    assert!(
        english.contains("unknown field `status`") && english.contains("hint: "),
        "{english}"
    );
}

/// The names under a help text's `Lệnh:` heading.
fn subcommands_in(help: &str) -> Vec<String> {
    help.split("\nLệnh:\n")
        .nth(1)
        .unwrap_or_default()
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Every command's `--help` in a Vietnamese repository reads Vietnamese:
/// the about, the long text, the arguments, the headings and the examples.
#[test]
fn every_help_reads_vietnamese_in_a_vietnamese_repository() {
    use crate::support::{ENGLISH_WORDS, TestRepo, stdout};
    let repo = TestRepo::init("commune", "vi");
    let mut pending: Vec<Vec<String>> = vec![Vec::new()];
    let mut seen = 0;
    while let Some(path) = pending.pop() {
        let output = repo.qms().args(&path).arg("--help").output().unwrap();
        assert!(output.status.success(), "{path:?}");
        let help = stdout(&output);
        seen += 1;
        // Folder names are the repository's, in any language.
        let prose = help.replace("documents/", "");
        let english: Vec<&&str> = ENGLISH_WORDS.iter().filter(|w| prose.contains(**w)).collect();
        assert!(english.is_empty(), "qms {} --help has English {english:?}:\n{help}", path.join(" "));
        assert!(help.contains("Cách dùng: qms"), "{help}");
        for sub in subcommands_in(&help) {
            let mut next = path.clone();
            next.push(sub);
            pending.push(next);
        }
    }
    assert!(seen > 50, "only {seen} commands were looked at");
    let english = stdout(&repo.qms().args(["--lang", "en", "check", "--help"]).output().unwrap());
    assert!(
        english.contains("Validate the whole document set") && english.contains("Examples:"),
        "{english}"
    );
}

/// A mistyped command line is told in the repository's language, with what
/// clap knows (the suggestion, the accepted values, the usage), and exits 2.
#[test]
fn mistakes_on_the_command_line_are_told_in_vietnamese() {
    use crate::support::{ENGLISH_WORDS, TestRepo, stdout};
    let repo = TestRepo::init("commune", "vi");
    let cases: &[(&[&str], &str)] = &[
        (&["chekc"], "có phải ý bạn là 'check'"),
        (&["check", "--format", "xml"], "các giá trị được nhận: human, json"),
        (&["check", "--bogus"], "tham số '--bogus' không dùng được ở đây"),
        (&["approve"], "thiếu tham số bắt buộc: <MÃ>"),
        (&["list", "--type"], "--type <LOẠI> cần một giá trị"),
        (&["risks", "add", "--likelihood", "9"], "giá trị '9' không hợp lệ"),
        (&["nc"], "Cách dùng: qms nc [TÙY_CHỌN] <LỆNH>"),
    ];
    for (args, expected) in cases {
        let output = repo.qms().args(*args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let said = String::from_utf8_lossy(&output.stderr).into_owned() + &stdout(&output);
        assert!(said.contains(expected), "qms {args:?}:\n{said}");
        let english: Vec<&&str> = ENGLISH_WORDS
            .iter()
            .chain(&["error:", "Usage:", "tip:", "possible values", "required"])
            .filter(|w| said.contains(**w))
            .collect();
        assert!(english.is_empty(), "qms {args:?} has English {english:?}:\n{said}");
    }
    let english = repo.qms().args(["--lang", "en", "chekc"]).output().unwrap();
    let said = String::from_utf8_lossy(&english.stderr);
    assert!(
        said.contains("unrecognized subcommand 'chekc'") && said.contains("did you mean 'check'"),
        "{said}"
    );

    let help = stdout(&repo.qms().args(["check", "--help"]).output().unwrap());
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("[giá trị: human, json") && !help.contains("possible values"),
        "{help}"
    );
}

/// An ISO date (`2026-11-22`) or period (`2026-Q3`, `2026-H1`) in `text`,
/// which a person in a Vietnamese repository should read as `22/11/2026`
/// or `Quý III/2026`.
fn iso_date_in(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let digits = |at: usize, n: usize| bytes.get(at..at + n).is_some_and(|b| b.iter().all(u8::is_ascii_digit));
    (0..bytes.len()).find_map(|at| {
        let starts = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let date =
            digits(at, 4) && bytes.get(at + 4) == Some(&b'-') && digits(at + 5, 2) && bytes.get(at + 7) == Some(&b'-') && digits(at + 8, 2);
        let period =
            digits(at, 4) && bytes.get(at + 4) == Some(&b'-') && matches!(bytes.get(at + 5), Some(b'Q' | b'H')) && digits(at + 6, 1);
        (starts && (date || period)).then(|| &text[at..(at + if date { 10 } else { 7 }).min(text.len())])
    })
}

/// The example agency worked through a year in a Vietnamese repository:
/// every command's human output — listings, reports, records written,
/// refusals — is Vietnamese, with Vietnamese dates and periods.
#[test]
fn every_command_speaks_vietnamese_in_a_vietnamese_repository() {
    use crate::support::{ENGLISH_WORDS, TestRepo, qms, stdout};
    let repo = TestRepo::empty();
    qms().arg("demo").arg(repo.path()).arg("-q").assert().success();
    let out = tempfile::tempdir().unwrap();
    let out = out.path().to_str().unwrap().to_string();
    let secretary = "pham-thi-dung";
    let head = "nguyen-van-an";
    // (who, arguments, the exit codes that are right here)
    let tour: Vec<(Option<&str>, Vec<&str>, &[i32])> = vec![
        (None, vec!["list"], &[0]),
        (None, vec!["list", "--type", "procedure"], &[0]),
        (None, vec!["show", "QT-07"], &[0]),
        (None, vec!["search", "khai", "sinh"], &[0]),
        (None, vec!["check"], &[0, 1]),
        (None, vec!["status"], &[0, 1]),
        (None, vec!["log", "QT-07"], &[0]),
        (None, vec!["verify"], &[0]),
        (None, vec!["tthc", "list"], &[0, 1]),
        (None, vec!["legal", "list"], &[0]),
        (None, vec!["legal", "list", "--format", "md"], &[0]),
        (None, vec!["clauses"], &[0, 1]),
        (None, vec!["templates", "list"], &[0]),
        (None, vec!["nc", "list"], &[0, 1]),
        (None, vec!["objectives"], &[0, 1]),
        (None, vec!["risks"], &[0, 1]),
        (None, vec!["audit", "list"], &[0]),
        (None, vec!["report", "annual", "--year", "2026"], &[0]),
        (None, vec!["assess"], &[0, 1]),
        (None, vec!["diagnose"], &[0, 1]),
        (None, vec!["management-review", "--period", "2026"], &[0]),
        (None, vec!["build", "--out", &out], &[0]),
        (Some(head), vec!["declare"], &[2]),
        (Some("tran-thi-binh"), vec!["review", "KH-01", "--accept"], &[0]),
        (Some(head), vec!["approve", "KH-01"], &[0]),
        (Some(head), vec!["ack", "BM-01-01"], &[0]),
        (
            Some(secretary),
            vec![
                "new",
                "instruction",
                "--title",
                "Hướng dẫn lưu trữ hồ sơ",
                "--owner",
                "van-phong",
                "--id",
                "HD-90",
            ],
            &[0],
        ),
        (Some(secretary), vec!["submit", "HD-90"], &[0]),
        (Some("le-van-cuong"), vec!["review", "HD-90", "--accept"], &[0]),
        // The template's instructions are still in it: refused, with each finding.
        (Some(head), vec!["approve", "HD-90"], &[2]),
        (Some(secretary), vec!["audit", "programme", "--year", "2027"], &[0]),
        (
            Some(secretary),
            vec!["audit", "plan", "--unit", "van-phong", "--date", "2027-04-15"],
            &[0],
        ),
        (
            Some(secretary),
            vec![
                "nc",
                "new",
                "--source",
                "internal-audit",
                "--clause",
                "8.5.1",
                "--unit",
                "van-phong",
                "-m",
                "Hồ sơ trễ hạn",
            ],
            &[0],
        ),
        (None, vec!["nc", "show", "NC-2026-001"], &[0]),
        (
            Some(secretary),
            vec![
                "risks",
                "add",
                "--title",
                "Quá tải hồ sơ",
                "--process",
                "QT-07",
                "--likelihood",
                "4",
                "--impact",
                "3",
                "--treatment",
                "Tăng cường|vu-thi-giang|2027-03-01",
            ],
            &[0],
        ),
        (
            Some(secretary),
            vec![
                "objectives",
                "record",
                "MTCL-01",
                "--objective",
                "1",
                "--period",
                "2026-Q4",
                "--value",
                "97.5",
                "--note",
                "Báo cáo quý IV",
            ],
            &[0],
        ),
        (Some(secretary), vec!["diagnose", "new", "--year", "2027"], &[0]),
        (
            Some(secretary),
            vec![
                "management-review",
                "--period",
                "2026",
                "--minutes",
                "--date",
                "2026-12-15",
                "--attendee",
                head,
                "--decision",
                "Duy trì chính sách chất lượng",
            ],
            &[0],
        ),
        (None, vec!["status"], &[0, 1]),
        (None, vec!["risks"], &[0, 1]),
    ];
    for (who, args, codes) in &tour {
        let mut command = match who {
            Some(person) => repo.as_user(person),
            None => repo.qms(),
        };
        let output = command
            .args(args)
            .env("QMS_TIMESTAMP", "2026-12-02T09:00:00+07:00")
            .output()
            .unwrap();
        let said = format!("{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
        let code = output.status.code().unwrap_or(-1);
        assert!(codes.contains(&code), "qms {} exited {code}:\n{said}", args.join(" "));
        // Folder names are the repository's, in any language.
        let prose = said.replace("documents/", "");
        let english: Vec<&&str> = ENGLISH_WORDS.iter().filter(|w| prose.contains(**w)).collect();
        assert!(english.is_empty(), "qms {} has English {english:?}:\n{said}", args.join(" "));
        assert_eq!(iso_date_in(&said), None, "qms {} writes an ISO date:\n{said}", args.join(" "));
    }
}

#[test]
fn iso_dates_are_found_and_near_misses_are_not() {
    assert_eq!(iso_date_in("hạn 2027-03-01."), Some("2027-03-01"));
    assert_eq!(iso_date_in("Kỳ 2026-Q3"), Some("2026-Q3"));
    assert_eq!(iso_date_in("01/03/2027, Quý III/2026, DGNB-2027-01, 1.001994"), None);
}
