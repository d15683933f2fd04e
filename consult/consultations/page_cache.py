"""The consultation page for anonymous residents, rendered once per version and reused.

A draft's page with its form is tens of kilobytes of HTML, the same for every resident
except a handful of values: the CSRF token, the form's idempotency key and start time,
the QR point, the preselected hamlet. Each worker keeps the rendered page with markers
in place of those values, keyed by a fingerprint of everything the page shows (the
consultation's and the commune's `updated_at` — moved by consult/models/touch.py on any
edit of their parts — the moderated comments' cache time, the state and days left, the
language), and fills the markers per request. Nothing here must agree across workers:
each compares the fingerprint read from the database on every request.
"""
from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from consult import cache
from consult.extensions import db
from consult.i18n import current_language
from consult.models import AggregateCache, Consultation
from consult.settings import commune
from consult.timeutil import days_left

_NONCE = secrets.token_hex(8)  # per process: text typed by residents can never forge a marker
_CAPACITY = 64


def marker(name: str) -> str:
    """A placeholder no user text can contain."""
    return f"\ue000{_NONCE}:{name}\ue001"


CSRF, IDEMPOTENCY, STARTED, QR = (marker(name) for name in ("csrf", "idem", "started", "qr"))
_QR_INPUT = re.compile(r'<input type="hidden" name="qr" value="' + re.escape(QR) + r'">')
_HAMLET_SELECT = re.compile(r'(<select id="hamlet".*?</select>)', re.S)

_pages: OrderedDict[tuple, str] = OrderedDict()
_lock = threading.Lock()


def applies() -> bool:
    """Only a plain visit by a resident: staff pages and pending messages are rendered afresh."""
    return not current_user.is_authenticated and "_flashes" not in session


def fingerprint(consultation: Consultation) -> tuple:
    """Everything the page shows that can change, as read now."""
    comments_at = db.session.execute(
        db.select(AggregateCache.computed_at).where(AggregateCache.key == cache.comments_key(consultation.id))
    ).scalar_one_or_none()
    return (
        consultation.id, consultation.updated_at, commune().updated_at, comments_at, consultation.state(),
        days_left(consultation.effective_closes_at), current_language(), request.host_url,
    )


@dataclass(frozen=True)
class Fill:
    """The per-request values."""

    idempotency_key: str
    started: str
    qr_code: str
    hamlet_id: int | None


def page(consultation: Consultation, fill: Fill, render) -> str:
    """The page for this request: the cached version filled in, or a fresh render stored first.

    `render()` renders the page with the markers above as its per-request values.
    """
    key = fingerprint(consultation)
    with _lock:
        html = _pages.get(key)
        if html is not None:
            _pages.move_to_end(key)
    if html is None:
        html = render()
        key = fingerprint(consultation)  # rendering may have refreshed the comments' cache
        with _lock:
            _pages[key] = html
            while len(_pages) > _CAPACITY:
                _pages.popitem(last=False)
    return _filled(html, fill)


def _filled(html: str, fill: Fill) -> str:
    if CSRF in html:
        html = html.replace(CSRF, generate_csrf())  # also puts the token in this visitor's session
    if fill.qr_code:
        html = html.replace(QR, fill.qr_code)
    else:
        html = _QR_INPUT.sub("", html)
    if fill.hamlet_id:
        option = f'<option value="{int(fill.hamlet_id)}">'
        html = _HAMLET_SELECT.sub(lambda match: match.group(1).replace(option, option[:-1] + " selected>", 1), html,
                                  count=1)
    return html.replace(IDEMPOTENCY, fill.idempotency_key).replace(STARTED, fill.started)
