//! `qms assess`: each automatic criterion with its evidence present and
//! missing, on the example agency (built with its history by `qms demo`) with
//! the clock fixed at 2026-11-22.

use crate::support::{TestRepo, qms, stdout};

fn demo() -> TestRepo {
    let repo = TestRepo::empty();
    qms().args(["demo", "-q"]).arg(repo.path()).assert().success();
    repo
}

fn assess(repo: &TestRepo, extra: &[&str]) -> serde_json::Value {
    let output = repo.qms().args(["assess", "--format", "json"]).args(extra).output().unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&output)))
}

/// Points earned and the criterion's maximum.
fn points(report: &serde_json::Value, id: &str) -> (f64, f64) {
    let result = report["results"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
    (result["points"].as_f64().unwrap(), result["max_points"].as_f64().unwrap())
}

fn missing(report: &serde_json::Value, id: &str) -> String {
    let result = report["results"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
    result["missing"].to_string()
}

fn full(report: &serde_json::Value, id: &str) -> bool {
    let (got, max) = points(report, id);
    got == max
}

fn step(repo: &TestRepo, user: &str, args: &[&str]) {
    let output = repo.as_user(user).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{user} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Submits, reviews and approves `id` as the example's people do.
fn approve(repo: &TestRepo, id: &str) {
    step(repo, "pham-thi-dung", &["submit", id]);
    step(repo, "tran-thi-binh", &["review", id, "--accept"]);
    step(repo, "nguyen-van-an", &["approve", id, "-m", "Ban hành"]);
}

#[test]
fn the_example_scores_what_its_history_shows() {
    let repo = demo();
    let report = assess(&repo, &[]);
    for id in ["TC-02", "TC-03", "TC-04", "TC-08", "TC-09"] {
        assert!(full(&report, id), "{id}: {}", missing(&report, id));
    }
    for id in ["TC-01", "TC-05", "TC-06"] {
        assert_eq!(points(&report, id).0, 0.0, "{id}");
    }
    // No corrective action fell due: nothing to measure, no free points.
    let tc07 = report["results"].as_array().unwrap().iter().find(|r| r["id"] == "TC-07").unwrap();
    assert_eq!(
        (tc07["applicable"].as_bool(), tc07["points"].as_f64()),
        (Some(false), Some(0.0)),
        "{tc07}"
    );
    assert_eq!((report["points"].as_f64(), report["max_points"].as_u64()), (Some(65.0), Some(100)));
    assert_eq!(report["grade"], "Chưa đạt");
    repo.qms().arg("assess").assert().code(1);
}

#[test]
fn a_procedure_without_a_process_costs_its_share() {
    let repo = demo();
    let catalog = repo.read("catalog/tthc.yaml");
    repo.write(
        "catalog/tthc.yaml",
        format!("{catalog}- code: \"1.999999\"\n  name: Thủ tục mới chưa có quy trình\n"),
    );
    let report = assess(&repo, &[]);
    let (got, max) = points(&report, "TC-02");
    assert!(got > 0.0 && got < max, "{got}/{max}");
    assert!(missing(&report, "TC-02").contains("1.999999"));
}

#[test]
fn a_withdrawn_policy_leaves_a_mandatory_document_missing() {
    let repo = demo();
    step(&repo, "nguyen-van-an", &["withdraw", "CSCL-01", "-m", "Thay thế"]);
    let report = assess(&repo, &[]);
    assert!(!full(&report, "TC-03"));
    assert!(missing(&report, "TC-03").contains("5.2"), "{}", missing(&report, "TC-03"));
}

#[test]
fn documents_not_reviewed_within_their_interval_are_named() {
    let repo = demo();
    assert!(full(&assess(&repo, &["--as-of", "2026-12-31"]), "TC-04"));
    let later = assess(&repo, &["--as-of", "2027-02-01"]);
    assert!(!full(&later, "TC-04"));
    assert!(
        missing(&later, "TC-04").contains("BM-01-01 (rà soát lần cuối 15/01/2026)"),
        "{}",
        missing(&later, "TC-04")
    );
}

const UNITS: [&str; 4] = ["van-phong", "kinh-te", "van-hoa-xa-hoi", "phuc-vu-hcc"];

/// Plans and closes (without findings) one audit of the example's unit
/// number `i`, covering the clauses the 2026 programme gives it.
fn audit_unit(repo: &TestRepo, i: usize) {
    audit_unit_speaking(repo, i, &[]);
}

/// [`audit_unit`] with `lang` (`["--lang", "en"]`) given to every command.
fn audit_unit_speaking(repo: &TestRepo, i: usize, lang: &[&str]) {
    let date = format!("2026-11-{:02}", 16 + i);
    let step = |repo: &TestRepo, user: &str, args: &[&str]| step(repo, user, &[lang, args].concat());
    step(repo, "pham-thi-dung", &["audit", "plan", "--unit", UNITS[i], "--date", &date]);
    let id = format!("DGNB-2026-{:02}", i + 1);
    let plan = repo.read(&format!("records/audits/2026/{id}.md"));
    let lead = plan.lines().find_map(|l| l.strip_prefix("lead: ")).unwrap().trim().to_string();
    step(
        repo,
        &lead,
        &["audit", "close", &id, "--conclusion", "Đơn vị đáp ứng các yêu cầu được đánh giá"],
    );
}

/// What the example lacks to declare conformity: the year's audits and an
/// approved management review.
fn complete_the_year(repo: &TestRepo) {
    complete_the_year_speaking(repo, &[]);
}

/// [`complete_the_year`] with `lang` given to every command.
fn complete_the_year_speaking(repo: &TestRepo, lang: &[&str]) {
    let step = |repo: &TestRepo, user: &str, args: &[&str]| step(repo, user, &[lang, args].concat());
    step(repo, "pham-thi-dung", &["audit", "programme", "--year", "2026"]);
    for i in 0..UNITS.len() {
        audit_unit_speaking(repo, i, lang);
    }
    step(
        repo,
        "pham-thi-dung",
        &["management-review", "--period", "2026", "--minutes", "--attendee", "nguyen-van-an"],
    );
    approve(repo, "XXLD-2026-01");
}

#[test]
fn internal_audits_must_cover_every_unit_and_clause() {
    let repo = demo();
    step(&repo, "pham-thi-dung", &["audit", "programme", "--year", "2026"]);
    for i in 0..UNITS.len() {
        audit_unit(&repo, i);
        let report = assess(&repo, &[]);
        let (got, max) = points(&report, "TC-05");
        if i + 1 < UNITS.len() {
            assert!(got > 0.0 && got < max, "after {} audit(s): {got}/{max}", i + 1);
            assert!(missing(&report, "TC-05").contains(UNITS[3]));
        } else {
            assert_eq!(got, max, "{}", missing(&report, "TC-05"));
        }
    }
    // A year later the audits no longer count.
    assert_eq!(points(&assess(&repo, &["--as-of", "2027-12-01"]), "TC-05").0, 0.0);
}

#[test]
fn the_declaration_is_refused_until_the_prerequisites_are_met() {
    let repo = demo();
    let head = stdout(&repo.git(&["rev-parse", "HEAD"]));
    let refused = repo.as_user("pham-thi-dung").arg("declare").output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let why = String::from_utf8_lossy(&refused.stderr).into_owned();
    assert!(why.contains("đánh giá nội bộ") && why.contains("xem xét của lãnh đạo"), "{why}");
    assert!(!why.contains("tài liệu bắt buộc"), "the mandatory documents are in force: {why}");
    assert_eq!(stdout(&repo.git(&["rev-parse", "HEAD"])), head);
    assert!(!repo.path().join("documents/cong-bo").exists());

    complete_the_year(&repo);
    step(&repo, "pham-thi-dung", &["declare"]);
    let path = repo.find("documents/cong-bo", "QD-01");
    let decision = repo.read(&path);
    assert!(
        decision.contains("| 1.001193 | Đăng ký khai sinh | Hộ tịch | QT-07 |"),
        "{decision}"
    );
    assert!(decision.contains("links: [CSCL-01, MTCL-01, STCL-01]"), "{decision}");
    assert_eq!(stdout(&repo.git(&["status", "--porcelain"])), "");
    repo.qms().arg("check").assert().success();
    assert_eq!(points(&assess(&repo, &[]), "TC-01").0, 0.0, "drafted, not yet in force");
    approve(&repo, "QD-01");
    let report = assess(&repo, &[]);
    assert!(full(&report, "TC-01"));
    assert_eq!(
        (report["points"].as_f64(), report["percent"].as_f64()),
        (Some(100.0), Some(100.0)),
        "TC-07 has nothing to measure"
    );
    assert_eq!(report["grade"], "Tốt");

    // Declaring again rewrites the same decision, to be approved as issue 2.
    let catalog = repo.read("catalog/tthc.yaml");
    step(&repo, "pham-thi-dung", &["declare"]);
    assert_eq!(repo.find("documents/cong-bo", "QD-01"), path);
    assert_eq!(repo.read("catalog/tthc.yaml"), catalog);
}

/// The records a year leaves, as the forms lay them out: an audit plan
/// (BM-02-02), an audit report (BM-02-04), review minutes (BM-04-02) and the
/// declaration, in the example's Vietnamese.
#[test]
fn the_year_s_records_follow_their_forms() {
    let repo = demo();
    complete_the_year(&repo);
    step(&repo, "pham-thi-dung", &["declare"]);
    let body = |path: &str| {
        let text = repo.read(path);
        let body = text.splitn(3, "---\n").nth(2).unwrap_or_default().to_string();
        assert!(!body.trim().is_empty(), "{path} has a body");
        body
    };
    insta::assert_snapshot!("audit_plan_2026_01.md", body("records/audits/2026/DGNB-2026-01.md"));
    insta::assert_snapshot!("audit_report_2026_01.md", body("records/audits/2026/DGNB-2026-01-BC.md"));
    let minutes = repo.find("records/management-reviews/2026", "XXLD-2026-01");
    insta::assert_snapshot!("review_minutes_2026.md", body(&minutes));
    let declaration = repo.find("documents/cong-bo", "QD-01");
    insta::assert_snapshot!("declaration_qd_01.md", body(&declaration));
}

/// The same year asked for in English (`--lang en`): the records carry
/// their forms' fields under English labels; the declaration and the annual
/// report read in English, as reading copies without Decree 30's layout.
#[test]
fn the_year_s_records_and_administrative_documents_in_english() {
    let repo = demo();
    let en = ["--lang", "en"];
    complete_the_year_speaking(&repo, &en);
    step(&repo, "pham-thi-dung", &["--lang", "en", "declare"]);
    let body = |path: &str| repo.read(path).splitn(3, "---\n").nth(2).unwrap_or_default().to_string();
    insta::assert_snapshot!("audit_plan_2026_01_en.md", body("records/audits/2026/DGNB-2026-01.md"));
    insta::assert_snapshot!("audit_report_2026_01_en.md", body("records/audits/2026/DGNB-2026-01-BC.md"));
    let minutes = repo.find("records/management-reviews/2026", "XXLD-2026-01");
    insta::assert_snapshot!("review_minutes_2026_en.md", body(&minutes));
    let declaration = repo.find("documents/cong-bo", "QD-01");
    insta::assert_snapshot!("declaration_qd_01_en.md", body(&declaration));

    approve(&repo, "QD-01");
    let out = repo.path().join("public");
    let build = repo
        .qms()
        .args(["--lang", "en", "build", "-q", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    // Decree 30's layout is the form of documents issued in Vietnamese; the
    // English pages are reading copies, laid out as any other.
    let page = std::fs::read_to_string(out.join("QD-01.html")).unwrap();
    assert!(
        !page.contains("<table class=\"admin-heading\">") && !page.contains("CỘNG HÒA"),
        "{page}"
    );
    assert!(page.contains("Decision declaring the quality management system"), "{page}");

    let annual = |format: &str| {
        let output = repo
            .qms()
            .args(["--lang", "en", "report", "annual", "--year", "2026", "--format", format])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        stdout(&output)
    };
    insta::assert_snapshot!("annual_report_2026_en.md", annual("md"));
    let html = annual("html");
    assert!(!html.contains("<table class=\"admin-heading\">") && html.contains("<h1"), "{html}");
}

/// The part of a handbook page between two markers, for a snapshot.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start} in {html}"));
    let to = html[from..].find(end).map_or(html.len(), |at| from + at + end.len());
    &html[from..to]
}

/// The declaration prints as a decision under Decree 30/2020: national
/// heading, issuer, number and date once the clerk registers them, kind and
/// subject, the head's authority, recipients and the signature block with
/// the approver's name.
#[test]
fn the_declaration_is_laid_out_as_an_administrative_decision_and_takes_its_number() {
    let repo = demo();
    complete_the_year(&repo);
    step(&repo, "pham-thi-dung", &["declare"]);
    let refused = repo
        .as_user("tran-thi-binh")
        .args(["issue-number", "QD-01", "--number", "123/QĐ-UBND", "--date", "01/12/2026"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "a draft gets no number");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("chưa có lần ban hành"));
    approve(&repo, "QD-01");

    let page = |repo: &TestRepo| {
        let out = repo.path().join("public");
        let build = repo.qms().args(["build", "-q", "--out"]).arg(&out).output().unwrap();
        assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
        // Tera writes `/` as an entity; a reader sees the slash.
        std::fs::read_to_string(out.join("QD-01.html")).unwrap().replace("&#x2F;", "/")
    };
    let unnumbered = page(&repo);
    assert!(
        unnumbered.contains("Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/QĐ-UBND"),
        "{unnumbered}"
    );

    step(
        &repo,
        "tran-thi-binh",
        &["issue-number", "QD-01", "--number", "123/QĐ-UBND", "--date", "01/12/2026"],
    );
    assert_eq!(stdout(&repo.git(&["status", "--porcelain"])), "", "the register is committed");
    repo.qms().arg("check").assert().success();
    let taken = repo
        .as_user("tran-thi-binh")
        .args(["issue-number", "QD-01", "--number", "124/QĐ-UBND", "--date", "02/12/2026"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&taken.stderr).contains("đã mang số 123/QĐ-UBND"));

    let html = page(&repo);
    insta::assert_snapshot!(
        "declaration_heading.html",
        between(&html, "<table class=\"admin-heading\">", "</div>\n<div class=\"doc-body")
    );
    insta::assert_snapshot!(
        "declaration_footer.html",
        between(&html, "<table class=\"admin-footer\">", "</table>")
    );
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 123/QĐ-UBND",
        "ngày 01 tháng 12 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc công bố",
        "Nơi nhận:",
        "Sở Khoa học và Công nghệ",
        "Lưu: VT.",
        "CHỦ TỊCH",
    ] {
        assert!(html.contains(expected), "{expected}");
    }

    // The same decision as a Word file, in Decree 30's layout.
    let out = repo.path().join("word");
    step(&repo, "tran-thi-binh", &["export", "docx", "QD-01", "--out", out.to_str().unwrap()]);
    let text = &crate::word::pdf_texts(&[out.join("QD-01.docx")], &out)[0];
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 123/QĐ-UBND",
        "ngày 01 tháng 12 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc công bố",
        "Nơi nhận:",
        "Sở Khoa học và Công nghệ",
        "- Lưu: VT.",
        "CHỦ TỊCH",
    ] {
        assert!(
            text.contains(&crate::word::squeeze(expected)),
            "{expected} not in QD-01's PDF: {text}"
        );
    }
    assert!(
        !text.contains(&crate::word::squeeze("Mã số: QD-01")),
        "no ISO header on a decision: {text}"
    );
}

#[test]
fn a_management_review_counts_once_its_minutes_are_approved() {
    let repo = demo();
    step(
        &repo,
        "pham-thi-dung",
        &["management-review", "--period", "2026", "--minutes", "--attendee", "nguyen-van-an"],
    );
    let held = assess(&repo, &[]);
    assert_eq!(points(&held, "TC-06").0, 0.0);
    assert!(missing(&held, "TC-06").contains("chưa được phê duyệt"));
    approve(&repo, "XXLD-2026-01");
    assert!(full(&assess(&repo, &[]), "TC-06"));
}

#[test]
fn a_corrective_action_past_its_due_date_is_late() {
    let repo = demo();
    step(
        &repo,
        "pham-thi-dung",
        &[
            "nc",
            "new",
            "--source",
            "process-monitoring",
            "--clause",
            "8.5.1",
            "--unit",
            "phuc-vu-hcc",
            "--date",
            "2026-09-01",
            "-m",
            "Hồ sơ trả trễ hạn",
        ],
    );
    step(
        &repo,
        "pham-thi-dung",
        &[
            "nc",
            "plan",
            "NC-2026-001",
            "--draft",
            "--cause",
            "Chưa nhắc hạn",
            "--action",
            "Bật nhắc hạn|vu-thi-giang|2026-10-15",
        ],
    );
    let report = assess(&repo, &[]);
    assert_eq!(points(&report, "TC-07").0, 0.0);
    assert!(missing(&report, "TC-07").contains("NC-2026-001"));
}

#[test]
fn objectives_without_measurements_in_the_last_year_lose_their_points() {
    let repo = demo();
    assert!(full(&assess(&repo, &[]), "TC-08"));
    let report = assess(&repo, &["--as-of", "2027-12-31"]);
    assert_eq!(points(&report, "TC-08").0, 0.0);
    assert!(missing(&report, "TC-08").contains("MTCL-01 / 1"));
}

#[test]
fn an_unapproved_policy_change_fails_the_approvals_criterion() {
    let repo = demo();
    let signers = repo.read(".qms/signers.yaml");
    repo.write(".qms/signers.yaml", format!("{signers}# sửa tay\n"));
    repo.git(&["commit", "-qam", "sửa chính sách người ký"]);
    let report = assess(&repo, &[]);
    assert_eq!(points(&report, "TC-09").0, 0.0);
    assert!(missing(&report, "TC-09").contains("qms verify"));
}

#[test]
fn as_of_reads_the_repository_as_it_stood_then() {
    let repo = demo();
    let report = assess(&repo, &["--as-of", "2026-01-10"]);
    // Before the first approvals (15 January) nothing was in force.
    assert_eq!(points(&report, "TC-03").0, 0.0);
    assert_eq!(report["as_of"], "2026-01-10");
    let commit = report["commit"].as_str().unwrap();
    let time = stdout(&repo.git(&["show", "-s", "--format=%cI", commit]));
    assert!(time.trim() <= "2026-01-10T23:59:59+07:00", "{time}");
}

#[test]
fn manual_criteria_take_the_scores_given() {
    let repo = demo();
    let table = repo.write(
        "tieu-chi.yaml",
        "id: thu\ntitle: {vi: Thử, en: Test}\ngrades: [{min: 50, vi: Đạt, en: Pass}, {min: 0, vi: Chưa đạt, en: Fail}]\ncriteria:\n  - {id: A, text: {vi: Lãnh đạo cam kết, en: Commitment}, points: 10, evaluate: manual}\n  - {id: B, text: {vi: Phê duyệt hợp lệ, en: Valid approvals}, points: 10, evaluate: approvals-valid}\n",
    );
    let scores = repo.write("diem.yaml", "A: {points: 4.5, note: Biên bản làm việc ngày 20/11}\n");
    let report = assess(
        &repo,
        &["--criteria", table.to_str().unwrap(), "--manual", scores.to_str().unwrap()],
    );
    assert_eq!(points(&report, "A"), (4.5, 10.0));
    assert_eq!(report["points"], 14.5);
    assert_eq!(report["percent"], 72.5);
    assert_eq!(report["grade"], "Đạt");
    let unscored = assess(&repo, &["--criteria", table.to_str().unwrap()]);
    assert!(missing(&unscored, "A").contains("--manual"));
    let bad = repo.write("sai.yaml", "A: {points: 11}\n");
    repo.qms()
        .args(["assess", "--criteria", table.to_str().unwrap(), "--manual", bad.to_str().unwrap()])
        .assert()
        .code(2);
}

/// Legal bases are current when every document in force cites only texts
/// the register holds as in force; a replaced one costs the documents citing
/// it, named with the replacement.
#[test]
fn legal_bases_are_judged_against_the_register() {
    let repo = demo();
    assert!(full(&assess(&repo, &[]), "TC-14"), "{}", missing(&assess(&repo, &[]), "TC-14"));
    // What is in force is what was approved: an uncommitted edit citing a
    // replaced text does not count against the agency, and the approved
    // text is what is judged.
    let qt01 = repo.find("documents/quy-trinh", "QT-01");
    let approved = repo.read(&qt01);
    repo.write(&qt01, approved.clone() + "\nCăn cứ Nghị định số 61/2018/NĐ-CP.\n");
    assert!(full(&assess(&repo, &[]), "TC-14"), "{}", missing(&assess(&repo, &[]), "TC-14"));
    repo.write(&qt01, approved);
    let register = repo.read("catalog/legal.yaml").replacen(
        "  - number: 123/2015/NĐ-CP\n    type: Nghị định\n    title: quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch\n    issuer: Chính phủ\n    status: in-force\n",
        "  - number: 123/2015/NĐ-CP\n    type: Nghị định\n    title: quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch\n    issuer: Chính phủ\n    status: replaced\n    replaced_by: 999/2026/NĐ-CP\n",
        1,
    );
    assert!(register.contains("replaced_by: 999/2026/NĐ-CP"));
    repo.write("catalog/legal.yaml", register);
    let report = assess(&repo, &[]);
    let (got, max) = points(&report, "TC-14");
    assert!(got < max, "{got}/{max}");
    let why = missing(&report, "TC-14");
    assert!(why.contains("QT-07") && why.contains("999/2026/NĐ-CP"), "{why}");
    // Removing the citation from the working copy does not hide it either.
    let qt07 = repo.find("documents/quy-trinh", "QT-07");
    let cited = repo.read(&qt07);
    repo.write(&qt07, cited.replace("123/2015/NĐ-CP", "(đang sửa)"));
    assert!(
        missing(&assess(&repo, &[]), "TC-14").contains("QT-07"),
        "the approved QT-07 still cites it"
    );
    repo.write(&qt07, cited);

    std::fs::remove_file(repo.path().join("catalog/legal.yaml")).unwrap();
    assert_eq!(points(&assess(&repo, &[]), "TC-14").0, 0.0, "no register, no points");
}

/// What inspectors check on site (sampled dossiers, training, the
/// declaration sent, last year's report) is built in as manual criteria:
/// pending, outside the total and marking the grade provisional, until
/// `--manual` scores them.
#[test]
fn on_site_criteria_are_pending_until_scored() {
    let repo = demo();
    let report = assess(&repo, &[]);
    let on_site = ["TC-10", "TC-11", "TC-12", "TC-13"];
    for id in on_site {
        let result = report["results"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
        assert_eq!(
            (result["pending"].as_bool(), result["points"].as_f64()),
            (Some(true), Some(0.0)),
            "{result}"
        );
    }
    assert_eq!(
        (report["max_points"].as_u64(), report["pending_points"].as_u64()),
        (Some(100), Some(25))
    );
    let human = stdout(&repo.qms().arg("assess").output().unwrap());
    assert!(
        human.contains("chờ chấm (10 điểm)") && human.contains("tạm tính: 25 điểm"),
        "{human}"
    );

    let scores = repo.write(
        "diem.yaml",
        "TC-10: {points: 8, note: \"20 hồ sơ lấy mẫu, 2 hồ sơ trễ hạn\"}\nTC-12: {points: 5}\n",
    );
    let scored = assess(&repo, &["--manual", scores.to_str().unwrap()]);
    assert_eq!(points(&scored, "TC-10"), (8.0, 10.0));
    assert_eq!(
        (scored["max_points"].as_u64(), scored["pending_points"].as_u64()),
        (Some(115), Some(10))
    );
    assert_eq!(scored["points"].as_f64(), report["points"].as_f64().map(|p| p + 13.0));
}

#[test]
fn the_roll_up_over_a_dozen_units_gives_each_units_own_totals() {
    let root = TestRepo::empty();
    let mut units = String::from("units:\n");
    let mut dirs = Vec::new();
    let profiles = ["commune", "district", "department", "ministry", "blank"];
    for i in 0..12 {
        let dir = root.path().join(format!("unit-{i:02}"));
        if i % 4 == 0 {
            qms().args(["demo", "-q"]).arg(&dir).assert().success();
        } else {
            qms()
                .args(["init", "-q", "--profile", profiles[i % profiles.len()]])
                .arg(&dir)
                .assert()
                .success();
        }
        dirs.push(dir);
    }
    // One unit is read from a remote: a bare clone served over file://.
    let bare = root.path().join("remote.git");
    crate::support::git(root.path(), &["clone", "-q", "--bare", "unit-04", "remote.git"]);
    for i in 0..12 {
        if i == 4 {
            units.push_str(&format!(
                "  - {{id: unit-04, name: \"Đơn vị 04\", url: \"file://{}\"}}\n",
                bare.display()
            ));
        } else {
            units.push_str(&format!("  - {{name: \"Đơn vị {i:02}\", path: unit-{i:02}}}\n"));
        }
    }
    let units_file = root.write("units.yaml", units);
    let feedback = root.path().join("phan-hoi");
    let output = qms()
        .args(["assess", "--format", "json", "--units"])
        .arg(&units_file)
        .arg("--feedback")
        .arg(&feedback)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let overview: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = overview["units"].as_array().unwrap();
    assert_eq!(rows.len(), 12);
    let totals: Vec<f64> = rows.iter().map(|u| u["assessment"]["points"].as_f64().unwrap()).collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "best first: {totals:?}");
    for (i, dir) in dirs.iter().enumerate() {
        let id = format!("unit-{i:02}");
        let alone = qms().arg("-C").arg(dir).args(["assess", "--format", "json"]).output().unwrap();
        let alone: serde_json::Value = serde_json::from_slice(&alone.stdout).unwrap();
        let row = rows.iter().find(|u| u["id"] == id.as_str()).unwrap();
        assert_eq!(row["assessment"]["results"], alone["results"], "{id}");
        assert_eq!(row["assessment"]["points"], alone["points"], "{id}");
        assert!(feedback.join(format!("{id}.md")).is_file(), "feedback for {id}");
    }
    assert!(root.path().join(".qms-units/unit-04/qms.yaml").is_file(), "the remote was mirrored");
}

#[test]
fn a_unit_that_cannot_be_read_is_reported_and_the_rest_assessed() {
    let root = TestRepo::empty();
    qms()
        .args(["init", "-q", "--profile", "commune"])
        .arg(root.path().join("xa-a"))
        .assert()
        .success();
    let units = root.write(
        "units.yaml",
        "units:\n  - {name: Xã A, path: xa-a}\n  - {name: Xã B, path: khong-co}\n",
    );
    let output = qms().args(["assess", "--format", "json", "--units"]).arg(&units).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let overview: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(overview["units"][0]["assessment"].is_object());
    assert!(overview["units"][1]["error"].as_str().unwrap().contains("khong-co"));
}

#[test]
fn the_annual_report_of_the_example_agency() {
    let repo = demo();
    let output = repo.qms().args(["report", "annual", "--year", "2026"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    insta::assert_snapshot!("annual_report_2026.md", stdout(&output));

    let html = repo
        .qms()
        .args(["report", "annual", "--year", "2026", "--format", "html"])
        .output()
        .unwrap();
    let html = stdout(&html);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains("<table>") && html.contains("MTCL-01 / 3: Giải quyết hồ sơ trực tuyến"),
        "{html}"
    );
    // Sent to the superior agency as an administrative report (Decree 30).
    let html = html.replace("&#x2F;", "/");
    insta::assert_snapshot!(
        "annual_report_heading.html",
        between(&html, "<table class=\"admin-heading\">", "</div></div>")
    );
    insta::assert_snapshot!(
        "annual_report_footer.html",
        between(&html, "<table class=\"admin-footer\">", "</table>")
    );
    assert!(!html.contains("<h1"), "the title line is the subject, not a second title: {html}");

    // The year's audits and review show in the report once they exist.
    complete_the_year(&repo);
    let json = repo
        .qms()
        .args(["report", "annual", "--year", "2026", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["audits"].as_array().unwrap().len(), 4);
    assert_eq!(report["audits"][0]["unit"], "Văn phòng HĐND và UBND");
    assert_eq!(report["management_reviews"].as_array().unwrap().len(), 1);
    assert_eq!(
        report["revised"].as_array().unwrap().len(),
        2,
        "MTCL-01 and QT-07 were revised in April"
    );
}

#[test]
fn the_iso_18091_diagnostic_of_the_example_agency() {
    let repo = demo();
    let output = repo.qms().args(["diagnose", "--year", "2026"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    insta::assert_snapshot!("diagnostic_2026.md", stdout(&output));

    let json = repo
        .qms()
        .args(["diagnose", "--year", "2026", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["quadrants"].as_array().unwrap().len(), 4);
    assert_eq!(report["previous"], "CD-2025");
    assert_eq!(report["priorities"][0]["rating"], "red", "red indicators come first");
    let html = repo
        .qms()
        .args(["diagnose", "--year", "2026", "--format", "html"])
        .output()
        .unwrap();
    assert!(stdout(&html).contains("<table>"));

    // No diagnostic for 2027 yet: the report says how to write one.
    let missing = repo.qms().args(["diagnose", "--year", "2027"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("qms diagnose new --year 2027"));
    step(&repo, "pham-thi-dung", &["diagnose", "new", "--year", "2027"]);
    let record = repo.read("records/diagnostics/CD-2027.md");
    assert_eq!(record.matches("rating: unrated").count(), 39, "the annex's 39 indicators: {record}");
    assert!(
        record.contains("| 1.12 |") && record.contains("Xanh: đạt mức tối thiểu"),
        "each one's scale: {record}"
    );
    repo.as_user("pham-thi-dung")
        .args(["diagnose", "new", "--year", "2027"])
        .assert()
        .code(2);
    let fresh = repo
        .qms()
        .args(["diagnose", "--year", "2027", "--format", "json"])
        .output()
        .unwrap();
    let fresh: serde_json::Value = serde_json::from_slice(&fresh.stdout).unwrap();
    assert_eq!(fresh["totals"]["unrated"], 39);
    assert_eq!(fresh["previous"], "CD-2026");

    // A rating of an indicator the catalogue does not have is a check error,
    // and the indicator it replaced is missing from the diagnostic.
    repo.write(
        "records/diagnostics/CD-2027.md",
        record.replacen("indicator: '1.1'", "indicator: '9.9'", 1),
    );
    let check = repo.check_json();
    let findings = check["findings"].as_array().unwrap();
    let said = |rule: &str, text: &str| {
        findings
            .iter()
            .any(|f| f["rule"] == rule && f["message"].as_str().unwrap().contains(text))
    };
    assert!(said("record/reference", "9.9"), "{check:#}");
    assert!(
        said("record/diagnostic-incomplete", "thiếu 1 chỉ số của bộ ISO 18091: 1.1"),
        "{check:#}"
    );
}

#[test]
fn a_saved_assessment_is_a_committed_record_with_its_score() {
    let repo = demo();
    let head = stdout(&repo.git(&["rev-parse", "HEAD"]));
    repo.as_user("pham-thi-dung")
        .args(["assess", "--save", "--format", "json"])
        .assert()
        .code(1);
    let record = repo.read("records/assessments/2026/DGCT-2026-01.md");
    assert!(
        record.contains("kind: assessment") && record.contains("score: 65.0") && record.contains("grade: Chưa đạt"),
        "{record}"
    );
    assert!(record.contains(&format!("assessed_commit: {}", head.trim())), "{record}");
    assert_eq!(stdout(&repo.git(&["status", "--porcelain"])), "");
    repo.qms().arg("check").assert().success();
    let html = repo.qms().args(["assess", "--format", "html"]).output().unwrap();
    assert!(stdout(&html).contains("<td>TC-01</td>"), "{}", stdout(&html));
}

#[test]
fn a_document_that_cannot_be_read_is_reported_not_silently_left_out() {
    let repo = demo();
    let clean = assess(&repo, &[]);
    assert_eq!(clean["unreadable"], serde_json::json!([]));
    repo.write("documents/hong.md", "---\nid: QT-99\ntitle: \"Bị cắt");
    let report = assess(&repo, &[]);
    let unreadable = report["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 1, "{unreadable:?}");
    assert!(unreadable[0]["path"].as_str().unwrap().ends_with("hong.md"), "{unreadable:?}");
    assert_eq!(report["points"], clean["points"], "an unreadable file earns nothing");

    let output = repo.qms().arg("assess").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let said = stdout(&output);
    assert!(said.contains("Tệp không đọc được") && said.contains("hong.md"), "{said}");
}

#[test]
fn an_empty_repository_scores_nothing_and_an_empty_report_covers_nothing() {
    let repo = TestRepo::init("blank", "vi");
    let report = assess(&repo, &[]);
    assert_eq!(report["points"], 0.0, "{report:#}");
    for result in report["results"].as_array().unwrap() {
        let reason = format!("{}{}", result["missing"], result["evidence"]);
        assert!(result["points"] == 0.0 && reason.len() > 4, "{result}");
    }

    // An audit with neither findings nor a conclusion cannot be closed, and covers nothing.
    let repo = demo();
    step(&repo, "pham-thi-dung", &["audit", "programme", "--year", "2026"]);
    step(
        &repo,
        "pham-thi-dung",
        &["audit", "plan", "--unit", UNITS[0], "--date", "2026-11-16"],
    );
    let plan = repo.read("records/audits/2026/DGNB-2026-01.md");
    let lead = plan.lines().find_map(|l| l.strip_prefix("lead: ")).unwrap().trim().to_string();
    // The lead may not close it so: the report's form needs a conclusion.
    let refused = repo.as_user(&lead).args(["audit", "close", "DGNB-2026-01"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("chưa có kết luận"));
    let report = assess(&repo, &[]);
    assert_eq!(points(&report, "TC-05").0, 0.0);
}

#[test]
fn a_national_roll_up_gives_every_unit_its_own_result_grouped_by_province() {
    let root = TestRepo::empty();
    let dir = root.path().join("ca-nuoc");
    qms()
        .args(["demo", "-q", "--units", "200", "--seed", "3"])
        .arg(&dir)
        .assert()
        .success();
    let units_file = dir.join("units.yaml");
    // Some units cannot be read: the roll-up says so by its exit code, and goes on.
    let overview = roll_up_with_unreadable_units(&units_file);
    let rows = overview["units"].as_array().unwrap();
    assert_eq!(rows.len(), 200);
    let unreadable: Vec<&serde_json::Value> = rows.iter().filter(|u| u["assessment"].is_null()).collect();
    assert_eq!(unreadable.len(), 4, "one in fifty cannot be read");
    for unit in &unreadable {
        let error = unit["error"].as_str().unwrap();
        assert!(error.contains(unit["source"].as_str().unwrap()), "{error}");
    }
    // Grouped by province, each province's units together, best first within it.
    let provinces: Vec<&str> = rows.iter().map(|u| u["province"].as_str().unwrap()).collect();
    let mut seen: Vec<&str> = Vec::new();
    for province in &provinces {
        if seen.last() != Some(province) {
            assert!(!seen.contains(province), "{province} is split");
            seen.push(province);
        }
    }
    assert_eq!(seen.len(), 34);
    let summary = overview["provinces"].as_array().unwrap();
    assert_eq!(summary.len(), 34);
    assert_eq!(summary.iter().map(|p| p["units"].as_u64().unwrap()).sum::<u64>(), 200);
    assert_eq!(summary.iter().map(|p| p["unreadable"].as_u64().unwrap()).sum::<u64>(), 4);
    // Units differ, and each one's line is its own assessment.
    let totals: std::collections::BTreeSet<String> = rows
        .iter()
        .filter_map(|u| u["assessment"]["points"].as_f64())
        .map(|p| p.to_string())
        .collect();
    assert!(totals.len() > 2, "the units are alike: {totals:?}");
    for unit in rows.iter().filter(|u| u["assessment"].is_object()).step_by(40) {
        let path = dir.join(unit["source"].as_str().unwrap());
        let alone = qms().arg("-C").arg(&path).args(["assess", "--format", "json"]).output().unwrap();
        let alone: serde_json::Value = serde_json::from_slice(&alone.stdout).unwrap();
        assert_eq!(unit["assessment"]["results"], alone["results"], "{}", unit["id"]);
    }
    // The CSV carries the province next to the unit.
    let csv = qms()
        .args(["assess", "--format", "csv", "--units"])
        .arg(&units_file)
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(
        csv.lines().next().unwrap().starts_with("Đơn vị,Tỉnh, thành phố,") || csv.lines().next().unwrap().contains("\"Tỉnh, thành phố\""),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 201);
}

#[test]
fn remote_units_are_fetched_in_parallel_and_again_only_what_is_new() {
    let root = TestRepo::empty();
    let mut units = String::from("units:\n");
    for i in 0..6 {
        let dir = root.path().join(format!("xa-{i}"));
        qms().args(["init", "-q", "--profile", "commune"]).arg(&dir).assert().success();
        crate::support::git(root.path(), &["clone", "-q", "--bare", &format!("xa-{i}"), &format!("xa-{i}.git")]);
        units.push_str(&format!(
            "  - {{id: xa-{i}, name: \"Xã {i}\", province: Huế, url: \"file://{}/xa-{i}.git\"}}\n",
            root.path().display()
        ));
    }
    units.push_str("  - {id: mat-ket-noi, name: Xã không kết nối, province: Huế, url: \"file:///khong/co/kho.git\"}\n");
    let units_file = root.write("units.yaml", units);
    let overview = roll_up_with_unreadable_units(&units_file);
    let rows = overview["units"].as_array().unwrap();
    assert_eq!(rows.iter().filter(|u| u["assessment"].is_object()).count(), 6);
    let unreachable = rows.iter().find(|u| u["id"] == "mat-ket-noi").unwrap();
    assert!(
        unreachable["error"].as_str().unwrap().contains("file:///khong/co/kho.git"),
        "{unreachable}"
    );
    // A new commit in one remote reaches its mirror on the next run.
    let xa = root.path().join("xa-2");
    std::fs::write(xa.join("ghi-chu.txt"), "mới").unwrap();
    crate::support::git(&xa, &["add", "ghi-chu.txt"]);
    crate::support::git(&xa, &["commit", "-qm", "Ghi chú mới"]);
    crate::support::git(&xa, &["push", "-q", &format!("{}/xa-2.git", root.path().display()), "HEAD"]);
    roll_up_with_unreadable_units(&units_file);
    assert!(
        root.path().join(".qms-units/xa-2/ghi-chu.txt").is_file(),
        "the mirror was not brought up to date"
    );
}

/// `qms assess --units FILE --format json`, which exits 2 because some units cannot be read.
fn roll_up_with_unreadable_units(units_file: &std::path::Path) -> serde_json::Value {
    let output = qms()
        .args(["assess", "--format", "json", "--units"])
        .arg(units_file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}
