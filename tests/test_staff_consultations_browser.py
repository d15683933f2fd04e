"""Staff on a phone (390×844, headless Chromium): create a consultation, paste a draft, edit and reorder
articles in place — with JavaScript (htmx) and without."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from consult.extensions import db
from consult.models import Article, Consultation
from tests.conftest import PASSWORD
from tests.test_staff_consultations_splitter import DRAFT_RESOLUTION

pytestmark = pytest.mark.browser


def _sign_in(page, base_url: str) -> None:
    page.goto(base_url + "/login")
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/staff/")


def _watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _titles(consultation_id: int) -> list[str]:
    """The stored titles; the read transaction ends at once so the live server can write (SQLite)."""
    db.session.expire_all()
    titles = [a.title for a in db.session.execute(
        db.select(Article).where(Article.consultation_id == consultation_id).order_by(Article.position)
    ).scalars()]
    db.session.rollback()
    return titles


def test_paste_a_draft_then_edit_and_reorder_in_place_with_htmx(live_server, phone, users):
    errors = _watch_errors(phone)
    _sign_in(phone, live_server.url)

    phone.goto(live_server.url + "/staff/consultations/new")
    phone.get_by_label("Tiêu đề").fill("Dự thảo Nghị quyết hỗ trợ làm đường")
    slug = phone.locator("#slug")
    expect(slug).to_have_value("du-thao-nghi-quyet-ho-tro-lam-duong")
    phone.locator("#body_md").fill("Xin ý kiến **Nhân dân** <script>alert(1)</script>")
    phone.locator("#body-preview strong").wait_for()
    assert phone.locator("#body-preview strong").inner_text() == "Nhân dân"
    assert phone.locator("#body-preview script").count() == 0
    assert slug.input_value() == "du-thao-nghi-quyet-ho-tro-lam-duong"
    phone.get_by_role("button", name="Tạo bản nháp").click()
    phone.wait_for_url("**/staff/consultations/du-thao-nghi-quyet-ho-tro-lam-duong")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.get_by_role("link", name="Dán toàn văn dự thảo").click()
    phone.get_by_label("Toàn văn dự thảo").fill(DRAFT_RESOLUTION)
    phone.get_by_role("button", name="Tách thành các điều").click()
    phone.get_by_text("Kết quả tách: 10 điều/mục").wait_for()
    phone.get_by_role("button", name="Xác nhận: lưu 10 điều/mục").click()
    phone.wait_for_url("**/staff/consultations/du-thao-nghi-quyet-ho-tro-lam-duong#articles")
    consultation_id = db.session.execute(db.select(Consultation.id)).scalar_one()
    second_id = db.session.execute(
        db.select(Article.id).where(Article.consultation_id == consultation_id, Article.number == "2")
    ).scalar_one()
    db.session.rollback()
    assert len(_titles(consultation_id)) == 10

    item = phone.locator(f"#article-{second_id}")
    url_before = phone.url
    item.get_by_role("link", name="Sửa").click()
    item.locator("form.article-form").wait_for()
    item.get_by_label("Tên điều").fill("Đối tượng được hỗ trợ")
    item.get_by_role("button", name="Lưu").click()
    phone.locator(f"#article-{second_id} strong", has_text="Điều 2. Đối tượng được hỗ trợ").wait_for()
    assert phone.url == url_before  # edited in place, no navigation
    assert _titles(consultation_id)[1] == "Điều 2. Đối tượng được hỗ trợ"

    third = phone.locator("#article-list > li").nth(2)
    third.get_by_role("button", name="Lên").click()
    expect(phone.locator("#article-list > li strong").nth(1)).to_have_text(re.compile(r"^Điều 3\."))
    assert _titles(consultation_id)[1].startswith("Điều 3.")
    assert errors == []  # no CSP violation, no script error


def test_the_same_without_javascript(live_server, phone_no_js, users):
    page = phone_no_js
    _sign_in(page, live_server.url)
    page.goto(live_server.url + "/staff/consultations/new")
    page.get_by_label("Tiêu đề").fill("Quy chế nhà văn hóa")
    page.locator("#body_md").fill("Nội dung **giới thiệu**")
    page.get_by_role("button", name="Xem trước").click()
    assert page.locator("#body-preview strong").inner_text() == "giới thiệu"
    assert page.locator("#slug").input_value() == "quy-che-nha-van-hoa"
    page.get_by_role("button", name="Tạo bản nháp").click()
    page.wait_for_url("**/staff/consultations/quy-che-nha-van-hoa")

    page.get_by_role("link", name="Dán toàn văn dự thảo").click()
    page.get_by_label("Toàn văn dự thảo").fill("Điều 1. Phạm vi\nMột.\nĐiều 2. Hiệu lực\nHai.")
    page.get_by_role("button", name="Tách thành các điều").click()
    page.get_by_role("button", name="Xác nhận: lưu 2 điều/mục").click()
    page.wait_for_url("**#articles")

    page.locator("#article-list > li").nth(0).get_by_role("link", name="Sửa").click()
    page.wait_for_url("**/articles/*/edit")
    page.get_by_label("Tên điều").fill("Phạm vi điều chỉnh")
    page.get_by_role("button", name="Lưu").click()
    page.locator("#article-list strong", has_text="Điều 1. Phạm vi điều chỉnh").wait_for()
    page.locator("#article-list > li").nth(1).get_by_role("button", name="Lên").click()
    page.wait_for_url("**#article-*")
    assert page.locator("#article-list > li strong").nth(0).inner_text().startswith("Điều 2.")
