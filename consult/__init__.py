"""consult: public consultation for Vietnamese communes. create_app() wires everything."""
from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from consult import models  # noqa: F401  (every table known to SQLAlchemy and Alembic)
from consult.assets import init_assets
from consult.benchmark import init_benchmark
from consult.cli import init_cli
from consult.config import check_production, load_config
from consult.database import init_database
from consult.errors import init_errors
from consult.extensions import babel, compress, csrf, db, limiter, login_manager, migrate
from consult.i18n import init_i18n, select_locale
from consult.models.types import render_migration_type
from consult.permissions import deny_undeclared_staff_views
from consult.ratelimit import init_counters
from consult.security import init_security
from consult.templating import init_templating

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

#: Feature packages, each exposing a Blueprint `bp`; one per line.
FEATURES = (
    "public",
    "auth",
    "staff",
    "admin",
    "consultations",
    "staff_consultations",
    "attachments",
    "surveys",
    "qr",
    "paper",
    "meetings",
    "feedback",
    "entry",
    "moderation",
    "responses",
    "results",
    "exports",
)


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, errors, CLI."""
    overrides = test_config or {}
    app = Flask(
        __name__,
        instance_path=overrides.get("INSTANCE_PATH") or os.environ.get("CONSULT_INSTANCE_PATH") or None,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    load_config(app, test_config)
    check_production(app)
    app.request_class.max_form_parts = app.config["MAX_FORM_PARTS"]
    if app.config["PROXY_FIX_HOPS"]:
        hops = int(app.config["PROXY_FIX_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    _init_extensions(app)
    _register_blueprints(app)
    init_benchmark(app)
    init_errors(app)
    init_cli(app)
    return app


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True,
        render_item=render_migration_type,
    )
    init_database(app, db)
    init_counters(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    compress.init_app(app)

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "basic"  # "strong" signs phones out whenever their mobile IP changes
    login_manager.user_loader(_load_user)

    init_security(app)
    init_assets(app)
    init_i18n(app)
    init_templating(app)
    app.before_request(deny_undeclared_staff_views)


def _load_user(session_id: str):
    """Flask-Login loader: "<id>.<token>"; a rotated token or a disabled account signs out."""
    user_id, _, token = session_id.partition(".")
    if not user_id.isdigit():
        return None
    user = db.session.get(models.User, int(user_id))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def _register_blueprints(app: Flask) -> None:
    """Register every feature's blueprint (imported here, so importing `consult` stays cheap)."""
    for name in FEATURES:
        package = import_module(f"consult.{name}")
        app.register_blueprint(package.bp)
        if hasattr(package, "staff_bp"):  # a feature with a public and a staff side
            app.register_blueprint(package.staff_bp)
