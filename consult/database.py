"""Database wiring: SQLite pragmas on every connection, IMMEDIATE write transactions."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, request
from sqlalchemy import Engine, Table, event
from sqlalchemy.dialects import postgresql, sqlite

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

#: Whether the current unit of work will write. Read-only requests begin a deferred
#: transaction; anything that writes begins IMMEDIATE, so SQLite makes it wait for the
#: write lock up front (busy_timeout) instead of failing with "database is locked"
#: when a deferred read transaction later tries to write under concurrent load.
_write_intent: ContextVar[bool] = ContextVar("consult_write_intent", default=True)


def writes_on_get(view):
    """Mark a GET view that writes (a scan counter), so its transaction begins IMMEDIATE."""
    view.writes_on_get = True
    return view


def reads_then_writes(view):
    """Mark a POST view that reads and validates first and calls begin_write() before writing.

    Its request starts in a deferred (read) transaction and does its writes inside
    `with write_phase():`, so SQLite's write lock is taken only for that short phase: a hall
    of phones posting at once queues for milliseconds of inserts, not for each request's
    parsing and validation.
    """
    view.reads_then_writes = True
    return view


@contextmanager
def write_phase() -> Iterator[None]:
    """The write phase of a reads_then_writes view: a short transaction of its own.

    On entry the read transaction ends (loaded objects stay usable) and the next statement
    begins IMMEDIATE; on a clean exit the writes are committed — the request's one commit —
    and later reads (rendering the receipt) go back to deferred transactions.
    """
    from consult.extensions import db

    session = db.session()
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("write_phase() must start before any change to the session")
    session.expire_on_commit = False
    try:
        session.commit()
        _write_intent.set(True)
        try:
            yield
        except BaseException:
            session.rollback()
            raise
        session.commit()
    finally:
        session.expire_on_commit = True
        _write_intent.set(False)


@contextmanager
def write_intent(value: bool = True) -> Iterator[None]:
    """Within this block new transactions begin IMMEDIATE (or, with False, deferred)."""
    token = _write_intent.set(value)
    try:
        yield
    finally:
        _write_intent.reset(token)


def upsert(dialect_name: str, table: Table, values: dict, key: list, update: dict):
    """INSERT … ON CONFLICT (key) DO UPDATE, on SQLite and PostgreSQL alike."""
    insert = postgresql.insert(table) if dialect_name == "postgresql" else sqlite.insert(table)
    return insert.values(**values).on_conflict_do_update(index_elements=key, set_=update)


def _declare_request_intent(app: Flask) -> None:
    """Before each request, decide from the method (and the view's mark) whether it writes."""
    view = app.view_functions.get(request.endpoint or "")
    if request.method in SAFE_METHODS:
        _write_intent.set(getattr(view, "writes_on_get", False))
    else:
        _write_intent.set(not getattr(view, "reads_then_writes", False))


def _forget_request_intent(_exc=None) -> None:
    """After each request, work outside requests (CLI, tests) writes again by default."""
    _write_intent.set(True)


def configure_sqlite(engine: Engine, busy_timeout_ms: int, synchronous: str = "FULL") -> None:
    """Apply WAL, durability, busy timeout and foreign keys to every new SQLite connection."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # the driver must not BEGIN on its own
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            f"synchronous={synchronous}",
            f"busy_timeout={int(busy_timeout_ms)}",
            "foreign_keys=ON",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _write_intent.get() else "BEGIN")


def init_database(app: Flask, db) -> None:
    """Bind the SQLite behaviour to the app's engine and the per-request write intent."""
    with app.app_context():
        configure_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
    app.before_request(lambda: _declare_request_intent(app))
    app.teardown_request(_forget_request_intent)
