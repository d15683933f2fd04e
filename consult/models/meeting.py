"""Meeting tallies: the show of hands at a hamlet meeting, entered as counts."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models.types import Short, UTCDateTime
from consult.timeutil import utcnow


class MeetingTally(db.Model):
    """A meeting's result ("Xóm 3, 12/04/2026, 64 attended"), not 64 fake submissions."""

    __tablename__ = "meeting_tally"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    hamlet_id: Mapped[int | None] = mapped_column(ForeignKey("hamlet.id"), nullable=True)
    held_on: Mapped[date] = mapped_column(Date)
    #: Where and what, e.g. "Hội nghị cử tri tại Nhà văn hóa Xóm 3".
    title: Mapped[str] = mapped_column(Short, default="")
    attendees: Mapped[int] = mapped_column(Integer, default=0)
    #: General remarks recorded in the minutes.
    remarks: Mapped[str] = mapped_column(Text, default="")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    hamlet = relationship("Hamlet")
    entered_by = relationship("User")
    lines = relationship(
        "MeetingTallyLine", back_populates="tally", order_by="MeetingTallyLine.id",
        cascade="all, delete-orphan",
    )


class MeetingTallyLine(db.Model):
    """Hands raised on one article (or the draft as a whole) at one meeting."""

    __tablename__ = "meeting_tally_line"
    __table_args__ = (UniqueConstraint("tally_id", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tally_id: Mapped[int] = mapped_column(ForeignKey("meeting_tally.id", ondelete="CASCADE"), index=True)
    #: None = the draft as a whole.
    article_id: Mapped[int | None] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), nullable=True)
    agree: Mapped[int] = mapped_column(Integer, default=0)
    disagree: Mapped[int] = mapped_column(Integer, default=0)
    other: Mapped[int] = mapped_column(Integer, default=0)

    tally = relationship("MeetingTally", back_populates="lines")
    article = relationship("Article")
