## qms --help bằng tiếng Việt. Bản tiếng Anh là chú thích trong mã (clap);
## mỗi lệnh và tham số có trợ giúp tiếng Anh phải có một mục ở đây (một phép
## thử kiểm tra). Khóa: qms-LỆNH (mô tả ngắn), qms-LỆNH-long (mô tả đầy đủ),
## qms-LỆNH-examples (ví dụ), qms-LỆNH--THAM_SỐ (trợ giúp tham số);
## args--THAM_SỐ dùng chung cho mọi lệnh không có mục riêng.

help-subcommand = In trợ giúp này, hoặc trợ giúp của lệnh con được nêu

qms = qms — hệ thống ISO điện tử theo TCVN ISO 9001:2015
qms-long =
    qms — hệ thống ISO điện tử theo TCVN ISO 9001:2015.

    Tài liệu là tệp Markdown có phần đầu YAML trong một kho git; xem xét và phê duyệt là các commit. qms kiểm tra bộ tài liệu, liệt kê và tìm kiếm, tạo tài liệu mới và cả kho tài liệu. Hồ sơ trong năm nằm cùng chỗ: đánh giá nội bộ, sự không phù hợp, đo lường mục tiêu, rủi ro, xem xét của lãnh đạo, và đánh giá của cơ quan cấp trên.
qms-examples =
    Ví dụ:
      qms init uy-ban-xa --profile commune      tạo hệ thống quản lý chất lượng khởi đầu cho một xã
      qms -C uy-ban-xa check                    kiểm tra mọi tài liệu
      qms list --type procedure                 danh mục các quy trình
      qms search "dang ky khai sinh"            tìm nội dung, có dấu hay không dấu

    Mã thoát: 0 thành công, 1 có vấn đề, 2 sai cú pháp lệnh hoặc lỗi.
    Biến môi trường: QMS_USER (người thực hiện), QMS_TIMESTAMP (cố định đồng hồ), NO_COLOR.
qms--directory = Chạy như thể qms được mở trong THƯ_MỤC
qms--color = Khi nào dùng màu: auto (trên terminal, trừ khi đặt NO_COLOR), always, never
qms--quiet = In ít hơn (chỉ lỗi và kết quả)
qms--verbose = In thêm về việc đang làm
qms--lang = Ngôn ngữ của nhãn, thông báo, báo cáo và hồ sơ do lệnh ghi (mặc định: `language` trong qms.yaml)
qms--help = In trợ giúp (-h: bản tóm tắt, --help: bản đầy đủ)
qms--version = In phiên bản

qms-init = Tạo kho hệ thống quản lý chất lượng với bộ tài liệu khởi đầu đầy đủ
qms-init-long =
    Tạo kho hệ thống quản lý chất lượng với bộ tài liệu khởi đầu đầy đủ.

    Ghi qms.yaml, chính sách người ký (.qms/signers.yaml), danh mục thủ tục hành chính mẫu (catalog/tthc.yaml) và các tài liệu khởi đầu: sổ tay chất lượng với phạm vi áp dụng, chính sách chất lượng, mục tiêu chất lượng, các quy trình hệ thống (kiểm soát tài liệu, đánh giá nội bộ, sự không phù hợp và hành động khắc phục, xem xét của lãnh đạo, rủi ro, bộ phận một cửa) cùng biểu mẫu, và một quy trình cho mỗi thủ tục hành chính của hồ sơ mẫu. Tất cả nằm trong một commit; kết quả qua được `qms check`.

    THƯ_MỤC được tạo nếu chưa có. Một kho git có sẵn được dùng tiếp: lịch sử được giữ và commit chỉ gồm các tệp mới. Thư mục đã có qms.yaml thì bị từ chối.
qms-init--dir = Thư mục của kho (mặc định: thư mục hiện tại)
qms-init--profile = Loại cơ quan, quyết định các đơn vị, con người và thủ tục mẫu
qms-init--org = Tên cơ quan (mặc định: tên mẫu của hồ sơ)
qms-init--superior = Tên cơ quan cấp trên, như văn bản hành chính ghi (ví dụ "Ủy ban nhân dân tỉnh An Phước"; mặc định: tên mẫu)

qms-new = Tạo tài liệu mới từ mẫu của loại tài liệu, với mã còn trống tiếp theo
qms-new-long =
    Tạo tài liệu mới từ mẫu của loại tài liệu, với mã còn trống tiếp theo.

    Mã theo mẫu đánh số của qms.yaml (QT-08 sau QT-07; biểu mẫu đánh số theo quy trình: `--under QT-07` cho BM-07-03 sau BM-07-02). Tên tệp là mã và tiêu đề không dấu (QT-08-dang-ky-khai-sinh.md), trong thư mục của loại tài liệu. Người xem xét và phê duyệt là các vai trò mà chính sách người ký cho phép với loại đó; người soạn thảo là người đang thực hiện (QMS_USER, hoặc người có email git của bạn).

    Tệp mới được commit riêng (không kèm gì khác bạn đã stage hay sửa) trừ khi có `--no-commit`.
qms-new--doc_type = Loại tài liệu: policy, objectives, manual, procedure, instruction, form, plan, external (hoặc một loại trong qms.yaml)
qms-new--title = Tiêu đề tài liệu
qms-new--id = Dùng mã này thay cho mã còn trống tiếp theo
qms-new--owner = Đơn vị chủ trì tài liệu (mặc định: đơn vị đầu tiên trong qms.yaml)
qms-new--under = Với biểu mẫu: quy trình mà biểu mẫu thuộc về
qms-new--tthc = Với quy trình: thủ tục hành chính (mã trong danh mục) mà quy trình thực hiện
qms-new--no_commit = Ghi tệp nhưng không commit

qms-list = Liệt kê danh mục tài liệu
qms-list-long =
    Liệt kê danh mục tài liệu.

    Mỗi tài liệu một dòng: mã, tên, loại, đơn vị chủ trì và tình trạng. Mã được sắp theo thứ tự tự nhiên (QT-2 trước QT-10); `--sort title` sắp theo thứ tự từ điển tiếng Việt.
args--doc_type = Chỉ tài liệu thuộc loại này (policy, procedure, form, …)
args--owner = Chỉ tài liệu của đơn vị này
args--clause = Chỉ tài liệu đáp ứng điều khoản ISO 9001 này (hoặc một điều khoản con)
args--tthc = Chỉ quy trình thực hiện thủ tục hành chính có mã này
args--author = Chỉ tài liệu do người này soạn thảo
qms-list--sort = Sắp theo mã (thứ tự tự nhiên), tên hoặc đơn vị (thứ tự tiếng Việt)

qms-show = Xem một tài liệu: phần đầu, tình trạng và các lần ban hành, rồi nội dung
qms-show-long =
    Xem một tài liệu: phần đầu, tình trạng và các lần ban hành, rồi nội dung.

    Không có --issue thì nội dung lấy từ thư mục làm việc; với --issue N, nội dung đọc từ git đúng như đã được phê duyệt ở lần ban hành N.
qms-show--id = Mã tài liệu, ví dụ QT-07
qms-show--issue = Xem nội dung của lần ban hành này, đúng như đã phê duyệt

qms-search = Tìm trong tiêu đề và nội dung, không phân biệt hoa thường và dấu
qms-search-long =
    Tìm trong tiêu đề và nội dung, không phân biệt hoa thường và dấu.

    `quy trinh` tìm thấy "Quy trình", `dang ky khai sinh` tìm thấy "Đăng ký khai sinh" (đ được coi như d). Mọi từ phải có trong tài liệu; kết quả khớp nhất (đủ cụm từ, có trong tiêu đề) đứng đầu. Mỗi kết quả hiện dòng chứa nó.
qms-search--text = Các từ cần tìm (nhiều từ: phải có đủ)
qms-search--limit = Tối đa bấy nhiêu tài liệu

qms-check = Kiểm tra toàn bộ bộ tài liệu
qms-check-long =
    Kiểm tra toàn bộ bộ tài liệu.

    Kiểm tra cấu hình, chính sách người ký và danh mục thủ tục, rồi mọi tài liệu trong documents/: phần đầu và các trường, mã (định dạng, tiền tố, trùng lặp), đơn vị và con người, liên kết, điều khoản ISO 9001, mã thủ tục hành chính và độ bao phủ danh mục, biểu mẫu và quy trình của chúng, các tài liệu tiêu chuẩn bắt buộc, thời hạn giải quyết theo quy định, văn bản pháp luật được dẫn chiếu, nội dung còn để mẫu, liên kết Markdown tương đối, và dữ liệu nguy hiểm (mã hóa, ký tự vô hình, kích thước, bí danh và thẻ YAML). Một tài liệu hỏng không làm dừng việc kiểm tra các tài liệu khác.

    Mã thoát 0 khi không có lỗi (cảnh báo vẫn được), 1 khi có lỗi, 2 khi không kiểm tra được.
qms-check--format = Định dạng kết quả: human (theo từng tệp), json (lược đồ có phiên bản), sarif, junit, github (lệnh workflow; mặc định khi GITHUB_ACTIONS=true) hoặc gitlab (Code Quality)
qms-check--exit_zero = Chỉ báo cáo: thoát với mã 0 kể cả khi có lỗi
qms-check--staged = Kiểm tra chỉ mục — những gì `git commit` sẽ commit — không phải thư mục làm việc
qms-check--rev = Kiểm tra một commit (nhánh, thẻ hoặc mã), đọc từ git

qms-submit = Trình xem xét tài liệu: nội dung đã commit là nội dung sẽ được xem xét
qms-submit-long =
    Trình xem xét tài liệu: nội dung đã commit là nội dung sẽ được xem xét.

    Ghi một commit hành động cho mỗi tài liệu (cây tệp giữ nguyên) gắn bạn, ý nghĩa "trình" và đúng nội dung đó. Bị từ chối khi tài liệu còn chỉnh sửa chưa commit, khi nội dung đó đã được trình hoặc đã có hiệu lực, hoặc khi tài liệu đã bị thu hồi. Nhiều mã: được cả hoặc không gì cả.
qms-submit--message = Ghi chú cho người xem xét
args--sign = Ký số commit hành động (khóa SSH hoặc GPG trong user.signingkey của git, hoặc --key). Tự động ký khi qms.yaml đặt `signing: required`
args--key = Khóa ký: tệp khóa riêng hoặc `key::ssh-ed25519 …` với SSH, mã khóa với GPG
args--role = Ký với vai trò này (mặc định: vai trò đầu tiên của bạn được phép)

qms-review = Xem xét tài liệu đã trình: đồng ý để phê duyệt, hoặc yêu cầu sửa
qms-review-long =
    Xem xét tài liệu đã trình: đồng ý để phê duyệt, hoặc yêu cầu sửa.

    Bạn phải là một người xem xét của tài liệu (đích danh, hoặc theo vai trò bạn giữ) và vai trò của bạn phải được xem xét loại tài liệu đó. Lần xem xét gắn với đúng nội dung đã trình.
qms-review--accept = Đồng ý với nội dung
qms-review--reject = Yêu cầu sửa nội dung (nêu lý do bằng -m)
qms-review--message = Ý kiến của bạn

qms-approve = Phê duyệt tài liệu: nội dung đã commit trở thành lần ban hành tiếp theo
qms-approve-long =
    Phê duyệt tài liệu: nội dung đã commit trở thành lần ban hành tiếp theo.

    Bạn phải là một người phê duyệt của tài liệu và vai trò của bạn phải được phê duyệt loại đó. Khi qms.yaml đặt `review_before_approval`, cùng nội dung đó phải được xem xét đồng ý trước. Một quy trình vượt thời hạn luật định, hay tài liệu còn hướng dẫn của mẫu hoặc mục để trống, không được phê duyệt. Ghi chú trở thành "tóm tắt nội dung sửa đổi" trong bảng theo dõi sửa đổi. Tệp chính sách được phê duyệt theo đường dẫn: `qms approve qms.yaml`, `qms approve .qms/signers.yaml`.
qms-approve--message = Tóm tắt nội dung sửa đổi, hiện trong bảng theo dõi sửa đổi

qms-withdraw = Thu hồi tài liệu: tài liệu hết hiệu lực
qms-withdraw-long =
    Thu hồi tài liệu: tài liệu hết hiệu lực.

    Cần cùng thẩm quyền như phê duyệt. Tệp vẫn ở trong kho và lịch sử được giữ; sổ tay liệt kê tài liệu là hết hiệu lực.
qms-withdraw--message = Lý do (bắt buộc)

qms-ack = Xác nhận đã đọc: bạn đã đọc và hiểu lần ban hành đang hiệu lực của tài liệu

qms-status = Việc đang chờ, chờ ai, và việc quá hạn
qms-status-long =
    Việc đang chờ, chờ ai, và việc quá hạn.

    Liệt kê tài liệu chờ xem xét hoặc phê duyệt, tài liệu đã sửa (hoặc mới soạn) nhưng chưa trình, chỉnh sửa chưa commit, tài liệu quá hạn rà soát định kỳ (`review_interval_months` kể từ lần phê duyệt hoặc xem xét đồng ý gần nhất), tài liệu hiệu lực mà người của đơn vị chủ trì chưa xác nhận đã đọc, sự không phù hợp chờ bước tiếp theo, và các hành động quá hạn. --mine chỉ giữ việc chờ bạn (QMS_USER hoặc email git của bạn).
qms-status--mine = Chỉ những việc chờ người đang thực hiện

qms-log = Dòng thời gian của một tài liệu: mọi lần trình, xem xét, phê duyệt, thu hồi và xác nhận đã đọc, với thông tin của từng chữ ký — họ tên, vai trò, ngày giờ và múi giờ, ý nghĩa, commit và tình trạng chữ ký
qms-log--id = Mã tài liệu (hoặc qms.yaml / .qms/signers.yaml)

qms-diff = Xem tài liệu thay đổi gì giữa hai phiên bản, dạng diff hợp nhất
qms-diff-long =
    Xem tài liệu thay đổi gì giữa hai phiên bản, dạng diff hợp nhất.

    Một phiên bản là số lần ban hành (1, 2, …), `head` (nội dung đã commit) hoặc `work` (thư mục làm việc). Mặc định so sánh lần ban hành gần nhất với head.
qms-diff-examples =
    Ví dụ:
      qms diff QT-07            lần ban hành gần nhất so với nội dung đã commit
      qms diff QT-07 1 2        lần ban hành 1 so với lần ban hành 2
      qms diff QT-07 2 work     lần ban hành 2 so với chỉnh sửa chưa commit của bạn
qms-diff--from = Phiên bản cũ (mặc định: lần ban hành gần nhất)
qms-diff--to = Phiên bản mới (mặc định: head)

qms-verify = Xác thực mọi phê duyệt và chữ ký trong lịch sử
qms-verify-long =
    Xác thực mọi phê duyệt và chữ ký trong lịch sử.

    Đối chiếu từng commit hành động với các quy tắc của giao thức phê duyệt: cây tệp giống commit cha; Qms-Blob là nội dung của tài liệu trong commit cha; người ký và vai trò có trong chính sách người ký đang hiệu lực ở commit cha (một thay đổi chưa được phê duyệt của tệp chính sách làm mất giá trị những gì dựa vào nó); vai trò được ký với ý nghĩa đó cho tài liệu đó; các quy tắc xem xét được tuân thủ; và khi có chữ ký, hoặc khi chính sách yêu cầu, chữ ký được tạo bằng một khóa mà chính sách ghi cho người ký đó. Tên tác giả và người commit không mang thẩm quyền gì.

    Theo từng tài liệu: APPROVED (đã phê duyệt), STALE (đã sửa sau lần ban hành gần nhất), UNAPPROVED (chưa phê duyệt), WITHDRAWN (đã thu hồi) hoặc INVALID (không hợp lệ). Với --trust-root, lịch sử đến commit đó được tin cậy và commit đó phải còn trong lịch sử (một lần đẩy ép làm mất nó sẽ bị báo). Mã thoát 1 khi có gì không hợp lệ.
qms-verify-examples =
    Ví dụ:
      qms verify
      qms verify -v                       mọi chữ ký, không chỉ chữ ký không hợp lệ
      qms verify --trust-root 3f9a2c1     xét lịch sử từ một commit đã biết
      qms verify --no-cache               duyệt toàn bộ (CI)
      qms verify --format json
qms-verify--trust_root = Commit mà hệ thống quản lý chất lượng bắt đầu (mặc định: `git config qms.trustRoot`, nếu không thì commit gốc duy nhất của lịch sử). Lịch sử đến đó được tin cậy như hiện có; commit này phải còn trong lịch sử
qms-verify--no_cache = Duyệt toàn bộ lịch sử; không đọc cũng không ghi bộ nhớ đệm trong `.git/qms/` (CI nên làm vậy)
qms-verify--format = Định dạng kết quả: human, json, sarif, junit, github (mặc định khi GITHUB_ACTIONS=true) hoặc gitlab
qms-verify--exit_zero = Chỉ báo cáo: thoát với mã 0 kể cả khi có gì không hợp lệ

qms-sync = Cập nhật nhánh theo kho dùng chung, giữ nguyên mọi chữ ký
qms-sync-long =
    Cập nhật nhánh theo kho dùng chung, giữ nguyên mọi chữ ký.

    Tải nhánh hiện tại từ kho xa và hợp nhất — không bao giờ rebase: `git pull --rebase` viết lại từng commit hành động và làm mất chữ ký, nên với `signing: required` phê duyệt trở nên không hợp lệ và hook máy chủ từ chối. Commit hợp nhất là một commit nội dung thông thường; mọi phê duyệt ở hai phía giữ chữ ký và được xét theo lịch sử của chính nó. Một lần hợp nhất bị xung đột được hoàn tác, mọi thứ giữ nguyên. Với --push, kết quả được đẩy lên.
qms-sync-examples =
    Ví dụ:
      qms sync                  tải và hợp nhất bản trên origin của nhánh này
      qms sync --push           và đẩy kết quả lên
      qms sync --remote so-noi-vu
qms-sync--remote = Kho xa để đồng bộ
qms-sync--push = Đẩy nhánh lên sau khi hợp nhất

qms-build = Xuất bản sổ tay: trang HTML tĩnh của các tài liệu đang hiệu lực
qms-build-long =
    Xuất bản sổ tay: trang HTML tĩnh của các tài liệu đang hiệu lực.

    Đọc lần ban hành hiệu lực của mọi tài liệu từ git — không bao giờ từ thư mục làm việc, nên chỉnh sửa chưa phê duyệt không bao giờ xuất hiện. Ghi trang chủ, danh mục tài liệu (lọc theo loại và đơn vị), mỗi tài liệu một trang với bảng thông tin, chữ ký và bảng theo dõi sửa đổi, ma trận điều khoản ISO 9001, danh mục thủ tục hành chính (thời hạn luật định bên cạnh tổng thời gian các bước), các tài liệu hết hiệu lực, bản in print.html, và tìm kiếm ngoại tuyến. Văn bản hành chính (quyết định công bố) được trình bày theo Nghị định số 30/2020/NĐ-CP. Trang chạy được từ file:// và từ bất kỳ máy chủ web nào, không cần mạng.

    Một dẫn chiếu tới tài liệu chưa có lần ban hành hiệu lực làm dừng việc dựng, kèm danh sách mọi dẫn chiếu như vậy. Các mẫu trong templates/handbook/ của kho thay cho mẫu có sẵn (`qms templates eject`).
qms-build-examples =
    Ví dụ:
      qms build
      qms build --out /var/www/so-tay --pdf
      qms build --drafts              gồm cả bản nháp chưa phê duyệt, có dấu BẢN NHÁP
qms-build--out = Nơi ghi trang (mặc định: public/ trong kho)
qms-build--drafts = Gồm cả tài liệu chưa có lần ban hành hiệu lực, đánh dấu là bản nháp
qms-build--pdf = Ghi thêm handbook.pdf bằng Chromium chạy ẩn

qms-serve = Xem trước sổ tay trong khi soạn: máy chủ web trên chính máy này
qms-serve-long =
    Xem trước sổ tay trong khi soạn: máy chủ web trên chính máy này.

    Dựng sổ tay như `qms build` (vào một thư mục tạm, hoặc --out) và phục vụ tại http://127.0.0.1:CỔNG/. Mọi thay đổi của kho — một commit, một lần phê duyệt, một mẫu — được dựng lại (chỉ phần bị ảnh hưởng) và trang đang mở trong trình duyệt tự tải lại; lần dựng lại không thành công giữ sổ tay trước đó và hiện lý do trên trang. Với --drafts, nội dung mới nhất của mọi tài liệu được hiển thị, kèm dải BẢN NHÁP khi đó không phải lần ban hành hiệu lực: tài liệu chưa từng được phê duyệt, bản sửa đổi đã commit nhưng chưa phê duyệt, và tệp đã lưu nhưng chưa commit. /__qms/status liệt kê kết quả `qms check` và `qms status` của kho.

    Chỉ máy này kết nối được, trừ khi --bind chỉ định địa chỉ khác; chỉ các tệp trong thư mục sổ tay được phục vụ. Ctrl+C để dừng.
qms-serve-examples =
    Ví dụ:
      qms serve
      qms serve --drafts               hiện bản nháp và chỉnh sửa chưa commit trong khi soạn
      qms serve --port 0               một cổng trống bất kỳ (được in ra)
      qms serve --bind 0.0.0.0         mở bản xem trước cho mạng nội bộ
qms-serve--drafts = Hiện nội dung mới nhất của mọi tài liệu (chưa từng phê duyệt, đã sửa nhưng chưa phê duyệt, hoặc đã lưu nhưng chưa commit), đánh dấu là bản nháp
qms-serve--port = Cổng lắng nghe (0: một cổng trống bất kỳ)
qms-serve--bind = Địa chỉ lắng nghe; địa chỉ không phải loopback cho phép máy khác đọc bản xem trước
qms-serve--out = Dựng vào DIR và giữ lại (lần serve hoặc build --out DIR sau bắt đầu từ đó); mặc định: thư mục tạm, xoá khi dừng

qms-demo = Dựng cơ quan mẫu đi kèm với lịch sử như thật, và xuất bản sổ tay của nó
qms-demo-long =
    Dựng cơ quan mẫu đi kèm với lịch sử như thật, và xuất bản sổ tay của nó.

    Tạo THƯ_MỤC (mặc định: qms-demo) là một kho git chứa Ủy ban nhân dân xã mẫu — cấu hình, chính sách người ký, danh mục thủ tục hành chính và các tài liệu — với mười tháng lịch sử của nhiều người: trình, một lần xem xét yêu cầu sửa và việc sửa, phê duyệt, lần ban hành thứ hai, xác nhận đã đọc, một hướng dẫn bị thu hồi và một kế hoạch đang xem xét. Sau đó dựng sổ tay vào THƯ_MỤC/public và in đường dẫn để mở. Mọi lệnh khác đều dùng được trên đó: `qms -C THƯ_MỤC list`, `status`, `log QT-07`, `verify`.
qms-demo-examples =
    Ví dụ:
      qms demo
      qms demo /tmp/ubnd-hoa-binh && qms -C /tmp/ubnd-hoa-binh log QT-07
      qms demo --synthetic 10000 --seed 7 /tmp/tinh   bộ dữ liệu cho đo hiệu năng
      qms demo --units 3300 /tmp/ca-nuoc && qms assess --units /tmp/ca-nuoc/units.yaml
qms-demo--dir = Thư mục cần tạo (phải chưa có, hoặc trống)
qms-demo--synthetic = Thay cho cơ quan mẫu, sinh bộ dữ liệu lớn N tài liệu với khoảng ba commit hành động mỗi tài liệu (để đo hiệu năng); không dựng sổ tay
qms-demo--units = Thay cho cơ quan mẫu, sinh N kho nhỏ, khác nhau của các đơn vị (xã, phường của 34 tỉnh, thành phố; cứ năm mươi đơn vị có một không đọc được) và tệp units.yaml để `qms assess --units` tổng hợp
qms-demo--seed = Hạt giống của bộ dữ liệu tổng hợp hoặc các đơn vị: cùng N và hạt giống cho cùng các commit

qms-tthc = Danh mục thủ tục hành chính
qms-tthc-import = Nhập các thủ tục của cơ quan vào catalog/tthc.yaml
qms-tthc-import-long =
    Nhập các thủ tục của cơ quan vào catalog/tthc.yaml.

    TỆP là tệp .csv (UTF-8, dấu phẩy hoặc chấm phẩy), .xlsx hoặc .yaml, ví dụ danh sách xuất từ Cổng dịch vụ công. Các cột được nhận theo tiêu đề, có dấu hay không dấu: Mã TTHC / Mã thủ tục, Tên thủ tục, Lĩnh vực, Thời hạn giải quyết, Phí, lệ phí; các cột khác bỏ qua. Thủ tục được gộp theo mã: nhập lại không bao giờ tạo trùng. Thiếu thời hạn hay lệ phí thì ghi rõ là chưa có, không tự điền.

    Với --scaffold, mỗi thủ tục chưa có quy trình được tạo một quy trình từ mẫu, điền tên, mã và thời hạn.

    Các tệp thay đổi được commit riêng trừ khi có --no-commit.
qms-tthc-import--scaffold = Tạo tài liệu quy trình cho mọi thủ tục chưa có
qms-tthc-import--owner = Đơn vị chủ trì các quy trình được tạo (mặc định: đơn vị đầu tiên)
qms-tthc-import--no_commit = Ghi các tệp nhưng không commit
qms-tthc-list = Liệt kê các thủ tục trong danh mục cùng quy trình thực hiện mỗi thủ tục

qms-export = Trao tài liệu theo định dạng các cơ quan dùng
qms-export-docx = Ghi tài liệu thành tệp Word (.docx) theo thể thức văn bản hành chính
qms-export-docx-long =
    Ghi tài liệu thành tệp Word (.docx) theo thể thức văn bản hành chính.

    Mỗi tài liệu được ghi đúng như sổ tay công bố: nội dung đã phê duyệt của lần ban hành đang hiệu lực, không bao giờ lấy thư mục làm việc. Trang A4, phông Times New Roman cỡ 13, lề 20 mm (lề trái 30 mm); mọi trang có bảng tiêu đề (tên cơ quan; loại và tên tài liệu; Mã số, Lần ban hành, Ngày hiệu lực và số trang); bảng ký tên ghi người soạn thảo, xem xét, phê duyệt và thời điểm; phần nội dung giữ đề mục, danh sách và bảng; cuối cùng là bảng theo dõi sửa đổi. Quyết định, báo cáo được trình bày theo Nghị định 30/2020 (Quốc hiệu, số và ngày, nơi nhận, chữ ký). Mỗi tài liệu một tệp MÃ.docx trong --out.
qms-export-docx--all = Mọi tài liệu đang hiệu lực
qms-export-docx--out = Nơi ghi các tệp (mặc định: public/word/ trong kho)
qms-export-docx--drafts = Cả tài liệu chưa có lần ban hành hiệu lực, đánh dấu BẢN NHÁP

qms-import = Đưa tài liệu vào từ các định dạng cơ quan đang lưu
qms-import-docx = Chuyển các quy trình Word (.docx) thành tài liệu của kho
qms-import-docx-long =
    Chuyển các quy trình Word (.docx) thành tài liệu của kho.

    Đọc khối tiêu đề ISO (Mã số, tên tài liệu, Lần ban hành, Ngày hiệu lực) ở đầu trang hoặc bảng đầu tiên, và bảng ký tên (người soạn thảo thành tác giả khi chính sách người ký có tên đó). Phần nội dung giữ các đề mục (kiểu đề mục của Word, hoặc dòng in đậm đánh số như "5.2. Thành phần hồ sơ"), đoạn văn với chữ đậm, nghiêng, danh sách và bảng; bảng tiêu đề, bảng ký tên và bảng theo dõi sửa đổi không đưa vào nội dung. Mỗi tài liệu nhận phần đầu (front-matter) theo loại của nó (theo tiền tố của mã, hoặc --type) và nằm trong thư mục của loại; mã hay tệp đã có không bao giờ bị ghi đè. Mọi tệp của một lần chạy vào cùng một commit. Những gì cần sửa tay (ô bảng gộp, hình ảnh, tên không có trong danh sách) được báo theo tệp và đoạn.
qms-import-docx-examples =
    Ví dụ:
      qms import docx QT-07.docx
      qms import docx cu/ --dry-run             mọi tệp .docx trong thư mục, chỉ báo cáo
      qms import docx ho-so.docx --type form --id BM-07-03
qms-export-docx-examples =
    Ví dụ:
      qms export docx QT-07                  public/word/QT-07.docx
      qms export docx --all --out ban-in/
      qms export docx QT-12 --drafts         bản nháp, đánh dấu BẢN NHÁP / DRAFT
qms-import-docx--files = Các tệp Word; một thư mục là mọi tệp .docx trong đó
qms-import-docx--doc_type = Loại tài liệu cho tất cả (mặc định: theo tiền tố của mã)
qms-import-docx--id = Mã, khi nhập một tệp mà khối tiêu đề không ghi mã
qms-import-docx--owner = Đơn vị chủ trì (mặc định: đơn vị đầu tiên trong qms.yaml)
qms-import-docx--dry_run = Chỉ báo những gì sẽ nhập; không ghi gì

qms-hook = Cài hook git giữ cho kho hệ thống quản lý chất lượng lành mạnh
qms-hook-long =
    Cài hook git giữ cho kho hệ thống quản lý chất lượng lành mạnh.

    `install --pre-commit` thêm hook phía máy người dùng, chạy `qms check --staged` trước mỗi commit. `install --server KHO_TRẦN` thêm hook `pre-receive` vào kho trần dùng chung, từ chối kèm thông báo cho người đẩy mọi lần đẩy mà commit mới chứa commit hành động không hợp lệ (phê duyệt giả mạo hoặc không có thẩm quyền, phê duyệt làm thay đổi nội dung, sai nội dung, thiếu chữ ký bắt buộc), đưa vào một commit gốc thứ hai, hoặc viết lại lịch sử của nhánh được bảo vệ. Commit gốc của kho dùng chung được ghim làm gốc tin cậy (`qms.trustRoot`).
qms-hook-install = Ghi các hook
qms-hook-install--pre_commit = Hook phía máy người dùng: `qms check --staged` trước mỗi commit
qms-hook-install--server = Hook máy chủ, trong kho trần này
qms-hook-install--protect = Các nhánh không được viết lại lịch sử (mặc định: main và master)
qms-hook-install--force = Thay hook không do qms ghi
qms-hook-pre-receive = Việc hook máy chủ chạy: đọc các dòng `<cũ> <mới> <ref>` từ stdin

qms-completions = In tập lệnh tự hoàn thành cho shell
qms-completions-long =
    In tập lệnh tự hoàn thành cho shell.

    bash: `qms completions bash > ~/.local/share/bash-completion/completions/qms`; zsh: `qms completions zsh > ~/.zfunc/_qms` (với `fpath+=~/.zfunc` trước `compinit`); fish: `qms completions fish > ~/.config/fish/completions/qms.fish`; PowerShell: `qms completions powershell >> $PROFILE`.
qms-man = In trang hướng dẫn (roff), ví dụ `qms man > qms.1 && man ./qms.1`

qms-templates = Làm việc với các mẫu mà `qms new` dùng
qms-templates-long =
    Làm việc với các mẫu mà `qms new` dùng.

    Các mẫu có sẵn trong chương trình. Một tệp cùng tên trong thư mục templates/ của kho thay cho mẫu có sẵn; `eject` ghi các mẫu có sẵn vào đó để bắt đầu sửa.
qms-templates-eject = Ghi các mẫu có sẵn vào templates/ để sửa (tệp đã có được giữ nguyên)
qms-templates-eject--force = Ghi đè các mẫu đã có
qms-templates-list = Liệt kê các mẫu có thể thay, và những mẫu đã được thay

qms-clauses = Liệt kê các điều khoản của TCVN ISO 9001:2015, với câu hỏi đánh giá qms dùng
qms-clauses-long =
    Liệt kê các điều khoản của TCVN ISO 9001:2015, với câu hỏi đánh giá qms dùng.

    Danh mục có sẵn trong chương trình; `check`, ma trận điều khoản của sổ tay và phiếu đánh giá đều dùng nó. "maintain" đánh dấu điều khoản yêu cầu duy trì tài liệu, "retain" yêu cầu lưu giữ hồ sơ.
qms-clauses--clause = Chỉ điều khoản này và các điều khoản con (ví dụ 8.5)
qms-clauses--questions = Mỗi câu hỏi đánh giá một dòng thay vì mỗi điều khoản một dòng

qms-nc = Sự không phù hợp và hành động khắc phục (ISO 9001:2015 10.2)
qms-nc-long =
    Sự không phù hợp và hành động khắc phục (ISO 9001:2015 10.2).

    Hồ sơ sự không phù hợp (records/nonconformities/NC-YYYY-NNN.md) đi qua các tình trạng mới mở → đã duyệt kế hoạch → đã thực hiện xong → đã kiểm tra hiệu lực → đã đóng. Mỗi bước là một lần ký trong git: kế hoạch do người được xem xét sự không phù hợp và không phụ trách hành động nào phê duyệt; mỗi người phụ trách báo cáo hành động của mình đã xong; người không phụ trách hành động nào kiểm tra hiệu lực; người được phê duyệt sự không phù hợp đóng hồ sơ. Bước sai thứ tự, hoặc sai người, bị từ chối kèm lý do.
qms-nc-new = Mở một sự không phù hợp
qms-nc-new--source = Nguồn phát hiện
qms-nc-new--clause = Điều khoản ISO 9001:2015 không được đáp ứng (ví dụ 8.5.1)
qms-nc-new--unit = Đơn vị xảy ra (mã đơn vị trong qms.yaml)
qms-nc-new--message = Điều phát hiện được (dòng đầu thành tiêu đề)
qms-nc-new--audit = Cuộc đánh giá nội bộ phát hiện (ví dụ DGNB-2027-01)
qms-nc-new--date = Ngày phát hiện (mặc định: hôm nay)
qms-nc-list = Liệt kê sự không phù hợp với tình trạng và hành động quá hạn
qms-nc-list--open = Chỉ những hồ sơ chưa đóng
qms-nc-show = Xem một sự không phù hợp: các trường, hành động và các bước đã qua
qms-nc-plan = Ghi nguyên nhân gốc và hành động khắc phục, và phê duyệt kế hoạch
qms-nc-plan--cause = Nguyên nhân gốc (vì sao xảy ra)
qms-nc-plan--correction = Việc khắc phục tức thời đã làm
qms-nc-plan--actions = Một hành động khắc phục dạng "VIỆC|NGƯỜI|HẠN" (người: mã người; hạn: YYYY-MM-DD). Lặp lại cho nhiều hành động; thay cả danh sách
qms-nc-plan--draft = Chỉ ghi nguyên nhân và hành động; để người khác phê duyệt
qms-nc-done = Đánh dấu hành động khắc phục của bạn đã xong và báo cáo hoàn thành
qms-nc-done--actions = Số thứ tự hành động đã xong (1 = hành động đầu tiên); lặp lại cho nhiều hành động. Mặc định: mọi hành động của bạn
qms-nc-done--draft = Chỉ đánh dấu đã xong; báo cáo hoàn thành sau (khi bạn phụ trách thêm việc khác)
qms-nc-verify = Ghi nhận hành động có hiệu lực hay không; nếu có, ký xác nhận kiểm tra
qms-nc-verify--effective = Hành động đã loại bỏ được nguyên nhân chưa
qms-nc-verify--message = Bằng chứng đã xem xét
qms-nc-close = Đóng một sự không phù hợp đã được kiểm tra hiệu lực
args--message = Ghi chú, được giữ trong thông điệp commit

qms-objectives = Mục tiêu chất lượng (ISO 9001:2015 6.2): kết quả đo và tình hình từng mục tiêu
qms-objectives-long =
    Mục tiêu chất lượng (ISO 9001:2015 6.2): kết quả đo và tình hình từng mục tiêu.

    Các mục tiêu là những mục tiêu mà tài liệu MTCL nêu trong mục `objectives` của phần đầu (chỉ số, chỉ tiêu, đơn vị, tần suất). Không có lệnh con thì liệt kê tình trạng mỗi mục tiêu trong kỳ — đạt, không đạt, hay chưa có số liệu — theo lần đo gần nhất; mã thoát 1 khi có mục tiêu không đạt. `record` ghi thêm một số đo vào hồ sơ của năm (records/objectives/NĂM/MTCL-ID.md) và commit.
qms-objectives-examples =
    Ví dụ:
      qms objectives record MTCL-01 --objective 1 --period 2027-Q1 --value 98.6 --note "Báo cáo thống kê quý I"
      qms objectives                         tình hình năm nay
      qms objectives --period 2027-H1 --format json
qms-objectives--period = Kỳ báo cáo: năm (2027), 6 tháng (2027-H1), quý (2027-Q1) hoặc tháng (2027-03). Mặc định: năm nay
qms-objectives-record = Ghi một số đo của một mục tiêu và commit
qms-objectives-record--document = Tài liệu mục tiêu chất lượng (ví dụ MTCL-01)
qms-objectives-record--objective = Số thứ tự của mục tiêu: vị trí trong danh sách `objectives` của tài liệu (1 = mục tiêu đầu tiên)
qms-objectives-record--period = Kỳ đo: 2027, 2027-H1, 2027-Q1 hoặc 2027-03
qms-objectives-record--value = Giá trị đo, theo đơn vị của mục tiêu (97.5 cho 97,5 %)
qms-objectives-record--note = Số liệu lấy từ đâu (báo cáo thống kê, tổng hợp khảo sát)
qms-objectives-record--replace = Thay giá trị đã ghi cho mục tiêu và kỳ này

qms-risks = Rủi ro và cơ hội (ISO 9001:2015 6.1), điểm cao nhất trước
qms-risks-long =
    Rủi ro và cơ hội (ISO 9001:2015 6.1), điểm cao nhất trước.

    Sổ đăng ký là một hồ sơ (records/risks/register.md, mã DMRR): mỗi rủi ro được chấm khả năng xảy ra (1–5) × mức ảnh hưởng (1–5), có các biện pháp xử lý với người phụ trách và hạn, và ngày xem xét lại. Danh sách đánh dấu biện pháp và ngày xem xét quá hạn; mã thoát 1 khi có việc quá hạn. Sửa sổ đăng ký như mọi hồ sơ (ghi biện pháp đã xong `done: YYYY-MM-DD`), hoặc thêm rủi ro bằng `qms risks add`.
qms-risks--overdue = Chỉ những rủi ro cần chú ý: biện pháp quá hạn hoặc đã qua ngày xem xét lại
qms-risks-add = Thêm một rủi ro hoặc cơ hội vào sổ đăng ký và commit
qms-risks-add--title = Điều có thể xảy ra (hoặc có thể đạt được)
qms-risks-add--process = Quy trình (mã tài liệu) hoặc đơn vị liên quan
qms-risks-add--likelihood = 1 (hiếm khi) … 5 (gần như chắc chắn)
qms-risks-add--impact = 1 (không đáng kể) … 5 (nghiêm trọng; với cơ hội: lợi ích)
qms-risks-add--treatments = Một biện pháp xử lý dạng "VIỆC|NGƯỜI|HẠN" (người: mã người; hạn: YYYY-MM-DD). Lặp lại cho nhiều biện pháp
qms-risks-add--review = Khi nào xem xét lại rủi ro (YYYY-MM-DD)
qms-risks-add--register = Sổ đăng ký để thêm vào (mặc định: DMRR, tạo nếu chưa có)
qms-risks-done = Đánh dấu các biện pháp xử lý rủi ro của bạn đã xong (hôm nay) và commit
qms-risks-done--risk = Rủi ro (ví dụ R-01)
qms-risks-done--treatments = Số thứ tự biện pháp đã xong (1 = biện pháp đầu tiên); lặp lại cho nhiều biện pháp. Mặc định: mọi biện pháp của bạn

qms-management-review = Hồ sơ đầu vào cho xem xét của lãnh đạo (ISO 9001:2015 9.3.2), và biên bản họp
qms-management-review-long =
    Hồ sơ đầu vào cho xem xét của lãnh đạo (ISO 9001:2015 9.3.2), và biên bản họp.

    Lập một mục cho mỗi đầu vào mà tiêu chuẩn nêu — hành động từ các lần xem xét trước, thay đổi của các vấn đề, sự hài lòng của người dân, mục tiêu, kết quả thực hiện quá trình, sự không phù hợp, theo dõi và đo lường, đánh giá, nhà cung cấp bên ngoài, nguồn lực, hành động đối với rủi ro, cơ hội cải tiến — từ hồ sơ, tài liệu và lịch sử trong kho. Đầu vào mà kho không có dữ liệu được ghi "chưa có dữ liệu trong kho", không bao giờ bị bỏ sót.

    Với --minutes, ghi biên bản cuộc họp (9.3.3) thành hồ sơ (records/management-reviews/NĂM/XXLD-NĂM-NN.md) gồm người dự, kết luận và hành động, với hồ sơ đầu vào đã xem xét làm nội dung, và commit. Các hành động được theo dõi như hành động khắc phục: `qms status` và `qms check` báo khi quá hạn, và hồ sơ đầu vào lần sau báo cáo chúng.
qms-management-review--period = Kỳ xem xét: năm (2027), 6 tháng (2027-H2) hoặc quý. Mặc định: năm nay
qms-management-review--minutes = Ghi và commit biên bản xem xét thay vì in hồ sơ đầu vào
qms-management-review--date = Ngày họp (mặc định: hôm nay)
qms-management-review--attendees = Một người dự họp (mã người). Lặp lại cho mỗi người
qms-management-review--decisions = Một kết luận (9.3.3: cải tiến, thay đổi hệ thống, nguồn lực). Lặp lại cho mỗi kết luận
qms-management-review--actions = Một hành động được quyết định, dạng "VIỆC|NGƯỜI|HẠN". Lặp lại cho mỗi hành động

qms-assess = Đánh giá hệ thống quản lý chất lượng của đơn vị theo bảng tiêu chí (góc nhìn của cơ quan cấp trên)
qms-assess-long =
    Đánh giá hệ thống quản lý chất lượng của đơn vị theo bảng tiêu chí (góc nhìn của cơ quan cấp trên).

    Mỗi tiêu chí được chấm theo bằng chứng trong kho — quyết định công bố đang hiệu lực, quy trình cho mọi thủ tục hành chính, các tài liệu bắt buộc, rà soát định kỳ, đánh giá nội bộ và xem xét của lãnh đạo trong 12 tháng qua, hành động khắc phục đúng hạn, mục tiêu được đo, phê duyệt hợp lệ — hoặc chấm tay qua --manual. Tiêu chí không có gì để đo là "không áp dụng". In theo từng tiêu chí số điểm, bằng chứng tìm thấy và điều còn thiếu, rồi tổng điểm và xếp loại. Mã thoát 1 khi có tiêu chí chưa đạt đủ.

    Bảng có sẵn là bảng kiểm tra hằng năm hệ thống quản lý chất lượng của cơ quan hành chính; `--criteria TỆP` dùng bảng khác cùng định dạng (docs/assessment.md).

    Với --units TỆP, bảng tổng hợp của cơ quan cấp trên: mọi đơn vị được liệt kê (đường dẫn trên máy hoặc URL từ xa, chỉ đọc, song song) được đánh giá theo cùng bảng, tổng điểm cao nhất trước, kèm báo cáo phản hồi cho từng đơn vị trong --feedback THƯ_MỤC. Mã thoát 2 khi không đọc được một đơn vị.
qms-assess--criteria = Bảng tiêu chí (YAML) thay cho bảng có sẵn
qms-assess--as_of = Đánh giá kho như ở cuối ngày này (mặc định: hôm nay)
qms-assess--manual = Điểm các tiêu chí chấm tay: `TC-10: {"{"}points: 8, note: "…"{"}"}`
qms-assess--save = Lưu kết quả đánh giá thành hồ sơ của kho này (records/assessments/NĂM/DGCT-NĂM-NN.md) và commit; đơn vị sau đó xác nhận hoặc phê duyệt như mọi hồ sơ (với --sign để ký số)
qms-assess--units = Đánh giá kho của nhiều đơn vị (đường dẫn hoặc URL, liệt kê trong TỆP) và in bảng tổng hợp: đơn vị × tiêu chí kèm tổng điểm, cao nhất trước
qms-assess--cache = Nơi lưu bản sao các đơn vị từ xa (mặc định: .qms-units/ cạnh tệp danh sách đơn vị)
qms-assess--feedback = Ghi thêm báo cáo phản hồi cho từng đơn vị (Markdown) vào THƯ_MỤC

qms-declare = Soạn quyết định công bố hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015
qms-declare-long =
    Soạn quyết định công bố hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015.

    Từ chối, kèm danh sách điều còn thiếu, cho đến khi cơ quan đủ điều kiện công bố: đánh giá nội bộ bao quát mọi đơn vị và điều khoản hoàn thành trong 12 tháng qua, xem xét của lãnh đạo có biên bản được phê duyệt, và các tài liệu bắt buộc đang hiệu lực. Khi đó ghi quyết định (tài liệu loại `declaration`, QD-01) với phạm vi lấy từ kho — mọi thủ tục hành chính trong danh mục có quy trình đang hiệu lực — và commit như một bản nháp, để trình, xem xét và phê duyệt như mọi tài liệu. Sổ tay trình bày quyết định theo Nghị định số 30/2020/NĐ-CP; sau khi ký, văn thư cấp số bằng `qms issue-number`. Chạy lại khi phạm vi thay đổi: quyết định được viết lại, và lần phê duyệt tạo lần ban hành mới.
qms-declare--title = Tiêu đề quyết định (mặc định: cách viết thông thường)

qms-issue-number = Ghi số, ký hiệu và ngày ban hành của một văn bản đã được phê duyệt
qms-issue-number-long =
    Ghi số, ký hiệu và ngày ban hành của một văn bản đã được phê duyệt.

    Sau khi thủ trưởng ký một văn bản hành chính (quyết định công bố, một quyết định), văn thư đăng ký văn bản: số và ngày được ghi vào sổ đăng ký văn bản đi của năm (records/register/SDK-YYYY.md), commit, và sổ tay in chúng ở phần đầu văn bản theo Nghị định số 30/2020/NĐ-CP (`Số: 123/QĐ-UBND`, `Hòa Bình, ngày 01 tháng 12 năm 2026`). Số thuộc về lần ban hành đang hiệu lực; lần ban hành mới được đăng ký lại. Số đã cấp cho văn bản khác trong năm bị từ chối; `--replace` sửa số sai của cùng lần ban hành.
qms-issue-number--id = Văn bản (mã, ví dụ QD-01)
qms-issue-number--number = Số văn bản như sổ đăng ký ghi: `123/QĐ-UBND`, hoặc chỉ `123` (tên loại và chữ viết tắt của cơ quan được thêm vào)
qms-issue-number--date = Ngày ban hành: `01/12/2026` hoặc `2026-12-01`
qms-issue-number--replace = Thay số mà lần ban hành này đã có

qms-report = Báo cáo đơn vị gửi cơ quan cấp trên
qms-report-annual = Báo cáo tình hình xây dựng, áp dụng, duy trì và cải tiến hệ thống quản lý chất lượng hằng năm
qms-report-annual-long =
    Báo cáo tình hình xây dựng, áp dụng, duy trì và cải tiến hệ thống quản lý chất lượng hằng năm.

    Lấy số liệu từ kho: quyết định công bố và phạm vi, tài liệu ban hành, sửa đổi và thu hồi trong năm, đánh giá nội bộ, xem xét của lãnh đạo, sự không phù hợp, mục tiêu chất lượng và thay đổi phạm vi; kinh phí, khó khăn và kiến nghị để cơ quan tự viết. Bản HTML được trình bày như văn bản hành chính theo Nghị định số 30/2020/NĐ-CP.
qms-report-annual--year = Năm báo cáo (mặc định: năm nay)

qms-diagnose = Tự đánh giá của chính quyền địa phương theo TCVN ISO 18091:2020
qms-diagnose-long =
    Tự đánh giá của chính quyền địa phương theo TCVN ISO 18091:2020.

    Bản tự đánh giá là một hồ sơ mỗi năm (records/diagnostics/CD-YYYY.md) chấm từng chỉ số trong bốn nhóm của tiêu chuẩn — phát triển thể chế vì quản trị tốt, phát triển kinh tế bền vững, phát triển xã hội bao trùm và phát triển môi trường bền vững — xanh, vàng hoặc đỏ, kèm bằng chứng. `new` ghi hồ sơ của năm với mọi chỉ số chưa chấm; không có lệnh con thì in báo cáo: màu theo từng nhóm, các chỉ số đỏ và vàng là ưu tiên cải tiến, và so sánh với năm trước.
qms-diagnose-examples =
    Ví dụ:
      qms diagnose new --year 2027        rồi chấm các chỉ số trong records/diagnostics/CD-2027.md
      qms diagnose --year 2027 > chan-doan-2027.md
      qms diagnose --year 2027 --format html > chan-doan-2027.html
qms-diagnose--year = Năm của bản tự đánh giá (mặc định: năm nay)
qms-diagnose-new = Ghi hồ sơ tự đánh giá của năm, mọi chỉ số chưa chấm, và commit
qms-diagnose-new--year = Năm được đánh giá (mặc định: năm nay)

qms-audit = Đánh giá nội bộ (ISO 9001:2015 9.2): chương trình, kế hoạch, phiếu đánh giá, phát hiện, báo cáo
qms-audit-long =
    Đánh giá nội bộ (ISO 9001:2015 9.2): chương trình, kế hoạch, phiếu đánh giá, phát hiện, báo cáo.

    Chương trình bao quát mọi đơn vị và điều khoản trong năm với chuyên gia đánh giá từ đơn vị khác; kế hoạch xác định một cuộc đánh giá; phiếu đánh giá đặt các câu hỏi có sẵn cho các tài liệu đang hiệu lực của đơn vị; phát hiện được ghi vào báo cáo đánh giá (sự không phù hợp thì mở thêm hồ sơ NC), trưởng đoàn kết thúc báo cáo bằng một bước ký. Mọi kết quả là hồ sơ trong git.
qms-audit-programme = Lập chương trình đánh giá năm (records/audits/NĂM/programme.md)
qms-audit-programme--year = Năm (mặc định: năm nay)
qms-audit-programme--system_unit = Đơn vị điều hành hệ thống quản lý chất lượng, được đánh giá mọi điều khoản (mặc định: đơn vị chủ trì sổ tay chất lượng)
qms-audit-plan = Lập kế hoạch một cuộc đánh giá: đơn vị, ngày, điều khoản, trưởng đoàn và thành viên
qms-audit-plan--unit = Đơn vị được đánh giá
qms-audit-plan--date = Ngày đánh giá (YYYY-MM-DD)
qms-audit-plan--clauses = Một điều khoản trong phạm vi (lặp lại; mặc định: các điều khoản của chương trình cho đơn vị)
qms-audit-plan--processes = Một quy trình trong phạm vi (lặp lại)
qms-audit-plan--lead = Trưởng đoàn đánh giá (mặc định: chuyên gia đầu tiên của chương trình cho đơn vị)
qms-audit-plan--team = Một chuyên gia đánh giá khác (lặp lại; mặc định: các chuyên gia còn lại của chương trình)
qms-audit-checklist = Phiếu đánh giá cho một đơn vị, một điều khoản, một quy trình hoặc một cuộc đánh giá đã lập kế hoạch
qms-audit-checklist--unit = Các tài liệu hiệu lực của đơn vị, theo mọi điều khoản
qms-audit-checklist--clause = Một điều khoản và các điều khoản con, trên mọi đơn vị
qms-audit-checklist--process = Một quy trình và các tài liệu nó dẫn chiếu, theo các điều khoản nó nêu
qms-audit-checklist--audit = Một cuộc đánh giá đã lập kế hoạch: đơn vị và các điều khoản của nó
qms-audit-finding = Ghi một phát hiện vào báo cáo đánh giá
qms-audit-finding--audit = Cuộc đánh giá (mã kế hoạch, ví dụ DGNB-2027-01)
qms-audit-finding--message = Điều phát hiện được
qms-audit-finding--clause = Điều khoản TCVN ISO 9001:2015 mà phát hiện liên quan (ví dụ 8.5.1)
qms-audit-finding--kind = nonconformity (sự không phù hợp, đồng thời mở hồ sơ NC), observation (lưu ý) hoặc opportunity (cơ hội cải tiến)
qms-audit-close = Kết thúc báo cáo đánh giá (trưởng đoàn ký)
qms-audit-list = Liệt kê các cuộc đánh giá với các phát hiện và báo cáo đã kết thúc hay chưa
qms--help-long = In trợ giúp (xem bản tóm tắt với '-h')
qms-audit-plan--purpose = Mục đích của cuộc đánh giá (mặc định: sự phù hợp và hiệu lực của hệ thống quản lý chất lượng tại đơn vị)
qms-audit-plan--criteria = Chuẩn mực đánh giá (mặc định: TCVN ISO 9001:2015, các tài liệu đang hiệu lực, quy định pháp luật)
qms-audit-close--conclusion = Kết luận của trưởng đoàn, ghi vào báo cáo (BM-02-04); bắt buộc nếu báo cáo chưa có
qms-audit-close--auditee = Người ký báo cáo thay mặt đơn vị được đánh giá (mã người)
qms-management-review--place = Địa điểm họp (mặc định: địa chỉ của cơ quan, nếu không thì tên cơ quan)
qms-management-review--chair = Người chủ trì (mã người; mặc định: thủ trưởng cơ quan)
qms-management-review--secretary = Thư ký cuộc họp (mã người; mặc định: bạn)

## Arguments every listing or step shares
args--format = Định dạng kết quả (một trong các giá trị dưới đây; json dành cho script)
args--ids = Các tài liệu hoặc hồ sơ, theo mã (ví dụ QT-07); mỗi mã là một bước riêng
qms-diff--id = Tài liệu, theo mã (ví dụ QT-07)
qms-tthc-import--file = Danh mục thủ tục xuất từ Cổng Dịch vụ công: tệp .xlsx hoặc .csv
qms-completions--shell = Shell cần viết bộ hoàn thành lệnh
qms-nc-new--severity = major (nặng) hoặc minor (nhẹ): mức chuyên gia đánh giá phân loại; bỏ trống khi chưa phân loại
qms-risks-add--kind = risk (rủi ro đe dọa một quy trình) hoặc opportunity (cơ hội làm tốt hơn)
qms-audit-close--audit = Cuộc đánh giá, theo mã kế hoạch (ví dụ DGNB-2027-01)
qms-nc-show--id = Sự không phù hợp, theo mã (ví dụ NC-2027-001)
qms-nc-plan--id = Sự không phù hợp, theo mã (ví dụ NC-2027-001)
qms-nc-done--id = Sự không phù hợp, theo mã (ví dụ NC-2027-001)
qms-nc-verify--id = Sự không phù hợp, theo mã (ví dụ NC-2027-001)
qms-nc-close--id = Sự không phù hợp, theo mã (ví dụ NC-2027-001)

## Bố cục của clap: tiêu đề, ghi chú và chỗ giữ chỗ trong dòng cách dùng.
help-layout-usage = Cách dùng
help-layout-commands = Lệnh
help-layout-arguments = Tham số
help-layout-options = Tùy chọn
help-layout-examples = Ví dụ:
help-layout-default = mặc định
help-layout-values = giá trị
help-layout-options-placeholder = TÙY_CHỌN
help-layout-command-placeholder = LỆNH

## Tên giá trị trong trợ giúp (<DIR> thành <THƯ_MỤC>): value-TÊN.
value-ADDR = ĐỊA_CHỈ
value-AUDIT = CUỘC_ĐÁNH_GIÁ
value-AUDITEE = NGƯỜI_ĐƯỢC_ĐÁNH_GIÁ
value-BARE_REPO = KHO_TRẦN
value-CAUSE = NGUYÊN_NHÂN
value-CLAUSE = ĐIỀU_KHOẢN
value-CLAUSES = ĐIỀU_KHOẢN
value-CODE = MÃ_SỐ
value-COLOR = MÀU
value-COMMIT = COMMIT
value-CONCLUSION = KẾT_LUẬN
value-CORRECTION = KHẮC_PHỤC
value-CRITERIA = CHUẨN_MỰC
value-DATE = NGÀY
value-DIR = THƯ_MỤC
value-DOCUMENT = TÀI_LIỆU
value-DOC_TYPE = LOẠI_TÀI_LIỆU
value-DUE = HẠN
value-FILE = TỆP
value-FORMAT = ĐỊNH_DẠNG
value-FROM = TỪ
value-ID = MÃ
value-IMPACT = MỨC_ẢNH_HƯỞNG
value-KEY = KHÓA
value-KIND = LOẠI
value-LANG = NGÔN_NGỮ
value-LEAD = TRƯỞNG_ĐOÀN
value-LIKELIHOOD = KHẢ_NĂNG
value-LIMIT = GIỚI_HẠN
value-MESSAGE = GHI_CHÚ
value-N = SỐ
value-NAME = TÊN
value-NOTE = GHI_CHÚ
value-NUMBER = SỐ_KÝ_HIỆU
value-OBJECTIVE = MỤC_TIÊU
value-OWNER = NGƯỜI_PHỤ_TRÁCH
value-PERIOD = KỲ
value-PERSON = NGƯỜI
value-PLACE = ĐỊA_ĐIỂM
value-PORT = CỔNG
value-PROCESS = QUY_TRÌNH
value-PROCESSES = QUY_TRÌNH
value-PROFILE = MẪU_TỔ_CHỨC
value-PURPOSE = MỤC_ĐÍCH
value-REF = THAM_CHIẾU
value-REGISTER = SỔ
value-REMOTE = KHO_TỪ_XA
value-REV = PHIÊN_BẢN
value-REVIEW = CUỘC_XEM_XÉT
value-RISK = RỦI_RO
value-ROLE = VAI_TRÒ
value-SEED = HẠT_GIỐNG
value-SEVERITY = MỨC_ĐỘ
value-SHELL = SHELL
value-SORT = THỨ_TỰ
value-SOURCE = NGUỒN
value-SYSTEM_UNIT = ĐƠN_VỊ_THƯỜNG_TRỰC
value-TEAM = THÀNH_VIÊN
value-TEXT = NỘI_DUNG
value-TITLE = TIÊU_ĐỀ
value-TO = ĐẾN
value-TYPE = LOẠI
value-UNIT = ĐƠN_VỊ
value-VALUE = GIÁ_TRỊ
value-YEAR = NĂM

qms-legal = Sổ văn bản pháp luật (catalog/legal.yaml): các luật, nghị định, thông tư mà hệ thống quản lý chất lượng dựa vào, tình trạng hiệu lực và tài liệu viện dẫn
qms-legal-examples =
    Ví dụ:
      qms legal list
      qms legal list --format md > BM-01-02.md
qms-legal-list = Liệt kê sổ văn bản như danh mục tài liệu có nguồn gốc bên ngoài (biểu mẫu BM-01-02)
qms-legal-list-long =
    Liệt kê sổ văn bản như danh mục tài liệu có nguồn gốc bên ngoài (biểu mẫu BM-01-02).

    Mỗi văn bản với số, cơ quan ban hành, ngày, tình trạng hiệu lực (còn hiệu lực, đã sửa đổi, đã bị thay thế và bởi văn bản nào) và các tài liệu viện dẫn nó. `--format md` ghi biểu mẫu BM-01-02 đã điền, để in hoặc lưu hồ sơ; `json` dành cho script. Sổ được sửa như một tệp và phê duyệt như một tài liệu; `qms check` cảnh báo khi viện dẫn văn bản đã bị thay thế hoặc chưa có trong sổ.
qms-legal-list-examples =
    Ví dụ:
      qms legal list
      qms legal list --format md > danh-muc-tai-lieu-ben-ngoai.md
      qms legal list --format json
qms-legal-list--format = Định dạng kết quả (một trong các giá trị dưới đây; md là biểu mẫu, json dành cho script)
