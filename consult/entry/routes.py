"""Routes: /staff/entry/<slug> — type in paper and meeting forms, fast, in the paper's order.

Hamlet officers enter forms for their own hamlet only and correct only their own
entries; moderators and admins enter for any hamlet and correct any entry. Without
JavaScript every save is a POST and a 303 back to the screen; with htmx the form
area swaps in place and the cursor returns to the first field.
"""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from consult.i18n import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from consult import audit, codes
from consult.entry import batch, bp
from consult.entry.forms import (
    ENTRY_CHANNELS, IDEMPOTENCY_KEY, ConfirmForm, blank_values, new_idempotency_key, parse_channel, posted_hamlet_id,
)
from consult.entry.services import (
    batch_rows, can_correct, entry_allowed, entry_in, form_values, replace_entry, snapshot, still_correctable,
    store_entry, without_contact,
)
from consult.extensions import db
from consult.htmx import is_fragment_request, render_page_or_block
from consult.models import Channel, Consultation, Submission
from consult.paper.services import paper_layout
from consult.permissions import Permission, can_act_for_hamlet, hamlet_scope, require
from consult.submissions import (
    COMMENT_MAX_CHARS, LONG_ANSWER_MAX_CHARS, NAME_MAX_CHARS, SHORT_ANSWER_MAX_CHARS, SubmissionInput,
    find_by_idempotency_key, form_questions, load_form_parts, parse_submission,
)

BASE = "/staff/entry/<slug>"


def _consultation(slug: str) -> Consultation:
    return db.first_or_404(db.select(Consultation).where(Consultation.slug == slug).options(*load_form_parts()))


def _entry(consultation: Consultation, submission_id: int) -> Submission:
    """A typed-in entry this user may correct: 404 when missing, then 403 when not theirs."""
    submission = entry_in(consultation, submission_id)
    if submission is None:
        abort(404)
    if not can_correct(current_user, submission):
        abort(403)
    return submission


def _require_posted_hamlet() -> None:
    """403 when the posted hamlet is one this user may not enter forms for."""
    if not can_act_for_hamlet(current_user, posted_hamlet_id(request.form)):
        abort(403)


@bp.get(BASE)
@require(Permission.ENTRY)
def screen(slug: str):
    """The entry screen: a blank form in the paper's order, the batch's count and its entries."""
    consultation = _consultation(slug)
    return _render(consultation, _blank(consultation))


@bp.post(BASE)
@require(Permission.ENTRY)
def save(slug: str):
    """Store one typed-in form in the officer's batch; the form comes back blank, keeping hamlet and channel."""
    consultation = _consultation(slug)
    _require_posted_hamlet()
    form = request.form
    if not entry_allowed(consultation):
        return _render(consultation, form, notice=_("Phiếu chưa được lưu."), notice_kind="error", status=409)
    existing = find_by_idempotency_key(consultation, form.get(IDEMPOTENCY_KEY))
    if existing is not None:  # Enter pressed twice, or a resend: the first one stored it
        return _after_save(consultation, _("Phiếu này đã được lưu rồi; không lưu thêm lần nữa."))
    channel, data, errors = _read(consultation, form)
    if data is None:
        return _render(consultation, form, errors=errors, status=422)
    data, dropped = without_contact(data)
    submission, created = store_entry(consultation, data, channel=channel, entered_by=current_user,
                                      batch=batch.batch_id(consultation), idempotency_key=form.get(IDEMPOTENCY_KEY))
    if created:
        audit.record("entry.create", submission, consultation_id=consultation.id, batch=submission.entry_batch,
                     after=snapshot(submission))
    db.session.commit()
    batch.remember(consultation, channel=channel, hamlet_id=data.hamlet_id)
    number = len(batch_rows(consultation, submission.entry_batch, current_user))
    notice = _("Đã lưu phiếu thứ %(n)s của đợt nhập này. Mã phiếu: %(code)s.", n=number,
               code=codes.format_receipt_code(submission.receipt_code))
    if dropped:
        notice += " " + _("Phiếu không đánh dấu ô đồng ý nên họ tên, số điện thoại không được lưu.")
    return _after_save(consultation, notice)


@bp.get(BASE + "/<int:submission_id>")
@require(Permission.ENTRY)
def correction(slug: str, submission_id: int):
    """An entry loaded back into the form, to correct a typing mistake."""
    consultation = _consultation(slug)
    submission = _entry(consultation, submission_id)
    refusal = _correction_refusal(consultation, submission)
    if refusal:
        return _render(consultation, _blank(consultation), notice=refusal, notice_kind="error", status=409)
    return _render(consultation, form_values(submission, form_questions(consultation)), editing=submission)


@bp.post(BASE + "/<int:submission_id>")
@require(Permission.ENTRY)
def correct(slug: str, submission_id: int):
    """Replace an entry's comments, answers and respondent with the corrected reading (audited before/after)."""
    consultation = _consultation(slug)
    submission = _entry(consultation, submission_id)
    _require_posted_hamlet()
    form = request.form
    refusal = _correction_refusal(consultation, submission)
    if refusal:
        return _render(consultation, _blank(consultation), notice=refusal, notice_kind="error", status=409)
    channel, data, errors = _read(consultation, form)
    if data is None:
        return _render(consultation, form, errors=errors, editing=submission, status=422)
    data, dropped = without_contact(data)
    before = snapshot(submission)
    replace_entry(submission, data, channel=channel)
    audit.record("entry.correct", submission, consultation_id=consultation.id, batch=submission.entry_batch,
                 before=before, after=snapshot(submission))
    db.session.commit()
    notice = _("Đã sửa phiếu %(code)s.", code=codes.format_receipt_code(submission.receipt_code))
    if dropped:
        notice += " " + _("Phiếu không đánh dấu ô đồng ý nên họ tên, số điện thoại không được lưu.")
    return _after_save(consultation, notice)


@bp.post(BASE + "/batch")
@require(Permission.ENTRY)
def new_batch(slug: str):
    """Start a new batch (a new stack of forms); channel and hamlet stay as they were."""
    consultation = _consultation(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    batch.start_new(consultation)
    flash(_("Đã bắt đầu đợt nhập mới."), "success")
    return redirect(url_for("entry.screen", slug=slug), 303)


def _read(consultation: Consultation, form: MultiDict) -> tuple[Channel, SubmissionInput | None, dict[str, str]]:
    """The posted channel and paper form, typed as written: (channel, input or None, errors)."""
    errors: dict[str, str] = {}
    channel = parse_channel(form, errors)
    data, parse_errors = parse_submission(consultation, form, require_consent=False, as_written=True)
    errors.update(parse_errors)
    return channel, (None if errors else data), errors


def _correction_refusal(consultation: Consultation, submission: Submission) -> str | None:
    """Why this entry cannot be corrected now, or None."""
    if not entry_allowed(consultation):
        return _("Không sửa được phiếu: đợt lấy ý kiến đã công bố kết quả.")
    if not still_correctable(submission):
        return _("Phiếu %(code)s đã được kiểm duyệt hoặc trả lời nên không sửa ở đây được nữa; "
                 "hãy báo cán bộ kiểm duyệt.", code=codes.format_receipt_code(submission.receipt_code))
    return None


def _blank(consultation: Consultation) -> MultiDict:
    """A blank form keeping the batch's channel and hamlet (an officer's own hamlet, always)."""
    state = batch.current(consultation)
    return blank_values(state, hamlet_scope(current_user) or state.hamlet_id)


def _after_save(consultation: Consultation, notice: str):
    """With htmx: the blank form in place, with the notice. Without: 303 back to the screen."""
    if is_fragment_request():
        return _render(consultation, _blank(consultation), notice=notice)
    flash(notice, "success")
    return redirect(url_for("entry.screen", slug=consultation.slug), 303)


def _render(consultation: Consultation, values: MultiDict, *, status: int = 200, errors: dict[str, str] | None = None,
            notice: str | None = None, notice_kind: str = "success", editing: Submission | None = None):
    """The screen (or, for htmx, its entry area) with the form as typed, the batch and any notice."""
    state = batch.current(consultation)
    layout = paper_layout(consultation)
    scope = hamlet_scope(current_user)
    return render_page_or_block(
        "entry/screen.html", "entry_area", status=status,
        consultation=consultation, layout=layout, values=values, errors=errors or {}, notice=notice,
        notice_kind=notice_kind, allowed=entry_allowed(consultation), state=consultation.state(), editing=editing,
        rows=batch_rows(consultation, state.batch, current_user), officer=scope is not None,
        officer_hamlet=next((h for h in layout.hamlets if h.id == scope), None) if scope is not None else None,
        channels=ENTRY_CHANNELS, idempotency_key=values.get(IDEMPOTENCY_KEY) or new_idempotency_key(),
        comment_max=COMMENT_MAX_CHARS, short_max=SHORT_ANSWER_MAX_CHARS, long_max=LONG_ANSWER_MAX_CHARS,
        name_max=NAME_MAX_CHARS, confirm_form=ConfirmForm(),
    )
