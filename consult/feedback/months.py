"""Months of the report: reading what was typed, their bounds in UTC, their cut-off."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from consult.i18n import gettext as _

from consult.timeutil import local_midnight, local_today, to_local, utcnow

FIRST_YEAR = 2000


class ReportInputError(ValueError):
    """A month that cannot be reported on; str() is the message for the reader."""


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
    """The first day of the following month."""
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def previous_month(first: date) -> date:
    """The first day of the month before."""
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


def recent_months(count: int, today: date | None = None) -> list[date]:
    """The first days of the last `count` months, the current one first."""
    month = (today or local_today()).replace(day=1)
    months = []
    for _index in range(count):
        months.append(month)
        month = previous_month(month)
    return months
