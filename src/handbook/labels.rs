//! The handbook's labels in Vietnamese and English. Templates read them as
//! `labels.<key>`, so a template override never hard-codes one language.

use std::collections::BTreeMap;

use crate::model::config::Language;

const LABELS: &[(&str, &str, &str)] = &[
    (
        "handbook",
        "Sổ tay hệ thống quản lý chất lượng",
        "Quality management system handbook",
    ),
    ("home", "Trang chủ", "Home"),
    ("register", "Danh mục tài liệu nội bộ", "Register of documents"),
    ("clauses", "Ma trận điều khoản ISO 9001:2015", "ISO 9001:2015 clause matrix"),
    ("tthc", "Thủ tục hành chính", "Administrative procedures"),
    ("obsolete", "Tài liệu hết hiệu lực", "Obsolete documents"),
    ("print", "Bản in", "Print"),
    ("search", "Tìm kiếm", "Search"),
    (
        "search_placeholder",
        "Tìm tài liệu (gõ có dấu hoặc không dấu)…",
        "Search documents…",
    ),
    ("no_results", "Không tìm thấy tài liệu phù hợp.", "No matching document."),
    ("id", "Mã số", "Code"),
    ("title", "Tên tài liệu", "Title"),
    ("type", "Loại", "Type"),
    ("unit", "Đơn vị", "Unit"),
    ("issue", "Lần ban hành", "Issue"),
    ("effective_date", "Ngày hiệu lực", "Effective date"),
    ("page", "Trang", "Page"),
    ("all", "Tất cả", "All"),
    ("signatures", "Xác nhận", "Signatures"),
    ("name", "Họ và tên", "Name"),
    ("role", "Chức vụ", "Role"),
    ("signed_at", "Thời điểm", "Date and time"),
    ("meaning", "Ý nghĩa", "Meaning"),
    ("signature_status", "Chữ ký số", "Digital signature"),
    ("verified", "Đã xác thực", "Verified"),
    ("unsigned", "Không ký số", "Unsigned"),
    ("invalid", "Không hợp lệ", "Invalid"),
    ("revisions", "Theo dõi sửa đổi", "Revision history"),
    ("summary", "Tóm tắt nội dung sửa đổi", "Summary of change"),
    ("date", "Ngày", "Date"),
    ("approver", "Người phê duyệt", "Approved by"),
    ("uses", "Tài liệu sử dụng", "Uses"),
    ("used_by", "Được sử dụng bởi", "Used by"),
    ("clause", "Điều khoản", "Clause"),
    ("documents", "Tài liệu", "Documents"),
    ("gap", "Chưa có tài liệu", "No document"),
    ("clause_title", "Tên điều khoản", "Clause title"),
    (
        "through_subclauses",
        "Đáp ứng qua các điều khoản con",
        "Covered through its sub-clauses",
    ),
    ("code", "Mã TTHC", "Code"),
    ("procedure", "Thủ tục", "Procedure"),
    ("field", "Lĩnh vực", "Field"),
    (
        "legal_limit",
        "Thời hạn theo quy định (ngày làm việc)",
        "Legal time limit (working days)",
    ),
    ("process", "Quy trình", "Process"),
    (
        "step_total",
        "Tổng thời gian các bước (ngày làm việc)",
        "Total step time (working days)",
    ),
    ("mismatch", "Vượt thời hạn", "Over the limit"),
    ("no_process", "Chưa có quy trình", "No process"),
    ("withdrawn_at", "Ngày thu hồi", "Withdrawn on"),
    ("reason", "Lý do", "Reason"),
    ("last_issue", "Lần ban hành cuối", "Last issue"),
    ("by", "Người thu hồi", "Withdrawn by"),
    ("draft", "BẢN NHÁP / DRAFT", "DRAFT"),
    (
        "draft_notice",
        "Bản nháp chưa được phê duyệt — không dùng làm căn cứ.",
        "An unapproved draft — not for use.",
    ),
    ("contents", "Mục lục", "Contents"),
    ("policy", "Chính sách chất lượng", "Quality policy"),
    ("scope", "Phạm vi áp dụng", "Scope"),
    ("how_to_use", "Cách sử dụng sổ tay", "How to use this handbook"),
    (
        "how_to_use_text",
        "Sổ tay chỉ đăng bản đang hiệu lực của mỗi tài liệu, lấy từ lịch sử phê duyệt. Dùng ô tìm kiếm (gõ có dấu hoặc không dấu), danh mục tài liệu, ma trận điều khoản và danh sách thủ tục hành chính để tra cứu; mỗi tài liệu có khối thông tin, chữ ký xác nhận và bảng theo dõi sửa đổi. Bản in khổ A4 ở mục Bản in.",
        "The handbook shows only the effective issue of each document, taken from the approval history. Use the search box, the register, the clause matrix and the list of administrative procedures; every document carries its header block, signatures and revision history. An A4 printable version is under Print.",
    ),
    ("generated", "Cập nhật", "Generated"),
    ("organisation", "Cơ quan", "Organisation"),
    ("documents_count", "tài liệu đang hiệu lực", "effective documents"),
];

pub fn labels(lang: Language) -> BTreeMap<&'static str, &'static str> {
    LABELS.iter().map(|(key, vi, en)| (*key, lang.pick(vi, en))).collect()
}
