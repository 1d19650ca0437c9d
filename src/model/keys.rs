//! The public keys of the signer policy, checked for form before they reach
//! `ssh-keygen` or `gpg`: a key line goes verbatim into an allowed-signers
//! file, so a line break or an option in it would change what that file says.

use base64::Engine as _;

use crate::i18n::Msg;

/// SSH key types `ssh-keygen -Y verify` accepts for git signatures.
const SSH_KEY_TYPES: [&str; 7] = [
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
];

/// Longer than any real public key line (a 16384-bit RSA key is ~2.8 KB).
const MAX_KEY_LINE: usize = 4096;

/// Why `line` is not one SSH public key as in `~/.ssh/id_ed25519.pub`
/// (`<type> <base64> [comment]`); `None` when it is.
pub(crate) fn ssh_key_problem(line: &str) -> Option<Msg> {
    let line = line.trim();
    if line.len() > MAX_KEY_LINE {
        return Some(
            Msg::new("key-too-long")
                .num("length", line.len() as f64)
                .num("max", MAX_KEY_LINE as f64),
        );
    }
    if line.chars().any(char::is_control) {
        return Some(Msg::new("key-control-character"));
    }
    let mut fields = line.split(' ').filter(|f| !f.is_empty());
    let (Some(kind), Some(body)) = (fields.next(), fields.next()) else {
        return Some(Msg::new("key-shape"));
    };
    if !SSH_KEY_TYPES.contains(&kind) {
        return Some(crate::msg!("key-type", kind = kind, expected = SSH_KEY_TYPES.join(", ")));
    }
    let Ok(blob) = base64::engine::general_purpose::STANDARD.decode(body) else {
        return Some(Msg::new("key-not-base64"));
    };
    // The blob opens with its own type, length-prefixed (RFC 4253, 6.6).
    let named = blob
        .get(..4)
        .map(|len| u32::from_be_bytes([len[0], len[1], len[2], len[3]]) as usize)
        .and_then(|len| blob.get(4..4 + len));
    if named != Some(kind.as_bytes()) {
        return Some(crate::msg!("key-data-mismatch", kind = kind));
    }
    None
}

/// Why `text` is not a full OpenPGP fingerprint (40 or 64 hex digits,
/// spaces allowed); `None` when it is.
pub(crate) fn gpg_fingerprint_problem(text: &str) -> Option<Msg> {
    let digits: String = text.chars().filter(|c| *c != ' ').collect();
    let hex = digits.chars().all(|c| c.is_ascii_hexdigit());
    match digits.len() {
        40 | 64 if hex => None,
        16 | 8 if hex => Some(crate::msg!("key-short-id", key = text)),
        _ => Some(crate::msg!("key-not-fingerprint", key = text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED25519: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGCDecdMG47Bpz5/sy+cdnTz9HH5qU7GokDqcrrBhu/w an@ubnd.gov.vn";

    #[test]
    fn a_public_key_line_is_accepted() {
        assert_eq!(ssh_key_problem(ED25519), None);
        assert_eq!(ssh_key_problem(&format!("  {ED25519}\n")), None);
    }

    #[test]
    fn anything_that_would_change_the_allowed_signers_file_is_refused() {
        let injected = format!("{ED25519}\nmallory namespaces=\"git\" {ED25519}");
        let cases = [
            injected.as_str(),
            "cert-authority ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGCDecdMG47Bpz5/sy+cdnTz9HH5qU7GokDqcrrBhu/w",
            "ssh-ed25519",
            "ssh-ed25519 not-base64!",
            // An RSA blob under the ed25519 name.
            "ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAABAQ==",
        ];
        for case in cases {
            assert!(ssh_key_problem(case).is_some(), "{case}");
        }
        assert!(ssh_key_problem(&format!("ssh-ed25519 {}", "A".repeat(5000))).is_some());
    }

    #[test]
    fn only_full_fingerprints_name_a_gpg_key() {
        assert_eq!(gpg_fingerprint_problem("0123456789ABCDEF0123456789ABCDEF01234567"), None);
        assert_eq!(gpg_fingerprint_problem("0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567"), None);
        let short = gpg_fingerprint_problem("89ABCDEF01234567").unwrap();
        assert!(short.text(crate::model::config::Language::En).contains("short key id"));
        assert!(gpg_fingerprint_problem("not a key").is_some());
    }
}
