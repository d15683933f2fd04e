"""A resident on a phone (390×844, headless Chromium): read, comment, get the receipt, follow it."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import Answer, Channel, ConsultationKind, Submission
from tests.factories import make_commune, make_consultation, make_point, make_question

pytestmark = pytest.mark.browser

CODE = re.compile(r"[0-9A-Z]{5}-[0-9A-Z]{5}")


@pytest.fixture
def draft(app, hamlets):
    make_commune()
    consultation = make_consultation("du-thao-quy-uoc", title="Dự thảo Quy ước Xóm 3", articles=5)
    db.session.commit()
    return consultation


def watch_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def comment_on_article_3(page, url: str) -> None:
    page.goto(url)
    article = page.locator("#dieu-3")
    assert article.get_attribute("open") is None
    article.locator("summary").click()
    assert article.get_attribute("open") is not None
    article.get_by_text("Không tán thành", exact=True).click()
    article.get_by_label("Ý kiến của bạn").fill("Đề nghị bỏ khoản 2 vì không phù hợp với xóm.")
    page.get_by_label("Thôn, xóm nơi bạn sinh sống").select_option(label="Xóm 3")
    page.get_by_text("Tôi đồng ý với việc lưu giữ thông tin như trên.").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    page.get_by_role("button", name="Gửi góp ý").click()


def test_comment_from_a_phone_and_see_the_receipt_in_place(live_server, phone, draft):
    errors = watch_errors(phone)
    url = f"{live_server.url}/c/du-thao-quy-uoc"
    comment_on_article_3(phone, url)
    receipt = phone.locator("#phieu")
    receipt.get_by_text("Đã nhận góp ý của bạn. Cảm ơn bạn!").wait_for()
    assert phone.url == url  # swapped in place, no page load
    code = CODE.search(receipt.locator(".receipt-code").inner_text()).group(0)
    assert "Không tán thành" in receipt.inner_text() and "Đang chờ duyệt" in receipt.inner_text()

    phone.goto(f"{live_server.url}/r/{code}")
    assert phone.locator(".receipt-code").inner_text() == code
    body = phone.locator("main").inner_text()
    assert "Điều 3. Nội dung điều 3" in body and "Đề nghị bỏ khoản 2" in body and "Đang chờ duyệt" in body
    assert errors == []  # no CSP violation, no script error
    db.session.commit()
    assert db.session.execute(select(Submission.channel)).scalar_one() is Channel.WEB


def test_the_counter_and_the_deep_link_work_with_javascript(live_server, phone, draft):
    errors = watch_errors(phone)
    phone.goto(f"{live_server.url}/c/du-thao-quy-uoc#dieu-4")
    article = phone.locator("#dieu-4")
    assert article.get_attribute("open") is not None  # a shared link to an article opens it
    article.get_by_label("Ý kiến của bạn").fill("Mười ký tự")
    assert article.locator(".counter").inner_text() == "Còn 1990 ký tự"
    assert errors == []


def test_validation_errors_in_place_keep_the_text(live_server, phone, draft):
    phone.goto(f"{live_server.url}/c/du-thao-quy-uoc")
    article = phone.locator("#dieu-2")
    article.locator("summary").click()
    article.get_by_text("Ý kiến khác", exact=True).click()
    article.get_by_label("Ý kiến của bạn").fill("Chưa chọn thôn nhưng chữ vẫn còn.")
    phone.get_by_role("button", name="Gửi góp ý").click()
    phone.locator("#error-summary").get_by_text("Hãy chọn thôn, xóm nơi bạn sinh sống.").wait_for()
    assert phone.locator("#dieu-2 textarea").input_value() == "Chưa chọn thôn nhưng chữ vẫn còn."
    assert phone.locator("#dieu-2 input[value=other]").is_checked()


def test_the_same_journey_without_javascript_reaches_the_receipt_by_redirect(live_server, phone_no_js, draft):
    comment_on_article_3(phone_no_js, f"{live_server.url}/c/du-thao-quy-uoc")
    phone_no_js.wait_for_url(re.compile(r"/r/[0-9A-Z]{5}-[0-9A-Z]{5}$"))
    code = phone_no_js.url.rsplit("/", 1)[1]
    assert phone_no_js.locator(".receipt-code").inner_text() == code
    body = phone_no_js.locator("main").inner_text()
    assert "Không tán thành" in body and "Đề nghị bỏ khoản 2" in body and "Đang chờ duyệt" in body


def test_a_survey_from_a_qr_poster_with_every_question_kind(live_server, phone, app, hamlets):
    make_commune()
    survey = make_consultation("khao-sat-nuoc", title="Khảo sát nước sạch", articles=0, kind=ConsultationKind.SURVEY,
                               allow_general_comments=False)
    make_question(survey, "single", "Nguồn nước nhà bạn?", options=["Giếng khoan", "Nước máy"], allow_other=True)
    make_question(survey, "multiple", "Cần làm gì trước?", options=["Đường", "Điện", "Trường"], max_choices=2)
    make_question(survey, "rating", "Mức hài lòng", rating_low_label="Rất kém", rating_high_label="Rất tốt")
    make_question(survey, "yesno", "Bạn có góp công không?")
    make_question(survey, "short_text", "Tên tuyến đường")
    make_question(survey, "long_text", "Ý kiến khác")
    point = make_point(survey, hamlets[2], code="X3K7QP")
    point_id, hamlet_id = point.id, hamlets[2].id
    db.session.commit()  # and no query from the test until the browser is done: SQLite has one writer

    phone.goto(f"{live_server.url}/c/khao-sat-nuoc?qr=X3K7QP")
    assert phone.get_by_label("Thôn, xóm nơi bạn sinh sống").input_value() == str(hamlet_id)
    phone.locator("#q-1").get_by_text("Khác (ghi rõ)").click()
    phone.get_by_label("Khác, ghi rõ").fill("Nước mưa")
    phone.locator("#q-2").get_by_text("Đường").click()
    phone.locator("#q-2").get_by_text("Trường").click()
    phone.locator("#q-3").get_by_text("4", exact=True).click()
    phone.locator("#q-4").get_by_text("Có", exact=True).click()
    phone.get_by_label("5. Tên tuyến đường").fill("Đường trục xóm")
    phone.get_by_label("6. Ý kiến khác").fill("Cần lắp thêm vòi công cộng.")
    phone.get_by_text("Tôi đồng ý với việc lưu giữ thông tin như trên.").click()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="Gửi góp ý").click()
    phone.locator("#phieu").get_by_text("Đã nhận góp ý của bạn. Cảm ơn bạn!").wait_for()
    summary = phone.locator("#phieu").inner_text()
    assert "Khác: Nước mưa" in summary and "Đường; Trường" in summary and "4/5" in summary

    db.session.commit()
    submission = db.session.execute(select(Submission)).scalar_one()
    assert (submission.channel, submission.qr_point_id, submission.hamlet_id) == (Channel.QR, point_id, hamlet_id)
    assert len(db.session.execute(select(Answer)).scalars().all()) == 7


def test_home_and_consultation_read_well_at_360_px_without_javascript(live_server, phone_no_js, draft):
    phone_no_js.set_viewport_size({"width": 360, "height": 740})
    phone_no_js.goto(f"{live_server.url}/")
    phone_no_js.get_by_role("link", name="Dự thảo Quy ước Xóm 3").click()
    phone_no_js.wait_for_url("**/c/du-thao-quy-uoc")
    assert phone_no_js.evaluate("document.documentElement.scrollWidth") <= 360
    phone_no_js.locator("#dieu-5 summary").click()  # <details> opens without JavaScript
    assert phone_no_js.locator("#dieu-5 textarea").is_visible()
    assert phone_no_js.evaluate("document.documentElement.scrollWidth") <= 360
