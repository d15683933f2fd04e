"""Survey questions and their options."""
from __future__ import annotations

from enum import StrEnum

from consult.i18n import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models.types import str_enum


class QuestionKind(StrEnum):
    """How a question is answered."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    RATING = "rating"
    YESNO = "yesno"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"

    @property
    def label(self) -> str:
        return str(QUESTION_KIND_LABELS[self])

    @property
    def has_options(self) -> bool:
        return self in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


QUESTION_KIND_LABELS = {
    QuestionKind.SINGLE: _l("Chọn một"),
    QuestionKind.MULTIPLE: _l("Chọn nhiều"),
    QuestionKind.RATING: _l("Chấm điểm 1–5"),
    QuestionKind.YESNO: _l("Có / Không"),
    QuestionKind.SHORT_TEXT: _l("Trả lời ngắn"),
    QuestionKind.LONG_TEXT: _l("Trả lời dài"),
}


class Question(db.Model):
    """A structured question of a consultation's survey."""

    __tablename__ = "question"
    __table_args__ = (Index("ix_question_consultation_position", "consultation_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[QuestionKind] = mapped_column(str_enum(QuestionKind))
    prompt: Mapped[str] = mapped_column(Text)
    help_text: Mapped[str] = mapped_column(Text, default="")
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Multiple choice: fewest and most picks (None = no bound).
    min_choices: Mapped[int | None] = mapped_column(Integer, nullable=True)
    max_choices: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: Choice questions: offer "Khác: ____" with a free answer.
    allow_other: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Rating: labels of the two ends, e.g. "Rất không hài lòng" / "Rất hài lòng".
    rating_low_label: Mapped[str] = mapped_column(String(100), default="")
    rating_high_label: Mapped[str] = mapped_column(String(100), default="")

    consultation = relationship("Consultation", back_populates="questions")
    options = relationship(
        "QuestionOption", back_populates="question", order_by="QuestionOption.position",
        cascade="all, delete-orphan",
    )


class QuestionOption(db.Model):
    """One choice of a single- or multiple-choice question."""

    __tablename__ = "question_option"
    __table_args__ = (Index("ix_question_option_question_position", "question_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(300))

    question = relationship("Question", back_populates="options")
