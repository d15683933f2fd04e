"""Entering paper and meeting forms: storing, listing a batch, correcting (no request, no commit).

Decisions (also stated on the screen):
- Comments typed from paper go to the moderation queue (pending) like web comments:
  an officer copies what a resident wrote, and moderators still check it for personal
  data and abuse before anything is published. One rule for every channel.
- Entry is possible while the consultation is open and after it closed (forms dropped
  in a box on the last day arrive later), until the results are published: from then
  the published counts must not change. Never for drafts or scheduled consultations.
- A paper form without the consent tick is still entered (the opinion counts), but its
  name and phone number are not stored: the least-data rule.
- A form is typed as written: a stance ticked without a reason, or a required question
  left blank, is stored as it is (parse_submission(as_written=True)); paper cannot insist.
- An entry can be corrected while none of its comments has been moderated or answered;
  after that a correction would silently undo a moderator's work.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from consult import cache
from consult.extensions import db
from consult.models import (
    Answer, Channel, Comment, CommentStatus, Consultation, ConsultationState, Hamlet, Question, QuestionKind, Role,
    Submission, User, Validity,
)
from consult.permissions import can_act_for_hamlet
from consult.submissions import GENERAL, SubmissionInput, comment_field, create_submission, question_field
from consult.submissions.questions import OTHER

#: The states in which forms may be typed in.
ENTRY_STATES = frozenset({ConsultationState.OPEN, ConsultationState.CLOSED})


def entry_allowed(consultation: Consultation) -> bool:
    """Whether forms may be typed in now: open, or closed with results not yet published."""
    return consultation.state() in ENTRY_STATES


def without_contact(data: SubmissionInput) -> tuple[SubmissionInput, bool]:
    """The input with name and phone dropped when consent was not ticked; and whether any was dropped."""
    if data.consent:
        return data, False
    dropped = bool(data.display_name or data.contact_phone or data.contact_email)
    return replace(data, display_name="", show_name=False, contact_phone="", contact_email=""), dropped


def store_entry(consultation: Consultation, data: SubmissionInput, *, channel: Channel, entered_by: User,
                batch: str, idempotency_key: str | None) -> tuple[Submission, bool]:
    """Store one typed-in form in the officer's batch: (submission, created)."""
    return create_submission(consultation, data, channel=channel, idempotency_key=idempotency_key,
                             entered_by=entered_by, entry_batch=batch)


@dataclass(frozen=True)
class BatchRow:
    """One entry of a batch, as listed under the form."""

    id: int
    receipt_code: str
    channel: Channel
    hamlet_name: str
    comments: int
    answers: int
    created_at: datetime


def batch_rows(consultation: Consultation, batch: str, entered_by: User) -> list[BatchRow]:
    """The entries of a batch typed by `entered_by`, newest first, with their comment and answer counts."""
    if not batch:
        return []
    comments = (select(func.count(Comment.id)).where(Comment.submission_id == Submission.id)
                .correlate(Submission).scalar_subquery())
    answers = (select(func.count(func.distinct(Answer.question_id))).where(Answer.submission_id == Submission.id)
               .correlate(Submission).scalar_subquery())
    rows = db.session.execute(
        select(Submission.id, Submission.receipt_code, Submission.channel, Hamlet.name, comments, answers,
               Submission.created_at)
        .outerjoin(Hamlet, Hamlet.id == Submission.hamlet_id)
        .where(Submission.consultation_id == consultation.id, Submission.entry_batch == batch,
               Submission.entered_by_id == entered_by.id)
        .order_by(Submission.id.desc())
    )
    return [BatchRow(row[0], row[1], row[2], row[3] or "", int(row[4]), int(row[5]), row[6]) for row in rows]


def entry_in(consultation: Consultation, submission_id: int) -> Submission | None:
    """A typed-in entry of this consultation with its comments and answers (None for web submissions)."""
    submission = db.session.execute(
        select(Submission)
        .where(Submission.id == submission_id, Submission.consultation_id == consultation.id,
               Submission.entered_by_id.is_not(None))
        .options(selectinload(Submission.comments), selectinload(Submission.answers))
    ).scalar_one_or_none()
    return submission


def can_correct(user: User, submission: Submission) -> bool:
    """Hamlet officers correct only their own entries for their hamlet; moderators and admins any entry."""
    if user.role is Role.HAMLET_OFFICER:
        return submission.entered_by_id == user.id and can_act_for_hamlet(user, submission.hamlet_id)
    return True


def still_correctable(submission: Submission) -> bool:
    """Nothing of it was moderated or answered yet: every comment pending, untouched, unanswered."""
    if submission.validity is not Validity.VALID:
        return False
    return all(
        comment.status is CommentStatus.PENDING and not comment.redacted and comment.response_id is None
        for comment in submission.comments
    )


def form_values(submission: Submission, questions: list[Question]) -> MultiDict:
    """The submission as the entry form's fields, to load it back for a correction."""
    values = MultiDict({
        "channel": submission.channel.value, "group": submission.respondent_group.value,
        "name": submission.display_name, "phone": submission.contact_phone,
    })
    if submission.hamlet_id:
        values["hamlet"] = str(submission.hamlet_id)
    if submission.show_name:
        values["show_name"] = "1"
    if submission.consent:
        values["consent"] = "1"
    for comment in submission.comments:
        key = GENERAL if comment.article_id is None else comment.article_id
        values[comment_field(key, "stance")] = comment.stance.value
        values[comment_field(key, "text")] = comment.body
    kinds = {question.id: question.kind for question in questions}
    for answer in submission.answers:
        name = question_field(answer.question_id)
        kind = kinds.get(answer.question_id)
        if answer.option_id is not None:
            values.add(name, str(answer.option_id))
        elif kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            values.add(name, OTHER)
            values[question_field(answer.question_id, OTHER)] = answer.value_text
        elif kind is QuestionKind.YESNO:
            values[name] = "yes" if answer.value_int else "no"
        elif kind is QuestionKind.RATING:
            values[name] = str(answer.value_int)
        else:
            values[name] = answer.value_text
    return values


def replace_entry(submission: Submission, data: SubmissionInput, *, channel: Channel) -> None:
    """Replace what a typed-in form said (its comments, answers and respondent) with a corrected reading."""
    submission.channel = channel
    submission.hamlet_id = data.hamlet_id
    submission.respondent_group = data.respondent_group
    submission.display_name = data.display_name
    submission.show_name = data.show_name and bool(data.display_name)
    submission.contact_phone = data.contact_phone
    submission.contact_email = data.contact_email
    submission.consent = data.consent
    # New rows replace the old (delete-orphan): nothing was moderated yet, see still_correctable.
    submission.comments = [
        Comment(consultation_id=submission.consultation_id, article_id=comment.article_id, stance=comment.stance,
                body=comment.body)
        for comment in data.comments
    ]
    submission.answers = [
        Answer(question_id=answer.question_id, option_id=answer.option_id, value_int=answer.value_int,
               value_text=answer.value_text)
        for answer in data.answers
    ]
    db.session.flush()
    cache.invalidate(cache.results_key(submission.consultation_id))


def snapshot(submission: Submission) -> dict:
    """The entry as plain data for the audit log; contact details only as "given or not"."""
    return {
        "channel": submission.channel.value,
        "hamlet_id": submission.hamlet_id,
        "group": submission.respondent_group.value,
        "consent": submission.consent,
        "name_given": bool(submission.display_name),
        "show_name": submission.show_name,
        "phone_given": bool(submission.contact_phone),
        "comments": [
            [GENERAL if comment.article_id is None else comment.article_id, comment.stance.value, comment.body]
            for comment in submission.comments
        ],
        "answers": [
            [answer.question_id, answer.option_id, answer.value_int, answer.value_text]
            for answer in submission.answers
        ],
    }
