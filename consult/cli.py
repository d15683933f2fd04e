"""Command line: flask --app consult init | create-user | seed-demo | backup | purge-personal-data."""
from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import click
from flask import Flask, current_app
from flask_migrate import upgrade
from sqlalchemy.engine import make_url

from consult import audit
from consult.extensions import db
from consult.models import Hamlet, Role, User
from consult.timeutil import utcnow


def init_cli(app: Flask) -> None:
    """Register the commands."""
    for command in (init_command, create_user_command, seed_demo_command, backup_command, purge_command):
        app.cli.add_command(command)


@click.command("init")
def init_command():
    """Create or upgrade the database schema to the latest migration."""
    upgrade()
    click.echo("Database is at the latest schema.")


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--hamlet", "hamlet_code", help="Hamlet code, required for hamlet_officer.")
@click.option("--name", "full_name", default="", help="Full name shown in the audit log.")
@click.option("--password", help="Omit to be prompted (safer: not kept in shell history).")
def create_user_command(username, role, hamlet_code, full_name, password):
    """Add a staff account."""
    from consult.admin.services import UserError, create_user

    if password is None:
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt=True)
    hamlet = None
    if hamlet_code:
        hamlet = db.session.execute(db.select(Hamlet).where(Hamlet.code == hamlet_code.upper())).scalar_one_or_none()
        if hamlet is None:
            raise click.ClickException(f"No hamlet with code {hamlet_code}.")
    try:
        user = create_user(username, Role(role), password, full_name=full_name, hamlet=hamlet)
    except UserError as error:
        raise click.ClickException(str(error)) from error
    audit.record("user.create", user, actor=None, via="cli", role=role)
    db.session.commit()
    click.echo(f"Created {user.username} ({user.role.value}).")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only when the database holds no commune yet.")
def seed_demo_command(if_empty):
    """Load the demo commune (idempotent: running it twice changes nothing)."""
    from consult.demo import demo_logins, seed_demo
    from consult.models import CommuneSettings

    if if_empty and (db.session.get(CommuneSettings, 1) or db.session.execute(db.select(User.id).limit(1)).first()):
        click.echo("The database already holds a commune; demo data not loaded.")
        click.echo(demo_logins())
        return
    report = seed_demo()
    db.session.commit()
    click.echo(report)


@click.command("backup")
def backup_command():
    """SQLite: an online, consistent copy in instance/backups/. PostgreSQL: the pg_dump command."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    if url.get_backend_name() == "sqlite":
        folder = Path(current_app.instance_path) / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"consult-{stamp}.sqlite3"
        source = sqlite3.connect(url.database)
        destination = sqlite3.connect(target)
        try:
            with destination:
                source.backup(destination)
        finally:
            destination.close()
            source.close()
        click.echo(f"Backup written to {target}")
        return
    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
    click.echo("PostgreSQL: run this on a machine with pg_dump (keep the file off the web server):")
    click.echo(f"  pg_dump --format=custom --file=consult-{stamp}.dump '{libpq}'")


@click.command("purge-personal-data")
@click.option("--days", type=int, default=None, help="Keep this many days (default: commune setting).")
@click.option("--dry-run", is_flag=True, help="Count only.")
def purge_command(days, dry_run):
    """Erase names and contact details older than the retention period."""
    from consult.feedback.photos import delete_photo
    from consult.privacy import purge_personal_data
    from consult.settings import commune

    keep = days if days is not None else commune().retention_days
    cutoff = utcnow() - timedelta(days=keep)
    counts, photo_names = purge_personal_data(cutoff, dry_run=dry_run)
    if not dry_run:
        audit.record("privacy.purge", actor=None, cutoff=cutoff, **counts)
        db.session.commit()
        for name in photo_names:  # only once the rows no longer point at them
            delete_photo(name)
    click.echo(f"{'Would purge' if dry_run else 'Purged'}: {counts} (older than {keep} days)")

