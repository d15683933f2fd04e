"""Typing paper forms in a real browser with the keyboard only, as an officer at an office PC does."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import Channel, ConsultationKind, Stance, Submission
from tests.conftest import PASSWORD
from tests.factories import make_commune, make_consultation, make_question

pytestmark = pytest.mark.browser


@pytest.fixture
def ids(app, hamlets, users) -> dict:
    """Plain ids only: the test never touches ORM objects while the browser works (a lazy load in
    this thread would hold SQLite's write lock against the server)."""
    make_commune()
    consultation = make_consultation("du-thao-duong-lang", kind=ConsultationKind.BOTH, articles=2)
    question = make_question(consultation, "yesno", prompt="Bạn có góp ngày công?", options=())
    db.session.commit()
    made = {"slug": consultation.slug, "articles": [a.id for a in consultation.articles], "question": question.id,
            "hamlet": hamlets[1].id}
    db.session.commit()
    return made


def _sign_in(page, base_url: str) -> None:
    page.goto(base_url + "/login")
    page.get_by_label("Tên đăng nhập").fill("canboxom2")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/staff/")


def _focused(page) -> tuple[str, str]:
    return tuple(page.evaluate("[document.activeElement.name || '', document.activeElement.value || '']"))


def _entries() -> list[Submission]:
    db.session.commit()
    rows = list(db.session.execute(select(Submission).order_by(Submission.id)).scalars())
    return rows


def test_two_forms_typed_with_the_keyboard_only(live_server, browser, ids, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    first, second = ids["articles"]
    keys = page.keyboard
    try:
        _sign_in(page, live_server.url)
        page.goto(f"{live_server.url}/staff/entry/{ids['slug']}")
        # The cursor starts where the paper starts: the first article's stance, left blank.
        assert _focused(page) == (f"c-{first}-stance", "")

        # Form 1 — Điều 1: Tán thành (arrow), a few words; Điều 2 blank; whole draft blank; "Có"; consent; Enter.
        keys.press("ArrowDown")
        assert _focused(page) == (f"c-{first}-stance", "agree")
        keys.press("Tab")
        keys.type("Nhất trí mở rộng đường.")
        keys.press("Tab")  # Điều 2: its stance group
        keys.press("Tab")  # Điều 2: its text
        keys.press("Tab")  # the whole draft: its stance group
        keys.press("Tab")  # the whole draft: its text
        keys.press("Tab")  # the question
        assert _focused(page)[0] == f"q-{ids['question']}"
        keys.press("ArrowDown")
        assert _focused(page) == (f"q-{ids['question']}", "yes")
        for _ in range(5):  # group, name, show name, phone, consent (the hamlet is the officer's own, fixed)
            keys.press("Tab")
        assert _focused(page)[0] == "consent"
        keys.press("Space")
        keys.press("Enter")
        keys.press("Enter")  # pressed twice while saving: stored once
        page.get_by_text("Đã lưu phiếu thứ 1 của đợt nhập này").wait_for()
        # The form is blank again and the cursor is back on the first field.
        page.wait_for_function(f"document.activeElement && document.activeElement.name === 'c-{first}-stance'")
        assert page.locator(f"textarea[name=c-{first}-text]").input_value() == ""

        # Form 2 — Điều 1 blank; Điều 2: Ý kiến khác by its digit, two lines of text; Enter on the next choice saves.
        keys.press("Tab")
        keys.press("Tab")
        assert _focused(page) == (f"c-{second}-stance", "")
        keys.press("3")
        assert _focused(page) == (f"c-{second}-stance", "other")
        keys.press("Tab")
        keys.type("Đề nghị làm rãnh thoát nước.")
        keys.press("Enter")  # in a text area Enter is a new line, not a save
        keys.type("Cần họp xóm trước.")
        keys.press("Tab")
        keys.press("Enter")
        page.get_by_text("Đã lưu phiếu thứ 2 của đợt nhập này").wait_for()
        keys.press("Enter")  # a late second press lands on the fresh form: ignored, not sent blank
        page.wait_for_timeout(500)
        assert page.locator("#error-summary").count() == 0
        assert page.get_by_role("heading", name="Đợt nhập này: 2 phiếu").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        page.screenshot(path=str(tmp_path / "entry-desktop.png"), full_page=True)
    finally:
        context.close()
    one, two = _entries()  # two forms, not three
    assert (one.channel, one.hamlet_id, one.consent) == (Channel.PAPER, ids["hamlet"], True)
    assert one.entry_batch and one.entry_batch == two.entry_batch and one.entered_by_id == two.entered_by_id
    assert [(c.article_id, c.stance, c.body) for c in one.comments] == [(first, Stance.AGREE, "Nhất trí mở rộng đường.")]
    assert [a.value_int for a in one.answers] == [1]
    assert [(c.article_id, c.stance, c.body) for c in two.comments] == [
        (second, Stance.OTHER, "Đề nghị làm rãnh thoát nước.\nCần họp xóm trước.")]
    assert two.consent is False and two.answers == []
    assert errors == []


def test_the_screen_fits_a_phone(live_server, phone, ids, tmp_path):
    _sign_in(phone, live_server.url)
    phone.goto(f"{live_server.url}/staff/entry/{ids['slug']}")
    phone.get_by_text("Đang nhập phiếu thứ 1 của đợt nhập này").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    heights = phone.evaluate("[...document.querySelectorAll('.key-choices label')].map(l => l.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44  # tap targets
    phone.screenshot(path=str(tmp_path / "entry-phone.png"), full_page=True)
