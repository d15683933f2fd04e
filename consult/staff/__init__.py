"""The staff area's home."""
from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from consult.staff import routes  # noqa: E402,F401  (registers the views on bp)
