"""Moderation (/staff/moderation): the queue of pending comments, and marking whole submissions."""
from flask import Blueprint

bp = Blueprint("moderation", __name__, url_prefix="/staff/moderation")

from consult.moderation import routes  # noqa: E402,F401  (registers the views on bp)
