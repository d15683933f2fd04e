"""Consultation queries for the resident's page (no request, no commit)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from consult import codes
from consult.extensions import db
from consult.models import (
    Comment, CommentStatus, Consultation, Hamlet, QrPoint, Stance, Submission, Validity,
)
from consult.submissions import load_form_parts

#: Approved comments shown under each article; the rest are counted, to keep the page light.
LATEST_PER_ARTICLE = 3


def published_by_slug(slug: str) -> Consultation | None:
    """A consultation residents may see: published (scheduled, open, closed or with results)."""
    return db.session.execute(
        db.select(Consultation).where(Consultation.slug == slug, Consultation.published_at.is_not(None))
    ).scalar_one_or_none()


def page_by_slug(slug: str) -> Consultation | None:
    """A published consultation with its articles, questions, options and attachments loaded."""
    return db.session.execute(
        db.select(Consultation)
        .where(Consultation.slug == slug, Consultation.published_at.is_not(None))
        .options(*load_form_parts(), selectinload(Consultation.attachments))
    ).scalar_one_or_none()


def _public(statement, consultation: Consultation):
    """Only approved comments of submissions that count."""
    return statement.select_from(Comment).join(Submission, Comment.submission_id == Submission.id).where(
        Comment.consultation_id == consultation.id,
        Comment.status == CommentStatus.APPROVED,
        Submission.validity == Validity.VALID,
    )


def approved_counts(consultation: Consultation) -> dict[int | None, int]:
    """Approved comments per article (None = the draft as a whole), in one GROUP BY."""
    rows = db.session.execute(
        _public(db.select(Comment.article_id, func.count(Comment.id)), consultation).group_by(Comment.article_id)
    )
    return {article_id: count for article_id, count in rows}


@dataclass(frozen=True)
class PublicComment:
    """An approved comment as anyone may see it: no contact details, a name only if chosen."""

    id: int
    article_id: int | None
    author: str
    stance: Stance
    body: str
    created_at: datetime


def latest_approved(consultation: Consultation, per_article: int = LATEST_PER_ARTICLE) -> dict[int | None, list[PublicComment]]:
    """The newest approved comments of every article, a few each, in one windowed query."""
    rank = func.row_number().over(partition_by=Comment.article_id, order_by=(Comment.created_at.desc(), Comment.id.desc()))
    ranked = _public(
        db.select(
            Comment.id, Comment.article_id, Comment.stance, Comment.body, Comment.created_at,
            Submission.display_name, Submission.show_name, Hamlet.name.label("hamlet_name"), rank.label("rank"),
        ),
        consultation,
    ).outerjoin(Hamlet, Submission.hamlet_id == Hamlet.id).subquery()
    rows = db.session.execute(
        db.select(ranked).where(ranked.c.rank <= per_article).order_by(ranked.c.article_id, ranked.c.rank)
    )
    latest: dict[int | None, list[PublicComment]] = {}
    for row in rows:
        latest.setdefault(row.article_id, []).append(PublicComment(
            id=row.id, article_id=row.article_id, author=_author(row.display_name, row.show_name, row.hamlet_name),
            stance=Stance(row.stance), body=row.body, created_at=row.created_at,
        ))
    return latest


def _author(display_name: str, show_name: bool, hamlet_name: str | None) -> str:
    """The resident's chosen name, else "Người dân <hamlet>"."""
    if show_name and display_name:
        return display_name
    return _("Người dân %(hamlet)s", hamlet=hamlet_name) if hamlet_name else _("Người dân")


def active_qr_point(consultation: Consultation, raw_code: str | None) -> QrPoint | None:
    """The active QR point of this consultation a typed or scanned code names, if any."""
    code = codes.parse_qr_code(raw_code or "")
    if code is None:
        return None
    return db.session.execute(
        db.select(QrPoint).where(
            QrPoint.code == code, QrPoint.consultation_id == consultation.id, QrPoint.active.is_(True)
        )
    ).scalar_one_or_none()
