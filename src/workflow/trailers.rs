//! The trailer block of an action commit (docs/approval.md), written and
//! parsed by `qms` itself — never through git's trailer configuration.
//!
//! Parsing is strict: only the last paragraph counts, every key appears
//! exactly once in exactly its case (git reads `qms-signer` as `Qms-Signer`),
//! an unknown `Qms-` key is an error, and `Qms-Signed-At` is an RFC 3339
//! time with an offset.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::repo::BlobId;

/// A workflow step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Action {
    Submit,
    Review,
    Approve,
    Withdraw,
    Acknowledge,
    /// A record's corrective-action plan is approved.
    Plan,
    /// An action owner declares their actions done.
    Complete,
    /// Somebody other than the action owners confirms the actions worked.
    Verify,
    /// A nonconformity or an audit report is closed.
    Close,
}

impl Action {
    /// What a step of this action did, as a document's timeline says it
    /// (`qms log`); an approval that counts is followed by its issue number.
    pub(crate) fn taken_label(self, verdict: Option<Verdict>, valid: bool, lang: crate::model::config::Language) -> &'static str {
        use crate::i18n::label;
        match (self, verdict) {
            (Action::Submit, _) => label(lang, "label-submitted"),
            (Action::Review, Some(Verdict::Accept)) => label(lang, "label-reviewed-accepted"),
            (Action::Review, _) => label(lang, "label-reviewed-rejected"),
            (Action::Approve, _) if valid => label(lang, "label-approved-issue"),
            (Action::Approve, _) => label(lang, "label-approval-invalid"),
            (Action::Withdraw, _) => label(lang, "label-withdrawn"),
            (Action::Acknowledge, _) => label(lang, "label-acknowledged"),
            (Action::Plan, _) => label(lang, "label-corrective-action-plan-approved"),
            (Action::Complete, _) => label(lang, "label-actions-reported-done"),
            (Action::Verify, _) => label(lang, "label-effectiveness-verified"),
            (Action::Close, _) => label(lang, "label-closed-2"),
        }
    }

    pub(crate) const ALL: [Action; 9] = [
        Action::Submit,
        Action::Review,
        Action::Approve,
        Action::Withdraw,
        Action::Acknowledge,
        Action::Plan,
        Action::Complete,
        Action::Verify,
        Action::Close,
    ];

    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Review => "review",
            Action::Approve => "approve",
            Action::Withdraw => "withdraw",
            Action::Acknowledge => "acknowledge",
            Action::Plan => "plan",
            Action::Complete => "complete",
            Action::Verify => "verify",
            Action::Close => "close",
        }
    }

    /// The meaning a signature on this step gives.
    pub(crate) fn meaning(self) -> &'static str {
        match self {
            Action::Submit => "submission",
            Action::Review => "review",
            Action::Approve => "approval",
            Action::Withdraw => "withdrawal",
            Action::Acknowledge => "acknowledgement",
            Action::Plan => "plan approval",
            Action::Complete => "completion",
            Action::Verify => "verification",
            Action::Close => "closure",
        }
    }

    /// The meaning as people read it: "phê duyệt", not "approval".
    pub(crate) fn meaning_message(self) -> Msg {
        Msg::new(match self {
            Action::Submit => "meaning-submission",
            Action::Review => "meaning-review",
            Action::Approve => "meaning-approval",
            Action::Withdraw => "meaning-withdrawal",
            Action::Acknowledge => "meaning-acknowledgement",
            Action::Plan => "meaning-plan-approval",
            Action::Complete => "meaning-completion",
            Action::Verify => "meaning-verification",
            Action::Close => "meaning-closure",
        })
    }

    fn parse(keyword: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.keyword() == keyword)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Verdict {
    Accept,
    Reject,
}

/// The facts an action commit binds together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Trailers {
    pub action: Action,
    pub document: String,
    pub path: String,
    pub blob: BlobId,
    pub signer: String,
    pub role: String,
    pub meaning: String,
    pub signed_at: String,
    pub policy: BlobId,
    pub verdict: Option<Verdict>,
}

/// The trailer keys, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    Action,
    Document,
    Path,
    Blob,
    Signer,
    Role,
    Meaning,
    SignedAt,
    Policy,
    Verdict,
}

impl Key {
    pub(crate) const ALL: [Key; 10] = [
        Key::Action,
        Key::Document,
        Key::Path,
        Key::Blob,
        Key::Signer,
        Key::Role,
        Key::Meaning,
        Key::SignedAt,
        Key::Policy,
        Key::Verdict,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Key::Action => "Qms-Action",
            Key::Document => "Qms-Document",
            Key::Path => "Qms-Path",
            Key::Blob => "Qms-Blob",
            Key::Signer => "Qms-Signer",
            Key::Role => "Qms-Role",
            Key::Meaning => "Qms-Meaning",
            Key::SignedAt => "Qms-Signed-At",
            Key::Policy => "Qms-Policy",
            Key::Verdict => "Qms-Verdict",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Whether a line starts like a `Qms-` trailer in any letter case: git
/// reads trailer keys case-insensitively, so `qms-signer` is one to git.
fn is_trailer_like(line: &str) -> bool {
    line.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("qms-"))
}

impl Trailers {
    /// The trailer block, one `Key: value` per line.
    pub(crate) fn block(&self) -> String {
        let mut lines = [
            (Key::Action, self.action.keyword()),
            (Key::Document, self.document.as_str()),
            (Key::Path, self.path.as_str()),
            (Key::Blob, self.blob.as_str()),
            (Key::Signer, self.signer.as_str()),
            (Key::Role, self.role.as_str()),
            (Key::Meaning, self.meaning.as_str()),
            (Key::SignedAt, self.signed_at.as_str()),
            (Key::Policy, self.policy.as_str()),
        ]
        .into_iter()
        .map(|(key, value)| format!("{}: {value}", key.name()))
        .collect::<Vec<_>>();
        if let Some(verdict) = self.verdict {
            lines.push(format!(
                "{}: {}",
                Key::Verdict.name(),
                match verdict {
                    Verdict::Accept => "accept",
                    Verdict::Reject => "reject",
                }
            ));
        }
        lines.join("\n")
    }

    /// A complete commit message: subject, optional text, trailers.
    pub(crate) fn message(&self, subject: &str, text: Option<&str>) -> String {
        let mut message = format!("{subject}\n\n");
        if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
            // A text paragraph that looks like trailers would be taken for them.
            let safe: String = text
                .lines()
                .map(|l| if is_trailer_like(l) { format!(" {l}") } else { l.to_string() })
                .collect::<Vec<_>>()
                .join("\n");
            message.push_str(&safe);
            message.push_str("\n\n");
        }
        message.push_str(&self.block());
        message.push('\n');
        message
    }
}

/// What a commit message says about being an action commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Parsed {
    /// No `Qms-` trailers: an ordinary content commit.
    Content,
    Action(Trailers),
    /// It tries to be an action commit but its trailers are malformed.
    Malformed(String),
}

/// The text between the subject and the trailer block (the approval's
/// "summary of change", a review's comment).
pub(crate) fn body_text(message: &str) -> String {
    let paragraphs: Vec<&str> = message.trim_end().split("\n\n").collect();
    if paragraphs.len() <= 2 {
        return String::new();
    }
    paragraphs[1..paragraphs.len() - 1].join("\n\n").trim().to_string()
}

pub(crate) fn parse(message: &str) -> Parsed {
    let trimmed = message.trim_end();
    let last = trimmed.rsplit("\n\n").next().unwrap_or(trimmed);
    let is_subject_only = !trimmed.contains("\n\n");
    let mentions = |text: &str| text.lines().any(is_trailer_like);
    if is_subject_only || !mentions(last) {
        if mentions(trimmed) {
            return Parsed::Malformed("`Qms-` lines appear outside the last paragraph of the message".into());
        }
        return Parsed::Content;
    }
    let mut values: [Option<&str>; 10] = [None; 10];
    for line in last.lines() {
        let Some((key, value)) = line.split_once(": ") else {
            return Parsed::Malformed(format!("the trailer line `{line}` is not `Key: value`"));
        };
        let Some(found) = Key::ALL.into_iter().find(|k| k.name().eq_ignore_ascii_case(key)) else {
            return Parsed::Malformed(format!("unknown trailer `{key}`"));
        };
        if found.name() != key {
            return Parsed::Malformed(format!(
                "the trailer `{key}` is not written `{}`; git reads both as one key, qms only the exact one",
                found.name()
            ));
        }
        if values[found.index()].replace(value.trim()).is_some() {
            return Parsed::Malformed(format!("the trailer `{key}` appears twice"));
        }
    }
    let get = |key: Key| {
        values[key.index()]
            .map(str::to_string)
            .ok_or_else(|| format!("the trailer `{}` is missing", key.name()))
    };
    let result = (|| -> Result<Trailers, String> {
        let action_word = get(Key::Action)?;
        let action = Action::parse(&action_word).ok_or_else(|| format!("unknown action `{action_word}`"))?;
        let meaning = get(Key::Meaning)?;
        if meaning != action.meaning() {
            return Err(format!(
                "the meaning `{meaning}` does not go with the action `{action}` (expected `{}`)",
                action.meaning()
            ));
        }
        let verdict = match (action, values[Key::Verdict.index()]) {
            (Action::Review, Some("accept")) => Some(Verdict::Accept),
            (Action::Review, Some("reject")) => Some(Verdict::Reject),
            (Action::Review, Some(other)) => return Err(format!("unknown verdict `{other}`")),
            (Action::Review, None) => {
                return Err("a review needs `Qms-Verdict: accept|reject`".into());
            }
            (_, Some(_)) => {
                return Err(format!("`Qms-Verdict` goes only with reviews, not `{action}`"));
            }
            (_, None) => None,
        };
        let object = |key: Key| -> Result<BlobId, String> {
            BlobId::parse(&get(key)?).ok_or_else(|| format!("`{}` is not an object id (40 or 64 lower-case hex digits)", key.name()))
        };
        let blob = object(Key::Blob)?;
        let policy = object(Key::Policy)?;
        let signed_at = get(Key::SignedAt)?;
        crate::clock::parse_signed_at(&signed_at).map_err(|e| format!("`Qms-Signed-At`: {e}"))?;
        Ok(Trailers {
            action,
            document: get(Key::Document)?,
            path: get(Key::Path)?,
            blob,
            signer: get(Key::Signer)?,
            role: get(Key::Role)?,
            meaning,
            signed_at,
            policy,
            verdict,
        })
    })();
    match result {
        Ok(trailers) => Parsed::Action(trailers),
        Err(reason) => Parsed::Malformed(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Trailers {
        Trailers {
            action: Action::Approve,
            document: "QT-07".into(),
            path: "documents/quy-trinh/QT-07.md".into(),
            blob: BlobId::parse(&"8d1f0c".repeat(7)[..40]).unwrap(),
            signer: "le-van-c".into(),
            role: "chu-tich".into(),
            meaning: "approval".into(),
            signed_at: "2026-11-22T09:15:00+07:00".into(),
            policy: BlobId::parse(&"41aa9e".repeat(7)[..40]).unwrap(),
            verdict: None,
        }
    }

    #[test]
    fn round_trips() {
        let message = sample().message("qms: approve QT-07 (issue 3)", Some("Rút ngắn thời gian thẩm định."));
        assert_eq!(parse(&message), Parsed::Action(sample()));
        assert_eq!(body_text(&message), "Rút ngắn thời gian thẩm định.");
        assert!(message.ends_with(&format!("Qms-Policy: {}\n", sample().policy)));
    }

    #[test]
    fn ordinary_messages_are_content() {
        assert_eq!(parse("Sửa QT-07\n\nChi tiết."), Parsed::Content);
        assert_eq!(parse("one line"), Parsed::Content);
    }

    #[test]
    fn strictness() {
        let good = sample().message("s", None);
        let dup = good.replace("Qms-Role: chu-tich", "Qms-Role: chu-tich\nQms-Role: admin");
        assert!(matches!(parse(&dup), Parsed::Malformed(r) if r.contains("twice")));
        let unknown = good.replace("Qms-Role: chu-tich", "Qms-Role: chu-tich\nQms-Override: yes");
        assert!(matches!(parse(&unknown), Parsed::Malformed(r) if r.contains("unknown trailer")));
        let missing = good.replace("Qms-Blob: ", "X-Blob: ");
        assert!(matches!(parse(&missing), Parsed::Malformed(_)));
        let wrong_meaning = good.replace("Qms-Meaning: approval", "Qms-Meaning: review");
        assert!(matches!(parse(&wrong_meaning), Parsed::Malformed(r) if r.contains("does not go with")));
        let earlier = format!("s\n\nQms-Action: approve\n\nSome text\n\n{}", "Signed-off-by: x");
        assert!(matches!(parse(&earlier), Parsed::Malformed(_)));
    }

    #[test]
    fn mis_cased_keys_and_bad_times_are_malformed() {
        let good = sample().message("s", None);
        let lower = good.replace("Qms-Signer:", "qms-signer:");
        assert!(matches!(parse(&lower), Parsed::Malformed(r) if r.contains("not written `Qms-Signer`")));
        let all_lower = good.to_lowercase();
        assert!(matches!(parse(&all_lower), Parsed::Malformed(_)));
        let shout = good.replace("Qms-Action:", "QMS-ACTION:");
        assert!(matches!(parse(&shout), Parsed::Malformed(_)));
        for time in ["2026-11-22", "yesterday", "2026-11-22T09:15:00", "2026-11-22 09:15:00+07:00"] {
            let bad = good.replace("2026-11-22T09:15:00+07:00", time);
            assert!(matches!(parse(&bad), Parsed::Malformed(r) if r.contains("Qms-Signed-At")), "{time}");
        }
        // A lower-case line in the user's text is indented like any other.
        let message = sample().message("s", Some("qms-signer: admin"));
        assert_eq!(parse(&message), Parsed::Action(sample()));
    }

    #[test]
    fn reviews_need_a_verdict() {
        let mut review = sample();
        review.action = Action::Review;
        review.meaning = "review".into();
        review.verdict = Some(Verdict::Reject);
        assert_eq!(
            parse(&review.message("s", Some("Thiếu căn cứ pháp lý."))),
            Parsed::Action(review.clone())
        );
        let no_verdict = review.message("s", None).replace("\nQms-Verdict: reject", "");
        assert!(matches!(parse(&no_verdict), Parsed::Malformed(r) if r.contains("Verdict")));
    }

    #[test]
    fn user_text_cannot_smuggle_trailers() {
        let message = sample().message("s", Some("Qms-Signer: admin"));
        assert_eq!(parse(&message), Parsed::Action(sample()));
    }
}
