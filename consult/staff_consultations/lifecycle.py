"""A consultation's lifecycle: which status actions each state allows, and the actions themselves.

The state is never stored: Consultation.state() computes it from published_at, opens_at,
closes_at, closed_early_at and results_published_at. An action only sets those dates.

Decisions:
- "Publish now" sets published_at AND opens_at to now, whatever opens_at said: residents can
  comment only from publication, and the Law on Grassroots Democracy counts the period from
  publication, so a draft's stale or future opening date must not be shown. closes_at is
  confirmed (or moved) in the same step and must be in the future.
- "Schedule" publishes now (the page is visible, with "Sắp mở") and opens later.
- "Unpublish" is allowed only while scheduled: nothing can have been collected yet.
- "Reopen" clears an early close; if the planned close has passed too, a new one is required.
- A period shorter than MIN_CONSULTATION_DAYS is warned about, never refused: a commune may
  have a legal reason (an urgent matter) and the audit log keeps what was done.
Publishing results belongs to the results feature, not here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from consult.i18n import lazy_gettext as _l

from consult.models import MIN_CONSULTATION_DAYS, Consultation, ConsultationState

#: Reasons for closing early shorter than this say nothing ("x", "ok").
MIN_REASON_LENGTH = 10


class Action(StrEnum):
    """A status action staff can take on a consultation."""

    PUBLISH = "publish"
    SCHEDULE = "schedule"
    UNPUBLISH = "unpublish"
    CLOSE_EARLY = "close_early"
    REOPEN = "reopen"


#: What each state allows; the staff page shows exactly these buttons.
ALLOWED: dict[ConsultationState, frozenset[Action]] = {
    ConsultationState.DRAFT: frozenset({Action.PUBLISH, Action.SCHEDULE}),
    ConsultationState.SCHEDULED: frozenset({Action.PUBLISH, Action.UNPUBLISH}),
    ConsultationState.OPEN: frozenset({Action.CLOSE_EARLY}),
    ConsultationState.CLOSED: frozenset({Action.REOPEN}),
    ConsultationState.RESULTS_PUBLISHED: frozenset(),
}

REFUSALS = {
    Action.PUBLISH: _l("Chỉ mở lấy ý kiến được khi đợt còn là bản nháp hoặc đang chờ đến ngày mở."),
    Action.SCHEDULE: _l("Chỉ hẹn ngày mở được cho đợt còn là bản nháp."),
    Action.UNPUBLISH: _l("Chỉ thu hồi về bản nháp được khi đợt chưa đến ngày mở (chưa nhận ý kiến nào)."),
    Action.CLOSE_EARLY: _l("Chỉ kết thúc sớm được khi đợt đang lấy ý kiến."),
    Action.REOPEN: _l("Chỉ mở lại được đợt đã kết thúc và chưa công bố kết quả."),
}


class TransitionRefused(Exception):
    """The action does not fit the consultation's current state (HTTP 409)."""

    def __init__(self, action: Action, state: ConsultationState):
        super().__init__(str(REFUSALS[action]))
        self.action, self.state = action, state


class LifecycleError(ValueError):
    """The action fits the state but its input is wrong (HTTP 422); the message names the field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Outcome:
    """What an action changed (for the audit log) and whether the period is short."""

    changes: dict
    short_period_days: int | None = None  # the period in days, when below the legal minimum


def allowed_actions(state: ConsultationState) -> frozenset[Action]:
    """The status actions allowed in a state."""
    return ALLOWED[state]


def check_allowed(consultation: Consultation, action: Action, now: datetime) -> None:
    """Raise TransitionRefused unless the action fits the consultation's state now."""
    state = consultation.state(now)
    if action not in ALLOWED[state]:
        raise TransitionRefused(action, state)


def period_days(opens_at: datetime, closes_at: datetime) -> int:
    """Whole days between opening and closing."""
    return (closes_at - opens_at).days


def is_short(opens_at: datetime, closes_at: datetime) -> bool:
    """Shorter than the Law on Grassroots Democracy asks for."""
    return period_days(opens_at, closes_at) < MIN_CONSULTATION_DAYS


def default_closes_at(consultation: Consultation, now: datetime) -> datetime:
    """The close proposed when publishing: the planned one if still ahead, else 20 days from now."""
    if consultation.closes_at > now + timedelta(days=1):
        return consultation.closes_at
    return now + timedelta(days=MIN_CONSULTATION_DAYS)


def _snapshot(consultation: Consultation) -> dict:
    return {
        "published_at": consultation.published_at, "opens_at": consultation.opens_at,
        "closes_at": consultation.closes_at, "closed_early_at": consultation.closed_early_at,
        "close_reason": consultation.close_reason,
    }


def _diff(before: dict, after: dict) -> dict:
    return {key: [before[key], after[key]] for key in before if before[key] != after[key]}


def _outcome(consultation: Consultation, before: dict) -> Outcome:
    after = _snapshot(consultation)
    short = period_days(consultation.opens_at, consultation.closes_at)
    return Outcome(_diff(before, after), short if short < MIN_CONSULTATION_DAYS else None)


def publish_now(consultation: Consultation, closes_at: datetime, now: datetime) -> Outcome:
    """Publish and open now, until closes_at."""
    check_allowed(consultation, Action.PUBLISH, now)
    if closes_at <= now:
        raise LifecycleError("closes_at", str(_l("Ngày kết thúc phải sau thời điểm hiện tại.")))
    before = _snapshot(consultation)
    consultation.published_at = consultation.published_at or now
    consultation.opens_at = now
    consultation.closes_at = closes_at
    return _outcome(consultation, before)


def schedule(consultation: Consultation, opens_at: datetime, closes_at: datetime, now: datetime) -> Outcome:
    """Publish now (shown as "Sắp mở") and open at a later moment."""
    check_allowed(consultation, Action.SCHEDULE, now)
    if opens_at <= now:
        raise LifecycleError("opens_at", str(_l(
            "Ngày mở phải ở tương lai. Muốn mở ngay, hãy dùng nút “Mở lấy ý kiến ngay”."
        )))
    if closes_at <= opens_at:
        raise LifecycleError("closes_at", str(_l("Ngày kết thúc phải sau ngày mở.")))
    before = _snapshot(consultation)
    consultation.published_at = now
    consultation.opens_at = opens_at
    consultation.closes_at = closes_at
    return _outcome(consultation, before)


def unpublish(consultation: Consultation, now: datetime, *, submissions: int) -> Outcome:
    """Take a scheduled consultation back to draft (only if nothing was collected)."""
    check_allowed(consultation, Action.UNPUBLISH, now)
    if submissions:
        raise TransitionRefused(Action.UNPUBLISH, consultation.state(now))
    before = _snapshot(consultation)
    consultation.published_at = None
    return Outcome(_diff(before, _snapshot(consultation)))


def close_early(consultation: Consultation, reason: str, now: datetime) -> Outcome:
    """Stop collecting comments now, before the planned close; the reason is required."""
    check_allowed(consultation, Action.CLOSE_EARLY, now)
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise LifecycleError("reason", str(_l(
            "Hãy ghi rõ lý do kết thúc sớm (ít nhất %(n)s ký tự); lý do được lưu vào nhật ký.",
            n=MIN_REASON_LENGTH,
        )))
    before = _snapshot(consultation)
    consultation.closed_early_at = now
    consultation.close_reason = reason
    return Outcome(_diff(before, _snapshot(consultation)))


def reopen_needs_new_close(consultation: Consultation, now: datetime) -> bool:
    """Whether reopening needs a new closing date (the planned one has passed)."""
    return consultation.closes_at <= now


def reopen(consultation: Consultation, new_closes_at: datetime | None, now: datetime) -> Outcome:
    """Collect comments again: clear the early close, and move the close if it has passed."""
    check_allowed(consultation, Action.REOPEN, now)
    if reopen_needs_new_close(consultation, now) and new_closes_at is None:
        raise LifecycleError("closes_at", str(_l(
            "Hạn kết thúc cũ đã qua: hãy chọn ngày kết thúc mới để mở lại."
        )))
    if new_closes_at is not None and new_closes_at <= now:
        raise LifecycleError("closes_at", str(_l("Ngày kết thúc mới phải sau thời điểm hiện tại.")))
    before = _snapshot(consultation)
    consultation.closed_early_at = None
    consultation.close_reason = ""
    if new_closes_at is not None:
        consultation.closes_at = new_closes_at
    return _outcome(consultation, before)


# --- what the edit form may change in each state -----------------------------------

LOCK_REASONS = {
    "slug": _l("Đợt đã công bố: địa chỉ trang đã in trên áp phích, mã QR và đã được chia sẻ, "
               "nên không đổi được nữa."),
    "opens_at": _l("Đợt đã bắt đầu nhận ý kiến nên không đổi được thời điểm bắt đầu."),
    "closes_at": _l("Đợt đã kết thúc. Muốn nhận thêm ý kiến, hãy dùng nút “Mở lại”."),
}


def locked_fields(consultation: Consultation, now: datetime) -> dict[str, str]:
    """Fields of the edit form that the state freezes, with the reason shown next to each."""
    state = consultation.state(now)
    locks = {}
    if consultation.published_at is not None:
        locks["slug"] = str(LOCK_REASONS["slug"])
    if state in (ConsultationState.OPEN, ConsultationState.CLOSED, ConsultationState.RESULTS_PUBLISHED):
        locks["opens_at"] = str(LOCK_REASONS["opens_at"])
    if state in (ConsultationState.CLOSED, ConsultationState.RESULTS_PUBLISHED):
        locks["closes_at"] = str(LOCK_REASONS["closes_at"])
    return locks


def check_period_edit(consultation: Consultation, opens_at: datetime, closes_at: datetime, now: datetime) -> None:
    """An edited period must not change the state behind the status actions' back."""
    state = consultation.state(now)
    if state is ConsultationState.SCHEDULED and opens_at <= now and opens_at != consultation.opens_at:
        raise LifecycleError("opens_at", str(_l(
            "Thời điểm mở phải ở tương lai. Muốn mở ngay, hãy dùng nút “Mở lấy ý kiến ngay”."
        )))
    if state is ConsultationState.OPEN and closes_at <= now and closes_at != consultation.closes_at:
        raise LifecycleError("closes_at", str(_l(
            "Hạn cuối phải ở tương lai. Muốn dừng nhận ý kiến ngay, hãy dùng nút “Kết thúc sớm” và ghi lý do."
        )))
