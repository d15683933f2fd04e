"""Consultations: the resident's page (/c/<slug>) and the staff pages (/staff/consultations)."""
from flask import Blueprint

bp = Blueprint("consultations", __name__)

from consult.consultations import routes  # noqa: E402,F401  (registers the views on bp)
