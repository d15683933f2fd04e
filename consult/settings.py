"""Reading the commune's settings (one row), once per request."""
from __future__ import annotations

from flask import g, has_request_context
from sqlalchemy.exc import SQLAlchemyError

from consult.extensions import db
from consult.models import CommuneSettings, Hamlet


def commune() -> CommuneSettings:
    """The commune's settings; an unsaved blank row before the first setup."""
    if has_request_context() and "commune" in g:
        return g.commune
    try:
        settings = db.session.get(CommuneSettings, 1)
    except SQLAlchemyError:  # an error page must render even when the database is down
        db.session.rollback()
        settings = None
    if settings is None:
        settings = CommuneSettings(id=1, name="", unit_kind="xã", feedback_due_days=15, retention_days=365)
    if has_request_context():
        g.commune = settings
    return settings


def active_hamlets() -> list[Hamlet]:
    """Hamlets in administrative order, for selects and tables."""
    return list(
        db.session.execute(
            db.select(Hamlet).where(Hamlet.active.is_(True)).order_by(Hamlet.position, Hamlet.id)
        ).scalars()
    )
