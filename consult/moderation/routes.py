"""Routes: /staff/moderation (the queue), its item actions, bulk approve, whole-submission marking.

Without JavaScript every action posts and answers 303 to the queue with the same filters and
page, anchored at the next pending item (the action URLs carry the queue's query string). With
htmx an item action answers the item's new state (a compact line with "Hoàn tác?") plus the
counters as an <hx-partial>; bulk approve and submission marking answer the whole queue block.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from consult.i18n import gettext as _
from flask_login import current_user

from consult import audit
from consult.extensions import db
from consult.htmx import is_fragment_request, render_page_or_block
from consult.models import Channel, RejectReason, Stance, Submission, Validity
from consult.moderation import bp, services
from consult.moderation.forms import ActionForm, BulkApproveForm, MarkSubmissionForm, RedactForm, RejectForm
from consult.moderation.redaction import contains_contact, masked
from consult.moderation.services import ModerationError, QueueFilters, RedactionError
from consult.permissions import Permission, require
from consult.settings import active_hamlets


def _filters() -> QueueFilters:
    return QueueFilters.from_args(request.args)


def _page() -> int:
    return request.args.get("page", 1, type=int) or 1


def _queue_args(filters: QueueFilters, page: int) -> dict:
    return {**filters.as_args(), **({"page": page} if page > 1 else {})}


def _queue_url(filters: QueueFilters, page: int, anchor_id: int | None = None) -> str:
    url = url_for("moderation.queue", **_queue_args(filters, page))
    return f"{url}#c-{anchor_id}" if anchor_id else url


def _item_context(filters: QueueFilters, page: int) -> dict:
    """What every queue item template needs besides the comment itself."""
    return {
        "queue_args": _queue_args(filters, page),
        "contains_contact": contains_contact,
        "masked": masked,
        "reject_reasons": list(RejectReason),
    }


def _render_queue(filters: QueueFilters, page: int, *, status: int = 200, errors: dict | None = None,
                  mark_errors: dict | None = None, notice: tuple[str, str] | None = None):
    """The queue page, or its `queue` block for htmx."""
    pagination = services.queue_page(filters, page)
    return render_page_or_block(
        "moderation/queue.html", "queue", status=status,
        filters=filters, page=pagination, counts=services.queue_counts(filters),
        choices=services.filter_choices(filters), hamlets=active_hamlets(),
        stances=list(Stance), channels=list(Channel), errors=errors or {}, mark_errors=mark_errors or {},
        notice=notice,
        bulk_form=BulkApproveForm(formdata=None), **_item_context(filters, pagination.page),
    )


def _render_item(comment, *, status: int = 200, errors: dict | None = None):
    """One queue item (htmx), with the counters out of band."""
    filters, page = _filters(), _page()
    body = render_template(
        "moderation/_item_response.html", comment=comment, errors=errors or {}, mark_errors={},
        counts=services.queue_counts(filters), **_item_context(filters, page),
    )
    return body, status, {"Vary": "HX-Request"}


def _done(comment, message: str, *, undo: bool = True):
    """After an item action: its compact line (htmx), or back to the queue at the next item."""
    filters, page = _filters(), _page()
    if is_fragment_request():
        body = render_template(
            "moderation/_done.html", comment=comment, message=message, undo=undo,
            counts=services.queue_counts(filters), **_item_context(filters, page),
        )
        return body, 200, {"Vary": "HX-Request"}
    flash(message, "success")
    return redirect(_queue_url(filters, page, services.next_pending_id(comment, filters)), 303)


def _refused(comment, error: ModerationError):
    """The comment changed under the moderator (someone else acted first): say so, keep the place."""
    if is_fragment_request():
        return _done(comment, str(error), undo=False)[0], 409, {"Vary": "HX-Request"}
    flash(str(error), "error")
    return redirect(_queue_url(_filters(), _page(), comment.id), 303)


def _comment_or_404(comment_id: int):
    comment = services.load_comment(comment_id)
    if comment is None:
        abort(404)
    return comment


@bp.route("")
@require(Permission.MODERATE)
def queue():
    """Pending comments, oldest first, filterable and paginated."""
    return _render_queue(_filters(), _page())


@bp.post("/comments/<int:comment_id>/approve")
@require(Permission.MODERATE)
def approve(comment_id: int):
    """Publish a comment as written."""
    comment = _comment_or_404(comment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        services.approve(comment, current_user)
    except ModerationError as error:
        return _refused(comment, error)
    audit.record("comment.approve", comment, consultation_id=comment.consultation_id)
    db.session.commit()
    return _done(comment, _("Đã duyệt"))


@bp.post("/comments/<int:comment_id>/reject")
@require(Permission.MODERATE)
def reject(comment_id: int):
    """Keep a comment off public pages, with the reason the resident will see."""
    comment = _comment_or_404(comment_id)
    form = RejectForm()
    if not form.validate_on_submit():
        return _invalid(comment, {"reject": form.reason.errors or [_("Phiên làm việc đã hết hạn, hãy thử lại.")]})
    try:
        services.reject(comment, form.reject_reason, current_user)
    except ModerationError as error:
        return _refused(comment, error)
    audit.record("comment.reject", comment, reason=form.reject_reason.label,
                 reject_reason=form.reject_reason, consultation_id=comment.consultation_id)
    db.session.commit()
    return _done(comment, _("Không đăng: %(reason)s", reason=form.reject_reason.label))


@bp.post("/comments/<int:comment_id>/redact")
@require(Permission.MODERATE)
def redact(comment_id: int):
    """Approve the moderator's edited text; the original is kept only in the audit log."""
    comment = _comment_or_404(comment_id)
    form = RedactForm()
    if not form.validate_on_submit():
        return _invalid(comment, {"redact": form.body.errors or [_("Phiên làm việc đã hết hạn, hãy thử lại.")],
                                  "redact_body": form.body.data or ""})
    try:
        change = services.redact(comment, form.body.data, current_user)
    except RedactionError as error:
        return _invalid(comment, {"redact": [str(error)], "redact_body": form.body.data})
    except ModerationError as error:
        return _refused(comment, error)
    audit.record("comment.redact", comment, consultation_id=comment.consultation_id, **change)
    db.session.commit()
    return _done(comment, _("Đã sửa và duyệt"))


def _invalid(comment, item_errors: dict):
    """A form of one item was not valid: the item (htmx) or the queue page with the error, 422."""
    if is_fragment_request():
        return _render_item(comment, status=422, errors={comment.id: item_errors})
    return _render_queue(_filters(), _page(), status=422, errors={comment.id: item_errors})


@bp.post("/comments/<int:comment_id>/undo")
@require(Permission.MODERATE)
def undo(comment_id: int):
    """Put a just-moderated comment back in the queue."""
    comment = _comment_or_404(comment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        previous = services.undo(comment)
    except ModerationError as error:
        return _refused(comment, error)
    audit.record("comment.undo", comment, previous=previous, consultation_id=comment.consultation_id)
    db.session.commit()
    if is_fragment_request():
        return _render_item(comment)
    flash(_("Đã đưa ý kiến trở lại hàng chờ duyệt."), "success")
    return redirect(_queue_url(_filters(), _page(), comment.id), 303)


@bp.post("/bulk-approve")
@require(Permission.MODERATE)
def bulk_approve():
    """Approve every ticked item of the queue."""
    filters, page = _filters(), _page()
    form = BulkApproveForm()
    if not form.validate_on_submit():
        message = (form.comment_ids.errors or [_("Phiên làm việc đã hết hạn, hãy thử lại.")])[0]
        return _render_queue(filters, page, status=422, notice=("error", message))
    approved = services.bulk_approve(form.comment_ids.data, current_user)
    for comment in approved:
        audit.record("comment.approve", comment, bulk=True, consultation_id=comment.consultation_id)
    db.session.commit()
    message = _("Đã duyệt %(count)d ý kiến.", count=len(approved))
    if is_fragment_request():
        return _render_queue(filters, page, notice=("success", message))
    flash(message, "success")
    return redirect(_queue_url(filters, page), 303)


@bp.post("/submissions/<int:submission_id>/mark")
@require(Permission.MODERATE)
def mark_submission(submission_id: int):
    """Mark a whole submission spam or duplicate: out of every count, its comments rejected."""
    submission = db.get_or_404(Submission, submission_id)
    filters, page = _filters(), _page()
    form = MarkSubmissionForm()
    if not form.validate_on_submit():
        messages = form.validity.errors or form.note.errors or [_("Phiên làm việc đã hết hạn, hãy thử lại.")]
        return _render_queue(filters, page, status=422, mark_errors={submission.id: messages})
    validity = Validity(form.validity.data)
    try:
        rejected = services.mark_submission(submission, validity, form.note.data or "", current_user)
    except ModerationError as error:
        return _render_queue(filters, page, status=409, mark_errors={submission.id: [str(error)]})
    audit.record("submission.mark", submission, reason=submission.validity_reason, validity=validity,
                 rejected_comment_ids=rejected, consultation_id=submission.consultation_id)
    db.session.commit()
    message = _("Đã đánh dấu phiếu là %(mark)s; %(count)d ý kiến không được tính.",
                mark=validity.label.lower(), count=len(rejected))
    if is_fragment_request():
        return _render_queue(filters, page, notice=("success", message))
    flash(message, "success")
    return redirect(_queue_url(filters, page), 303)


@bp.route("/excluded")
@require(Permission.MODERATE)
def excluded():
    """Submissions marked spam or duplicate, with a way to count them again."""
    page = services.excluded_page(_page(), request.args.get("consultation", type=int))
    return render_template("moderation/excluded.html", page=page)


@bp.post("/submissions/<int:submission_id>/restore")
@require(Permission.MODERATE)
def restore_submission(submission_id: int):
    """Count a marked submission again; its comments go back to the queue."""
    submission = db.get_or_404(Submission, submission_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        restored = services.restore_submission(submission)
    except ModerationError as error:
        flash(str(error), "error")
        return redirect(url_for("moderation.excluded"), 303)
    audit.record("submission.restore", submission, restored_comment_ids=restored,
                 consultation_id=submission.consultation_id)
    db.session.commit()
    flash(_("Phiếu đã được tính lại; %(count)d ý kiến trở lại hàng chờ duyệt.", count=len(restored)), "success")
    return redirect(url_for("moderation.excluded"), 303)
