"""Official responses (tiếp thu / giải trình): one answer to one comment or to several similar
comments on the same article (no request, no commit). Only approved comments of submissions that
count can be answered; every change drops the cached results (responses are public with them)."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from consult.i18n import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from consult import cache
from consult.extensions import db
from consult.models import (
    Article, Comment, CommentStatus, Consultation, Disposition, OfficialResponse, Submission, Validity,
)
from consult.text import clean_text

COMMENTS_PER_PAGE = 100
RESPONSES_PER_PAGE = 30


class ResponseError(Exception):
    """A response that cannot be saved as asked (the message is for staff)."""


@dataclass
class Section:
    """An article (or the general section, article None) and how far its answering has come."""

    article: Article | None
    approved: int
    answered: int

    @property
    def unanswered(self) -> int:
        return self.approved - self.answered

    @property
    def key(self) -> str:
        return str(self.article.id) if self.article else "general"


def consultation_or_404(slug: str) -> Consultation:
    """A consultation by slug, in any state (staff pages)."""
    consultation = db.session.execute(
        select(Consultation).where(Consultation.slug == slug)
    ).scalar_one_or_none()
    if consultation is None:
        abort(404)
    return consultation


def article_or_404(consultation: Consultation, article_id: int | None) -> Article | None:
    """One of the consultation's articles, or None for the general section."""
    if article_id is None:
        return None
    article = db.session.get(Article, article_id)
    if article is None or article.consultation_id != consultation.id:
        abort(404)
    return article


def _answerable(consultation_id: int):
    """Approved comments of submissions that count: the ones that need a response."""
    return (
        select(Comment).join(Comment.submission)
        .where(Comment.consultation_id == consultation_id, Comment.status == CommentStatus.APPROVED,
               Submission.validity == Validity.VALID)
    )


def _on_article(query, article_id: int | None):
    return query.where(Comment.article_id.is_(None) if article_id is None else Comment.article_id == article_id)


def progress(consultation: Consultation) -> dict:
    """Approved and answered comments per section, and the totals (one GROUP BY)."""
    rows = db.session.execute(
        _answerable(consultation.id).with_only_columns(
            Comment.article_id, func.count(), func.count(Comment.response_id)
        ).group_by(Comment.article_id)
    ).all()
    counts = {article_id: (approved, answered) for article_id, approved, answered in rows}
    sections = [Section(article, *counts.get(article.id, (0, 0))) for article in consultation.articles]
    if consultation.allow_general_comments or None in counts:
        sections.append(Section(None, *counts.get(None, (0, 0))))
    approved = sum(row[1] for row in rows)
    answered = sum(row[2] for row in rows)
    return {"sections": sections, "approved": approved, "answered": answered, "unanswered": approved - answered}


def unanswered_count(consultation_id: int) -> int:
    """Approved comments that still have no response."""
    return db.session.execute(
        _answerable(consultation_id).where(Comment.response_id.is_(None))
        .with_only_columns(func.count())
    ).scalar_one()


def unanswered_page(consultation: Consultation, article_id: int | None, page: int):
    """Unanswered comments of a section, grouped by stance (agree, disagree, other), oldest first."""
    query = (
        _on_article(_answerable(consultation.id), article_id).where(Comment.response_id.is_(None))
        .order_by(Comment.stance, Comment.created_at, Comment.id)
        .options(joinedload(Comment.submission).joinedload(Submission.hamlet))
    )
    return db.paginate(query, page=page, per_page=COMMENTS_PER_PAGE, error_out=False)


def responses_page(consultation: Consultation, article_id: int | None, page: int):
    """A section's responses with the comments each covers, newest last."""
    query = (
        select(OfficialResponse)
        .where(OfficialResponse.consultation_id == consultation.id,
               OfficialResponse.article_id.is_(None) if article_id is None
               else OfficialResponse.article_id == article_id)
        .order_by(OfficialResponse.id)
        .options(selectinload(OfficialResponse.comments).joinedload(Comment.submission).joinedload(Submission.hamlet),
                 joinedload(OfficialResponse.created_by))
    )
    return db.paginate(query, page=page, per_page=RESPONSES_PER_PAGE, error_out=False)


def check_explanation(disposition: Disposition, body: str) -> None:
    """Không tiếp thu needs its reason (giải trình) written down."""
    if disposition is Disposition.NOT_ACCEPTED and not clean_text(body):
        raise ResponseError(_("Không tiếp thu thì phải giải trình lý do: hãy nhập nội dung giải trình."))


def _comments_to_answer(consultation: Consultation, article_id: int | None, comment_ids: list[int]) -> list[Comment]:
    """The selected comments, checked: approved, counted, unanswered, all on the given article."""
    wanted = set(comment_ids)
    if not wanted:
        raise ResponseError(_("Hãy chọn ít nhất một ý kiến để trả lời."))
    comments = list(db.session.execute(
        _answerable(consultation.id).where(Comment.id.in_(wanted)).order_by(Comment.id)
    ).scalars())
    if len(comments) != len(wanted):
        raise ResponseError(_("Có ý kiến đã chọn không còn ở trạng thái đã duyệt. Hãy tải lại trang."))
    if any(comment.article_id != article_id for comment in comments):
        raise ResponseError(_("Chỉ trả lời chung các ý kiến về cùng một điều."))
    if any(comment.response_id is not None for comment in comments):
        raise ResponseError(_("Có ý kiến đã chọn đã được trả lời. Hãy tải lại trang."))
    return comments


def create_response(consultation: Consultation, article: Article | None, comment_ids: list[int],
                    disposition: Disposition, body: str, author) -> OfficialResponse:
    """Answer one or several comments of the same section with one response."""
    article_id = article.id if article else None
    comments = _comments_to_answer(consultation, article_id, comment_ids)
    check_explanation(disposition, body)
    response = OfficialResponse(consultation_id=consultation.id, article_id=article_id, disposition=disposition,
                                body=clean_text(body), created_by_id=author.id)
    db.session.add(response)
    db.session.flush()
    for comment in comments:
        comment.response_id = response.id
    cache.invalidate(cache.results_key(consultation.id))
    return response


def update_response(response: OfficialResponse, disposition: Disposition, body: str,
                    add_comment_ids: list[int]) -> dict:
    """Change a response's disposition and text, and add comments to it; returns before/after."""
    check_explanation(disposition, body)
    added = []
    if add_comment_ids:
        consultation = db.session.get(Consultation, response.consultation_id)
        added = _comments_to_answer(consultation, response.article_id, add_comment_ids)
    before = {"disposition": response.disposition.value, "body": response.body}
    response.disposition = disposition
    response.body = clean_text(body)
    for comment in added:
        comment.response_id = response.id
    cache.invalidate(cache.results_key(response.consultation_id))
    return {"before": before, "after": {"disposition": disposition.value, "body": response.body},
            "added_comment_ids": [comment.id for comment in added]}


def detach(response: OfficialResponse, comment: Comment) -> bool:
    """Take a comment off a response; a response left with no comment is deleted. True if deleted."""
    if comment.response_id != response.id:
        raise ResponseError(_("Ý kiến này không thuộc câu trả lời này."))
    comment.response_id = None
    db.session.flush()
    cache.invalidate(cache.results_key(response.consultation_id))
    remaining = db.session.execute(
        select(func.count()).select_from(Comment).where(Comment.response_id == response.id)
    ).scalar_one()
    if remaining == 0:
        db.session.delete(response)
        return True
    return False


def addable_comments(response: OfficialResponse, limit: int = 100) -> list[Comment]:
    """Unanswered approved comments of the response's section, for "add to this response"."""
    return list(db.session.execute(
        _on_article(_answerable(response.consultation_id), response.article_id)
        .where(Comment.response_id.is_(None))
        .order_by(Comment.stance, Comment.created_at).limit(limit)
        .options(joinedload(Comment.submission).joinedload(Submission.hamlet))
    ).scalars())
