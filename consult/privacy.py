"""Personal data retention: names and contact details are erased after the retention period."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select, update

from consult.extensions import db
from consult.models import Feedback, Submission
from consult.timeutil import utcnow


def purge_personal_data(cutoff: datetime, *, dry_run: bool = False) -> tuple[dict[str, int], list[str]]:
    """Erase submitters' and senders' names and contacts recorded before `cutoff`, and detach
    their photos (which may show faces or addresses). Returns the counts and the photo files
    the caller deletes once the transaction has committed."""
    submissions = (
        Submission.created_at < cutoff,
        Submission.purged_at.is_(None),
        or_(Submission.display_name != "", Submission.contact_phone != "", Submission.contact_email != ""),
    )
    feedback = (
        Feedback.created_at < cutoff,
        Feedback.purged_at.is_(None),
        or_(Feedback.sender_name != "", Feedback.sender_phone != ""),
    )
    photos = (Feedback.created_at < cutoff, Feedback.photo_name != "")
    photo_names = list(db.session.execute(select(Feedback.photo_name).where(*photos)).scalars())
    counts = {
        "submissions": db.session.execute(select(func.count()).where(*submissions)).scalar_one(),
        "feedback": db.session.execute(select(func.count()).where(*feedback)).scalar_one(),
        "photos": len(photo_names),
    }
    if not dry_run:
        now = utcnow()
        db.session.execute(
            update(Submission).where(*submissions).values(
                display_name="", show_name=False, contact_phone="", contact_email="", purged_at=now
            )
        )
        db.session.execute(
            update(Feedback).where(*feedback).values(sender_name="", sender_phone="", purged_at=now)
        )
        db.session.execute(update(Feedback).where(*photos).values(photo_name=""))
    return counts, photo_names
