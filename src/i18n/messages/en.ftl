## qms — English messages. Every id here has a twin in vi.ftl (a test
## checks both ways). Arguments are $named; rule ids and JSON keys are not
## translated.

## Where a record stands in its sign-offs.

stage-open = open
stage-planned = planned
stage-actions-done = actions done
stage-verified = verified
stage-closed = closed

## Why an action commit is invalid (qms verify, check, the server hook).

problem-parent-count = an action commit has exactly one parent; this one has { $count }
problem-changes-content = the commit changes content: an action commit's tree must equal its parent's
problem-no-trust-root = { $reason }
problem-outside-trust-root = the commit does not descend from the trust root: no signer policy is in force on its line of history
problem-from-unadmitted-root = made in history from the root commit { $root }, which the policy in force does not admit (merged by { $merge })
problem-signed-too-late = Qms-Signed-At { $signed_at } is more than a day after the commit was made
problem-missing-file = the parent commit has no file { $path }
problem-blob-mismatch = Qms-Blob { $blob } does not match { $path } in the parent commit ({ $actual })
problem-other-document = { $path } holds the document { $holds }, not { $named }
problem-unreadable-document = { $path } in the parent commit is not a readable document
problem-policy-mismatch = Qms-Policy { $policy } is not the signer policy of the parent commit ({ $parent })
problem-policy-mismatch-none = none
problem-unapproved-signer-policy = the signer policy in the parent commit is an unapproved change of { $file }; approve it under the previous policy first
problem-unapproved-config = { $file } in the parent commit is an unapproved change; approve it first
problem-no-signer-policy = there is no readable signer policy ({ $file }) in force
problem-unknown-person = { $signer } is not a person of the signer policy in force
problem-retired-person = { $signer } is retired in the signer policy
problem-role-not-held = { $signer } does not hold the role { $role }
problem-unknown-role = { $role } is not a role of the signer policy in force
problem-meaning-not-granted = the role { $role } may not give the meaning `{ $meaning }` for documents of type { $doc_type }
problem-not-named = neither { $signer } nor role:{ $role } is among the document's { $field } ({ $named })
problem-record-step-on-document = { $action } is a step of records (nonconformities, audit reports), not of documents
problem-withdrawn = the document was withdrawn
problem-already-effective = this content is already effective
problem-already-submitted = this content is already submitted
problem-not-submitted = this content was not submitted for review
problem-already-approved = this content is already approved
problem-review-rejected = the latest review of this content ({ $review }) rejected it
problem-review-required = the policy requires an accepting review of this content before approval
problem-already-withdrawn = the document is already withdrawn
problem-acknowledge-not-effective = only the effective issue of a document can be acknowledged
problem-already-acknowledged = { $signer } already acknowledged this issue
problem-bad-signature = bad signature: { $reason }
problem-signature-required = the policy requires signed action commits, and this one is not signed

## Why a sign-off on a record does not fit where the record stands.

record-problem-report-closed = the audit report is already closed
record-problem-not-lead-auditor = only the lead auditor ({ $lead }) closes the audit report
record-problem-no-lead-auditor = the audit report names no lead auditor (field `lead`)
record-problem-plan-too-late = the nonconformity is already { $stage }; a new problem needs a new record
record-problem-no-root-cause = the record has no root cause (field `root_cause`); write it before the plan is approved
record-problem-no-corrective-actions = the record has no corrective actions (field `actions`)
record-problem-owner-approves-plan = { $signer } owns a corrective action and cannot approve the plan for it
record-problem-plan-not-approved = the corrective-action plan is not approved yet (`qms nc plan`)
record-problem-already-at = the nonconformity is already { $stage }
record-problem-owns-no-action = { $signer } owns no corrective action of this nonconformity
record-problem-actions-not-done = not every action { $signer } owns is marked done
record-problem-verify-too-early = effectiveness is verified once every corrective action is done; the nonconformity is { $stage }
record-problem-owner-verifies = { $signer } owns a corrective action; the verifier must be somebody else
record-problem-not-the-verifier = the record's `verified_by` does not name { $signer }
record-problem-not-effective = the record does not say the actions were effective (`effective: true`); if they were not, plan new actions
record-problem-close-too-early = a nonconformity is closed after its actions are verified effective; it is { $stage }
record-problem-not-a-nonconformity-step = a nonconformity moves by plan, complete, verify and close, not by { $action }
record-problem-no-such-step = a record of kind { $kind } has no step `{ $action }`

## Problems of the history as a whole.

history-trust-root-not-in-history = the trust root { $root } is not in the history of HEAD: history was rewritten (force-pushed or rebased) since it was recorded
history-trust-root-unknown = the trust root { $root } is not in this repository: history was rewritten since it was recorded, or the id is wrong
history-unpinned-roots = the history has { $count } root commits ({ $roots }) and no trust root is pinned, so no approval can be trusted; name the commit the QMS started from with `--trust-root` or `git config { $config } <commit>`
history-second-root = merge { $merge } brings in history from a second root commit { $root }, which the policy in force does not admit: its approvals do not count; undo the merge, or list the root under `policies.admitted_roots` in qms.yaml and approve that change first
history-rival-bootstraps = two lines of history each bring their own first version of { $file } (commits { $first } and { $second }); a first version is trusted only once: approve the merged { $file }
history-unapproved-policy = { $file }: { $reason }
policy-unapproved = changed without approval: approve it with `qms approve { $file }`; until then everything relying on it is invalid
history-hint = docs/approval.md, "The trust model", says how history is judged and how to pin the trust root

## qms verify, for people.

verify-label-error = error
verify-label-approved = APPROVED
verify-label-stale = STALE
verify-label-unapproved = UNAPPROVED
verify-label-signed-off = SIGNED OFF
verify-label-withdrawn = WITHDRAWN
verify-label-invalid = INVALID
verify-label-unverifiable = UNVERIFIABLE
verify-words-approved = approved
verify-words-stale = stale
verify-words-unapproved = unapproved
verify-words-signed-off = signed off
verify-words-withdrawn = withdrawn
verify-words-invalid = invalid
verify-words-unverifiable = unverifiable
verify-malformed = commit { $commit } "{ $subject }" looks like an action commit but { $reason }
verify-issue = issue { $issue }
verify-unsigned = unsigned
verify-signed = signature verified ({ $format } { $key })
verify-bad-signature = bad signature: { $reason }
verify-not-checkable = signature not checkable here: { $reason }
verify-summary = verified { $commits } action commit(s) for { $documents } document(s): { $verdicts }
verify-summary-malformed = , { $count } malformed commit(s)
verify-reason-invalid = { $count } invalid action commit(s)
verify-reason-bootstrap = the initial version, trusted as the bootstrap
verify-reason-unverifiable = { $count } signature(s) could not be checked here
verify-reason-last-step = last step: { $action } by { $signer }
verify-reason-changed = changed since issue { $issue }

## What a step means, as its signer gives it.

meaning-submission = submission
meaning-review = review
meaning-approval = approval
meaning-withdrawal = withdrawal
meaning-acknowledgement = acknowledgement
meaning-plan-approval = plan approval
meaning-completion = completion
meaning-verification = verification
meaning-closure = closure

## Reporting periods, as reports name them.

period-year = { $year }
period-first-half = { $year }-H1
period-second-half = { $year }-H2
period-quarter = { $year }-Q{ $quarter }
period-month = { $year }-{ $month2 }

## Legal time limits.

time-limit-working-days = { $amount } working days
time-limit-calendar-days = { $amount } calendar days
time-limit-working-hours = { $amount } working hours
time-limit-months = { $amount } months

## The time of a step of a process.

step-time-hours = { $hours } working hours
step-time-days = { $days } working days
step-time-days-hours = { $days } working days { $hours } hours
step-time-unknown = [[Write the step's time within the legal limit]]

## qms init.

init-legacy-district = qms: district-level government ended on 1 July 2025 (two-tier local government); this profile only carries an old district QMS over. Start a commune, ward or special zone with --profile commune, a provincial department with --profile department.

## Findings of qms check: messages (check-…) and how to fix them (hint-…).

severity-error = error
severity-warning = warning
finding-hint = hint
check-id-format = not a valid document id: { $problem }
hint-id-format = use capital letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. QT-07)
check-unknown-type = unknown document type `{ $doc_type }`
hint-unknown-type = use one of: { $known } (or add the type to qms.yaml document_types)
check-id-prefix = the id `{ $id }` does not start with `{ $prefix }`, the prefix of type `{ $doc_type }`
hint-id-prefix = rename it to { $prefix }-… or correct the type
check-unknown-owner = the owner `{ $owner }` is not a unit of qms.yaml
hint-one-of = use one of: { $known }
check-author-is-role = the author must be a person, not the role `{ $role }`
hint-author-is-role = name the person who drafted the document
check-unknown-role = `{ $spec }` in `{ $field }` is not a role of the signer policy
check-unknown-person = `{ $spec }` in `{ $field }` is not a person of the signer policy
hint-unknown-person = add them to .qms/signers.yaml or correct the id; roles are written `role:<id>`
check-no-approvers = nobody is named to approve this document
hint-no-approvers = add `approvers: [role:…]`
check-unknown-clause = `{ $clause }` is not an ISO 9001:2015 clause
hint-unknown-clause = use clause numbers from 4 to 10.3, e.g. "8.5.1"; `qms clauses` lists them
check-objectives-missing = the quality objectives have no measurable `objectives` in the front-matter
hint-objectives-missing = list them: `objectives: [{"{"}objective: …, indicator: …, target: 98, unit: "%", frequency: quarterly{"}"}]`; see docs/improvement.md
check-objectives-misplaced = `objectives` belongs in a document of type { $expected }, not { $doc_type }
hint-objectives-misplaced = move the objectives to the MTCL document
check-unknown-tthc = the TTHC code { $code } is not in catalog/tthc.yaml
hint-unknown-tthc = import the agency's procedures with `qms tthc import FILE`, or correct the code
check-unknown-link = `links` names { $link }, which no document has as its id
hint-unknown-link = correct the id, or create the document with `qms new`
check-too-deep = the text nests { $depth } levels deep (block quotes, lists, HTML elements); at most { $max } are shown as Markdown
hint-too-deep = flatten the quotes or lists; until then the handbook shows the text as written
check-link-outside = the link `{ $link }` points outside the repository
hint-link-outside = link only to files inside the repository
check-broken-link = the link `{ $link }` points to { $target }, which does not exist
hint-broken-link = correct the path (it is relative to this file's folder), or refer to the document by its id
check-action-overdue = { $record }: "{ $action }" ({ $owner }) was due on { $due }
hint-nc-overdue = when it is done: `qms nc done { $record }`
hint-action-overdue = mark it done (`done: YYYY-MM-DD`), or agree a new due date
check-record-unknown-unit = `{ $field }` names the unit { $unit }, which qms.yaml does not have
hint-record-unit = use a unit id of qms.yaml
check-record-unknown-person = { $person } is not a person (or role:) of the signer policy
hint-record-person = use a person id of .qms/signers.yaml
check-programme-unknown-unit = the programme names the unit { $unit }, which qms.yaml does not have
check-no-such-document = no document has the id { $id }
hint-objectives-of = name the MTCL document the measurements belong to
check-no-such-audit = no audit plan has the id { $id }
hint-no-such-audit = name an audit plan under records/audits/
check-unknown-indicator = { $indicator } is not an indicator of the ISO 18091 diagnostic
hint-unknown-indicator = `qms diagnose new` writes every indicator; keep their ids
check-indicator-twice = the indicator { $indicator } is rated twice
hint-indicator-twice = rate each indicator once
check-indicators-missing = the diagnostic lacks { $count } indicator(s) of the ISO 18091 catalogue: { $indicators }
hint-indicators-missing = add each with `rating: unrated`, then rate it; `qms diagnose new` writes all 39 for the next year
check-finding-unknown-nc = finding { $number } names the nonconformity { $nc }, which does not exist
check-risk-score = risk { $risk }: { $what } is { $score }; it is scored from 1 to 5
hint-risk-score = 1 = lowest, 5 = highest
check-measurement-period = objective { $objective }: the period `{ $period }` is not a year, half-year, quarter or month
check-measurement-value = objective { $objective }: the value is not a number
check-programme-month = the programme plans { $unit } in month { $month }
hint-programme-month = months are 1 to 12
check-period = the period `{ $period }` is not a year, half-year, quarter or month
hint-period = write 2027, 2027-H1, 2027-Q1 or 2027-03
check-measured-objective = a measurement names objective { $objective } of { $of }, which states { $count }
hint-measured-objective = objectives are numbered 1 to { $count } in the order { $of } lists them
check-duplicate-id = the id { $id } is also used by { $others }
hint-duplicate-record-id = give each record its own id
hint-duplicate-id = give each document its own id (`qms new` picks the next free one)
check-placeholder = the template's instruction is still here: [[{ $instruction }]]
hint-placeholder = replace the text between [[ and ]] with the document's own content; a document holding one cannot be approved
check-no-steps = the process's step table has no steps
hint-no-steps = write each step: what is done, who does it, in how much time, with which form or result
check-blank-step = step { $step } of the process says neither what is done nor who does it
hint-blank-step = fill the step's work and the unit or person responsible, or delete the row
check-empty-section = the section "{ $section }" is empty
hint-empty-section = write what the section is for, or delete the heading
check-legal-unknown = { $number } is not in the register of legal texts
hint-legal-unknown = add it to { $file } (number, type, title, issuer, date, status), or correct the number
check-legal-replaced = { $number } is no longer in force: it was replaced by { $by }
hint-legal-replaced = cite { $by } instead, and review what the change means for this document
check-legal-replaced-unnamed = { $number } is no longer in force: it was replaced by another text
hint-legal-replaced-unnamed = cite the text in force, and record it as replaced_by in the register
check-steps-untimed = the process has no step table whose every step gives its time, so it cannot be held to the legal time limit
hint-steps-untimed = give each step of the table (columns `Bước` and `Thời gian`) a time such as `4 giờ làm việc` or `2 ngày làm việc`
check-limit-unknown = the legal time limit of { $code } is not known, so the process cannot be held to it
hint-limit-unknown = write it in catalog/tthc.yaml as the law states it, e.g. `time_limit_text: 03 ngày làm việc`
check-over-limit = the steps take { $steps } working days, over the legal limit of { $code } ({ $limit }, that is { $allowed } working days)
hint-over-limit = shorten the steps to at most { $allowed } working days in all, or correct the limit in catalog/tthc.yaml if the law changed (docs/checks.md, "Time limits", says how calendar days are counted)
check-tthc-no-process = the procedure { $code } ({ $name }) has no process document
hint-tthc-no-process = create one with `qms tthc import --scaffold` or `qms new procedure --title "…"` and list "{ $code }" in its `tthc` field
check-form-no-parent = the form { $form } belongs to { $parent }, which does not exist
hint-form-no-parent = create { $parent }, or renumber the form under an existing process
check-required-missing = no document addresses clause { $clause } ({ $name_en }), which ISO 9001:2015 requires to be documented
hint-required-missing = write the document and list "{ $clause }" in its `clauses` field
check-limit-range = the time limit of { $code } is { $days } days; it must be a number of days from 0 to 3650
hint-limit-range = write the legal time limit, e.g. `time_limit_days: 3.0` (0.5 for half a day)
check-tthc-twice = the TTHC code { $code } is listed twice
hint-tthc-twice = keep one entry per procedure code
check-policy-unapproved = { $file } was changed and the change is not approved
hint-policy-unapproved = submit, review and approve it: `qms submit { $file }`, `qms review { $file } --accept`, `qms approve { $file }`; until then approvals that rely on it are invalid
check-link-never-issued = { $id } is issued but links to { $link }, which has never been issued
hint-link-never-issued = approve { $link }, or remove the link
yaml-syntax = YAML syntax error: { $detail }
yaml-anchor = YAML anchors ('&name') are not allowed
yaml-alias = YAML aliases ('*name') are not allowed
yaml-tag = YAML tags ('!tag') are not allowed
yaml-directive = YAML directives are not allowed
yaml-several-documents = a document marker ('---' or '...') inside the YAML starts another document
yaml-unknown-field = unknown field `{ $field }`, expected one of { $expected }
yaml-unknown-field-none = unknown field `{ $field }`: no fields are expected here
yaml-missing-field = missing field `{ $field }`
yaml-unknown-variant = unknown variant `{ $value }`, expected one of { $expected }
yaml-invalid-type = invalid type: { $found }, expected { $expected }
yaml-at = { $path }: { $message }
hint-yaml-syntax = check indentation and quoting; values containing ': ' or starting with a special character need quotes
hint-yaml-alias = write the value out in full; if the text really starts with '&' or '*', put it in quotes
hint-yaml-tag = remove the tag; if the text really starts with '!', put it in quotes
hint-yaml-directive = remove the directive line
hint-yaml-several-documents = keep one YAML document: remove the '---' or '...' separator
check-front-matter-missing = the file does not start with a front-matter block
hint-front-matter-missing = start the file with a line '---', the fields (id, title, type, owner, …), and another '---' line
check-front-matter-unclosed = the front-matter block is never closed
hint-front-matter-unclosed = add a line '---' after the last field
check-front-matter-too-large = the front-matter block is larger than { $max } bytes
hint-front-matter-too-large = keep the front-matter to the document's fields; put text in the body
check-file-too-large = the file is { $size } bytes; a document may be at most { $max } bytes
hint-file-too-large = split the document, or keep large attachments outside documents/ and link to them
check-not-utf8 = the file is not UTF-8 text (invalid byte at offset { $offset })
hint-not-utf8 = save the file as UTF-8; if it is a Word or PDF file, keep it outside documents/
check-not-nfc = the text is not in Unicode NFC form; qms reads it as NFC
hint-not-nfc = re-save the file with NFC normalisation (some macOS tools write NFD)
check-bidi = the text holds the bidi-control character { $character }
hint-bidi = remove it unless the text really mixes right-to-left scripts
check-front-matter-empty = the front-matter is empty
check-not-a-mapping = the front-matter must be a mapping of fields (`id: QT-07`), not a list or a single value
check-field-name-not-text = field names must be text
hint-field-name-not-text = write fields as `name: value`
check-required-field = required field `{ $field }` is missing
hint-required-field = add `{ $field }: …` to the front-matter
check-field-empty = field `{ $field }` is empty
hint-field-empty = give `{ $field }` a value
check-field-not-text = field `{ $field }` must be text, found { $found }
hint-field-not-text = put the value in quotes
check-field-not-list = field `{ $field }` must be a list, found { $found }
hint-field-list = write `{ $field }: [A, B]`
check-field-number-code = field `{ $field }` holds the number { $number }; codes must be text so that no digit is lost
hint-field-number-code = quote each item: { $field }: ["{ $number }"]
check-field-item-not-text = field `{ $field }` holds { $found }; each item must be text
check-field-months = field `{ $field }` must be a whole number of months from 1 to 120, found { $found }
hint-field-months = for example `review_interval_months: 12`
hint-objectives-fields = each objective has `objective`, `indicator`, `target` (a number), `unit` and `frequency` (monthly, quarterly, half-yearly, yearly); optional `direction: at-most` and `clause`
check-objective-invalid = field `{ $field }`, objective { $objective }: { $problem }
check-objectives-problem = field `{ $field }`: { $problem }
check-objective-target = objective "{ $objective }": the target must be a number
check-objective-text = each objective needs `objective` and `indicator` text
hint-derived-field = remove `{ $field }`: state, issue and effective date are derived from the approval history in git (see `qms status`)
hint-did-you-mean = did you mean `{ $near }`?
hint-fields-are = the fields are: { $fields }
check-unknown-field = unknown field `{ $field }`
check-invisible = field `{ $field }` holds the invisible character { $character } at byte offset { $offset }
hint-invisible = retype the value; invisible characters make two different ids look the same
value-nothing = nothing
value-number = the number { $number }
value-text = the text "{ $text }"
value-list = a list
value-mapping = a mapping
value-tagged = a tagged value
check-signature-unverifiable = the signature could not be checked: { $reason }
check-invalid-action = the { $action } of { $document } in commit { $commit } by { $signer } is invalid: { $reasons }
hint-invalid-action = `qms verify` explains every invalid action commit; redo the step with qms
check-criterion-twice = two criteria have the id { $id }
hint-criterion-twice = give each criterion its own id
check-criteria-no-points = the criteria give no points
hint-criteria-no-points = give each criterion `points: N`
check-criteria-no-grades = the table has no grades
hint-criteria-no-grades = add `grades: [{"{"}min: 0, vi: …, en: …{"}"}]`
check-record-field = field `{ $field }` does not belong to a record of kind { $kind }
hint-record-fields = the fields of a { $kind } record are { $fields }
hint-record-variant = use one of the values the message lists
hint-record-unknown-field = remove the field or correct its spelling
hint-record-missing-field = add the field
hint-record-date = write dates as YYYY-MM-DD, e.g. 2027-03-15
hint-record-value = correct the value; records are usually written by qms commands (`qms nc`, `qms audit`, …)
check-unit-twice = unit `{ $unit }` is listed twice
hint-unit-twice = give every unit its own id
check-prefix-twice = the prefix `{ $prefix }` is used by two document types
hint-prefix-twice = every document type needs its own id prefix
check-timezone = `timezone: { $name }` is not a time zone
hint-timezone = use an IANA name such as Asia/Ho_Chi_Minh; until then the machine's time zone is used
check-review-interval = review_interval_months is { $months }; it must be a whole number of months from 1 to 120
check-numbering-width = the numbering pattern `{ $pattern }` pads to `{ $width }` digits; use 1 to { $max }
check-numbering-seq = the numbering pattern `{ $pattern }` has no `{"{"}seq{"}"}`
hint-numbering = for example `{"{"}prefix{"}"}-{"{"}seq:02{"}"}`
check-signer-twice = the { $what } `{ $id }` is listed twice
hint-signer-twice = every person and role needs its own id; retire people instead of re-using their id
check-role-unknown-type = role `{ $role }` is granted the unknown document type `{ $doc_type }`
hint-role-unknown-type = use a document type id from qms.yaml, a record kind (nonconformity, audit-report, …), or `all`
check-person-unknown-role = person `{ $person }` has the unknown role `{ $role }`
hint-person-unknown-role = add the role under `roles:` or correct its id
check-key-unusable = a key of person `{ $person }` is not usable: { $problem }
hint-key-unusable = the key is ignored when signatures are checked; copy the line from the .pub file or `gpg --fingerprint`
check-person-unknown-unit = person `{ $person }` belongs to the unknown unit `{ $unit }`
check-signers-missing = the signer policy is missing
hint-signers-missing = create it with the people and roles who draft, review and approve documents (`qms init` writes a starter)
check-unreadable = cannot read the file: { $error }
hint-unreadable = check the file's permissions
check-special-file = the file is not a regular file (a pipe, socket or device); it was not read
hint-special-file = remove it, or replace it with the document itself
check-symlink = the file is a symbolic link (to { $target }); qms does not follow links
hint-symlink = replace the link with the document itself
check-name-not-nfc = the file name is not in Unicode NFC form
hint-name-not-nfc = rename the file (retype its name); NFD names look the same but differ on other systems
check-name-not-utf8 = the file name is not valid UTF-8
hint-name-not-utf8 = rename the file using UTF-8 characters
key-too-long = the key is { $length } characters long; a public key line has at most { $max }
key-control-character = the key holds a line break or control character; give one key per list item, on one line
key-shape = a key line is `<type> <base64> [comment]`, e.g. `ssh-ed25519 AAAAC3Nza… name@host`
key-type = `{ $kind }` is not an SSH key type (options such as `cert-authority` are not allowed); expected one of { $expected }
key-not-base64 = the key's second field is not base64; copy the whole line of the .pub file
key-data-mismatch = the key's data is not a `{ $kind }` key; the line may be cut or mixed up
key-short-id = `{ $key }` is a short key id, which others can forge; give the full fingerprint (`gpg --fingerprint`)
key-not-fingerprint = `{ $key }` is not a GPG fingerprint: 40 hex digits (64 for v5 keys), as `gpg --fingerprint` prints
check-malformed-action = commit { $commit } "{ $subject }" looks like an action commit but { $reason }
hint-malformed-action = action commits are written by qms; do not write Qms- trailers by hand
check-summary = checked { $documents } documents{ $records ->
    [0] {""}
   *[other] {" "}and { $records } record(s)
}: { $errors } error(s), { $warnings } warning(s)
yaml-duplicate-key = the field `{ $field }` appears twice
yaml-colon-in-value = a ': ' where it is not allowed; a value containing ': ' needs quotes
yaml-expected-key = a field name was expected here (is the indentation right?)
yaml-unclosed-list = a list lacks a ',' or ']'
yaml-unclosed-mapping = a mapping lacks a ',' or '{"}"}'
yaml-bad-start = a value starts with a character that cannot start one (such as '@' or '`'); put the value in quotes
yaml-expected-colon = a ':' is missing after a field name
yaml-unexpected-end = the YAML text ends too early (a closing quote or bracket missing?)
yaml-tab = a tab character is used for indentation; YAML indents with spaces
type-number = a number
type-text = text
type-list = a list
type-mapping = a mapping
type-bool = true or false

## Errors: why a command could not do its work, and what to do.

error-no-commits = the repository has no commits yet; commit the documents first
error-no-legal-register = the repository has no register of legal texts ({ $file }); `qms init` writes a starter list to complete
error-uncommitted-changes = { $path } has uncommitted changes; commit them or set them aside first, so that qms does not overwrite them
error-signing-key-required = no signing key: the policy requires signatures; pass --key, or set `git config user.signingkey` (and `gpg.format ssh` for SSH keys)
error-no-signer-policy = there is no signer policy ({ $file }) to sign under; `qms init` writes one
error-not-committed = { $id } ({ $path }) is not committed yet; commit it first
error-uncommitted-edits = { $id } has uncommitted edits in { $path }; commit your edits first (or set them aside), so that what is signed is what is stored
error-step-refused = { $action } refused by { $person } — nothing was written:
  { $reasons }
error-no-signing-key = no signing key
error-commit-unsigned = the new commit { $commit } has no signature
error-signature-would-fail = the signature would not verify ({ $reason }); add your public key to { $file } under keys, or sign with a key listed there
error-no-such-id-near = no { $what } has the id { $id }; did you mean { $near }?
error-no-such-id = no { $what } has the id { $id }{ $what ->
    [document] ; `qms list` shows the ids
   *[other] {""}
}
error-id-several-files = the id { $id } is used by several files: { $paths }; run `qms check`
error-record-kind = { $id } is a record of kind { $kind }, not { $expected }
error-open-folder = cannot open the folder { $path }
error-no-repository = no { $file } in { $path } or any folder above it; run `qms init` to create a QMS repository, or pass `-C DIR`
error-not-utf8 = { $path } is not UTF-8 text (invalid byte at offset { $offset })
error-read = cannot read { $path }
error-no-config = { $path } has no { $file }; run `qms init` there first
error-user-unknown = { $variable }={ $id } is not a person of { $file }; use a person id from that file
error-not-in-git = { $path } is not inside a git repository; run `git init` there, or `qms init`
error-bare-repository = the git repository at { $path } is bare; qms needs a working tree
error-open-git = cannot open the git repository holding { $path }
error-git-busy = git is in the middle of a { $operation }; finish or abort it first, then run qms again
error-detached-head = HEAD is detached; check out a branch (`git switch main`) before running qms
error-git-lock = { $path } exists: another git process is running, or one crashed. If no git command is running, remove that file and try again
error-id-taken = { $id } was just taken by { $path } (committed meanwhile); run the command again for the next free number
error-staged-before-sync = you have staged changes; commit them (or `git stash` them) first, so that the merge takes in only what the remote brings
error-sync-conflict = the remote's changes conflict with yours ({ $conflict }); nothing was changed. Merge by hand (`git merge FETCH_HEAD`), commit, and run `qms sync` again
error-branch-moved = { $branch } moved while qms was writing (another commit landed); nothing was changed — run the command again
error-update-branch = cannot update { $branch }
error-create = cannot create { $path }
error-write = cannot write { $path }
error-stage = cannot stage { $path }
error-write-index = cannot write the git index
error-git-status = cannot read git status
error-run-git = cannot run git; install it
error-not-a-commit = `{ $revision }` is not a commit in this repository
error-git-config = cannot set { $name } in the repository's git configuration
error-git-init = cannot create a git repository in { $path }
error-git-failed = git { $command } failed: { $output }
error-path-not-utf8 = { $path } is not a valid UTF-8 path
error-who-are-you = qms does not know who you are: set { $variable } to your person id in .qms/signers.yaml, or set `git config user.email` to the email listed there
error-signing-key = no signing key: pass --key, or set `git config user.signingkey` (and `gpg.format ssh` for SSH keys)
error-action-shape = { $flag } "{ $spec }": write it as "TEXT|OWNER|DUE", e.g. "Cài nhắc hạn|le-van-cuong|2027-04-15"
error-action-due = { $flag } "{ $spec }": the due date { $due } is not YYYY-MM-DD
error-action-owner = { $flag } "{ $spec }": { $owner } is not a person of .qms/signers.yaml
error-action-text = { $flag } "{ $spec }": say what is to be done
error-tthc-unknown = the code { $code } is not in catalog/tthc.yaml; import the catalogue first (`qms tthc import`)
error-tthc-not-procedure = --tthc goes with `qms new procedure`
error-exists = { $path } exists already; choose another title or id
error-new-not-committed = could not commit { $path }; nothing was written (use --no-commit to write the file without committing)
error-file-not-committed = { $path } is not committed
error-not-a-version = `{ $version }` is not a version: use an issue number, head or work
error-no-issue = { $id } has no issue yet
error-no-issue-diff = { $id } has no issue yet; compare explicit versions, e.g. `qms diff { $id } head work`
error-not-git = not a git repository
error-issue-unreadable = issue { $issue } of { $id } cannot be read: { $problem }
error-search-words = give some words to search for
error-review-verdict = say --accept or --reject
error-reject-reason = a rejection needs a reason: -m "…"
error-withdraw-reason = a withdrawal needs a reason: -m "…"
error-programme-exists = { $path } exists; edit it, or submit it for approval (`qms submit { $id }`)
error-programme-impossible = cannot make an audit programme for { $year } that keeps the rules — nothing was written:
  { $problems }
error-programme-no-unit = the { $year } programme does not plan { $unit }; name the clauses with --clause
error-no-lead = name the lead auditor with --lead (no programme entry gives one)
error-not-auditor = { $id } is not an active internal auditor (a person with a role marked `auditor: true`)
error-own-unit = { $id } belongs to { $unit }: nobody audits their own unit
error-no-history = no git history
error-finding-text = say what was found: -m "…"
error-report-closed = the report of { $audit } is closed; findings can no longer be added
error-no-audit-plan = --audit { $audit } names no audit plan
error-plan-draft = to only write the plan, for someone else to approve, add --draft
error-nc-actions = { $problem }; `qms nc show { $id }` lists them
error-period = --period { $period } is not a period; { $hint }
error-value-number = --value must be a number
error-not-objectives = { $id } is a { $doc_type }, not an objectives document (MTCL)
error-no-objectives = { $id } states no measurable objectives; add them to its `objectives` front-matter (see docs/improvement.md)
error-objective-number = { $id } states objectives 1 to { $count }; --objective { $objective } is not one of them
error-not-measurements = { $id } exists but is not a measurements record
error-risk-title = say what the risk is: --title "…"
error-risk-process = --process { $process } is neither a document nor a unit; name a process (QT-07) or a unit id of qms.yaml
error-not-register = { $id } is not a risk register
error-no-register = no risk register has the id { $id }
error-no-risk = no risk register holds { $risk }; `qms risks` lists the risks
error-attendee = --attendee { $attendee } is not a person of .qms/signers.yaml
error-no-attendees = say who attended: --attendee PERSON (repeat for each)
error-empty-decision = a --decision is empty; say what was decided
error-hook-exists = { $path } exists and was not written by qms; merge it by hand, or pass --force to replace it
error-which-hook = say which hook: --pre-commit, --server BARE_REPO, or both
error-current-exe = cannot tell where the qms binary is
error-not-bare = { $path } is not a bare git repository
error-import = cannot import { $path }
error-no-procedures = { $path } holds no procedures (rows need a code and a name)
error-catalogue-dirty = { $file } has uncommitted changes; commit them first, or use --no-commit
error-nothing-changed = nothing was changed
error-cannot-declare = the QMS cannot be declared yet; missing:
  - { $missing }
error-nothing-to-declare = no administrative procedure of catalog/tthc.yaml has a process in force; there is nothing to declare
error-diagnostic-exists = { $id } exists already; rate its indicators, or choose another --year
error-no-diagnostic = there is no diagnostic for { $year }; write it with `qms diagnose new --year { $year }` and rate the indicators
error-mine = --mine needs to know who you are: set QMS_USER, or git's user.email to your email in .qms/signers.yaml
error-no-steps = { $id } has no workflow steps
error-init-exists = { $path } already holds a QMS ({ $file } exists); nothing was changed
error-init-clashes = { $path } already has files qms init would write: { $files }; move them away or choose another folder. Nothing was changed
error-export-not-effective = { $id } has no effective issue: only approved text is exported (add --drafts to export drafts, marked DRAFT)
error-export-which = name the documents to export (e.g. `qms export docx QT-07`), or --all for every effective document
status-exported-draft = { $id } is an unapproved draft, marked DRAFT
error-import-id-one-file = --id is for importing one file
error-import-docx = could not read { $path } as a Word file (.docx)
error-import-no-id = { $path }: the header block gives no Mã số; give the id with --id
error-import-type = { $id } ({ $path }): no document type of qms.yaml has this prefix; choose one with --type
status-import-issue = { $id }: the Word file says issue { $issue }; in qms the history starts at issue 1 when the document is approved
status-import-image = a picture inside a table or linked from outside the file was not put in place; insert it again from the pictures folder
status-import-merged = merged table cells were split: their text is in the first cell; look it over
status-import-signer = { $name } (signature table) is not in .qms/signers.yaml; set the author by hand
status-import-no-process = the process { $process } of the form is neither in the repository nor in this import; the form is imported without it
status-import-pictures = { $count } picture(s) saved in { $folder }; put them back in their place in the text
error-unknown-type = unknown document type `{ $doc_type }`; use one of: { $known }
error-form-under = a form is numbered under its process: add `--under QT-…`
error-form-parent-missing = there is no document { $parent } to number the form under; `qms list --type procedure` shows the processes
error-form-parent-shape = { $parent } is not a process id like { $prefix }-07; forms are numbered under processes
error-under = --under: { $problem }
error-id-option = --id: { $problem }; nothing was written
error-id-used = the id { $id } is already used; leave out --id to get the next free one
error-no-unit = there is no unit `{ $unit }` in qms.yaml
error-no-units = qms.yaml lists no units; add at least one under `units:`
error-shallow-clone = this is a shallow clone: approvals cannot be verified without the whole history; { $fix }
error-partial-clone = this is a partial clone (objects are fetched on demand): approvals cannot be verified offline; clone without `--filter`, or { $fix }
error-fetch-everything = fetch the whole history first: `git fetch --unshallow` (GitHub Actions: `fetch-depth: 0` in actions/checkout; GitLab CI: `GIT_DEPTH: 0`)
error-no-root = the history of { $head } has no root commit
error-owns-no-action = { $person } owns no action of { $of }
error-no-action = { $of } has { $count } action(s); there is no action { $number }
error-action-owner-other = action { $number } of { $of } belongs to { $owner }, not { $person }
error-reading-failed = reading the documents failed unexpectedly; nothing was checked
error-read-history = cannot read the git history
error-timestamp = { $variable }={ $value } is not a valid time; use RFC 3339, e.g. 2026-11-22T09:15:00+07:00
error-pre-receive-line = cannot read the pre-receive line `{ $line }`; the push is refused
error-csv-not-utf8 = { $path } is not UTF-8 (invalid byte at offset { $offset }); save it as "CSV UTF-8"
error-import-format = { $path }: use a .csv, .xlsx or .yaml file
error-csv-line = CSV line { $line }
error-spreadsheet-too-large = { $path } would unpack to { $size } MB, more than the { $limit } MB a spreadsheet of procedures can need; export it again from the portal, or save it as .csv
error-no-worksheet = { $path } has no worksheet
error-no-header-row = no header row with a code column ("Mã TTHC") and a name column ("Tên thủ tục") in the first 20 rows
error-run-ssh-keygen = cannot run ssh-keygen; install OpenSSH (ssh-keygen) to sign with SSH keys
error-ssh-sign = ssh-keygen could not sign with { $key }: { $output }
error-run-gpg = cannot run gpg; install GnuPG to sign with GPG keys
error-gpg-sign = gpg could not sign with { $key }: { $output }
error-templates-unapproved = these template overrides are not approved, so the handbook is not built with them:
  { $paths }
  commit them, then `qms submit`, `qms review --accept` and `qms approve` each path (or remove them to use the built-in ones); `qms build --drafts` builds a draft with them
error-build-nothing-committed = nothing is committed yet; commit and approve documents before building the handbook
error-build-broken-links = the handbook cannot be built: { $count } reference(s) to documents with no effective issue:
  { $links }
  approve those documents, or build with --drafts
error-no-chromium = no Chromium found to write the PDF (looked for { $browsers } on PATH, and QMS_CHROMIUM). Install it — on Debian or Ubuntu `sudo apt-get install chromium` — or open print.html in a browser and print it to PDF. The HTML handbook was written
error-run-browser = cannot run { $browser }
error-browser-no-pdf = { $browser } did not write { $path }: { $output }
error-template-symlink = { $path } is a symbolic link; template overrides must be ordinary files inside the repository
error-template-special = { $path } is not an ordinary file; remove it or replace it by a template
error-template-invalid = the template { $template } is invalid
error-a-template-invalid = a template is invalid
error-template-render = cannot render the template { $template }
error-page-outside = refusing to write the page `{ $page }` outside the output folder: its document id is not valid; `qms check` names it
error-folder-not-empty = { $path } is not empty; choose a new folder
error-out-exists = { $path } exists and was not written by qms build; choose another --out, or empty it
error-unit-source = { $path }: unit { $number } ({ $name }) needs exactly one of `path` (a local repository) and `url` (a remote one)
error-unit-unreadable = cannot assess the unit at { $path }
error-unit-twice = { $path }: two units are both called { $unit }; give them distinct `id`s
error-unit-no-source = unit { $name } has neither a path nor a url
error-no-criterion = { $path }: no criterion has the id { $id }
error-criterion-points = { $path }: { $id } is worth 0 to { $max } points, not { $points }

## Status and progress lines (stderr).

status-synthetic-units = { $units } unit repositories ({ $unreadable } unreadable on purpose), listed in { $path }, in { $seconds } s
status-synthetic = synthetic corpus in { $path }: { $documents } documents, { $commits } commits, in { $seconds } s
status-demo = demo agency in { $path } ({ $commits } commits of history), handbook of { $documents } documents in { $seconds } s
status-templates-written = { $count } template(s) written to { $path }
status-search = { $count } document(s) match
status-no-author = note: no author set — set { $variable } to your person id in .qms/signers.yaml, or use the email listed there in git
status-built = built the handbook: { $documents } documents ({ $obsolete } obsolete), { $pages } pages in { $seconds } s → { $path }
error-serve-bind = cannot listen on { $address }; choose another --port (0 picks a free one)
error-serve-watch = cannot watch { $path } for changes
serve-refused-host = refused: the preview answers only requests addressed to this machine (localhost, 127.0.0.1, [::1])
serve-refused-path = refused: only files of the handbook folder are served
serve-not-found = { $path }: no such page in the handbook
serve-method = { $method } is not served; the preview only reads (GET, HEAD)
status-serving = previewing the handbook ({ $documents } documents) at { $url }; every change is rebuilt and the open page reloads; Ctrl+C stops
status-serve-rebuilt = rebuilt: { $files } files changed in { $milliseconds } ms
status-serve-failed = the rebuild failed, the last handbook is still served: { $error }
serve-open-to-network = { $address } is not this machine only: anyone who reaches it on the network reads the preview, drafts included
status-serve-stopped = preview stopped
status-wrote = wrote { $path }
status-installed = installed { $path }
status-pinned-root = pinned the trust root to { $root } (git config qms.trustRoot)
status-same = { $old } and { $new } are the same
status-tthc-import = { $file }: { $added } added, { $updated } updated, { $unchanged } unchanged; { $processes } process(es) created
diff-issue = issue { $number }
error-measurement-exists = { $id } already holds { $value } for objective { $objective } in { $period }; pass --replace to correct it (git keeps the old value)
error-programme-system-unit = the unit running the QMS ({ $unit }) is not a unit of qms.yaml
error-no-eligible-auditor = unit { $unit } has no eligible auditor: every auditor ({ $auditors }) belongs to it, and nobody audits their own unit; train an auditor from another unit
io-not-found = no such file or folder
io-permission-denied = permission denied
io-already-exists = it already exists
io-is-a-directory = it is a folder
io-not-a-directory = it is not a folder
io-storage-full = the disk is full
io-read-only = the file system is read-only
io-invalid-data = the data is not valid
status-push-refused = push refused — the shared QMS repository accepts only valid history:
status-push-redo = Redo the steps with qms (qms verify explains each problem), and push again.
status-list-problems = { $count } problem(s) in documents; run `qms check` for details
status-nothing-to-change = nothing to change
status-not-effective = recorded as not effective; plan new actions with `qms nc plan { $id } --action …`, then carry them out
error-refers-unissued = { $id } refers to { $target }, which has no effective issue
error-links-unissued = { $id } links to { $target }, which has no effective issue
guard-invalid-action = the { $action } of { $document } by { $signer } is invalid: { $reasons }

## The register of outgoing documents (qms issue-number).

error-register-number = give the document's number: --number 123/QĐ-UBND
error-register-date = --date { $date } is not a date; write 01/12/2026 or 2026-12-01
error-register-not-issued = { $id } has no effective issue; only approved documents get a number
error-register-number-taken = the number { $number } was given to { $other } in { $register }; each document has its own
error-register-exists = issue { $issue } of { $id } already has the number { $number }; --replace corrects it
status-registered = registered { $id } (issue { $issue }) as { $number } in the register of outgoing documents
hint-register-document = the register names documents of the repository; correct the id
check-register-number = the number { $number } of { $document } is empty or given to another document of the register
hint-register-number = each document has its own number; `qms issue-number … --replace` corrects one
error-audit-conclusion = the report of { $audit } has no conclusion; the lead auditor writes it with --conclusion "…"
error-record-person = { $person } is not a person of .qms/signers.yaml
error-no-chair = nobody is known to chair the review; name them with --chair PERSON
check-form-field = the record lacks `{ $field }`, which its form { $form } asks for
hint-form-field = add `{ $field }: …` to the record's front-matter
status-pdf-continuous = the handbook has more than { $limit } documents, so the PDF was printed in one pass with pages numbered straight through (not per document)
check-sample-name = `organisation.{ $field }` is "{ $name }", which names no particular agency; administrative documents would print it as it is
hint-sample-name = write the full name, e.g. "Ủy ban nhân dân tỉnh Đồng Nai" (or initialise with `qms init --org … --superior …`)

## Forms
form-plan-purpose = To determine whether the quality management system conforms and is effective at { $unit }
form-plan-checklist = Checklist (BM-02-03): `qms audit checklist --audit { $audit }`
form-legal-replaced-by = Replaced by { $by }

## Record and file bodies (multi-line)

init-catalog-header =
    # The agency's administrative procedures. The codes are samples: replace them with the
    # official list exported from the public-service portal using `qms tthc import FILE`.

record-diagnostic-body =
    # ISO 18091 self-assessment

    Rate each indicator `green` (at least the minimum acceptable), `yellow` (some action, not yet enough) or `red` (below the minimum, or nothing in place), with the evidence in `evidence`. `qms diagnose` writes the report.

record-risks-body =
    # Register of risks and opportunities

    Each risk is scored likelihood (1–5) × impact (1–5); each treatment has an owner and a due date and is marked `done` when finished.

record-objectives-body =
    # Measured quality objectives

    The measurements are in the `measurements` field; name the source of each figure (statistics report, survey summary) in `note`.

## Mistakes on the command line (clap's errors, worded here)
usage-error = error: { $message }
usage-suggestion = tip: did you mean '{ $value }'?
usage-usage = Usage: { $usage }
usage-more = For more information, add --help to the command.
usage-unknown-subcommand = unrecognized subcommand '{ $value }'
usage-unknown-argument = unexpected argument '{ $value }'
usage-value-required = { $arg } needs a value
usage-invalid-value = invalid value '{ $value }' for { $arg }
usage-accepted = accepted values: { $values }
usage-missing-required = required arguments missing: { $args }
usage-missing-subcommand = '{ $command }' needs a subcommand
usage-repeated = { $arg } can be given only once
usage-conflict = { $arg } cannot be used with { $other }
usage-too-many-values = unexpected value '{ $value }' for { $arg }
usage-too-few-values = { $arg } needs { $expected } values, { $actual } given
usage-no-equals = { $arg } needs an equals sign: { $arg }=VALUE
usage-invalid-utf8 = the command line holds characters that are not UTF-8
usage-other = invalid command line

## Errors that name what broke
error-check-ssh-keygen = cannot run ssh-keygen to check an SSH signature; install OpenSSH (package openssh-client)
error-check-gpg = cannot run gpg to check a GPG signature; install GnuPG (package gnupg)
error-approved-unreadable = the approved content of { $id } cannot be read from git; run `git fsck` to check the repository
error-print-marker = the template handbook/print.html has no line { $marker }, where the documents go; add it back to the override in templates/
error-template-context = cannot prepare the template's data
error-hook-repository = cannot open the git repository this hook runs in
error-no-commit = no commit { $id } in this repository
error-no-tree = no tree { $id } in the repository; run `git fsck` to check it
error-corrupt-tree = cannot read the tree holding { $path }; the git repository may be damaged, run `git fsck` to check it
error-as-of-time = the --as-of day { $date } cannot be placed in the repository's time zone
error-reading-documents = reading the documents stopped part-way

## Assessment evidence
assess-verify-summary = qms verify: { $commits } action commit(s) for { $documents } document(s) and record(s), { $invalid } with invalid steps
assess-pending = to be scored ({ $points } points)
assess-provisional = provisional: { $points } points await the inspectors' score on site (--manual)
assess-no-legal-register = no register of legal texts ({ $file }) to check the legal bases against
assess-no-citations = no document in force cites a legal text
assess-legal-current = { $current }/{ $citing } documents in force cite only texts in force and in the register
