"""Spotting personal data a resident typed into a comment, and masking it for the redaction form."""
from __future__ import annotations

import re

from consult.i18n import gettext as _

# Vietnamese phone numbers as people type them: 0912 345 678, 0912.345.678, +84 912-345-678.
_PHONE = re.compile(r"(?<!\d)(?:\+84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def contains_contact(text: str) -> bool:
    """Whether the text seems to hold a phone number or an e-mail address."""
    return bool(_PHONE.search(text or "") or _EMAIL.search(text or ""))


def masked(text: str) -> str:
    """The text with phone numbers and e-mail addresses replaced by a marker (a suggestion only)."""
    text = _EMAIL.sub(_("[đã ẩn email]"), text or "")
    return _PHONE.sub(_("[đã ẩn số điện thoại]"), text)
