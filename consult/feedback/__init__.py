"""The suggestion box (hòm thư góp ý, phản ánh – kiến nghị): residents write in and follow their
item by code (blueprint `feedback`); staff work the box and report monthly (`feedback_staff`)."""
from flask import Blueprint

bp = Blueprint("feedback", __name__)
staff_bp = Blueprint("feedback_staff", __name__, url_prefix="/staff/feedback")

from consult.feedback import cli, report_routes, routes, staff_routes  # noqa: E402,F401  (registers the views)
