"""The suggestion box (hòm thư góp ý, phản ánh – kiến nghị)."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from consult.i18n import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models.types import Short, UTCDateTime, str_enum
from consult.timeutil import utcnow


class FeedbackStatus(StrEnum):
    """received → assigned → in progress → resolved | rejected."""

    RECEIVED = "received"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return str(FEEDBACK_STATUS_LABELS[self])

    @property
    def is_final(self) -> bool:
        return self in (FeedbackStatus.RESOLVED, FeedbackStatus.REJECTED)


FEEDBACK_STATUS_LABELS = {
    FeedbackStatus.RECEIVED: _l("Đã tiếp nhận"),
    FeedbackStatus.ASSIGNED: _l("Đã giao xử lý"),
    FeedbackStatus.IN_PROGRESS: _l("Đang xử lý"),
    FeedbackStatus.RESOLVED: _l("Đã giải quyết"),
    FeedbackStatus.REJECTED: _l("Không xử lý"),
}


class FeedbackChannel(StrEnum):
    """How an item reached the box."""

    WEB = "web"
    PAPER = "paper"
    HOTLINE = "hotline"
    MEETING = "meeting"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(FEEDBACK_CHANNEL_LABELS[self])


FEEDBACK_CHANNEL_LABELS = {
    FeedbackChannel.WEB: _l("Trực tuyến"),
    FeedbackChannel.PAPER: _l("Hòm thư giấy"),
    FeedbackChannel.HOTLINE: _l("Đường dây nóng"),
    FeedbackChannel.MEETING: _l("Hội nghị, tiếp dân"),
    FeedbackChannel.OTHER: _l("Khác"),
}


class FeedbackCategory(db.Model):
    """A subject of the box (đời sống dân sinh, an ninh trật tự, …); admins edit the list."""

    __tablename__ = "feedback_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(Short)
    #: Days to answer for this category; None = the commune default.
    due_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Feedback(db.Model):
    """One item in the suggestion box, followed by its tracking code."""

    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_status_created", "status", "created_at"),
        Index("ix_feedback_public", "allow_public", "status", "resolved_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: E.g. "PA-7K3M-Q2XP" stored without dashes, upper case; ≥ 40 random bits.
    tracking_code: Mapped[str] = mapped_column(String(16), unique=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    channel: Mapped[FeedbackChannel] = mapped_column(str_enum(FeedbackChannel), default=FeedbackChannel.WEB)
    category_id: Mapped[int] = mapped_column(ForeignKey("feedback_category.id"), index=True)
    hamlet_id: Mapped[int | None] = mapped_column(ForeignKey("hamlet.id"), nullable=True, index=True)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    #: Re-encoded photo under instance/uploads/feedback/, metadata stripped.
    photo_name: Mapped[str] = mapped_column(String(80), default="")
    #: Optional sender name and phone "để nhận phản hồi"; never public.
    sender_name: Mapped[str] = mapped_column(Short, default="")
    sender_phone: Mapped[str] = mapped_column(String(20), default="")
    #: The sender allows the content (never their details) to be shown publicly.
    allow_public: Mapped[bool] = mapped_column(Boolean, default=False)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[FeedbackStatus] = mapped_column(str_enum(FeedbackStatus), default=FeedbackStatus.RECEIVED)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True, index=True)
    due_on: Mapped[date] = mapped_column(Date)
    #: The commune's answer, public once resolved (required to resolve).
    public_answer: Mapped[str] = mapped_column(Text, default="")
    #: Why it was not handled, shown to the sender (required to reject).
    reject_reason: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: A duplicate points at the item whose answer covers it.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("feedback.id"), nullable=True, index=True)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    category = relationship("FeedbackCategory")
    hamlet = relationship("Hamlet")
    assignee = relationship("User", foreign_keys=[assignee_id])
    entered_by = relationship("User", foreign_keys=[entered_by_id])
    merged_into = relationship("Feedback", remote_side=[id])
    events = relationship(
        "FeedbackEvent", back_populates="feedback", order_by="FeedbackEvent.id",
        cascade="all, delete-orphan",
    )


class FeedbackEvent(db.Model):
    """One step on an item's timeline; internal notes are never shown publicly."""

    __tablename__ = "feedback_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(ForeignKey("feedback.id", ondelete="CASCADE"), index=True)
    #: received, assigned, in_progress, resolved, rejected, note, merged, reopened, edited.
    kind: Mapped[str] = mapped_column(String(20))
    #: The status after this step (None for notes).
    status: Mapped[FeedbackStatus | None] = mapped_column(str_enum(FeedbackStatus), nullable=True)
    #: Shown on the public status page (status changes yes, internal notes no).
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    body: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    feedback = relationship("Feedback", back_populates="events")
    actor = relationship("User")
