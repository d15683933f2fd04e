"""Fast entry of paper and meeting forms (nhập phiếu): officers type a stack of forms in the paper's order."""
from flask import Blueprint

bp = Blueprint("entry", __name__)

from consult.entry import routes  # noqa: E402,F401  (registers the views on bp)
