"""Routes: / (home), /lang/<code>, /healthz."""
from __future__ import annotations

from flask import jsonify, redirect, render_template, request
from sqlalchemy import text

from consult.extensions import db, limiter
from consult.i18n import LANGUAGE_COOKIE
from consult.public import bp
from consult.public.services import home_listing


@bp.route("/")
def home():
    """Open consultations first, then upcoming and closed ones."""
    return render_template("public/home.html", listing=home_listing())


@bp.route("/lang/<code>")
def set_language(code: str):
    """Switch the interface language (a preference cookie) and go back."""
    target = request.args.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    response = redirect(target, 303)
    if code in ("vi", "en"):
        response.set_cookie(LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                            secure=request.is_secure)
    return response


@bp.route("/healthz")
@limiter.exempt
def healthz():
    """Liveness and database reachability, for the reverse proxy and monitoring."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
