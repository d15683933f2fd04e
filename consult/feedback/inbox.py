"""The staff inbox: filters, counts per status, one page of items; and one item with its timeline."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func
from sqlalchemy.orm import joinedload, selectinload

from consult.extensions import db
from consult.feedback.services import find_by_code
from consult.feedback.workflow import OPEN_STATUSES
from consult.models import Feedback, FeedbackCategory, FeedbackEvent, FeedbackStatus, Hamlet, Role, User

PAGE_SIZE = 25
#: Status filter values: "open" (every open status), "all", or one status.
STATUS_FILTERS = ("open", "all", *(status.value for status in FeedbackStatus))


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


@dataclass(frozen=True)
class InboxQuery:
    """What the inbox shows; read from the query string, unknown values ignored."""

    status: str = "open"
    category_id: int | None = None
    hamlet_id: int | None = None
    assignee: str = ""          # "" anyone, "none" nobody yet, "me", or a user id
    overdue: bool = False
    oldest_first: bool = False
    page: int = 1

    @classmethod
    def from_args(cls, args) -> InboxQuery:
        status = args.get("status", "open")
        assignee = args.get("assignee", "")
        return cls(
            status=status if status in STATUS_FILTERS else "open",
            category_id=_int(args.get("category")),
            hamlet_id=_int(args.get("hamlet")),
            assignee=assignee if assignee in ("", "none", "me") or _int(assignee) else "",
            overdue=args.get("overdue") in ("1", "on", "true"),
            oldest_first=args.get("sort") == "oldest",
            page=_int(args.get("page")) or 1,
        )

    def args(self, **changes) -> dict[str, str]:
        """Query-string values of this query with some changed (links: pages, status tabs)."""
        query = replace(self, **changes)
        values = {
            "status": query.status, "category": query.category_id or "", "hamlet": query.hamlet_id or "",
            "assignee": query.assignee, "overdue": "1" if query.overdue else "",
            "sort": "oldest" if query.oldest_first else "", "page": query.page if query.page > 1 else "",
        }
        return {key: str(value) for key, value in values.items() if value not in ("", None)}


@dataclass
class Inbox:
    """One page of the inbox and the counts beside it."""

    page: object                    # flask_sqlalchemy Pagination of Feedback
    counts: dict[str, int]          # per status value, plus "open" and "all"
    overdue: int


def _filters(query: InboxQuery, *, scope_hamlet_id: int | None, user: User, today: date) -> list:
    """Every condition except the status one (the status counts are taken under these)."""
    conditions = []
    if scope_hamlet_id is not None:
        conditions.append(Feedback.hamlet_id == scope_hamlet_id)
    if query.category_id:
        conditions.append(Feedback.category_id == query.category_id)
    if query.hamlet_id:
        conditions.append(Feedback.hamlet_id == query.hamlet_id)
    if query.assignee == "none":
        conditions.append(Feedback.assignee_id.is_(None))
    elif query.assignee == "me":
        conditions.append(Feedback.assignee_id == user.id)
    elif query.assignee:
        conditions.append(Feedback.assignee_id == int(query.assignee))
    if query.overdue:
        conditions.extend((Feedback.status.in_(OPEN_STATUSES), Feedback.due_on < today))
    return conditions


def _status_condition(status: str):
    if status == "open":
        return Feedback.status.in_(OPEN_STATUSES)
    if status == "all":
        return None
    return Feedback.status == FeedbackStatus(status)


def inbox(query: InboxQuery, *, scope_hamlet_id: int | None, user: User, today: date) -> Inbox:
    """The items matching the filters (a hamlet officer's scope always applies), and counts."""
    conditions = _filters(query, scope_hamlet_id=scope_hamlet_id, user=user, today=today)
    per_status = dict(db.session.execute(
        db.select(Feedback.status, func.count()).where(*conditions).group_by(Feedback.status)
    ).all())
    counts = {status.value: per_status.get(status, 0) for status in FeedbackStatus}
    counts["open"] = sum(counts[status.value] for status in OPEN_STATUSES)
    counts["all"] = sum(per_status.values())
    overdue = db.session.execute(
        db.select(func.count()).select_from(Feedback)
        .where(*conditions, Feedback.status.in_(OPEN_STATUSES), Feedback.due_on < today)
    ).scalar_one()

    status = _status_condition(query.status)
    order = Feedback.created_at.asc() if query.oldest_first else Feedback.created_at.desc()
    select = (
        db.select(Feedback)
        .options(joinedload(Feedback.category), joinedload(Feedback.hamlet), joinedload(Feedback.assignee))
        .where(*conditions, *(() if status is None else (status,)))
        .order_by(order, Feedback.id.desc())
    )
    page = db.paginate(select, page=query.page, per_page=PAGE_SIZE, error_out=False)
    return Inbox(page=page, counts=counts, overdue=overdue)


def filter_choices(scope_hamlet_id: int | None) -> dict[str, list]:
    """Options of the filter selects: every category, the hamlets in scope, staff who can hold items."""
    categories = list(db.session.execute(
        db.select(FeedbackCategory).order_by(FeedbackCategory.position, FeedbackCategory.id)).scalars())
    hamlets = db.select(Hamlet).order_by(Hamlet.position, Hamlet.id)
    if scope_hamlet_id is not None:
        hamlets = hamlets.where(Hamlet.id == scope_hamlet_id)
    assignees = list(db.session.execute(
        db.select(User).where(User.active.is_(True), User.role != Role.COUNCIL)
        .order_by(User.full_name, User.username)).scalars())
    return {"categories": categories, "hamlets": list(db.session.execute(hamlets).scalars()), "assignees": assignees}


def load_item(item_id: int, *, for_update: bool = False) -> Feedback | None:
    """One item with everything its staff page shows, in a few queries."""
    select = (
        db.select(Feedback)
        .options(
            joinedload(Feedback.category), joinedload(Feedback.hamlet), joinedload(Feedback.assignee),
            joinedload(Feedback.entered_by), selectinload(Feedback.events).joinedload(FeedbackEvent.actor),
        )
        .where(Feedback.id == item_id)
    )
    if for_update:
        # Two staff acting on one item at once: the second waits and then sees the first's result.
        select = select.with_for_update(of=Feedback)
    return db.session.execute(select).unique().scalar_one_or_none()


def duplicates_of(item: Feedback) -> list[Feedback]:
    """Items merged into this one."""
    return list(db.session.execute(
        db.select(Feedback).where(Feedback.merged_into_id == item.id).order_by(Feedback.id)).scalars())


def find_target(typed: str) -> Feedback | None:
    """The item a member of staff names to merge into: its number ("123", "#123") or its tracking code."""
    text = (typed or "").strip().lstrip("#")
    if text.isdigit():
        return db.session.get(Feedback, int(text))
    return find_by_code(text)
