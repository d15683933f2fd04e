"""Time: stored in UTC, shown in the commune's time zone (Vietnam, UTC+7, no daylight saving)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context


def utcnow() -> datetime:
    """The current moment as an aware UTC datetime."""
    return datetime.now(timezone.utc)


def local_zone() -> ZoneInfo:
    """The configured display time zone."""
    name = current_app.config["TIMEZONE"] if has_app_context() else "Asia/Ho_Chi_Minh"
    return ZoneInfo(name)


def to_local(moment: datetime) -> datetime:
    """An aware datetime in the display time zone."""
    return moment.astimezone(local_zone())


def local_today() -> date:
    """Today's date where the commune is."""
    return to_local(utcnow()).date()


def local_midnight(day: date) -> datetime:
    """The start of a local calendar day, as aware UTC."""
    return datetime.combine(day, time.min, tzinfo=local_zone()).astimezone(timezone.utc)


def days_left(until: datetime, now: datetime | None = None) -> int:
    """Whole local calendar days from today until the given moment's day (0 = today)."""
    now = now or utcnow()
    return (to_local(until).date() - to_local(now).date()).days


def add_working_days(start: date, days: int) -> date:
    """The date after N working days (Monday–Friday; public holidays are not known here)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current
