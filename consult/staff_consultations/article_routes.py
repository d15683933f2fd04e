"""Routes: a consultation's articles — paste and split, add, edit in place, move, delete.
(The URL map of the whole feature is in routes.py.)"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from consult.i18n import gettext as _

from consult import audit
from consult.extensions import db
from consult.htmx import is_fragment_request, render_block, render_page_or_block
from consult.models import Article, Consultation
from consult.permissions import Permission, require
from consult.staff_consultations import bp
from consult.staff_consultations.articles import (
    ARTICLE_FIELDS, ArticleRefused, add_article, article_of, comment_counts, delete_article,
    has_article_comments, move_article, next_number, ordered, replace_articles, update_article,
)
from consult.staff_consultations.forms import ArticleForm, ArticleImportForm, ConfirmForm
from consult.staff_consultations.hub import HUB_TEMPLATE, load_or_404
from consult.staff_consultations.splitter import LABEL_ARTICLE, split_document

ARTICLE_PAGE = "staff_consultations/article_edit.html"


def _load_article(slug: str, article_id: int) -> tuple[Consultation, Article]:
    consultation = load_or_404(slug)
    article = article_of(consultation, article_id)
    if article is None:
        abort(404)
    return consultation, article


def _hub_anchor(consultation: Consultation, anchor: str) -> str:
    return url_for(".show", slug=consultation.slug, _anchor=anchor)


def _article_values(form: ArticleForm) -> dict:
    return {key: (form[key].data or "") for key in ARTICLE_FIELDS}


def _article_list(consultation: Consultation):
    """The hub's article list alone (htmx), after a move or a delete."""
    body = render_block(HUB_TEMPLATE, "article_list", consultation=consultation, articles=ordered(consultation),
                        comment_counts=comment_counts(consultation))
    return body, 200, {"Vary": "HX-Request"}


def _article_item(consultation: Consultation, article: Article):
    """One article as the hub lists it (htmx), after an edit or a cancel."""
    body = render_template("staff_consultations/_article_item.html", consultation=consultation, article=article,
                           comments=comment_counts(consultation).get(article.id, 0))
    return body, 200, {"Vary": "HX-Request"}


@bp.route("/<slug>/articles/import", methods=["GET", "POST"])
@require(Permission.CONSULTATION_EDIT)
def articles_import(slug: str):
    """Paste a whole draft, review how it splits into articles, then replace the articles with it."""
    consultation = load_or_404(slug)
    refused = has_article_comments(consultation)
    if refused and request.method == "POST":
        abort(409, description=_(
            "Đã có người dân góp ý vào các điều của dự thảo này, nên không thể thay toàn bộ các điều."
        ))
    form = ArticleImportForm()
    if "reviewed" not in request.form:  # the tick box appears with the review: preset it the first time
        form.use_preamble.data = not consultation.body_md.strip()
    split = None
    if form.validate_on_submit():
        split = split_document(form.text.data)
        if request.form.get("action") == "confirm" and split.articles:
            try:
                details = replace_articles(consultation, split, use_preamble=bool(form.use_preamble.data))
            except ArticleRefused as error:
                abort(409, description=str(error))
            audit.record("article.import", consultation, count=len(split.articles), **details)
            db.session.commit()
            flash(_("Đã tách và lưu %(n)s điều/mục. Có thể sửa, sắp xếp lại từng điều bên dưới.",
                    n=len(split.articles)), "success")
            return redirect(_hub_anchor(consultation, "articles"), 303)
    return render_template(
        "staff_consultations/articles_import.html", consultation=consultation, form=form, split=split,
        refused=refused, existing=len(ordered(consultation)),
    ), 422 if form.errors else 200


@bp.route("/<slug>/articles/new", methods=["GET", "POST"])
@require(Permission.CONSULTATION_EDIT)
def article_new(slug: str):
    """Add one article at the end."""
    consultation = load_or_404(slug)
    form = ArticleForm(data={"label": LABEL_ARTICLE, "number": next_number(consultation)})
    if form.validate_on_submit():
        article = add_article(consultation, _article_values(form))
        audit.record("article.create", article, consultation_id=consultation.id, after=_article_values(form))
        db.session.commit()
        flash(_("Đã thêm %(title)s.", title=article.title), "success")
        return redirect(_hub_anchor(consultation, f"article-{article.id}"), 303)
    return render_template(ARTICLE_PAGE, consultation=consultation, article=None, form=form, inline=False), \
        422 if form.errors else 200


@bp.route("/<slug>/articles/<int:article_id>")
@require(Permission.CONSULTATION_VIEW)
def article(slug: str, article_id: int):
    """One article as the hub lists it (htmx "cancel"); a browser goes to the hub."""
    consultation, item = _load_article(slug, article_id)
    if is_fragment_request():
        return _article_item(consultation, item)
    return redirect(_hub_anchor(consultation, f"article-{item.id}"), 303)


@bp.route("/<slug>/articles/<int:article_id>/edit", methods=["GET", "POST"])
@require(Permission.CONSULTATION_EDIT)
def article_edit(slug: str, article_id: int):
    """Edit one article: a page of its own, or in place of the hub's item with htmx."""
    consultation, item = _load_article(slug, article_id)
    form = ArticleForm(data={key: getattr(item, key) for key in ARTICLE_FIELDS})
    if form.validate_on_submit():
        changes = update_article(item, _article_values(form))
        if changes:
            audit.record("article.update", item, consultation_id=consultation.id, changes=changes)
        db.session.commit()
        if is_fragment_request():
            return _article_item(consultation, item)
        flash(_("Đã lưu %(title)s.", title=item.title), "success")
        return redirect(_hub_anchor(consultation, f"article-{item.id}"), 303)
    return render_page_or_block(
        ARTICLE_PAGE, "article_form", 422 if form.errors else 200,
        consultation=consultation, article=item, form=form, inline=is_fragment_request(),
    )


@bp.route("/<slug>/articles/<int:article_id>/move", methods=["POST"])
@require(Permission.CONSULTATION_EDIT)
def article_move(slug: str, article_id: int):
    """Move an article one place up or down."""
    consultation, item = _load_article(slug, article_id)
    direction = request.form.get("direction")
    if direction not in ("up", "down") or not ConfirmForm().validate_on_submit():
        abort(400)
    before, after = move_article(consultation, item, direction)
    if before != after:
        audit.record("article.move", item, consultation_id=consultation.id, position=[before, after])
    db.session.commit()
    if is_fragment_request():
        return _article_list(consultation)
    return redirect(_hub_anchor(consultation, f"article-{item.id}"), 303)


@bp.route("/<slug>/articles/<int:article_id>/delete", methods=["POST"])
@require(Permission.CONSULTATION_EDIT)
def article_delete(slug: str, article_id: int):
    """Delete an article nobody has commented on."""
    consultation, item = _load_article(slug, article_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    title = item.title
    try:
        removed = delete_article(consultation, item)
    except ArticleRefused as error:
        abort(409, description=str(error))
    audit.record("article.delete", item, consultation_id=consultation.id, removed=removed)
    db.session.commit()
    if is_fragment_request():
        return _article_list(consultation)
    flash(_("Đã xóa %(title)s.", title=title), "success")
    return redirect(_hub_anchor(consultation, "articles"), 303)
