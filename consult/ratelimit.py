"""Counters that every worker must agree on: rate limits and login throttling.

They live in the database (or in Redis when CONSULT_REDIS_URL is set, through
Flask-Limiter's storage URI), never in one process's memory. With SQLite the
counters use their own file (instance/counters.sqlite3) so that a burst of
counter updates never queues behind residents' submissions for the main
database's write lock; they are ephemeral, so that file trades durability
(synchronous=NORMAL) for speed. With PostgreSQL they share the main database.
"""
from __future__ import annotations

import hashlib
import hmac
import random
import secrets
import time

from flask import Flask, current_app, request, session
from limits.storage import Storage
from sqlalchemy import case, create_engine, delete, select, text
from sqlalchemy.exc import SQLAlchemyError

from consult.database import configure_sqlite, upsert, write_intent
from consult.extensions import db, limiter
from consult.models import RateCounter

DEVICE_SESSION_KEY = "did"


_table = RateCounter.__table__


def _retry_after(response):
    """A refused request says when to come back (Flask-Limiter's own headers are off: see config)."""
    if response.status_code == 429 and "Retry-After" not in response.headers:
        current = limiter.current_limit
        if current is not None:
            response.headers["Retry-After"] = str(max(1, int(current.reset_at - time.time() + 0.999)))
    return response


def init_counters(app: Flask) -> None:
    """Create the counter engine: a separate SQLite file, or the main PostgreSQL database."""
    app.after_request(_retry_after)
    url = app.config["COUNTER_DATABASE_URL"]
    with app.app_context():
        if url == app.config["SQLALCHEMY_DATABASE_URI"]:
            engine = db.engine
        else:
            engine = create_engine(url, pool_pre_ping=True)
            configure_sqlite(engine, app.config["SQLITE_BUSY_TIMEOUT_MS"], synchronous="NORMAL")
            _table.create(engine, checkfirst=True)
    app.extensions["consult_counters"] = engine


def _engine():
    return current_app.extensions["consult_counters"]


def increment(key: str, window_seconds: float, amount: int = 1) -> int:
    """Add to a counter, starting a new window if the old one ended; return the new count."""
    engine = _engine()
    now = time.time()
    expired = _table.c.expires_at <= now
    statement = upsert(
        engine.dialect.name, _table,
        {"key": key, "count": amount, "expires_at": now + window_seconds, "touched_at": now},
        key=[_table.c.key],
        update={
            "count": case((expired, amount), else_=_table.c.count + amount),
            "expires_at": case((expired, now + window_seconds), else_=_table.c.expires_at),
            "touched_at": now,
        },
    ).returning(_table.c.count)
    with write_intent(), engine.begin() as connection:
        count = connection.execute(statement).scalar_one()
        if random.random() < 0.01:  # nosec B311 - housekeeping, not security
            connection.execute(delete(_table).where(_table.c.expires_at < now - 3600))
    return count


def read(key: str) -> tuple[int, float, float]:
    """(count, expires_at, touched_at) of a live counter; zeros when absent or expired."""
    with _engine().connect() as connection:
        row = connection.execute(
            select(_table.c.count, _table.c.expires_at, _table.c.touched_at).where(_table.c.key == key)
        ).first()
    if row is None or row.expires_at <= time.time():
        return 0, 0.0, 0.0
    return row.count, row.expires_at, row.touched_at


def clear(key: str) -> None:
    with write_intent(), _engine().begin() as connection:
        connection.execute(delete(_table).where(_table.c.key == key))


class SQLStorage(Storage):
    """A `limits` storage over the counter table, for Flask-Limiter ("consultsql://")."""

    STORAGE_SCHEME = ["consultsql"]

    @property
    def base_exceptions(self):
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        return increment(key, expiry, amount)

    def get(self, key: str) -> int:
        return read(key)[0]

    def get_expiry(self, key: str) -> float:
        count, expires_at, _ = read(key)
        return expires_at if count else time.time()

    def check(self) -> bool:
        with _engine().connect() as connection:
            connection.execute(text("SELECT 1"))
        return True

    def reset(self) -> int | None:
        with write_intent(), _engine().begin() as connection:
            return connection.execute(delete(_table)).rowcount

    def clear(self, key: str) -> None:
        clear(key)


# --- keys -----------------------------------------------------------------

def client_ip() -> str:
    """The client's address (ProxyFix has already applied trusted X-Forwarded-For)."""
    return request.remote_addr or "unknown"


def ip_key() -> str:
    return f"ip:{client_ip()}"


def ensure_device_id() -> str:
    """The resident's device id, kept in the signed session cookie (random, no personal data)."""
    device = session.get(DEVICE_SESSION_KEY)
    if not device:
        device = secrets.token_urlsafe(12)
        session[DEVICE_SESSION_KEY] = device
    return device


def device_or_ip_key() -> str:
    """Per device when the form set a device cookie, else per address."""
    device = session.get(DEVICE_SESSION_KEY)
    return f"dev:{device}" if device else ip_key()


def device_hash() -> str:
    """A keyed hash of the device id, storable without revealing the cookie."""
    device = session.get(DEVICE_SESSION_KEY, "")
    if not device:
        return ""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, device.encode(), hashlib.sha256).hexdigest()[:32]
