"""Routes: /staff/ (dashboard)."""
from flask import render_template

from consult.permissions import Permission, require
from consult.staff.services import dashboard_counts
from consult.staff import bp


@bp.route("/")
@require(Permission.STAFF_AREA)
def dashboard():
    """What needs attention: open consultations, pending comments, open suggestion-box items."""
    return render_template("staff/dashboard.html", counts=dashboard_counts())
