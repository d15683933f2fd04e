"""Routes: /staff/consultations/<slug>/questions — the question editor.

Every action is a plain form that answers 303 (or 422 with the form and what was
typed); with htmx the same endpoints answer fragments: an item replaces itself
when edited, and the list re-renders after a move or a removal.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from consult.i18n import gettext as _

from consult import audit
from consult.extensions import db
from consult.htmx import is_fragment_request, render_page_or_block
from consult.models import Consultation
from consult.permissions import Permission, require
from consult.surveys import bp
from consult.surveys.forms import ConfirmForm, QuestionForm
from consult.surveys.services import (
    QuestionChangeRefused, add_question, answer_counts, delete_question, is_answered, move_question,
    question_in, questions_of, snapshot, update_question,
)

BASE = "/staff/consultations/<slug>/questions"


def _consultation(slug: str) -> Consultation:
    return db.first_or_404(db.select(Consultation).where(Consultation.slug == slug))


def _question(consultation: Consultation, question_id: int):
    question = question_in(consultation, question_id)
    if question is None:
        abort(404)
    return question


def _editor_url(consultation: Consultation, question=None) -> str:
    anchor = f"#question-{question.id}" if question is not None else ""
    return url_for("surveys.editor", slug=consultation.slug) + anchor


def _new_form() -> QuestionForm:
    """An empty "add a question" form."""
    return QuestionForm(formdata=None).scope_ids("new")


def _render_editor(consultation: Consultation, add_form: QuestionForm, *, block: str = "editor",
                   status: int = 200, notice: str = "", focus_id: int | None = None):
    return render_page_or_block(
        "surveys/editor.html", block, status, consultation=consultation, questions=questions_of(consultation),
        counts=answer_counts(consultation), add_form=add_form, notice=notice, focus_id=focus_id,
    )


def _render_item(consultation: Consultation, question):
    body = render_template(
        "surveys/_item.html", consultation=consultation, question=question,
        count=answer_counts(consultation).get(question.id, 0), total=len(consultation.questions),
        focus_id=question.id,
    )
    return body, 200, {"Vary": "HX-Request"}


def _render_edit(consultation: Consultation, question, form: QuestionForm, status: int = 200):
    count = answer_counts(consultation).get(question.id, 0)
    return render_page_or_block(
        "surveys/edit.html", "item", status, consultation=consultation, question=question, form=form,
        count=count, locked=count > 0,
    )


@bp.route(BASE)
@require(Permission.CONSULTATION_EDIT)
def editor(slug: str):
    """The consultation's questions in order, each editable in place, and a form to add one."""
    return _render_editor(_consultation(slug), _new_form())


@bp.route(BASE, methods=["POST"])
@require(Permission.CONSULTATION_EDIT)
def add(slug: str):
    """Add a question at the end."""
    consultation = _consultation(slug)
    form = QuestionForm().scope_ids("new")
    if not form.validate_on_submit():
        return _render_editor(consultation, form, status=422)
    question = add_question(consultation, form.draft())
    audit.record("question.create", question, consultation_id=consultation.id, after=snapshot(question))
    db.session.commit()
    if is_fragment_request():
        return _render_editor(consultation, _new_form())
    flash(_("Đã thêm câu hỏi."), "success")
    return redirect(_editor_url(consultation, question), 303)


@bp.route(BASE + "/<int:question_id>")
@require(Permission.CONSULTATION_EDIT)
def show(slug: str, question_id: int):
    """One question as it reads (htmx: "Hủy" puts it back); a browser goes to the list."""
    consultation = _consultation(slug)
    question = _question(consultation, question_id)
    if not is_fragment_request():
        return redirect(_editor_url(consultation, question), 303)
    return _render_item(consultation, question)


@bp.route(BASE + "/<int:question_id>/edit")
@require(Permission.CONSULTATION_EDIT)
def edit(slug: str, question_id: int):
    """The edit form of one question (a page, or the item in edit mode for htmx)."""
    consultation = _consultation(slug)
    question = _question(consultation, question_id)
    form = QuestionForm(formdata=None).scope_ids(f"q{question.id}").fill_from(question)
    return _render_edit(consultation, question, form)


@bp.route(BASE + "/<int:question_id>", methods=["POST"])
@require(Permission.CONSULTATION_EDIT)
def update(slug: str, question_id: int):
    """Save a question; once answered only its wording, and the change is audited with before/after."""
    consultation = _consultation(slug)
    question = _question(consultation, question_id)
    form = QuestionForm().scope_ids(f"q{question.id}")
    if not form.validate_on_submit():
        return _render_edit(consultation, question, form, 422)
    answered = is_answered(question)
    try:
        changes = update_question(question, form.draft(), answered=answered)
    except QuestionChangeRefused as refusal:
        form[refusal.field_name].errors.append(refusal.message)
        return _render_edit(consultation, question, form, 422)
    if changes:
        action = "question.reword" if answered else "question.update"
        audit.record(action, question, consultation_id=consultation.id, changes=changes)
    db.session.commit()
    if is_fragment_request():
        return _render_item(consultation, question)
    flash(_("Đã lưu câu hỏi."), "success")
    return redirect(_editor_url(consultation, question), 303)


@bp.route(BASE + "/<int:question_id>/move", methods=["POST"])
@require(Permission.CONSULTATION_EDIT)
def move(slug: str, question_id: int):
    """Move a question one place up or down."""
    consultation = _consultation(slug)
    question = _question(consultation, question_id)
    direction = request.form.get("direction", "")
    if not ConfirmForm().validate_on_submit() or direction not in ("up", "down"):
        return _render_editor(consultation, _new_form(), block="questions", status=400,
                              notice=_("Không rõ chuyển câu hỏi lên hay xuống."))
    before = question.position
    if move_question(consultation, question, direction):
        audit.record("question.move", question, consultation_id=consultation.id,
                     changes={"position": [before, question.position]})
    db.session.commit()
    if is_fragment_request():
        return _render_editor(consultation, _new_form(), block="questions", focus_id=question.id)
    return redirect(_editor_url(consultation, question), 303)


@bp.route(BASE + "/<int:question_id>/delete", methods=["POST"])
@require(Permission.CONSULTATION_EDIT)
def delete(slug: str, question_id: int):
    """Remove a question nobody has answered yet."""
    consultation = _consultation(slug)
    question = _question(consultation, question_id)
    if not ConfirmForm().validate_on_submit():
        return _render_editor(consultation, _new_form(), block="questions", status=400)
    before = snapshot(question)
    try:
        delete_question(consultation, question)
    except QuestionChangeRefused as refusal:
        if is_fragment_request():
            return _render_editor(consultation, _new_form(), block="questions", status=409, notice=refusal.message)
        flash(refusal.message, "error")
        return redirect(_editor_url(consultation, question), 303)
    audit.record("question.delete", question, consultation_id=consultation.id, before=before)
    db.session.commit()
    if is_fragment_request():
        return _render_editor(consultation, _new_form(), block="questions")
    flash(_("Đã xóa câu hỏi."), "success")
    return redirect(_editor_url(consultation), 303)
