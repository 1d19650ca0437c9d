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
verify-signed = signed ({ $format } { $key })
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
