"""Routes: /c/<slug>."""
from __future__ import annotations

from flask import abort, render_template

from consult.consultations.services import published_by_slug
from consult.consultations import bp


@bp.route("/c/<slug>")
def show(slug: str):
    """A published consultation: its summary, documents and articles."""
    consultation = published_by_slug(slug)
    if consultation is None:
        abort(404)
    return render_template("consultations/show.html", consultation=consultation, state=consultation.state())
