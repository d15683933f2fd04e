"""QR points: codes per place, the public /q/<code> landing, QR images and posters."""
from flask import Blueprint

bp = Blueprint("qr", __name__)

from consult.qr import links, routes  # noqa: E402,F401  (registers the views and template helpers on bp)
