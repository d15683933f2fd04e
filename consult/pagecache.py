"""Rendered pages kept per worker, keyed by a fingerprint of everything they show.

A public page that is the same for every anonymous visitor (a consultation's results, the
consultation page around its per-visit form values) is rendered once per version: the view
reads a small fingerprint from the database on every request — the `updated_at` of the
records shown, the `computed_at` of their cached aggregates, the state, the language — and
renders again only when it changed. Workers never need to agree on anything: each compares
the fingerprint it just read. A time bucket makes every page re-render at least every
RESULTS_CACHE_SECONDS, as the aggregate cache itself does.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from flask import current_app, request, session
from flask_login import current_user

from consult.extensions import db
from consult.i18n import current_language
from consult.models import AggregateCache
from consult.settings import commune

_CAPACITY = 128
_pages: OrderedDict[tuple, str] = OrderedDict()
_lock = threading.Lock()


def anonymous_visit() -> bool:
    """A plain visit by a resident; staff pages and pending flash messages render afresh."""
    return not current_user.is_authenticated and "_flashes" not in session


def computed_at(key: str):
    """When the cached aggregate under `key` was computed (None when it was dropped)."""
    return db.session.execute(
        db.select(AggregateCache.computed_at).where(AggregateCache.key == key)
    ).scalar_one_or_none()


def common_fingerprint() -> tuple:
    """What every page shows besides its own records: the commune, the language, the host, the time bucket."""
    bucket = int(time.time() // max(1, current_app.config["RESULTS_CACHE_SECONDS"]))
    return commune().updated_at, current_language(), request.host_url, bucket


def rendered(fingerprint: Callable[[], tuple], render: Callable[[], str]) -> str:
    """The page for the current fingerprint: from this worker's memory, or rendered and kept."""
    key = fingerprint()
    with _lock:
        html = _pages.get(key)
        if html is not None:
            _pages.move_to_end(key)
            return html
    html = render()
    key = fingerprint()  # rendering may have refreshed an aggregate the fingerprint names
    with _lock:
        _pages[key] = html
        while len(_pages) > _CAPACITY:
            _pages.popitem(last=False)
    return html
