//! `qms demo --synthetic N`: a deterministic large corpus for benchmarks — a
//! province-sized QMS with N documents (processes with step tables, forms
//! under them, the system processes), a catalogue of administrative
//! procedures, and about three action commits per document, with some second
//! issues and withdrawals. The same N and seed give the same commit ids.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::init::{self, InitOptions};
use super::profile::ProfileName;
use super::{DocumentFactory, DocumentSpec, PlannedFile};
use crate::model::catalog::{CATALOG_FILE, Catalog, Procedure};
use crate::model::config::{CONFIG_FILE, Config, Language};
use crate::model::document::Document;
use crate::model::signers::{SIGNERS_FILE, SignerPolicy};
use crate::render::templates::Templates;
use crate::repo::{BlobId, DocRepo, Identity, RawCommit};
use crate::workflow::trailers::{Action, Trailers, Verdict};

/// A small, fast, seedable generator (SplitMix64): the corpus must not
/// depend on a library's choice of algorithm.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn some(&mut self, items: &[&str], min: usize, max: usize) -> Vec<String> {
        let count = min + self.below(max - min + 1);
        (0..count).map(|_| self.pick(items).to_string()).collect()
    }
}

const ACTIONS: &[&str] = &[
    "Cấp",
    "Cấp lại",
    "Điều chỉnh",
    "Gia hạn",
    "Thu hồi",
    "Đăng ký",
    "Xác nhận",
    "Thẩm định",
    "Phê duyệt",
    "Chứng nhận",
];
const OBJECTS: &[&str] = &[
    "giấy phép xây dựng",
    "giấy chứng nhận đủ điều kiện kinh doanh",
    "giấy phép hoạt động",
    "chứng chỉ hành nghề",
    "giấy chứng nhận quyền sử dụng đất",
    "giấy phép khai thác",
    "quyết định thành lập",
    "giấy xác nhận",
    "giấy phép lưu hành",
    "giấy chứng nhận đăng ký",
];
const QUALIFIERS: &[&str] = &[
    "đối với nhà ở riêng lẻ",
    "cho hộ kinh doanh",
    "cho tổ chức, cá nhân",
    "trong lĩnh vực y tế",
    "trong lĩnh vực giáo dục",
    "đối với công trình công cộng",
    "trên địa bàn tỉnh",
    "có yếu tố nước ngoài",
    "đối với doanh nghiệp nhỏ và vừa",
    "trong lĩnh vực môi trường",
];
const FIELDS: &[&str] = &[
    "Xây dựng",
    "Đất đai",
    "Y tế",
    "Giáo dục",
    "Tư pháp",
    "Công thương",
    "Nông nghiệp",
    "Tài nguyên và Môi trường",
    "Giao thông vận tải",
    "Văn hóa",
];
const LAWS: &[&str] = &[
    "Luật Xây dựng năm 2014 (sửa đổi 2020)",
    "Luật Đất đai năm 2024",
    "Luật Doanh nghiệp năm 2020",
    "Nghị định số 118/2025/NĐ-CP",
    "Nghị định số 30/2020/NĐ-CP",
    "Nghị định số 23/2015/NĐ-CP",
    "Luật Hộ tịch năm 2014",
    "Nghị định số 175/2024/NĐ-CP",
];
const DOSSIER: &[&str] = &[
    "Đơn đề nghị theo mẫu",
    "Bản sao giấy tờ tùy thân của người đề nghị",
    "Bản sao giấy tờ chứng minh quyền sử dụng đất",
    "Bản vẽ thiết kế kỹ thuật",
    "Văn bản ủy quyền (nếu có)",
    "Báo cáo đánh giá tác động",
    "Bản sao quyết định thành lập tổ chức",
    "Ảnh chân dung cỡ 3cm x 4cm",
];
const FIELDS_OF_FORMS: &[&str] = &[
    "Họ và tên người đề nghị",
    "Địa chỉ liên hệ",
    "Số điện thoại",
    "Nội dung đề nghị",
    "Thành phần hồ sơ kèm theo",
    "Ngày tiếp nhận",
    "Ngày hẹn trả kết quả",
    "Ý kiến của bộ phận chuyên môn",
    "Kết quả giải quyết",
];

pub(crate) struct Summary {
    pub documents: usize,
    pub commits: usize,
}

fn identity(policy: &SignerPolicy, id: &str) -> Identity {
    policy.person(id).map(|p| p.identity()).unwrap_or_else(|| Identity {
        name: id.to_string(),
        email: String::new(),
    })
}

/// Generates the corpus into `dir` (which must not exist or be empty).
pub(crate) fn create(dir: &Path, documents: usize, seed: u64) -> Result<Summary> {
    create_with(
        dir,
        &Shape {
            documents,
            seed,
            organisation: "Ủy ban nhân dân tỉnh Hòa Bình (dữ liệu tổng hợp)",
            issued_percent: 100,
        },
    )
}

/// What a generated repository looks like.
pub(crate) struct Shape<'a> {
    pub documents: usize,
    pub seed: u64,
    pub organisation: &'a str,
    /// The share of documents submitted, reviewed and approved; the others
    /// stay drafts, as in a unit that has not finished its system.
    pub issued_percent: usize,
}

/// Generates a repository of the given shape into `dir` (which must not
/// exist or be empty).
pub(crate) fn create_with(dir: &Path, shape: &Shape) -> Result<Summary> {
    let (documents, seed) = (shape.documents, shape.seed);
    super::refuse_non_empty(dir)?;
    let mut rng = Rng(seed);
    let today = jiff::civil::date(2025, 1, 2);
    let mut files = init::plan(
        &InitOptions {
            profile: ProfileName::Commune,
            lang: Language::Vi,
            org: Some(shape.organisation.to_string()),
            superior: None,
        },
        today,
    )?;
    let text_of = |files: &[PlannedFile], name: &str| {
        files
            .iter()
            .find(|f| f.path == Path::new(name))
            .map(|f| f.content.clone())
            .unwrap_or_default()
    };
    let config = Config::parse(Path::new(CONFIG_FILE), &text_of(&files, CONFIG_FILE)).map_err(|f| anyhow::anyhow!("{f}"))?;
    let signers_text = text_of(&files, SIGNERS_FILE);
    let policy = SignerPolicy::parse(Path::new(SIGNERS_FILE), &signers_text).map_err(|f| anyhow::anyhow!("{f}"))?;
    let starter: Vec<Document> = files
        .iter()
        .filter(|f| f.path.starts_with("documents"))
        .filter_map(|f| Document::parse(&f.path, &f.content).document)
        .collect();

    // Processes and their forms, numbered after the starter set.
    let extra = documents.saturating_sub(starter.len());
    let processes = extra.div_ceil(2);
    let mut catalog = Catalog::parse(Path::new(CATALOG_FILE), &text_of(&files, CATALOG_FILE)).map_err(|f| anyhow::anyhow!("{f}"))?;
    let templates = Templates::load(None)?;
    let mut factory = DocumentFactory::new(&config, &policy, &templates, Language::Vi, today);
    factory.know(&starter);
    let units: Vec<String> = config.units.iter().map(|u| u.id.clone()).collect();
    let mut generated = 0;
    for i in 0..processes {
        let procedure = Procedure {
            code: format!("9.{:06}", i + 1),
            name: format!("{} {} {}", rng.pick(ACTIONS), rng.pick(OBJECTS), rng.pick(QUALIFIERS)),
            field: Some(rng.pick(FIELDS).to_string()),
            time_limit_days: None,
            time_limit_text: Some(format!("{:02} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", 1 + rng.below(30))),
            fee: Some(format!("{}.000 đồng", 10 * (1 + rng.below(50)))),
            legal_basis: rng.some(LAWS, 1, 4),
            dossier: rng.some(DOSSIER, 2, 6),
            result: Some("Văn bản giải quyết".into()),
        };
        let number = 13 + i;
        let process = factory.create(&DocumentSpec {
            doc_type: "procedure".into(),
            title: factory.process_title(&procedure),
            id: Some(format!("QT-{number:02}")),
            owner: Some(units[rng.below(units.len())].clone()),
            author: Some("pham-thi-dung".into()),
            procedure: Some(procedure.clone()),
            // The one-stop forms every process uses, as `qms init` writes them.
            data: serde_json::json!({ "intake_forms": ["BM-06-01", "BM-06-02", "BM-06-03", "BM-06-04"] }),
            ..Default::default()
        })?;
        files.push(process.file);
        catalog.procedures.push(procedure);
        generated += 1;
        if generated < extra {
            let title = format!(
                "Phiếu {} số {}",
                rng.pick(&["đề nghị", "tiếp nhận", "theo dõi", "kiểm tra", "xác nhận"]),
                i + 1
            );
            let fields = rng.some(FIELDS_OF_FORMS, 3, 8);
            files.push(
                factory
                    .create(&DocumentSpec {
                        doc_type: "form".into(),
                        title,
                        id: Some(format!("BM-{number:02}-01")),
                        under: Some(format!("QT-{number:02}")),
                        owner: Some(units[rng.below(units.len())].clone()),
                        author: Some("pham-thi-dung".into()),
                        data: serde_json::json!({ "fields": fields, "clauses": ["8.5.1"] }),
                        ..Default::default()
                    })?
                    .file,
            );
            generated += 1;
        }
    }
    let catalog_file = files
        .iter_mut()
        .find(|f| f.path == Path::new(CATALOG_FILE))
        .expect("init writes the catalogue");
    catalog_file.content = crate::model::yaml::to_string(&catalog)?;

    // The initial commit, then the generated history.
    let mut undo = super::undo::Undo::default();
    let result = (|| -> Result<Summary> {
        undo.create_dir_all(dir)?;
        for file in &files {
            undo.write(&dir.join(&file.path), file.content.as_bytes())?;
        }
        let (repo, created) = DocRepo::open_or_init(dir)?;
        if created {
            undo.adopt_dir(dir.join(".git"));
        }
        let paths: Vec<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
        let start = crate::clock::parse_timestamp("2025-01-06T08:00:00+07:00")?;
        repo.commit_files(
            &paths,
            "qms: khởi tạo hệ thống quản lý chất lượng",
            &identity(&policy, "pham-thi-dung"),
            &start,
        )?;
        let commits = history(&files, &policy, &signers_text, &mut rng, &start, shape.issued_percent)?;
        repo.append_commits(&commits)?;
        Ok(Summary {
            documents: files.iter().filter(|f| f.path.starts_with("documents")).count(),
            commits: commits.len() + 1,
        })
    })();
    if result.is_err() {
        undo.run();
    }
    result
}

/// Writes the generated history, one minute per commit.
struct HistoryWriter<'a> {
    policy: &'a SignerPolicy,
    policy_blob: BlobId,
    start: jiff::Zoned,
    minute: i64,
    commits: Vec<RawCommit>,
}

impl HistoryWriter<'_> {
    fn tick(&mut self) -> Result<jiff::Zoned> {
        self.minute += 1;
        Ok(self.start.checked_add(jiff::Span::new().minutes(self.minute))?)
    }

    #[allow(clippy::too_many_arguments)]
    fn action(
        &mut self,
        act: Action,
        signer: &str,
        role: &str,
        doc: &Document,
        blob: &BlobId,
        verdict: Option<Verdict>,
        text: &str,
    ) -> Result<()> {
        let when = self.tick()?;
        let trailers = Trailers {
            action: act,
            document: doc.id().to_string(),
            path: doc.path.to_string_lossy().replace('\\', "/"),
            blob: blob.clone(),
            signer: signer.to_string(),
            role: role.to_string(),
            meaning: act.meaning().into(),
            signed_at: when.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            policy: self.policy_blob.clone(),
            verdict,
        };
        self.commits.push(RawCommit {
            message: trailers.message(&format!("qms: {act} {}", doc.id()), Some(text)),
            author: identity(self.policy, signer),
            when,
            changes: Vec::new(),
        });
        Ok(())
    }

    fn issue(&mut self, doc: &Document, blob: &BlobId, summary: &str) -> Result<()> {
        self.action(Action::Submit, "pham-thi-dung", "thu-ky-iso", doc, blob, None, "")?;
        self.action(
            Action::Review,
            "tran-thi-binh",
            "pho-thu-truong",
            doc,
            blob,
            Some(Verdict::Accept),
            "Đồng ý",
        )?;
        self.action(Action::Approve, "nguyen-van-an", "thu-truong", doc, blob, None, summary)
    }

    fn edit(&mut self, doc: &Document, content: String, message: String) -> Result<()> {
        let when = self.tick()?;
        self.commits.push(RawCommit {
            message,
            author: identity(self.policy, "pham-thi-dung"),
            when,
            changes: vec![(doc.path.clone(), content.into_bytes())],
        });
        Ok(())
    }
}

/// Submit, review and approve the first `issued_percent` of the documents;
/// give some of those a second issue and withdraw a few forms.
fn history(
    files: &[PlannedFile],
    policy: &SignerPolicy,
    signers_text: &str,
    rng: &mut Rng,
    start: &jiff::Zoned,
    issued_percent: usize,
) -> Result<Vec<RawCommit>> {
    let mut writer = HistoryWriter {
        policy,
        policy_blob: DocRepo::hash_blob(signers_text.as_bytes())?,
        start: start.clone(),
        minute: 0,
        commits: Vec::new(),
    };
    let documents: Vec<(Document, String)> = files
        .iter()
        .filter(|f| f.path.starts_with("documents"))
        .filter_map(|f| Some((Document::parse(&f.path, &f.content).document?, f.content.clone())))
        .collect();
    let issued = documents.len() * issued_percent.min(100) / 100;
    let documents = &documents[..issued];
    for (doc, content) in documents {
        writer.issue(doc, &DocRepo::hash_blob(content.as_bytes())?, "Ban hành lần đầu")?;
    }
    for (doc, content) in documents {
        let roll = rng.below(100);
        if roll < 5 {
            let revised = format!("{content}\nSửa đổi lần 2: cập nhật căn cứ pháp lý mới.\n");
            writer.edit(doc, revised.clone(), format!("{}: cập nhật căn cứ pháp lý", doc.id()))?;
            writer.issue(doc, &DocRepo::hash_blob(revised.as_bytes())?, "Cập nhật căn cứ pháp lý")?;
        } else if roll == 5 && doc.front.doc_type == "form" && !doc.id().starts_with("BM-0") {
            let blob = DocRepo::hash_blob(content.as_bytes())?;
            writer.action(
                Action::Withdraw,
                "nguyen-van-an",
                "thu-truong",
                doc,
                &blob,
                None,
                "Không còn sử dụng",
            )?;
        }
    }
    Ok(writer.commits)
}
