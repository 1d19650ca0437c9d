//! Signing and verifying action commits with SSH or GPG keys, through the
//! user's own `ssh-keygen` and `gpg` (as git itself does).
//!
//! SSH signatures use git's format (`ssh-keygen -Y sign -n git`), so
//! `git verify-commit` accepts them given an allowed-signers file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::model::keys;
use crate::msg;

/// What a commit's signature says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub(crate) enum SignatureCheck {
    Unsigned,
    /// Made by a key the signer policy lists for the signer.
    Verified {
        format: String,
        key: String,
    },
    /// Present but not made by the signer's key.
    Invalid {
        reason: String,
    },
    /// Could not be checked here (no `ssh-keygen` or `gpg`, the public key
    /// not in the keyring): neither valid nor invalid, and never cached.
    Unverifiable {
        reason: String,
    },
}

impl SignatureCheck {
    /// The signature's status in words, as `qms verify` and `qms log` show it.
    pub(crate) fn message(&self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            SignatureCheck::Unsigned => Msg::new("verify-unsigned"),
            SignatureCheck::Verified { format, key } => Msg::new("verify-signed").arg("format", format).arg("key", key),
            SignatureCheck::Invalid { reason } => Msg::new("verify-bad-signature").arg("reason", reason),
            SignatureCheck::Unverifiable { reason } => Msg::new("verify-not-checkable").arg("reason", reason),
        }
    }
}

/// How to sign: the key (a file, or `key::<public key>` for the SSH agent)
/// and the format.
#[derive(Debug, Clone)]
pub(crate) struct SigningKey {
    pub format: SigningFormat,
    pub key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SigningFormat {
    Ssh,
    Gpg,
}

impl SigningFormat {
    /// What a key names: an SSH key (`key::…`, a `.pub` or other key file,
    /// something under `.ssh/`), else a GPG key id or fingerprint.
    pub(crate) fn of_key(key: &str) -> SigningFormat {
        if key.starts_with("key::") || key.ends_with(".pub") || key.contains("/.ssh/") || Path::new(key).is_file() {
            SigningFormat::Ssh
        } else {
            SigningFormat::Gpg
        }
    }
}

fn run_with_input(command: &mut Command, input: &[u8]) -> Result<std::process::Output> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    child.stdin.take().context("no stdin")?.write_all(input)?;
    Ok(child.wait_with_output()?)
}

/// Signs `payload` (a commit's bytes) and returns the armored signature.
pub(crate) fn sign(payload: &[u8], key: &SigningKey) -> Result<String> {
    match key.format {
        SigningFormat::Ssh => sign_ssh(payload, &key.key),
        SigningFormat::Gpg => sign_gpg(payload, &key.key),
    }
}

fn sign_ssh(payload: &[u8], key: &str) -> Result<String> {
    let temp = tempfile::tempdir()?;
    // `key::ssh-ed25519 AAAA…` names a public key whose private half is in the agent.
    let key_file: PathBuf = match key.strip_prefix("key::") {
        Some(public) => {
            let path = temp.path().join("key.pub");
            std::fs::write(&path, format!("{public}\n"))?;
            path
        }
        None => PathBuf::from(shellexpand_home(key)),
    };
    let output = run_with_input(
        Command::new("ssh-keygen").args(["-Y", "sign", "-n", "git", "-f"]).arg(&key_file),
        payload,
    )
    .context(msg!("error-run-ssh-keygen"))?;
    if !output.status.success() {
        bail!(msg!(
            "error-ssh-sign",
            key = key_file.display(),
            output = String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8(output.stdout)?)
}

fn sign_gpg(payload: &[u8], key: &str) -> Result<String> {
    let output =
        run_with_input(Command::new("gpg").args(["--batch", "--status-fd=2", "-bsau", key]), payload).context(msg!("error-run-gpg"))?;
    if !output.status.success() {
        bail!(msg!(
            "error-gpg-sign",
            key = key,
            output = String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8(output.stdout)?)
}

fn shellexpand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}

/// Checks that `signature` over `payload` was made by one of the signer's
/// keys. `principal` names the signer in the generated allowed-signers list.
pub(crate) fn verify(signature: &str, payload: &[u8], principal: &str, ssh_keys: &[String], gpg_fingerprints: &[String]) -> SignatureCheck {
    let result = if signature.contains("BEGIN SSH SIGNATURE") {
        verify_ssh(signature, payload, principal, ssh_keys)
    } else if signature.contains("BEGIN PGP SIGNATURE") {
        verify_gpg(signature, payload, gpg_fingerprints)
    } else {
        return SignatureCheck::Invalid {
            reason: "the signature is neither an SSH nor a GPG signature".into(),
        };
    };
    // An error here means the check could not run, not that it failed.
    result.unwrap_or_else(|e| SignatureCheck::Unverifiable { reason: format!("{e:#}") })
}

/// The allowed-signers file git and ssh-keygen read, for one principal.
pub(crate) fn allowed_signers(principal: &str, ssh_keys: &[String]) -> String {
    ssh_keys
        .iter()
        .map(|key| format!("{principal} namespaces=\"git\" {}\n", key.trim()))
        .collect()
}

fn verify_ssh(signature: &str, payload: &[u8], principal: &str, ssh_keys: &[String]) -> Result<SignatureCheck> {
    // A malformed line (`check` names it) must not reach the allowed-signers file.
    let ssh_keys: Vec<String> = ssh_keys.iter().filter(|k| keys::ssh_key_problem(k).is_none()).cloned().collect();
    if ssh_keys.is_empty() {
        return Ok(SignatureCheck::Invalid {
            reason: format!("the signer policy lists no usable SSH key for {principal}"),
        });
    }
    let temp = tempfile::tempdir()?;
    let allowed = temp.path().join("allowed_signers");
    std::fs::write(&allowed, allowed_signers(principal, &ssh_keys))?;
    let signature_file = temp.path().join("commit.sig");
    std::fs::write(&signature_file, signature)?;
    let output = run_with_input(
        Command::new("ssh-keygen")
            .args(["-Y", "verify", "-n", "git", "-I", principal, "-f"])
            .arg(&allowed)
            .arg("-s")
            .arg(&signature_file),
        payload,
    )
    .context(msg!("error-check-ssh-keygen"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if output.status.success() {
        let key = stdout
            .split_whitespace()
            .find(|w| w.starts_with("SHA256:"))
            .unwrap_or_default()
            .to_string();
        Ok(SignatureCheck::Verified { format: "ssh".into(), key })
    } else {
        Ok(SignatureCheck::Invalid {
            reason: format!(
                "not signed by a key of {principal} in the signer policy ({})",
                first_line(&output.stderr, &stdout)
            ),
        })
    }
}

fn verify_gpg(signature: &str, payload: &[u8], fingerprints: &[String]) -> Result<SignatureCheck> {
    let temp = tempfile::tempdir()?;
    let signature_file = temp.path().join("commit.sig");
    std::fs::write(&signature_file, signature)?;
    let payload_file = temp.path().join("commit");
    std::fs::write(&payload_file, payload)?;
    let output = Command::new("gpg")
        .args(["--batch", "--status-fd=1", "--verify"])
        .arg(&signature_file)
        .arg(&payload_file)
        .output()
        .context(msg!("error-check-gpg"))?;
    let status = String::from_utf8_lossy(&output.stdout);
    let valid = status
        .lines()
        .find_map(|l| l.strip_prefix("[GNUPG:] VALIDSIG "))
        .and_then(|rest| rest.split_whitespace().next().map(str::to_string));
    let normalise = |f: &str| f.replace(' ', "").to_ascii_uppercase();
    match valid {
        Some(fingerprint) if fingerprints.iter().any(|f| normalise(f) == normalise(&fingerprint)) => Ok(SignatureCheck::Verified {
            format: "gpg".into(),
            key: fingerprint,
        }),
        Some(fingerprint) => Ok(SignatureCheck::Invalid {
            reason: format!("signed by the GPG key {fingerprint}, which the signer policy does not list for the signer"),
        }),
        None if status.contains("NO_PUBKEY") => Ok(SignatureCheck::Unverifiable {
            reason: "the GPG public key is not in the keyring; import it with `gpg --import`".into(),
        }),
        None => Ok(SignatureCheck::Invalid {
            reason: format!("bad GPG signature ({})", first_line(&output.stderr, &status)),
        }),
    }
}

fn first_line(stderr: &[u8], fallback: &str) -> String {
    let text = String::from_utf8_lossy(stderr);
    text.lines()
        .chain(fallback.lines())
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no detail")
        .trim()
        .to_string()
}

/// The signing key from git's configuration: `user.signingkey` and
/// `gpg.format` (ssh or openpgp).
pub(crate) fn key_from_git_config(workdir: &Path) -> Option<SigningKey> {
    let get = |key: &str| {
        Command::new("git")
            .current_dir(workdir)
            .args(["config", "--get", key])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let key = get("user.signingkey")?;
    let format = match get("gpg.format").as_deref() {
        Some("ssh") => SigningFormat::Ssh,
        _ => SigningFormat::of_key(&key),
    };
    Some(SigningKey { format, key })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_signers_lines_bind_the_namespace() {
        let text = allowed_signers("le-van-c", &["ssh-ed25519 AAAAC3 le@laptop".into()]);
        assert_eq!(text, "le-van-c namespaces=\"git\" ssh-ed25519 AAAAC3 le@laptop\n");
    }

    #[test]
    fn garbage_is_not_a_signature() {
        assert!(matches!(verify("hello", b"x", "a", &[], &[]), SignatureCheck::Invalid { .. }));
    }
}
