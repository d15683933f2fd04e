"""On a phone (390×844, headless Chromium): a resident sends feedback with a photo, gets the code,
tracks it; a member of staff answers it on the staff pages; the public page shows the answer."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from consult.extensions import db
from consult.models import Feedback, FeedbackStatus, Role
from tests.conftest import PASSWORD
from tests.factories import make_commune, make_feedback_category
from tests.feedback_support import jpeg_with_gps
from consult.timeutil import utcnow

pytestmark = pytest.mark.browser


@pytest.fixture
def box(app, hamlets, users):
    make_commune()
    make_feedback_category("Đời sống dân sinh")
    make_feedback_category("Hạ tầng – giao thông")
    db.session.commit()


def _watch(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _fill_the_form(page, base: str) -> None:
    page.goto(base + "/feedback")
    page.get_by_label("Hạ tầng – giao thông").check()
    page.get_by_label("Thôn, xóm liên quan").select_option(label="Xóm 2")
    page.get_by_label("Tiêu đề", exact=True).fill("Cống thoát nước bị vỡ")
    page.get_by_label("Nội dung phản ánh, kiến nghị", exact=True).fill("Cống ở đầu xóm 2 bị vỡ, nước tràn ra đường.")
    page.get_by_label("Ảnh kèm theo (không bắt buộc)").set_input_files(
        files=[{"name": "cong-vo.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps(size=(900, 600))}])
    page.get_by_label("Cho phép công khai nội dung (không kèm thông tin cá nhân)").check()


def test_send_track_answer_and_read_it_publicly_on_a_phone(app, live_server, phone, box, users):
    moderator = users[Role.MODERATOR].display_name
    db.session.commit()  # the test thread must not hold SQLite's lock while the server works
    errors = _watch(phone)
    _fill_the_form(phone, live_server.url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="Gửi phản ánh").click()

    # htmx puts the receipt in place of the form.
    receipt = phone.locator("#receipt")
    receipt.wait_for()
    assert phone.url.endswith("/feedback")
    code = re.search(r"PA-[0-9A-Z]{4}-[0-9A-Z]{4}", receipt.inner_text()).group(0)
    assert phone.evaluate("document.activeElement.id") == "receipt"

    # Track it later, typing the code carelessly.
    phone.goto(live_server.url + "/feedback/track")
    phone.get_by_label("Mã phản ánh").fill(code.lower().replace("-", ""))
    phone.get_by_role("button", name="Tra cứu").click()
    phone.wait_for_url(f"**/feedback/{code}")
    assert "Đã tiếp nhận" in phone.locator("main").inner_text()
    assert "Cống thoát nước bị vỡ" not in phone.content()  # content only once answered

    # The stored photo carries no metadata.
    item = db.session.execute(db.select(Feedback)).scalar_one()
    item_id = item.id
    assert b"Exif" not in (Path(app.config["UPLOAD_DIR"]) / "feedback" / item.photo_name).read_bytes()
    db.session.commit()  # end the test's read: SQLite must not see this thread holding the database

    # A member of staff signs in on their phone and answers it.
    phone.goto(live_server.url + "/login")
    phone.get_by_label("Tên đăng nhập").fill("bientap")
    phone.get_by_label("Mật khẩu").fill(PASSWORD)
    phone.get_by_role("button", name="Đăng nhập").click()
    phone.wait_for_url("**/staff/")
    phone.goto(f"{live_server.url}/staff/feedback/{item_id}")
    phone.get_by_text("Giao xử lý", exact=True).click()
    phone.get_by_label("Giao cho").select_option(label=moderator)
    phone.get_by_role("button", name="Giao", exact=True).click()
    phone.get_by_text("Đã giao xử lý.").wait_for()
    phone.get_by_text("Trả lời và kết thúc", exact=True).first.click()
    phone.get_by_label("Trả lời của xã (công khai cho người gửi)").fill("Xã đã thay đoạn cống vỡ ngày 12/3.")
    phone.get_by_role("button", name="Trả lời và kết thúc").click()
    phone.get_by_text("Đã trả lời và kết thúc phản ánh.").wait_for()
    db.session.expire_all()
    assert db.session.get(Feedback, item_id).status is FeedbackStatus.RESOLVED
    db.session.commit()

    # The public page shows the answer, the content and the photo; the code page too.
    phone.goto(live_server.url + "/feedback/public")
    main = phone.locator("main").inner_text()
    assert "Cống thoát nước bị vỡ" in main and "Xã đã thay đoạn cống vỡ ngày 12/3." in main
    picture = phone.locator(f"#pa-{item_id} img.photo")
    picture.scroll_into_view_if_needed()
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.goto(f"{live_server.url}/feedback/{code}")
    assert "Xã đã thay đoạn cống vỡ ngày 12/3." in phone.locator("main").inner_text()
    assert errors == []  # no CSP violation, no script error


def test_the_form_works_with_javascript_off(live_server, phone_no_js, box):
    _fill_the_form(phone_no_js, live_server.url)
    phone_no_js.get_by_role("button", name="Gửi phản ánh").click()
    phone_no_js.wait_for_url(re.compile(r".*/feedback/PA-[0-9A-Z]{4}-[0-9A-Z]{4}$"))
    assert "Đã gửi phản ánh" in phone_no_js.locator("#receipt").inner_text()
    stored = db.session.execute(db.select(Feedback)).scalar_one()
    assert stored.photo_name and stored.allow_public


def test_staff_filter_the_inbox_without_a_page_reload(live_server, browser, box, users):
    from tests.factories import make_feedback

    make_feedback(title="Chưa ai nhận")
    make_feedback(title="Đã trả lời xong", status="resolved", resolved_at=utcnow(), public_answer="Xong.")
    db.session.commit()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = _watch(page)
    page.goto(live_server.url + "/login")
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/staff/")
    page.goto(live_server.url + "/staff/feedback/")
    assert "Chưa ai nhận" in page.locator("#inbox-results").inner_text()
    page.evaluate("window.marker = 'same page'")
    page.get_by_label("Trạng thái", exact=True).select_option("resolved")
    page.wait_for_url("**status=resolved**")
    page.get_by_text("Đã trả lời xong").wait_for()
    assert "Chưa ai nhận" not in page.locator("#inbox-results").inner_text()
    assert page.evaluate("window.marker") == "same page"  # swapped in place, not reloaded
    assert errors == []
    context.close()
