"""Categories of the box, edited by admins: never deleted, only deactivated (old items keep theirs)."""
from __future__ import annotations

from consult.i18n import gettext as _
from sqlalchemy import func

from consult.extensions import db
from consult.models import Feedback, FeedbackCategory
from consult.text import slugify


class CategoryError(ValueError):
    """A change that would leave the list in a bad state; str() is for the admin."""


def categories_with_usage() -> list[tuple[FeedbackCategory, int]]:
    """Every category, in order, with how many items use it (one query)."""
    used = (
        db.select(Feedback.category_id, func.count().label("used"))
        .group_by(Feedback.category_id).subquery()
    )
    rows = db.session.execute(
        db.select(FeedbackCategory, func.coalesce(used.c.used, 0))
        .outerjoin(used, used.c.category_id == FeedbackCategory.id)
        .order_by(FeedbackCategory.position, FeedbackCategory.id)
    ).all()
    return [(category, int(count)) for category, count in rows]


def _check_name(name: str, exclude_id: int | None = None) -> None:
    clash = db.select(FeedbackCategory.id).where(func.lower(FeedbackCategory.name) == name.lower())
    if exclude_id is not None:
        clash = clash.where(FeedbackCategory.id != exclude_id)
    if db.session.execute(clash).first():
        raise CategoryError(_("Đã có lĩnh vực tên “%(name)s”.", name=name))


def _unused_code(name: str) -> str:
    base = (slugify(name, max_length=24) or "linh-vuc")
    taken = set(db.session.execute(
        db.select(FeedbackCategory.code).where(FeedbackCategory.code.startswith(base, autoescape=True))
    ).scalars())
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


def add_category(name: str, *, due_days: int | None, position: int | None, active: bool = True) -> FeedbackCategory:
    """A new category at the end of the list (or at `position`)."""
    _check_name(name)
    if position is None:
        last = db.session.execute(db.select(func.max(FeedbackCategory.position))).scalar()
        position = (last or 0) + 10
    category = FeedbackCategory(code=_unused_code(name), name=name, due_days=due_days, position=position,
                                active=active)
    db.session.add(category)
    db.session.flush()
    return category


def update_category(category: FeedbackCategory, *, name: str, due_days: int | None, position: int | None,
                    active: bool) -> dict:
    """Rename, change the days to answer, the order, or (de)activate; returns the changes for the audit."""
    _check_name(name, exclude_id=category.id)
    before = {"name": category.name, "due_days": category.due_days, "position": category.position,
              "active": category.active}
    category.name = name
    category.due_days = due_days
    category.position = position if position is not None else category.position
    category.active = active
    after = {"name": category.name, "due_days": category.due_days, "position": category.position,
             "active": category.active}
    return {key: [before[key], after[key]] for key in before if before[key] != after[key]}
