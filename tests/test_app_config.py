"""The factory and its configuration layers; SQLite set up for durability and concurrency."""
from __future__ import annotations

import os
import stat
import threading

import pytest
from sqlalchemy import event, func, select, text

from consult import create_app
from consult.extensions import db
from consult.models import Hamlet
from tests.conftest import PG_URL, post

sqlite_only = pytest.mark.skipif(bool(PG_URL), reason="SQLite connection settings")


def test_defaults_put_the_database_and_secret_in_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("CONSULT_SECRET_KEY", raising=False)
    monkeypatch.delenv("CONSULT_DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'consult.sqlite3'}"
    secret_file = tmp_path / "secret_key"
    assert secret_file.exists()
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert app.config["SECRET_KEY"] == secret_file.read_text().strip()
    assert len(app.config["SECRET_KEY"]) >= 32
    # Generated once: a second app reads the same key.
    assert create_app({"INSTANCE_PATH": str(tmp_path)}).config["SECRET_KEY"] == app.config["SECRET_KEY"]


def test_layers_override_in_order(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("MIN_FILL_SECONDS = 7\nLOOKUP_LIMIT = 'from instance'\nTIMEZONE = 'Asia/Bangkok'\n")
    monkeypatch.setenv("CONSULT_LOOKUP_LIMIT", "from environment")
    monkeypatch.setenv("CONSULT_SQLITE_BUSY_TIMEOUT_MS", "6000")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "TIMEZONE": "Asia/Ho_Chi_Minh"})
    assert app.config["MIN_FILL_SECONDS"] == 7                    # instance/config.py over defaults
    assert app.config["LOOKUP_LIMIT"] == "from environment"       # environment over instance/config.py
    assert app.config["SQLITE_BUSY_TIMEOUT_MS"] == 6000           # environment values parsed as JSON
    assert app.config["TIMEZONE"] == "Asia/Ho_Chi_Minh"           # test_config over everything


@pytest.mark.parametrize("weak", ["dev", "changeme", "short-key", "a" * 40])
def test_production_refuses_a_weak_secret(tmp_path, weak):
    with pytest.raises(RuntimeError, match="too weak"):
        create_app({"INSTANCE_PATH": str(tmp_path), "ENV_NAME": "production", "SECRET_KEY": weak})


def test_production_starts_with_a_generated_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("CONSULT_SECRET_KEY", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path), "ENV_NAME": "production"})
    assert app.config["ENV_NAME"] == "production"


@sqlite_only
def test_sqlite_connections_are_durable_and_wait_for_locks(app):
    with db.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") >= 5000
        assert pragma("foreign_keys") == 1


@sqlite_only
def test_write_requests_begin_immediate_and_reads_do_not(app, client):
    statements: list[str] = []

    def capture(conn, cursor, statement, *args):
        if statement.startswith("BEGIN"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        client.get("/")
        assert statements and all(s == "BEGIN" for s in statements)
        statements.clear()
        post(client, "/login", {"username": "nobody", "password": "wrong-password"})
        assert "BEGIN IMMEDIATE" in statements
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)


def test_concurrent_read_then_write_transactions_all_commit(app):
    """Each thread reads, then writes, at the same time: none may fail with "database is locked"."""
    errors: list[Exception] = []
    barrier = threading.Barrier(8)

    def worker(n: int):
        with app.app_context():
            try:
                barrier.wait()
                db.session.execute(select(func.count()).select_from(Hamlet)).scalar_one()
                db.session.add(Hamlet(code=f"T{n:02d}", name=f"Tổ {n}", households=1, position=n))
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - the test reports any failure
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert db.session.execute(select(func.count()).select_from(Hamlet)).scalar_one() == 8


def test_foreign_keys_are_enforced(app):
    with pytest.raises(Exception):
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO qr_point (consultation_id, code, place, label, active, created_at) "
                "VALUES (999999, 'ABCDEF', 'hamlet', 'x', true, CURRENT_TIMESTAMP)"
            ))


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_environment_cannot_smuggle_the_test_database_url(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSULT_TEST_DATABASE_URL", "postgresql+psycopg://nobody@nowhere/none")
    monkeypatch.delenv("CONSULT_DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:")
    assert "TEST_DATABASE_URL" not in app.config
    assert os.environ["CONSULT_TEST_DATABASE_URL"]


@sqlite_only
def test_a_submission_holds_the_write_lock_only_while_writing(app, client, hamlets):
    """The form is read and validated in a deferred transaction; the insert begins IMMEDIATE."""
    from tests.factories import make_consultation
    from tests.resident import comment, fill, submit

    consultation = make_consultation(articles=2)
    db.session.commit()
    data = fill(client, consultation, hamlets[0], comment(consultation.articles[0], "disagree", "Nên sửa."))
    statements: list[str] = []

    def capture(conn, cursor, statement, *args):
        statements.append(statement.split()[0].upper() + (" IMMEDIATE" if "IMMEDIATE" in statement else ""))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        assert submit(client, consultation, data).status_code == 303
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    begins = [statement for statement in statements if statement.startswith("BEGIN")]
    assert begins == ["BEGIN", "BEGIN IMMEDIATE"]  # reads without the lock, then one short write phase
    first_write = statements.index("BEGIN IMMEDIATE")
    assert "SELECT" in statements[:first_write]
    assert "INSERT" in statements[first_write:] and "INSERT" not in statements[:first_write]
