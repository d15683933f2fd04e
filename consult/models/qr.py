"""QR points: a short code tying a consultation to a place, with scans counted per day."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from consult.i18n import lazy_gettext as _l
from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.extensions import db
from consult.models.types import Short, UTCDateTime, str_enum
from consult.timeutil import utcnow


class QrPlace(StrEnum):
    """What kind of place a poster hangs in."""

    HAMLET = "hamlet"
    OFFICE = "office"
    MEETING = "meeting"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(QR_PLACE_LABELS[self])


QR_PLACE_LABELS = {
    QrPlace.HAMLET: _l("Nhà văn hóa thôn/xóm"),
    QrPlace.OFFICE: _l("Trụ sở xã"),
    QrPlace.MEETING: _l("Hội nghị, cuộc họp"),
    QrPlace.OTHER: _l("Nơi khác"),
}


class QrPoint(db.Model):
    """A printed QR code at one place for one consultation: /q/<code>."""

    __tablename__ = "qr_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"), index=True)
    #: 6 characters of an unambiguous alphabet; printed under the QR for typing.
    code: Mapped[str] = mapped_column(String(8), unique=True)
    place: Mapped[QrPlace] = mapped_column(str_enum(QrPlace), default=QrPlace.HAMLET)
    #: Where it hangs, e.g. "Nhà văn hóa Xóm 3".
    label: Mapped[str] = mapped_column(Short)
    #: The hamlet preselected on the form (None for the commune office).
    hamlet_id: Mapped[int | None] = mapped_column(ForeignKey("hamlet.id"), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    consultation = relationship("Consultation")
    hamlet = relationship("Hamlet")


class QrScanDay(db.Model):
    """Scans of one point on one local day; no cookie, no personal data."""

    __tablename__ = "qr_scan_day"
    __table_args__ = (UniqueConstraint("point_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("qr_point.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    scans: Mapped[int] = mapped_column(Integer, default=0)
