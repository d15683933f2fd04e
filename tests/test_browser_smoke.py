"""A phone (390×844, headless Chromium) opens the home page and a staff member signs in."""
from __future__ import annotations

import pytest

from consult.models import Role
from tests.conftest import PASSWORD
from tests.factories import make_commune, make_consultation
from consult.extensions import db

pytestmark = pytest.mark.browser


def test_home_page_and_staff_login_on_a_phone(live_server, phone, users):
    make_commune()
    make_consultation("du-thao-thu", title="Dự thảo Nghị quyết thử nghiệm")
    db.session.commit()
    errors: list[str] = []
    phone.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    phone.on("pageerror", lambda error: errors.append(str(error)))

    phone.goto(live_server.url + "/")
    assert phone.locator("h1").inner_text().startswith("Lấy ý kiến Nhân dân")
    assert phone.get_by_role("link", name="Dự thảo Nghị quyết thử nghiệm").is_visible()
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.get_by_role("link", name="Cán bộ đăng nhập").click()
    phone.get_by_label("Tên đăng nhập").fill("bientap")
    phone.get_by_label("Mật khẩu").fill(PASSWORD)
    phone.get_by_role("button", name="Đăng nhập").click()
    phone.wait_for_url("**/staff/")
    assert "Xin chào" in phone.locator("h1").inner_text()
    assert users[Role.MODERATOR].username in phone.content()
    assert errors == []  # no CSP violation or script error
