"""Tracking codes: their format and entropy, lookup however a resident types them, throttling,
and one answer for every code that names nothing the visitor may see.

The code is the resident's only credential (there are no accounts), so its holder sees the
item's STATUS. Content (title, text, photo) appears only once the item is published (the
sender allowed it and the commune answered). So for someone else's private item, a code
holder learns no content, and every wrong guess — unknown, malformed, one character off —
gets the very same "not found" page as any other, from the code page and the track form alike.
"""
from __future__ import annotations

import math
import re

import pytest

from consult import codes
from consult.extensions import db
from consult.timeutil import utcnow
from tests.factories import make_commune, make_feedback, make_feedback_category

TRACKING = re.compile(r"^PA[0-9A-HJKMNP-TV-Z]{8}$")


def _shown(stored: str) -> str:
    return codes.format_tracking_code(stored)


def test_format_of_a_new_code():
    code = codes.new_tracking_code()
    assert TRACKING.match(code)
    shown = _shown(code)
    assert re.match(r"^PA-[0-9A-Z]{4}-[0-9A-Z]{4}$", shown)
    assert shown.replace("-", "") == code


def test_at_least_40_random_bits_by_construction():
    alphabet = set(codes.ALPHABET)
    assert len(alphabet) == len(codes.ALPHABET) == 32            # Crockford base 32: 5 bits a character
    assert not alphabet & set("ILOU")                              # nothing that reads as something else
    assert codes.TRACKING_LENGTH * math.log2(len(alphabet)) >= 40
    # Each of the 8 characters is drawn independently and uniformly: every symbol turns up everywhere.
    sample = [codes.new_tracking_code()[2:] for _ in range(3000)]
    assert len(set(sample)) == len(sample)
    for position in range(codes.TRACKING_LENGTH):
        assert {code[position] for code in sample} == alphabet


@pytest.fixture
def item(app, hamlets):
    make_commune()
    made = make_feedback(make_feedback_category("Môi trường"), hamlets[0], title="Khói đốt rơm rạ",
                         body="Đốt rơm cạnh trường học.", sender_name="Đặng Văn Khói", sender_phone="0977000111",
                         tracking_code="PA7K3MQ2XP")
    db.session.commit()
    return made


@pytest.mark.parametrize("typed", [
    "PA-7K3M-Q2XP", "pa-7k3m-q2xp", "PA7K3MQ2XP", "pa7k3mq2xp", "7K3M-Q2XP", "7k3mq2xp", " pa 7k3m q2xp ",
])
def test_lookup_ignores_case_dashes_and_spaces(client, item, typed):
    response = client.get("/feedback/track", query_string={"code": typed})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/feedback/PA-7K3M-Q2XP")


@pytest.mark.parametrize("path", ["pa-7k3m-q2xp", "PA7K3MQ2XP", "7k3mq2xp"])
def test_a_code_page_typed_any_way_leads_to_the_canonical_address(client, item, path):
    response = client.get(f"/feedback/{path}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/feedback/PA-7K3M-Q2XP")
    assert client.get("/feedback/PA-7K3M-Q2XP").status_code == 200


def test_look_alike_letters_are_read_as_digits(client, app, hamlets):
    make_feedback(tracking_code="PA10000001")
    db.session.commit()
    response = client.get("/feedback/track", query_string={"code": "pa-lo00-ooOi"})
    assert response.headers["Location"].endswith("/feedback/PA-1000-0001")


def _not_found(response, typed: str) -> str:
    """The page with the typed value and the address taken out, so pages can be compared."""
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    return re.sub(r"next=[^\"&]*", "next=…", html).replace(typed, "TYPED")


def test_unknown_malformed_and_near_miss_codes_get_the_same_answer(client, item):
    near_miss = "PA-7K3M-Q2XQ"  # one character off a real code
    pages = {
        typed: _not_found(client.get(f"/feedback/{typed}"), typed)
        for typed in ("PA-0000-0000", near_miss, "khong-phai-ma", "PA-ZZZZ")
    }
    assert len(set(pages.values())) == 1
    page = next(iter(pages.values()))
    assert "Không tìm thấy phản ánh" in page
    # The track form answers exactly as the code page does.
    assert _not_found(client.get("/feedback/track", query_string={"code": near_miss}), near_miss) == page


def test_a_code_shows_status_but_a_private_item_s_content_never(client, item):
    html = client.get("/feedback/PA-7K3M-Q2XP").get_data(as_text=True)
    assert "Đã tiếp nhận" in html and "Môi trường" in html
    for private in ("Khói đốt rơm rạ", "Đốt rơm cạnh trường học.", "Đặng Văn Khói", "0977000111"):
        assert private not in html
    # Its photo address answers exactly like an item that does not exist.
    assert client.get(f"/feedback/public/{item.id}/photo").status_code == 404
    # And the public list never names it.
    assert "Khói đốt rơm rạ" not in client.get("/feedback/public").get_data(as_text=True)


def test_a_private_item_stays_content_free_even_once_answered(client, item):
    item.status, item.resolved_at, item.public_answer = item.status.RESOLVED, utcnow(), "Đã nhắc nhở các hộ."
    db.session.commit()
    html = client.get("/feedback/PA-7K3M-Q2XP").get_data(as_text=True)
    assert "Đã nhắc nhở các hộ." in html  # the answer is for the sender
    assert "Khói đốt rơm rạ" not in html and "Đốt rơm cạnh trường học." not in html


def test_lookups_are_throttled_per_address(app, client, item):
    app.config["LOOKUP_LIMIT"] = "3 per minute"
    for path in ("/feedback/PA-7K3M-Q2XP", "/feedback/PA-0000-0000", "/feedback/track?code=PA-1111-1111"):
        assert client.get(path).status_code in (200, 404, 303)
    blocked = client.get("/feedback/PA-7K3M-Q2XP")
    assert blocked.status_code == 429
    assert "Quá nhiều yêu cầu" in blocked.get_data(as_text=True)
    assert client.get("/feedback/track?code=PA-0000-0000").status_code == 429
    # The empty track form is not a lookup, and another address has its own budget.
    assert client.get("/feedback/track").status_code == 200
    other = app.test_client()
    assert other.get("/feedback/PA-7K3M-Q2XP", environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 200
