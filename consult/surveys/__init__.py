"""Surveys: the staff question editor (/staff/consultations/<slug>/questions)."""
from flask import Blueprint

bp = Blueprint("surveys", __name__)

from consult.surveys import routes  # noqa: E402,F401  (registers the views on bp)
