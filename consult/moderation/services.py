"""Moderation: the queue of pending comments and the actions on them (no request, no commit).

A comment is never deleted: it is approved, rejected with a reason, or redacted (edited, then
approved; the original text then lives only in the audit log, written by the route). Marking a
whole submission spam or duplicate takes it out of every count; its comments are rejected with
the same reason so the resident's receipt says why, and restoring the submission puts those
comments back in the queue. Every action drops the cached results in the same transaction.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from consult.i18n import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from consult import cache
from consult.extensions import db
from consult.models import (
    Article, Channel, Comment, CommentStatus, Consultation, RejectReason, Stance, Submission, Validity,
)
from consult.text import clean_text
from consult.timeutil import utcnow

PAGE_SIZE = 20
#: Article filter value for comments on the draft as a whole.
GENERAL = "chung"
#: Rejection reason given to the comments of a submission marked invalid.
VALIDITY_REASONS = {Validity.SPAM: RejectReason.SPAM, Validity.DUPLICATE: RejectReason.DUPLICATE}


class ModerationError(Exception):
    """An action that cannot be done in the comment's current state (the message is for staff)."""


class RedactionError(ModerationError):
    """The edited text cannot be accepted (empty, or not changed)."""


@dataclass(frozen=True)
class QueueFilters:
    """What the moderator narrowed the queue to; every value comes from GET parameters."""

    consultation: int | None = None
    article: str = ""  # an article id, GENERAL, or "" for all
    hamlet: int | None = None
    stance: str = ""
    channel: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> QueueFilters:
        """Read the filters, ignoring anything malformed (a bad value means "all")."""
        article = args.get("article", "")
        return cls(
            consultation=_positive_int(args.get("consultation")),
            article=article if article == GENERAL or _positive_int(article) else "",
            hamlet=_positive_int(args.get("hamlet")),
            stance=args.get("stance", "") if args.get("stance", "") in set(Stance) else "",
            channel=args.get("channel", "") if args.get("channel", "") in set(Channel) else "",
        )

    def as_args(self) -> dict[str, str | int]:
        """The non-empty filters, for url_for."""
        return {key: value for key, value in asdict(self).items() if value not in (None, "")}

    @property
    def active(self) -> bool:
        return bool(self.as_args())

    def apply(self, query):
        """Narrow a query over Comment joined to Submission."""
        if self.consultation:
            query = query.where(Comment.consultation_id == self.consultation)
        if self.article == GENERAL:
            query = query.where(Comment.article_id.is_(None))
        elif self.article:
            query = query.where(Comment.article_id == int(self.article))
        if self.hamlet:
            query = query.where(Submission.hamlet_id == self.hamlet)
        if self.stance:
            query = query.where(Comment.stance == Stance(self.stance))
        if self.channel:
            query = query.where(Submission.channel == Channel(self.channel))
        return query


def _positive_int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _pending():
    """Pending comments of submissions that still count, oldest first."""
    return (
        select(Comment).join(Comment.submission)
        .where(Comment.status == CommentStatus.PENDING, Submission.validity == Validity.VALID)
    )


def queue_page(filters: QueueFilters, page: int):
    """One page of the queue, with what each item shows loaded up front (no query per item)."""
    query = filters.apply(_pending()).order_by(Comment.created_at, Comment.id).options(
        joinedload(Comment.article), joinedload(Comment.consultation),
        joinedload(Comment.submission).joinedload(Submission.hamlet),
        joinedload(Comment.submission).selectinload(Submission.comments).joinedload(Comment.article),
    )
    result = db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)
    if not result.items and result.pages and page > result.pages:  # the last page was just emptied
        result = db.paginate(query, page=result.pages, per_page=PAGE_SIZE, error_out=False)
    return result


def queue_counts(filters: QueueFilters) -> dict[str, int]:
    """Pending, approved and rejected comments under the filters, and pending overall."""
    by_status = dict(db.session.execute(
        filters.apply(
            select(Comment.status, func.count()).join(Comment.submission)
            .where(Submission.validity == Validity.VALID)
        ).group_by(Comment.status)
    ).all())
    counts = {status.value: by_status.get(status, 0) for status in CommentStatus}
    if filters.active:
        counts["pending_total"] = db.session.execute(
            select(func.count()).select_from(_pending().subquery())
        ).scalar_one()
    else:
        counts["pending_total"] = counts["pending"]
    return counts


def filter_choices(filters: QueueFilters) -> dict:
    """Consultations with their pending counts, and the articles of the chosen consultation."""
    pending = dict(db.session.execute(
        select(Comment.consultation_id, func.count()).join(Comment.submission)
        .where(Comment.status == CommentStatus.PENDING, Submission.validity == Validity.VALID)
        .group_by(Comment.consultation_id)
    ).all())
    consultations = db.session.execute(
        select(Consultation.id, Consultation.title).where(Consultation.published_at.is_not(None))
        .order_by(Consultation.opens_at.desc())
    ).all()
    articles = []
    if filters.consultation:
        articles = list(db.session.execute(
            select(Article).where(Article.consultation_id == filters.consultation).order_by(Article.position)
        ).scalars())
    return {
        "consultations": [(row.id, row.title, pending.get(row.id, 0)) for row in consultations],
        "articles": articles,
    }


def next_pending_id(comment: Comment, filters: QueueFilters) -> int | None:
    """The pending comment after this one in queue order, for the anchor after an action."""
    later = (Comment.created_at > comment.created_at) | (
        (Comment.created_at == comment.created_at) & (Comment.id > comment.id)
    )
    return db.session.execute(
        filters.apply(_pending().with_only_columns(Comment.id)).where(later)
        .order_by(Comment.created_at, Comment.id).limit(1)
    ).scalar_one_or_none()


# --- actions on one comment ----------------------------------------------------

def _require_pending(comment: Comment) -> None:
    if comment.status is not CommentStatus.PENDING:
        by = comment.moderated_by.display_name if comment.moderated_by else ""
        raise ModerationError(
            _("Ý kiến này đã được xử lý (%(status)s) bởi %(name)s.", status=comment.status.label, name=by)
            if by else _("Ý kiến này đã được xử lý (%(status)s).", status=comment.status.label)
        )
    if comment.submission.validity is not Validity.VALID:
        raise ModerationError(_("Phiếu chứa ý kiến này đã bị đánh dấu %(mark)s.",
                                mark=comment.submission.validity.label.lower()))


def _moderated(comment: Comment, status: CommentStatus, moderator, reason: RejectReason | None = None) -> None:
    comment.status = status
    comment.reject_reason = reason
    comment.moderated_by_id = moderator.id
    comment.moderated_at = utcnow()
    cache.invalidate_consultation(comment.consultation_id)


def approve(comment: Comment, moderator) -> None:
    """Publish a pending comment as written."""
    _require_pending(comment)
    _moderated(comment, CommentStatus.APPROVED, moderator)


def reject(comment: Comment, reason: RejectReason, moderator) -> None:
    """Keep a pending comment off public pages; the reason is shown on the resident's receipt."""
    _require_pending(comment)
    _moderated(comment, CommentStatus.REJECTED, moderator, reason)


def redact(comment: Comment, new_body: str, moderator) -> dict[str, str]:
    """Replace the text with the moderator's edited version and approve it; returns before/after."""
    _require_pending(comment)
    after = clean_text(new_body)
    if not after:
        raise RedactionError(_("Nội dung sau khi sửa không được để trống."))
    if after == comment.body:
        raise RedactionError(_("Nội dung chưa thay đổi. Nếu không cần sửa, hãy bấm “Duyệt”."))
    before = comment.body
    comment.body = after
    comment.redacted = True
    _moderated(comment, CommentStatus.APPROVED, moderator)
    return {"before": before, "after": after}


def undo(comment: Comment) -> CommentStatus:
    """Put an approved or rejected comment back in the queue; returns the status it had."""
    if comment.status is CommentStatus.PENDING:
        raise ModerationError(_("Ý kiến này đang chờ duyệt."))
    if comment.response_id is not None:
        raise ModerationError(_("Ý kiến này đã có câu trả lời chính thức; hãy gỡ khỏi câu trả lời trước."))
    previous = comment.status
    comment.status = CommentStatus.PENDING
    comment.reject_reason = None
    comment.moderated_by_id = None
    comment.moderated_at = None
    cache.invalidate_consultation(comment.consultation_id)
    return previous


def bulk_approve(comment_ids: list[int], moderator) -> list[Comment]:
    """Approve the pending ones among the selected comments; the others are left alone."""
    if not comment_ids:
        return []
    comments = list(db.session.execute(
        _pending().where(Comment.id.in_(comment_ids)).order_by(Comment.id)
    ).scalars())
    for comment in comments:
        _moderated(comment, CommentStatus.APPROVED, moderator)
    return comments


def load_comment(comment_id: int) -> Comment | None:
    """A comment with its submission, for an action."""
    return db.session.execute(
        select(Comment).where(Comment.id == comment_id).options(joinedload(Comment.submission))
    ).scalar_one_or_none()


# --- whole submissions ---------------------------------------------------------

def mark_submission(submission: Submission, validity: Validity, note: str, moderator) -> list[int]:
    """Mark a submission spam or duplicate; its comments are rejected with that reason. Returns their ids."""
    if validity is Validity.VALID:
        raise ModerationError(_("Hãy chọn thư rác hoặc trùng lặp."))
    if submission.validity is not Validity.VALID:
        raise ModerationError(_("Phiếu này đã được đánh dấu %(mark)s.", mark=submission.validity.label.lower()))
    submission.validity = validity
    submission.validity_reason = clean_text(note, multiline=False) or validity.label
    reason = VALIDITY_REASONS[validity]
    rejected = []
    for comment in submission.comments:
        if comment.status is CommentStatus.REJECTED:
            continue
        _moderated(comment, CommentStatus.REJECTED, moderator, reason)
        rejected.append(comment.id)
    cache.invalidate_consultation(submission.consultation_id)
    return rejected


def restore_submission(submission: Submission) -> list[int]:
    """Count a submission again; comments rejected for its marking go back to the queue."""
    if submission.validity is Validity.VALID:
        raise ModerationError(_("Phiếu này đang được tính là hợp lệ."))
    reason = VALIDITY_REASONS[submission.validity]
    submission.validity = Validity.VALID
    submission.validity_reason = ""
    restored = []
    for comment in submission.comments:
        if comment.status is CommentStatus.REJECTED and comment.reject_reason is reason:
            comment.status = CommentStatus.PENDING
            comment.reject_reason = None
            comment.moderated_by_id = None
            comment.moderated_at = None
            restored.append(comment.id)
    cache.invalidate_consultation(submission.consultation_id)
    return restored


def excluded_page(page: int, consultation_id: int | None = None):
    """Submissions marked spam or duplicate, newest first."""
    query = (
        select(Submission).where(Submission.validity != Validity.VALID)
        .options(joinedload(Submission.hamlet), joinedload(Submission.consultation),
                 selectinload(Submission.comments))
        .order_by(Submission.id.desc())
    )
    if consultation_id:
        query = query.where(Submission.consultation_id == consultation_id)
    return db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)
