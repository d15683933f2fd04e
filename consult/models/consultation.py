"""A consultation (đợt lấy ý kiến): a draft with its articles, a survey, or both."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from consult.i18n import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models.types import Short, UTCDateTime, str_enum
from consult.text import slugify
from consult.timeutil import utcnow

#: The Law on Grassroots Democracy asks for at least this many days of consultation.
MIN_CONSULTATION_DAYS = 20


class Organiser(StrEnum):
    """The body that runs the consultation."""

    UBND = "ubnd"
    MTTQ = "mttq"
    HDND = "hdnd"

    @property
    def label(self) -> str:
        return str(ORGANISER_LABELS[self])


ORGANISER_LABELS = {
    Organiser.UBND: _l("UBND xã"),
    Organiser.MTTQ: _l("Ủy ban MTTQ xã"),
    Organiser.HDND: _l("HĐND xã"),
}


class ConsultationKind(StrEnum):
    """What residents are asked for."""

    DRAFT = "draft"
    SURVEY = "survey"
    BOTH = "both"

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])


KIND_LABELS = {
    ConsultationKind.DRAFT: _l("Dự thảo văn bản"),
    ConsultationKind.SURVEY: _l("Phiếu khảo sát"),
    ConsultationKind.BOTH: _l("Dự thảo kèm khảo sát"),
}


class ConsultationState(StrEnum):
    """The lifecycle, computed from dates and actions (never stored)."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"
    RESULTS_PUBLISHED = "results_published"

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self])


STATE_LABELS = {
    ConsultationState.DRAFT: _l("Bản nháp"),
    ConsultationState.SCHEDULED: _l("Sắp mở"),
    ConsultationState.OPEN: _l("Đang lấy ý kiến"),
    ConsultationState.CLOSED: _l("Đã kết thúc"),
    ConsultationState.RESULTS_PUBLISHED: _l("Đã công bố kết quả"),
}


class Consultation(db.Model):
    """One consultation of residents, open for a set period."""

    __tablename__ = "consultation"
    __table_args__ = (Index("ix_consultation_period", "opens_at", "closes_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ASCII slug used in /c/<slug>; printed on posters, so it never changes once published.
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    #: One or two plain sentences for lists, posters and link previews.
    summary: Mapped[str] = mapped_column(Text, default="")
    #: Staff-written Markdown; rendered and sanitised for display.
    body_md: Mapped[str] = mapped_column(Text, default="")
    organiser: Mapped[Organiser] = mapped_column(str_enum(Organiser), default=Organiser.UBND)
    kind: Mapped[ConsultationKind] = mapped_column(str_enum(ConsultationKind), default=ConsultationKind.DRAFT)
    #: Whether residents may comment on the draft as a whole, not only on an article.
    allow_general_comments: Mapped[bool] = mapped_column(Boolean, default=True)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Set when staff publish (now or scheduled); None while it is a draft.
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: Set when staff close before closes_at; the reason is in the audit log too.
    closed_early_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    close_reason: Mapped[str] = mapped_column(Text, default="")
    #: The date the competent body decided on the draft, from which results are due.
    decided_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    #: Set when staff publish the results; from then results and responses are public.
    results_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: Why results were published with comments still unanswered (empty when all were answered).
    results_publish_note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    articles = relationship(
        "Article", back_populates="consultation", order_by="Article.position",
        cascade="all, delete-orphan",
    )
    questions = relationship(
        "Question", back_populates="consultation", order_by="Question.position",
        cascade="all, delete-orphan",
    )
    attachments = relationship(
        "Attachment", back_populates="consultation", order_by="Attachment.position",
        cascade="all, delete-orphan",
    )

    def state(self, now: datetime | None = None) -> ConsultationState:
        """Where the consultation is in its lifecycle at a moment (default: now)."""
        now = now or utcnow()
        if self.results_published_at is not None:
            return ConsultationState.RESULTS_PUBLISHED
        if self.published_at is None:
            return ConsultationState.DRAFT
        if now < self.opens_at:
            return ConsultationState.SCHEDULED
        if now >= self.effective_closes_at:
            return ConsultationState.CLOSED
        return ConsultationState.OPEN

    @property
    def effective_closes_at(self) -> datetime:
        """When commenting ends: the planned close, or the early close if staff closed it."""
        if self.closed_early_at is not None and self.closed_early_at < self.closes_at:
            return self.closed_early_at
        return self.closes_at

    def is_open(self, now: datetime | None = None) -> bool:
        return self.state(now) is ConsultationState.OPEN

    @property
    def period_days(self) -> int:
        """Length of the planned period in days."""
        return (self.closes_at - self.opens_at).days

    @property
    def has_articles(self) -> bool:
        return self.kind in (ConsultationKind.DRAFT, ConsultationKind.BOTH)

    @property
    def has_questions(self) -> bool:
        return self.kind in (ConsultationKind.SURVEY, ConsultationKind.BOTH)

    def __repr__(self) -> str:
        return f"<Consultation {self.slug}>"


class Article(db.Model):
    """A numbered section of a draft (Điều, or Mục / numbered item as fallback)."""

    __tablename__ = "article"
    __table_args__ = (Index("ix_article_consultation_position", "consultation_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    #: Order within the draft, from 1.
    position: Mapped[int] = mapped_column(Integer)
    #: The article's number as written ("3", "3a"); anchors use it: #dieu-3.
    number: Mapped[str] = mapped_column(String(20))
    #: The kind of heading: "Điều", "Mục" or "" for a numbered item.
    label: Mapped[str] = mapped_column(String(20), default="Điều")
    heading: Mapped[str] = mapped_column(String(500), default="")
    #: The article's text (staff Markdown, sanitised when shown).
    body: Mapped[str] = mapped_column(Text, default="")
    #: The chapter it sits in ("Chương II. …"), repeated on each article for simple display.
    chapter: Mapped[str] = mapped_column(String(300), default="")

    consultation = relationship("Consultation", back_populates="articles")

    @property
    def anchor(self) -> str:
        """Fragment id for deep links, e.g. "dieu-3"."""
        return slugify(f"{self.label or 'muc'} {self.number}") or f"muc-{self.position}"

    @property
    def title(self) -> str:
        """E.g. "Điều 3. Đối tượng áp dụng"."""
        head = f"{self.label} {self.number}".strip()
        return f"{head}. {self.heading}" if self.heading else head


class Attachment(db.Model):
    """An official PDF attached to a consultation (the draft, its tờ trình)."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    #: What residents see on the link, e.g. "Dự thảo Nghị quyết (PDF)".
    title: Mapped[str] = mapped_column(Short)
    #: The uploaded file's name, cleaned, used for Content-Disposition.
    filename: Mapped[str] = mapped_column(Short)
    #: Random name under instance/uploads/; never derived from the upload's name.
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    consultation = relationship("Consultation", back_populates="attachments")
