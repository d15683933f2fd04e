"""Consultation queries and operations (no request, no commit)."""
from __future__ import annotations

from consult.extensions import db
from consult.models import Consultation


def published_by_slug(slug: str) -> Consultation | None:
    """A consultation residents may see: published (scheduled, open, closed or with results)."""
    return db.session.execute(
        db.select(Consultation).where(Consultation.slug == slug, Consultation.published_at.is_not(None))
    ).scalar_one_or_none()
