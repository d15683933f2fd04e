"""Command line: flask --app consult feedback install-categories."""
from __future__ import annotations

import click

from consult import audit
from consult.extensions import db
from consult.feedback import bp
from consult.feedback.services import install_default_categories


@bp.cli.command("install-categories")
def install_categories_command():
    """Add the standard suggestion-box categories that are missing (safe to run twice)."""
    added = install_default_categories()
    if added:
        audit.record("feedback.categories_install", actor=None, via="cli", codes=[c.code for c in added])
    db.session.commit()
    click.echo(f"Added {len(added)} categories." if added else "Every standard category is already there.")
