"""The results aggregates of one consultation, computed in SQL (GROUP BY, no loop over submissions).

Only submissions that count (validity "valid") enter any figure. Stances come from approved
comments; meeting tallies are summed separately so pages can show them as their own line.
The payload is plain JSON (ids and counts; labels are added when rendering) because it is
stored in the shared cache (consult.cache) under results_key(consultation_id).
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Date, DateTime, Interval, and_, case, cast, distinct, func, literal, select, type_coerce

from consult.extensions import db
from consult.models import (
    Answer, Comment, CommentStatus, MeetingTally, MeetingTallyLine, OfficialResponse, Submission, Validity,
)
from consult.timeutil import local_zone, utcnow

#: Approved comments per article kept in the payload for the results page (the rest are one click away).
SAMPLE_PER_SECTION = 10
GENERAL = "general"


def section_key(article_id: int | None) -> str:
    """Payload key of an article, or of the general section."""
    return GENERAL if article_id is None else str(article_id)


def compute(consultation_id: int) -> dict:
    """Every figure of the results page, as JSON-ready data."""
    payload = {"computed_at": utcnow().isoformat()}
    payload.update(_participation(consultation_id))
    payload["by_day"] = _by_day(consultation_id)
    payload.update(_meetings(consultation_id))
    payload.update(_comments(consultation_id))
    payload["questions"] = _questions(consultation_id)
    payload.update(_samples(consultation_id))
    return payload


def _valid(consultation_id: int):
    return and_(Submission.consultation_id == consultation_id, Submission.validity == Validity.VALID)


def _participation(consultation_id: int) -> dict:
    """Submissions by hamlet × channel × respondent group (one scan), then the marginal sums."""
    rows = db.session.execute(
        select(Submission.validity, Submission.hamlet_id, Submission.channel, Submission.respondent_group, func.count())
        .where(Submission.consultation_id == consultation_id)
        .group_by(Submission.validity, Submission.hamlet_id, Submission.channel, Submission.respondent_group)
    ).all()
    by_hamlet: dict[str, int] = {}
    by_channel: dict[str, int] = {}
    by_group: dict[str, int] = {}
    excluded: dict[str, int] = {}
    total = 0
    for validity, hamlet_id, channel, group, count in rows:
        if validity is not Validity.VALID:
            excluded[validity.value] = excluded.get(validity.value, 0) + count
            continue
        total += count
        hamlet_key = str(hamlet_id or 0)
        by_hamlet[hamlet_key] = by_hamlet.get(hamlet_key, 0) + count
        by_channel[channel.value] = by_channel.get(channel.value, 0) + count
        by_group[group.value] = by_group.get(group.value, 0) + count
    return {"submissions": total, "excluded": excluded, "by_hamlet": by_hamlet,
            "by_channel": by_channel, "by_group": by_group}


def _local_day(column):
    """The local calendar date of a stored UTC moment, in SQL.

    Vietnam keeps UTC+7 all year, so a fixed offset is exact; a zone with daylight saving would
    be off by an hour around its changes.
    """
    offset = int(utcnow().astimezone(local_zone()).utcoffset().total_seconds())
    if db.engine.dialect.name == "sqlite":
        return func.date(column, f"{offset:+d} seconds")
    return cast(type_coerce(column, DateTime) + literal(timedelta(seconds=offset), Interval()), Date)


def _by_day(consultation_id: int) -> list[list]:
    """[local date (ISO), submissions] in date order."""
    day = _local_day(Submission.created_at).label("day")
    rows = db.session.execute(
        select(day, func.count()).where(_valid(consultation_id)).group_by(day).order_by(day)
    ).all()
    return [[value if isinstance(value, str) else value.isoformat(), count] for value, count in rows]


def _meetings(consultation_id: int) -> dict:
    """Meetings held, people who attended (by hamlet), and the hands raised per article."""
    tallies = db.session.execute(
        select(MeetingTally.hamlet_id, func.count(), func.coalesce(func.sum(MeetingTally.attendees), 0))
        .where(MeetingTally.consultation_id == consultation_id)
        .group_by(MeetingTally.hamlet_id)
    ).all()
    votes = db.session.execute(
        select(MeetingTallyLine.article_id, func.sum(MeetingTallyLine.agree), func.sum(MeetingTallyLine.disagree),
               func.sum(MeetingTallyLine.other))
        .join(MeetingTally, MeetingTally.id == MeetingTallyLine.tally_id)
        .where(MeetingTally.consultation_id == consultation_id)
        .group_by(MeetingTallyLine.article_id)
    ).all()
    return {
        "meetings": {
            "count": sum(row[1] for row in tallies),
            "attendees": int(sum(row[2] for row in tallies)),
            "attendees_by_hamlet": {str(hamlet_id or 0): int(attendees) for hamlet_id, _, attendees in tallies},
        },
        "meeting_votes": {
            section_key(article_id): {"agree": int(agree or 0), "disagree": int(disagree or 0), "other": int(other or 0)}
            for article_id, agree, disagree, other in votes
        },
    }


def _comments(consultation_id: int) -> dict:
    """Stances of approved comments per article, pending per article, rejected by reason."""
    rows = db.session.execute(
        select(Comment.article_id, Comment.status, Comment.stance, Comment.reject_reason, func.count())
        .join(Comment.submission)
        .where(Comment.consultation_id == consultation_id, _valid(consultation_id))
        .group_by(Comment.article_id, Comment.status, Comment.stance, Comment.reject_reason)
    ).all()
    stances: dict[str, dict[str, int]] = {}
    pending: dict[str, int] = {}
    rejected: dict[str, int] = {}
    for article_id, status, stance, reason, count in rows:
        key = section_key(article_id)
        if status is CommentStatus.APPROVED:
            counts = stances.setdefault(key, {"agree": 0, "disagree": 0, "other": 0})
            counts[stance.value] += count
        elif status is CommentStatus.PENDING:
            pending[key] = pending.get(key, 0) + count
        elif reason is not None:
            rejected[reason.value] = rejected.get(reason.value, 0) + count
    return {"stances": stances, "pending": pending, "rejected": rejected,
            "approved": sum(sum(counts.values()) for counts in stances.values())}


def _questions(consultation_id: int) -> dict:
    """Per question: respondents, picks per option, counts per value (rating, yes/no), free texts."""
    has_text = case((Answer.value_text != "", 1), else_=0).label("has_text")
    rows = db.session.execute(
        select(Answer.question_id, Answer.option_id, Answer.value_int, has_text, func.count())
        .join(Answer.submission).where(_valid(consultation_id))
        .group_by(Answer.question_id, Answer.option_id, Answer.value_int, has_text)
    ).all()
    respondents = db.session.execute(
        select(Answer.question_id, func.count(distinct(Answer.submission_id)))
        .join(Answer.submission).where(_valid(consultation_id))
        .group_by(Answer.question_id)
    ).all()
    questions: dict[str, dict] = {
        str(question_id): {"respondents": count, "options": {}, "values": {}, "free_text": 0}
        for question_id, count in respondents
    }
    for question_id, option_id, value_int, text, count in rows:
        entry = questions.setdefault(str(question_id), {"respondents": 0, "options": {}, "values": {}, "free_text": 0})
        if option_id is not None:
            entry["options"][str(option_id)] = entry["options"].get(str(option_id), 0) + count
        elif value_int is not None:
            entry["values"][str(value_int)] = entry["values"].get(str(value_int), 0) + count
        elif text:
            entry["free_text"] += count
    return questions


def _samples(consultation_id: int) -> dict:
    """The first approved comments of each section (answered together kept together), with their responses."""
    author = case((Submission.show_name.is_(True), Submission.display_name), else_="").label("author")
    rank = func.row_number().over(
        partition_by=Comment.article_id,
        order_by=(case((Comment.response_id.is_(None), 1), else_=0), Comment.response_id, Comment.id),
    ).label("rank")
    ranked = (
        select(Comment.id, Comment.article_id, Comment.stance, Comment.body, Comment.created_at,
               Comment.response_id, Submission.hamlet_id, author, rank)
        .join(Comment.submission)
        .where(Comment.consultation_id == consultation_id, Comment.status == CommentStatus.APPROVED,
               _valid(consultation_id))
        .subquery()
    )
    rows = db.session.execute(
        select(ranked).where(ranked.c.rank <= SAMPLE_PER_SECTION).order_by(ranked.c.article_id, ranked.c.rank)
    ).all()
    samples: dict[str, list[dict]] = {}
    for row in rows:
        samples.setdefault(section_key(row.article_id), []).append({
            "id": row.id, "stance": row.stance.value, "body": row.body,
            "created_at": row.created_at.isoformat(), "response_id": row.response_id,
            "hamlet_id": row.hamlet_id, "author": row.author or "",
        })
    response_ids = {row.response_id for row in rows if row.response_id is not None}
    return {"samples": samples, "responses": _responses(consultation_id, response_ids)}


def _responses(consultation_id: int, response_ids: set[int]) -> dict:
    """The responses shown with the sample comments, with how many counted comments each answers."""
    if not response_ids:
        return {}
    covered = dict(db.session.execute(
        select(Comment.response_id, func.count()).join(Comment.submission)
        .where(Comment.response_id.in_(response_ids), Comment.status == CommentStatus.APPROVED,
               _valid(consultation_id))
        .group_by(Comment.response_id)
    ).all())
    rows = db.session.execute(
        select(OfficialResponse.id, OfficialResponse.disposition, OfficialResponse.body, OfficialResponse.updated_at)
        .where(OfficialResponse.id.in_(response_ids))
    ).all()
    return {
        str(row.id): {"disposition": row.disposition.value, "body": row.body,
                      "updated_at": row.updated_at.isoformat(), "comments": covered.get(row.id, 0)}
        for row in rows
    }
