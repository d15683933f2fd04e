"""Quiet defences of a resident form: a honeypot, a minimum fill time, an idempotency key.

None of them asks anything of a person. A bot fills the hidden "website" field or posts
within a second of loading the page; a double tap on a slow 3G connection sends the
same idempotency key twice and gets the first answer again.
"""
from __future__ import annotations

import re
import secrets
import time

from flask import current_app
from itsdangerous import BadSignature, TimestampSigner

_START_SALT = "feedback-form-started"
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _signer() -> TimestampSigner:
    return TimestampSigner(current_app.config["SECRET_KEY"], salt=_START_SALT)


def start_token() -> str:
    """A signed "the form was shown now" value for a hidden field."""
    return _signer().sign(b"f").decode()


def seconds_since_start(token: str | None) -> float | None:
    """How long ago the form was shown, or None if the token is missing or forged."""
    if not token:
        return None
    try:
        _, signed_at = _signer().unsign(token, return_timestamp=True)
    except BadSignature:
        return None
    return time.time() - signed_at.timestamp()


def filled_too_fast(token: str | None) -> bool:
    """True when the form came back sooner than a person can fill it (or without a genuine start)."""
    elapsed = seconds_since_start(token)
    return elapsed is None or elapsed < float(current_app.config["MIN_FILL_SECONDS"])


def new_idempotency_key() -> str:
    """A random key for one rendering of a form (192 bits)."""
    return secrets.token_urlsafe(24)


def valid_idempotency_key(value: str | None) -> str | None:
    """The key if it looks like one we issued, else None (then the post is simply not deduplicated)."""
    return value if value and _KEY.match(value) else None
