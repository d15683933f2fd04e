"""Routes: /staff/consultations/<slug>/tallies — meeting tallies (hamlet officers: own hamlet only)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from consult.i18n import gettext as _
from flask_login import current_user

from consult import audit
from consult.extensions import db
from consult.meetings import bp
from consult.meetings.forms import STANCES, ConfirmForm, tally_form
from consult.meetings.services import (
    create_tally, delete_tally, snapshot, tallies_of, tally_in, tally_sums, tally_totals, update_tally,
)
from consult.models import Consultation, MeetingTally
from consult.permissions import Permission, can_act_for_hamlet, hamlet_scope, require
from consult.settings import active_hamlets
from consult.timeutil import local_today

BASE = "/staff/consultations/<slug>/tallies"


def _consultation(slug: str) -> Consultation:
    return db.first_or_404(db.select(Consultation).where(Consultation.slug == slug))


def _tally(consultation: Consultation, tally_id: int) -> MeetingTally:
    tally = tally_in(consultation, tally_id)
    if tally is None:
        abort(404)
    return tally


def _hamlet_choices() -> list[tuple[int, str]]:
    """Officers may only pick their own hamlet; others any hamlet, or the commune as a whole."""
    scope = hamlet_scope(current_user)
    hamlets = active_hamlets()
    if scope is not None:
        return [(h.id, h.name) for h in hamlets if h.id == scope]
    return [(0, _("Toàn xã (nhiều thôn/xóm)"))] + [(h.id, h.name) for h in hamlets]


def _require_posted_hamlet() -> None:
    """403 when the posted hamlet is one this user may not enter data for."""
    raw = request.form.get("hamlet_id", "")
    hamlet_id = int(raw) if raw.isdigit() and int(raw) > 0 else None
    if not can_act_for_hamlet(current_user, hamlet_id):
        abort(403)


def _form_page(consultation: Consultation, form, tally: MeetingTally | None = None, status: int = 200):
    return render_template(
        "meetings/tally_form.html", consultation=consultation, form=form, tally=tally, stances=STANCES,
        confirm_form=ConfirmForm(),
    ), status


@bp.route(BASE)
@require(Permission.ENTRY)
def tallies(slug: str):
    """The consultation's meeting tallies (an officer sees their hamlet's) and the sums per article."""
    consultation = _consultation(slug)
    return render_template(
        "meetings/tallies.html", consultation=consultation,
        tallies=tallies_of(consultation, hamlet_scope(current_user)),
        sums=tally_sums(consultation), totals=tally_totals(consultation),
    )


@bp.route(BASE + "/new", methods=["GET", "POST"])
@require(Permission.ENTRY)
def new_tally(slug: str):
    """Enter a meeting's tally."""
    consultation = _consultation(slug)
    if request.method == "POST":
        _require_posted_hamlet()
    form = tally_form(consultation, _hamlet_choices())
    if request.method == "GET":
        form.held_on.data = local_today()
        form.hamlet_id.data = hamlet_scope(current_user) or 0
    if not form.validate_on_submit():
        return _form_page(consultation, form, status=422 if request.method == "POST" else 200)
    tally = create_tally(consultation, form.data_for_service(), current_user)
    audit.record("tally.create", tally, consultation_id=consultation.id, after=snapshot(tally))
    db.session.commit()
    flash(_("Đã lưu biên bản hội nghị."), "success")
    return redirect(url_for("meetings.tallies", slug=slug), 303)


@bp.route(BASE + "/<int:tally_id>", methods=["GET", "POST"])
@require(Permission.ENTRY)
def edit_tally(slug: str, tally_id: int):
    """Correct a meeting's tally."""
    consultation = _consultation(slug)
    tally = _tally(consultation, tally_id)
    if not can_act_for_hamlet(current_user, tally.hamlet_id):
        abort(403)
    if request.method == "POST":
        _require_posted_hamlet()
    form = tally_form(consultation, _hamlet_choices())
    if request.method == "GET":
        form.fill_from(tally)
    if not form.validate_on_submit():
        return _form_page(consultation, form, tally, status=422 if request.method == "POST" else 200)
    changes = update_tally(tally, form.data_for_service())
    if changes:
        audit.record("tally.update", tally, consultation_id=consultation.id, changes=changes)
    db.session.commit()
    flash(_("Đã lưu biên bản hội nghị."), "success")
    return redirect(url_for("meetings.tallies", slug=slug), 303)


@bp.route(BASE + "/<int:tally_id>/delete", methods=["POST"])
@require(Permission.ENTRY)
def delete(slug: str, tally_id: int):
    """Delete a tally entered by mistake (the audit log keeps its content)."""
    consultation = _consultation(slug)
    tally = _tally(consultation, tally_id)
    if not can_act_for_hamlet(current_user, tally.hamlet_id):
        abort(403)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    before = snapshot(tally)
    delete_tally(tally)
    audit.record("tally.delete", tally, consultation_id=consultation.id, before=before)
    db.session.commit()
    flash(_("Đã xóa biên bản hội nghị."), "success")
    return redirect(url_for("meetings.tallies", slug=slug), 303)
