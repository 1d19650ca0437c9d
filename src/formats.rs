//! Findings in the formats CI systems read: SARIF 2.1.0 (GitHub code
//! scanning), JUnit XML (GitLab, Jenkins), GitHub workflow commands, and
//! GitLab Code Quality. Pure functions of the findings, so they are tested on
//! literals.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::finding::{Finding, Rule, Severity};
use crate::i18n::Msg;
use crate::model::config::Language;
use crate::text::escape_markup;

/// Reads a line of a repository file (1-based), to count columns the way a
/// format wants them.
pub(crate) type LineSource<'a> = &'a dyn Fn(&std::path::Path, usize) -> Option<String>;

fn uri(finding: &Finding) -> String {
    finding.path.to_string_lossy().replace('\\', "/")
}

/// A 1-based column in characters, converted to UTF-16 code units (what SARIF
/// and GitHub count). Vietnamese letters are one unit each; emoji are two.
pub(crate) fn utf16_column(line: &str, char_column: usize) -> usize {
    line.chars().take(char_column.saturating_sub(1)).map(char::len_utf16).sum::<usize>() + 1
}

fn column16(finding: &Finding, lines: LineSource<'_>) -> Option<usize> {
    let column = finding.column?;
    let line = finding.line.and_then(|l| lines(&finding.path, l));
    Some(line.map(|text| utf16_column(&text, column)).unwrap_or(column))
}

/// SARIF 2.1.0, as GitHub code scanning accepts it.
pub(crate) fn sarif(findings: &[Finding], tool_version: &str, lines: LineSource<'_>) -> Value {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id(),
                "name": rule.id().replace(['/', '-'], "_"),
                "shortDescription": { "text": rule.summary() },
                "fullDescription": { "text": rule.summary() },
                "help": { "text": format!("{} — see docs/checks.md", rule.summary()) },
                "defaultConfiguration": { "level": level(rule.default_severity()) },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut region = serde_json::Map::new();
            if let Some(line) = f.line {
                region.insert("startLine".into(), json!(line));
                if let Some(column) = column16(f, lines) {
                    region.insert("startColumn".into(), json!(column));
                }
            }
            let mut location = json!({ "artifactLocation": { "uri": uri(f), "uriBaseId": "%SRCROOT%" } });
            if !region.is_empty() {
                location["region"] = Value::Object(region);
            }
            let text = match &f.hint {
                Some(hint) => format!("{} ({hint})", f.message),
                None => f.message.to_string(),
            };
            json!({
                "ruleId": f.rule.id(),
                "ruleIndex": Rule::ALL.iter().position(|r| *r == f.rule),
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [ { "physicalLocation": location } ],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [ {
            "tool": { "driver": {
                "name": "qms",
                "version": tool_version,
                "rules": rules,
            } },
            "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "The root of the QMS repository" } } },
            "results": results,
        } ],
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// JUnit XML: one test suite, one test case per checked file (`checked`), a
/// failure per error and a skipped-free pass otherwise. Warnings are listed
/// in `system-out` so they show without failing the job.
pub(crate) fn junit(findings: &[Finding], checked: &[String], suite: &str) -> String {
    let mut by_file: BTreeMap<String, Vec<&Finding>> = checked.iter().map(|f| (f.clone(), Vec::new())).collect();
    for finding in findings {
        by_file.entry(uri(finding)).or_default().push(finding);
    }
    let failures = by_file.values().filter(|fs| fs.iter().any(|f| f.is_error())).count();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"qms\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        by_file.len()
    );
    let _ = writeln!(
        xml,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
        escape_markup(suite),
        by_file.len()
    );
    for (file, file_findings) in &by_file {
        let _ = writeln!(
            xml,
            "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\">",
            escape_markup(suite),
            escape_markup(file),
            escape_markup(file)
        );
        for f in file_findings.iter().filter(|f| f.is_error()) {
            let _ = writeln!(
                xml,
                "      <failure type=\"{}\" message=\"{}\">{}: {}{}</failure>",
                escape_markup(f.rule.id()),
                escape_markup(&f.message.to_string()),
                escape_markup(&f.location()),
                escape_markup(&f.message.to_string()),
                f.hint
                    .as_ref()
                    .map(|h| escape_markup(&format!("\n{}: {h}", Msg::new("finding-hint"))))
                    .unwrap_or_default()
            );
        }
        let warnings: Vec<String> = file_findings.iter().filter(|f| !f.is_error()).map(|f| f.to_string()).collect();
        if !warnings.is_empty() {
            let _ = writeln!(xml, "      <system-out>{}</system-out>", escape_markup(&warnings.join("\n")));
        }
        xml.push_str("    </testcase>\n");
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

/// GitHub's escaping of a workflow command's message.
fn github_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property value.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=RULE::message`.
pub(crate) fn github(findings: &[Finding], lines: LineSource<'_>) -> String {
    let mut out = String::new();
    for f in findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = vec![format!("file={}", github_property(&uri(f)))];
        if let Some(line) = f.line {
            properties.push(format!("line={line}"));
        }
        if let Some(column) = column16(f, lines) {
            properties.push(format!("col={column}"));
        }
        properties.push(format!("title={}", github_property(f.rule.id())));
        let message = match &f.hint {
            Some(hint) => format!("{}\n{}: {hint}", f.message, Msg::new("finding-hint")),
            None => f.message.to_string(),
        };
        let _ = writeln!(out, "::{command} {}::{}", properties.join(","), github_data(&message));
    }
    out
}

/// A Markdown summary for `$GITHUB_STEP_SUMMARY`.
pub(crate) fn github_summary(findings: &[Finding], documents: usize) -> String {
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let warnings = findings.len() - errors;
    let mut out = format!("### qms: {documents} documents, {errors} error(s), {warnings} warning(s)\n\n");
    if !findings.is_empty() {
        out.push_str("| Severity | Rule | Location | Message |\n|---|---|---|---|\n");
        for f in findings {
            let _ = writeln!(
                out,
                "| {} | `{}` | `{}` | {} |",
                f.severity,
                f.rule.id(),
                f.location(),
                f.message.to_string().replace('|', "\\|").replace('\n', " ")
            );
        }
    }
    out
}

/// GitLab Code Quality JSON, with fingerprints that stay the same while a
/// finding stays the same (rule, file, message — not the line, which moves).
pub(crate) fn gitlab(findings: &[Finding]) -> Value {
    let issues: Vec<Value> = findings
        .iter()
        .map(|f| {
            json!({
                "description": f.message,
                "check_name": f.rule.id(),
                // In one language, so that switching it does not make every finding new.
                "fingerprint": fingerprint(&format!("{}\u{0}{}\u{0}{}", f.rule.id(), uri(f), f.message.text(Language::En))),
                "severity": match f.severity { Severity::Error => "major", Severity::Warning => "minor" },
                "location": { "path": uri(f), "lines": { "begin": f.line.unwrap_or(1) } },
            })
        })
        .collect();
    Value::Array(issues)
}

/// A stable 128-bit FNV-1a hash in hex: fingerprints must not change between
/// runs or versions, so no randomised hasher.
pub(crate) fn fingerprint(text: &str) -> String {
    let mut hash: u128 = 0x6c62272e07bb014262b821756295c58d;
    for byte in text.bytes() {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(0x0000000001000000000000000000013B);
    }
    format!("{hash:032x}")
}

/// Appends the summary to the file GitHub names in `$GITHUB_STEP_SUMMARY`
/// (the job's summary page), when it names one.
pub(crate) fn append_github_summary(findings: &[Finding], documents: usize) -> anyhow::Result<()> {
    use std::io::Write;
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&path)?;
        file.write_all(github_summary(findings, documents).as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(message: &str) -> Finding {
        Finding::new(Rule::UnknownField, "documents/quy trình/QT-07.md", Msg::verbatim(message))
            .at(3)
            .col(Some(5))
            .hint(Msg::verbatim("xoá trường"))
    }

    fn no_lines(_: &std::path::Path, _: usize) -> Option<String> {
        None
    }

    #[test]
    fn github_commands_escape_their_data_and_properties() {
        let line = |_: &std::path::Path, _: usize| Some("😀😀ab: x".to_string());
        let out = github(&[finding("100% sai: a,b\nhai dòng")], &line);
        assert_eq!(
            out,
            "::error file=documents/quy trình/QT-07.md,line=3,col=7,title=field/unknown::100%25 sai: a,b%0Ahai dòng%0Ahint: xoá trường\n"
        );
        let tricky = Finding::new(Rule::UnknownField, "a:b,c%.md", Msg::verbatim("m"));
        assert_eq!(
            github(&[tricky], &no_lines),
            "::error file=a%3Ab%2Cc%25.md,title=field/unknown::m\n"
        );
    }

    #[test]
    fn columns_are_counted_in_utf16() {
        assert_eq!(utf16_column("Đăng ký", 3), 3);
        assert_eq!(utf16_column("😀x", 2), 3);
        assert_eq!(utf16_column("", 1), 1);
    }

    #[test]
    fn junit_has_a_test_case_per_file_and_failures_for_errors() {
        let checked = vec!["documents/quy trình/QT-07.md".to_string(), "documents/ok.md".to_string()];
        let xml = junit(&[finding("a <b> & \"c\"")], &checked, "qms check");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let cases: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("testcase")).collect();
        assert_eq!(cases.len(), 2);
        let failure = doc.descendants().find(|n| n.has_tag_name("failure")).unwrap();
        assert_eq!(failure.attribute("type"), Some("field/unknown"));
        assert_eq!(failure.attribute("message"), Some("a <b> & \"c\""));
        let suite = doc.descendants().find(|n| n.has_tag_name("testsuite")).unwrap();
        assert_eq!(suite.attribute("failures"), Some("1"));
    }

    #[test]
    fn gitlab_fingerprints_are_stable_and_ignore_the_line() {
        let a = gitlab(&[finding("m")]);
        let mut moved = finding("m");
        moved.line = Some(9);
        let b = gitlab(&[moved]);
        assert_eq!(a[0]["fingerprint"], b[0]["fingerprint"]);
        assert_eq!(a[0]["fingerprint"].as_str().unwrap().len(), 32);
        assert_ne!(a[0]["fingerprint"], gitlab(&[finding("other")])[0]["fingerprint"]);
        assert_eq!(fingerprint(""), "6c62272e07bb014262b821756295c58d");
    }
}
