"""Exports for the People's Council: the Word report (BÁO CÁO tổng hợp, tiếp thu, giải trình),
the data workbook and CSV files, from /staff/consultations/<slug>/export."""
from flask import Blueprint

bp = Blueprint("exports", __name__)

from consult.exports import routes  # noqa: E402,F401  (registers the views on bp)
