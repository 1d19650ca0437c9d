//! Findings are data, not errors: every problem `qms` sees in a repository is a
//! [`Finding`] with a rule id, a severity, a place and a hint. Parsers produce
//! them, `check` collects them, and the CLI decides how to print them and which
//! exit code they mean.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::i18n::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Warning,
    Error,
}

impl Severity {
    /// The word a person reads (`lỗi`, `cảnh báo`).
    pub(crate) fn label(self) -> Msg {
        Msg::new(match self {
            Severity::Warning => "severity-warning",
            Severity::Error => "severity-error",
        })
    }
}

/// The machine word (`error`, `warning`) CI formats use.
impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! rules {
    ($($variant:ident => ($id:literal, $severity:ident, $summary:literal),)*) => {
        /// Every rule `qms check` knows. The id is stable: scripts, CI
        /// annotations and SARIF refer to it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub(crate) enum Rule { $($variant,)* }

        impl Rule {
            pub(crate) const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            pub(crate) fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id,)* }
            }

            pub(crate) fn default_severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            /// One line saying what the rule guards against.
            pub(crate) fn summary(self) -> &'static str {
                match self { $(Rule::$variant => $summary,)* }
            }
        }
    };
}

rules! {
    NotUtf8 => ("input/not-utf8", Error, "files must be UTF-8 text"),
    NotNfc => ("input/not-nfc", Warning, "text should be in Unicode NFC form (as typed on Windows and Linux)"),
    FileNameNotNfc => ("input/file-name-not-nfc", Warning, "file names should be in Unicode NFC form"),
    InvisibleCharacter => ("input/invisible-character", Error, "ids and names must not hide bidi-control or zero-width characters"),
    BidiInText => ("input/bidi-control", Warning, "bidi-control characters can make text read differently from how it is stored"),
    FileTooLarge => ("input/file-too-large", Error, "a document may be at most 4 MiB"),
    Symlink => ("input/symlink", Error, "documents must be regular files, not symbolic links"),
    SpecialFile => ("input/special-file", Error, "documents must be regular files, not pipes, sockets or devices"),
    TooDeep => ("input/too-deep", Error, "Markdown may nest block quotes and lists at most 64 levels deep"),
    Unreadable => ("input/unreadable", Error, "the file could not be read"),
    FrontMatterMissing => ("front-matter/missing", Error, "a document starts with a YAML front-matter block between '---' lines"),
    FrontMatterUnclosed => ("front-matter/unclosed", Error, "the front-matter block needs a closing '---' line"),
    FrontMatterTooLarge => ("front-matter/too-large", Error, "a front-matter block may be at most 64 KiB"),
    YamlSyntax => ("yaml/syntax", Error, "the front-matter must be valid YAML"),
    YamlAlias => ("yaml/alias", Error, "YAML anchors and aliases are not allowed"),
    YamlTag => ("yaml/tag", Error, "YAML tags are not allowed"),
    YamlSeveralDocuments => ("yaml/several-documents", Error, "the front-matter must hold exactly one YAML document"),
    NotAMapping => ("front-matter/not-a-mapping", Error, "the front-matter must be a mapping of field names to values"),
    MissingField => ("field/missing", Error, "required fields must be present"),
    UnknownField => ("field/unknown", Error, "only the documented fields are allowed"),
    FieldType => ("field/type", Error, "each field must have the documented type"),
    IdFormat => ("id/format", Error, "ids use capital letters, digits, '.', '_' and '-'"),
    DuplicateId => ("id/duplicate", Error, "every id is unique in the repository"),
    IdPrefix => ("id/prefix", Error, "an id starts with the prefix of its document type"),
    UnknownType => ("ref/type", Error, "the document type must be one of qms.yaml document_types"),
    UnknownOwner => ("ref/owner", Error, "the owner must be a unit of qms.yaml"),
    UnknownPerson => ("ref/person", Error, "authors, reviewers and approvers must be people or roles of the signer policy"),
    NoApprovers => ("ref/no-approvers", Warning, "somebody must be able to approve every document"),
    UnknownLink => ("ref/link", Error, "links must name documents that exist"),
    UnknownClause => ("ref/clause", Error, "clauses must be ISO 9001:2015 clause numbers"),
    UnknownTthc => ("ref/tthc", Error, "TTHC codes must be in catalog/tthc.yaml"),
    TthcWithoutProcess => ("tthc/no-process", Error, "every administrative procedure in the catalogue needs a process"),
    TimeLimitExceeded => ("tthc/over-limit", Error, "a process's steps fit the legal time limit of every procedure it handles"),
    TimeLimitUnknown => ("tthc/limit-unknown", Warning, "a process states each step's time and its procedures' legal limits are known"),
    Placeholder => ("content/placeholder", Error, "no template instruction ([[…]]) is left in a document"),
    BlankSteps => ("content/blank-steps", Error, "a process's step table says for every step what is done and by whom"),
    EmptySection => ("content/empty-section", Error, "no section of a document is left empty"),
    LegalReplaced => ("legal/replaced", Warning, "a document cites legal texts in force, not ones the register says were replaced"),
    LegalUnknown => ("legal/unknown", Warning, "every legal text a document cites is in catalog/legal.yaml"),
    FormWithoutParent => ("form/no-parent", Error, "a form belongs to a process that exists"),
    RequiredDocumentMissing => ("required/missing", Error, "the documented information ISO 9001:2015 requires must exist"),
    ObjectivesNotMeasurable => ("objectives/not-measurable", Warning, "quality objectives state indicator, target, unit and frequency"),
    BrokenRelativeLink => ("markdown/broken-link", Error, "relative links must point to files that exist"),
    Config => ("config/invalid", Error, "qms.yaml, .qms/signers.yaml and catalog/tthc.yaml must be valid"),
    SampleName => ("config/sample-name", Warning, "the organisation and its superior are named as administrative documents print them, not by a sample or a bare level"),
    InvalidAction => ("history/invalid-action", Error, "every action commit in history must be valid (see `qms verify`)"),
    PolicyUnapproved => ("history/policy-unapproved", Error, "changes to qms.yaml and .qms/signers.yaml must be approved"),
    LinkNeverEffective => ("history/link-never-effective", Warning, "an effective document should link only to documents that have been issued"),
    TrustRootMissing => ("history/trust-root", Error, "the trust root must still be in the history of HEAD"),
    RecordReference => ("record/reference", Error, "a record names units, people, clauses, documents and audits that exist"),
    DiagnosticIncomplete => ("record/diagnostic-incomplete", Warning, "an ISO 18091 diagnostic lists every indicator of the catalogue (39, in four quadrants)"),
    RecordValue => ("record/value", Error, "a record's values are within their range (scores 1–5, periods like 2027-Q1, months 1–12)"),
    ActionOverdue => ("action/overdue", Warning, "corrective actions, risk treatments and management-review actions are done by their due date"),
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Finding {
    #[serde(serialize_with = "serialize_rule")]
    pub rule: Rule,
    pub severity: Severity,
    /// Path relative to the repository root, with `/` separators.
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Serialised as text in the process's language.
    pub message: Msg,
    /// Boxed: most findings are passed around in `Result`s, which a larger
    /// finding would make larger for every caller.
    pub hint: Option<Box<Msg>>,
}

fn serialize_rule<S: serde::Serializer>(rule: &Rule, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(rule.id())
}

impl Finding {
    pub(crate) fn new(rule: Rule, path: impl AsRef<Path>, message: Msg) -> Self {
        Finding {
            rule,
            severity: rule.default_severity(),
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            message,
            hint: None,
        }
    }

    pub(crate) fn at(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub(crate) fn at_opt(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    pub(crate) fn col(mut self, column: Option<usize>) -> Self {
        self.column = column;
        self
    }

    pub(crate) fn hint(mut self, hint: Msg) -> Self {
        self.hint = Some(Box::new(hint));
        self
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:column` as compilers print it.
    pub(crate) fn location(&self) -> String {
        let mut s = self.path.display().to_string();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(column) = self.column {
                s.push_str(&format!(":{column}"));
            }
        }
        s
    }
}

/// The parts of a finding a terminal may colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Location,
    Severity(Severity),
    Hint,
}

impl Finding {
    /// The finding as people read it everywhere (`qms check`, an error, a
    /// skipped file): `path:line: severity[rule]: message`, the hint on the
    /// next line; `style` may colour each part.
    pub(crate) fn render(&self, style: &dyn Fn(Part, &str) -> String) -> String {
        let mut out = format!(
            "{}: {}[{}]: {}",
            style(Part::Location, &self.location()),
            style(Part::Severity(self.severity), &self.severity.label().to_string()),
            self.rule.id(),
            self.message
        );
        if let Some(hint) = &self.hint {
            out.push('\n');
            out.push_str(&style(Part::Hint, &format!("    {}: {hint}", Msg::new("finding-hint"))));
        }
        out
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&|_, text| text.to_string()))
    }
}

/// Several findings that stop a command from using a file, shown together.
#[derive(Debug)]
pub(crate) struct Findings(pub Vec<Finding>);

impl fmt::Display for Findings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, finding) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{finding}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Findings {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique() {
        let mut ids: Vec<_> = Rule::ALL.iter().map(|r| r.id()).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len());
    }

    #[test]
    fn every_rule_is_documented() {
        let docs = include_str!("../docs/checks.md");
        for rule in Rule::ALL {
            assert!(
                docs.contains(&format!("| `{}` |", rule.id())),
                "docs/checks.md does not list {}",
                rule.id()
            );
        }
    }

    #[test]
    fn display_reads_like_a_compiler_and_as_check_prints_it() {
        let f = Finding::new(Rule::UnknownField, "documents/QT-07.md", Msg::verbatim("unknown field `status`"))
            .at(4)
            .col(Some(1))
            .hint(Msg::verbatim("derived from history"));
        assert_eq!(
            f.to_string(),
            "documents/QT-07.md:4:1: error[field/unknown]: unknown field `status`\n    hint: derived from history"
        );
        let styled = f.render(&|part, text| match part {
            Part::Location => format!("<{text}>"),
            _ => text.to_string(),
        });
        assert!(styled.starts_with("<documents/QT-07.md:4:1>: error["), "{styled}");
    }
}
