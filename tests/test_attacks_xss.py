"""XSS corpus: every text column of the demo commune is overwritten with hostile payloads, then
every page — public and staff — plus the open data and the exports are read: nothing executable\ncomes back.

Writing the payloads straight into the database covers every field that is ever shown, however
it got there (web form, paper entry, staff editor, import); the resident and staff form paths
are exercised with the same payloads by the features' own safety tests.
"""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from itertools import cycle

import pytest
from sqlalchemy import String, Text, update

from consult.extensions import db
from consult.models import Role
from tests.conftest import login_as, post
from tests.test_attacks_routes import _rules, _url, demo  # noqa: F401  (the demo fixture)

MARK = "alert(7)"
PAYLOADS = [
    f"<script>{MARK}</script>",
    f'"><img src=x onerror={MARK}>',
    f"<svg onload={MARK}><circle r=5 /></svg>",
    f"javascript:{MARK}",
    f"[bấm vào đây](javascript:{MARK})",
    f'<a href="javascript:{MARK}">xem</a>',
    '<div hx-get="/xss-7" hx-trigger="load">tải</div>',
    '<p data-hx-post="/xss-7" data-hx-trigger="load">x</p>',
    f'<button hx-on:click="{MARK}">bấm</button>',
    f"<img src=x onerror={MARK}//",  # broken HTML
    f"<ѕcript>{MARK}</ѕcript>",  # Cyrillic ѕ: a homoglyph
    f"<scri\u0301pt>{MARK}</scri\u0301pt>",  # a decomposed accent inside the tag name
    f"</textarea><script>{MARK}</script>",
    f"<iframe src=\"//xss-7.example\"></iframe>{MARK}",
    "{{ 7*7 }} {% raw %}",
    f"'-{MARK}-'",
    '=HYPERLINK("http://xss-7.example","bấm")',  # a formula, for the spreadsheets
]
#: Columns that hold codes, keys, hashes or fixed vocabularies, never free text.
NOT_TEXT = {
    "slug", "code", "receipt_code", "tracking_code", "idempotency_key", "username", "password_hash",
    "session_token", "device_hash", "entry_batch", "stored_name", "sha256", "photo_name", "number", "label",
    "unit_kind", "kind", "public_host", "key", "action", "target_type", "actor_label", "contact_phone",
    "sender_phone", "hotline", "contact_email", "email", "filename",
}
#: Attributes that carry text the browser never runs.
INERT = {"value", "content", "title", "aria-label", "alt", "placeholder", "data-template", "datetime", "id", "for",
         "name", "class", "lang", "hreflang", "rel", "type", "role", "aria-describedby", "aria-labelledby"}


def _poison() -> int:
    """Overwrite every free-text column of every row with a payload (followed by its column)."""
    payloads = cycle(PAYLOADS)
    columns = 0
    for table in db.metadata.sorted_tables:
        texts = [column for column in table.columns
                 if isinstance(column.type, (String, Text)) and not column.primary_key and not column.foreign_keys
                 and column.name not in NOT_TEXT and (column.type.length or 999) >= 40
                 and not getattr(column.type, "enums", None)]
        for column in texts:
            db.session.execute(update(table).values({column.name: f"{next(payloads)} [{table.name}.{column.name}]"}))
            columns += 1
    db.session.commit()
    return columns


class _Inspector(HTMLParser):
    """Collects everything executable in a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "object", "embed", "base", "frame"):
            self.problems.append(f"<{tag}>")
        if tag == "script":
            source = dict(attrs).get("src") or ""
            if not source.startswith("/static/"):
                self.problems.append(f"script without a local src: {attrs}")
            self._in_script = True
        for name, value in attrs:
            value = value or ""
            lowered = value.strip().lower()
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if lowered.startswith(("javascript:", "vbscript:", "data:text/html")) and name in ("href", "src", "action", "formaction", "xlink:href"):
                self.problems.append(f"{name}={value!r} on <{tag}>")
            if name not in INERT and ("xss-7" in value or MARK in value):
                self.problems.append(f"payload in {name}={value!r} on <{tag}>")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data[:60]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def _problems(html: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(html)
    return inspector.problems


def _crawl(app, client, demo) -> dict[str, list[str]]:
    found = {}
    for rule in _rules(app, "GET"):
        url = _url(rule, demo)
        if url is None:
            continue
        response = client.get(url)
        if response.mimetype == "text/html":
            found[url] = _problems(response.get_data(as_text=True))
        elif response.mimetype == "application/json":
            json.loads(response.get_data(as_text=True))  # data, never markup to run
    return {url: problems for url, problems in found.items() if problems}


def test_the_inspector_catches_what_it_must():
    assert _problems(f"<p>{PAYLOADS[1]}</p>")
    assert _problems(PAYLOADS[6]) and _problems(PAYLOADS[8]) and _problems(PAYLOADS[0])
    assert not _problems('<p>&lt;script&gt;alert(7)&lt;/script&gt;</p><input value="&lt;img onerror=alert(7)&gt;">')


@pytest.mark.parametrize("who", ["anonymous", Role.ADMIN])
def test_nothing_executable_comes_back_anywhere(app, client, users, demo, who):
    assert _poison() >= 20
    if who != "anonymous":
        login_as(client, users[who])
    problems = _crawl(app, client, demo)
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)[:4000]


def test_the_poisoned_text_is_shown_escaped(app, client, demo):
    _poison()
    html = client.get(f"/c/{demo['draft']}").get_data(as_text=True)
    assert "&lt;" in html and "alert(7)" in html  # shown, as text


def _package_parts(body: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        return {name: package.read(name).decode("utf-8") for name in package.namelist() if name.endswith((".xml", ".rels"))}


def test_exports_carry_the_payloads_as_inert_text(app, client, users, demo):
    _poison()
    login_as(client, users[Role.ADMIN])
    base = f"/staff/consultations/{demo['draft']}/export"
    report = post(client, f"{base}/report", {"signer": "ubnd:chair", "issued_on": "2026-02-05",
                                             "title": PAYLOADS[0], "recipients": PAYLOADS[-1]})
    assert report.status_code == 200
    parts = _package_parts(report.data)
    document = parts["word/document.xml"]
    assert "&lt;script&gt;" in document  # the payloads are there, as text
    for part, xml in parts.items():
        assert "<w:hyperlink" not in xml and 'TargetMode="External"' not in xml, part
        # The only field is the page number in the header.
        assert set(re.findall(r"<w:instrText[^>]*>([^<]*)<", xml)) <= {" PAGE ", "PAGE"}, part
        assert "<w:fldSimple" not in xml or 'w:instr="PAGE"' in xml, part

    workbook = post(client, f"{base}/data", {"format": "xlsx", "include_contacts": "y", "contact_reason": "Kiểm tra"})
    for part, xml in _package_parts(workbook.data).items():
        assert "<f>" not in xml and "<f " not in xml and "hyperlink" not in xml, part

    for slug, kind in ((demo["draft"], "comments_csv"), (demo["survey"], "answers_csv")):
        text = post(client, f"/staff/consultations/{slug}/export/data", {"format": kind, "include_contacts": "y", "contact_reason": "Kiểm tra"}
                    ).get_data(as_text=True)
        cells = [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")], kind
        assert MARK in text or "xss-7" in text, kind  # the payloads are there, as text
