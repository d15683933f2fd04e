"""Security headers on every response; CSRF on every state change."""
from __future__ import annotations

import pytest

from consult.models import Role
from tests.conftest import login_as

PUBLIC_PATHS = ["/", "/login", "/healthz", "/khong-co-trang-nay", "/static/css/site.css"]


def _assert_headers(response):
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_responses_carry_security_headers(client, path):
    _assert_headers(client.get(path))


def test_staff_pages_carry_security_headers_and_are_not_cached(client, users):
    login_as(client, users[Role.ADMIN])
    for path in ("/staff/", "/staff/users", "/staff/audit"):
        response = client.get(path)
        assert response.status_code == 200
        _assert_headers(response)
        assert response.headers["Cache-Control"] == "no-store"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    assert "max-age" in client.get("/", base_url="https://localhost").headers["Strict-Transport-Security"]


def test_post_without_csrf_token_is_refused(client, users):
    response = client.post("/login", data={"username": "quantri", "password": "x"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "gửi lại" in html.lower()
    assert 'value="quantri"' in html       # what was typed is kept...
    assert 'name="password"' not in html   # ...except secrets


def test_csrf_failure_page_keeps_long_text_for_resubmission(client):
    text = "Đề nghị bổ sung <b>khoản 3</b> vào Điều 4 " * 10
    response = client.post("/login", data={"username": text, "password": "x"})
    html = response.get_data(as_text=True)
    assert "Đề nghị bổ sung &lt;b&gt;khoản 3&lt;/b&gt;" in html
    assert "<b>khoản 3</b>" not in html


def test_htmx_pages_send_the_csrf_header_for_signed_in_staff(client, users):
    login_as(client, users[Role.MODERATOR])
    html = client.get("/staff/").get_data(as_text=True)
    assert "hx-headers:inherited='{\"X-CSRFToken\": \"" in html


def test_public_home_sets_no_cookie(client):
    assert "Set-Cookie" not in client.get("/").headers


def test_pages_are_compressed_when_the_client_accepts_it(client):
    response = client.get("/static/css/site.css", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"


def test_hashed_static_urls_are_cached_forever(client):
    html = client.get("/").get_data(as_text=True)
    import re

    css = re.search(r'href="(/static/css/site\.css\?v=[0-9a-f]{10})"', html).group(1)
    assert "immutable" in client.get(css).headers["Cache-Control"]
    assert client.get("/static/css/site.css").headers["Cache-Control"] == "no-cache"
    assert "immutable" not in client.get("/static/css/site.css?v=0000000000").headers["Cache-Control"]


def test_csrf_failure_from_htmx_gets_a_fragment(client):
    response = client.post("/login", data={"username": "quantri"}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "<html" not in html and "Gửi lại" in html and 'value="quantri"' in html
