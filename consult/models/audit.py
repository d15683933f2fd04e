"""The audit log: an append-only record of every staff action."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models.types import Short, UTCDateTime
from consult.timeutil import utcnow


class AuditEntry(db.Model):
    """Who did what to which record, why, and when. Rows are only ever inserted."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: The staff account, or None for the system (CLI, scheduled work).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True, index=True)
    #: The actor's name at the time, kept even if the account is renamed.
    actor_label: Mapped[str] = mapped_column(Short, default="")
    #: Dotted verb, e.g. "comment.reject", "consultation.close_early", "user.disable".
    action: Mapped[str] = mapped_column(String(60), index=True)
    #: The record acted on, e.g. ("comment", 17).
    target_type: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[int | None] = mapped_column(nullable=True)
    #: The reason given by the actor, when the action asks for one.
    reason: Mapped[str] = mapped_column(Text, default="")
    #: Structured detail: before/after for edits and redactions, counts for bulk actions.
    details: Mapped[dict] = mapped_column(db.JSON, default=dict)

    actor = relationship("User", lazy="joined")
