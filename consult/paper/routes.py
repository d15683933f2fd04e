"""Routes: /staff/consultations/<slug>/paper-form — the printable A4 paper form."""
from __future__ import annotations

from flask import abort, render_template, request

from consult.extensions import db
from consult.models import Consultation
from consult.paper import bp
from consult.paper.services import hamlet_point, paper_layout
from consult.permissions import Permission, require
from consult.qr.images import qr_svg
from consult.qr.links import consultation_url, qr_url
from consult.qr.services import deadline_day


@bp.route("/staff/consultations/<slug>/paper-form")
@require(Permission.CONSULTATION_VIEW)
def form(slug: str):
    """The paper form (phiếu lấy ý kiến), optionally printed for one hamlet (?hamlet=X03)."""
    consultation = db.first_or_404(db.select(Consultation).where(Consultation.slug == slug))
    layout = paper_layout(consultation)
    code = request.args.get("hamlet", "").strip().upper()
    hamlet = next((h for h in layout.hamlets if h.code.upper() == code), None) if code else None
    if code and hamlet is None:
        abort(404)
    point = hamlet_point(consultation, hamlet) if hamlet else None
    # The small QR sends phone users to the web form; through the hamlet's point when there is one.
    link = qr_url(point.code) if point else consultation_url(consultation.slug)
    return render_template(
        "paper/form.html", consultation=consultation, layout=layout, hamlet=hamlet, last_day=deadline_day(consultation),
        qr=qr_svg(link, title="QR"), link=link,
    )
