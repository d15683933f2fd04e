"""All approved comments of one section of a consultation, by pages, with their responses
(the results page shows only the first few of each section)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from consult.extensions import db
from consult.models import (
    Article, Comment, CommentStatus, Consultation, Hamlet, OfficialResponse, Submission, Validity,
)
from consult.results.view import CommentGroup, group_comments

PER_PAGE = 50


@dataclass
class SectionListing:
    """One page of a section's approved comments, grouped by the response that answers them."""

    article: Article | None
    total: int
    page: int
    pages: int
    groups: list[CommentGroup]


def section_comments(consultation: Consultation, article_id: int | None, page: int) -> SectionListing | None:
    """The page-th page of approved comments of an article (None: the draft as a whole); None if no such article."""
    article = None
    if article_id is not None:
        article = db.session.get(Article, article_id)
        if article is None or article.consultation_id != consultation.id:
            return None
    conditions = (
        Comment.consultation_id == consultation.id, Comment.status == CommentStatus.APPROVED,
        Submission.validity == Validity.VALID,
        Comment.article_id.is_(None) if article_id is None else Comment.article_id == article_id,
    )
    total = db.session.execute(
        select(func.count()).select_from(Comment).join(Comment.submission).where(*conditions)
    ).scalar_one()
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    author = case((Submission.show_name.is_(True), Submission.display_name), else_="").label("author")
    rows = db.session.execute(
        select(Comment.id, Comment.stance, Comment.body, Comment.created_at, Comment.response_id,
               Submission.hamlet_id, author)
        .join(Comment.submission).where(*conditions)
        .order_by(case((Comment.response_id.is_(None), 1), else_=0), Comment.response_id, Comment.id)
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).all()
    samples = [{"id": row.id, "stance": row.stance.value, "body": row.body, "created_at": row.created_at.isoformat(),
                "response_id": row.response_id, "hamlet_id": row.hamlet_id, "author": row.author or ""}
               for row in rows]
    response_ids = {row.response_id for row in rows if row.response_id is not None}
    responses = {}
    if response_ids:
        covered = dict(db.session.execute(
            select(Comment.response_id, func.count()).join(Comment.submission)
            .where(Comment.response_id.in_(response_ids), Comment.status == CommentStatus.APPROVED,
                   Submission.validity == Validity.VALID)
            .group_by(Comment.response_id)
        ).all())
        for response in db.session.execute(
            select(OfficialResponse).where(OfficialResponse.id.in_(response_ids))
        ).scalars():
            responses[str(response.id)] = {"disposition": response.disposition.value, "body": response.body,
                                           "updated_at": response.updated_at.isoformat(),
                                           "comments": covered.get(response.id, 0)}
    hamlet_names = dict(db.session.execute(select(Hamlet.id, Hamlet.name)).all())
    return SectionListing(article, total, page, pages, group_comments(samples, responses, hamlet_names))
