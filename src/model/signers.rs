//! `.qms/signers.yaml`: the signer policy — who the people are, which roles
//! they hold, what each role may sign, and the keys that prove a signature.
//!
//! People are never deleted from the policy: a person who leaves is marked
//! `retired`, so that their past signatures can still be checked.

use crate::model::record::RecordKind;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{keys, load_yaml_file};
use crate::finding::{Finding, Rule};
use crate::msg;

pub(crate) const SIGNERS_FILE: &str = ".qms/signers.yaml";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SignerPolicy {
    pub roles: Vec<Role>,
    pub people: Vec<Person>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Role {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub may: Grants,
    /// Holders are internal auditors: `qms audit programme` assigns them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub auditor: bool,
}

/// For each meaning, the document types a role may give it for.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Grants {
    #[serde(default, skip_serializing_if = "TypeSet::is_none")]
    pub review: TypeSet,
    #[serde(default, skip_serializing_if = "TypeSet::is_none")]
    pub approve: TypeSet,
    #[serde(default, skip_serializing_if = "TypeSet::is_none")]
    pub acknowledge: TypeSet,
}

/// `all`, or a list of document type ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum TypeSet {
    #[default]
    #[serde(skip)]
    None,
    All(AllKeyword),
    Types(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum AllKeyword {
    All,
}

impl TypeSet {
    pub(crate) fn is_none(&self) -> bool {
        matches!(self, TypeSet::None)
    }

    pub(crate) fn contains(&self, doc_type: &str) -> bool {
        match self {
            TypeSet::None => false,
            TypeSet::All(_) => true,
            TypeSet::Types(types) => types.iter().any(|t| t == doc_type),
        }
    }

    fn types(&self) -> &[String] {
        match self {
            TypeSet::Types(types) => types,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub(crate) enum PersonStatus {
    #[default]
    Active,
    Retired,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Person {
    pub id: String,
    /// Full name with diacritics, as printed under a signature.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub status: PersonStatus,
    #[serde(default, skip_serializing_if = "Keys::is_empty")]
    pub keys: Keys,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Keys {
    /// SSH public keys, as in `~/.ssh/id_ed25519.pub`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ssh: Vec<String>,
    /// GPG key fingerprints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gpg: Vec<String>,
}

impl Person {
    /// The person as the author of a commit (which carries no authority).
    pub(crate) fn identity(&self) -> crate::repo::Identity {
        crate::repo::Identity {
            name: self.name.clone(),
            email: self.email.clone().unwrap_or_default(),
        }
    }
}

impl Keys {
    pub(crate) fn is_empty(&self) -> bool {
        self.ssh.is_empty() && self.gpg.is_empty()
    }
}

/// Who a document's `reviewers`, `approvers` or a step's waiting list
/// names: a person by id, or anyone holding a role (written `role:<id>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signatory<'a> {
    Person(&'a str),
    Role(&'a str),
}

impl<'a> Signatory<'a> {
    pub(crate) fn parse(spec: &'a str) -> Self {
        match spec.strip_prefix("role:") {
            Some(role) => Signatory::Role(role),
            None => Signatory::Person(spec),
        }
    }

    /// Whether a step signed by `person` in `role` is one this names.
    pub(crate) fn admits(self, person: &str, role: &str) -> bool {
        match self {
            Signatory::Person(id) => id == person,
            Signatory::Role(id) => id == role,
        }
    }

    /// Whether `person` is named, themselves or through any role they hold.
    pub(crate) fn includes(self, person: &Person) -> bool {
        match self {
            Signatory::Person(id) => id == person.id,
            Signatory::Role(id) => person.roles.iter().any(|r| r == id),
        }
    }
}

impl SignerPolicy {
    pub(crate) fn parse(path: &Path, text: &str) -> Result<SignerPolicy, Finding> {
        load_yaml_file(path, text)
    }

    pub(crate) fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    pub(crate) fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub(crate) fn person_by_email(&self, email: &str) -> Option<&Person> {
        self.people
            .iter()
            .find(|p| p.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(email)))
    }

    /// Whether `spec` (a person id, or `role:<id>`) names someone in the policy.
    pub(crate) fn resolves(&self, spec: &str) -> bool {
        match Signatory::parse(spec) {
            Signatory::Role(role) => self.role(role).is_some(),
            Signatory::Person(person) => self.person(person).is_some(),
        }
    }

    /// [`display_name`](Self::display_name) where there may be no policy
    /// (outside a repository, or one that cannot be read): the spec itself.
    pub(crate) fn display_name_in<'a>(policy: Option<&'a SignerPolicy>, spec: &'a str) -> &'a str {
        policy.map_or(spec, |p| p.display_name(spec))
    }

    /// Who `spec` names, by name: the person's or the role's; the spec itself
    /// when the policy does not know it.
    pub(crate) fn display_name<'a>(&'a self, spec: &'a str) -> &'a str {
        match Signatory::parse(spec) {
            Signatory::Role(role) => self.role(role).map(|r| r.name.as_str()),
            Signatory::Person(person) => self.person(person).map(|p| p.name.as_str()),
        }
        .unwrap_or(spec)
    }

    /// Cross-references the schema cannot express: duplicate ids, roles and
    /// units that do not exist, grants for unknown document types.
    pub(crate) fn validate(&self, path: &Path, text: &str, unit_ids: &HashSet<&str>, type_ids: &HashSet<&str>) -> Vec<Finding> {
        let mut findings = Vec::new();
        let line = |value: &str, nth: usize| super::line_of_value(text, value, nth);
        // Roles and people are separate namespaces (`role:x` versus `x`).
        for (what, ids) in [
            ("role", self.roles.iter().map(|r| r.id.as_str()).collect::<Vec<_>>()),
            ("person", self.people.iter().map(|p| p.id.as_str()).collect()),
        ] {
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for id in ids {
                let count = seen.entry(id).or_default();
                *count += 1;
                if *count == 2 {
                    findings.push(
                        Finding::new(Rule::Config, path, msg!("check-signer-twice", what = what, id = id))
                            .at(line(&format!("id: {id}"), 2))
                            .hint(msg!("hint-signer-twice")),
                    );
                }
            }
        }
        for role in &self.roles {
            for grant in [&role.may.review, &role.may.approve, &role.may.acknowledge] {
                for t in grant.types() {
                    if !type_ids.contains(t.as_str()) && !RecordKind::ALL.iter().any(|k| k.id() == t) {
                        findings.push(
                            Finding::new(Rule::Config, path, msg!("check-role-unknown-type", role = &role.id, doc_type = t))
                                .at(line(t, 1))
                                .hint(msg!("hint-role-unknown-type")),
                        );
                    }
                }
            }
        }
        let mut keys_before: Vec<&String> = Vec::new();
        for person in &self.people {
            for role in &person.roles {
                if self.role(role).is_none() {
                    findings.push(
                        Finding::new(
                            Rule::Config,
                            path,
                            msg!("check-person-unknown-role", person = &person.id, role = role),
                        )
                        .at(line(role, 1))
                        .hint(msg!("hint-person-unknown-role")),
                    );
                }
            }
            let key_problems = person
                .keys
                .ssh
                .iter()
                .map(|key| (key, keys::ssh_key_problem(key)))
                .chain(person.keys.gpg.iter().map(|key| (key, keys::gpg_fingerprint_problem(key))));
            for (key, problem) in key_problems {
                // Keys are found by their first line; an earlier key with
                // the same start pushes this one to a later occurrence.
                let start = key.trim().lines().next().unwrap_or_default();
                let nth = 1 + keys_before.iter().filter(|k| k.contains(start)).count();
                keys_before.push(key);
                if let Some(problem) = problem {
                    findings.push(
                        Finding::new(
                            Rule::Config,
                            path,
                            msg!("check-key-unusable", person = &person.id, problem = problem),
                        )
                        .at(line(start, nth))
                        .hint(msg!("hint-key-unusable")),
                    );
                }
            }
            if let Some(unit) = &person.unit
                && !unit_ids.contains(unit.as_str())
            {
                findings.push(
                    Finding::new(
                        Rule::Config,
                        path,
                        msg!("check-person-unknown-unit", person = &person.id, unit = unit),
                    )
                    .at(line(unit, 1))
                    .hint(msg!("hint-record-unit")),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "roles:\n  - id: chu-tich\n    name: Chủ tịch\n    may: {approve: all, acknowledge: all}\n  - id: can-bo\n    name: Công chức\n    may: {review: [procedure, form]}\npeople:\n  - id: nguyen-van-a\n    name: Nguyễn Văn A\n    email: a@example.gov.vn\n    unit: vp\n    roles: [chu-tich]\n";

    #[test]
    fn parses_roles_people_and_grants() {
        let policy = SignerPolicy::parse(Path::new(SIGNERS_FILE), POLICY).unwrap();
        let chair = policy.role("chu-tich").unwrap();
        assert!(chair.may.approve.contains("procedure"));
        assert!(!chair.may.review.contains("procedure"));
        assert!(policy.role("can-bo").unwrap().may.review.contains("form"));
        assert!(!policy.role("can-bo").unwrap().may.review.contains("policy"));
        assert_eq!(policy.person_by_email("A@example.gov.vn").unwrap().id, "nguyen-van-a");
        assert!(policy.resolves("role:chu-tich"));
        assert!(!policy.resolves("role:nobody"));
    }

    #[test]
    fn cross_references_are_validated() {
        let text = POLICY
            .replace("roles: [chu-tich]", "roles: [chu-tich, ke-toan]")
            .replace("unit: vp", "unit: xx");
        let policy = SignerPolicy::parse(Path::new(SIGNERS_FILE), &text).unwrap();
        let units = HashSet::from(["vp"]);
        let types = HashSet::from(["procedure", "form"]);
        let findings = policy.validate(Path::new(SIGNERS_FILE), &text, &units, &types);
        let messages: Vec<_> = findings.iter().map(|f| f.message.to_string()).collect();
        let messages: Vec<_> = messages.iter().map(String::as_str).zip(findings.iter().map(|f| f.line)).collect();
        assert_eq!(
            messages,
            [
                ("person `nguyen-van-a` has the unknown role `ke-toan`", Some(13)),
                ("person `nguyen-van-a` belongs to the unknown unit `xx`", Some(12)),
            ]
        );
    }

    #[test]
    fn a_misspelt_meaning_is_an_error_with_a_line() {
        let text = POLICY.replace("may: {approve: all", "may: {aprove: all");
        let err = SignerPolicy::parse(Path::new(SIGNERS_FILE), &text).unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(err.message.to_string().contains("aprove"), "{}", err.message);
    }
}
