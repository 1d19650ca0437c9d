//! `qms demo`: the bundled example agency (`examples/ubnd-xa-hoa-binh`) as a
//! git repository with a realistic history — several people over several
//! months: drafting, submissions, a rejected review, approvals, second
//! issues, acknowledgements and a withdrawn document.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use include_dir::{Dir, include_dir};

use super::undo::Undo;
use crate::clock::parse_timestamp;
use crate::repo::{DocRepo, Identity};
use crate::workflow::actions::{SignWith, StepRequest, document_path, perform};
use crate::workflow::trailers::{Action, Verdict};
use crate::workspace::Workspace;

static EXAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/examples/ubnd-xa-hoa-binh");

const SECRETARY: &str = "pham-thi-dung";
const DEPUTY: &str = "tran-thi-binh";
const CHAIR: &str = "nguyen-van-an";

/// One scripted event of the demo history.
enum Step {
    Act {
        at: &'static str,
        who: &'static str,
        action: Action,
        ids: Vec<&'static str>,
        verdict: Option<Verdict>,
        text: Option<&'static str>,
    },
    /// Edits a document (replacing each `from` text by its `to`) and commits it as its author.
    Edit {
        at: &'static str,
        who: &'static str,
        id: &'static str,
        replace: &'static [(&'static str, &'static str)],
        message: &'static str,
    },
    /// Adds a record of the example (a path under `records/`) as its author.
    Record {
        at: &'static str,
        who: &'static str,
        path: &'static str,
        message: &'static str,
    },
}

/// Records of the example (`records/…`) are not part of the first commit:
/// each comes in at its own date by a `Step::Record`.
const RECORDS: &str = "records";

/// Everything but KH-01, which stays a draft under review at the end.
const ISSUED: &[&str] = &[
    "BM-01-01", "BM-01-02", "BM-01-03", "BM-01-04", "BM-02-01", "BM-02-02", "BM-02-03", "BM-02-04", "BM-03-01", "BM-03-02", "BM-04-01",
    "BM-04-02", "BM-05-01", "BM-06-01", "BM-06-02", "BM-06-03", "BM-06-04", "BM-06-05", "CSCL-01", "HD-01", "MTCL-01", "QT-01", "QT-02",
    "QT-03", "QT-04", "QT-05", "QT-06", "QT-07", "QT-08", "QT-09", "QT-10", "QT-11", "QT-12", "STCL-01", "TLBN-01",
];

fn script() -> Vec<Step> {
    use Action::*;
    let accept = Some(Verdict::Accept);
    vec![
        Step::Act {
            at: "2026-01-06T09:00:00+07:00",
            who: SECRETARY,
            action: Submit,
            ids: ISSUED.to_vec(),
            verdict: None,
            text: Some("Trình bộ tài liệu hệ thống quản lý chất lượng lần đầu"),
        },
        Step::Act {
            at: "2026-01-08T10:00:00+07:00",
            who: DEPUTY,
            action: Review,
            ids: ISSUED.iter().copied().filter(|id| *id != "QT-11").collect(),
            verdict: accept,
            text: Some("Đồng ý"),
        },
        Step::Act {
            at: "2026-01-08T10:30:00+07:00",
            who: DEPUTY,
            action: Review,
            ids: vec!["QT-11"],
            verdict: Some(Verdict::Reject),
            text: Some("Bổ sung yêu cầu bản vẽ mặt bằng vị trí công trình trong thành phần hồ sơ (mục 5.2)."),
        },
        Step::Edit {
            at: "2026-01-09T14:00:00+07:00",
            who: SECRETARY,
            id: "QT-11",
            replace: &[(
                "Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng) | x | |",
                "Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng) | x | |\n| 4 | Bản vẽ mặt bằng vị trí công trình trên lô đất | x | |",
            )],
            message: "QT-11: bổ sung bản vẽ mặt bằng vị trí công trình theo ý kiến xem xét",
        },
        Step::Act {
            at: "2026-01-09T14:10:00+07:00",
            who: SECRETARY,
            action: Submit,
            ids: vec!["QT-11"],
            verdict: None,
            text: Some("Đã bổ sung theo ý kiến xem xét"),
        },
        Step::Act {
            at: "2026-01-12T09:00:00+07:00",
            who: DEPUTY,
            action: Review,
            ids: vec!["QT-11"],
            verdict: accept,
            text: Some("Đồng ý"),
        },
        Step::Act {
            at: "2026-01-15T15:00:00+07:00",
            who: CHAIR,
            action: Approve,
            ids: ISSUED.to_vec(),
            verdict: None,
            text: Some("Ban hành lần đầu"),
        },
        Step::Act {
            at: "2026-01-20T08:30:00+07:00",
            who: "vu-thi-giang",
            action: Acknowledge,
            ids: vec!["QT-07", "QT-08", "QT-09", "CSCL-01"],
            verdict: None,
            text: None,
        },
        Step::Act {
            at: "2026-01-20T09:15:00+07:00",
            who: "hoang-van-em",
            action: Acknowledge,
            ids: vec!["QT-11", "QT-12", "CSCL-01"],
            verdict: None,
            text: None,
        },
        Step::Act {
            at: "2026-01-21T10:00:00+07:00",
            who: "do-van-hung",
            action: Acknowledge,
            ids: vec!["QT-06", "BM-06-01", "BM-06-02", "BM-06-03", "BM-06-04", "BM-06-05", "HD-01"],
            verdict: None,
            text: None,
        },
        Step::Edit {
            at: "2026-04-10T08:45:00+07:00",
            who: SECRETARY,
            id: "MTCL-01",
            replace: &[
                ("| ≥ 98 | % | Hằng quý |", "| ≥ 99 | % | Hằng quý |"),
                ("    target: 98\n", "    target: 99\n"),
            ],
            message: "MTCL-01: nâng chỉ tiêu giải quyết hồ sơ đúng hạn lên 99%",
        },
        Step::Edit {
            at: "2026-04-10T09:30:00+07:00",
            who: SECRETARY,
            id: "QT-07",
            replace: &[(
                "### 5.5. Nơi tiếp nhận và trả kết quả",
                "Trường hợp nộp hồ sơ trực tuyến, người yêu cầu không phải nộp lại giấy tờ đã có trong Cơ sở dữ liệu quốc gia về dân cư.\n\n### 5.5. Nơi tiếp nhận và trả kết quả",
            )],
            message: "QT-07: không yêu cầu nộp lại giấy tờ đã có trong Cơ sở dữ liệu quốc gia về dân cư",
        },
        Step::Record {
            at: "2026-01-22T14:00:00+07:00",
            who: SECRETARY,
            path: "records/diagnostics/CD-2025.md",
            message: "Nhập kết quả tự đánh giá theo TCVN ISO 18091 năm 2025",
        },
        Step::Record {
            at: "2026-02-10T08:30:00+07:00",
            who: SECRETARY,
            path: "records/risks/register.md",
            message: "Lập danh mục rủi ro và cơ hội năm 2026 theo QT-05",
        },
        Step::Act {
            at: "2026-02-10T08:45:00+07:00",
            who: SECRETARY,
            action: Submit,
            ids: vec!["DMRR"],
            verdict: None,
            text: None,
        },
        Step::Act {
            at: "2026-02-11T14:00:00+07:00",
            who: DEPUTY,
            action: Review,
            ids: vec!["DMRR"],
            verdict: accept,
            text: Some("Đồng ý"),
        },
        Step::Act {
            at: "2026-02-12T09:00:00+07:00",
            who: CHAIR,
            action: Approve,
            ids: vec!["DMRR"],
            verdict: None,
            text: Some("Phê duyệt danh mục rủi ro và cơ hội năm 2026"),
        },
        Step::Act {
            at: "2026-04-10T10:00:00+07:00",
            who: SECRETARY,
            action: Submit,
            ids: vec!["MTCL-01", "QT-07"],
            verdict: None,
            text: None,
        },
        Step::Act {
            at: "2026-04-13T16:00:00+07:00",
            who: DEPUTY,
            action: Review,
            ids: vec!["MTCL-01", "QT-07"],
            verdict: accept,
            text: Some("Đồng ý"),
        },
        Step::Act {
            at: "2026-04-15T15:30:00+07:00",
            who: CHAIR,
            action: Approve,
            ids: vec!["MTCL-01"],
            verdict: None,
            text: Some("Nâng chỉ tiêu giải quyết hồ sơ đúng hạn từ 98% lên 99%"),
        },
        Step::Act {
            at: "2026-04-15T15:35:00+07:00",
            who: CHAIR,
            action: Approve,
            ids: vec!["QT-07"],
            verdict: None,
            text: Some("Không yêu cầu nộp lại giấy tờ đã có trong Cơ sở dữ liệu quốc gia về dân cư"),
        },
        Step::Act {
            at: "2026-04-20T08:00:00+07:00",
            who: "vu-thi-giang",
            action: Acknowledge,
            ids: vec!["QT-07"],
            verdict: None,
            text: None,
        },
        Step::Act {
            at: "2026-07-01T09:00:00+07:00",
            who: CHAIR,
            action: Withdraw,
            ids: vec!["HD-01"],
            verdict: None,
            text: Some("Thay bằng tài liệu hướng dẫn sử dụng Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh"),
        },
        Step::Record {
            at: "2026-10-12T10:00:00+07:00",
            who: SECRETARY,
            path: "records/objectives/2026/MTCL-01.md",
            message: "Kết quả đo mục tiêu chất lượng 9 tháng đầu năm 2026",
        },
        Step::Act {
            at: "2026-10-12T10:05:00+07:00",
            who: SECRETARY,
            action: Submit,
            ids: vec!["KQ-MTCL-01-2026"],
            verdict: None,
            text: None,
        },
        Step::Act {
            at: "2026-10-13T15:00:00+07:00",
            who: DEPUTY,
            action: Review,
            ids: vec!["KQ-MTCL-01-2026"],
            verdict: accept,
            text: Some("Số liệu khớp báo cáo thống kê"),
        },
        Step::Act {
            at: "2026-10-14T09:00:00+07:00",
            who: CHAIR,
            action: Approve,
            ids: vec!["KQ-MTCL-01-2026"],
            verdict: None,
            text: Some("Xác nhận kết quả đo mục tiêu 9 tháng"),
        },
        Step::Act {
            at: "2026-11-02T09:00:00+07:00",
            who: SECRETARY,
            action: Submit,
            ids: vec!["KH-01"],
            verdict: None,
            text: Some("Trình kế hoạch duy trì năm 2026"),
        },
        Step::Record {
            at: "2026-11-10T16:00:00+07:00",
            who: SECRETARY,
            path: "records/diagnostics/CD-2026.md",
            message: "Tự đánh giá theo TCVN ISO 18091 năm 2026",
        },
    ]
}

fn extract(dir: &Dir<'_>, root: &Path, undo: &mut Undo, files: &mut Vec<PathBuf>) -> Result<()> {
    if dir.path() == Path::new(RECORDS) {
        return Ok(());
    }
    for file in dir.files() {
        undo.write(&root.join(file.path()), file.contents())?;
        files.push(file.path().to_path_buf());
    }
    for sub in dir.dirs() {
        extract(sub, root, undo, files)?;
    }
    Ok(())
}

fn identity(workspace: &Workspace, person: &str) -> Result<Identity> {
    let p = workspace
        .signers()?
        .person(person)
        .ok_or_else(|| anyhow!("the example has no person {person}"))?;
    Ok(p.identity())
}

/// Creates the demo repository in `dir` (which must not exist or be empty).
pub(crate) fn create(dir: &Path) -> Result<usize> {
    super::refuse_non_empty(dir)?;
    let mut undo = Undo::default();
    let result = (|| -> Result<usize> {
        undo.create_dir_all(dir)?;
        let mut files = Vec::new();
        extract(&EXAMPLE, dir, &mut undo, &mut files)?;
        let (repo, created) = DocRepo::open_or_init(dir)?;
        if created {
            undo.adopt_dir(dir.join(".git"));
        }
        let workspace = Workspace::open(dir)?;
        repo.commit_files(
            &files,
            "qms: khởi tạo hệ thống quản lý chất lượng",
            &identity(&workspace, SECRETARY)?,
            &parse_timestamp("2026-01-05T08:00:00+07:00")?,
        )?;
        let mut steps = 0;
        for step in script() {
            match step {
                Step::Act {
                    at,
                    who,
                    action,
                    ids,
                    verdict,
                    text,
                } => {
                    let person = workspace.signers()?.person(who).ok_or_else(|| anyhow!("no person {who}"))?.clone();
                    let result = perform(
                        &workspace,
                        &repo,
                        &person,
                        &StepRequest {
                            action,
                            ids: ids.iter().map(|s| s.to_string()).collect(),
                            text: text.map(str::to_string),
                            verdict,
                            role: None,
                            sign: SignWith::AsPolicyRequires,
                        },
                        &parse_timestamp(at)?,
                    )
                    .with_context(|| format!("demo step {action} {ids:?} at {at}"))?;
                    steps += result.commits.len();
                }
                Step::Edit {
                    at,
                    who,
                    id,
                    replace,
                    message,
                } => {
                    let path = document_path(&workspace, &workspace.load_documents(), id)?;
                    let absolute = dir.join(&path);
                    let mut text = std::fs::read_to_string(&absolute)?;
                    for (from, to) in replace {
                        if !text.contains(from) {
                            bail!("the demo edit of {id} no longer applies: the example changed");
                        }
                        text = text.replacen(from, to, 1);
                    }
                    std::fs::write(&absolute, text)?;
                    repo.commit_files(&[path], message, &identity(&workspace, who)?, &parse_timestamp(at)?)?;
                    steps += 1;
                }
                Step::Record { at, who, path, message } => {
                    let file = EXAMPLE.get_file(path).ok_or_else(|| anyhow!("the example has no {path}"))?;
                    undo.write(&dir.join(path), file.contents())?;
                    repo.commit_files(&[PathBuf::from(path)], message, &identity(&workspace, who)?, &parse_timestamp(at)?)?;
                    steps += 1;
                }
            }
        }
        Ok(steps)
    })();
    if result.is_err() {
        undo.run();
    }
    result
}
