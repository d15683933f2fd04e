"""Official responses (/staff/consultations/<slug>/responses): tiếp thu / giải trình for each comment."""
from flask import Blueprint

bp = Blueprint("responses", __name__, url_prefix="/staff/consultations/<slug>/responses")

from consult.responses import routes  # noqa: E402,F401  (registers the views on bp)
