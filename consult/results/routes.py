"""Routes: /c/<slug>/results (+ .json, .csv, all comments of a section) and the staff actions
/staff/consultations/<slug>/results/publish and /decision.

Before publication: staff with CONSULTATION_VIEW see a live view with a banner; anyone else gets
404 — for a consultation residents know (published) a polite "chưa công bố" page, still 404;
for a draft the plain 404 page, so a draft's existence is not revealed. The JSON and CSV are 404
for everyone until results are published.
"""
from __future__ import annotations

import json

from flask import Response, abort, flash, redirect, render_template, request, url_for
from consult.i18n import gettext as _
from flask_login import current_user

from consult import audit, cache, pagecache
from consult.extensions import db
from consult.htmx import is_fragment_request, render_page_or_block
from consult.permissions import Permission, require
from consult.results import bp, opendata, services
from consult.results.comments import section_comments
from consult.results.forms import DecisionForm, PublishForm
from consult.results.services import PublishError
from consult.results.view import STANCES


def _visible_or_404(slug: str):
    """The consultation and whether this is the staff live view; 404 for whoever may not see it."""
    consultation = services.by_slug(slug)
    if consultation is None:
        abort(404)
    if services.is_public(consultation):
        return consultation, False
    if services.can_see_live(current_user):
        return consultation, True
    if consultation.published_at is None:
        abort(404)
    return consultation, None


def _not_published(consultation):
    return render_template("results/not_published.html", consultation=consultation), 404


@bp.route("/c/<slug>/results")
def show(slug: str):
    """What residents said and what the commune did with it: participation, stances, survey, responses."""
    consultation, live = _visible_or_404(slug)
    if live is None:
        return _not_published(consultation)

    def render() -> str:
        return render_template("results/show.html", consultation=consultation, view=services.results_view(consultation),
                               live=live, stances=STANCES, fields=opendata.FIELDS)

    if live or not pagecache.anonymous_visit():
        return render()
    # Published results are the same for every resident: rendered once per version of the data.
    return pagecache.rendered(lambda: _results_fingerprint(consultation), render)


def _results_fingerprint(consultation) -> tuple:
    return ("results", consultation.id, consultation.updated_at, consultation.results_published_at,
            pagecache.computed_at(cache.results_key(consultation.id)), *pagecache.common_fingerprint())


@bp.route("/c/<slug>/results/y-kien/chung", defaults={"article_id": None}, endpoint="general_comments")
@bp.route("/c/<slug>/results/y-kien/<int:article_id>")
def comments(slug: str, article_id: int | None):
    """Every approved comment of one article (or of the draft as a whole) with its response, by pages."""
    consultation, live = _visible_or_404(slug)
    if live is None:
        return _not_published(consultation)
    page = request.args.get("page", 1, type=int) or 1
    listing = section_comments(consultation, article_id, page)
    if listing is None:
        abort(404)
    return render_template("results/comments.html", consultation=consultation, listing=listing, live=live)


def _public_or_404(slug: str):
    consultation = services.by_slug(slug)
    if consultation is None or not services.is_public(consultation):
        abort(404)
    return consultation


@bp.route("/c/<slug>/results.json")
def json_data(slug: str):
    """Open data: the aggregates and the approved comments with their responses."""
    consultation = _public_or_404(slug)
    view = services.results_view(consultation)
    url = url_for("results.show", slug=slug, _external=True)
    # UTF-8 as is (not \uXXXX escapes): Vietnamese text stays readable and the file half the size.
    body = json.dumps(opendata.document(view, url), ensure_ascii=False, separators=(",", ":"))
    return Response(body, mimetype="application/json", headers={
        "Access-Control-Allow-Origin": "*",  # open data: any site may read it
    })


@bp.route("/c/<slug>/results.csv")
def csv_data(slug: str):
    """The approved comments with article, stance, hamlet and response, as CSV (UTF-8 with BOM)."""
    consultation = _public_or_404(slug)
    body = opendata.comments_csv(services.results_view(consultation))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="ket-qua-{consultation.slug}.csv"',
    })


# --- staff ---------------------------------------------------------------------------

def _back(form, slug: str) -> str:
    """Where the panel's form came from (a staff page), else the responses page."""
    target = form.next.data or ""
    if target.startswith("/staff/") and "//" not in target and "\\" not in target:
        return target
    return url_for("responses.index", slug=slug)


def _panel_response(consultation, status: int, **forms):
    """The results panel alone (htmx) or on a page of its own, after a failed or done action."""
    context = services.staff_panel(consultation, **forms)
    return render_page_or_block("results/panel_page.html", "panel", status=status,
                                consultation=consultation, **context)


def _consultation_or_404(slug: str):
    consultation = services.by_slug(slug)
    if consultation is None:
        abort(404)
    return consultation


@bp.post("/staff/consultations/<slug>/results/publish")
@require(Permission.CONSULTATION_PUBLISH)
def publish(slug: str):
    """Publish results and responses (once closed; with unanswered comments only if confirmed with a reason)."""
    consultation = _consultation_or_404(slug)
    form = PublishForm()
    if not form.validate_on_submit():
        return _panel_response(consultation, 422, publish_form=form)
    try:
        unanswered = services.publish_results(consultation, confirmed=form.confirm_unanswered.data,
                                              note=form.note.data or "")
    except PublishError as error:
        getattr(form, error.field).errors = [str(error)]
        return _panel_response(consultation, 422, publish_form=form)
    audit.record("consultation.publish_results", consultation, reason=consultation.results_publish_note,
                 unanswered=unanswered, decided_on=consultation.decided_on)
    db.session.commit()
    message = _("Đã công bố kết quả. Người dân xem được tại trang kết quả.")
    if is_fragment_request():
        return _panel_response(consultation, 200)
    flash(message, "success")
    return redirect(_back(form, slug), 303)


@bp.post("/staff/consultations/<slug>/results/decision")
@require(Permission.CONSULTATION_PUBLISH)
def decision(slug: str):
    """Record the date the competent body decided, from which the 5 working days run."""
    consultation = _consultation_or_404(slug)
    form = DecisionForm()
    if not form.validate_on_submit():
        return _panel_response(consultation, 422, decision_form=form)
    try:
        previous = services.set_decided_on(consultation, form.decided_on.data)
    except PublishError as error:
        form.decided_on.errors = [str(error)]
        return _panel_response(consultation, 422, decision_form=form)
    audit.record("consultation.set_decided_on", consultation, before=previous, after=consultation.decided_on)
    db.session.commit()
    if is_fragment_request():
        return _panel_response(consultation, 200)
    flash(_("Đã lưu ngày quyết định."), "success")
    return redirect(_back(form, slug), 303)
