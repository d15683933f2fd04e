"""Meeting tally operations and queries (no request, no commit).

For results: `tally_sums(consultation)` gives, per article (key None = the draft as a
whole), the hands raised for agree / disagree / other over every meeting, and
`tally_totals(consultation)` the number of meetings and of attendees. Each is one
GROUP BY. Results show them beside the submissions, labelled as meeting tallies:
they are counts of hands, not individual submissions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from consult import cache
from consult.extensions import db
from consult.models import Consultation, MeetingTally, MeetingTallyLine


@dataclass(frozen=True)
class StanceCounts:
    """Hands raised on one article over one or more meetings."""

    agree: int = 0
    disagree: int = 0
    other: int = 0
    #: How many meetings voted on it.
    meetings: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.other


@dataclass(frozen=True)
class TallyTotals:
    """How many meetings were tallied and how many people attended them."""

    meetings: int = 0
    attendees: int = 0


@dataclass
class TallyData:
    """A tally as typed, validated by the form. `lines` maps article id (None = whole draft) to counts."""

    hamlet_id: int | None
    held_on: date
    title: str
    attendees: int
    remarks: str
    lines: dict[int | None, tuple[int, int, int]] = field(default_factory=dict)


def tally_sums(consultation: Consultation) -> dict[int | None, StanceCounts]:
    """Per article (None = the whole draft): agree, disagree and other summed over all meetings."""
    rows = db.session.execute(
        select(
            MeetingTallyLine.article_id,
            func.sum(MeetingTallyLine.agree), func.sum(MeetingTallyLine.disagree), func.sum(MeetingTallyLine.other),
            func.count(MeetingTallyLine.id),
        )
        .join(MeetingTally, MeetingTally.id == MeetingTallyLine.tally_id)
        .where(MeetingTally.consultation_id == consultation.id)
        .group_by(MeetingTallyLine.article_id)
    )
    return {
        article_id: StanceCounts(int(agree or 0), int(disagree or 0), int(other or 0), int(meetings))
        for article_id, agree, disagree, other, meetings in rows
    }


def tally_totals(consultation: Consultation) -> TallyTotals:
    """Meetings tallied and their attendees, for a consultation."""
    meetings, attendees = db.session.execute(
        select(func.count(MeetingTally.id), func.coalesce(func.sum(MeetingTally.attendees), 0))
        .where(MeetingTally.consultation_id == consultation.id)
    ).one()
    return TallyTotals(int(meetings), int(attendees))


def tallies_of(consultation: Consultation, hamlet_id: int | None = None) -> list[MeetingTally]:
    """A consultation's tallies, newest meeting first; only one hamlet's when `hamlet_id` is given."""
    query = (
        select(MeetingTally).where(MeetingTally.consultation_id == consultation.id)
        .options(joinedload(MeetingTally.hamlet), joinedload(MeetingTally.entered_by), selectinload(MeetingTally.lines))
        .order_by(MeetingTally.held_on.desc(), MeetingTally.id.desc())
    )
    if hamlet_id is not None:
        query = query.where(MeetingTally.hamlet_id == hamlet_id)
    return list(db.session.execute(query).unique().scalars())


def tally_in(consultation: Consultation, tally_id: int) -> MeetingTally | None:
    """One tally of this consultation (None when missing or another consultation's)."""
    tally = db.session.get(MeetingTally, tally_id)
    if tally is None or tally.consultation_id != consultation.id:
        return None
    return tally


def snapshot(tally: MeetingTally) -> dict:
    """The tally as plain data, for the audit log."""
    return {
        "hamlet_id": tally.hamlet_id,
        "held_on": tally.held_on.isoformat() if tally.held_on else None,
        "title": tally.title,
        "attendees": tally.attendees,
        "remarks": tally.remarks,
        "lines": {
            ("general" if line.article_id is None else str(line.article_id)): [line.agree, line.disagree, line.other]
            for line in tally.lines
        },
    }


def create_tally(consultation: Consultation, data: TallyData, entered_by) -> MeetingTally:
    """Record a meeting's tally, typed in by `entered_by`."""
    tally = MeetingTally(consultation_id=consultation.id, entered_by_id=getattr(entered_by, "id", None),
                         held_on=data.held_on)
    db.session.add(tally)
    _apply(tally, data)
    db.session.flush()
    cache.invalidate(cache.results_key(consultation.id))  # results add tallies to the counts
    return tally


def update_tally(tally: MeetingTally, data: TallyData) -> dict:
    """Change a tally; returns {field: [before, after]} of what changed."""
    before = snapshot(tally)
    _apply(tally, data)
    db.session.flush()
    db.session.refresh(tally, ["lines"])
    cache.invalidate(cache.results_key(tally.consultation_id))
    after = snapshot(tally)
    return {name: [before[name], after[name]] for name in before if before[name] != after[name]}


def delete_tally(tally: MeetingTally) -> None:
    """Remove a tally (entered by mistake); the audit log keeps what it said."""
    db.session.delete(tally)
    db.session.flush()
    cache.invalidate(cache.results_key(tally.consultation_id))


def _apply(tally: MeetingTally, data: TallyData) -> None:
    tally.hamlet_id = data.hamlet_id
    tally.held_on = data.held_on
    tally.title = data.title
    tally.attendees = data.attendees
    tally.remarks = data.remarks
    # Update lines in place: (tally, article) is unique, and a delete-then-insert of the
    # same pair could reach the database in the wrong order.
    existing = {line.article_id: line for line in tally.lines}
    for article_id, (agree, disagree, other) in data.lines.items():
        line = existing.pop(article_id, None)
        if line is None:
            line = MeetingTallyLine(article_id=article_id)
            tally.lines.append(line)
        line.agree, line.disagree, line.other = agree, disagree, other
    for line in existing.values():
        tally.lines.remove(line)  # delete-orphan
