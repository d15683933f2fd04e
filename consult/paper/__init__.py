"""The printable paper form (phiếu lấy ý kiến) for residents who answer on paper."""
from flask import Blueprint

bp = Blueprint("paper", __name__)

from consult.paper import routes  # noqa: E402,F401  (registers the views on bp)
