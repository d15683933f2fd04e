"""Queries for the staff dashboard."""
from __future__ import annotations

from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Comment, CommentStatus, Consultation, Feedback, FeedbackStatus
from consult.timeutil import utcnow


def dashboard_counts() -> dict[str, int]:
    """Counts shown on the dashboard, one query each."""
    now = utcnow()
    open_items = (FeedbackStatus.RECEIVED, FeedbackStatus.ASSIGNED, FeedbackStatus.IN_PROGRESS)
    return {
        "open_consultations": db.session.execute(
            select(func.count()).select_from(Consultation).where(
                Consultation.published_at.is_not(None), Consultation.opens_at <= now,
                Consultation.closes_at > now, Consultation.closed_early_at.is_(None),
            )
        ).scalar_one(),
        "pending_comments": db.session.execute(
            select(func.count()).select_from(Comment).where(Comment.status == CommentStatus.PENDING)
        ).scalar_one(),
        "open_feedback": db.session.execute(
            select(func.count()).select_from(Feedback).where(Feedback.status.in_(open_items))
        ).scalar_one(),
    }
