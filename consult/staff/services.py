"""Queries for the staff dashboard."""
from __future__ import annotations

from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Comment, CommentStatus, Consultation, Feedback, FeedbackStatus, Submission
from consult.timeutil import utcnow

OPEN_FEEDBACK = (FeedbackStatus.RECEIVED, FeedbackStatus.ASSIGNED, FeedbackStatus.IN_PROGRESS)


def dashboard_counts(hamlet_id: int | None = None) -> dict[str, int]:
    """Counts shown on the dashboard, one query each; a hamlet officer's are their hamlet's."""
    now = utcnow()
    pending = select(func.count()).select_from(Comment).where(Comment.status == CommentStatus.PENDING)
    open_feedback = select(func.count()).select_from(Feedback).where(Feedback.status.in_(OPEN_FEEDBACK))
    if hamlet_id is not None:
        pending = pending.join(Submission, Submission.id == Comment.submission_id).where(Submission.hamlet_id == hamlet_id)
        open_feedback = open_feedback.where(Feedback.hamlet_id == hamlet_id)
    return {
        "open_consultations": db.session.execute(
            select(func.count()).select_from(Consultation).where(
                Consultation.published_at.is_not(None), Consultation.opens_at <= now,
                Consultation.closes_at > now, Consultation.closed_early_at.is_(None),
            )
        ).scalar_one(),
        "pending_comments": db.session.execute(pending).scalar_one(),
        "open_feedback": db.session.execute(open_feedback).scalar_one(),
    }
