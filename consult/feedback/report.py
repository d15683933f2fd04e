"""The monthly report of the suggestion box: the numbers, computed in SQL, into a MonthlyReport
(plain data, see report_data.py) that the page, the XLSX and a document builder all read.

Definitions (printed on the page and in the downloads; "the cut-off" is the end of the
month, or now for the month in progress), every channel, duplicates counted one by one:
- received: received (created_at) within the month, before the cut-off;
- resolved / rejected: closed with that outcome within the month (resolved_at), before the
  cut-off, whenever received;
- open: received before the cut-off and not closed by it;
- overdue: open at the cut-off and its due date already past (due_on before the cut-off's
  day: an item due on the 31st is overdue at the end of the month);
- days to resolve: calendar days from the day received to the day answered, over the
  items resolved in the month (rejections excluded).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from consult.i18n import gettext as _
from sqlalchemy import and_, case, func, or_
from sqlalchemy.orm import joinedload

from consult.extensions import db
from consult.feedback.months import Period, next_month
from consult.feedback.report_data import Breakdown, Counts, MonthlyReport, ResolvedItem
from consult.models import Feedback, FeedbackCategory, FeedbackChannel, FeedbackStatus, Hamlet
from consult.settings import commune
from consult.timeutil import to_local

CLOSED = (FeedbackStatus.RESOLVED, FeedbackStatus.REJECTED)


def _count_columns(period: Period, suffix: str = "") -> list:
    """The five counts as SUM(CASE …) columns, so any GROUP BY gets them in one pass."""
    closed = Feedback.status.in_(CLOSED)
    in_month = and_(Feedback.resolved_at >= period.start, Feedback.resolved_at < period.as_of)
    open_at_cutoff = and_(Feedback.created_at < period.as_of,
                          or_(~closed, Feedback.resolved_at >= period.as_of))

    def total(condition, name: str):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0).label(name + suffix)

    return [
        total(and_(Feedback.created_at >= period.start, Feedback.created_at < period.as_of), "received"),
        total(and_(Feedback.status == FeedbackStatus.RESOLVED, in_month), "resolved"),
        total(and_(Feedback.status == FeedbackStatus.REJECTED, in_month), "rejected"),
        total(open_at_cutoff, "open"),
        total(and_(open_at_cutoff, Feedback.due_on < period.as_of_day), "overdue"),
    ]


def _relevant(period: Period, hamlet_id: int | None) -> list:
    """Rows that can count in the period: received before its end and not closed before its start."""
    conditions = [
        Feedback.created_at < period.as_of,
        or_(Feedback.status.not_in(CLOSED), Feedback.resolved_at >= period.start),
    ]
    if hamlet_id is not None:
        conditions.append(Feedback.hamlet_id == hamlet_id)
    return conditions


def _counts(row, suffix: str = "") -> Counts:
    mapping = row._mapping
    return Counts(*(int(mapping[name + suffix]) for name in ("received", "resolved", "rejected", "open", "overdue")))


def month_totals(months: list[date], hamlet_id: int | None = None, now: datetime | None = None) -> list[Counts]:
    """The five numbers of several months in ONE query (the public summary uses this too)."""
    if not months:
        return []
    periods = [Period.of(month, now) for month in months]
    columns = [column for index, period in enumerate(periods) for column in _count_columns(period, f"_{index}")]
    conditions = [Feedback.created_at < max(period.as_of for period in periods)]
    if hamlet_id is not None:
        conditions.append(Feedback.hamlet_id == hamlet_id)
    row = db.session.execute(db.select(*columns).select_from(Feedback).where(*conditions)).one()
    return [_counts(row, f"_{index}") for index in range(len(periods))]


def _nonzero(rows) -> list[Breakdown]:
    """Rows with something to say (a category with nothing in the period is left out)."""
    return [Breakdown(label, counts) for label, counts in rows if counts.any()]


def _by_category(period: Period, hamlet_id: int | None) -> list[Breakdown]:
    rows = db.session.execute(
        db.select(FeedbackCategory.name, *_count_columns(period))
        .select_from(Feedback).join(FeedbackCategory, Feedback.category_id == FeedbackCategory.id)
        .where(*_relevant(period, hamlet_id))
        .group_by(FeedbackCategory.id, FeedbackCategory.name, FeedbackCategory.position)
        .order_by(FeedbackCategory.position, FeedbackCategory.id)
    )
    return _nonzero((row.name, _counts(row)) for row in rows)


def _by_hamlet(period: Period, hamlet_id: int | None) -> list[Breakdown]:
    unknown_last = case((Hamlet.id.is_(None), 1), else_=0)
    rows = db.session.execute(
        db.select(Hamlet.name, *_count_columns(period))
        .select_from(Feedback).outerjoin(Hamlet, Feedback.hamlet_id == Hamlet.id)
        .where(*_relevant(period, hamlet_id))
        .group_by(Hamlet.id, Hamlet.name, Hamlet.position)
        .order_by(unknown_last, Hamlet.position, Hamlet.id)
    )
    return _nonzero((row.name or _("Không rõ thôn, xóm"), _counts(row)) for row in rows)


def _by_channel(period: Period, hamlet_id: int | None) -> list[Breakdown]:
    rows = {
        row.channel: _counts(row)
        for row in db.session.execute(
            db.select(Feedback.channel, *_count_columns(period))
            .where(*_relevant(period, hamlet_id)).group_by(Feedback.channel)
        )
    }
    return [Breakdown(channel.label, rows[channel]) for channel in FeedbackChannel
            if channel in rows and rows[channel].any()]


def _resolved_items(period: Period, hamlet_id: int | None) -> list[ResolvedItem]:
    query = (
        db.select(Feedback)
        .options(joinedload(Feedback.category), joinedload(Feedback.hamlet))
        .where(Feedback.status == FeedbackStatus.RESOLVED,
               Feedback.resolved_at >= period.start, Feedback.resolved_at < period.as_of)
        .order_by(Feedback.resolved_at, Feedback.id)
    )
    if hamlet_id is not None:
        query = query.where(Feedback.hamlet_id == hamlet_id)
    items = []
    for item in db.session.execute(query).scalars():
        received_on, resolved_on = to_local(item.created_at).date(), to_local(item.resolved_at).date()
        items.append(ResolvedItem(
            number=item.id, received_on=received_on, resolved_on=resolved_on, due_on=item.due_on,
            days=(resolved_on - received_on).days, category=item.category.name,
            hamlet=item.hamlet.name if item.hamlet else "", channel=item.channel.label,
            title=item.title, answer=item.public_answer, merged_into=item.merged_into_id,
        ))
    return items


def monthly_report(month: date, *, hamlet: Hamlet | None = None, now: datetime | None = None) -> MonthlyReport:
    """Build the report of one month (optionally limited to one hamlet, for its officer)."""
    period = Period.of(month, now)
    hamlet_id = hamlet.id if hamlet else None
    return MonthlyReport(
        month=month,
        last_day=next_month(month) - timedelta(days=1),
        as_of=period.as_of,
        complete=period.complete,
        commune_name=commune().full_name,
        hamlet_name=hamlet.name if hamlet else None,
        totals=month_totals([month], hamlet_id, now)[0],
        by_category=_by_category(period, hamlet_id),
        by_hamlet=_by_hamlet(period, hamlet_id),
        by_channel=_by_channel(period, hamlet_id),
        resolved_items=_resolved_items(period, hamlet_id),
    )
