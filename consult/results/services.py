"""Results: who may see them, the cached aggregates, publishing, and the publication deadline
(no request, no commit).

Before publication the results page is a live view for staff holding CONSULTATION_VIEW; anyone
else gets 404 (a published consultation's page then says politely that results are not out yet,
still with status 404, like the JSON and CSV). The Law on Grassroots Democracy expects results
within 5 working days of the competent body's decision (decided_on).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consult.i18n import gettext as _
from sqlalchemy import func, select

from consult import cache
from consult.extensions import db
from consult.i18n import format_datetime
from consult.models import Comment, CommentStatus, Consultation, ConsultationState, Submission, Validity
from consult.permissions import Permission, has_permission
from consult.responses.services import progress, unanswered_count
from consult.results import aggregates
from consult.results.forms import DecisionForm, PublishForm
from consult.results.view import ResultsView, build
from consult.timeutil import add_working_days, local_today, to_local, utcnow

#: Working days allowed between the decision and the publication of results.
PUBLISH_WITHIN_WORKING_DAYS = 5


class PublishError(Exception):
    """Results cannot be published as asked; `field` names the form field the message belongs to."""

    def __init__(self, message: str, field: str = "confirm_unanswered"):
        super().__init__(message)
        self.field = field


def by_slug(slug: str) -> Consultation | None:
    """A consultation by slug, in any state."""
    return db.session.execute(select(Consultation).where(Consultation.slug == slug)).scalar_one_or_none()


def is_public(consultation: Consultation) -> bool:
    """Results and responses are public once staff published them."""
    return consultation.results_published_at is not None


def can_see_live(user) -> bool:
    """Staff who may follow results before they are published."""
    return has_permission(user, Permission.CONSULTATION_VIEW)


def results_view(consultation: Consultation) -> ResultsView:
    """The page's figures: cached aggregates (shared by every worker) joined to today's labels."""
    payload = cache.cached(cache.results_key(consultation.id), lambda: aggregates.compute(consultation.id))
    return build(consultation, payload)


# --- publishing -------------------------------------------------------------------

def publish_results(consultation: Consultation, *, confirmed: bool, note: str) -> int:
    """Make results and responses public; returns how many approved comments were unanswered.

    Allowed once the consultation is closed. While comments are unanswered, staff must confirm
    and say why (kept in results_publish_note and the audit log).
    """
    state = consultation.state()
    if state is ConsultationState.RESULTS_PUBLISHED:
        raise PublishError(_("Kết quả đã được công bố lúc %(when)s.",
                             when=format_datetime(consultation.results_published_at)))
    if state is not ConsultationState.CLOSED:
        raise PublishError(_("Chỉ công bố kết quả sau khi đợt lấy ý kiến đã kết thúc."))
    unanswered = unanswered_count(consultation.id)
    note = (note or "").strip()
    if unanswered and not confirmed:
        raise PublishError(_(
            "Còn %(count)d ý kiến chưa được trả lời. Hãy trả lời hết, hoặc đánh dấu xác nhận và ghi lý do công bố.",
            count=unanswered,
        ))
    if unanswered and not note:
        raise PublishError(_("Hãy ghi lý do công bố khi còn ý kiến chưa được trả lời."), field="note")
    consultation.results_published_at = utcnow()
    consultation.results_publish_note = note if unanswered else ""
    cache.invalidate(cache.results_key(consultation.id))
    return unanswered


def set_decided_on(consultation: Consultation, decided_on: date) -> date | None:
    """Record the date the competent body decided; returns the previous value."""
    if decided_on > local_today():
        raise PublishError(_("Ngày quyết định không thể sau hôm nay."), field="decided_on")
    previous = consultation.decided_on
    consultation.decided_on = decided_on
    return previous


# --- the deadline and the staff panel ----------------------------------------------

def working_days_between(start: date, end: date) -> int:
    """Working days (Monday–Friday) after `start` up to and including `end`; negative if end < start."""
    if end < start:
        return -working_days_between(end, start)
    days = 0
    current = start
    while current < end:
        current = date.fromordinal(current.toordinal() + 1)
        if current.weekday() < 5:
            days += 1
    return days


@dataclass
class Deadline:
    """When results are due after the decision, and how many working days remain (negative: late)."""

    decided_on: date
    due_on: date
    working_days_left: int

    @property
    def overdue(self) -> bool:
        return self.working_days_left < 0


def deadline(consultation: Consultation, today: date | None = None) -> Deadline | None:
    """The publication deadline, once the decision date is known."""
    if consultation.decided_on is None:
        return None
    due = add_working_days(consultation.decided_on, PUBLISH_WITHIN_WORKING_DAYS)
    published = consultation.results_published_at
    end = to_local(published).date() if published else (today or local_today())
    return Deadline(consultation.decided_on, due, working_days_between(end, due))


@dataclass
class ResultsPanel:
    """The results panel of a consultation's staff page: progress, deadline, publish form."""

    consultation: Consultation
    state: ConsultationState
    approved: int
    answered: int
    unanswered: int
    pending: int
    deadline: Deadline | None
    publish_form: object
    decision_form: object

    @property
    def can_publish(self) -> bool:
        return self.state is ConsultationState.CLOSED


def pending_count(consultation: Consultation) -> int:
    """Comments of counted submissions still awaiting moderation."""
    return db.session.execute(
        select(func.count()).select_from(Comment).join(Comment.submission)
        .where(Comment.consultation_id == consultation.id, Comment.status == CommentStatus.PENDING,
               Submission.validity == Validity.VALID)
    ).scalar_one()


def staff_panel(consultation: Consultation, publish_form=None, decision_form=None) -> dict:
    """Panel loader (consult.panels): the values the results panel template shows."""
    counts = progress(consultation)
    pending = pending_count(consultation)
    panel = ResultsPanel(
        consultation=consultation,
        state=consultation.state(),
        approved=counts["approved"], answered=counts["answered"], unanswered=counts["unanswered"],
        pending=pending,
        deadline=deadline(consultation),
        publish_form=publish_form or PublishForm(formdata=None),
        decision_form=decision_form or DecisionForm(formdata=None, decided_on=consultation.decided_on),
    )
    return {"results_panel": panel}

