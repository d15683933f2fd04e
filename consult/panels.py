"""Panels on a consultation's staff page, contributed by features (QR points, responses, exports…).

Each entry names a template and a loader "module:function" that takes the consultation and
returns the template's context; the staff page calls the loaders it may show (one place that
queries, no queries in templates), in this order.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from flask_login import current_user

from consult.permissions import Permission, has_permission


@dataclass(frozen=True)
class Panel:
    """A section of the consultation staff page."""

    template: str
    loader: str  # "consult.feature.services:function"
    permission: Permission

    def load(self, consultation) -> dict[str, Any]:
        module_name, _, function_name = self.loader.partition(":")
        return getattr(import_module(module_name), function_name)(consultation)


#: Features append their panel here (one line each), in display order.
CONSULTATION_PANELS: list[Panel] = []


def panels_for(consultation) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) of every panel the current user may see."""
    shown = []
    for panel in CONSULTATION_PANELS:
        if has_permission(current_user, panel.permission):
            shown.append((panel.template, panel.load(consultation)))
    return shown


CONSULTATION_PANELS.append(Panel(template="results/_panel.html", loader="consult.results.services:staff_panel",
                                 permission=Permission.CONSULTATION_VIEW))
CONSULTATION_PANELS.append(
    Panel(template="qr/_panel.html", loader="consult.qr.services:staff_panel", permission=Permission.CONSULTATION_VIEW)
)
