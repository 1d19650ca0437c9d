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
history-second-root = commit hợp nhất { $merge } đưa vào lịch sử từ một commit gốc thứ hai { $root } mà chính sách đang có hiệu lực không chấp nhận: các phê duyệt trong đó không được tính; hãy hoàn tác việc hợp nhất, hoặc ghi gốc đó vào `policies.admitted_roots` trong qms.yaml và phê duyệt thay đổi ấy trước
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
verify-signed = đã ký số ({ $format } { $key })
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
