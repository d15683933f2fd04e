"""Queries for the public home page."""
from __future__ import annotations

from dataclasses import dataclass, field

from consult.extensions import db
from consult.models import Consultation, ConsultationState
from consult.timeutil import utcnow


@dataclass
class HomeListing:
    """Published consultations grouped by where they are in their lifecycle."""

    open: list[Consultation] = field(default_factory=list)
    upcoming: list[Consultation] = field(default_factory=list)
    closed: list[Consultation] = field(default_factory=list)


def home_listing(closed_limit: int = 20) -> HomeListing:
    """Open ones (closing soonest first), upcoming ones, and the latest closed ones."""
    now = utcnow()
    published = db.session.execute(
        db.select(Consultation).where(Consultation.published_at.is_not(None)).order_by(Consultation.closes_at)
    ).scalars()
    listing = HomeListing()
    for consultation in published:
        state = consultation.state(now)
        if state is ConsultationState.OPEN:
            listing.open.append(consultation)
        elif state is ConsultationState.SCHEDULED:
            listing.upcoming.append(consultation)
        else:
            listing.closed.append(consultation)
    listing.closed = sorted(listing.closed, key=lambda c: c.effective_closes_at, reverse=True)[:closed_limit]
    return listing
