"""Fixtures: an app on a real database (SQLite by default, PostgreSQL when
CONSULT_TEST_DATABASE_URL is set), isolated per test; clients with CSRF kept on;
staff users of every role; a live server and headless Chromium for browser tests."""
from __future__ import annotations

import contextvars
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import MetaData, inspect, text
from flask_migrate import stamp
from werkzeug.serving import make_server

from flask.testing import FlaskClient

from consult import create_app
from consult.database import write_intent
from consult.extensions import db
from consult.models import Role

ROOT = Path(__file__).resolve().parent.parent
TEST_SECRET = "test-secret-key-that-is-long-enough-0123456789"
PASSWORD = "correct-horse-battery"
PG_URL = os.environ.get("CONSULT_TEST_DATABASE_URL", "")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_sessionstart(session):
    """Compile the translation catalogues if `make` did not (pytest run directly)."""
    catalogue = ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.mo"
    source = catalogue.with_suffix(".po")
    if not catalogue.exists() or catalogue.stat().st_mtime < source.stat().st_mtime:
        subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", "-q", "compile", "-d", str(ROOT / "translations")],
            check=True,
        )


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """The test database: PostgreSQL if configured, else a SQLite file (WAL needs a file)."""
    if PG_URL:
        return PG_URL
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'consult-test.sqlite3'}"


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("instance")


class IsolatedClient(FlaskClient):
    """A test client whose requests run as in production: each in its own app context,
    database session and transaction (so a POST really begins IMMEDIATE), while the
    test's own session commits before and refreshes after every request."""

    def open(self, *args, **kwargs):
        db.session.commit()
        # A streamed body is read inside the request's own context too, as a server would.
        kwargs.setdefault("buffered", True)
        try:
            return contextvars.Context().run(super().open, *args, **kwargs)
        finally:
            db.session.commit()  # end the test's transaction: the next query sees the request's writes


def make_test_app(database_url: str, instance_dir: Path, **overrides):
    """An app configured for tests on the given database."""
    config = {
        "TESTING": True,
        "SECRET_KEY": TEST_SECRET,
        "DATABASE_URL": database_url,
        "COUNTER_DATABASE_URL": database_url if PG_URL else database_url.replace(".sqlite3", "-counters.sqlite3"),
        "UPLOAD_DIR": str(instance_dir / "uploads"),
        "MIN_FILL_SECONDS": 0,
        "INSTANCE_PATH": str(instance_dir),
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = IsolatedClient
    return app


def reset_schema(app) -> None:
    """Drop every table (including ones a previous run left behind) and create the current schema."""
    with app.app_context():
        reflected = MetaData()
        reflected.reflect(bind=db.engine)
        reflected.drop_all(bind=db.engine)
        db.create_all()
        stamp()  # the schema equals the latest migration (test_migrations proves it)


@pytest.fixture(scope="session")
def _schema(database_url, instance_dir):
    """Create the schema once per session."""
    app = make_test_app(database_url, instance_dir)
    reset_schema(app)
    return True


def _truncate(app) -> None:
    """Empty every table (fast, and keeps the schema) so each test starts clean."""
    with app.app_context():
        engine = db.engine
        tables = [table.name for table in db.metadata.sorted_tables]
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                quoted = ", ".join(f'"{name}"' for name in tables)
                connection.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
            else:
                for name in reversed(tables):
                    connection.execute(text(f'DELETE FROM "{name}"'))
                if inspect(connection).has_table("sqlite_sequence"):
                    connection.execute(text("DELETE FROM sqlite_sequence"))
        counters = app.extensions["consult_counters"]
        if counters is not engine:
            with counters.begin() as connection:
                connection.execute(text("DELETE FROM rate_counter"))


@pytest.fixture
def app(_schema, database_url, instance_dir):
    """A fresh app per test on the shared schema, emptied afterwards.

    The test's own session begins deferred transactions: reading in the test never holds
    SQLite's write lock while a live server (browser tests) needs it. Requests and other
    threads keep their own write intent.
    """
    application = make_test_app(database_url, instance_dir)
    with write_intent(False), application.app_context():
        yield application
        db.session.remove()
    _truncate(application)
    _dispose(application)


def _dispose(app) -> None:
    """Close the app's pooled connections (PostgreSQL allows only so many clients)."""
    with app.app_context():
        app.extensions["consult_counters"].dispose()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


# --- CSRF -------------------------------------------------------------------

def csrf_token(client) -> str:
    """A valid CSRF token for this client's session, as Flask-WTF would render it."""
    app = client.application
    with client.session_transaction() as session:
        raw = session.get("csrf_token")
        if not raw:
            raw = os.urandom(20).hex()
            session["csrf_token"] = raw
    serializer = URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token")
    return serializer.dumps(raw)


def post(client, url: str, data: dict | None = None, **kwargs):
    """POST a form with a valid CSRF token, as a browser would."""
    payload = dict(data or {})
    payload.setdefault("csrf_token", csrf_token(client))
    return client.post(url, data=payload, **kwargs)


def form_token(html: str) -> str:
    """The CSRF token rendered in a page's form."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


# --- staff ------------------------------------------------------------------

@pytest.fixture
def hamlets(app):
    """Three hamlets: Xóm 1, Xóm 2, Xóm 3."""
    from tests.factories import make_hamlet

    made = [make_hamlet(code=f"X0{n}", name=f"Xóm {n}", households=100 * n) for n in (1, 2, 3)]
    db.session.commit()
    return made


@pytest.fixture
def users(app, hamlets):
    """One active account per role; the hamlet officer belongs to Xóm 2."""
    from tests.factories import make_user

    made = {
        Role.ADMIN: make_user("quantri", Role.ADMIN),
        Role.MODERATOR: make_user("bientap", Role.MODERATOR),
        Role.HAMLET_OFFICER: make_user("canboxom2", Role.HAMLET_OFFICER, hamlet=hamlets[1]),
        Role.COUNCIL: make_user("daibieu", Role.COUNCIL),
    }
    db.session.commit()
    return made


def login_as(client, user) -> None:
    """Sign a test client in as `user` without typing the password (fast)."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


@pytest.fixture
def admin_client(client, users):
    login_as(client, users[Role.ADMIN])
    return client


# --- live server and browser -------------------------------------------------

class LiveServer:
    """The app served over HTTP on a free local port, in a background thread."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture
def live_server(app):
    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def phone(browser):
    """A browser page at a phone-sized viewport (390×844), JavaScript on."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_no_js(browser):
    """The same phone with JavaScript disabled."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True,
                                  java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
