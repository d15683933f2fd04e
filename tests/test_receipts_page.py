"""/r/<code>: a resident follows each comment by receipt, without any personal data on the page."""
from __future__ import annotations

import re

import pytest

from consult.extensions import db
from consult.models import (
    Answer, CommentStatus, ConsultationKind, Disposition, OfficialResponse, RejectReason, Validity,
)
from consult.timeutil import utcnow
from tests.factories import make_commune, make_consultation, make_question, make_submission


@pytest.fixture
def receipt(app, hamlets):
    """A submission with a pending, an approved and a rejected comment, and two answers."""
    make_commune()
    consultation = make_consultation("du-thao", title="Dự thảo Quy ước xóm", articles=3, kind=ConsultationKind.BOTH)
    question = make_question(consultation, "single", "Nguồn nước nhà bạn?", options=["Giếng khoan", "Nước máy"])
    rating = make_question(consultation, "rating", "Mức hài lòng")
    first, second, third = consultation.articles
    submission = make_submission(
        consultation, hamlet=hamlets[2], display_name="Nguyễn Thị Bình", contact_phone="0912345678",
        contact_email="binh@gmail.com",
        comments=[(first, "agree", "", "pending"), (second, "disagree", "Mức phạt quá nặng.", "approved"),
                  (third, "other", "Nội dung bị từ chối.", "rejected"), (None, "other", "Ý kiến chung của tôi.", "pending")],
    )
    submission.comments[2].reject_reason = RejectReason.OFF_TOPIC
    db.session.add_all([Answer(submission_id=submission.id, question_id=question.id, option_id=question.options[1].id),
                        Answer(submission_id=submission.id, question_id=rating.id, value_int=4)])
    submission.receipt_code = "7K3MQ2XPAB"
    db.session.commit()
    return submission


def page(client, url="/r/7K3MQ-2XPAB"):
    response = client.get(url)
    return response, response.get_data(as_text=True)


def test_the_receipt_shows_each_comment_and_its_status(client, receipt):
    response, html = page(client)
    assert response.status_code == 200
    assert '<p class="code receipt-code">7K3MQ-2XPAB</p>' in html
    assert "Dự thảo Quy ước xóm" in html
    cards = re.findall(r'<article class="card" id="y-\d+">(.*?)</article>', html, re.S)
    assert len(cards) == 4
    assert "Điều 1. Nội dung điều 1" in cards[0] and "Tán thành" in cards[0] and "Đang chờ duyệt" in cards[0]
    assert "Không tán thành" in cards[1] and "Mức phạt quá nặng." in cards[1] and "Đã đăng" in cards[1]
    assert "Không đăng" in cards[2] and "Lý do: Không liên quan đến nội dung lấy ý kiến" in cards[2]
    assert "Góp ý chung" in cards[3] and "Ý kiến chung của tôi." in cards[3]
    assert "Nguồn nước nhà bạn?" in html and "Nước máy" in html and "4/5" in html


def test_no_personal_data_on_the_receipt(client, receipt):
    _, html = page(client)
    for personal in ("Nguyễn Thị Bình", "0912345678", "binh@gmail.com"):
        assert personal not in html
    assert client.get("/r/7K3MQ-2XPAB").headers["Cache-Control"] == "no-store"
    assert '<meta name="robots" content="noindex">' in html


def test_the_official_response_appears_once_results_are_published(client, receipt):
    approved = receipt.comments[1]
    response = OfficialResponse(consultation_id=receipt.consultation_id, article_id=approved.article_id,
                                disposition=Disposition.PARTLY_ACCEPTED, body="Giảm mức phạt còn một nửa.")
    db.session.add(response)
    db.session.flush()
    approved.response_id = response.id
    db.session.commit()
    _, html = page(client)
    assert "Giảm mức phạt còn một nửa." not in html
    assert "sẽ hiện ở đây khi kết quả lấy ý kiến được công bố" in html

    receipt.consultation.results_published_at = utcnow()
    db.session.commit()
    _, html = page(client)
    assert "Trả lời: Tiếp thu một phần" in html and "Giảm mức phạt còn một nửa." in html


@pytest.mark.parametrize("validity, word", [(Validity.SPAM, "thư rác"), (Validity.DUPLICATE, "trùng lặp")])
def test_a_submission_that_does_not_count_says_so(client, receipt, validity, word):
    receipt.validity = validity
    db.session.commit()
    _, html = page(client)
    assert f"Phiếu này không được tính vào kết quả ({word})." in html


@pytest.mark.parametrize("typed", ["7K3MQ-2XPAB", "7k3mq2xpab", "7k3mq-2xpab", "7K3MQ 2XPAB"])
def test_codes_are_accepted_with_or_without_dash_in_any_case(client, receipt, typed):
    response, html = page(client, f"/r/{typed}")
    assert response.status_code == 200 and "7K3MQ-2XPAB" in html


def test_the_lookup_form_redirects_to_the_receipt(client, receipt):
    response, html = page(client, "/r")
    assert response.status_code == 200 and "Tra cứu phiếu góp ý" in html and 'name="code"' in html
    response = client.get("/r?code=7k3mq 2xpab")
    assert response.status_code == 303 and response.headers["Location"] == "/r/7K3MQ-2XPAB"


def test_unknown_and_malformed_codes_get_the_same_404(client, receipt):
    unknown, unknown_html = page(client, "/r/AAAAA-BBBBB")
    malformed, malformed_html = page(client, "/r/xin-chao")
    typed, typed_html = page(client, "/r?code=%3Cscript%3E")
    assert unknown.status_code == malformed.status_code == typed.status_code == 404

    def without_echo(html):
        main = html.split("<main", 1)[1].split("</main>", 1)[0]
        return re.sub(r'name="code"[^>]*value="[^"]*"', "", main)

    assert without_echo(unknown_html) == without_echo(malformed_html) == without_echo(typed_html)
    assert "Không tìm thấy phiếu góp ý có mã này." in unknown_html
    assert "<script>" not in typed_html


def test_lookups_are_throttled_per_address(app, client, receipt):
    app.config["LOOKUP_LIMIT"] = "3 per minute"
    statuses = [client.get(f"/r/AAAAA-BBBB{n}").status_code for n in range(3)]
    response, html = page(client)
    assert statuses == [404, 404, 404]
    assert response.status_code == 429
    assert "Bạn đã gửi quá nhiều lần trong thời gian ngắn" in html


def test_a_comment_still_pending_is_pending_on_the_receipt_until_moderated(client, receipt):
    receipt.comments[0].status = CommentStatus.APPROVED
    db.session.commit()
    _, html = page(client)
    first_card = re.findall(r'<article class="card" id="y-\d+">(.*?)</article>', html, re.S)[0]
    assert "Đã đăng" in first_card and "Đang chờ duyệt" not in first_card
