"""Shared counters for rate limits and login throttling (see consult/ratelimit.py)."""
from __future__ import annotations

from sqlalchemy import Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db


class RateCounter(db.Model):
    """A fixed-window counter: rate limits and failed-login tallies."""

    __tablename__ = "rate_counter"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    #: Unix time when the window ends and the count starts again from zero.
    expires_at: Mapped[float] = mapped_column(Float)
    #: Unix time of the last increment (the login delay counts from it).
    touched_at: Mapped[float] = mapped_column(Float, default=0.0)
