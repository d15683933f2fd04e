"""Hostile input: malformed UTF-8, NUL bytes, oversized bodies, too many fields, path traversal."""
from __future__ import annotations

import pytest

from consult.extensions import db
from consult.models import Submission
from tests.conftest import csrf_token
from tests.factories import make_consultation


@pytest.fixture
def open_draft(app, hamlets):
    make_consultation("du-thao")
    db.session.commit()
    return "/c/du-thao"


def _post_raw(client, url: str, body: bytes):
    return client.post(url, data=body, content_type="application/x-www-form-urlencoded")


def _body(client, text: bytes) -> bytes:
    return b"csrf_token=" + csrf_token(client).encode() + b"&c-general-stance=other&c-general-text=" + text + b"&consent=1"


@pytest.mark.parametrize("text", [b"%FF%FEabc", b"abc%C3", b"%ED%A0%80", b"ab%00c", b"%C0%80"])
def test_malformed_utf8_and_nul_bytes_get_a_clear_400(client, open_draft, text):
    response = _post_raw(client, open_draft, _body(client, text))
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.get_data(as_text=True)
    assert db.session.execute(db.select(db.func.count()).select_from(Submission)).scalar_one() == 0


def test_a_malformed_query_string_gets_a_clear_400(client):
    response = client.get("/feedback/track?code=%FF%00")
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.get_data(as_text=True)


def test_multipart_nul_bytes_are_refused(client, app):
    response = client.post("/feedback", data={"csrf_token": csrf_token(client), "title": "a\x00b"},
                           content_type="multipart/form-data")
    assert response.status_code == 400


def test_valid_vietnamese_passes_the_guard(client, open_draft, hamlets):
    text = "Đề nghị tăng mức hỗ trợ, ưu tiên xóm 3 — cảm ơn".encode()
    from urllib.parse import quote_from_bytes

    body = _body(client, quote_from_bytes(text).encode()) + f"&hamlet={hamlets[0].id}".encode()
    assert _post_raw(client, open_draft, body).status_code in (303, 422)  # judged by the form, not the guard


def test_bodies_over_the_limit_get_413(client, open_draft):
    response = _post_raw(client, open_draft, b"c-general-text=" + b"x" * (13 * 1024 * 1024))
    assert response.status_code == 413
    assert "quá lớn" in response.get_data(as_text=True)


def test_too_many_fields_are_refused(client, open_draft):
    body = "&".join(f"f{n}=1" for n in range(1000)).encode() + b"&csrf_token=" + csrf_token(client).encode()
    assert _post_raw(client, open_draft, body).status_code == 413


def test_too_many_files_are_refused(client):
    from io import BytesIO

    files = {f"f{n}": (BytesIO(b"x"), f"{n}.jpg") for n in range(500)}
    response = client.post("/feedback", data={"csrf_token": csrf_token(client), **files},
                           content_type="multipart/form-data")
    assert response.status_code == 413


@pytest.mark.parametrize("path", [
    "/static/../consult/config.py", "/static/%2e%2e/consult/config.py", "/static/..%2fconsult%2fconfig.py",
    "/static/css/../../instance/secret_key", "/c/du-thao/files/..%2F..%2Fsecret_key",
    "/staff/feedback/1/photo/../../secret_key", "/feedback/public/..%2F1/photo",
])
def test_path_traversal_in_download_urls_is_refused(client, open_draft, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert b"SECRET" not in response.data.upper() or response.status_code == 404
    assert b"load_config" not in response.data
