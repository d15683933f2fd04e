"""A moderator on a phone (390×844) clears the queue with the keyboard: a, r, e, j, k."""
from __future__ import annotations

import os
from datetime import timedelta

import pytest

from consult.extensions import db
from consult.models import Comment, CommentStatus, RejectReason
from consult.timeutil import utcnow
from tests.conftest import PASSWORD
from tests.factories import make_commune, make_consultation, make_submission

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("CONSULT_SCREENSHOTS")  # a folder: save what the phone showed


def _sign_in(phone, live_server, username: str) -> None:
    phone.goto(live_server.url + "/login")
    phone.get_by_label("Tên đăng nhập").fill(username)
    phone.get_by_label("Mật khẩu").fill(PASSWORD)
    phone.get_by_role("button", name="Đăng nhập").click()
    phone.wait_for_url("**/staff/")


@pytest.fixture
def pending(app, hamlets):
    """Four pending comments' ids, oldest first; the test's transaction is over (SQLite: no lock held)."""
    make_commune()
    consultation = make_consultation(title="Dự thảo Quy ước xóm")
    comments = []
    for n, body in enumerate(("Đồng ý với quy ước", "Nên bỏ khoản thu quỹ", "Gọi tôi 0912345678",
                              "Ý kiến thứ tư")):
        submission = make_submission(consultation, hamlet=hamlets[n % 3],
                                     comments=[(consultation.articles[n % 3], "agree", body, "pending")])
        submission.comments[0].created_at = utcnow() - timedelta(minutes=40 - n)
        comments.append(submission.comments[0])
    db.session.flush()
    ids = [comment.id for comment in comments]
    db.session.commit()
    return ids


def test_approve_reject_and_redact_with_the_keyboard(live_server, phone, users, pending):
    errors: list[str] = []
    phone.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    phone.on("pageerror", lambda error: errors.append(str(error)))
    first, second, third, fourth = pending
    db.session.commit()  # the users fixture's objects must not hold a transaction open
    _sign_in(phone, live_server, "bientap")
    phone.goto(live_server.url + "/staff/moderation")
    assert phone.locator("#kbd-legend").is_visible()
    assert phone.locator("#count-pending").inner_text() == "4"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # focus the queue and approve the first item with "a"
    phone.locator(f"#c-{first}").focus()
    phone.keyboard.press("a")
    phone.locator(f"#c-{first}.done").wait_for()
    assert "Đã duyệt" in phone.locator(f"#c-{first}").inner_text()
    phone.wait_for_function("document.getElementById('count-pending').textContent.trim() === '3'")
    # the next item now has the (visible) focus
    phone.wait_for_function(f"document.activeElement && document.activeElement.id === 'c-{second}'")
    outline = phone.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/moderation-after-approve.png", full_page=False)

    # "r" opens the reasons; choose one and send
    phone.keyboard.press("r")
    select = phone.locator(f"#reason-{second}")
    assert select.evaluate("el => el === document.activeElement")
    select.select_option("off_topic")
    phone.locator(f"#c-{second} .mod-reject button[type=submit]").click()
    phone.locator(f"#c-{second}.done").wait_for()
    phone.wait_for_function("document.getElementById('count-pending').textContent.trim() === '2'")

    # "e" opens the redaction form with the phone number already masked
    phone.wait_for_function(f"document.activeElement && document.activeElement.id === 'c-{third}'")
    phone.keyboard.press("e")
    area = phone.locator(f"#body-{third}")
    assert area.evaluate("el => el === document.activeElement")
    assert "0912345678" not in area.input_value()
    phone.locator(f"#c-{third} .mod-redact button[type=submit]").click()
    phone.locator(f"#c-{third}.done").wait_for()

    # j / k move between items without acting
    phone.keyboard.press("k")
    phone.wait_for_function(f"document.activeElement.id === 'c-{third}'")
    phone.keyboard.press("j")
    phone.wait_for_function(f"document.activeElement.id === 'c-{fourth}'")

    # undo the first approval from its compact line
    phone.locator(f"#c-{first}").get_by_role("button", name="Hoàn tác?").click()
    phone.locator(f"#c-{first}:not(.done)").wait_for()
    phone.wait_for_function("document.getElementById('count-pending').textContent.trim() === '2'")

    db.session.expire_all()
    comments = {comment_id: db.session.get(Comment, comment_id) for comment_id in pending}
    assert comments[first].status is CommentStatus.PENDING
    assert comments[second].reject_reason is RejectReason.OFF_TOPIC
    assert comments[third].redacted and "0912345678" not in comments[third].body
    assert comments[fourth].status is CommentStatus.PENDING
    assert errors == []


def test_without_javascript_an_action_returns_to_the_next_item(live_server, phone_no_js, users, pending):
    first, second, *_ = pending
    db.session.commit()
    _sign_in(phone_no_js, live_server, "bientap")
    phone_no_js.goto(live_server.url + "/staff/moderation")
    assert not phone_no_js.locator("#kbd-legend").is_visible()
    phone_no_js.locator(f"#c-{first} .mod-approve button").click()
    phone_no_js.wait_for_url(f"**/staff/moderation#c-{second}")
    assert phone_no_js.locator("#count-pending").inner_text() == "3"
    assert phone_no_js.locator(f"#c-{first}").count() == 0
