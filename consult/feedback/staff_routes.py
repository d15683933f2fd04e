"""Routes, staff side: /staff/feedback/ (inbox), /new (paper, hotline, meeting entry),
/<id> (an item), /<id>/photo, and one POST per action on an item:
/<id>/assign, /start, /resolve, /reject, /reopen, /note, /due, /merge, /edit.
(The monthly report and the categories are in report_routes.py.)"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from consult.i18n import gettext as _
from consult.i18n import lazy_gettext as _l
from flask_login import current_user

from consult import audit
from consult.codes import format_tracking_code
from consult.extensions import db
from consult.feedback import staff_bp as bp
from consult.feedback import workflow
from consult.feedback.antispam import new_idempotency_key, valid_idempotency_key
from consult.feedback.forms import EntryForm
from consult.feedback.inbox import (
    InboxQuery, duplicates_of, filter_choices, find_target, inbox as inbox_page, load_item,
)
from consult.feedback.photos import photo_path
from consult.feedback.services import (
    FeedbackDraft, active_categories, find_by_idempotency_key, receive_feedback, received_moment,
)
from consult.feedback.staff_forms import ACTION_FORMS
from consult.htmx import is_fragment_request, render_page_or_block
from consult.models import Feedback, FeedbackChannel, User
from consult.permissions import Permission, can_act_for_hamlet, hamlet_scope, has_permission, require
from consult.settings import active_hamlets
from consult.timeutil import local_today

DONE = {
    "assign": _l("Đã giao xử lý."), "start": _l("Đã chuyển sang đang xử lý."),
    "resolve": _l("Đã trả lời và kết thúc phản ánh."), "reject": _l("Đã kết thúc: không xử lý."),
    "reopen": _l("Đã mở lại phản ánh."), "note": _l("Đã thêm ghi chú nội bộ."),
    "due": _l("Đã đổi hạn trả lời."), "merge": _l("Đã gộp vào phản ánh chính."), "edit": _l("Đã lưu nội dung."),
}


def _visible_item(item_id: int, *, for_update: bool = False) -> Feedback:
    """Load (404), then the hamlet scope (403): officers reach only their hamlet's items."""
    item = load_item(item_id, for_update=for_update)
    if item is None:
        abort(404)
    if not can_act_for_hamlet(current_user, item.hamlet_id):
        abort(403)
    return item


@bp.route("/")
@require(Permission.FEEDBACK_VIEW)
def inbox():
    """The box: filter by status, category, hamlet, assignee, overdue; counts per status; newest first."""
    query = InboxQuery.from_args(request.args)
    scope = hamlet_scope(current_user)
    today = local_today()
    result = inbox_page(query, scope_hamlet_id=scope, user=current_user, today=today)
    return render_page_or_block(
        "feedback/staff/inbox.html", "results", query=query, inbox=result, today=today,
        choices=filter_choices(scope), scoped=scope is not None,
    )


def _forms(item: Feedback, failed: tuple[str, object] | None = None) -> dict:
    """Every action form of the item page, empty, except the one that just failed (kept as typed)."""
    forms = {name: form_class(formdata=None) for name, form_class in ACTION_FORMS.items()}
    if failed is not None:
        forms[failed[0]] = failed[1]
    forms["assign"].assignee.choices = [(user.id, user.display_name) for user in workflow.assignable_users(item)]
    if failed is None or failed[0] != "due":
        forms["due"].due_on.data = item.due_on
    if failed is None or failed[0] != "edit":
        forms["edit"].title.data, forms["edit"].body.data = item.title, item.body
    return forms


def _item_page(item: Feedback, *, failed=None, error: str = "", notice: str = "", status: int = 200):
    """The item page, or its work panel (status, actions, timeline) for htmx."""
    return render_page_or_block(
        "feedback/staff/item.html", "work", status,
        item=item, forms=_forms(item, failed), steps=workflow.allowed_steps(item), duplicates=duplicates_of(item),
        today=local_today(), error=error, notice=notice, failed=failed[0] if failed else "",
        can_handle=has_permission(current_user, Permission.FEEDBACK_HANDLE),
    )


@bp.route("/<int:item_id>")
@require(Permission.FEEDBACK_VIEW)
def item(item_id: int):
    """One item: content, sender's contact (staff only), photo, the whole timeline, the actions."""
    return _item_page(_visible_item(item_id))


@bp.route("/<int:item_id>/photo")
@require(Permission.FEEDBACK_VIEW)
def photo(item_id: int):
    """An item's photo, for staff (always a re-encoded JPEG, never the file as uploaded)."""
    item = _visible_item(item_id)
    path = photo_path(item.photo_name)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="image/jpeg", download_name=f"phan-anh-{item.id}.jpg")
    response.headers["Content-Disposition"] = f'inline; filename="phan-anh-{item.id}.jpg"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _act(item_id: int, action: str, operation):
    """Load with a row lock → scope → validate → the workflow step → audit → commit → panel or 303."""
    item = _visible_item(item_id, for_update=True)
    form = ACTION_FORMS[action]()
    if action == "assign":
        form.assignee.choices = [(user.id, user.display_name) for user in workflow.assignable_users(item)]
    if not form.validate_on_submit():
        return _item_page(item, failed=(action, form), status=422)
    try:
        details = operation(item, form)
    except workflow.WorkflowError as error:
        db.session.rollback()
        return _item_page(_visible_item(item_id), failed=(action, form), error=str(error), status=error.status_code)
    audit.record(f"feedback.{action}", item, **details)
    db.session.commit()
    if is_fragment_request():
        return _item_page(_visible_item(item_id), notice=str(DONE[action]))
    flash(str(DONE[action]), "success")
    return redirect(url_for("feedback_staff.item", item_id=item_id) + "#xu-ly", 303)


@bp.route("/<int:item_id>/assign", methods=["POST"])
@require(Permission.FEEDBACK_HANDLE)
def assign(item_id: int):
    """Give the item to a member of staff (or an officer of its hamlet)."""
    return _act(item_id, "assign", lambda item, form: workflow.assign(
        item, db.session.get(User, form.assignee.data), current_user))


@bp.route("/<int:item_id>/start", methods=["POST"])
@require(Permission.FEEDBACK_HANDLE)
def start(item_id: int):
    """Mark the work as begun."""
    return _act(item_id, "start", lambda item, form: workflow.start(item, current_user))


@bp.route("/<int:item_id>/resolve", methods=["POST"])
@require(Permission.FEEDBACK_HANDLE)
def resolve(item_id: int):
    """Answer and close (the answer is required and public)."""
    return _act(item_id, "resolve", lambda item, form: workflow.resolve(item, form.answer.data, current_user))


@bp.route("/<int:item_id>/reject", methods=["POST"])
@require(Permission.FEEDBACK_HANDLE)
def reject(item_id: int):
    """Close without handling (the reason is required and shown to the sender)."""
    return _act(item_id, "reject", lambda item, form: workflow.reject(item, form.reason.data, current_user))


@bp.route("/<int:item_id>/reopen", methods=["POST"])
@require(Permission.FEEDBACK_HANDLE)
def reopen(item_id: int):
    """Open a closed item again."""
    return _act(item_id, "reopen", lambda item, form: workflow.reopen(item, form.reason.data, current_user))


@bp.route("/<int:item_id>/note", methods=["POST"])
@require(Permission.FEEDBACK_HANDLE)
def note(item_id: int):
    """Add an internal note (never public)."""
    return _act(item_id, "note", lambda item, form: workflow.add_note(item, form.body.data, current_user))


@bp.route("/<int:item_id>/due", methods=["POST"])
@require(Permission.FEEDBACK_HANDLE)
def due(item_id: int):
    """Move the due date."""
    return _act(item_id, "due", lambda item, form: workflow.change_due(
        item, form.due_on.data, form.reason.data, current_user))


@bp.route("/<int:item_id>/merge", methods=["POST"])
@require(Permission.FEEDBACK_HANDLE)
def merge(item_id: int):
    """Merge this duplicate into the main item (named by number or tracking code)."""
    return _act(item_id, "merge", lambda item, form: workflow.merge(
        item, find_target(form.target.data), current_user))


@bp.route("/<int:item_id>/edit", methods=["POST"])
@require(Permission.FEEDBACK_HANDLE)
def edit(item_id: int):
    """Correct or redact the title and text, or withdraw public display."""
    return _act(item_id, "edit", lambda item, form: workflow.edit_content(
        item, title=form.title.data, body=form.body.data, withdraw_public=form.withdraw_public.data,
        actor=current_user))


@bp.route("/new", methods=["GET", "POST"])
@require(Permission.FEEDBACK_ENTER)
def enter():
    """Type in an item received on paper, by phone, at a meeting (officers: their hamlet only)."""
    scope = hamlet_scope(current_user)
    if request.method == "POST":
        posted = request.form.get("hamlet", "")
        if posted.isdigit() and int(posted) and not can_act_for_hamlet(current_user, int(posted)):
            abort(403)
    hamlets = [hamlet for hamlet in active_hamlets() if scope is None or hamlet.id == scope]
    form = EntryForm(categories=active_categories(), hamlets=hamlets, allow_unknown_hamlet=scope is None)
    if request.method == "GET":
        form.idempotency_key.data = new_idempotency_key()
        if scope is not None:
            form.hamlet.data = str(scope)
    if form.validate_on_submit():
        key = valid_idempotency_key(form.idempotency_key.data)
        item = find_by_idempotency_key(key) or _enter(form, key)
        db.session.commit()
        flash(_("Đã nhập phản ánh số %(id)s. Mã theo dõi để báo cho người gửi: %(code)s",
                id=item.id, code=format_tracking_code(item.tracking_code)), "success")
        return redirect(url_for("feedback_staff.item", item_id=item.id), 303)
    form.keep_photo()
    return render_template("feedback/staff/enter.html", form=form), 422 if form.errors else 200


def _enter(form: EntryForm, key: str | None) -> Feedback:
    draft = FeedbackDraft(
        category=form.chosen_category, hamlet=form.chosen_hamlet, title=form.title.data, body=form.body.data,
        sender_name=form.sender_name.data or "", sender_phone=form.sender_phone.data or "",
        allow_public=form.allow_public.data, consent=form.consent.data,
    )
    item = receive_feedback(
        draft, channel=FeedbackChannel(form.channel.data), received_at=received_moment(form.received_date),
        photo=form.cleaned_photo, idempotency_key=key, entered_by=current_user,
    )
    audit.record("feedback.enter", item, channel=item.channel.value, hamlet_id=item.hamlet_id)
    return item
