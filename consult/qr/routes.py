"""Routes: /staff/consultations/<slug>/qr… (points, images, posters) and the public /q/<code>."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from consult.i18n import gettext as _

from consult import audit
from consult.database import writes_on_get
from consult.extensions import db
from consult.models import Consultation, Hamlet, QrPlace, QrPoint
from consult.permissions import Permission, require
from consult.qr import bp
from consult.qr.forms import ConfirmForm, PointForm
from consult.qr.images import qr_png, qr_svg, qr_svg_document
from consult.qr.links import qr_short_url, qr_url
from consult.qr.services import (
    add_point, create_hamlet_points, deadline_day, hamlets_without_point, point_by_code, point_stats, poster_points,
    record_scan, scannable_point, set_active, totals,
)
from consult.settings import active_hamlets

BASE = "/staff/consultations/<slug>/qr"
NO_STORE = {"Cache-Control": "no-store"}


def _consultation(slug: str) -> Consultation:
    return db.first_or_404(db.select(Consultation).where(Consultation.slug == slug))


def _point(consultation: Consultation, code: str) -> QrPoint:
    point = point_by_code(consultation, code)
    if point is None:
        abort(404)
    return point


def _point_form() -> PointForm:
    form = PointForm()
    form.hamlet_id.choices = [(0, _("— Không chọn sẵn —"))] + [(h.id, h.name) for h in active_hamlets()]
    return form


def _points_page(consultation: Consultation, form: PointForm, status: int = 200):
    stats = point_stats(consultation)
    return render_template(
        "qr/points.html", consultation=consultation, stats=stats, total=totals(stats), form=form,
        missing=hamlets_without_point(consultation),
        images={s.point.code: qr_svg(qr_url(s.point.code)) for s in stats if s.point.active},
    ), status


@bp.route(BASE)
@require(Permission.CONSULTATION_VIEW)
def points(slug: str):
    """The consultation's QR points with scans, submissions and conversion, and forms to add more."""
    return _points_page(_consultation(slug), _point_form())


@bp.route(BASE + "/hamlets", methods=["POST"])
@require(Permission.CONSULTATION_EDIT)
def create_for_hamlets(slug: str):
    """One point per active hamlet at its cultural house; hamlets that have one are skipped."""
    consultation = _consultation(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    created = create_hamlet_points(consultation)
    if created:
        audit.record("qr.create_for_hamlets", consultation, codes=[p.code for p in created],
                     hamlet_ids=[p.hamlet_id for p in created])
    db.session.commit()
    if created:
        flash(_("Đã tạo %(n)s mã QR cho các thôn/xóm.", n=len(created)), "success")
    else:
        flash(_("Thôn/xóm nào cũng đã có mã; không tạo thêm."), "info")
    return redirect(url_for("qr.points", slug=slug), 303)


@bp.route(BASE, methods=["POST"])
@require(Permission.CONSULTATION_EDIT)
def create_point(slug: str):
    """A point at a custom place: the commune office, a named meeting…"""
    consultation = _consultation(slug)
    form = _point_form()
    if not form.validate_on_submit():
        return _points_page(consultation, form, 422)
    hamlet = db.session.get(Hamlet, form.hamlet_id.data) if form.hamlet_id.data else None
    point = add_point(consultation, place=QrPlace(form.place.data), label=form.label.data, hamlet=hamlet)
    audit.record("qr.create", point, consultation_id=consultation.id, code=point.code, place=point.place,
                 label=point.label, hamlet_id=point.hamlet_id)
    db.session.commit()
    flash(_("Đã tạo mã %(code)s cho “%(label)s”.", code=point.code, label=point.label), "success")
    return redirect(url_for("qr.points", slug=slug) + f"#point-{point.code}", 303)


@bp.route(BASE + "/<code>/active", methods=["POST"])
@require(Permission.CONSULTATION_EDIT)
def toggle_active(slug: str, code: str):
    """Stop a point (its poster then leads nowhere) or use it again."""
    consultation = _consultation(slug)
    point = _point(consultation, code)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    set_active(point, not point.active)
    audit.record("qr.activate" if point.active else "qr.deactivate", point, consultation_id=consultation.id,
                 code=point.code)
    db.session.commit()
    flash(_("Đã dùng lại mã %(code)s.", code=point.code) if point.active
          else _("Đã ngừng mã %(code)s.", code=point.code), "success")
    return redirect(url_for("qr.points", slug=slug) + f"#point-{point.code}", 303)


@bp.route(BASE + "/<code>.png")
@require(Permission.CONSULTATION_VIEW)
def png(slug: str, code: str):
    """The point's QR as a large PNG, downloaded."""
    point = _point(_consultation(slug), code)
    return qr_png(qr_url(point.code)), 200, {
        "Content-Type": "image/png",
        "Content-Disposition": f'attachment; filename="ma-qr-{point.code}.png"',
    }


@bp.route(BASE + "/<code>.svg")
@require(Permission.CONSULTATION_VIEW)
def svg(slug: str, code: str):
    """The point's QR as an SVG file, for a print shop."""
    point = _point(_consultation(slug), code)
    return qr_svg_document(qr_url(point.code)), 200, {
        "Content-Type": "image/svg+xml",
        "Content-Disposition": f'attachment; filename="ma-qr-{point.code}.svg"',
    }


def _poster_context(consultation: Consultation, points: list[QrPoint]) -> dict:
    return {
        "consultation": consultation,
        "posters": [
            {"point": point, "qr": qr_svg(qr_url(point.code), title=_("Mã QR góp ý")),
             "short_url": qr_short_url(point.code), "url": qr_url(point.code)}
            for point in points
        ],
        "last_day": deadline_day(consultation),
    }


@bp.route(BASE + "/<code>/poster")
@require(Permission.CONSULTATION_VIEW)
def poster(slug: str, code: str):
    """A print-ready A4 poster for one point."""
    consultation = _consultation(slug)
    point = _point(consultation, code)
    return render_template("qr/posters.html", single=True, **_poster_context(consultation, [point]))


@bp.route(BASE + "/posters")
@require(Permission.CONSULTATION_VIEW)
def posters(slug: str):
    """Every hamlet's poster in one document, one A4 page each."""
    consultation = _consultation(slug)
    return render_template("qr/posters.html", single=False, **_poster_context(consultation, poster_points(consultation)))


@bp.route("/q/<code>")
@writes_on_get
def scan(code: str):
    """A scanned poster: count the scan (no cookie, no personal data), then open the form for its hamlet."""
    point = scannable_point(code)
    if point is None:
        return render_template("qr/not_found.html", code=code[:20]), 404, NO_STORE
    record_scan(point)
    db.session.commit()
    target = url_for("consultations.show", slug=point.consultation.slug, qr=point.code)
    return redirect(target, 303), NO_STORE
