## qms — thông điệp tiếng Việt. Mỗi mã ở đây có bản tương ứng trong en.ftl
## (một phép thử kiểm tra cả hai chiều). Tham số viết $ten; mã quy tắc và
## khóa JSON không dịch.

## Tình trạng của một hồ sơ theo các bước ký.

stage-open = mới mở
stage-planned = đã duyệt kế hoạch
stage-actions-done = đã thực hiện xong
stage-verified = đã kiểm tra hiệu lực
stage-closed = đã đóng

## Vì sao một bước duyệt (commit hành động) không hợp lệ (qms verify, check, hook máy chủ).

problem-parent-count = commit của một bước duyệt phải có đúng một commit cha; commit này có { $count }
problem-changes-content = commit này thay đổi nội dung: commit của một bước duyệt phải giữ nguyên cây tệp của commit cha
problem-no-trust-root = { $reason }
problem-outside-trust-root = commit không xuất phát từ gốc tin cậy: trên nhánh lịch sử này không có chính sách người ký nào có hiệu lực
problem-from-unadmitted-root = được tạo trong lịch sử từ commit gốc { $root }, mà chính sách đang có hiệu lực không chấp nhận (được hợp nhất bởi { $merge })
problem-signed-too-late = Qms-Signed-At { $signed_at } muộn hơn thời điểm tạo commit quá một ngày
problem-missing-file = commit cha không có tệp { $path }
problem-blob-mismatch = Qms-Blob { $blob } không khớp với { $path } trong commit cha ({ $actual })
problem-other-document = { $path } chứa tài liệu { $holds }, không phải { $named }
problem-unreadable-document = { $path } trong commit cha không đọc được như một tài liệu
problem-policy-mismatch = Qms-Policy { $policy } không phải chính sách người ký của commit cha ({ $parent })
problem-policy-mismatch-none = không có
problem-unapproved-signer-policy = chính sách người ký trong commit cha là một thay đổi chưa được phê duyệt của { $file }; hãy phê duyệt thay đổi đó theo chính sách trước đã
problem-unapproved-config = { $file } trong commit cha là một thay đổi chưa được phê duyệt; hãy phê duyệt trước
problem-no-signer-policy = không có chính sách người ký ({ $file }) đọc được đang có hiệu lực
problem-unknown-person = { $signer } không có tên trong chính sách người ký đang có hiệu lực
problem-retired-person = { $signer } đã thôi đảm nhiệm theo chính sách người ký
problem-role-not-held = { $signer } không giữ vai trò { $role }
problem-unknown-role = { $role } không phải là vai trò trong chính sách người ký đang có hiệu lực
problem-meaning-not-granted = vai trò { $role } không được ký với ý nghĩa `{ $meaning }` cho tài liệu loại { $doc_type }
problem-not-named = cả { $signer } lẫn role:{ $role } đều không có trong danh sách { $field } của tài liệu ({ $named })
problem-record-step-on-document = { $action } là bước của hồ sơ (sự không phù hợp, báo cáo đánh giá), không phải của tài liệu
problem-withdrawn = tài liệu đã bị thu hồi
problem-already-effective = nội dung này đã có hiệu lực
problem-already-submitted = nội dung này đã được trình
problem-not-submitted = nội dung này chưa được trình xem xét
problem-already-approved = nội dung này đã được phê duyệt
problem-review-rejected = lần xem xét gần nhất của nội dung này ({ $review }) đã yêu cầu sửa
problem-review-required = chính sách yêu cầu nội dung này được xem xét đồng ý trước khi phê duyệt
problem-already-withdrawn = tài liệu đã bị thu hồi từ trước
problem-acknowledge-not-effective = chỉ có thể xác nhận đã đọc lần ban hành đang có hiệu lực của tài liệu
problem-already-acknowledged = { $signer } đã xác nhận đọc lần ban hành này
problem-bad-signature = chữ ký số không hợp lệ: { $reason }
problem-signature-required = chính sách yêu cầu ký số các bước duyệt, mà bước này chưa được ký

## Vì sao một bước ký trên hồ sơ không phù hợp với tình trạng của hồ sơ.

record-problem-report-closed = báo cáo đánh giá đã được đóng
record-problem-not-lead-auditor = chỉ trưởng đoàn đánh giá ({ $lead }) mới đóng báo cáo đánh giá
record-problem-no-lead-auditor = báo cáo đánh giá chưa ghi trưởng đoàn (trường `lead`)
record-problem-plan-too-late = sự không phù hợp đã ở tình trạng { $stage }; vấn đề mới cần một hồ sơ mới
record-problem-no-root-cause = hồ sơ chưa có nguyên nhân gốc (trường `root_cause`); hãy ghi trước khi phê duyệt kế hoạch
record-problem-no-corrective-actions = hồ sơ chưa có hành động khắc phục (trường `actions`)
record-problem-owner-approves-plan = { $signer } phụ trách một hành động khắc phục nên không thể phê duyệt kế hoạch đó
record-problem-plan-not-approved = kế hoạch hành động khắc phục chưa được phê duyệt (`qms nc plan`)
record-problem-already-at = sự không phù hợp đã ở tình trạng { $stage }
record-problem-owns-no-action = { $signer } không phụ trách hành động khắc phục nào của sự không phù hợp này
record-problem-actions-not-done = chưa phải mọi hành động do { $signer } phụ trách đều đã đánh dấu hoàn thành
record-problem-verify-too-early = chỉ kiểm tra hiệu lực khi mọi hành động khắc phục đã xong; sự không phù hợp đang ở tình trạng { $stage }
record-problem-owner-verifies = { $signer } phụ trách một hành động khắc phục; người kiểm tra hiệu lực phải là người khác
record-problem-not-the-verifier = trường `verified_by` của hồ sơ không ghi { $signer }
record-problem-not-effective = hồ sơ chưa ghi các hành động đã có hiệu lực (`effective: true`); nếu chưa hiệu lực, hãy lập hành động mới
record-problem-close-too-early = sự không phù hợp chỉ được đóng sau khi hành động đã được kiểm tra là có hiệu lực; hiện đang ở tình trạng { $stage }
record-problem-not-a-nonconformity-step = sự không phù hợp đi qua các bước plan, complete, verify và close, không có bước { $action }
record-problem-no-such-step = hồ sơ loại { $kind } không có bước `{ $action }`

## Vấn đề của toàn bộ lịch sử.

history-trust-root-not-in-history = gốc tin cậy { $root } không nằm trong lịch sử của HEAD: lịch sử đã bị viết lại (force-push hoặc rebase) sau khi gốc được ghi nhận
history-trust-root-unknown = gốc tin cậy { $root } không có trong kho này: lịch sử đã bị viết lại sau khi gốc được ghi nhận, hoặc mã commit bị sai
history-unpinned-roots = lịch sử có { $count } commit gốc ({ $roots }) và chưa ghim gốc tin cậy, nên không phê duyệt nào đáng tin; hãy chỉ ra commit khởi đầu hệ thống bằng `--trust-root` hoặc `git config { $config } <commit>`
history-second-root = việc hợp nhất { $merge } đưa vào lịch sử từ một commit gốc thứ hai { $root } mà chính sách đang có hiệu lực không chấp nhận: các phê duyệt trong đó không được tính; hãy hoàn tác việc hợp nhất, hoặc ghi gốc đó vào `policies.admitted_roots` trong qms.yaml và phê duyệt thay đổi ấy trước
history-rival-bootstraps = hai nhánh lịch sử mỗi nhánh mang phiên bản đầu tiên riêng của { $file } (commit { $first } và { $second }); phiên bản đầu tiên chỉ được tin một lần: hãy phê duyệt { $file } sau hợp nhất
history-unapproved-policy = { $file }: { $reason }
policy-unapproved = đã thay đổi mà chưa được phê duyệt: phê duyệt bằng `qms approve { $file }`; trước khi đó, mọi bước dựa vào nó đều không hợp lệ
history-hint = docs/approval.md, mục "The trust model", giải thích cách đánh giá lịch sử và cách ghim gốc tin cậy

## qms verify, cho người đọc.

verify-label-error = lỗi
verify-label-approved = ĐÃ PHÊ DUYỆT
verify-label-stale = ĐÃ SỬA SAU PHÊ DUYỆT
verify-label-unapproved = CHƯA PHÊ DUYỆT
verify-label-signed-off = ĐÃ KÝ XÁC NHẬN
verify-label-withdrawn = ĐÃ THU HỒI
verify-label-invalid = KHÔNG HỢP LỆ
verify-label-unverifiable = CHƯA KIỂM TRA ĐƯỢC
verify-words-approved = đã phê duyệt
verify-words-stale = đã sửa sau phê duyệt
verify-words-unapproved = chưa phê duyệt
verify-words-signed-off = đã ký xác nhận
verify-words-withdrawn = đã thu hồi
verify-words-invalid = không hợp lệ
verify-words-unverifiable = chưa kiểm tra được
verify-malformed = commit { $commit } "{ $subject }" trông như một bước duyệt nhưng { $reason }
verify-issue = lần ban hành { $issue }
verify-unsigned = không ký số
verify-signed = chữ ký số hợp lệ ({ $format } { $key })
verify-bad-signature = chữ ký số không hợp lệ: { $reason }
verify-not-checkable = không kiểm tra được chữ ký số tại máy này: { $reason }
verify-summary = đã kiểm tra { $commits } commit bước duyệt của { $documents } tài liệu, hồ sơ: { $verdicts }
verify-summary-malformed = , { $count } commit sai định dạng
verify-reason-invalid = { $count } bước duyệt không hợp lệ
verify-reason-bootstrap = phiên bản đầu tiên, được tin cậy làm gốc khởi tạo
verify-reason-unverifiable = { $count } chữ ký số không kiểm tra được tại máy này
verify-reason-last-step = bước gần nhất: { $action } do { $signer } thực hiện
verify-reason-changed = đã sửa sau lần ban hành { $issue }

## Ý nghĩa của một bước, như người ký đưa ra.

meaning-submission = trình (soạn thảo)
meaning-review = xem xét
meaning-approval = phê duyệt
meaning-withdrawal = thu hồi
meaning-acknowledgement = đã đọc và hiểu
meaning-plan-approval = phê duyệt kế hoạch
meaning-completion = hoàn thành
meaning-verification = kiểm tra hiệu lực
meaning-closure = đóng hồ sơ

## Kỳ báo cáo, như báo cáo ghi.

period-year = Năm { $year }
period-first-half = 6 tháng đầu năm { $year }
period-second-half = 6 tháng cuối năm { $year }
period-quarter = Quý { $roman }/{ $year }
period-month = Tháng { $month }/{ $year }

## Thời hạn giải quyết theo quy định.

time-limit-working-days = { $amount } ngày làm việc
time-limit-calendar-days = { $amount } ngày
time-limit-working-hours = { $amount } giờ làm việc
time-limit-months = { $amount } tháng

## Thời gian của một bước trong quy trình.

step-time-hours = { $hours } giờ làm việc
step-time-days = { $days } ngày làm việc
step-time-days-hours = { $days } ngày { $hours } giờ làm việc
step-time-unknown = [[Ghi thời gian của bước, trong thời hạn theo quy định]]

## qms init.

init-legacy-district = qms: cấp huyện đã kết thúc hoạt động từ ngày 01/7/2025 (chính quyền địa phương hai cấp); hồ sơ mẫu này chỉ dùng để chuyển hệ thống cũ của cấp huyện. Xã, phường, đặc khu dùng --profile commune; sở, ngành cấp tỉnh dùng --profile department.

## Phát hiện của qms check: thông báo (check-…) và gợi ý cách sửa (hint-…).

severity-error = lỗi
severity-warning = cảnh báo
finding-hint = gợi ý
check-id-format = mã tài liệu không hợp lệ: { $problem }
hint-id-format = dùng chữ in hoa, chữ số, '.', '_' và '-', bắt đầu bằng chữ hoặc số (ví dụ QT-07)
check-unknown-type = loại tài liệu `{ $doc_type }` không có trong qms.yaml
hint-unknown-type = dùng một trong các loại: { $known } (hoặc thêm loại vào document_types của qms.yaml)
check-id-prefix = mã `{ $id }` không bắt đầu bằng `{ $prefix }`, tiền tố của loại `{ $doc_type }`
hint-id-prefix = đổi mã thành { $prefix }-… hoặc sửa lại loại tài liệu
check-unknown-owner = đơn vị chủ trì `{ $owner }` không có trong danh sách đơn vị của qms.yaml
hint-one-of = dùng một trong: { $known }
check-author-is-role = người soạn thảo phải là một người cụ thể, không phải vai trò `{ $role }`
hint-author-is-role = ghi tên người đã soạn thảo tài liệu
check-unknown-role = `{ $spec }` trong `{ $field }` không phải là vai trò trong chính sách người ký
check-unknown-person = `{ $spec }` trong `{ $field }` không có tên trong chính sách người ký
hint-unknown-person = thêm vào .qms/signers.yaml hoặc sửa lại mã; vai trò viết là `role:<mã>`
check-no-approvers = tài liệu chưa chỉ định ai phê duyệt
hint-no-approvers = thêm `approvers: [role:…]`
check-unknown-clause = `{ $clause }` không phải là điều khoản của TCVN ISO 9001:2015
hint-unknown-clause = dùng số điều khoản từ 4 đến 10.3, ví dụ "8.5.1"; lệnh `qms clauses` liệt kê các điều khoản
check-objectives-missing = tài liệu mục tiêu chất lượng chưa có mục `objectives` đo lường được trong phần đầu (front-matter)
hint-objectives-missing = liệt kê các mục tiêu: `objectives: [{"{"}objective: …, indicator: …, target: 98, unit: "%", frequency: quarterly{"}"}]`; xem docs/improvement.md
check-objectives-misplaced = mục `objectives` thuộc về tài liệu loại { $expected }, không phải { $doc_type }
hint-objectives-misplaced = chuyển các mục tiêu sang tài liệu mục tiêu chất lượng (MTCL)
check-unknown-tthc = mã thủ tục hành chính { $code } không có trong catalog/tthc.yaml
hint-unknown-tthc = nhập danh mục thủ tục của cơ quan bằng `qms tthc import TỆP`, hoặc sửa lại mã
check-unknown-link = `links` dẫn tới { $link }, nhưng không tài liệu nào có mã này
hint-unknown-link = sửa lại mã, hoặc tạo tài liệu bằng `qms new`
check-too-deep = văn bản lồng nhau { $depth } cấp (trích dẫn, danh sách, phần tử HTML); chỉ hiển thị được tối đa { $max } cấp dưới dạng Markdown
hint-too-deep = giảm bớt cấp trích dẫn hoặc danh sách; trong khi chờ, sổ tay hiển thị nguyên văn
check-link-outside = liên kết `{ $link }` trỏ ra ngoài kho tài liệu
hint-link-outside = chỉ liên kết tới các tệp trong kho tài liệu
check-broken-link = liên kết `{ $link }` trỏ tới { $target }, tệp này không tồn tại
hint-broken-link = sửa lại đường dẫn (tính từ thư mục chứa tệp này), hoặc dẫn chiếu tài liệu bằng mã
check-action-overdue = { $record }: việc "{ $action }" ({ $owner }) đã quá hạn { $due }
hint-nc-overdue = khi đã làm xong: `qms nc done { $record }`
hint-action-overdue = ghi đã hoàn thành (`done: YYYY-MM-DD`), hoặc thống nhất hạn mới
check-record-unknown-unit = `{ $field }` ghi đơn vị { $unit }, mà qms.yaml không có
hint-record-unit = dùng mã đơn vị có trong qms.yaml
check-record-unknown-person = { $person } không phải là người (hoặc role:) trong chính sách người ký
hint-record-person = dùng mã người có trong .qms/signers.yaml
check-programme-unknown-unit = chương trình đánh giá ghi đơn vị { $unit }, mà qms.yaml không có
check-no-such-document = không có tài liệu nào mang mã { $id }
hint-objectives-of = ghi mã tài liệu mục tiêu chất lượng (MTCL) mà các số đo thuộc về
check-no-such-audit = không có kế hoạch đánh giá nào mang mã { $id }
hint-no-such-audit = ghi mã một kế hoạch đánh giá trong records/audits/
check-unknown-indicator = { $indicator } không phải là chỉ số của bộ tự đánh giá ISO 18091
hint-unknown-indicator = `qms diagnose new` ghi sẵn mọi chỉ số; giữ nguyên mã của chúng
check-indicator-twice = chỉ số { $indicator } được chấm hai lần
hint-indicator-twice = mỗi chỉ số chỉ chấm một lần
check-indicators-missing = hồ sơ tự đánh giá thiếu { $count } chỉ số của bộ ISO 18091: { $indicators }
hint-indicators-missing = thêm mỗi chỉ số với `rating: unrated` rồi chấm; `qms diagnose new` cho năm sau ghi sẵn đủ 39 chỉ số
check-finding-unknown-nc = phát hiện { $number } dẫn tới sự không phù hợp { $nc }, hồ sơ này không tồn tại
check-risk-score = rủi ro { $risk }: { $what ->
    [likelihood] khả năng xảy ra
   *[other] mức ảnh hưởng
} là { $score }; thang điểm từ 1 đến 5
hint-risk-score = 1 = thấp nhất, 5 = cao nhất
check-measurement-period = mục tiêu { $objective }: kỳ `{ $period }` không phải là năm, 6 tháng, quý hay tháng
check-measurement-value = mục tiêu { $objective }: giá trị không phải là số
check-programme-month = chương trình đánh giá { $unit } vào tháng { $month }
hint-programme-month = tháng từ 1 đến 12
check-period = kỳ `{ $period }` không phải là năm, 6 tháng, quý hay tháng
hint-period = viết 2027, 2027-H1, 2027-Q1 hoặc 2027-03
check-measured-objective = một số đo ghi mục tiêu { $objective } của { $of }, trong khi tài liệu này nêu { $count } mục tiêu
hint-measured-objective = các mục tiêu được đánh số từ 1 đến { $count } theo thứ tự { $of } liệt kê
check-duplicate-id = mã { $id } đã được dùng cho { $others }
hint-duplicate-record-id = mỗi hồ sơ mang một mã riêng
hint-duplicate-id = mỗi tài liệu mang một mã riêng (`qms new` tự chọn mã còn trống)
check-placeholder = hướng dẫn của mẫu vẫn còn trong tài liệu: [[{ $instruction }]]
hint-placeholder = thay đoạn giữa [[ và ]] bằng nội dung của chính tài liệu; tài liệu còn đoạn hướng dẫn không được phê duyệt
check-no-steps = bảng các bước của quy trình chưa có bước nào
hint-no-steps = ghi từng bước: làm gì, ai làm, trong bao lâu, dùng biểu mẫu hay cho ra kết quả gì
check-blank-step = bước { $step } của quy trình chưa ghi làm gì và ai làm
hint-blank-step = điền nội dung công việc và đơn vị, người chịu trách nhiệm, hoặc xóa dòng
check-empty-section = mục "{ $section }" còn trống
hint-empty-section = viết nội dung của mục, hoặc xóa tiêu đề
check-legal-unknown = { $number } không có trong danh mục văn bản pháp luật
hint-legal-unknown = thêm vào { $file } (số, loại, trích yếu, cơ quan ban hành, ngày, tình trạng), hoặc sửa lại số hiệu
check-legal-replaced = { $number } đã hết hiệu lực: được thay thế bởi { $by }
hint-legal-replaced = dẫn chiếu { $by } thay thế, và xem xét thay đổi đó ảnh hưởng gì tới tài liệu này
check-legal-replaced-unnamed = { $number } đã hết hiệu lực: đã được thay thế bởi văn bản khác
hint-legal-replaced-unnamed = dẫn chiếu văn bản đang có hiệu lực, và ghi văn bản thay thế vào replaced_by trong danh mục
check-steps-untimed = quy trình không có bảng các bước ghi thời gian cho mọi bước, nên không đối chiếu được với thời hạn luật định
hint-steps-untimed = ghi thời gian cho từng bước của bảng (cột `Bước` và `Thời gian`), ví dụ `4 giờ làm việc` hoặc `2 ngày làm việc`
check-limit-unknown = chưa biết thời hạn giải quyết theo quy định của { $code }, nên không đối chiếu được quy trình với thời hạn đó
hint-limit-unknown = ghi thời hạn vào catalog/tthc.yaml đúng như văn bản quy định, ví dụ `time_limit_text: 03 ngày làm việc`
check-over-limit = các bước mất { $steps } ngày làm việc, vượt thời hạn luật định của { $code } ({ $limit }, tức { $allowed } ngày làm việc)
hint-over-limit = rút ngắn tổng thời gian các bước xuống tối đa { $allowed } ngày làm việc, hoặc sửa thời hạn trong catalog/tthc.yaml nếu quy định đã thay đổi (docs/checks.md, mục "Time limits", nêu cách quy đổi ngày theo lịch)
check-tthc-no-process = thủ tục { $code } ({ $name }) chưa có quy trình
hint-tthc-no-process = tạo quy trình bằng `qms tthc import --scaffold` hoặc `qms new procedure --title "…"` và ghi "{ $code }" vào mục `tthc` của quy trình
check-form-no-parent = biểu mẫu { $form } thuộc quy trình { $parent }, nhưng chưa có tài liệu { $parent }
hint-form-no-parent = tạo { $parent }, hoặc đánh số lại biểu mẫu theo một quy trình đã có
check-required-missing = chưa có tài liệu nào cho điều khoản { $clause } ({ $name_vi }), thông tin dạng văn bản mà TCVN ISO 9001:2015 yêu cầu
hint-required-missing = soạn tài liệu và ghi "{ $clause }" vào mục `clauses` của tài liệu
check-limit-range = thời hạn của { $code } là { $days } ngày; thời hạn phải từ 0 đến 3650 ngày
hint-limit-range = ghi thời hạn luật định, ví dụ `time_limit_days: 3.0` (0.5 cho nửa ngày)
check-tthc-twice = mã thủ tục { $code } xuất hiện hai lần
hint-tthc-twice = mỗi mã thủ tục chỉ ghi một lần
check-policy-unapproved = { $file } đã bị thay đổi mà thay đổi chưa được phê duyệt
hint-policy-unapproved = trình, xem xét và phê duyệt: `qms submit { $file }`, `qms review { $file } --accept`, `qms approve { $file }`; trước đó các phê duyệt dựa vào thay đổi này không có giá trị
check-link-never-issued = { $id } đã ban hành nhưng dẫn chiếu { $link }, tài liệu chưa từng được ban hành
hint-link-never-issued = phê duyệt { $link }, hoặc bỏ dẫn chiếu
yaml-syntax = lỗi cú pháp YAML: { $detail }
yaml-anchor = YAML không được dùng neo ('&tên')
yaml-alias = YAML không được dùng bí danh ('*tên')
yaml-tag = YAML không được dùng thẻ ('!thẻ')
yaml-directive = YAML không được dùng chỉ thị ('%…')
yaml-several-documents = dấu '---' hoặc '...' ở giữa YAML mở ra một tài liệu YAML khác
yaml-unknown-field = không có trường `{ $field }`; các trường hợp lệ: { $expected }
yaml-unknown-field-none = không có trường `{ $field }` ở đây
yaml-missing-field = thiếu trường `{ $field }`
yaml-unknown-variant = giá trị `{ $value }` không hợp lệ; dùng một trong: { $expected }
yaml-invalid-type = sai kiểu dữ liệu: có { $found }, cần { $expected }
yaml-at = { $path }: { $message }
hint-yaml-syntax = kiểm tra thụt lề và dấu nháy; giá trị chứa ': ' hoặc bắt đầu bằng ký tự đặc biệt cần đặt trong dấu nháy
hint-yaml-alias = viết đầy đủ giá trị; nếu văn bản thực sự bắt đầu bằng '&' hoặc '*', đặt trong dấu nháy
hint-yaml-tag = bỏ thẻ; nếu văn bản thực sự bắt đầu bằng '!', đặt trong dấu nháy
hint-yaml-directive = xóa dòng chỉ thị
hint-yaml-several-documents = chỉ giữ một tài liệu YAML: xóa dấu phân cách '---' hoặc '...'
check-front-matter-missing = tệp không bắt đầu bằng phần đầu (front-matter)
hint-front-matter-missing = mở đầu tệp bằng một dòng '---', các trường (id, title, type, owner, …), và một dòng '---' nữa
check-front-matter-unclosed = phần đầu (front-matter) không có dòng đóng
hint-front-matter-unclosed = thêm một dòng '---' sau trường cuối cùng
check-front-matter-too-large = phần đầu (front-matter) lớn hơn { $max } byte
hint-front-matter-too-large = phần đầu chỉ giữ các trường của tài liệu; nội dung viết vào thân tài liệu
check-file-too-large = tệp có { $size } byte; một tài liệu tối đa { $max } byte
hint-file-too-large = tách tài liệu, hoặc để tệp đính kèm lớn ngoài documents/ và liên kết tới
check-not-utf8 = tệp không phải văn bản UTF-8 (byte không hợp lệ tại vị trí { $offset })
hint-not-utf8 = lưu tệp dạng UTF-8; nếu là tệp Word hay PDF, để ngoài documents/
check-not-nfc = văn bản không ở dạng Unicode NFC; qms đọc nó như NFC
hint-not-nfc = lưu lại tệp với chuẩn hóa NFC (một số công cụ trên macOS ghi dạng NFD)
check-bidi = văn bản chứa ký tự điều khiển hướng viết { $character }
hint-bidi = xóa ký tự đó, trừ khi văn bản thực sự có chữ viết từ phải sang trái
check-front-matter-empty = phần đầu (front-matter) trống
check-not-a-mapping = phần đầu (front-matter) phải là danh sách các trường (`id: QT-07`), không phải một danh sách hay một giá trị đơn
check-field-name-not-text = tên trường phải là chữ
hint-field-name-not-text = viết các trường dạng `tên: giá trị`
check-required-field = thiếu trường bắt buộc `{ $field }`
hint-required-field = thêm `{ $field }: …` vào phần đầu
check-field-empty = trường `{ $field }` để trống
hint-field-empty = ghi giá trị cho `{ $field }`
check-field-not-text = trường `{ $field }` phải là chữ, nhưng lại là { $found }
hint-field-not-text = đặt giá trị trong dấu nháy
check-field-not-list = trường `{ $field }` phải là một danh sách, nhưng lại là { $found }
hint-field-list = viết `{ $field }: [A, B]`
check-field-number-code = trường `{ $field }` chứa số { $number }; mã phải viết dạng chữ để không mất chữ số nào
hint-field-number-code = đặt từng mục trong dấu nháy: { $field }: ["{ $number }"]
check-field-item-not-text = trường `{ $field }` chứa { $found }; mỗi mục phải là chữ
check-field-months = trường `{ $field }` phải là số tháng nguyên từ 1 đến 120, nhưng lại là { $found }
hint-field-months = ví dụ `review_interval_months: 12`
hint-objectives-fields = mỗi mục tiêu có `objective`, `indicator`, `target` (một số), `unit` và `frequency` (monthly, quarterly, half-yearly, yearly); có thể thêm `direction: at-most` và `clause`
check-objective-invalid = trường `{ $field }`, mục tiêu { $objective }: { $problem }
check-objectives-problem = trường `{ $field }`: { $problem }
check-objective-target = mục tiêu "{ $objective }": chỉ tiêu (target) phải là một số
check-objective-text = mỗi mục tiêu cần có nội dung `objective` và `indicator`
hint-derived-field = xóa `{ $field }`: tình trạng, lần ban hành và ngày hiệu lực được suy ra từ lịch sử phê duyệt trong git (xem `qms status`)
hint-did-you-mean = có phải ý bạn là `{ $near }`?
hint-fields-are = các trường hợp lệ: { $fields }
check-unknown-field = không có trường `{ $field }`
check-invisible = trường `{ $field }` chứa ký tự vô hình { $character } tại byte { $offset }
hint-invisible = gõ lại giá trị; ký tự vô hình làm hai mã khác nhau trông giống hệt nhau
value-nothing = giá trị trống
value-number = số { $number }
value-text = chữ "{ $text }"
value-list = một danh sách
value-mapping = một nhóm trường
value-tagged = một giá trị có thẻ
check-signature-unverifiable = không kiểm tra được chữ ký: { $reason }
check-invalid-action = bước { $action } của { $document } trong commit { $commit } do { $signer } thực hiện không hợp lệ: { $reasons }
hint-invalid-action = `qms verify` giải thích từng commit hành động không hợp lệ; thực hiện lại bước đó bằng qms
check-criterion-twice = hai tiêu chí cùng mang mã { $id }
hint-criterion-twice = mỗi tiêu chí mang một mã riêng
check-criteria-no-points = các tiêu chí không có điểm nào
hint-criteria-no-points = ghi điểm cho từng tiêu chí: `points: N`
check-criteria-no-grades = bảng tiêu chí không có mức xếp loại
hint-criteria-no-grades = thêm `grades: [{"{"}min: 0, vi: …, en: …{"}"}]`
check-record-field = trường `{ $field }` không thuộc hồ sơ loại { $kind }
hint-record-fields = các trường của hồ sơ loại { $kind }: { $fields }
hint-record-variant = dùng một trong các giá trị mà thông báo liệt kê
hint-record-unknown-field = xóa trường hoặc sửa lại chính tả
hint-record-missing-field = thêm trường còn thiếu
hint-record-date = ghi ngày dạng YYYY-MM-DD, ví dụ 2027-03-15
hint-record-value = sửa lại giá trị; hồ sơ thường do các lệnh qms ghi (`qms nc`, `qms audit`, …)
check-unit-twice = đơn vị `{ $unit }` được ghi hai lần
hint-unit-twice = mỗi đơn vị mang một mã riêng
check-prefix-twice = tiền tố `{ $prefix }` được dùng cho hai loại tài liệu
hint-prefix-twice = mỗi loại tài liệu cần một tiền tố mã riêng
check-timezone = `timezone: { $name }` không phải là múi giờ
hint-timezone = dùng tên múi giờ IANA như Asia/Ho_Chi_Minh; trong khi chờ, qms dùng múi giờ của máy
check-review-interval = review_interval_months là { $months }; phải là số tháng nguyên từ 1 đến 120
check-numbering-width = mẫu đánh số `{ $pattern }` chèn số 0 tới `{ $width }` chữ số; dùng từ 1 đến { $max }
check-numbering-seq = mẫu đánh số `{ $pattern }` không có `{"{"}seq{"}"}`
hint-numbering = ví dụ `{"{"}prefix{"}"}-{"{"}seq:02{"}"}`
check-signer-twice = { $what ->
    [role] vai trò
   *[other] người
} `{ $id }` được ghi hai lần
hint-signer-twice = mỗi người và mỗi vai trò mang một mã riêng; người thôi đảm nhiệm thì ghi retired, không dùng lại mã
check-role-unknown-type = vai trò `{ $role }` được giao loại tài liệu không có `{ $doc_type }`
hint-role-unknown-type = dùng mã loại tài liệu trong qms.yaml, một loại hồ sơ (nonconformity, audit-report, …), hoặc `all`
check-person-unknown-role = người `{ $person }` có vai trò không tồn tại `{ $role }`
hint-person-unknown-role = thêm vai trò vào `roles:` hoặc sửa lại mã
check-key-unusable = một khóa của người `{ $person }` không dùng được: { $problem }
hint-key-unusable = khóa này bị bỏ qua khi kiểm tra chữ ký; sao chép nguyên dòng trong tệp .pub hoặc kết quả `gpg --fingerprint`
check-person-unknown-unit = người `{ $person }` thuộc đơn vị không tồn tại `{ $unit }`
check-signers-missing = chưa có chính sách người ký
hint-signers-missing = tạo chính sách với những người và vai trò soạn thảo, xem xét và phê duyệt tài liệu (`qms init` ghi sẵn một bản khởi đầu)
check-unreadable = không đọc được tệp: { $error }
hint-unreadable = kiểm tra quyền truy cập tệp
check-special-file = tệp không phải tệp thông thường (ống dẫn, socket hay thiết bị); qms không đọc
hint-special-file = xóa đi, hoặc thay bằng chính tài liệu
check-symlink = tệp là liên kết tượng trưng (tới { $target }); qms không đi theo liên kết
hint-symlink = thay liên kết bằng chính tài liệu
check-name-not-nfc = tên tệp không ở dạng Unicode NFC
hint-name-not-nfc = đổi tên tệp (gõ lại tên); tên dạng NFD trông giống nhưng khác trên hệ thống khác
check-name-not-utf8 = tên tệp không phải UTF-8 hợp lệ
hint-name-not-utf8 = đổi tên tệp bằng ký tự UTF-8
key-too-long = khóa dài { $length } ký tự; một dòng khóa công khai tối đa { $max } ký tự
key-control-character = khóa chứa dấu xuống dòng hoặc ký tự điều khiển; mỗi mục danh sách ghi một khóa, trên một dòng
key-shape = một dòng khóa có dạng `<loại> <base64> [ghi chú]`, ví dụ `ssh-ed25519 AAAAC3Nza… ten@may`
key-type = `{ $kind }` không phải loại khóa SSH (không được dùng tùy chọn như `cert-authority`); dùng một trong: { $expected }
key-not-base64 = phần thứ hai của khóa không phải base64; sao chép nguyên dòng trong tệp .pub
key-data-mismatch = dữ liệu khóa không phải khóa `{ $kind }`; dòng có thể bị cắt hoặc lẫn lộn
key-short-id = `{ $key }` là mã khóa rút gọn, người khác có thể giả mạo; ghi đầy đủ dấu vân tay (`gpg --fingerprint`)
key-not-fingerprint = `{ $key }` không phải dấu vân tay GPG: 40 chữ số hex (64 với khóa v5), như `gpg --fingerprint` in ra
check-malformed-action = commit { $commit } "{ $subject }" trông như commit hành động nhưng { $reason }
hint-malformed-action = commit hành động do qms ghi; đừng tự viết các dòng Qms-
check-summary = đã kiểm tra { $documents } tài liệu{ $records ->
    [0] {""}
   *[other] {" "}và { $records } hồ sơ
}: { $errors } lỗi, { $warnings } cảnh báo
yaml-duplicate-key = trường `{ $field }` xuất hiện hai lần
yaml-colon-in-value = dấu ': ' đặt sai chỗ; giá trị có chứa ': ' cần đặt trong dấu nháy
yaml-expected-key = không tìm thấy tên trường ở chỗ cần có (thụt lề có đúng không?)
yaml-unclosed-list = danh sách thiếu dấu ',' hoặc ']'
yaml-unclosed-mapping = nhóm trường thiếu dấu ',' hoặc '{"}"}'
yaml-bad-start = giá trị bắt đầu bằng ký tự không được phép (như '@' hoặc '`'); đặt giá trị trong dấu nháy
yaml-expected-colon = thiếu dấu ':' sau tên trường
yaml-unexpected-end = văn bản YAML kết thúc đột ngột (thiếu dấu nháy hay ngoặc đóng?)
yaml-tab = dùng ký tự tab để thụt lề; YAML chỉ dùng dấu cách
type-number = một số
type-text = chữ
type-list = một danh sách
type-mapping = một nhóm trường
type-bool = true hoặc false

## Lỗi: vì sao một lệnh không làm được, và cách khắc phục.

error-no-commits = kho chưa có commit nào; hãy commit các tài liệu trước
error-no-legal-register = kho chưa có sổ văn bản pháp luật ({ $file }); `qms init` ghi sẵn một danh mục khởi tạo để bổ sung
error-uncommitted-changes = { $path } có thay đổi chưa commit; hãy commit hoặc cất tạm các thay đổi đó trước để qms không ghi đè lên
error-signing-key-required = không có khóa ký: chính sách yêu cầu chữ ký; truyền --key, hoặc đặt `git config user.signingkey` (và `gpg.format ssh` với khóa SSH)
error-no-signer-policy = không có chính sách người ký ({ $file }) để ký theo; `qms init` ghi sẵn một bản
error-not-committed = { $id } ({ $path }) chưa được commit; hãy commit trước
error-uncommitted-edits = { $id } có chỉnh sửa chưa commit trong { $path }; hãy commit chỉnh sửa trước (hoặc cất tạm) để nội dung được ký đúng là nội dung được lưu
error-step-refused = { $person } không thể thực hiện bước { $action } — chưa ghi gì:
  { $reasons }
error-no-signing-key = không có khóa ký
error-commit-unsigned = commit mới { $commit } không có chữ ký
error-signature-would-fail = chữ ký sẽ không được xác thực ({ $reason }); thêm khóa công khai của bạn vào mục keys trong { $file }, hoặc ký bằng một khóa có trong đó
error-no-such-id-near = không có { $what ->
    [document] tài liệu
   *[other] hồ sơ
} nào mang mã { $id }; có phải ý bạn là { $near }?
error-no-such-id = không có { $what ->
    [document] tài liệu nào mang mã { $id }; `qms list` liệt kê các mã
   *[other] hồ sơ nào mang mã { $id }
}
error-id-several-files = mã { $id } được nhiều tệp dùng: { $paths }; hãy chạy `qms check`
error-record-kind = { $id } là hồ sơ loại { $kind }, không phải { $expected }
error-open-folder = không mở được thư mục { $path }
error-no-repository = không có { $file } trong { $path } hay thư mục nào phía trên; chạy `qms init` để tạo kho hệ thống quản lý chất lượng, hoặc truyền `-C THƯ_MỤC`
error-not-utf8 = { $path } không phải văn bản UTF-8 (byte không hợp lệ tại vị trí { $offset })
error-read = không đọc được { $path }
error-no-config = { $path } không có { $file }; hãy chạy `qms init` ở đó trước
error-user-unknown = { $variable }={ $id } không phải là người có trong { $file }; dùng mã người có trong tệp đó
error-not-in-git = { $path } không nằm trong kho git nào; chạy `git init` ở đó, hoặc `qms init`
error-bare-repository = kho git tại { $path } là kho trần (bare); qms cần một thư mục làm việc
error-open-git = không mở được kho git chứa { $path }
error-git-busy = git đang thực hiện dở { $operation }; hãy hoàn tất hoặc hủy trước, rồi chạy lại qms
error-detached-head = HEAD đang tách rời khỏi nhánh; hãy chuyển sang một nhánh (`git switch main`) trước khi chạy qms
error-git-lock = { $path } đang tồn tại: một tiến trình git khác đang chạy, hoặc đã bị dừng đột ngột. Nếu không có lệnh git nào đang chạy, hãy xóa tệp đó rồi thử lại
error-id-taken = mã { $id } vừa được { $path } dùng (do một commit khác); chạy lại lệnh để lấy số tiếp theo còn trống
error-staged-before-sync = bạn có thay đổi đã stage; hãy commit (hoặc `git stash`) trước để việc hợp nhất chỉ nhận những gì từ kho xa
error-sync-conflict = thay đổi từ kho xa xung đột với thay đổi của bạn ({ $conflict }); chưa thay đổi gì. Hãy hợp nhất thủ công (`git merge FETCH_HEAD`), commit, rồi chạy lại `qms sync`
error-branch-moved = nhánh { $branch } đã thay đổi trong lúc qms ghi (có commit khác vừa vào); chưa thay đổi gì — hãy chạy lại lệnh
error-update-branch = không cập nhật được { $branch }
error-create = không tạo được { $path }
error-write = không ghi được { $path }
error-stage = không đưa được { $path } vào chỉ mục git
error-write-index = không ghi được chỉ mục git
error-git-status = không đọc được trạng thái git
error-run-git = không chạy được git; hãy cài git
error-not-a-commit = `{ $revision }` không phải là commit trong kho này
error-git-config = không đặt được { $name } trong cấu hình git của kho
error-git-init = không tạo được kho git trong { $path }
error-git-failed = lệnh git { $command } thất bại: { $output }
error-path-not-utf8 = { $path } không phải đường dẫn UTF-8 hợp lệ
error-who-are-you = qms không biết bạn là ai: đặt { $variable } bằng mã người của bạn trong .qms/signers.yaml, hoặc đặt `git config user.email` bằng email ghi trong đó
error-signing-key = không có khóa ký: truyền --key, hoặc đặt `git config user.signingkey` (và `gpg.format ssh` với khóa SSH)
error-action-shape = { $flag } "{ $spec }": viết dạng "VIỆC|NGƯỜI|HẠN", ví dụ "Cài nhắc hạn|le-van-cuong|2027-04-15"
error-action-due = { $flag } "{ $spec }": hạn { $due } không viết dạng YYYY-MM-DD
error-action-owner = { $flag } "{ $spec }": { $owner } không phải là người có trong .qms/signers.yaml
error-action-text = { $flag } "{ $spec }": hãy ghi việc cần làm
error-tthc-unknown = mã { $code } không có trong catalog/tthc.yaml; hãy nhập danh mục trước (`qms tthc import`)
error-tthc-not-procedure = --tthc chỉ dùng với `qms new procedure`
error-exists = { $path } đã tồn tại; chọn tiêu đề hoặc mã khác
error-new-not-committed = không commit được { $path }; chưa ghi gì (dùng --no-commit để chỉ ghi tệp mà không commit)
error-file-not-committed = { $path } chưa được commit
error-not-a-version = `{ $version }` không phải là phiên bản: dùng số lần ban hành, head hoặc work
error-no-issue = { $id } chưa được ban hành lần nào
error-no-issue-diff = { $id } chưa được ban hành lần nào; hãy so sánh hai phiên bản cụ thể, ví dụ `qms diff { $id } head work`
error-not-git = không phải kho git
error-issue-unreadable = lần ban hành { $issue } của { $id } không đọc được: { $problem }
error-search-words = hãy nhập từ cần tìm
error-review-verdict = hãy chọn --accept hoặc --reject
error-reject-reason = từ chối cần nêu lý do: -m "…"
error-withdraw-reason = thu hồi cần nêu lý do: -m "…"
error-programme-exists = { $path } đã tồn tại; hãy sửa nó, hoặc trình phê duyệt (`qms submit { $id }`)
error-programme-impossible = không lập được chương trình đánh giá năm { $year } đúng các quy tắc — chưa ghi gì:
  { $problems }
error-programme-no-unit = chương trình năm { $year } không có kế hoạch đánh giá { $unit }; hãy ghi các điều khoản bằng --clause
error-no-lead = hãy chỉ định trưởng đoàn đánh giá bằng --lead (chương trình không ghi sẵn)
error-not-auditor = { $id } không phải là chuyên gia đánh giá nội bộ đang hoạt động (người có vai trò ghi `auditor: true`)
error-own-unit = { $id } thuộc { $unit }: không ai được đánh giá chính đơn vị mình
error-no-history = không có lịch sử git
error-finding-text = hãy ghi điều phát hiện được: -m "…"
error-report-closed = báo cáo đánh giá { $audit } đã kết thúc; không thể thêm phát hiện
error-no-audit-plan = --audit { $audit } không phải là kế hoạch đánh giá nào
error-plan-draft = để chỉ ghi kế hoạch cho người khác phê duyệt, thêm --draft
error-nc-actions = { $problem }; `qms nc show { $id }` liệt kê các hành động
error-period = --period { $period } không phải là một kỳ; { $hint }
error-value-number = --value phải là một số
error-not-objectives = { $id } là tài liệu loại { $doc_type }, không phải mục tiêu chất lượng (MTCL)
error-no-objectives = { $id } chưa nêu mục tiêu đo lường được; thêm vào mục `objectives` của phần đầu (xem docs/improvement.md)
error-objective-number = { $id } nêu các mục tiêu từ 1 đến { $count }; --objective { $objective } không nằm trong đó
error-not-measurements = { $id } đã tồn tại nhưng không phải hồ sơ số đo mục tiêu
error-risk-title = hãy ghi rủi ro là gì: --title "…"
error-risk-process = --process { $process } không phải tài liệu cũng không phải đơn vị; ghi một quy trình (QT-07) hoặc mã đơn vị trong qms.yaml
error-not-register = { $id } không phải sổ đăng ký rủi ro
error-no-register = không có sổ đăng ký rủi ro nào mang mã { $id }
error-no-risk = không sổ đăng ký nào có rủi ro { $risk }; `qms risks` liệt kê các rủi ro
error-attendee = --attendee { $attendee } không phải là người có trong .qms/signers.yaml
error-no-attendees = hãy ghi người dự họp: --attendee NGƯỜI (mỗi người một lần)
error-empty-decision = một --decision để trống; hãy ghi nội dung kết luận
error-hook-exists = { $path } đã tồn tại và không do qms ghi; hãy gộp thủ công, hoặc dùng --force để thay thế
error-which-hook = hãy chọn hook: --pre-commit, --server KHO_TRẦN, hoặc cả hai
error-current-exe = không xác định được vị trí chương trình qms
error-not-bare = { $path } không phải là kho git trần (bare)
error-import = không nhập được { $path }
error-no-procedures = { $path } không có thủ tục nào (mỗi dòng cần mã và tên thủ tục)
error-catalogue-dirty = { $file } có thay đổi chưa commit; hãy commit trước, hoặc dùng --no-commit
error-nothing-changed = chưa thay đổi gì
error-cannot-declare = chưa thể công bố hệ thống quản lý chất lượng; còn thiếu:
  - { $missing }
error-nothing-to-declare = chưa có thủ tục hành chính nào trong catalog/tthc.yaml có quy trình đang hiệu lực; chưa có gì để công bố
error-diagnostic-exists = { $id } đã tồn tại; hãy chấm các chỉ số, hoặc chọn --year khác
error-no-diagnostic = chưa có bộ tự đánh giá năm { $year }; tạo bằng `qms diagnose new --year { $year }` rồi chấm các chỉ số
error-mine = --mine cần biết bạn là ai: đặt QMS_USER, hoặc user.email của git bằng email của bạn trong .qms/signers.yaml
error-no-steps = { $id } chưa có bước duyệt nào
error-init-exists = { $path } đã có hệ thống quản lý chất lượng ({ $file } đã tồn tại); chưa thay đổi gì
error-init-clashes = { $path } đã có các tệp mà qms init sẽ ghi: { $files }; hãy chuyển chúng đi hoặc chọn thư mục khác. Chưa thay đổi gì
error-export-not-effective = { $id } chưa có lần ban hành nào đang hiệu lực: chỉ bản đã phê duyệt mới xuất ra Word (thêm --drafts để xuất bản nháp, có dấu BẢN NHÁP)
error-export-which = nêu mã các tài liệu cần xuất (ví dụ `qms export docx QT-07`), hoặc --all cho mọi tài liệu đang hiệu lực
status-exported-draft = { $id } là bản nháp chưa được phê duyệt, đã đánh dấu BẢN NHÁP
error-import-id-one-file = --id chỉ dùng khi nhập một tệp
error-import-docx = không đọc được { $path } như một tệp Word (.docx)
error-import-no-id = { $path }: bảng tiêu đề không ghi Mã số; cho mã bằng --id
error-import-type = { $id } ({ $path }): không có loại tài liệu nào trong qms.yaml mang tiền tố này; chọn bằng --type
status-import-issue = { $id }: bản Word ghi lần ban hành { $issue }; lịch sử trong qms bắt đầu từ lần 1 khi tài liệu được phê duyệt
status-import-image = có hình nằm trong bảng hoặc liên kết ra ngoài tệp chưa được đặt vào đúng chỗ; chèn lại từ thư mục hình
status-import-merged = bảng có ô gộp đã được tách: nội dung nằm ở ô đầu, cần xem lại
status-import-signer = { $name } (bảng ký tên) không có trong .qms/signers.yaml; ghi tác giả bằng tay
status-import-no-process = quy trình { $process } của biểu mẫu không có trong kho hay trong lần nhập này; biểu mẫu được nhập không gắn quy trình
status-import-pictures = { $count } hình ảnh đã lưu trong { $folder }; chèn lại vào đúng chỗ trong tài liệu
error-unknown-type = không có loại tài liệu `{ $doc_type }`; dùng một trong: { $known }
error-form-under = biểu mẫu được đánh số theo quy trình của nó: thêm `--under QT-…`
error-form-parent-missing = không có tài liệu { $parent } để đánh số biểu mẫu theo; `qms list --type procedure` liệt kê các quy trình
error-form-parent-shape = { $parent } không phải mã quy trình dạng { $prefix }-07; biểu mẫu được đánh số theo quy trình
error-under = --under: { $problem }
error-id-option = --id: { $problem }; chưa ghi gì
error-id-used = mã { $id } đã được dùng; bỏ --id để lấy mã tiếp theo còn trống
error-no-unit = qms.yaml không có đơn vị `{ $unit }`
error-no-units = qms.yaml chưa có đơn vị nào; thêm ít nhất một đơn vị vào `units:`
error-shallow-clone = đây là bản sao nông (shallow clone): không thể xác thực các phê duyệt khi thiếu một phần lịch sử; { $fix }
error-partial-clone = đây là bản sao một phần (các đối tượng được tải khi cần): không thể xác thực các phê duyệt khi ngoại tuyến; hãy sao chép không dùng `--filter`, hoặc { $fix }
error-fetch-everything = tải toàn bộ lịch sử trước: `git fetch --unshallow` (GitHub Actions: `fetch-depth: 0` trong actions/checkout; GitLab CI: `GIT_DEPTH: 0`)
error-no-root = lịch sử của { $head } không có commit gốc
error-owns-no-action = { $person } không phụ trách hành động nào của { $of }
error-no-action = { $of } có { $count } hành động; không có hành động số { $number }
error-action-owner-other = hành động { $number } của { $of } do { $owner } phụ trách, không phải { $person }
error-reading-failed = việc đọc các tài liệu bị lỗi bất ngờ; chưa kiểm tra gì
error-read-history = không đọc được lịch sử git
error-timestamp = { $variable }={ $value } không phải thời điểm hợp lệ; dùng dạng RFC 3339, ví dụ 2026-11-22T09:15:00+07:00
error-pre-receive-line = không đọc được dòng pre-receive `{ $line }`; lần đẩy bị từ chối
error-csv-not-utf8 = { $path } không phải UTF-8 (byte không hợp lệ tại vị trí { $offset }); hãy lưu dạng "CSV UTF-8"
error-import-format = { $path }: dùng tệp .csv, .xlsx hoặc .yaml
error-csv-line = dòng CSV { $line }
error-spreadsheet-too-large = { $path } khi giải nén sẽ chiếm { $size } MB, quá { $limit } MB mà một bảng thủ tục cần; hãy xuất lại từ cổng dịch vụ công, hoặc lưu dạng .csv
error-no-worksheet = { $path } không có trang tính nào
error-no-header-row = trong 20 dòng đầu không có dòng tiêu đề với cột mã ("Mã TTHC") và cột tên ("Tên thủ tục")
error-run-ssh-keygen = không chạy được ssh-keygen; cài OpenSSH (ssh-keygen) để ký bằng khóa SSH
error-ssh-sign = ssh-keygen không ký được bằng { $key }: { $output }
error-run-gpg = không chạy được gpg; cài GnuPG để ký bằng khóa GPG
error-gpg-sign = gpg không ký được bằng { $key }: { $output }
error-templates-unapproved = các mẫu tùy chỉnh sau chưa được phê duyệt nên sổ tay không dùng chúng:
  { $paths }
  hãy commit, rồi `qms submit`, `qms review --accept` và `qms approve` từng đường dẫn (hoặc xóa chúng để dùng mẫu có sẵn); `qms build --drafts` dựng bản nháp có dùng chúng
error-build-nothing-committed = chưa có gì được commit; hãy commit và phê duyệt tài liệu trước khi dựng sổ tay
error-build-broken-links = không dựng được sổ tay: { $count } dẫn chiếu tới tài liệu chưa có lần ban hành hiệu lực:
  { $links }
  hãy phê duyệt các tài liệu đó, hoặc dựng với --drafts
error-no-chromium = không tìm thấy Chromium để xuất PDF (đã tìm { $browsers } trên PATH, và QMS_CHROMIUM). Hãy cài — trên Debian hay Ubuntu `sudo apt-get install chromium` — hoặc mở print.html bằng trình duyệt rồi in ra PDF. Sổ tay HTML đã được ghi
error-run-browser = không chạy được { $browser }
error-browser-no-pdf = { $browser } không ghi được { $path }: { $output }
error-template-symlink = { $path } là liên kết tượng trưng; mẫu tùy chỉnh phải là tệp thông thường trong kho
error-template-special = { $path } không phải tệp thông thường; xóa đi hoặc thay bằng một mẫu
error-template-invalid = mẫu { $template } không hợp lệ
error-a-template-invalid = có một mẫu không hợp lệ
error-template-render = không dựng được mẫu { $template }
error-page-outside = từ chối ghi trang `{ $page }` ra ngoài thư mục kết quả: mã tài liệu không hợp lệ; `qms check` chỉ ra tài liệu đó
error-folder-not-empty = { $path } không trống; chọn một thư mục mới
error-out-exists = { $path } đã tồn tại và không do qms build ghi; chọn --out khác, hoặc làm trống thư mục
error-unit-source = { $path }: đơn vị { $number } ({ $name }) cần đúng một trong hai: `path` (kho trên máy) hoặc `url` (kho từ xa)
error-unit-unreadable = không đánh giá được đơn vị tại { $path }
error-unit-twice = { $path }: hai đơn vị cùng tên { $unit }; hãy đặt `id` khác nhau
error-unit-no-source = đơn vị { $name } không có path cũng không có url
error-no-criterion = { $path }: không có tiêu chí nào mang mã { $id }
error-criterion-points = { $path }: { $id } được chấm từ 0 đến { $max } điểm, không phải { $points }

## Dòng trạng thái, tiến độ (stderr).

status-synthetic-units = { $units } kho của đơn vị ({ $unreadable } cố ý không đọc được), liệt kê trong { $path }, trong { $seconds } giây
status-synthetic = bộ dữ liệu tổng hợp trong { $path }: { $documents } tài liệu, { $commits } commit, trong { $seconds } giây
status-demo = cơ quan mẫu trong { $path } ({ $commits } commit lịch sử), sổ tay { $documents } tài liệu, trong { $seconds } giây
status-templates-written = đã ghi { $count } mẫu vào { $path }
status-search = { $count } tài liệu khớp
status-no-author = lưu ý: chưa ghi người soạn thảo — đặt { $variable } bằng mã người của bạn trong .qms/signers.yaml, hoặc dùng email ghi trong đó cho git
status-built = đã dựng sổ tay: { $documents } tài liệu ({ $obsolete } hết hiệu lực), { $pages } trang trong { $seconds } giây → { $path }
error-serve-bind = không mở được { $address } để phục vụ; chọn --port khác (0 để tự chọn cổng trống)
error-serve-watch = không theo dõi được thay đổi của { $path }
serve-refused-host = từ chối: bản xem trước chỉ trả lời yêu cầu gửi tới chính máy này (localhost, 127.0.0.1, [::1])
serve-refused-path = từ chối: chỉ phục vụ các tệp trong thư mục sổ tay
serve-not-found = { $path }: không có trang này trong sổ tay
serve-method = không phục vụ { $method }; bản xem trước chỉ cho đọc (GET, HEAD)
status-serving = đang xem trước sổ tay ({ $documents } tài liệu) tại { $url }; mỗi thay đổi được dựng lại và trang đang mở tự tải lại; Ctrl+C để dừng
status-serve-rebuilt = đã dựng lại: { $files } tệp thay đổi trong { $milliseconds } ms
status-serve-failed = dựng lại không thành công, vẫn phục vụ sổ tay trước đó: { $error }
serve-open-to-network = { $address } không chỉ là máy này: ai truy cập được qua mạng đều đọc được bản xem trước, kể cả bản nháp
status-serve-stopped = đã dừng xem trước
status-wrote = đã ghi { $path }
status-installed = đã cài { $path }
status-pinned-root = đã ghim gốc tin cậy là { $root } (git config qms.trustRoot)
status-same = { $old } và { $new } giống nhau
status-tthc-import = { $file }: thêm { $added }, cập nhật { $updated }, giữ nguyên { $unchanged }; tạo { $processes } quy trình
diff-issue = lần ban hành { $number }
error-measurement-exists = { $id } đã có giá trị { $value } cho mục tiêu { $objective } kỳ { $period }; dùng --replace để sửa (git vẫn giữ giá trị cũ)
error-programme-system-unit = đơn vị điều hành hệ thống quản lý chất lượng ({ $unit }) không có trong qms.yaml
error-no-eligible-auditor = đơn vị { $unit } không có chuyên gia đánh giá phù hợp: mọi chuyên gia ({ $auditors }) đều thuộc đơn vị này, mà không ai đánh giá chính đơn vị mình; hãy đào tạo chuyên gia đánh giá từ đơn vị khác
io-not-found = không tìm thấy tệp hay thư mục
io-permission-denied = không có quyền truy cập
io-already-exists = đã tồn tại
io-is-a-directory = đây là một thư mục
io-not-a-directory = đây không phải là thư mục
io-storage-full = ổ đĩa đã đầy
io-read-only = hệ thống tệp chỉ cho đọc
io-invalid-data = dữ liệu không hợp lệ
status-push-refused = từ chối lần đẩy — kho dùng chung của hệ thống quản lý chất lượng chỉ nhận lịch sử hợp lệ:
status-push-redo = Hãy thực hiện lại các bước bằng qms (qms verify giải thích từng vấn đề), rồi đẩy lại.
status-list-problems = { $count } vấn đề trong các tài liệu; chạy `qms check` để xem chi tiết
status-nothing-to-change = không có gì cần thay đổi
status-not-effective = đã ghi nhận chưa có hiệu lực; lập hành động mới bằng `qms nc plan { $id } --action …`, rồi thực hiện
error-refers-unissued = { $id } dẫn chiếu { $target }, tài liệu chưa có lần ban hành hiệu lực
error-links-unissued = { $id } liên kết tới { $target }, tài liệu chưa có lần ban hành hiệu lực
guard-invalid-action = bước { $action } của { $document } do { $signer } thực hiện không hợp lệ: { $reasons }

## Sổ đăng ký văn bản đi (qms issue-number).

error-register-number = hãy ghi số văn bản: --number 123/QĐ-UBND
error-register-date = --date { $date } không phải là ngày; viết 01/12/2026 hoặc 2026-12-01
error-register-not-issued = { $id } chưa có lần ban hành nào đang hiệu lực; chỉ cấp số cho văn bản đã được phê duyệt
error-register-number-taken = số { $number } đã cấp cho { $other } trong { $register }; mỗi văn bản một số
error-register-exists = lần ban hành { $issue } của { $id } đã mang số { $number }; dùng --replace để sửa
status-registered = đã ghi { $id } (lần ban hành { $issue }) vào sổ đăng ký văn bản đi với số { $number }
hint-register-document = sổ đăng ký chỉ ghi văn bản có trong kho; sửa mã văn bản
check-register-number = số { $number } của { $document } để trống hoặc đã cấp cho văn bản khác trong sổ
hint-register-number = mỗi văn bản một số; `qms issue-number … --replace` sửa số đã cấp
error-audit-conclusion = báo cáo đánh giá { $audit } chưa có kết luận; trưởng đoàn ghi kết luận bằng --conclusion "…"
error-record-person = { $person } không phải là người có trong .qms/signers.yaml
error-no-chair = không xác định được người chủ trì; ghi bằng --chair NGƯỜI
check-form-field = hồ sơ thiếu trường `{ $field }` mà biểu mẫu { $form } yêu cầu
hint-form-field = ghi `{ $field }: …` vào phần đầu của hồ sơ
status-pdf-continuous = sổ tay có hơn { $limit } tài liệu nên PDF được in một lượt, đánh số trang liên tục (không đánh lại theo từng tài liệu)
check-sample-name = `organisation.{ $field }` là "{ $name }", chưa phải tên một cơ quan cụ thể; văn bản hành chính sẽ in đúng như vậy
hint-sample-name = ghi tên đầy đủ, ví dụ "Ủy ban nhân dân tỉnh Đồng Nai" (hoặc khởi tạo với `qms init --org … --superior …`)

## Forms
form-plan-purpose = Xác định mức độ phù hợp và hiệu lực của hệ thống quản lý chất lượng tại { $unit }
form-plan-checklist = Phiếu ghi chép đánh giá (BM-02-03): `qms audit checklist --audit { $audit }`
form-legal-replaced-by = Đã bị thay thế bởi { $by }

## Record and file bodies (multi-line)

init-catalog-header =
    # Danh mục thủ tục hành chính của cơ quan. Mã số là mẫu: thay bằng danh mục chính thức
    # xuất từ Cổng Dịch vụ công bằng `qms tthc import TỆP`.

record-diagnostic-body =
    # Tự đánh giá theo TCVN ISO 18091

    Mỗi chỉ số được đánh giá theo ba mức: `green` (đạt mức tối thiểu chấp nhận được), `yellow` (đã có hành động nhưng chưa đủ), `red` (dưới mức tối thiểu hoặc chưa có); ghi căn cứ vào `evidence`. `qms diagnose` lập báo cáo.

record-risks-body =
    # Danh mục rủi ro và cơ hội

    Mỗi rủi ro được chấm khả năng xảy ra (1–5) × mức độ ảnh hưởng (1–5); biện pháp xử lý có người thực hiện và thời hạn, đánh dấu `done` khi hoàn thành.

record-objectives-body =
    # Kết quả đo mục tiêu chất lượng

    Các kết quả đo nằm trong trường `measurements`; ghi nguồn số liệu (báo cáo thống kê, bảng tổng hợp khảo sát) vào `note`.

## Mistakes on the command line (clap's errors, worded here)
usage-error = lỗi: { $message }
usage-suggestion = gợi ý: có phải ý bạn là '{ $value }'?
usage-usage = Cách dùng: { $usage }
usage-more = Xem thêm: thêm --help vào lệnh.
usage-unknown-subcommand = không có lệnh '{ $value }'
usage-unknown-argument = tham số '{ $value }' không dùng được ở đây
usage-value-required = { $arg } cần một giá trị
usage-invalid-value = giá trị '{ $value }' không hợp lệ cho { $arg }
usage-accepted = các giá trị được nhận: { $values }
usage-missing-required = thiếu tham số bắt buộc: { $args }
usage-missing-subcommand = '{ $command }' cần một lệnh con
usage-repeated = { $arg } chỉ được dùng một lần
usage-conflict = không dùng được { $arg } cùng với { $other }
usage-too-many-values = giá trị '{ $value }' cho { $arg } là thừa
usage-too-few-values = { $arg } cần { $expected } giá trị, đã cho { $actual }
usage-no-equals = { $arg } cần dấu bằng: { $arg }=GIÁ_TRỊ
usage-invalid-utf8 = dòng lệnh có ký tự không phải UTF-8
usage-other = dòng lệnh không hợp lệ

## Errors that name what broke
error-check-ssh-keygen = không chạy được ssh-keygen để kiểm tra chữ ký SSH; hãy cài OpenSSH (gói openssh-client)
error-check-gpg = không chạy được gpg để kiểm tra chữ ký GPG; hãy cài GnuPG (gói gnupg)
error-approved-unreadable = nội dung đã phê duyệt của { $id } không đọc được từ git; chạy `git fsck` để kiểm tra kho
error-print-marker = mẫu handbook/print.html không còn dòng { $marker } (chỗ đặt các tài liệu); hãy thêm lại dòng đó vào bản ghi đè trong templates/
error-template-context = không chuẩn bị được dữ liệu cho mẫu
error-hook-repository = không mở được kho git mà hook đang chạy trong đó
error-no-commit = không có commit { $id } trong kho này
error-no-tree = không có cây thư mục { $id } trong kho; chạy `git fsck` để kiểm tra kho
error-corrupt-tree = không đọc được cây thư mục chứa { $path }; kho git có thể bị hỏng, chạy `git fsck` để kiểm tra
error-as-of-time = ngày --as-of { $date } không đặt được vào múi giờ của kho
error-reading-documents = việc đọc các tài liệu bị dừng giữa chừng

## Assessment evidence
assess-verify-summary = qms verify: { $commits } bước duyệt của { $documents } tài liệu và hồ sơ, { $invalid } có bước không hợp lệ
assess-pending = chờ chấm ({ $points } điểm)
assess-provisional = tạm tính: { $points } điểm chờ đoàn kiểm tra chấm tại chỗ (--manual)
assess-no-legal-register = không có danh mục văn bản pháp luật ({ $file }) để đối chiếu các căn cứ pháp lý
assess-no-citations = không tài liệu đang hiệu lực nào dẫn chiếu văn bản pháp luật
assess-legal-current = { $current }/{ $citing } tài liệu đang hiệu lực chỉ dẫn chiếu văn bản còn hiệu lực, có trong danh mục
