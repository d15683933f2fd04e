"""The consultation page for anonymous residents, rendered once per version and reused.

A draft's page with its form is tens of kilobytes of HTML, the same for every resident
except a handful of values: the CSRF token, the form's idempotency key and start time,
the QR point, the preselected hamlet. consult.pagecache keeps the page rendered with
markers in place of those values, keyed by a fingerprint of what it shows (the
consultation's `updated_at` — moved by consult/models/touch.py on any edit of its parts —
the moderated comments' cache time, the state, the days left); each visit fills the
markers in.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from flask_wtf.csrf import generate_csrf

from consult import cache, pagecache
from consult.models import Consultation
from consult.timeutil import days_left

_NONCE = secrets.token_hex(8)  # per process: text typed by residents can never forge a marker


def marker(name: str) -> str:
    """A placeholder no user text can contain."""
    return f"\ue000{_NONCE}:{name}\ue001"


CSRF, IDEMPOTENCY, STARTED, QR = (marker(name) for name in ("csrf", "idem", "started", "qr"))
_QR_INPUT = re.compile(r'<input type="hidden" name="qr" value="' + re.escape(QR) + r'">')
_HAMLET_SELECT = re.compile(r'(<select id="hamlet".*?</select>)', re.S)

applies = pagecache.anonymous_visit


def fingerprint(consultation: Consultation) -> tuple:
    """Everything the page shows that can change, as read now."""
    return (
        "consultation", consultation.id, consultation.updated_at,
        pagecache.computed_at(cache.comments_key(consultation.id)), consultation.state(),
        days_left(consultation.effective_closes_at), *pagecache.common_fingerprint(),
    )


@dataclass(frozen=True)
class Fill:
    """The per-request values."""

    idempotency_key: str
    started: str
    qr_code: str
    hamlet_id: int | None


def page(consultation: Consultation, fill: Fill, render) -> str:
    """The page for this request: the kept rendering filled in (`render()` uses the markers)."""
    return _filled(pagecache.rendered(lambda: fingerprint(consultation), render), fill)


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
