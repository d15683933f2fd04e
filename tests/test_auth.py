"""Staff sign-in: success, failure, throttling per account and per address, session rotation."""
from __future__ import annotations

import time

import pytest

from consult.extensions import db
from consult.models import AuditEntry, Role
from tests.conftest import PASSWORD, csrf_token, login_as, post


def _login(client, username, password=PASSWORD, **extra):
    return post(client, "/login", {"username": username, "password": password, **extra})


def test_login_page_is_vietnamese_and_has_a_form(client):
    page = client.get("/login")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'lang="vi"' in html and "Cán bộ đăng nhập" in html and 'name="csrf_token"' in html


def test_correct_password_signs_in_and_rotates_the_session(client, users):
    before = csrf_token(client)
    with client.session_transaction() as session:
        session["did"] = "device-before-login"
    response = _login(client, "quantri")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/staff/")
    with client.session_transaction() as session:
        assert session.get("_user_id") == users[Role.ADMIN].get_id()
        assert "did" not in session and "csrf_token" not in session  # a fresh session
    assert client.get("/staff/").status_code == 200
    assert csrf_token(client) != before
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "auth.login")).scalar_one()


def test_username_is_case_insensitive_and_trimmed(client, users):
    assert _login(client, "  QuanTri ").status_code == 303


def test_wrong_password_keeps_the_username_and_says_so(client, users):
    response = _login(client, "quantri", "wrong-password")
    assert response.status_code == 401
    html = response.get_data(as_text=True)
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    assert 'value="quantri"' in html
    assert client.get("/staff/").status_code == 303


def test_disabled_account_cannot_sign_in(client, users):
    users[Role.MODERATOR].active = False
    db.session.commit()
    assert _login(client, "bientap").status_code == 401


def test_five_failures_delay_the_account_with_a_vietnamese_message(client, users):
    for _ in range(4):
        assert _login(client, "bientap", "wrong-password").status_code == 401
    fifth = _login(client, "bientap", "wrong-password")
    assert fifth.status_code == 429
    assert "thử lại sau 30 giây" in fifth.get_data(as_text=True)
    # Even the right password waits now, and the wait is stated again.
    blocked = _login(client, "bientap", PASSWORD)
    assert blocked.status_code == 429
    assert "Retry-After" in blocked.headers
    assert "Vui lòng thử lại sau" in blocked.get_data(as_text=True)


def test_delay_grows_with_each_further_failure(app, users):
    from consult.auth.services import note_failure, seconds_until_allowed

    with app.test_request_context():
        for _ in range(5):
            note_failure("bientap", "10.0.0.1")
        first = seconds_until_allowed("bientap", "10.0.0.1")
        note_failure("bientap", "10.0.0.1")
        second = seconds_until_allowed("bientap", "10.0.0.1")
    assert 25 <= first <= 30
    assert 55 <= second <= 60


def test_delay_expires(app, client, users, monkeypatch):
    for _ in range(5):
        _login(client, "bientap", "wrong-password")
    assert _login(client, "bientap").status_code == 429
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 31)
    assert _login(client, "bientap").status_code == 303


def test_many_accounts_from_one_address_are_throttled_per_address(client, users):
    for n in range(19):
        assert _login(client, f"khong-co-{n}", "wrong-password").status_code == 401
    assert _login(client, "khong-co-20", "wrong-password").status_code == 429
    # Another address (another phone in the hall) is not affected.
    other = client.application.test_client()
    assert post(other, "/login", {"username": "quantri", "password": PASSWORD},
                environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code == 303


def test_account_throttle_does_not_lock_out_other_accounts(client, users):
    for _ in range(5):
        _login(client, "bientap", "wrong-password")
    assert _login(client, "quantri").status_code == 303


def test_success_clears_the_account_failures(client, users):
    for _ in range(4):
        _login(client, "bientap", "wrong-password")
    assert _login(client, "bientap").status_code == 303
    client.get("/")  # still signed in; sign out and fail again: the count restarted
    post(client, "/logout")
    assert _login(client, "bientap", "wrong-password").status_code == 401


def test_logout_needs_post_and_ends_the_session(client, users):
    login_as(client, users[Role.ADMIN])
    assert client.get("/logout").status_code == 405
    response = post(client, "/logout")
    assert response.status_code == 303
    assert client.get("/staff/").status_code == 303


def test_password_reset_signs_out_existing_sessions(client, users):
    login_as(client, users[Role.MODERATOR])
    assert client.get("/staff/").status_code == 200
    users[Role.MODERATOR].set_password("another-long-password")
    db.session.commit()
    assert client.get("/staff/").status_code == 303


@pytest.mark.parametrize("target, expected", [
    ("/staff/audit", "/staff/audit"),
    ("https://evil.example/", "/staff/"),
    ("//evil.example/", "/staff/"),
    ("/\\evil.example", "/staff/"),
])
def test_next_only_follows_same_site_paths(client, users, target, expected):
    response = _login(client, "quantri", next=target)
    assert response.headers["Location"].endswith(expected)
    assert "evil" not in response.headers["Location"]


def test_session_cookie_flags(client, users):
    response = _login(client, "quantri")
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP in development


def test_session_cookie_is_secure_behind_https(client, users):
    response = post(client, "/login", {"username": "quantri", "password": PASSWORD},
                    base_url="https://localhost")
    assert "Secure" in response.headers.get("Set-Cookie", "")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
