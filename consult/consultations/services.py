"""Consultation queries for the resident's page (no request, no commit)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from consult.i18n import gettext as _
from sqlalchemy import func, union_all
from sqlalchemy.orm import selectinload

from consult import cache, codes
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


def form_by_slug(slug: str) -> Consultation | None:
    """A published consultation with what its form needs (articles, questions, options), for a POST."""
    return db.session.execute(
        db.select(Consultation)
        .where(Consultation.slug == slug, Consultation.published_at.is_not(None))
        .options(*load_form_parts())
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


def public_comments(consultation: Consultation) -> tuple[dict[int | None, int], dict[int | None, list[PublicComment]]]:
    """Approved counts and the latest approved comments per article, from the shared cache.

    Only moderation changes what is public (new comments wait as pending), so the cache is
    dropped by moderation actions, not by every submission; counting tens of thousands of
    comments on each page view would otherwise dominate the page's cost.
    """
    payload = cache.cached(cache.comments_key(consultation.id), lambda: _comments_payload(consultation))
    counts = {_article_key(key): count for key, count in payload["counts"].items()}
    latest = {
        _article_key(key): [PublicComment(**dict(item, stance=Stance(item["stance"]),
                                                 created_at=datetime.fromisoformat(item["created_at"])))
                            for item in items]
        for key, items in payload["latest"].items()
    }
    return counts, latest


def _article_key(key: str) -> int | None:
    return None if key == "general" else int(key)


def _comments_payload(consultation: Consultation) -> dict:
    def key(article_id):
        return "general" if article_id is None else str(article_id)

    return {
        "counts": {key(article_id): count for article_id, count in approved_counts(consultation).items()},
        "latest": {
            key(article_id): [dict(vars(comment), stance=comment.stance.value, created_at=comment.created_at.isoformat())
                              for comment in comments]
            for article_id, comments in latest_approved(consultation).items()
        },
    }


def latest_approved(consultation: Consultation, per_article: int = LATEST_PER_ARTICLE) -> dict[int | None, list[PublicComment]]:
    """The newest approved comments of every article, a few each, in one statement.

    One small "newest first, LIMIT n" per article (and one for the draft as a whole), glued
    with UNION ALL: each walks the (article, status) index backwards and stops after n rows,
    where a window over every approved comment would sort tens of thousands of rows.
    """
    columns = (
        Comment.id, Comment.article_id, Comment.stance, Comment.body, Comment.created_at,
        Submission.display_name, Submission.show_name, Hamlet.name.label("hamlet_name"),
    )
    targets = [article.id for article in consultation.articles] + [None]
    parts = [
        _public(db.select(*columns), consultation)
        .outerjoin(Hamlet, Submission.hamlet_id == Hamlet.id)
        .where(Comment.article_id.is_(None) if target is None else Comment.article_id == target)
        .order_by(Comment.id.desc())
        .limit(per_article)
        .subquery()
        .select()
        for target in targets
    ]
    latest: dict[int | None, list[PublicComment]] = {}
    for row in db.session.execute(union_all(*parts)):
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
