"""Short codes people read aloud, type and print: receipts, tracking codes, QR points.

Crockford's base-32 alphabet has no I, L, O or U, so nothing reads as another
character; when typed, case does not matter, dashes and spaces are optional, and
I/L are read as 1 and O as 0.
"""
from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPED_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s\-_.]")

#: Receipt codes: 10 characters = 50 random bits, shown as XXXXX-XXXXX.
RECEIPT_LENGTH = 10
#: Suggestion-box tracking codes: "PA-" + 8 characters = 40 random bits, shown as PA-XXXX-XXXX.
TRACKING_PREFIX = "PA"
TRACKING_LENGTH = 8
#: QR point codes: 6 characters; not secret, only unambiguous.
QR_LENGTH = 6


def random_code(length: int) -> str:
    """A code of `length` characters drawn uniformly from the alphabet."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_typed(value: str) -> str:
    """What a person typed → canonical form: upper case, no separators, aliases resolved."""
    return _SEPARATORS.sub("", (value or "").upper()).translate(_TYPED_ALIASES)


def group(code: str, size: int) -> str:
    """Insert dashes every `size` characters for reading: ABCDE12345 → ABCDE-12345."""
    return "-".join(code[i:i + size] for i in range(0, len(code), size))


def new_receipt_code() -> str:
    return random_code(RECEIPT_LENGTH)


def parse_receipt_code(value: str) -> str | None:
    """The canonical receipt code, or None if it cannot be one."""
    code = normalise_typed(value)
    if len(code) == RECEIPT_LENGTH and all(ch in ALPHABET for ch in code):
        return code
    return None


def format_receipt_code(code: str) -> str:
    return group(code, 5)


def new_tracking_code() -> str:
    """Stored form of a tracking code: "PA" + 8 random characters."""
    return TRACKING_PREFIX + random_code(TRACKING_LENGTH)


def parse_tracking_code(value: str) -> str | None:
    """Canonical stored form from anything a resident might type ("pa-7k3m-q2xp", "7K3MQ2XP")."""
    code = normalise_typed(value)
    # "PA" may be typed or not; the alias map turned nothing in it into a digit.
    if code.startswith(TRACKING_PREFIX) and len(code) == len(TRACKING_PREFIX) + TRACKING_LENGTH:
        code = code[len(TRACKING_PREFIX):]
    if len(code) == TRACKING_LENGTH and all(ch in ALPHABET for ch in code):
        return TRACKING_PREFIX + code
    return None


def format_tracking_code(stored: str) -> str:
    """PA7K3MQ2XP → PA-7K3M-Q2XP."""
    body = stored[len(TRACKING_PREFIX):]
    return f"{TRACKING_PREFIX}-{group(body, 4)}"


def new_qr_code() -> str:
    return random_code(QR_LENGTH)


def parse_qr_code(value: str) -> str | None:
    code = normalise_typed(value)
    if len(code) == QR_LENGTH and all(ch in ALPHABET for ch in code):
        return code
    return None
