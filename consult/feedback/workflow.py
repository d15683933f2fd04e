"""Working an item: the status machine, the timeline, duplicates. No request, no commit.

The transition table (ALLOWED_FROM below):

    step      from                                   to
    assign    received | assigned | in_progress      assigned (a reassignment keeps the status)
    start     assigned                               in_progress
    resolve   assigned | in_progress                 resolved   (public answer required)
    reject    received | assigned | in_progress      rejected   (reason required, shown to the sender)
    reopen    resolved | rejected                    in_progress (received if nobody is assigned)

- An item must be assigned before it is answered, so someone is accountable; it may be
  resolved straight from "assigned" (a quick answer needs no separate "start").
- It may be rejected from any open state (spam, not the commune's business) with a reason.
- `resolved_at` records when the item was CLOSED, resolved or rejected (the report counts
  rejections by it too); reopening clears it.
- Duplicates: merging item D into T makes D point at T; D's status, answer, reason and
  closing time follow T from then on (every step on T is mirrored on D's own timeline), so
  one answer covers both senders, and each still counts as one item received. A merged
  item takes no status step of its own; notes and edits are always allowed.
Every step adds a FeedbackEvent: public for status changes, internal for notes and edits.
"""
from __future__ import annotations

from datetime import date

from consult.i18n import gettext as _
from consult.i18n import lazy_gettext as _l

from consult.extensions import db
from consult.i18n import format_date
from consult.models import Feedback, FeedbackEvent, FeedbackStatus, Role, User
from consult.permissions import ROLE_PERMISSIONS, Permission
from consult.text import clean_text
from consult.timeutil import to_local, utcnow

OPEN_STATUSES = (FeedbackStatus.RECEIVED, FeedbackStatus.ASSIGNED, FeedbackStatus.IN_PROGRESS)
CLOSED_STATUSES = (FeedbackStatus.RESOLVED, FeedbackStatus.REJECTED)

#: The transition table: the statuses each step may start from.
ALLOWED_FROM: dict[str, frozenset[FeedbackStatus]] = {
    "assign": frozenset(OPEN_STATUSES),
    "start": frozenset({FeedbackStatus.ASSIGNED}),
    "resolve": frozenset({FeedbackStatus.ASSIGNED, FeedbackStatus.IN_PROGRESS}),
    "reject": frozenset(OPEN_STATUSES),
    "reopen": frozenset(CLOSED_STATUSES),
    "due": frozenset(OPEN_STATUSES),
    "merge": frozenset(OPEN_STATUSES),
}

STEP_NAMES = {
    "assign": _l("giao xử lý"), "start": _l("bắt đầu xử lý"), "resolve": _l("trả lời, kết thúc"),
    "reject": _l("không xử lý"), "reopen": _l("mở lại"), "due": _l("đổi hạn trả lời"),
    "merge": _l("gộp"),
}

#: Timeline labels, by event kind.
EVENT_LABELS = {
    "received": _l("Đã tiếp nhận"),
    "assigned": _l("Đã giao cán bộ xử lý"),
    "in_progress": _l("Đang xử lý"),
    "resolved": _l("Đã giải quyết, có trả lời"),
    "rejected": _l("Không xử lý"),
    "reopened": _l("Mở lại để xử lý tiếp"),
    "merged": _l("Xử lý chung với phản ánh trùng nội dung"),
    "due_changed": _l("Điều chỉnh hạn trả lời"),
    "note": _l("Ghi chú nội bộ"),
    "edited": _l("Sửa nội dung"),
}

MAX_TEXT = 5000


class WorkflowError(Exception):
    """A step the item's state does not allow; str() is the Vietnamese message for staff."""

    status_code = 409


class MissingText(WorkflowError):
    """A step that needs a text (answer, reason, note) got none."""

    status_code = 422


def is_open(item: Feedback) -> bool:
    """Received, assigned or in progress."""
    return item.status in OPEN_STATUSES


def is_overdue(item: Feedback, today: date) -> bool:
    """Open and past its due date (due today is not yet overdue)."""
    return is_open(item) and item.due_on < today


def allowed_steps(item: Feedback) -> set[str]:
    """The status steps this item can take now (a merged item takes none)."""
    if item.merged_into_id is not None:
        return set()
    return {step for step, statuses in ALLOWED_FROM.items() if item.status in statuses}


def _require(item: Feedback, step: str) -> None:
    if item.merged_into_id is not None:
        raise WorkflowError(_("Phản ánh này đã được gộp vào phản ánh số %(id)s; hãy xử lý ở phản ánh đó.",
                              id=item.merged_into_id))
    if item.status not in ALLOWED_FROM[step]:
        raise WorkflowError(_("Không thể %(step)s khi phản ánh đang ở trạng thái “%(status)s”.",
                              step=STEP_NAMES[step], status=item.status.label))


def _text(value: str | None, message: str) -> str:
    text = clean_text(value)
    if not text:
        raise MissingText(message)
    return text[:MAX_TEXT]


def _event(item: Feedback, kind: str, actor: User | None, *, public: bool = True, body: str = "",
           status: FeedbackStatus | None = None) -> FeedbackEvent:
    event = FeedbackEvent(
        feedback_id=item.id, kind=kind, status=status if status is not None else (item.status if public else None),
        public=public, body=body, actor_id=actor.id if actor else None, created_at=utcnow(),
    )
    db.session.add(event)
    return event


def _follow(duplicate: Feedback, target: Feedback) -> None:
    """A duplicate takes its target's state; its own closing time is when it got the answer."""
    duplicate.status = target.status
    duplicate.assignee_id = target.assignee_id
    duplicate.public_answer = target.public_answer
    duplicate.reject_reason = target.reject_reason
    duplicate.resolved_at = utcnow() if target.status in CLOSED_STATUSES else None


def _sync_duplicates(item: Feedback, kind: str, actor: User | None) -> list[int]:
    """Mirror a status step of `item` on every item merged into it; returns their ids."""
    duplicates = list(db.session.execute(
        db.select(Feedback).where(Feedback.merged_into_id == item.id).order_by(Feedback.id)
    ).scalars())
    for duplicate in duplicates:
        _follow(duplicate, item)
        _event(duplicate, kind, actor, body=_("Theo phản ánh số %(id)s", id=item.id))
    return [duplicate.id for duplicate in duplicates]


def assignable_users(item: Feedback) -> list[User]:
    """Who may be given an item: staff who handle the box, and the officers of its hamlet."""
    handlers = [role for role, granted in ROLE_PERMISSIONS.items() if Permission.FEEDBACK_HANDLE in granted]
    condition = User.role.in_(handlers)
    if item.hamlet_id is not None:
        condition = condition | ((User.role == Role.HAMLET_OFFICER) & (User.hamlet_id == item.hamlet_id))
    return list(db.session.execute(
        db.select(User).where(User.active.is_(True), condition).order_by(User.full_name, User.username)
    ).scalars())


def assign(item: Feedback, assignee: User | None, actor: User) -> dict:
    """Give the item to a member of staff (received → assigned; a later reassignment keeps the status)."""
    _require(item, "assign")
    if assignee is None or assignee.id not in {user.id for user in assignable_users(item)}:
        raise MissingText(_("Hãy chọn một cán bộ có thể nhận phản ánh này."))
    before = item.assignee_id
    item.assignee_id = assignee.id
    first = item.status is FeedbackStatus.RECEIVED
    if first:
        item.status = FeedbackStatus.ASSIGNED
    # Only the first assignment is a public step; a change of hands is internal.
    _event(item, "assigned", actor, public=first, body=assignee.display_name,
           status=item.status)
    duplicates = _sync_duplicates(item, "assigned", actor) if first else []
    return {"assignee_id": assignee.id, "previous_assignee_id": before, "duplicates": duplicates}


def start(item: Feedback, actor: User) -> dict:
    """The assignee has begun work (assigned → in progress)."""
    _require(item, "start")
    item.status = FeedbackStatus.IN_PROGRESS
    _event(item, "in_progress", actor)
    return {"duplicates": _sync_duplicates(item, "in_progress", actor)}


def resolve(item: Feedback, answer: str | None, actor: User) -> dict:
    """Close with the commune's answer, which the sender and (if allowed) the public read."""
    _require(item, "resolve")
    item.public_answer = _text(answer, _("Cần nhập nội dung trả lời trước khi kết thúc phản ánh."))
    item.status = FeedbackStatus.RESOLVED
    item.resolved_at = utcnow()
    _event(item, "resolved", actor)
    return {"duplicates": _sync_duplicates(item, "resolved", actor)}


def reject(item: Feedback, reason: str | None, actor: User) -> dict:
    """Close without handling it, saying why; the sender reads the reason."""
    _require(item, "reject")
    item.reject_reason = _text(reason, _("Cần nêu lý do không xử lý; người gửi sẽ đọc được lý do này."))
    item.status = FeedbackStatus.REJECTED
    item.resolved_at = utcnow()
    _event(item, "rejected", actor)
    return {"duplicates": _sync_duplicates(item, "rejected", actor)}


def reopen(item: Feedback, reason: str | None, actor: User) -> dict:
    """Open a closed item again (a wrong answer, the problem came back); the reason stays internal."""
    _require(item, "reopen")
    why = _text(reason, _("Cần nêu lý do mở lại."))
    item.status = FeedbackStatus.IN_PROGRESS if item.assignee_id else FeedbackStatus.RECEIVED
    item.resolved_at = None
    _event(item, "reopened", actor)
    _event(item, "note", actor, public=False, body=_("Lý do mở lại: %(reason)s", reason=why))
    return {"reason": why, "duplicates": _sync_duplicates(item, "reopened", actor)}


def add_note(item: Feedback, body: str | None, actor: User) -> dict:
    """An internal note on the timeline; never public."""
    text = _text(body, _("Hãy nhập nội dung ghi chú."))
    _event(item, "note", actor, public=False, body=text)
    return {"length": len(text)}


def change_due(item: Feedback, due_on: date, reason: str | None, actor: User) -> dict:
    """Move the due date (never before the day of receipt)."""
    _require(item, "due")
    received_on = to_local(item.created_at).date()
    if due_on < received_on:
        raise MissingText(_("Hạn trả lời không thể trước ngày nhận (%(day)s).", day=format_date(received_on)))
    before = item.due_on
    item.due_on = due_on
    note = f"{format_date(before)} → {format_date(due_on)}"
    why = clean_text(reason)
    _event(item, "due_changed", actor, body=f"{note}. {why}" if why else note)
    return {"from": before, "to": due_on}


def merge(item: Feedback, target: Feedback | None, actor: User) -> dict:
    """Make `item` a duplicate of `target`: it follows the target's status and answer from now on."""
    _require(item, "merge")
    if target is None:
        raise MissingText(_("Không tìm thấy phản ánh có số hoặc mã này."))
    if target.id == item.id:
        raise WorkflowError(_("Không thể gộp một phản ánh vào chính nó."))
    if target.merged_into_id is not None:
        raise WorkflowError(_("Phản ánh số %(id)s đã được gộp vào phản ánh số %(root)s; hãy gộp vào phản ánh số %(root)s.",
                              id=target.id, root=target.merged_into_id))
    # Items already merged into this one move with it, so no chain is ever longer than one step.
    carried = list(db.session.execute(
        db.select(Feedback).where(Feedback.merged_into_id == item.id)
    ).scalars())
    for duplicate in (item, *carried):
        duplicate.merged_into_id = target.id
        _follow(duplicate, target)
        _event(duplicate, "merged", actor, body=_("Gộp vào phản ánh số %(id)s", id=target.id))
    _event(target, "note", actor, public=False,
           body=_("Đã gộp phản ánh trùng nội dung: %(ids)s",
                  ids=", ".join(f"#{duplicate.id}" for duplicate in (item, *carried))))
    return {"into": target.id, "carried": [duplicate.id for duplicate in carried]}


def edit_content(item: Feedback, *, title: str, body: str, withdraw_public: bool, actor: User) -> dict:
    """Correct or redact the title and text (e.g. a phone number typed into the text); staff may
    withdraw public display, never grant it (only the sender can)."""
    changed = []
    title, body = clean_text(title, multiline=False), clean_text(body)
    if not title or not body:
        raise MissingText(_("Tiêu đề và nội dung không được để trống."))
    if title != item.title:
        item.title = title[:300]
        changed.append("title")
    if body != item.body:
        item.body = body[:MAX_TEXT]
        changed.append("body")
    if withdraw_public and item.allow_public:
        item.allow_public = False
        changed.append("allow_public")
    if not changed:
        raise MissingText(_("Không có gì thay đổi."))
    labels = {"title": _("tiêu đề"), "body": _("nội dung"), "allow_public": _("thôi công khai")}
    _event(item, "edited", actor, public=False, body=_("Đã sửa: %(what)s", what=", ".join(labels[c] for c in changed)))
    return {"fields": changed}
