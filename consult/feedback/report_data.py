"""The monthly report as plain data: what the staff page, the XLSX and a document builder read.

MonthlyReport holds only str, int, float, date and lists of small dataclasses; `figures()`
and `tables()` give every builder (XLSX now, the People's Council report's DOCX builder
later) the same headline numbers and the same tables in the same order.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime

from consult.i18n import gettext as _
from consult.i18n import lazy_gettext as _l

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
