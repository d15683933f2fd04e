"""The resident's form: without JavaScript (303 to the receipt), with htmx (the receipt in place),
validation that keeps what was typed, the quiet anti-spam defences, due dates."""
from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest

from consult.extensions import db
from consult.models import CommuneSettings, Feedback, FeedbackChannel, FeedbackEvent, FeedbackStatus
from consult.timeutil import local_today
from tests.factories import make_commune, make_feedback_category
from tests.feedback_support import checked, code_in, form_values, only_item, selected, send, typed


@pytest.fixture
def box(app, hamlets):
    """A commune with categories and hamlets: what the form needs."""
    make_commune(retention_days=180)
    categories = [make_feedback_category("Đời sống dân sinh"), make_feedback_category("Môi trường", due_days=7)]
    db.session.commit()
    return categories


def _count() -> int:
    return db.session.execute(db.select(db.func.count()).select_from(Feedback)).scalar_one()


def test_the_form_page_has_everything_a_resident_needs(client, box, hamlets):
    response = client.get("/feedback")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html and 'method="post"' in html
    assert "Đời sống dân sinh" in html and "Môi trường" in html and "Xóm 2" in html
    assert "cho phép công khai nội dung (không kèm thông tin cá nhân)" in html.lower()
    assert "để nhận phản hồi" in html.lower()
    assert "được xóa sau 180 ngày" in html  # the consent line: what, why, how long
    assert 'name="website"' in html and 'class="hp"' in html  # honeypot, hidden from people
    hidden = form_values(html)
    assert hidden["started"] and hidden["idempotency_key"]
    # The site's navigation offers the box on every public page.
    assert 'href="/feedback"' in client.get("/").get_data(as_text=True)


def test_inactive_categories_are_not_offered(client, box):
    box[1].active = False
    db.session.commit()
    assert "Môi trường" not in client.get("/feedback").get_data(as_text=True)


def test_without_javascript_a_post_redirects_to_the_receipt(client, box, hamlets):
    response = send(client, typed(box[0], hamlets[1], sender_name="Trần Thị Bình",
                                  sender_phone="0912 345 678", consent="y", allow_public="y"))
    assert response.status_code == 303
    item = only_item()
    assert response.headers["Location"].endswith(f"/feedback/{item.tracking_code[:2]}-{item.tracking_code[2:6]}-{item.tracking_code[6:]}")
    assert item.channel is FeedbackChannel.WEB and item.status is FeedbackStatus.RECEIVED
    assert item.hamlet_id == hamlets[1].id and item.category_id == box[0].id
    assert item.sender_name == "Trần Thị Bình" and item.sender_phone == "0912345678"
    assert item.allow_public and item.consent
    assert item.due_on == local_today() + timedelta(days=15)
    steps = db.session.execute(db.select(FeedbackEvent).where(FeedbackEvent.feedback_id == item.id)).scalars().all()
    assert [(step.kind, step.public) for step in steps] == [("received", True)]

    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã gửi phản ánh" in receipt and code_in(receipt) in response.headers["Location"]
    assert local_today().strftime("%d/%m/%Y") in receipt
    # The greeting is for the moment of sending; the status page itself stays.
    again = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã gửi phản ánh" not in again and "Đã tiếp nhận" in again


def test_with_htmx_the_receipt_replaces_the_form(client, box, hamlets):
    response = send(client, typed(box[0], hamlets[0]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'id="receipt"' in html
    code = code_in(html)
    assert f'href="/feedback/{code}"' in html
    assert only_item().tracking_code == code.replace("-", "")
    assert "HX-Request" in response.headers["Vary"]


def test_due_date_follows_the_category_or_the_commune(client, box, hamlets):
    send(client, typed(box[1], hamlets[0]))
    assert only_item().due_on == local_today() + timedelta(days=7)  # the category's own days

    db.session.delete(only_item())
    db.session.get(CommuneSettings, 1).feedback_due_days = 10
    db.session.commit()
    send(client, typed(box[0], hamlets[0]))
    assert only_item().due_on == local_today() + timedelta(days=10)


def test_errors_are_explained_in_vietnamese_and_everything_typed_is_kept(client, box, hamlets):
    response = send(client, typed(box[1], hamlets[2], title="", sender_name="Lê Văn Cường",
                                  sender_phone="12345", allow_public="y",
                                  body="Rác đổ bừa bãi ở bờ kênh."))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Chưa gửi được" in html
    assert "Hãy nhập tiêu đề." in html
    assert "Số điện thoại di động chưa đúng" in html
    assert "Hãy đánh dấu đồng ý" in html  # contact given without consent
    assert "Rác đổ bừa bãi ở bờ kênh." in html
    assert 'value="Lê Văn Cường"' in html and 'value="12345"' in html
    assert selected(html, hamlets[2].id)
    assert checked(html, "category", box[1].id) and checked(html, "allow_public")
    assert _count() == 0


def test_missing_choices_are_explained(client, box):
    response = send(client, {"title": "Tiêu đề", "body": "Nội dung"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Hãy chọn lĩnh vực." in html and "Hãy chọn thôn, xóm" in html


def test_with_htmx_errors_come_back_as_the_form_alone(client, box, hamlets):
    response = send(client, typed(box[0], hamlets[0], body=""), headers={"HX-Request": "true"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith("<form")
    assert "<html" not in html and 'id="feedback-box"' in html
    assert "Hãy nhập nội dung phản ánh, kiến nghị." in html
    assert "Đèn đường ngõ 5 bị hỏng" in html  # the title typed is kept


def test_unknown_hamlet_is_allowed_as_not_known(client, box):
    assert send(client, typed(box[0], None)).status_code == 303
    assert only_item().hamlet_id is None


def test_contact_is_never_kept_without_consent(client, box, hamlets):
    # Name and phone with consent ticked are kept; the form refuses them without consent.
    refused = send(client, typed(box[0], hamlets[0], sender_phone="0987654321"))
    assert refused.status_code == 422 and _count() == 0


def test_honeypot_gets_a_calm_answer_and_nothing_is_kept(client, box, hamlets):
    response = send(client, typed(box[0], hamlets[0], website="http://spam.example"))
    assert response.status_code == 200
    assert "Cảm ơn bạn" in response.get_data(as_text=True)
    assert _count() == 0


def test_a_form_sent_faster_than_a_person_can_fill_it_is_asked_again(app, client, box, hamlets):
    app.config["MIN_FILL_SECONDS"] = 3
    response = send(client, typed(box[0], hamlets[0]))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Bạn gửi nhanh quá" in html and "Đèn đường ngõ 5 bị hỏng" in html
    assert _count() == 0
    # A missing or forged start time is not a way around it.
    for started in ("", "f.forged.signature"):
        assert send(client, typed(box[0], hamlets[0], started=started)).status_code == 422
    # Later, the same form (same start token) goes through.
    import time as clock

    real = clock.time
    token = form_values(html)["started"]
    try:
        clock.time = lambda: real() + 5
        assert send(client, typed(box[0], hamlets[0], started=token)).status_code == 303
    finally:
        clock.time = real
    assert _count() == 1


def test_a_double_tap_stores_one_item_and_answers_with_the_same_code(client, box, hamlets):
    hidden = form_values(client.get("/feedback").get_data(as_text=True))
    first = send(client, typed(box[0], hamlets[0], **hidden), fresh=False)
    second = send(client, typed(box[0], hamlets[0], **hidden), fresh=False)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert _count() == 1
    htmx = send(client, typed(box[0], hamlets[0], **hidden), fresh=False, headers={"HX-Request": "true"})
    assert code_in(htmx.get_data(as_text=True)) in first.headers["Location"]
    assert _count() == 1


def test_text_is_normalised_to_nfc(client, box, hamlets):
    decomposed = unicodedata.normalize("NFD", "Đường lầy lội")  # what some phone keyboards send
    send(client, typed(box[0], hamlets[0], title=decomposed))
    assert only_item().title == "Đường lầy lội"


def test_a_commune_without_categories_shows_a_notice_not_a_broken_form(client, hamlets):
    html = client.get("/feedback").get_data(as_text=True)
    assert "đang được chuẩn bị" in html and 'name="title"' not in html
