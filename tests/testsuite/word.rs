//! `qms export docx` on the example agency: every exported file opens in
//! LibreOffice (`soffice --headless --convert-to pdf`), and the PDF's text
//! (`pdftotext`) holds the header fields, the signatures, the revision
//! table and the Vietnamese body with its diacritics.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{TestRepo, qms, stdout};

fn demo() -> (TestRepo, PathBuf) {
    let repo = TestRepo::empty();
    let agency = repo.path().join("agency");
    qms().args(["demo", "-q"]).arg(&agency).assert().success();
    (repo, agency)
}

/// The PDF text of each .docx, converted by LibreOffice with a profile of
/// its own (two conversions at once would share one otherwise), whitespace
/// removed: justified lines come out of pdftotext with spaces inside words.
pub(crate) fn pdf_texts(files: &[PathBuf], scratch: &Path) -> Vec<String> {
    let profile = scratch.join("lo-profile");
    let output = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(scratch)
        .args(files)
        .output()
        .expect("soffice (LibreOffice) is installed by .ci/run");
    assert!(output.status.success(), "soffice: {}", String::from_utf8_lossy(&output.stderr));
    files
        .iter()
        .map(|file| {
            let pdf = scratch.join(file.with_extension("pdf").file_name().unwrap());
            let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext");
            assert!(text.status.success(), "{} did not convert", file.display());
            String::from_utf8_lossy(&text.stdout).split_whitespace().collect()
        })
        .collect()
}

pub(crate) fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn effective_documents_open_in_libreoffice_with_their_header_signatures_and_revisions() {
    let (repo, agency) = demo();
    let out = repo.path().join("word");
    let output = qms()
        .arg("-C")
        .arg(&agency)
        .args(["export", "docx", "QT-07", "CSCL-01", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let files: Vec<PathBuf> = stdout(&output).lines().map(PathBuf::from).collect();
    assert_eq!(files, [out.join("QT-07.docx"), out.join("CSCL-01.docx")]);
    let texts = pdf_texts(&files, repo.path());
    let process = &texts[0];
    for expected in [
        "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH",
        "QUY TRÌNH",
        "Quy trình đăng ký khai sinh",
        "Mã số: QT-07",
        "Lần ban hành: 02",
        "Ngày hiệu lực: 15/04/2026",
        "Trang: 1",
        "Người soạn thảo",
        "Người phê duyệt",
        "Nguyễn Văn An",
        "Theo dõi sửa đổi",
        "Quy định trình tự, thủ tục, trách nhiệm và thời gian giải quyết thủ tục hành chính",
        "Tờ khai đăng ký khai sinh",
    ] {
        assert!(process.contains(&squeeze(expected)), "{expected} not in QT-07's PDF: {process}");
    }
    assert!(texts[1].contains(&squeeze("CHÍNH SÁCH")), "{}", texts[1]);
    // The approved text, not the working tree's edits.
    let path = std::fs::read_dir(agency.join("documents/quy-trinh"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("QT-07"))
        .unwrap();
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Quy định trình tự", "CHƯA DUYỆT trình tự");
    std::fs::write(&path, edited).unwrap();
    let again = qms()
        .arg("-C")
        .arg(&agency)
        .args(["export", "docx", "QT-07", "--out"])
        .arg(repo.path().join("again"))
        .output()
        .unwrap();
    assert!(again.status.success());
    let text = &pdf_texts(&[repo.path().join("again/QT-07.docx")], &repo.path().join("again"))[0];
    assert!(
        !text.contains(&squeeze("CHƯA DUYỆT")) && text.contains(&squeeze("Quy định trình tự")),
        "{text}"
    );
}

#[test]
fn a_draft_is_exported_only_when_asked_and_marked_as_one() {
    let (repo, agency) = demo();
    let new = qms()
        .arg("-C")
        .arg(&agency)
        .env("QMS_USER", "pham-thi-dung")
        .args(["new", "instruction", "--title", "Hướng dẫn tiếp nhận hồ sơ trực tuyến"])
        .output()
        .unwrap();
    assert!(new.status.success(), "{}", String::from_utf8_lossy(&new.stderr));
    let refused = qms().arg("-C").arg(&agency).args(["export", "docx", "HD-02"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--drafts"), "{refused:?}");
    let unknown = qms().arg("-C").arg(&agency).args(["export", "docx", "HD-99"]).output().unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    let out = repo.path().join("drafts");
    let output = qms()
        .arg("-C")
        .arg(&agency)
        .args(["export", "docx", "HD-02", "--drafts", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = &pdf_texts(&[out.join("HD-02.docx")], &out)[0];
    assert!(
        text.contains(&squeeze("BẢN NHÁP")) && text.contains(&squeeze("Hướng dẫn tiếp nhận hồ sơ trực tuyến")),
        "{text}"
    );
}

#[test]
fn all_effective_documents_export_in_one_go() {
    let (repo, agency) = demo();
    let out = repo.path().join("all");
    let output = qms()
        .arg("-C")
        .arg(&agency)
        .args(["export", "docx", "--all", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let listed = qms().arg("-C").arg(&agency).args(["list", "--format", "json"]).output().unwrap();
    let register: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let effective: Vec<&str> = register
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["issue"].as_u64().unwrap_or(0) > 0 && d["state"] != "obsolete")
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    let written = stdout(&output).lines().count();
    assert!(
        written >= 20 && written == effective.len(),
        "{written} files for {} effective documents",
        effective.len()
    );
    for id in effective {
        let bytes = std::fs::read(out.join(format!("{id}.docx"))).unwrap();
        assert!(bytes.starts_with(b"PK"), "{id}.docx is a zip package");
    }
}
