"""Article operations: replace from a pasted draft, add, edit, move, delete (no request, no commit).

Articles that residents have commented on are never deleted or replaced: a comment's
article is part of what the resident said, and reports group comments by article.
"""
from __future__ import annotations

from consult.i18n import gettext as _
from sqlalchemy import func

from consult.audit import apply_changes
from consult.extensions import db
from consult.models import Article, Comment, Consultation
from consult.staff_consultations.splitter import SplitDraft

ARTICLE_FIELDS = ("label", "number", "heading", "chapter", "body")


class ArticleRefused(Exception):
    """The change would orphan residents' comments (HTTP 409); the message explains why."""


def ordered(consultation: Consultation) -> list[Article]:
    """The consultation's articles in reading order."""
    return list(db.session.execute(
        db.select(Article).where(Article.consultation_id == consultation.id).order_by(Article.position, Article.id)
    ).scalars())


def comment_counts(consultation: Consultation) -> dict[int, int]:
    """Comments (any status) per article id, in one query."""
    rows = db.session.execute(
        db.select(Comment.article_id, func.count())
        .where(Comment.consultation_id == consultation.id, Comment.article_id.is_not(None))
        .group_by(Comment.article_id)
    ).all()
    return {article_id: int(n) for article_id, n in rows}


def has_article_comments(consultation: Consultation) -> bool:
    """Whether any resident has commented on one of the articles."""
    return db.session.execute(
        db.select(Comment.id).where(Comment.consultation_id == consultation.id, Comment.article_id.is_not(None))
        .limit(1)
    ).first() is not None


def article_of(consultation: Consultation, article_id: int) -> Article | None:
    """An article, only if it belongs to this consultation."""
    return db.session.execute(
        db.select(Article).where(Article.id == article_id, Article.consultation_id == consultation.id)
    ).scalar_one_or_none()


def replace_articles(consultation: Consultation, split: SplitDraft, *, use_preamble: bool) -> dict:
    """Replace every article with the split draft's; returns what changed, for the audit log."""
    if has_article_comments(consultation):
        raise ArticleRefused(_(
            "Đã có người dân góp ý vào các điều của dự thảo này, nên không thể thay toàn bộ các điều: "
            "các ý kiến đó sẽ mất chỗ dựa. Hãy sửa từng điều, hoặc thêm điều mới."
        ))
    existing = ordered(consultation)
    for article in existing:
        db.session.delete(article)
    db.session.flush()
    for position, draft in enumerate(split.articles, start=1):
        db.session.add(Article(
            consultation_id=consultation.id, position=position, label=draft.label, number=draft.number,
            heading=draft.heading[:500], body=draft.body, chapter=draft.chapter[:300],
        ))
    details = {
        "before": [a.title for a in existing],
        "after": [draft.title for draft in split.articles],
    }
    if use_preamble and split.preamble and split.preamble != consultation.body_md:
        details["body_md"] = [consultation.body_md, split.preamble]
        consultation.body_md = split.preamble
    db.session.flush()
    db.session.expire(consultation, ["articles"])
    return details


def add_article(consultation: Consultation, values: dict) -> Article:
    """A new article at the end."""
    last = db.session.execute(
        db.select(func.max(Article.position)).where(Article.consultation_id == consultation.id)
    ).scalar_one()
    article = Article(consultation_id=consultation.id, position=(last or 0) + 1,
                      **{key: values[key] for key in ARTICLE_FIELDS})
    db.session.add(article)
    db.session.flush()
    db.session.expire(consultation, ["articles"])
    return article


def update_article(article: Article, values: dict) -> dict:
    """Apply the form's values; returns {field: [before, after]} of what changed."""
    return apply_changes(article, values, ARTICLE_FIELDS)


def move_article(consultation: Consultation, article: Article, direction: str) -> tuple[int, int]:
    """Swap an article with its neighbour ("up" or "down"); returns (old, new) position."""
    articles = ordered(consultation)
    index = next(i for i, a in enumerate(articles) if a.id == article.id)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(articles):
        articles[index], articles[target] = articles[target], articles[index]
    else:
        target = index
    for position, item in enumerate(articles, start=1):
        item.position = position
    db.session.flush()
    db.session.expire(consultation, ["articles"])
    return index + 1, target + 1


def delete_article(consultation: Consultation, article: Article) -> dict:
    """Delete an article nobody commented on, and close the gap in the order."""
    if comment_counts(consultation).get(article.id):
        raise ArticleRefused(_(
            "Điều này đã có ý kiến của người dân nên không thể xóa. Có thể sửa nội dung của điều."
        ))
    removed = {key: getattr(article, key) for key in ("position", *ARTICLE_FIELDS)}
    db.session.delete(article)
    db.session.flush()
    for position, item in enumerate(ordered(consultation), start=1):
        item.position = position
    db.session.flush()
    db.session.expire(consultation, ["articles"])
    return removed


def next_number(consultation: Consultation) -> str:
    """A number for a new article: one after the last numeric one."""
    numbers = [a.number for a in ordered(consultation)]
    digits = [int(n) for n in numbers if n.isdigit()]
    return str(max(digits) + 1) if digits else str(len(numbers) + 1)
