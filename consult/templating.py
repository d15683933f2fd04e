"""What every template can use: the commune, permissions, the CSRF header for htmx."""
from __future__ import annotations

from flask import Flask
from flask_login import current_user

from consult import codes
from consult.permissions import Permission, has_permission
from consult.settings import commune
from consult.staff.menu import staff_menu
from consult.text import render_markdown


def init_templating(app: Flask) -> None:
    """Register globals and filters shared by all templates."""
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(
        commune=commune,
        can=lambda permission: has_permission(current_user, Permission(permission)),
        Permission=Permission,
        has_endpoint=lambda name: name in app.view_functions,
        staff_menu=staff_menu,
    )
    app.jinja_env.filters.update(
        markdown=render_markdown,
        receipt=codes.format_receipt_code,
        tracking=codes.format_tracking_code,
    )
