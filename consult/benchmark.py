"""A baseline page for `make bench`: the base template rendered with no database access.

Registered only when CONSULT_BENCHMARK_ROUTES is set, so production never serves it. Every
other endpoint's throughput is reported as a ratio to this one, measured in the same run.
"""
from __future__ import annotations

from flask import Blueprint, Flask, g, render_template

from consult.models import CommuneSettings

bp = Blueprint("benchmark", __name__)


@bp.get("/_bench/baseline")
def baseline():
    """The base layout around a short text, with the commune given, not queried."""
    g.commune = CommuneSettings(id=1, name="Diễn Châu", unit_kind="xã", ubnd_name="Ủy ban nhân dân xã Diễn Châu")
    return render_template("bench/baseline.html")


def init_benchmark(app: Flask) -> None:
    """Add the baseline route when the benchmark asks for it."""
    if app.config.get("BENCHMARK_ROUTES"):
        app.register_blueprint(bp)
