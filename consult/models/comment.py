"""Residents' comments (ý kiến) and the commune's official responses (tiếp thu / giải trình)."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from consult.i18n import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models.types import UTCDateTime, str_enum
from consult.timeutil import utcnow


class Stance(StrEnum):
    """The resident's position on the article or draft."""

    AGREE = "agree"
    DISAGREE = "disagree"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(STANCE_LABELS[self])


STANCE_LABELS = {
    Stance.AGREE: _l("Tán thành"),
    Stance.DISAGREE: _l("Không tán thành"),
    Stance.OTHER: _l("Ý kiến khác"),
}


class CommentStatus(StrEnum):
    """Moderation state: a comment is never deleted, only approved or rejected."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return str(COMMENT_STATUS_LABELS[self])


COMMENT_STATUS_LABELS = {
    CommentStatus.PENDING: _l("Đang chờ duyệt"),
    CommentStatus.APPROVED: _l("Đã đăng"),
    CommentStatus.REJECTED: _l("Không đăng"),
}


class RejectReason(StrEnum):
    """Why a comment is not published; shown to the resident on their receipt."""

    SPAM = "spam"
    ABUSIVE = "abusive"
    OFF_TOPIC = "off_topic"
    PERSONAL_DATA = "personal_data"
    DUPLICATE = "duplicate"

    @property
    def label(self) -> str:
        return str(REJECT_REASON_LABELS[self])


REJECT_REASON_LABELS = {
    RejectReason.SPAM: _l("Quảng cáo, thư rác"),
    RejectReason.ABUSIVE: _l("Ngôn từ xúc phạm"),
    RejectReason.OFF_TOPIC: _l("Không liên quan đến nội dung lấy ý kiến"),
    RejectReason.PERSONAL_DATA: _l("Chứa thông tin cá nhân"),
    RejectReason.DUPLICATE: _l("Trùng lặp ý kiến đã gửi"),
}


class Disposition(StrEnum):
    """How the commune handled a comment."""

    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    NOT_ACCEPTED = "not_accepted"
    NOTED = "noted"

    @property
    def label(self) -> str:
        return str(DISPOSITION_LABELS[self])


DISPOSITION_LABELS = {
    Disposition.ACCEPTED: _l("Tiếp thu"),
    Disposition.PARTLY_ACCEPTED: _l("Tiếp thu một phần"),
    Disposition.NOT_ACCEPTED: _l("Không tiếp thu"),
    Disposition.NOTED: _l("Ghi nhận"),
}


class Comment(db.Model):
    """A comment with a stance, on one article or on the draft as a whole."""

    __tablename__ = "comment"
    __table_args__ = (
        Index("ix_comment_queue", "status", "created_at"),
        Index("ix_comment_consultation_status", "consultation_id", "status", "article_id"),
        Index("ix_comment_article_status", "article_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), index=True)
    #: Copied from the submission so queues and counts need no join.
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    #: The article commented on; None = the draft as a whole ("Ý kiến chung").
    article_id: Mapped[int | None] = mapped_column(ForeignKey("article.id", ondelete="SET NULL"), nullable=True)
    stance: Mapped[Stance] = mapped_column(str_enum(Stance))
    #: The text as published (after any redaction; the original is only in the audit log).
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[CommentStatus] = mapped_column(str_enum(CommentStatus), default=CommentStatus.PENDING)
    reject_reason: Mapped[RejectReason | None] = mapped_column(str_enum(RejectReason), nullable=True)
    #: Staff edited personal data out of the text before approving.
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Same text from the same device within minutes: stored, but marked for moderators.
    likely_duplicate: Mapped[bool] = mapped_column(Boolean, default=False)
    moderated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: The official response covering this comment (one response may cover several).
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("official_response.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission = relationship("Submission", back_populates="comments")
    consultation = relationship("Consultation")
    article = relationship("Article")
    response = relationship("OfficialResponse", back_populates="comments")
    moderated_by = relationship("User")


class OfficialResponse(db.Model):
    """The commune's answer to one comment or to several similar ones on the same article."""

    __tablename__ = "official_response"
    __table_args__ = (Index("ix_official_response_consultation_article", "consultation_id", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    #: None = the general section (comments on the draft as a whole).
    article_id: Mapped[int | None] = mapped_column(ForeignKey("article.id", ondelete="SET NULL"), nullable=True)
    disposition: Mapped[Disposition] = mapped_column(str_enum(Disposition))
    #: The explanation (giải trình); required when not accepted.
    body: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    comments = relationship("Comment", back_populates="response", order_by="Comment.id")
    article = relationship("Article")
    created_by = relationship("User")
