"""The question editor in a real browser: htmx edits in place; without JavaScript the same forms work."""
from __future__ import annotations

import pytest

from consult.extensions import db
from consult.models import Consultation, ConsultationKind, Question
from tests.conftest import PASSWORD
from tests.factories import make_consultation, make_question

pytestmark = pytest.mark.browser


def _sign_in(page, base_url: str) -> None:
    page.goto(base_url + "/login")
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/staff/")


@pytest.fixture
def survey(app, users) -> str:
    """The consultation's slug. Tests here never touch ORM objects while the browser works: in
    this thread a lazy load would open a write transaction (SQLite) that blocks the server's writes."""
    consultation = make_consultation("khao-sat-nuoc", kind=ConsultationKind.SURVEY, articles=0)
    make_question(consultation, "yesno", prompt="Nhà bạn có nước máy chưa?", options=())
    db.session.commit()
    return "khao-sat-nuoc"


def _prompts(slug: str) -> list[str]:
    prompts = list(db.session.execute(
        db.select(Question.prompt).join(Question.consultation).where(Consultation.slug == slug).order_by(Question.position)
    ).scalars())
    db.session.commit()
    return prompts


def test_edit_in_place_add_and_reorder_with_htmx(live_server, phone, survey, tmp_path):
    errors: list[str] = []
    phone.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    phone.on("pageerror", lambda error: errors.append(str(error)))
    _sign_in(phone, live_server.url)
    phone.goto(f"{live_server.url}/staff/consultations/{survey}/questions")
    editor_url = phone.url

    # Only the settings of the chosen kind are shown.
    phone.get_by_label("Loại câu hỏi").select_option("rating")
    assert phone.get_by_label("Ý nghĩa của điểm 1").is_visible()
    assert not phone.locator("#new-options").is_visible()
    phone.get_by_label("Loại câu hỏi").select_option("multiple")
    assert phone.locator("#new-options").is_visible() and phone.get_by_label("Chọn nhiều nhất").is_visible()

    # Add: the list re-renders in place, the page does not reload.
    phone.get_by_label("Câu hỏi", exact=True).fill("Việc nào xóm cần làm trước?")
    phone.locator("#new-options").fill("Đường\nĐiện chiếu sáng\nNước sạch")
    phone.get_by_label("Chọn nhiều nhất").fill("2")
    phone.get_by_role("button", name="Thêm câu hỏi").click()
    phone.locator("#questions").get_by_text("Việc nào xóm cần làm trước?").wait_for()
    assert phone.url == editor_url
    assert phone.locator("#new-prompt").input_value() == ""

    # Edit in place: the item becomes a form, and back.
    first = phone.locator(".question-item").first
    first.get_by_role("link", name="Sửa").click()
    prompt = phone.locator(".question-item.editing textarea[name=prompt]")
    prompt.fill("Nhà bạn đã có nước máy chưa?")
    phone.locator(".question-item.editing").get_by_role("button", name="Lưu câu hỏi").click()
    phone.locator(".question-item").first.get_by_text("Nhà bạn đã có nước máy chưa?").wait_for()
    assert phone.locator(".question-item.editing").count() == 0

    # Move the second question up.
    phone.locator(".question-item").nth(1).get_by_role("button", name="↑ Lên").click()
    phone.locator(".question-item").first.get_by_text("Việc nào xóm cần làm trước?").wait_for()
    assert _prompts(survey) == ["Việc nào xóm cần làm trước?", "Nhà bạn đã có nước máy chưa?"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(tmp_path / "editor.png"), full_page=True)
    assert errors == []


def test_the_same_editor_without_javascript(live_server, phone_no_js, survey):
    page = phone_no_js
    _sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/staff/consultations/{survey}/questions")
    page.get_by_label("Câu hỏi", exact=True).fill("Bạn chấm chất lượng nước mấy điểm?")
    page.get_by_label("Loại câu hỏi").select_option("rating")
    page.get_by_label("Ý nghĩa của điểm 1").fill("Rất kém")
    page.get_by_label("Ý nghĩa của điểm 5").fill("Rất tốt")
    page.get_by_role("button", name="Thêm câu hỏi").click()
    page.wait_for_url("**/questions#question-*")
    assert "Đã thêm câu hỏi." in page.content()
    page.locator(".question-item").first.get_by_role("link", name="Sửa").click()
    page.wait_for_url("**/edit")
    page.locator("textarea[name=prompt]").fill("")
    page.get_by_role("button", name="Lưu câu hỏi").click()
    assert "Hãy nhập câu hỏi." in page.content()
    page.locator("textarea[name=prompt]").fill("Nhà bạn có dùng nước máy?")
    page.get_by_role("button", name="Lưu câu hỏi").click()
    page.wait_for_url("**/questions#question-*")
    page.locator(".question-item").nth(1).get_by_role("button", name="↑ Lên").click()
    page.wait_for_url("**/questions#question-*")
    assert _prompts(survey) == ["Bạn chấm chất lượng nước mấy điểm?", "Nhà bạn có dùng nước máy?"]


def test_the_keyboard_focus_follows_the_work(live_server, phone, survey):
    _sign_in(phone, live_server.url)
    phone.goto(f"{live_server.url}/staff/consultations/{survey}/questions")
    phone.locator(".question-item").first.get_by_role("link", name="Sửa").click()
    phone.locator(".question-item.editing").wait_for()
    assert phone.evaluate("document.activeElement.name") == "prompt"
    phone.keyboard.press("End")
    phone.keyboard.type(" (nước sạch)")
    phone.locator(".question-item.editing").get_by_role("button", name="Lưu câu hỏi").click()
    phone.locator(".question-item").first.get_by_text("(nước sạch)").wait_for()
    assert phone.evaluate("document.activeElement.textContent").startswith("Sửa")
