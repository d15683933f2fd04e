"""Staff pages of consultations: create, edit, paste a draft into articles, attach PDFs, publish."""
from flask import Blueprint

bp = Blueprint("staff_consultations", __name__, url_prefix="/staff/consultations")

# The route modules register their views on bp; routes.py holds the whole URL map in its docstring.
from consult.staff_consultations import article_routes, attachment_routes, routes  # noqa: E402,F401
