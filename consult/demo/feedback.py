"""The suggestion box: items in every status, each with the timeline that led there."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from consult import codes
from consult.demo.context import Demo
from consult.demo.specs import FeedbackText
from consult.demo.texts.feedback import ITEMS
from consult.extensions import db
from consult.models import (
    CommuneSettings, Feedback, FeedbackCategory, FeedbackChannel, FeedbackEvent, FeedbackStatus, User,
)
from consult.timeutil import to_local

#: Statuses that come after assignment, in the order an item passes through them.
_ASSIGNED_OR_LATER = (FeedbackStatus.ASSIGNED, FeedbackStatus.IN_PROGRESS, FeedbackStatus.RESOLVED)


def feedback_present() -> bool:
    """Whether the demo box was seeded before (any of its titles is there)."""
    titles = [item.title for item in ITEMS]
    return db.session.execute(db.select(Feedback.id).where(Feedback.title.in_(titles)).limit(1)).first() is not None


def add_feedback(demo: Demo, rng: random.Random, settings: CommuneSettings,
                 categories: dict[str, FeedbackCategory]) -> None:
    """All demo items, oldest first, so ids follow the order they came in."""
    by_title: dict[str, Feedback] = {}
    for text in sorted(ITEMS, key=lambda item: -item.days_ago):
        category = categories[text.category]
        item = _item(demo, rng, text, category, settings.feedback_due_days)
        if text.merged_into:
            item.merged_into = by_title[text.merged_into]
        _timeline(demo, rng, text, item)
        by_title[text.title] = item
        db.session.add(item)


def _item(demo: Demo, rng: random.Random, text: FeedbackText, category: FeedbackCategory,
          default_due_days: int) -> Feedback:
    """The item as the sender left it, due `due_days` after it came in."""
    received_at = demo.day_start(-text.days_ago) + timedelta(hours=rng.uniform(7, 21))
    received_at = min(received_at, demo.now - timedelta(hours=1))
    due_days = category.due_days or default_due_days
    typed = text.channel is not FeedbackChannel.WEB
    hamlet = demo.hamlets[text.hamlet] if text.hamlet else None
    return Feedback(
        tracking_code=codes.new_tracking_code(), channel=text.channel, category=category, hamlet=hamlet,
        title=text.title, body=text.body, sender_name=text.sender_name, sender_phone=text.sender_phone,
        allow_public=text.allow_public, consent=True, status=text.status,
        assignee=demo.users[text.assignee] if text.status in _ASSIGNED_OR_LATER else None,
        due_on=to_local(received_at).date() + timedelta(days=due_days),
        entered_by=demo.typist_for(hamlet) if typed else None,
        created_at=received_at, updated_at=received_at,
    )


def _timeline(demo: Demo, rng: random.Random, text: FeedbackText, item: Feedback) -> None:
    """received → assigned → in progress → resolved | rejected, with an internal note on some."""
    at = item.created_at
    _event(item, "received", FeedbackStatus.RECEIVED, at, item.entered_by)
    if text.status is FeedbackStatus.REJECTED:
        at = _later(demo, rng, at, 6, 48)
        kind = "merged" if text.merged_into else "rejected"
        _event(item, kind, FeedbackStatus.REJECTED, at, demo.clerk, text.reject_reason)
        item.reject_reason = text.reject_reason
        item.resolved_at = at
    if text.status in _ASSIGNED_OR_LATER:
        at = _later(demo, rng, at, 3, 30)
        _event(item, "assigned", FeedbackStatus.ASSIGNED, at, demo.clerk,
               f"Giao {item.assignee.display_name} xem xét, xử lý.")
    if text.status in (FeedbackStatus.IN_PROGRESS, FeedbackStatus.RESOLVED):
        at = _later(demo, rng, at, 20, 70)
        _event(item, "in_progress", FeedbackStatus.IN_PROGRESS, at, item.assignee,
               "Đã kiểm tra thực tế, đang phối hợp các bộ phận liên quan xử lý.")
    if text.note:
        at = _later(demo, rng, at, 2, 30)
        _event(item, "note", None, at, item.assignee or demo.clerk, text.note, public=False)
    if text.status is FeedbackStatus.RESOLVED:
        at = _later(demo, rng, at, 24, 120)
        _event(item, "resolved", FeedbackStatus.RESOLVED, at, item.assignee, text.answer)
        item.public_answer = text.answer
        item.resolved_at = at
    item.updated_at = at


def _later(demo: Demo, rng: random.Random, after: datetime, low_hours: float, high_hours: float) -> datetime:
    """Some hours after a step, but never in the future (recent items move fast or not at all)."""
    ceiling = demo.now - timedelta(minutes=30)
    moment = after + timedelta(hours=rng.uniform(low_hours, high_hours))
    return moment if moment < ceiling else after + (ceiling - after) / 2


def _event(item: Feedback, kind: str, status: FeedbackStatus | None, at: datetime, actor: User | None,
           body: str = "", *, public: bool = True) -> None:
    """Append one step to the item's timeline."""
    item.events.append(FeedbackEvent(kind=kind, status=status, public=public, body=body, actor=actor,
                                     created_at=at))
