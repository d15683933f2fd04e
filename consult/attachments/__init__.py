"""Official PDF attachments of a consultation: storage, and the public download /c/<slug>/files/<id>."""
from flask import Blueprint

bp = Blueprint("attachments", __name__)

from consult.attachments import routes  # noqa: E402,F401  (registers the views on bp)
