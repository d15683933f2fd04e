"""QR point operations and queries (no request, no commit).

Scans are counted per point and per local day in one row that an atomic upsert
increments, so a hall of people scanning the same poster at once never loses a count,
and nothing about the person is stored.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from consult.codes import new_qr_code, parse_qr_code
from consult.database import upsert
from consult.extensions import db
from consult.models import Consultation, Hamlet, QrPlace, QrPoint, QrScanDay, Submission, Validity
from consult.settings import active_hamlets
from consult.timeutil import local_today, to_local

#: Tries before giving up on finding a free code (32⁶ ≈ 10⁹ codes: a second try is already rare).
CODE_ATTEMPTS = 8


class NoFreeCode(Exception):
    """No unused QR code was found in CODE_ATTEMPTS tries."""


@dataclass(frozen=True)
class PointStats:
    """A point with its scans and valid submissions."""

    point: QrPoint | None  # None for the totals row
    scans: int
    submissions: int

    @property
    def conversion(self) -> float | None:
        """Submissions per scan (None before the first scan)."""
        return self.submissions / self.scans if self.scans else None


def point_stats(consultation: Consultation) -> list[PointStats]:
    """Every point of a consultation with scans and valid submissions, in one statement.

    Hamlet points come first in the hamlets' administrative order, then the others by age.
    """
    scans = (
        select(QrScanDay.point_id, func.sum(QrScanDay.scans).label("scans"))
        .join(QrPoint, QrPoint.id == QrScanDay.point_id)
        .where(QrPoint.consultation_id == consultation.id)
        .group_by(QrScanDay.point_id)
        .subquery()
    )
    submissions = (
        select(Submission.qr_point_id, func.count(Submission.id).label("submissions"))
        .where(Submission.consultation_id == consultation.id, Submission.validity == Validity.VALID,
               Submission.qr_point_id.is_not(None))
        .group_by(Submission.qr_point_id)
        .subquery()
    )
    rows = db.session.execute(
        select(QrPoint, func.coalesce(scans.c.scans, 0), func.coalesce(submissions.c.submissions, 0))
        .outerjoin(Hamlet, Hamlet.id == QrPoint.hamlet_id)
        .outerjoin(scans, scans.c.point_id == QrPoint.id)
        .outerjoin(submissions, submissions.c.qr_point_id == QrPoint.id)
        .where(QrPoint.consultation_id == consultation.id)
        .options(contains_eager(QrPoint.hamlet))
        .order_by(case((QrPoint.place == QrPlace.HAMLET, 0), else_=1), Hamlet.position, QrPoint.id)
    )
    return [PointStats(point, int(scan_count), int(submission_count)) for point, scan_count, submission_count in rows]


def totals(stats: list[PointStats]) -> PointStats:
    """The sum over all points, as a pseudo-row."""
    return PointStats(point=None, scans=sum(s.scans for s in stats), submissions=sum(s.submissions for s in stats))


def staff_panel(consultation: Consultation) -> dict:
    """Context of the QR panel on the consultation's staff page."""
    stats = point_stats(consultation)
    return {"consultation": consultation, "qr_stats": stats, "qr_totals": totals(stats)}


def point_by_code(consultation: Consultation, code: str) -> QrPoint | None:
    """A point of this consultation by its code as typed in a URL (any case)."""
    canonical = parse_qr_code(code)
    if canonical is None:
        return None
    return db.session.execute(
        select(QrPoint).where(QrPoint.code == canonical, QrPoint.consultation_id == consultation.id)
    ).scalar_one_or_none()


def scannable_point(code: str) -> QrPoint | None:
    """The active point behind a scanned code, if its consultation is published."""
    canonical = parse_qr_code(code)
    if canonical is None:
        return None
    return db.session.execute(
        select(QrPoint).join(Consultation, Consultation.id == QrPoint.consultation_id)
        .where(QrPoint.code == canonical, QrPoint.active.is_(True), Consultation.published_at.is_not(None))
        .options(contains_eager(QrPoint.consultation))
    ).scalar_one_or_none()


def record_scan(point: QrPoint) -> None:
    """Count one scan for today in a single atomic INSERT … ON CONFLICT DO UPDATE."""
    table = QrScanDay.__table__
    statement = upsert(
        db.session.get_bind().dialect.name, table,
        values={"point_id": point.id, "day": local_today(), "scans": 1},
        key=["point_id", "day"],
        update={"scans": table.c.scans + 1},
    )
    db.session.execute(statement)


def deadline_day(consultation: Consultation) -> date:
    """The last local day residents can answer ("đến hết ngày …"): a period that ends at
    midnight ends with the day before."""
    closes = to_local(consultation.effective_closes_at)
    if closes.time() == time.min:
        return closes.date() - timedelta(days=1)
    return closes.date()


def hamlets_without_point(consultation: Consultation) -> list[Hamlet]:
    """Active hamlets that have no active hamlet point for this consultation yet."""
    covered = set(db.session.execute(
        select(QrPoint.hamlet_id).where(
            QrPoint.consultation_id == consultation.id, QrPoint.place == QrPlace.HAMLET,
            QrPoint.active.is_(True), QrPoint.hamlet_id.is_not(None),
        )
    ).scalars())
    return [hamlet for hamlet in active_hamlets() if hamlet.id not in covered]


def hamlet_point_label(hamlet: Hamlet) -> str:
    """Where a hamlet's poster hangs: its cultural house."""
    return hamlet.cultural_house or f"Nhà văn hóa {hamlet.name}"


def create_hamlet_points(consultation: Consultation) -> list[QrPoint]:
    """One point per active hamlet at its cultural house; hamlets that have one are skipped."""
    return [
        add_point(consultation, place=QrPlace.HAMLET, label=hamlet_point_label(hamlet), hamlet=hamlet)
        for hamlet in hamlets_without_point(consultation)
    ]


def add_point(consultation: Consultation, *, place: QrPlace, label: str, hamlet: Hamlet | None = None) -> QrPoint:
    """A new point with a fresh code; a code already taken is retried with another."""
    for _attempt in range(CODE_ATTEMPTS):
        point = QrPoint(consultation_id=consultation.id, code=new_qr_code(), place=place, label=label,
                        hamlet_id=hamlet.id if hamlet else None, active=True)
        try:
            with db.session.begin_nested():  # a collision rolls back only this insert
                db.session.add(point)
        except IntegrityError:
            continue
        return point
    raise NoFreeCode()


def set_active(point: QrPoint, active: bool) -> None:
    """Stop (or resume) a point: a stopped code answers "not found" and counts nothing."""
    point.active = active
    db.session.flush()


def poster_points(consultation: Consultation) -> list[QrPoint]:
    """The active hamlet points, in the hamlets' order, for "print all"."""
    return list(db.session.execute(
        select(QrPoint).join(Hamlet, Hamlet.id == QrPoint.hamlet_id)
        .where(QrPoint.consultation_id == consultation.id, QrPoint.place == QrPlace.HAMLET,
               QrPoint.active.is_(True))
        .options(contains_eager(QrPoint.hamlet))
        .order_by(Hamlet.position, Hamlet.id, QrPoint.id)
    ).scalars())
