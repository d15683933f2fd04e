"""Routes: /staff/consultations/<slug>/responses — progress, one page per article, write and edit.

Reading needs CONSULTATION_VIEW (council members follow the answering); writing needs RESPOND.
Without JavaScript every form posts and answers 303 (422 with the form kept on errors); with
htmx the answering form replaces its section block.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from consult.i18n import gettext as _
from flask_login import current_user

from consult import audit
from consult.extensions import db
from consult.htmx import is_fragment_request, render_page_or_block
from consult.models import Comment, OfficialResponse
from consult.permissions import Permission, require
from consult.responses import bp, services
from consult.responses.forms import DetachForm, ResponseEditForm, ResponseForm
from consult.responses.services import ResponseError


def _page(name: str = "page") -> int:
    return request.args.get(name, 1, type=int) or 1


def _section_url(consultation, article_id: int | None, anchor: str = "") -> str:
    if article_id is None:
        url = url_for("responses.general", slug=consultation.slug)
    else:
        url = url_for("responses.section", slug=consultation.slug, article_id=article_id)
    return f"{url}#{anchor}" if anchor else url


def _render_section(consultation, article, form: ResponseForm, status: int = 200):
    """A section's page (or its block for htmx): unanswered comments by stance, then the responses."""
    article_id = article.id if article else None
    progress = services.progress(consultation)
    keys = [section.key for section in progress["sections"]]
    key = str(article_id) if article_id else "general"
    position = keys.index(key) if key in keys else -1
    neighbours = {
        "previous": progress["sections"][position - 1] if position > 0 else None,
        "next": progress["sections"][position + 1] if 0 <= position < len(keys) - 1 else None,
    }
    form.article.data = str(article_id or "")
    return render_page_or_block(
        "responses/section.html", "section", status=status,
        consultation=consultation, article=article, form=form, progress=progress,
        section=next((s for s in progress["sections"] if s.key == key), None), neighbours=neighbours,
        unanswered=services.unanswered_page(consultation, article_id, _page()),
        responses=services.responses_page(consultation, article_id, _page("rpage")),
        checked=set(form.comment_ids.data or []),
        section_endpoint="responses.section" if article_id else "responses.general",
    )


@bp.route("")
@require(Permission.CONSULTATION_VIEW)
def index(slug: str):
    """How many approved comments each article has, and how many still await a response."""
    from consult.results.services import staff_panel

    consultation = services.consultation_or_404(slug)
    return render_template("responses/index.html", consultation=consultation,
                           progress=services.progress(consultation), **staff_panel(consultation))


@bp.route("/<int:article_id>")
@require(Permission.CONSULTATION_VIEW)
def section(slug: str, article_id: int):
    """One article's comments, unanswered by stance, then its responses."""
    consultation = services.consultation_or_404(slug)
    article = services.article_or_404(consultation, article_id)
    return _render_section(consultation, article, ResponseForm(formdata=None))


@bp.route("/general")
@require(Permission.CONSULTATION_VIEW)
def general(slug: str):
    """Comments on the draft as a whole, unanswered by stance, then their responses."""
    consultation = services.consultation_or_404(slug)
    return _render_section(consultation, None, ResponseForm(formdata=None))


@bp.post("")
@require(Permission.RESPOND)
def create(slug: str):
    """Answer the ticked comments of one section together."""
    consultation = services.consultation_or_404(slug)
    form = ResponseForm()
    raw_article = request.form.get("article", "")
    if raw_article and not raw_article.isdigit():
        abort(404)
    article = services.article_or_404(consultation, int(raw_article) if raw_article else None)
    if not form.validate_on_submit():
        return _render_section(consultation, article, form, status=422)
    try:
        response = services.create_response(consultation, article, form.comment_ids.data,
                                            form.chosen_disposition, form.body.data or "", current_user)
    except ResponseError as error:
        form.comment_ids.errors = [str(error)]
        return _render_section(consultation, article, form, status=422)
    audit.record("response.create", response, consultation_id=consultation.id, disposition=response.disposition,
                 body=response.body, comment_ids=[comment.id for comment in response.comments])
    db.session.commit()
    if is_fragment_request():
        return _render_section(consultation, article, ResponseForm(formdata=None))
    flash(_("Đã lưu câu trả lời cho %(count)d ý kiến.", count=len(response.comments)), "success")
    return redirect(_section_url(consultation, response.article_id, f"r-{response.id}"), 303)


def _response_or_404(consultation, response_id: int) -> OfficialResponse:
    response = db.get_or_404(OfficialResponse, response_id)
    if response.consultation_id != consultation.id:
        abort(404)
    return response


@bp.route("/r/<int:response_id>", methods=["GET", "POST"])
@require(Permission.RESPOND)
def edit(slug: str, response_id: int):
    """Change a response's disposition or text, or add comments of the same section to it."""
    consultation = services.consultation_or_404(slug)
    response = _response_or_404(consultation, response_id)
    form = ResponseEditForm(obj=response if request.method == "GET" else None)
    if request.method == "GET":
        form.disposition.data = response.disposition.value
    if form.validate_on_submit():
        try:
            change = services.update_response(response, form.chosen_disposition, form.body.data or "",
                                              form.add_comment_ids.data or [])
        except ResponseError as error:
            form.add_comment_ids.errors = [str(error)]
        else:
            audit.record("response.update", response, consultation_id=consultation.id, **change)
            db.session.commit()
            flash(_("Đã lưu câu trả lời."), "success")
            return redirect(_section_url(consultation, response.article_id, f"r-{response.id}"), 303)
    return render_template(
        "responses/edit.html", consultation=consultation, response=response, form=form,
        addable=services.addable_comments(response), checked=set(form.add_comment_ids.data or []),
    ), 422 if form.errors else 200


@bp.post("/r/<int:response_id>/detach/<int:comment_id>")
@require(Permission.RESPOND)
def detach(slug: str, response_id: int, comment_id: int):
    """Take one comment off a response (it needs answering again)."""
    consultation = services.consultation_or_404(slug)
    response = _response_or_404(consultation, response_id)
    comment = db.get_or_404(Comment, comment_id)
    if not DetachForm().validate_on_submit():
        abort(400)
    article_id, kept = response.article_id, {"disposition": response.disposition, "body": response.body}
    try:
        deleted = services.detach(response, comment)
    except ResponseError as error:
        flash(str(error), "error")
        return redirect(url_for("responses.edit", slug=slug, response_id=response.id), 303)
    # A deleted response's text stays in the log, so nothing staff wrote is ever lost.
    audit.record("response.detach", response, consultation_id=consultation.id, comment_id=comment.id,
                 response_deleted=deleted, **(kept if deleted else {}))
    db.session.commit()
    if deleted:
        flash(_("Đã gỡ ý kiến; câu trả lời không còn ý kiến nào nên đã được xóa."), "success")
        return redirect(_section_url(consultation, article_id), 303)
    flash(_("Đã gỡ ý kiến khỏi câu trả lời; ý kiến này cần được trả lời lại."), "success")
    return redirect(url_for("responses.edit", slug=slug, response_id=response.id), 303)
