"""The suggestion box, resident side: receiving items, finding them by code, what is public.

Who sees what:
- the tracking code is the only credential a resident has (no accounts), so whoever
  holds a code sees that item's STATUS: its timeline of public steps, its due date,
  and the commune's answer or the reason it was not handled;
- an item's CONTENT (title, text, photo) is public only once it is *published*: the
  sender allowed it AND the commune has resolved it (a member of staff has read it by
  then). Until then no page shows it, not even the code page;
- the sender's name and phone, internal notes, the assignee and who typed it in are
  never on a public page.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from consult import codes
from consult.extensions import db
from consult.feedback.photos import CleanPhoto, store_photo
from consult.models import (
    Feedback, FeedbackCategory, FeedbackChannel, FeedbackEvent, FeedbackStatus, Hamlet, User,
)
from consult.settings import commune
from consult.timeutil import local_midnight, local_today, to_local, utcnow

#: Public listing page size.
PUBLIC_PAGE_SIZE = 30

#: The categories a new commune starts with (admins edit the list); codes as in the demo commune.
DEFAULT_CATEGORIES = (
    ("doi-song", "Đời sống dân sinh"),
    ("an-ninh", "An ninh trật tự"),
    ("thu-tuc", "Thủ tục hành chính"),
    ("moi-truong", "Môi trường"),
    ("ha-tang", "Hạ tầng – giao thông"),
    ("y-te-giao-duc", "Y tế – giáo dục"),
    ("khac", "Khác"),
)


@dataclass
class FeedbackDraft:
    """What a resident (or staff typing a paper note) gives us; validated by the form."""

    category: FeedbackCategory
    hamlet: Hamlet | None
    title: str
    body: str
    sender_name: str = ""
    sender_phone: str = ""
    allow_public: bool = False
    consent: bool = False


def active_categories() -> list[FeedbackCategory]:
    """Categories offered on the form, in the admins' order."""
    return list(db.session.execute(
        db.select(FeedbackCategory).where(FeedbackCategory.active.is_(True))
        .order_by(FeedbackCategory.position, FeedbackCategory.id)
    ).scalars())


def due_days(category: FeedbackCategory) -> int:
    """Days to answer: the category's own, else the commune's (15 by default)."""
    return category.due_days or commune().feedback_due_days or 15


def due_date(category: FeedbackCategory, received_on: date) -> date:
    """Calendar days from the day of receipt."""
    return received_on + timedelta(days=due_days(category))


def received_moment(received_on: date) -> datetime:
    """When a paper or hotline item dated `received_on` was received: now if today, else midday."""
    if received_on == local_today():
        return utcnow()
    return local_midnight(received_on) + timedelta(hours=12)


def _unused_tracking_code() -> str:
    """A fresh code; with 40 random bits a clash is all but impossible, but it costs one lookup."""
    while True:
        code = codes.new_tracking_code()
        if not db.session.execute(db.select(Feedback.id).where(Feedback.tracking_code == code)).first():
            return code


def receive_feedback(draft: FeedbackDraft, *, channel: FeedbackChannel = FeedbackChannel.WEB,
                     received_at: datetime | None = None, photo: CleanPhoto | None = None,
                     idempotency_key: str | None = None, entered_by: User | None = None) -> Feedback:
    """Put an item in the box with its code, due date, photo and first (public) timeline step."""
    received_at = received_at or utcnow()
    photo_name = store_photo(photo) if photo is not None else ""
    item = Feedback(
        tracking_code=_unused_tracking_code(),
        idempotency_key=idempotency_key,
        channel=channel,
        category_id=draft.category.id,
        hamlet_id=draft.hamlet.id if draft.hamlet else None,
        title=draft.title,
        body=draft.body,
        photo_name=photo_name,
        # Contact details are kept only with consent (the form insists on it when they are given).
        sender_name=draft.sender_name if draft.consent else "",
        sender_phone=draft.sender_phone if draft.consent else "",
        allow_public=draft.allow_public,
        consent=draft.consent,
        status=FeedbackStatus.RECEIVED,
        due_on=due_date(draft.category, to_local(received_at).date()),
        entered_by_id=entered_by.id if entered_by else None,
        created_at=received_at,
    )
    db.session.add(item)
    db.session.flush()
    db.session.add(FeedbackEvent(
        feedback_id=item.id, kind="received", status=FeedbackStatus.RECEIVED, public=True,
        actor_id=entered_by.id if entered_by else None, created_at=received_at,
    ))
    return item


def is_duplicate_key_error(error: IntegrityError) -> bool:
    """Whether a failed insert clashed on the idempotency key (a double tap raced itself)."""
    return "idempotency_key" in str(getattr(error, "orig", error))


def find_by_idempotency_key(key: str | None) -> Feedback | None:
    """The item already stored under a form's idempotency key."""
    if not key:
        return None
    return db.session.execute(db.select(Feedback).where(Feedback.idempotency_key == key)).scalar_one_or_none()


def find_by_code(typed: str) -> Feedback | None:
    """The item a typed code names (any case, dashes optional), or None; one indexed lookup either way."""
    code = codes.parse_tracking_code(typed)
    if code is None:
        return None
    return db.session.execute(
        db.select(Feedback).options(joinedload(Feedback.category)).where(Feedback.tracking_code == code)
    ).scalar_one_or_none()


def is_published(item: Feedback) -> bool:
    """Content may be shown publicly: the sender allowed it and the commune has answered it."""
    return item.allow_public and item.status is FeedbackStatus.RESOLVED


def public_events(item: Feedback) -> list[FeedbackEvent]:
    """The steps a code holder sees: status changes only, never notes or who did them."""
    return list(db.session.execute(
        db.select(FeedbackEvent)
        .where(FeedbackEvent.feedback_id == item.id, FeedbackEvent.public.is_(True))
        .order_by(FeedbackEvent.created_at, FeedbackEvent.id)
    ).scalars())


def published_items():
    """Select published items, newest answer first."""
    return (
        db.select(Feedback)
        .options(joinedload(Feedback.category), joinedload(Feedback.hamlet))
        .where(Feedback.allow_public.is_(True), Feedback.status == FeedbackStatus.RESOLVED)
        .order_by(Feedback.resolved_at.desc(), Feedback.id.desc())
    )


def published_page(page: int):
    """One page of published items (db.paginate)."""
    return db.paginate(published_items(), page=page, per_page=PUBLIC_PAGE_SIZE, error_out=False)


@dataclass
class PublishedMonth:
    """Published items of one month (by answer date), grouped by category in the admins' order."""

    month: date
    groups: list[tuple[FeedbackCategory, list[Feedback]]]


def group_published(items: list[Feedback]) -> list[PublishedMonth]:
    """Group one page of items (newest first) by month of answer, then by category."""
    months: dict[date, dict[int, list[Feedback]]] = {}
    categories: dict[int, FeedbackCategory] = {}
    for item in items:
        month = to_local(item.resolved_at).date().replace(day=1)
        months.setdefault(month, {}).setdefault(item.category_id, []).append(item)
        categories[item.category_id] = item.category
    return [
        PublishedMonth(month, [
            (categories[category_id], listed)
            for category_id, listed in sorted(
                by_category.items(), key=lambda pair: (categories[pair[0]].position, pair[0]))
        ])
        for month, by_category in months.items()
    ]


def install_default_categories() -> list[FeedbackCategory]:
    """Add the standard categories that are missing (by code or by name); returns those added."""
    rows = db.session.execute(db.select(FeedbackCategory.code, FeedbackCategory.name)).all()
    codes_taken = {row.code for row in rows}
    names_taken = {row.name.casefold() for row in rows}
    added = []
    for position, (code, name) in enumerate(DEFAULT_CATEGORIES, start=1):
        if code not in codes_taken and name.casefold() not in names_taken:
            category = FeedbackCategory(code=code, name=name, position=position * 10, active=True)
            db.session.add(category)
            added.append(category)
    db.session.flush()
    return added
