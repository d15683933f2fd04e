"""Meeting tallies: a hamlet meeting's show of hands entered as counts, not as fake submissions."""
from flask import Blueprint

bp = Blueprint("meetings", __name__)

from consult.meetings import routes  # noqa: E402,F401  (registers the views on bp)
