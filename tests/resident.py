"""Helpers for tests of the resident's form: open the page, fill it in as a resident would."""
from __future__ import annotations

import re
from html import unescape

from consult.models import Consultation, Hamlet

HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"')


def hidden_fields(html: str) -> dict[str, str]:
    """The hidden fields of the page's form (CSRF token, idempotency key, start time, QR code)."""
    return {name: unescape(value) for name, value in HIDDEN.findall(html)}


def open_form(client, consultation: Consultation, query: str = "") -> dict[str, str]:
    """GET /c/<slug> as a resident and return the form's hidden fields."""
    response = client.get(f"/c/{consultation.slug}{query}")
    assert response.status_code == 200, response.status_code
    return hidden_fields(response.get_data(as_text=True))


def comment(article, stance: str, text: str = "") -> dict[str, str]:
    """The fields of one comment part; `article` None = the draft as a whole."""
    key = "general" if article is None else article.id
    return {f"c-{key}-stance": stance, f"c-{key}-text": text}


def fill(client, consultation: Consultation, hamlet: Hamlet | None, *parts: dict, query: str = "", **fields) -> dict:
    """A whole form as posted from the page: hidden fields, the given parts, hamlet and consent."""
    data = open_form(client, consultation, query)
    if hamlet is not None:
        data["hamlet"] = str(hamlet.id)
    data["consent"] = "1"
    for part in parts:
        data.update(part)
    data.update(fields)
    return data


def submit(client, consultation: Consultation, data: dict, **kwargs):
    return client.post(f"/c/{consultation.slug}", data=data, **kwargs)
