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
    assert!(text.contains(&squeeze("Hướng dẫn tiếp nhận hồ sơ trực tuyến")), "{text}");
    let info = Command::new("pdfinfo").arg(out.join("HD-02.pdf")).output().expect("pdfinfo");
    let pages: usize = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap();
    assert!(
        text.matches(&squeeze("BẢN NHÁP")).count() > pages,
        "the mark on every page ({pages}): {text}"
    );
    // The watermark: LibreOffice reads it as a text shape of the page
    // style, drawn behind the text of every page.
    let profile = out.join("lo-profile");
    let converted = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "odt", "--outdir"])
        .arg(&out)
        .arg(out.join("HD-02.docx"))
        .output()
        .expect("soffice");
    assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
    let odt = std::fs::read(out.join("HD-02.odt")).unwrap();
    let mut package = zip::ZipArchive::new(std::io::Cursor::new(odt)).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut package.by_name("styles.xml").unwrap(), &mut styles).unwrap();
    let shape = styles
        .split("<draw:custom-shape")
        .nth(1)
        .unwrap_or_else(|| panic!("no shape in the page style: {styles}"));
    let shape = &shape[..shape.find("</draw:custom-shape>").unwrap()];
    assert!(shape.contains("BẢN NHÁP") && shape.contains("draw:text-path=\"true\""), "{shape}");

    // A draft in the Decree 30 layout, which has no header table, gets a
    // header for its watermark.
    let declaration = qms()
        .arg("-C")
        .arg(&agency)
        .env("QMS_USER", "pham-thi-dung")
        .args(["new", "declaration", "--title", "Công bố lại"])
        .output()
        .unwrap();
    assert!(declaration.status.success(), "{}", String::from_utf8_lossy(&declaration.stderr));
    let id = stdout(&declaration).split('/').next_back().unwrap()[..5].to_string();
    let exported = qms()
        .arg("-C")
        .arg(&agency)
        .args(["export", "docx", &id, "--drafts", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    let docx = std::fs::read(out.join(format!("{id}.docx"))).unwrap();
    let mut package = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut header = String::new();
    std::io::Read::read_to_string(&mut package.by_name("word/header1.xml").unwrap(), &mut header).unwrap();
    assert!(header.contains("string=\"BẢN NHÁP / DRAFT\""), "{header}");
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
    // LibreOffice opens every one of them, with its header block.
    let files: Vec<PathBuf> = effective.iter().map(|id| out.join(format!("{id}.docx"))).collect();
    let texts = pdf_texts(&files, &out);
    for (id, text) in effective.iter().zip(&texts) {
        assert!(text.contains(&squeeze(&format!("Mã số: {id}"))), "{id}: {text}");
    }
}

/// The body of a document file: what follows its front-matter.
fn body_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("---\n").unwrap();
    rest[rest.find("\n---\n").unwrap() + 5..].trim().to_string()
}

fn document_file(agency: &Path, folder: &str, id: &str) -> PathBuf {
    std::fs::read_dir(agency.join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("{id}-")))
        .unwrap_or_else(|| panic!("no {id} in {folder}"))
}

#[test]
fn import_then_export_then_import_again_gives_the_same_body() {
    let (repo, agency) = demo();
    let run = |args: &[&str]| {
        let output = qms()
            .arg("-C")
            .arg(&agency)
            .env("QMS_USER", "pham-thi-dung")
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        output
    };
    let first = repo.path().join("first");
    run(&["export", "docx", "QT-07", "--out", first.to_str().unwrap()]);
    let dry = run(&[
        "import",
        "docx",
        first.join("QT-07.docx").to_str().unwrap(),
        "--id",
        "QT-20",
        "--dry-run",
    ]);
    assert!(stdout(&dry).starts_with("QT-20 documents/quy-trinh/QT-20-"), "{}", stdout(&dry));
    assert!(
        std::fs::read_dir(agency.join("documents/quy-trinh")).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("QT-20"))
    );
    let head = crate::support::git(&agency, &["rev-parse", "HEAD"]);
    let imported = run(&["import", "docx", first.join("QT-07.docx").to_str().unwrap(), "--id", "QT-20"]);
    assert!(
        String::from_utf8_lossy(&imported.stderr).contains("lần ban hành 2"),
        "the Word issue is reported"
    );
    // One commit, holding the new document only; the repository checks clean.
    let after = crate::support::git(&agency, &["rev-parse", "HEAD^"]);
    assert_eq!(stdout(&after), stdout(&head));
    assert_eq!(stdout(&crate::support::git(&agency, &["status", "--porcelain"])), "");
    run(&["check"]);
    let imported = document_file(&agency, "documents/quy-trinh", "QT-20");
    let body = body_of(&imported);
    assert!(body.starts_with("# Quy trình đăng ký khai sinh\n\n## 1. Mục đích"), "{body}");
    assert!(body.contains("| TT | Tên hồ sơ |"), "the dossier table is a table: {body}");
    assert!(
        !body.contains("Người phê duyệt") && !body.contains("Mã số"),
        "header and signature tables left out: {body}"
    );
    let front = std::fs::read_to_string(&imported).unwrap();
    assert!(
        front.contains("author: pham-thi-dung"),
        "the drafter named in the signature table: {front}"
    );

    let second = repo.path().join("second");
    run(&["export", "docx", "QT-20", "--drafts", "--out", second.to_str().unwrap()]);
    run(&["import", "docx", second.join("QT-20.docx").to_str().unwrap(), "--id", "QT-21"]);
    assert_eq!(body_of(&document_file(&agency, "documents/quy-trinh", "QT-21")), body);

    // An existing id is refused, and nothing is written.
    let again = qms()
        .arg("-C")
        .arg(&agency)
        .args(["import", "docx", first.join("QT-07.docx").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("QT-07"), "{again:?}");
    assert_eq!(stdout(&crate::support::git(&agency, &["status", "--porcelain"])), "");
}

/// The .docx LibreOffice makes of an HTML file, as an agency's Word files
/// are made: by a word processor, not by qms.
fn word_from_html(html: &Path, scratch: &Path) -> PathBuf {
    let profile = scratch.join("lo-profile");
    let converted = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(scratch)
        .arg(html)
        .output()
        .expect("soffice");
    assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
    scratch.join(html.with_extension("docx").file_name().unwrap())
}

#[test]
fn a_procedure_written_in_libreoffice_is_imported_with_its_header_headings_and_merged_cells() {
    let (repo, agency) = demo();
    let html = repo.path().join("QT-30.html");
    std::fs::write(
        &html,
        "<html><body>
<table border=1><tr><td>ỦY BAN NHÂN DÂN XÃ HÒA BÌNH</td><td><b>QUY TRÌNH</b><br>Quy trình cấp giấy phép xây dựng</td>
<td>Mã số: QT-30<br>Lần ban hành: 03<br>Ngày hiệu lực: 01/03/2025</td></tr></table>
<table border=1><tr><td>Người soạn thảo</td><td>Người xem xét</td><td>Người phê duyệt</td></tr>
<tr><td>Phạm Thị Dung</td><td>Trần Thị Bình</td><td>Nguyễn Văn An</td></tr></table>
<h1>1. Mục đích</h1><p>Quy định việc cấp <b>giấy phép</b> xây dựng <i>nhà ở riêng lẻ</i>.</p>
<p><img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==\" width=20 height=20></p>
<h2>5.1. Trình tự</h2>
<table border=1><tr><th>Bước</th><th>Nội dung</th><th>Thời gian</th></tr>
<tr><td colspan=2>Tiếp nhận và kiểm tra hồ sơ</td><td>0,5 ngày</td></tr>
<tr><td>B2</td><td>Thẩm định</td><td>10 ngày</td></tr></table>
</body></html>",
    )
    .unwrap();
    let docx = word_from_html(&html, repo.path());
    let output = qms()
        .arg("-C")
        .arg(&agency)
        .env("QMS_USER", "tran-thi-binh")
        .args(["import", "docx"])
        .arg(&docx)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let notes = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(notes.contains("ô gộp"), "the merged cell is reported: {notes}");
    assert!(notes.contains("hình ảnh đã lưu"), "the picture is reported: {notes}");
    let pictures = agency.join("documents/quy-trinh/QT-30-hinh");
    let saved: Vec<_> = std::fs::read_dir(&pictures).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(saved.iter().any(|p| std::fs::read(p).unwrap().starts_with(b"\x89PNG")), "{saved:?}");
    assert_eq!(
        stdout(&crate::support::git(&agency, &["status", "--porcelain"])),
        "",
        "pictures committed with it"
    );
    let file = document_file(&agency, "documents/quy-trinh", "QT-30");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("title: Quy trình cấp giấy phép xây dựng"), "{text}");
    assert!(text.contains("author: pham-thi-dung"), "{text}");
    let body = body_of(&file);
    assert!(body.contains("# 1. Mục đích"), "{body}");
    assert!(body.contains("## 5.1. Trình tự"), "{body}");
    assert!(body.contains("**giấy phép**") && body.contains("*nhà ở riêng lẻ*"), "{body}");
    assert!(body.contains("| Tiếp nhận và kiểm tra hồ sơ |  | 0,5 ngày |"), "{body}");
    assert!(!body.contains("Mã số") && !body.contains("Người soạn thảo"), "{body}");
    let check = qms().arg("-C").arg(&agency).args(["check", "--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let about_it: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap_or_default().contains("QT-30") && f["severity"] == "error")
        .collect();
    // The file is a well-formed document; what check still asks of it is
    // content for the hand work the import reported (the merged step row).
    let rules: Vec<&str> = about_it.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(
        rules.iter().all(|r| r.starts_with("content/") || r.starts_with("process/")),
        "{about_it:#?}"
    );
}

#[test]
fn a_form_is_imported_under_its_process_whatever_the_order_of_the_files() {
    let (repo, agency) = demo();
    let words = repo.path().join("words");
    let output = qms()
        .arg("-C")
        .arg(&agency)
        .args(["export", "docx", "QT-06", "BM-06-01", "--out"])
        .arg(&words)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let fresh = repo.path().join("fresh");
    qms()
        .args(["-q", "init", "--profile", "commune", "--org", "UBND xã Thử"])
        .arg(&fresh)
        .assert()
        .success();
    crate::support::git(&fresh, &["rm", "-rq", "documents"]);
    crate::support::git(
        &fresh,
        &["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "no documents"],
    );
    let imported = qms()
        .arg("-C")
        .arg(&fresh)
        .env("QMS_USER", "pham-thi-dung")
        .args(["import", "docx"])
        .arg(&words)
        .output()
        .unwrap();
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let form = std::fs::read_to_string(document_file(&fresh, "documents/bieu-mau", "BM-06-01")).unwrap();
    assert!(form.contains("links: [QT-06]") || form.contains("- QT-06"), "{form}");
    assert!(
        !String::from_utf8_lossy(&imported.stderr).contains("QT-06 của biểu mẫu"),
        "{imported:?}"
    );
}

#[test]
fn an_english_word_file_is_read_by_its_english_labels() {
    let repo = TestRepo::init("commune", "en");
    for (user, args) in [
        ("pham-thi-dung", vec!["submit", "QT-07"]),
        ("tran-thi-binh", vec!["review", "QT-07", "--accept", "-m", "ok"]),
        ("nguyen-van-an", vec!["approve", "QT-07"]),
    ] {
        repo.as_user(user).args(&args).assert().success();
    }
    let out = repo.path().join("word");
    repo.qms().args(["export", "docx", "QT-07", "--out"]).arg(&out).assert().success();
    let dry = repo
        .as_user("pham-thi-dung")
        .args(["import", "docx", "--dry-run", "--id", "QT-40"])
        .arg(out.join("QT-07.docx"))
        .output()
        .unwrap();
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    assert!(
        stdout(&dry).contains("QT-40-procedure-for-birth-registration"),
        "the English title: {}",
        stdout(&dry)
    );
    // Without --id, the id is the header's own: QT-07, which is taken.
    let taken = repo
        .as_user("pham-thi-dung")
        .args(["import", "docx"])
        .arg(out.join("QT-07.docx"))
        .output()
        .unwrap();
    assert_eq!(taken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&taken.stderr).contains("QT-07"), "{taken:?}");
}

/// A small picture in `format`, its pixels varied so that an encoder
/// cannot reduce it to nothing.
fn picture(format: image::ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x * 4) as u8, (y * 5) as u8, 128]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    pixels.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

fn data_uri(mime: &str, bytes: &[u8], scratch: &Path) -> String {
    let file = scratch.join("picture.bin");
    std::fs::write(&file, bytes).unwrap();
    let encoded = Command::new("base64").arg("-w0").arg(&file).output().unwrap();
    format!("data:{mime};base64,{}", String::from_utf8(encoded.stdout).unwrap())
}

/// The pictures of a PDF, by `pdfimages -list` (poppler-utils).
fn pdf_picture_count(pdf: &Path) -> usize {
    let list = Command::new("pdfimages").arg("-list").arg(pdf).output().expect("pdfimages");
    assert!(list.status.success(), "{}", String::from_utf8_lossy(&list.stderr));
    // Two heading lines, then one line per picture.
    String::from_utf8_lossy(&list.stdout)
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .count()
}

#[test]
fn pictures_of_a_word_procedure_stay_in_place_through_import_the_handbook_and_export() {
    let (repo, agency) = demo();
    let photo = picture(image::ImageFormat::Jpeg, 64, 48);
    let diagram = picture(image::ImageFormat::Png, 40, 30);
    let html = repo.path().join("QT-31.html");
    std::fs::write(
        &html,
        format!(
            "<html><body>
<table border=1><tr><td>ỦY BAN NHÂN DÂN XÃ HÒA BÌNH</td><td><b>QUY TRÌNH</b><br>Quy trình tiếp nhận phản ánh</td>
<td>Mã số: QT-31<br>Lần ban hành: 01</td></tr></table>
<h1>1. Mục đích</h1><p>Ảnh bàn tiếp nhận dưới đây.</p>
<p><img src=\"{}\" width=64 height=48></p>
<p>Sơ đồ các bước:</p>
<p><img src=\"{}\" width=40 height=30></p>
<p>Hết.</p>
</body></html>",
            data_uri("image/jpeg", &photo, repo.path()),
            data_uri("image/png", &diagram, repo.path())
        ),
    )
    .unwrap();
    let docx = word_from_html(&html, repo.path());
    let run = |args: &[&str]| {
        let output = qms()
            .arg("-C")
            .arg(&agency)
            .env("QMS_USER", "tran-thi-binh")
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        output
    };
    let imported = run(&["import", "docx", docx.to_str().unwrap()]);
    assert!(
        !String::from_utf8_lossy(&imported.stderr).contains("chưa được đặt"),
        "every picture is in place: {}",
        String::from_utf8_lossy(&imported.stderr)
    );

    // In the Markdown, each picture stands where it stood in Word, shown
    // from the folder it is saved in, its bytes as they were.
    let file = document_file(&agency, "documents/quy-trinh", "QT-31");
    let body = body_of(&file);
    let sources: Vec<&str> = body.lines().filter_map(|l| l.strip_prefix("![](")?.strip_suffix(')')).collect();
    assert_eq!(sources.len(), 2, "{body}");
    let order = ["Ảnh bàn tiếp nhận", sources[0], "Sơ đồ các bước", sources[1], "Hết."];
    let positions: Vec<usize> = order.iter().map(|needle| body.find(needle).unwrap_or(usize::MAX)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{order:?} in order: {body}");
    let folder = file.parent().unwrap();
    let saved: Vec<Vec<u8>> = sources.iter().map(|s| std::fs::read(folder.join(s)).unwrap()).collect();
    assert!(sources.iter().all(|s| s.starts_with("QT-31-hinh/")), "{sources:?}");
    assert_eq!(saved, [photo.clone(), diagram.clone()], "the pictures are kept byte for byte");

    // The handbook shows them, each from one file named by its content.
    let site = repo.path().join("site");
    run(&["build", "--drafts", "--out", site.to_str().unwrap()]);
    let page = std::fs::read_to_string(site.join("QT-31.html")).unwrap();
    let shown: Vec<&str> = page.split("<img src=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert_eq!(shown.len(), 2, "{page}");
    let served: Vec<Vec<u8>> = shown.iter().map(|s| std::fs::read(site.join(s)).unwrap()).collect();
    assert_eq!(served, [photo, diagram]);

    // The Word file has both pictures again, and LibreOffice shows them.
    let word = repo.path().join("word");
    run(&["export", "docx", "QT-31", "--drafts", "--out", word.to_str().unwrap()]);
    let texts = pdf_texts(&[word.join("QT-31.docx")], repo.path());
    assert!(texts[0].contains(&squeeze("Sơ đồ các bước")), "{}", texts[0]);
    assert_eq!(pdf_picture_count(&repo.path().join("QT-31.pdf")), 2);
}

#[test]
fn a_picture_changed_after_approval_is_not_published_until_approved() {
    let repo = TestRepo::empty();
    let agency = repo.path().join("agency");
    qms().args(["demo", "-q"]).arg(&agency).assert().success();
    let approved = picture(image::ImageFormat::Png, 40, 30);
    let file = document_file(&agency, "documents/quy-trinh", "QT-07");
    let folder = file.parent().unwrap().join("QT-07-hinh");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("so-do.png"), &approved).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{}\n![Sơ đồ quy trình](QT-07-hinh/so-do.png)\n", text.trim_end())).unwrap();
    crate::support::git(&agency, &["add", "-A"]);
    crate::support::git(&agency, &["commit", "-qm", "QT-07: sơ đồ"]);
    let step = |user: &str, args: &[&str]| {
        let output = qms().arg("-C").arg(&agency).env("QMS_USER", user).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    };
    step("pham-thi-dung", &["submit", "QT-07"]);
    step("tran-thi-binh", &["review", "QT-07", "--accept"]);
    step("nguyen-van-an", &["approve", "QT-07", "-m", "Thêm sơ đồ"]);

    // The picture is replaced by an ordinary commit, never approved.
    std::fs::write(folder.join("so-do.png"), picture(image::ImageFormat::Png, 8, 8)).unwrap();
    crate::support::git(&agency, &["commit", "-qam", "sơ đồ mới"]);
    let site = repo.path().join("site");
    let built = qms().arg("-C").arg(&agency).args(["build", "--out"]).arg(&site).output().unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let page = std::fs::read_to_string(site.join("QT-07.html")).unwrap();
    let src = page
        .split("<img src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("{page}"));
    assert_eq!(
        std::fs::read(site.join(src)).unwrap(),
        approved,
        "the approved picture is published"
    );
}
