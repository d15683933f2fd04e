"""Aggregates cached in the database, shared by every worker; invalidated by deleting the row.

`cached("results:42", compute)` returns the stored payload if it is fresh, else computes,
stores and returns it. Writers call `invalidate("results:42")` in the same transaction as the
change (a new submission, a moderation action), so no worker serves counts older than the data.

`cached` is for read-only views (GET): storing a fresh payload ends the request's read
transaction and writes in a transaction of its own, which begins IMMEDIATE.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete

from consult.database import upsert, write_intent
from consult.extensions import db
from consult.models import AggregateCache
from consult.timeutil import utcnow


def results_key(consultation_id: int) -> str:
    """A consultation's results aggregates: change with every submission and moderation."""
    return f"results:{consultation_id}"


def comments_key(consultation_id: int) -> str:
    """A consultation's public comments (counts, latest): change only with moderation."""
    return f"comments:{consultation_id}"


def invalidate_consultation(consultation_id: int) -> None:
    """Drop everything cached about a consultation (moderation, validity, approved entries)."""
    for key in (results_key(consultation_id), comments_key(consultation_id)):
        invalidate(key)


def cached(key: str, compute: Callable[[], dict], max_age_seconds: int | None = None) -> dict:
    """The payload under `key`, recomputed when missing or older than max_age_seconds."""
    max_age = max_age_seconds if max_age_seconds is not None else current_app.config["RESULTS_CACHE_SECONDS"]
    row = db.session.get(AggregateCache, key)
    if row is not None and utcnow() - row.computed_at <= timedelta(seconds=max_age):
        return row.payload
    payload = compute()
    _store(key, payload)
    return payload


def _store(key: str, payload: dict) -> None:
    """Save a payload: end the read transaction, then upsert in a write transaction of its own."""
    table = AggregateCache.__table__
    now = utcnow()
    statement = upsert(db.engine.dialect.name, table, {"key": key, "payload": payload, "computed_at": now},
                       key=[table.c.key], update={"payload": payload, "computed_at": now})
    db.session.commit()  # a deferred read transaction must not be upgraded to a write (SQLite)
    with write_intent():
        db.session.execute(statement)
        db.session.commit()


def invalidate(key: str) -> None:
    """Drop a cached payload; call it in the transaction that changes the underlying data."""
    db.session.execute(delete(AggregateCache).where(AggregateCache.key == key))
