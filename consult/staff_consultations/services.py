"""Consultation operations and queries for the staff pages (no request, no commit)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from consult.i18n import gettext as _
from sqlalchemy import func

from consult.audit import apply_changes
from consult.extensions import db
from consult.models import (
    Article, Comment, CommentStatus, Consultation, ConsultationKind, Hamlet, Organiser, Submission,
)
from consult.staff_consultations.forms import to_utc
from consult.staff_consultations.lifecycle import is_short
from consult.text import slugify

#: Fields staff edit on the consultation form, in audit order.
EDITABLE_FIELDS = (
    "title", "slug", "summary", "body_md", "organiser", "kind", "allow_general_comments", "opens_at", "closes_at",
)
#: How many pending comments the hub lists (the moderation queue has them all).
PENDING_SHOWN = 100


class ConsultationError(ValueError):
    """A change that cannot be made; `field` names the form field the message belongs to."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ConsultationRow:
    """A line of the staff list: the consultation and its counts."""

    consultation: Consultation
    submissions: int
    pending_comments: int


@dataclass(frozen=True)
class PendingComment:
    """A comment awaiting moderation, as the hub lists it (read-only)."""

    comment: Comment
    article_title: str
    hamlet_name: str
    channel: object


def by_slug(slug: str) -> Consultation | None:
    """Any consultation, draft or published, by its slug."""
    return db.session.execute(db.select(Consultation).where(Consultation.slug == slug)).scalar_one_or_none()


def list_with_counts() -> list[ConsultationRow]:
    """Every consultation, newest first, with submission and pending-comment counts (one query)."""
    submissions = (
        db.select(Submission.consultation_id, func.count().label("n"))
        .group_by(Submission.consultation_id).subquery()
    )
    pending = (
        db.select(Comment.consultation_id, func.count().label("n"))
        .where(Comment.status == CommentStatus.PENDING)
        .group_by(Comment.consultation_id).subquery()
    )
    rows = db.session.execute(
        db.select(Consultation, func.coalesce(submissions.c.n, 0), func.coalesce(pending.c.n, 0))
        .outerjoin(submissions, submissions.c.consultation_id == Consultation.id)
        .outerjoin(pending, pending.c.consultation_id == Consultation.id)
        .order_by(Consultation.created_at.desc(), Consultation.id.desc())
    ).all()
    return [ConsultationRow(c, int(n_sub), int(n_pending)) for c, n_sub, n_pending in rows]


def slug_taken(slug: str, *, excluding: int | None = None) -> bool:
    query = db.select(Consultation.id).where(Consultation.slug == slug)
    if excluding is not None:
        query = query.where(Consultation.id != excluding)
    return db.session.execute(query).first() is not None


def unique_slug(title: str, *, excluding: int | None = None) -> str:
    """A free slug from a title: "du-thao-quy-che", else "du-thao-quy-che-2", "-3"…"""
    base = slugify(title, max_length=90) or "dot-lay-y-kien"
    candidate, n = base, 1
    while slug_taken(candidate, excluding=excluding):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _resolve_slug(requested: str, title: str, consultation: Consultation | None) -> str:
    excluding = consultation.id if consultation else None
    if not requested:
        if consultation is not None:
            return consultation.slug
        return unique_slug(title)
    if consultation is not None and requested != consultation.slug and consultation.published_at is not None:
        raise ConsultationError("slug", _(
            "Không thể đổi địa chỉ sau khi đã công bố: địa chỉ /c/%(slug)s đã in trên áp phích, mã QR "
            "và đã được chia sẻ; đổi đi thì các đường dẫn đó sẽ hỏng.", slug=consultation.slug,
        ))
    if slug_taken(requested, excluding=excluding):
        raise ConsultationError("slug", _("Địa chỉ này đã dùng cho một đợt khác; hãy chọn địa chỉ khác."))
    return requested


def create_consultation(values: dict, created_by) -> Consultation:
    """A new draft consultation from the form's values."""
    values = dict(values)
    values["slug"] = _resolve_slug(values.get("slug") or "", values["title"], None)
    consultation = Consultation(
        created_by_id=getattr(created_by, "id", None),
        **{key: values[key] for key in EDITABLE_FIELDS},
    )
    db.session.add(consultation)
    db.session.flush()
    return consultation


def update_consultation(consultation: Consultation, values: dict) -> dict:
    """Apply the form's values; returns {field: [before, after]} of what changed."""
    values = dict(values)
    values["slug"] = _resolve_slug(values.get("slug") or "", values["title"], consultation)
    return apply_changes(consultation, values, EDITABLE_FIELDS)


def snapshot(consultation: Consultation) -> dict:
    """The editable fields as they are (for the audit log of a creation)."""
    return {key: getattr(consultation, key) for key in EDITABLE_FIELDS}


def form_values(form) -> dict:
    """The form's data as model values."""
    return {
        "title": form.title.data, "slug": form.slug.data or "", "summary": form.summary.data or "",
        "body_md": form.body_md.data or "", "organiser": Organiser(form.organiser.data),
        "kind": ConsultationKind(form.kind.data), "allow_general_comments": bool(form.allow_general_comments.data),
        "opens_at": to_utc(form.opens_at.data), "closes_at": to_utc(form.closes_at.data),
    }


def submission_count(consultation: Consultation) -> int:
    return db.session.execute(
        db.select(func.count()).select_from(Submission).where(Submission.consultation_id == consultation.id)
    ).scalar_one()


def pending_comments(consultation: Consultation, *, hamlet_id: int | None = None,
                     limit: int = PENDING_SHOWN) -> tuple[int, list[PendingComment]]:
    """How many comments await moderation, and the newest of them with article, hamlet and channel."""
    where = [Comment.consultation_id == consultation.id, Comment.status == CommentStatus.PENDING]
    if hamlet_id is not None:
        where.append(Submission.hamlet_id == hamlet_id)
    total = db.session.execute(
        db.select(func.count()).select_from(Comment).join(Submission, Comment.submission_id == Submission.id)
        .where(*where)
    ).scalar_one()
    rows = db.session.execute(
        db.select(Comment, Article, Hamlet.name, Submission.channel)
        .join(Submission, Comment.submission_id == Submission.id)
        .outerjoin(Article, Comment.article_id == Article.id)
        .outerjoin(Hamlet, Submission.hamlet_id == Hamlet.id)
        .where(*where)
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(limit)
    ).all()
    shown = [
        PendingComment(comment, article.title if article else _("Góp ý chung"), hamlet or "", channel)
        for comment, article, hamlet, channel in rows
    ]
    return total, shown


def is_period_short(opens_at: datetime, closes_at: datetime) -> bool:
    """Shorter than the Law on Grassroots Democracy asks for (a warning, not a refusal)."""
    return is_short(opens_at, closes_at)
