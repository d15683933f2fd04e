"""Storing a submission: one row with its comments and answers, once per idempotency key."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from consult import cache, codes
from consult.extensions import db
from consult.models import Answer, Channel, Comment, Consultation, QrPoint, Submission, User
from consult.submissions.inputs import CommentInput, SubmissionInput
from consult.text import clean_text
from consult.timeutil import utcnow

#: The same text from the same device within this window is flagged for moderators.
DUPLICATE_WINDOW = timedelta(minutes=10)
#: Receipt codes are 50 random bits; a collision is rare enough that three draws always do.
_CODE_ATTEMPTS = 3
_KEY_LENGTH = Submission.__table__.c.idempotency_key.type.length


def find_by_idempotency_key(consultation: Consultation, key: str | None) -> Submission | None:
    """The submission already stored for this consultation under a form's idempotency key."""
    key = _clean_key(key)
    if key is None:
        return None
    return db.session.execute(
        db.select(Submission).where(Submission.idempotency_key == key, Submission.consultation_id == consultation.id)
    ).scalar_one_or_none()


def create_submission(
    consultation: Consultation,
    data: SubmissionInput,
    *,
    channel: Channel,
    qr_point: QrPoint | None = None,
    idempotency_key: str | None = None,
    device_hash: str = "",
    entered_by: User | None = None,
    entry_batch: str = "",
) -> tuple[Submission, bool]:
    """Add a submission with its comments and answers to the transaction: (submission, created)."""
    key = _clean_key(idempotency_key)
    if key is not None:
        existing = _by_key(key)
        if existing is not None:
            if existing.consultation_id == consultation.id:
                return existing, False
            key = None  # another consultation's key: never hand out that receipt
    seen = _recent_texts(consultation, device_hash)
    for _attempt in range(_CODE_ATTEMPTS):
        submission = _build(consultation, data, channel=channel, qr_point=qr_point, key=key,
                            device_hash=device_hash, entered_by=entered_by, entry_batch=entry_batch, seen=seen)
        try:
            # A savepoint: a lost race on the key (or a code collision) undoes only this insert.
            with db.session.begin_nested():
                db.session.add(submission)
                db.session.flush()
        except IntegrityError:
            existing = _by_key(key) if key is not None else None
            if existing is not None:
                return existing, False
            if not _code_taken(submission.receipt_code):
                raise  # not a code collision (a missing row, a sequence behind its table): say so
            continue  # the receipt code was taken: draw another
        cache.invalidate(cache.results_key(consultation.id))
        return submission, True
    raise RuntimeError("no free receipt code after several draws")


def _code_taken(code: str) -> bool:
    return db.session.execute(db.select(Submission.id).where(Submission.receipt_code == code)).first() is not None


def _clean_key(key: str | None) -> str | None:
    key = (key or "").strip()
    return key[:_KEY_LENGTH] if key else None


def _by_key(key: str) -> Submission | None:
    return db.session.execute(
        db.select(Submission).where(Submission.idempotency_key == key)
    ).scalar_one_or_none()


def _duplicate_key(article_id: int | None, stance: str, body: str):
    """What makes two comments "the same": their text; a bare stance only on the same article."""
    text = clean_text(body).casefold()
    return text if text else (article_id, str(stance))


def _recent_texts(consultation: Consultation, device_hash: str) -> set:
    """Duplicate keys of the comments sent from this device to this consultation recently."""
    if not device_hash:
        return set()
    rows = db.session.execute(
        db.select(Comment.article_id, Comment.stance, Comment.body)
        .join(Submission, Comment.submission_id == Submission.id)
        .where(
            Submission.consultation_id == consultation.id,
            Submission.device_hash == device_hash,
            Submission.created_at >= utcnow() - DUPLICATE_WINDOW,
        )
    )
    return {_duplicate_key(row.article_id, row.stance, row.body) for row in rows}


def _build(consultation: Consultation, data: SubmissionInput, *, channel: Channel, qr_point: QrPoint | None,
           key: str | None, device_hash: str, entered_by: User | None, entry_batch: str, seen: set) -> Submission:
    submission = Submission(
        consultation_id=consultation.id,
        receipt_code=codes.new_receipt_code(),
        idempotency_key=key,
        channel=channel,
        qr_point_id=qr_point.id if qr_point is not None else None,
        hamlet_id=data.hamlet_id,
        respondent_group=data.respondent_group,
        display_name=data.display_name,
        show_name=data.show_name and bool(data.display_name),
        contact_phone=data.contact_phone,
        contact_email=data.contact_email,
        consent=data.consent,
        device_hash=device_hash,
        entered_by_id=entered_by.id if entered_by is not None else None,
        entry_batch=entry_batch,
    )
    submission.comments = [_comment(consultation, comment, seen) for comment in data.comments]
    submission.answers = [
        Answer(question_id=answer.question_id, option_id=answer.option_id, value_int=answer.value_int,
               value_text=answer.value_text)
        for answer in data.answers
    ]
    return submission


def _comment(consultation: Consultation, comment: CommentInput, seen: set) -> Comment:
    return Comment(
        consultation_id=consultation.id,
        article_id=comment.article_id,
        stance=comment.stance,
        body=comment.body,
        likely_duplicate=_duplicate_key(comment.article_id, comment.stance, comment.body) in seen,
    )
