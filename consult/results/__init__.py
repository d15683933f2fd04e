"""Results: the public results page (/c/<slug>/results), its open data, and publishing them."""
from flask import Blueprint

bp = Blueprint("results", __name__)

from consult.results import routes  # noqa: E402,F401  (registers the views on bp)
