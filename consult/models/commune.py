"""The commune (one per deployment) and its hamlets."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from consult.extensions import db
from consult.models.types import Short, UTCDateTime
from consult.timeutil import utcnow


class CommuneSettings(db.Model):
    """Commune-wide settings: names of the organising bodies, signers, contact line."""

    __tablename__ = "commune_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The commune's name without its kind, e.g. "Diễn Châu".
    name: Mapped[str] = mapped_column(Short)
    #: "xã", "phường" or "đặc khu".
    unit_kind: Mapped[str] = mapped_column(String(20), default="xã")
    #: Province, e.g. "Nghệ An".
    province: Mapped[str] = mapped_column(Short, default="")
    #: Place name used on the date line of official documents ("Diễn Châu, ngày …").
    place_name: Mapped[str] = mapped_column(Short, default="")
    #: Full names of the three organising bodies, as printed on documents.
    ubnd_name: Mapped[str] = mapped_column(Short, default="")
    mttq_name: Mapped[str] = mapped_column(Short, default="")
    hdnd_name: Mapped[str] = mapped_column(Short, default="")
    #: Default signers for reports (name of the chair and of a vice chair of each body).
    ubnd_chair: Mapped[str] = mapped_column(Short, default="")
    ubnd_vice_chair: Mapped[str] = mapped_column(Short, default="")
    mttq_chair: Mapped[str] = mapped_column(Short, default="")
    mttq_vice_chair: Mapped[str] = mapped_column(Short, default="")
    #: Default "Nơi nhận" lines for reports, one per line.
    report_recipients: Mapped[str] = mapped_column(Text, default="")
    #: Address, hotline and e-mail shown in the footer and on posters.
    address: Mapped[str] = mapped_column(Short, default="")
    hotline: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    #: The public address of the site as printed on posters (e.g. "gopy.dienchau.gov.vn").
    public_host: Mapped[str] = mapped_column(String(120), default="")
    #: Days a suggestion-box item may stay open before it is overdue.
    feedback_due_days: Mapped[int] = mapped_column(Integer, default=15)
    #: Days personal contact data is kept before the purge command removes it.
    retention_days: Mapped[int] = mapped_column(Integer, default=365)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def full_name(self) -> str:
        """E.g. "xã Diễn Châu"."""
        return f"{self.unit_kind} {self.name}".strip()

    def body_name(self, organiser: str) -> str:
        """The printed name of an organising body by its code (ubnd, mttq, hdnd)."""
        return {"ubnd": self.ubnd_name, "mttq": self.mttq_name, "hdnd": self.hdnd_name}.get(organiser, "")


class Hamlet(db.Model):
    """A hamlet of the commune (thôn, xóm, khối, tổ dân phố, bản)."""

    __tablename__ = "hamlet"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Short code printed on forms and used in URLs, e.g. "X03".
    code: Mapped[str] = mapped_column(String(12), unique=True)
    #: Display name, e.g. "Xóm 3" or "Khối Trung Hòa".
    name: Mapped[str] = mapped_column(Short)
    #: thôn / xóm / khối / tổ dân phố / bản.
    kind: Mapped[str] = mapped_column(String(20), default="xóm")
    #: Households, for coverage (submissions ÷ households).
    households: Mapped[int] = mapped_column(Integer, default=0)
    #: Where its cultural house is (nhà văn hóa), printed on posters.
    cultural_house: Mapped[str] = mapped_column(Short, default="")
    #: Order in lists (administrative order, not alphabetical).
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return f"<Hamlet {self.code} {self.name}>"


class AggregateCache(db.Model):
    """Computed aggregates shared by every worker; a row is deleted to invalidate it."""

    __tablename__ = "aggregate_cache"

    #: E.g. "results:42".
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    payload: Mapped[dict] = mapped_column(db.JSON)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

