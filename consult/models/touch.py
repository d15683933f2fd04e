"""Keep `updated_at` honest: a change to a consultation's parts touches the consultation,
a change to a hamlet touches the commune settings.

Pages cached by fingerprint (consult/consultations/page_cache.py) compare these
timestamps, so every edit that changes what a page shows must move one of them — not
only edits of the row itself.
"""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from consult.models.commune import CommuneSettings, Hamlet
from consult.models.consultation import Article, Attachment, Consultation
from consult.models.survey import Question, QuestionOption
from consult.timeutil import utcnow


def _consultation_id(item) -> int | None:
    if isinstance(item, QuestionOption):
        question = item.question
        return question.consultation_id if question is not None else None
    return getattr(item, "consultation_id", None)


@event.listens_for(Session, "before_flush")
def _touch_parents(session: Session, _context, _instances) -> None:
    """Before each flush, move the timestamp of whatever contains a changed part."""
    with session.no_autoflush:
        _touch(session, [*session.new, *session.dirty, *session.deleted])


def _touch(session: Session, changed: list) -> None:
    consultation_ids = {
        _consultation_id(item) for item in changed if isinstance(item, (Article, Attachment, Question, QuestionOption))
    } - {None}
    now = utcnow()
    for consultation_id in consultation_ids:
        consultation = session.get(Consultation, consultation_id)
        if consultation is not None and consultation not in session.deleted:
            consultation.updated_at = now
    if any(isinstance(item, Hamlet) for item in changed):
        settings = session.get(CommuneSettings, 1)
        if settings is not None:
            settings.updated_at = now
