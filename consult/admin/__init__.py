"""Administration: staff accounts and the audit log."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/staff")

from consult.admin import routes  # noqa: E402,F401  (registers the views on bp)
