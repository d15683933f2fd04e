"""The monthly report of the suggestion box: numbers in SQL, the result a plain structure.

MonthlyReport is plain data (dataclasses of str, int, date): the staff page, the XLSX
download and a document builder (the People's Council report's DOCX builder) all read
the same object, and `tables()` gives them the same tables in the same order.

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

import re
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, or_
from sqlalchemy.orm import joinedload

from consult.extensions import db
from consult.models import Feedback, FeedbackCategory, FeedbackChannel, FeedbackStatus, Hamlet
from consult.settings import commune
from consult.timeutil import local_midnight, local_today, to_local, utcnow

CLOSED = (FeedbackStatus.RESOLVED, FeedbackStatus.REJECTED)
FIRST_YEAR = 2000

DEFINITIONS = (
    _l("Tiếp nhận: phản ánh, kiến nghị có ngày nhận trong tháng, qua mọi kênh (trực tuyến, hòm thư giấy, "
       "đường dây nóng, hội nghị, khác); phản ánh trùng nội dung đã gộp vẫn tính từng phản ánh."),
    _l("Đã giải quyết: được trả lời và kết thúc trong tháng, kể cả phản ánh nhận từ các tháng trước."),
    _l("Không xử lý: được kết thúc trong tháng với lý do không xử lý (đã báo cho người gửi)."),
    _l("Còn tồn: đã nhận nhưng chưa kết thúc vào cuối tháng (tháng đang diễn ra: đến thời điểm xem)."),
    _l("Quá hạn: trong số còn tồn, phản ánh đã qua hạn trả lời vào cuối tháng "
       "(hạn trả lời là ngày cuối tháng trở về trước)."),
    _l("Số ngày giải quyết: số ngày theo lịch từ ngày nhận đến ngày trả lời (0 là trả lời trong ngày), "
       "tính trên các phản ánh đã giải quyết trong tháng; đúng hạn là trả lời không muộn hơn hạn trả lời."),
)


class ReportInputError(ValueError):
    """A month that cannot be reported on; str() is the message for the reader."""


@dataclass(frozen=True)
class Counts:
    """The five numbers, for the whole box or one row of a breakdown."""

    received: int = 0
    resolved: int = 0
    rejected: int = 0
    open: int = 0
    overdue: int = 0

    def any(self) -> bool:
        return any((self.received, self.resolved, self.rejected, self.open, self.overdue))


@dataclass(frozen=True)
class Breakdown:
    """One row of a table by category, hamlet or channel."""

    label: str
    counts: Counts


@dataclass(frozen=True)
class ResolvedItem:
    """An item answered in the month, with its answer (no sender data: there is none here)."""

    number: int
    received_on: date
    resolved_on: date
    due_on: date
    days: int
    category: str
    hamlet: str
    channel: str
    title: str
    answer: str
    merged_into: int | None

    @property
    def on_time(self) -> bool:
        return self.resolved_on <= self.due_on


@dataclass(frozen=True)
class Column:
    """A column of a neutral table: its heading, the kind of its values, a width in characters."""

    heading: str
    kind: str = "text"  # text | int | date | decimal
    width: int = 14


@dataclass(frozen=True)
class ReportTable:
    """A titled table any builder (XLSX, DOCX) can lay out."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple]


@dataclass(frozen=True)
class MonthlyReport:
    """Everything the monthly report says, as plain data."""

    month: date                   # the first day of the month
    last_day: date
    as_of: datetime               # the cut-off: the month's end, or the moment it was computed
    complete: bool                # the month is over
    commune_name: str
    hamlet_name: str | None       # set when the report is limited to one hamlet
    totals: Counts
    by_category: list[Breakdown]
    by_hamlet: list[Breakdown]
    by_channel: list[Breakdown]
    resolved_items: list[ResolvedItem]
    definitions: tuple[str, ...] = field(default_factory=lambda: tuple(str(d) for d in DEFINITIONS))

    @property
    def average_days(self) -> float | None:
        days = [item.days for item in self.resolved_items]
        return round(statistics.fmean(days), 1) if days else None

    @property
    def median_days(self) -> float | None:
        days = [item.days for item in self.resolved_items]
        return float(statistics.median(days)) if days else None

    @property
    def on_time(self) -> int:
        return sum(1 for item in self.resolved_items if item.on_time)

    @property
    def title(self) -> str:
        return _("Báo cáo tiếp nhận, giải quyết phản ánh, kiến nghị tháng %(month)s/%(year)s",
                 month=f"{self.month.month:02d}", year=self.month.year)

    def figures(self) -> list[tuple[str, int | float | None]]:
        """The headline numbers, labelled, in reading order."""
        return [
            (_("Tiếp nhận trong tháng"), self.totals.received),
            (_("Đã giải quyết"), self.totals.resolved),
            (_("Không xử lý"), self.totals.rejected),
            (_("Còn tồn cuối kỳ"), self.totals.open),
            (_("Trong đó quá hạn"), self.totals.overdue),
            (_("Giải quyết đúng hạn"), self.on_time),
            (_("Số ngày giải quyết trung bình"), self.average_days),
            (_("Số ngày giải quyết (trung vị)"), self.median_days),
        ]

    def tables(self) -> list[ReportTable]:
        """The report's tables, in order, for any document builder."""
        count_columns = (
            Column(_("Tiếp nhận"), "int", 11), Column(_("Đã giải quyết"), "int", 13),
            Column(_("Không xử lý"), "int", 12), Column(_("Còn tồn"), "int", 10), Column(_("Quá hạn"), "int", 10),
        )

        def breakdown(key: str, title: str, heading: str, rows: list[Breakdown]) -> ReportTable:
            body = [(row.label, *_as_tuple(row.counts)) for row in rows]
            body.append((_("Tổng cộng"), *_as_tuple(self.totals)))
            return ReportTable(key, title, (Column(heading, "text", 28), *count_columns), body)

        return [
            ReportTable("summary", _("Tổng hợp"), (Column(_("Chỉ tiêu"), "text", 34), Column(_("Số liệu"), "decimal", 12)),
                        self.figures()),
            breakdown("category", _("Theo lĩnh vực"), _("Lĩnh vực"), self.by_category),
            breakdown("hamlet", _("Theo thôn, xóm"), _("Thôn, xóm"), self.by_hamlet),
            breakdown("channel", _("Theo kênh tiếp nhận"), _("Kênh"), self.by_channel),
            ReportTable("resolved", _("Phản ánh đã giải quyết"), (
                Column(_("Số"), "int", 7), Column(_("Ngày nhận"), "date", 12), Column(_("Ngày trả lời"), "date", 12),
                Column(_("Hạn trả lời"), "date", 12), Column(_("Số ngày"), "int", 9), Column(_("Lĩnh vực"), "text", 20),
                Column(_("Thôn, xóm"), "text", 16), Column(_("Kênh"), "text", 16), Column(_("Tiêu đề"), "text", 40),
                Column(_("Trả lời của xã"), "text", 70),
            ), [
                (item.number, item.received_on, item.resolved_on, item.due_on, item.days, item.category,
                 item.hamlet, item.channel, item.title, item.answer)
                for item in self.resolved_items
            ]),
        ]


def _as_tuple(counts: Counts) -> tuple[int, int, int, int, int]:
    return counts.received, counts.resolved, counts.rejected, counts.open, counts.overdue


# --- months ---------------------------------------------------------------------

_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_VN_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{4})$")


def parse_month(value: str | None, today: date | None = None) -> date:
    """"2026-04" (or "04/2026") → 2026-04-01; empty → this month; nonsense or the future → ReportInputError."""
    today = today or local_today()
    text = (value or "").strip()
    if not text:
        return today.replace(day=1)
    if match := _ISO_MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
    elif match := _VN_MONTH.match(text):
        month, year = int(match.group(1)), int(match.group(2))
    else:
        raise ReportInputError(_("Tháng “%(value)s” không đúng dạng. Hãy chọn tháng, ví dụ 2026-04 (năm-tháng).",
                                 value=text[:20]))
    if not 1 <= month <= 12 or year < FIRST_YEAR:
        raise ReportInputError(_("Tháng “%(value)s” không có thật. Hãy chọn tháng, ví dụ 2026-04.", value=text[:20]))
    first = date(year, month, 1)
    if first > today:
        raise ReportInputError(_("Tháng %(month)s/%(year)s chưa đến nên chưa có số liệu.",
                                 month=f"{month:02d}", year=year))
    return first


def next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def previous_month(first: date) -> date:
    return date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """A month as UTC bounds, and its cut-off (the month's end, or now if the month is running)."""

    first: date
    start: datetime
    end: datetime
    as_of: datetime

    @classmethod
    def of(cls, first: date, now: datetime | None = None) -> Period:
        now = now or utcnow()
        start, end = local_midnight(first), local_midnight(next_month(first))
        return cls(first, start, end, min(end, now))

    @property
    def complete(self) -> bool:
        return self.as_of == self.end

    @property
    def as_of_day(self) -> date:
        """Items due before this day are overdue at the cut-off."""
        return to_local(self.as_of).date()


# --- SQL ------------------------------------------------------------------------

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


def recent_months(count: int, today: date | None = None) -> list[date]:
    """The first days of the last `count` months, the current one first."""
    month = (today or local_today()).replace(day=1)
    months = []
    for _index in range(count):
        months.append(month)
        month = previous_month(month)
    return months
