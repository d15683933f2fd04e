"""Aggregates cached in the database and invalidated by writers."""
from __future__ import annotations

from datetime import timedelta

from consult import cache
from consult.extensions import db
from consult.models import AggregateCache
from consult.timeutil import utcnow


def test_cached_computes_once_until_invalidated(app):
    calls = []

    def compute():
        calls.append(1)
        return {"total": len(calls)}

    assert cache.cached("results:1", compute) == {"total": 1}
    assert cache.cached("results:1", compute) == {"total": 1}
    cache.invalidate("results:1")
    db.session.commit()
    assert cache.cached("results:1", compute) == {"total": 2}
    assert len(calls) == 2


def test_stale_payloads_are_recomputed(app):
    cache.cached("results:2", lambda: {"v": "old"})
    db.session.get(AggregateCache, "results:2").computed_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert cache.cached("results:2", lambda: {"v": "new"}, max_age_seconds=60) == {"v": "new"}
