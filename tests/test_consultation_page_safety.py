"""Citizen text is always escaped, and contact details never appear on a public page."""
from __future__ import annotations

import pytest
from markupsafe import escape
from sqlalchemy import select, update

from consult.cache import invalidate_consultation
from consult.extensions import db
from consult.models import Comment, CommentStatus, ConsultationKind, Submission
from tests.factories import make_commune, make_consultation, make_question
from tests.resident import comment, fill, submit

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">bấm vào đây</a> javascript:alert(1)',
    "<svg onload=alert(1)>",
    '" hx-get="/staff/" hx-trigger="load',
]
#: What must never reach a page as markup.
DANGERS = ["<script>alert(1)", "<img src=x", 'href="javascript:', "<svg onload", 'hx-get="/staff/"']


def assert_escaped(html: str, payload: str) -> None:
    for danger in DANGERS:
        assert danger not in html, danger
    assert str(escape(payload)) in html


@pytest.fixture
def survey(app, hamlets):
    make_commune()
    consultation = make_consultation("an-toan", articles=2, kind=ConsultationKind.BOTH)
    make_question(consultation, "single", options=["A", "B"], allow_other=True)
    make_question(consultation, "short_text")
    make_question(consultation, "long_text")
    db.session.commit()
    return consultation


def every_field(survey, payload: str) -> dict:
    single, short, long = survey.questions
    return {
        **comment(survey.articles[0], "disagree", payload), **comment(survey.articles[1], "other", payload),
        **comment(None, "other", payload),
        f"q-{single.id}": "other", f"q-{single.id}-other": payload, f"q-{short.id}": payload, f"q-{long.id}": payload,
        "name": payload, "show_name": "1",
    }


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_every_field_come_back_escaped_on_the_receipt_and_the_page(client, survey, hamlets, payload):
    response = submit(client, survey, fill(client, survey, hamlets[0], **every_field(survey, payload)))
    assert response.status_code == 303
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert_escaped(receipt, payload)
    assert receipt.count(str(escape(payload))) >= 6  # three comments, three answers

    db.session.execute(update(Comment).values(status=CommentStatus.APPROVED))
    invalidate_consultation(survey.id)  # what moderation does when it approves
    db.session.commit()
    page = client.get("/c/an-toan").get_data(as_text=True)
    assert_escaped(page, payload)
    assert page.count(str(escape(payload))) >= 4  # three comments and the name shown with them


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_come_back_escaped_when_the_form_is_shown_again(client, survey, hamlets, payload):
    data = fill(client, survey, hamlets[0], **every_field(survey, payload), phone=payload, email=payload, idem=payload)
    response = submit(client, survey, data)
    assert response.status_code == 422
    assert_escaped(response.get_data(as_text=True), payload)


def test_payloads_come_back_escaped_on_the_409_page(client, survey, hamlets):
    data = fill(client, survey, hamlets[0], **every_field(survey, PAYLOADS[1]))
    survey.closed_early_at = survey.opens_at
    db.session.commit()
    response = submit(client, survey, data)
    assert response.status_code == 409
    assert_escaped(response.get_data(as_text=True), PAYLOADS[1])


def test_contact_details_never_appear_publicly(client, survey, hamlets):
    private = {"phone": "0987 654 321", "email": "chi.hoa@gmail.com"}
    for show_name in ("", "1"):
        data = fill(client, survey, hamlets[1], comment(survey.articles[0], "other", f"Ý kiến (hiện tên: {show_name or 'không'})."),
                    name="Phạm Thị Hoa", show_name=show_name, **private)
        assert submit(client, survey, data).status_code == 303
    db.session.execute(update(Comment).values(status=CommentStatus.APPROVED))
    invalidate_consultation(survey.id)  # what moderation does when it approves
    db.session.commit()
    stored = db.session.execute(select(Submission.contact_phone, Submission.contact_email)).all()
    assert {tuple(row) for row in stored} == {("0987654321", "chi.hoa@gmail.com")}

    page = client.get("/c/an-toan").get_data(as_text=True)
    codes = db.session.execute(select(Submission.receipt_code)).scalars().all()
    receipts = [client.get(f"/r/{code}").get_data(as_text=True) for code in codes]
    for html in [page, *receipts]:
        for secret in ("0987", "654 321", "0987654321", "chi.hoa@gmail.com"):
            assert secret not in html
    assert page.count("Phạm Thị Hoa") == 1  # only where the resident asked for the name
    assert "Người dân Xóm 2" in page
    assert all("Phạm Thị Hoa" not in html for html in receipts)
