"""A submission (phiếu góp ý): one respondent's input to one consultation, from any channel."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from consult.i18n import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models.types import Short, UTCDateTime, str_enum
from consult.timeutil import utcnow


class Channel(StrEnum):
    """How a submission reached the commune."""

    WEB = "web"
    QR = "qr"
    PAPER = "paper"
    MEETING = "meeting"
    HOTLINE = "hotline"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(CHANNEL_LABELS[self])


CHANNEL_LABELS = {
    Channel.WEB: _l("Trực tuyến"),
    Channel.QR: _l("Quét mã QR"),
    Channel.PAPER: _l("Phiếu giấy"),
    Channel.MEETING: _l("Hội nghị, cuộc họp"),
    Channel.HOTLINE: _l("Đường dây nóng"),
    Channel.OTHER: _l("Khác"),
}


class RespondentGroup(StrEnum):
    """Who the respondent says they are; never party, religion or ethnicity."""

    RESIDENT = "resident"
    OFFICIAL = "official"
    MEMBER = "member"
    BUSINESS = "business"
    ELDERLY = "elderly"
    PRESTIGE = "prestige"
    STUDENT = "student"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(GROUP_LABELS[self])


GROUP_LABELS = {
    RespondentGroup.RESIDENT: _l("Nhân dân"),
    RespondentGroup.OFFICIAL: _l("Cán bộ, công chức"),
    RespondentGroup.MEMBER: _l("Đoàn viên, hội viên"),
    RespondentGroup.BUSINESS: _l("Doanh nghiệp, hộ kinh doanh"),
    RespondentGroup.ELDERLY: _l("Người cao tuổi"),
    RespondentGroup.PRESTIGE: _l("Người có uy tín"),
    RespondentGroup.STUDENT: _l("Học sinh, sinh viên"),
    RespondentGroup.OTHER: _l("Khác"),
}


class Validity(StrEnum):
    """Whether a whole submission counts; spam and duplicates are kept but never counted."""

    VALID = "valid"
    SPAM = "spam"
    DUPLICATE = "duplicate"

    @property
    def label(self) -> str:
        return str(VALIDITY_LABELS[self])


VALIDITY_LABELS = {
    Validity.VALID: _l("Hợp lệ"),
    Validity.SPAM: _l("Thư rác"),
    Validity.DUPLICATE: _l("Trùng lặp"),
}


class Submission(db.Model):
    """One respondent's comments and answers to one consultation, stored atomically."""

    __tablename__ = "submission"
    __table_args__ = (
        Index("ix_submission_consultation_created", "consultation_id", "created_at"),
        Index("ix_submission_consultation_validity_hamlet", "consultation_id", "validity", "hamlet_id"),
        Index("ix_submission_consultation_validity_channel", "consultation_id", "validity", "channel"),
        Index("ix_submission_entry_batch", "entry_batch"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    #: The resident's receipt: /r/<code>. Unguessable, unambiguous alphabet.
    receipt_code: Mapped[str] = mapped_column(String(16), unique=True)
    #: From the form; a resend of the same form stores nothing new.
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel), default=Channel.WEB)
    #: The poster it came through, for channel "qr".
    qr_point_id: Mapped[int | None] = mapped_column(ForeignKey("qr_point.id"), nullable=True, index=True)
    hamlet_id: Mapped[int | None] = mapped_column(ForeignKey("hamlet.id"), nullable=True)
    respondent_group: Mapped[RespondentGroup] = mapped_column(
        str_enum(RespondentGroup), default=RespondentGroup.RESIDENT
    )
    #: Optional name; shown publicly only when show_name is ticked.
    display_name: Mapped[str] = mapped_column(Short, default="")
    show_name: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Private contact "để nhận phản hồi"; never public, left out of exports by default.
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    #: The resident agreed to the consent line (for paper: the officer confirmed the box).
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Keyed hash of the device cookie, to flag repeats; the cookie itself is not stored.
    device_hash: Mapped[str] = mapped_column(String(64), default="", index=True)
    #: The officer who typed a paper or meeting form in, and the batch they typed it in.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    entry_batch: Mapped[str] = mapped_column(String(36), default="")
    validity: Mapped[Validity] = mapped_column(str_enum(Validity), default=Validity.VALID)
    validity_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When personal data was purged under the retention rule.
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    consultation = relationship("Consultation")
    hamlet = relationship("Hamlet")
    qr_point = relationship("QrPoint")
    entered_by = relationship("User")
    comments = relationship(
        "Comment", back_populates="submission", order_by="Comment.id", cascade="all, delete-orphan"
    )
    answers = relationship(
        "Answer", back_populates="submission", order_by="Answer.id", cascade="all, delete-orphan"
    )

    @property
    def counts(self) -> bool:
        return self.validity is Validity.VALID


class Answer(db.Model):
    """A submission's answer to a question: one row per chosen option, or one value."""

    __tablename__ = "answer"
    __table_args__ = (
        Index("ix_answer_question_option", "question_id", "option_id"),
        Index("ix_answer_question_value", "question_id", "value_int"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    #: The chosen option (single/multiple choice); None for "Khác" and other kinds.
    option_id: Mapped[int | None] = mapped_column(ForeignKey("question_option.id"), nullable=True)
    #: Rating 1–5, or yes/no as 1/0.
    value_int: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: Text answers, and the free text of "Khác: ____".
    value_text: Mapped[str] = mapped_column(Text, default="")

    submission = relationship("Submission", back_populates="answers")
    question = relationship("Question")
    option = relationship("QuestionOption")
