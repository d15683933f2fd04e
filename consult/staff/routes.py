"""Routes: /staff/ (dashboard)."""
from flask import render_template
from flask_login import current_user

from consult.permissions import Permission, hamlet_scope, require
from consult.staff import bp
from consult.staff.services import dashboard_counts


@bp.route("/")
@require(Permission.STAFF_AREA)
def dashboard():
    """What needs attention: open consultations, pending comments, open suggestion-box items."""
    return render_template("staff/dashboard.html", counts=dashboard_counts(hamlet_scope(current_user)))
