"""Public pages that belong to no single feature: home, language, health."""
from flask import Blueprint

bp = Blueprint("public", __name__)

from consult.public import routes  # noqa: E402,F401  (registers the views on bp)
