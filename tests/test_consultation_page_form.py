"""The resident's form on /c/<slug>: without JavaScript, with htmx, and when things go wrong."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Answer, Channel, Comment, ConsultationKind, RespondentGroup, Stance, Submission
from consult.timeutil import utcnow
from tests.factories import make_commune, make_consultation, make_point, make_question
from tests.resident import comment, fill, hidden_fields, open_form, submit

HX = {"HX-Request": "true", "HX-Target": "div#gop-y"}


@pytest.fixture
def draft(app, hamlets):
    make_commune()
    consultation = make_consultation("du-thao", title="Dự thảo Quy ước thôn", articles=5)
    db.session.commit()
    return consultation


def submissions() -> list[Submission]:
    db.session.commit()
    return list(db.session.execute(select(Submission).order_by(Submission.id)).scalars())


def count(model) -> int:
    db.session.commit()
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


# --- the happy paths ------------------------------------------------------------------------

def test_without_javascript_the_form_posts_and_redirects_to_the_receipt(client, draft, hamlets):
    third = draft.articles[2]
    data = fill(client, draft, hamlets[2], comment(third, "disagree", "Nên bỏ quy định này."),
                comment(draft.articles[0], "agree"), comment(None, "other", "Cần họp thôn trước."))
    response = submit(client, draft, data)
    assert response.status_code == 303
    [submission] = submissions()
    assert response.headers["Location"] == f"/r/{submission.receipt_code[:5]}-{submission.receipt_code[5:]}"
    assert (submission.channel, submission.hamlet_id, submission.consent) == (Channel.WEB, hamlets[2].id, True)
    assert submission.device_hash and submission.idempotency_key == data["idem"]
    assert [(c.article_id, c.stance, c.body) for c in submission.comments] == [
        (draft.articles[0].id, Stance.AGREE, ""),
        (third.id, Stance.DISAGREE, "Nên bỏ quy định này."),
        (None, Stance.OTHER, "Cần họp thôn trước."),
    ]
    receipt = client.get(response.headers["Location"])
    assert receipt.status_code == 200 and "Nên bỏ quy định này." in receipt.get_data(as_text=True)


def test_with_htmx_the_receipt_replaces_the_form_in_place(client, draft, hamlets):
    data = fill(client, draft, hamlets[0], comment(draft.articles[2], "disagree", "Không đồng ý điều 3."))
    response = submit(client, draft, data, headers=HX)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    html = response.get_data(as_text=True)
    [submission] = submissions()
    assert "<html" not in html and "<form method=\"post\"" not in html
    assert "Đã nhận góp ý của bạn" in html
    assert f"{submission.receipt_code[:5]}-{submission.receipt_code[5:]}" in html
    assert "Không đồng ý điều 3." in html and "Đang chờ duyệt" in html


def test_the_hamlet_is_remembered_for_next_time(client, draft, hamlets):
    submit(client, draft, fill(client, draft, hamlets[1], comment(draft.articles[0], "agree")))
    html = client.get("/c/du-thao").get_data(as_text=True)
    assert f'<option value="{hamlets[1].id}" selected>Xóm 2</option>' in html


def test_every_question_kind_is_shown_validated_and_stored(client, app, hamlets):
    survey = make_consultation("khao-sat", articles=2, kind=ConsultationKind.BOTH)
    single = make_question(survey, "single", "Nguồn nước nhà bạn?", options=["Giếng khoan", "Nước máy"], allow_other=True)
    multiple = make_question(survey, "multiple", "Cần làm gì trước?", options=["Đường", "Điện", "Trường"], max_choices=2)
    rating = make_question(survey, "rating", "Mức hài lòng", required=True,
                           rating_low_label="Rất không hài lòng", rating_high_label="Rất hài lòng")
    yesno = make_question(survey, "yesno", "Bạn có góp công không?")
    short = make_question(survey, "short_text", "Tên tuyến đường")
    long = make_question(survey, "long_text", "Ý kiến khác", help_text="Viết ngắn gọn.")
    db.session.commit()

    html = client.get("/c/khao-sat").get_data(as_text=True)
    assert '<legend>1. Nguồn nước nhà bạn?</legend>' in html
    assert f'<input type="checkbox" name="q-{multiple.id}" value="{multiple.options[0].id}">' in html
    assert "Chọn tối đa 2 phương án." in html
    assert "1 = Rất không hài lòng · 5 = Rất hài lòng" in html
    assert f'<input type="text" name="q-{single.id}-other"' in html
    assert f'<textarea id="q-{long.id}"' in html and "Viết ngắn gọn." in html

    bad = fill(client, survey, hamlets[0], **{f"q-{multiple.id}": [str(o.id) for o in multiple.options],
                                              f"q-{yesno.id}": "co le"})
    response = submit(client, survey, bad)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Chỉ được chọn tối đa 2 phương án." in page
    assert "Hãy chọn Có hoặc Không." in page
    assert "Câu hỏi này bắt buộc trả lời." in page  # the rating
    assert count(Submission) == 0

    good = fill(client, survey, hamlets[0], **{
        f"q-{single.id}": "other", f"q-{single.id}-other": "Nước mưa",
        f"q-{multiple.id}": [str(multiple.options[0].id), str(multiple.options[2].id)],
        f"q-{rating.id}": "5", f"q-{yesno.id}": "yes", f"q-{short.id}": "Đường trục xóm 3",
        f"q-{long.id}": "Cần làm rãnh thoát nước.\nVà lắp đèn.",
    })
    assert submit(client, survey, good).status_code == 303
    db.session.commit()
    rows = db.session.execute(select(Answer).order_by(Answer.id)).scalars().all()
    assert [(a.question_id, a.option_id, a.value_int, a.value_text) for a in rows] == [
        (single.id, None, None, "Nước mưa"),
        (multiple.id, multiple.options[0].id, None, ""),
        (multiple.id, multiple.options[2].id, None, ""),
        (rating.id, None, 5, ""),
        (yesno.id, None, 1, ""),
        (short.id, None, None, "Đường trục xóm 3"),
        (long.id, None, None, "Cần làm rãnh thoát nước.\nVà lắp đèn."),
    ]
    assert count(Comment) == 0  # answers alone make a submission


# --- validation errors keep everything typed ---------------------------------------------------

def test_errors_come_back_in_vietnamese_with_everything_typed(client, app, hamlets):
    survey = make_consultation("giu-nguyen", articles=3, kind=ConsultationKind.BOTH)
    single = make_question(survey, "single", options=["A", "B"], allow_other=True)
    multiple = make_question(survey, "multiple", options=["X", "Y", "Z"])
    rating = make_question(survey, "rating")
    db.session.commit()
    first, second, third = survey.articles
    data = fill(
        client, survey, hamlets[2],
        comment(first, "disagree", ""),                       # text missing → error
        comment(second, "other", "Ý kiến <b>giữ nguyên</b>"),  # fine, kept
        comment(third, "agree"),
        comment(None, "other", "Góp ý chung còn đây."),
        **{f"q-{single.id}": "other", f"q-{single.id}-other": "Phương án riêng",
           f"q-{multiple.id}": [str(multiple.options[0].id), str(multiple.options[2].id)], f"q-{rating.id}": "4",
           "group": "elderly", "name": "Lê Văn Tám", "show_name": "1", "phone": "0912 34", "email": "tam@gmail.com"},
    )
    del data["consent"]
    response = submit(client, survey, data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    summary = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert f'href="#c-{first.id}-text"' in summary and 'href="#phone"' in summary and 'href="#consent"' in summary
    assert f'<span class="error-message" id="c-{first.id}-text-error">' in html
    assert "Số điện thoại di động chưa đúng" in html and "Hãy đánh dấu vào ô đồng ý" in html
    # Everything typed is still there.
    assert f'name="c-{first.id}-stance" value="disagree" checked' in html
    assert f'name="c-{second.id}-stance" value="other" checked' in html
    assert "Ý kiến &lt;b&gt;giữ nguyên&lt;/b&gt;</textarea>" in html
    assert f'name="c-{third.id}-stance" value="agree" checked' in html
    assert "Góp ý chung còn đây.</textarea>" in html
    assert f'name="q-{single.id}" value="other" checked' in html and 'value="Phương án riêng"' in html
    assert f'name="q-{multiple.id}" value="{multiple.options[0].id}" checked' in html
    assert f'name="q-{multiple.id}" value="{multiple.options[1].id}">' in html
    assert f'name="q-{multiple.id}" value="{multiple.options[2].id}" checked' in html
    assert f'name="q-{rating.id}" value="4" checked' in html
    assert f'<option value="{hamlets[2].id}" selected>Xóm 3</option>' in html
    assert '<option value="elderly" selected>' in html
    assert 'value="Lê Văn Tám"' in html and 'name="show_name" value="1" checked' in html
    assert 'value="0912 34"' in html and 'value="tam@gmail.com"' in html
    assert f'name="idem" value="{data["idem"]}"' in html  # the same form, so a resend still stores once
    # Articles with something typed are open again.
    assert f'<details id="dieu-1" open>' in html and f'<details id="dieu-2" open>' in html
    assert count(Submission) == 0


def test_errors_with_htmx_come_back_as_the_form_fragment(client, draft, hamlets):
    data = fill(client, draft, None, comment(draft.articles[0], "disagree", "Thiếu thôn."))
    response = submit(client, draft, data, headers=HX)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith("<form") and "<html" not in html
    assert "Hãy chọn thôn, xóm nơi bạn sinh sống." in html and "Thiếu thôn.</textarea>" in html


def test_an_empty_form_says_what_to_do(client, draft, hamlets):
    response = submit(client, draft, fill(client, draft, hamlets[0]))
    assert response.status_code == 422
    assert "Hãy cho ý kiến về ít nhất một điều của dự thảo." in response.get_data(as_text=True)


# --- closed, not yet open ------------------------------------------------------------------

@pytest.mark.parametrize("state, message", [("closed", "Đã hết hạn góp ý."), ("scheduled", "Chưa đến thời gian góp ý.")])
@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_a_post_outside_the_period_is_refused_with_the_text_kept(client, draft, hamlets, state, message, headers):
    data = fill(client, draft, hamlets[0], comment(draft.articles[1], "other", "Chữ tôi đã gõ, đừng mất."))
    if state == "closed":
        draft.closed_early_at = utcnow()
    else:
        draft.opens_at = utcnow().replace(year=utcnow().year + 1)
    db.session.commit()
    response = submit(client, draft, data, headers=headers)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert message in html and "Góp ý của bạn chưa được gửi." in html
    assert "Chữ tôi đã gõ, đừng mất." in html
    assert "<form method=\"post\"" not in html
    assert count(Submission) == 0


def test_a_resend_after_closing_still_finds_the_stored_submission(client, draft, hamlets):
    data = fill(client, draft, hamlets[0], comment(draft.articles[1], "agree"))
    first = submit(client, draft, data)
    draft.closed_early_at = utcnow()
    db.session.commit()
    again = submit(client, draft, data)
    assert (again.status_code, again.headers["Location"]) == (303, first.headers["Location"])


# --- double submit, bots, duplicates ------------------------------------------------------------

def test_a_double_submit_with_the_same_key_stores_once(client, draft, hamlets):
    data = fill(client, draft, hamlets[0], comment(draft.articles[0], "disagree", "Bấm hai lần."))
    first = submit(client, draft, data)
    second = submit(client, draft, data)
    htmx = submit(client, draft, data, headers=HX)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert htmx.status_code == 200 and first.headers["Location"][3:] in htmx.get_data(as_text=True)
    assert count(Submission) == 1 and count(Comment) == 1


def test_a_filled_honeypot_is_not_stored_and_the_resident_is_told(client, draft, hamlets):
    data = fill(client, draft, hamlets[0], comment(draft.articles[0], "other", "Văn bản của tôi."), website="http://spam.example")
    response = submit(client, draft, data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Vui lòng thử lại" in html and "Văn bản của tôi.</textarea>" in html
    assert 'name="website" tabindex="-1" autocomplete="off">' in html  # the trap comes back empty
    assert count(Submission) == 0


def test_a_form_sent_too_fast_is_not_stored_and_a_second_try_works(app, client, draft, hamlets):
    app.config["MIN_FILL_SECONDS"] = 30
    data = fill(client, draft, hamlets[0], comment(draft.articles[0], "other", "Gửi quá nhanh."))
    response = submit(client, draft, data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Vui lòng thử lại" in html and "Gửi quá nhanh.</textarea>" in html
    assert hidden_fields(html)["started"] == data["started"]  # the clock keeps running from the first view
    assert count(Submission) == 0

    app.config["MIN_FILL_SECONDS"] = 0.001  # …time passes
    assert submit(client, draft, data).status_code == 303
    assert count(Submission) == 1


def test_a_forged_or_missing_start_time_counts_as_too_fast(app, client, draft, hamlets):
    app.config["MIN_FILL_SECONDS"] = 3
    data = fill(client, draft, hamlets[0], comment(draft.articles[0], "agree"))
    for started in ("", "MQ.forged.token"):
        assert submit(client, draft, {**data, "started": started}).status_code == 422
    assert count(Submission) == 0


def test_the_same_text_twice_from_one_phone_is_flagged_not_dropped(client, draft, hamlets):
    for _ in range(2):
        submit(client, draft, fill(client, draft, hamlets[0], comment(draft.articles[0], "disagree", "Phản đối mức thu.")))
    submit(client, draft, fill(client, draft, hamlets[0], comment(draft.articles[1], "disagree", "Ý khác hẳn.")))
    db.session.commit()
    flagged = db.session.execute(select(Comment.body, Comment.likely_duplicate).order_by(Comment.id)).all()
    assert [tuple(row) for row in flagged] == [
        ("Phản đối mức thu.", False), ("Phản đối mức thu.", True), ("Ý khác hẳn.", False),
    ]


# --- QR posters ----------------------------------------------------------------------

def test_a_qr_scan_preselects_the_hamlet_and_records_the_point(client, draft, hamlets):
    point = make_point(draft, hamlets[2], code="X3K7QP")
    db.session.commit()
    submit(client, draft, fill(client, draft, hamlets[0], comment(draft.articles[0], "agree")))  # remembered: Xóm 1
    html = client.get("/c/du-thao?qr=x3k7qp").get_data(as_text=True)
    assert f'<option value="{hamlets[2].id}" selected>Xóm 3</option>' in html  # the poster's hamlet wins
    assert '<input type="hidden" name="qr" value="X3K7QP">' in html
    data = {**hidden_fields(html), "hamlet": str(hamlets[2].id), "consent": "1", **comment(draft.articles[2], "disagree", "Từ poster.")}
    assert submit(client, draft, data).status_code == 303
    latest = submissions()[-1]
    assert (latest.channel, latest.qr_point_id, latest.hamlet_id) == (Channel.QR, point.id, hamlets[2].id)


def test_an_inactive_or_foreign_qr_code_is_plain_web(client, draft, hamlets):
    other = make_consultation("khac")
    make_point(draft, hamlets[1], code="OLD111", active=False)
    make_point(other, hamlets[1], code="FOR222")
    db.session.commit()
    for code in ("OLD111", "FOR222", "<script>"):
        html = client.get(f"/c/du-thao?qr={code}").get_data(as_text=True)
        assert 'name="qr"' not in html
    data = fill(client, draft, hamlets[0], comment(draft.articles[0], "agree"), qr="FOR222")
    submit(client, draft, data)
    assert submissions()[-1].channel is Channel.WEB and submissions()[-1].qr_point_id is None


# --- rate limits ---------------------------------------------------------------------

def test_the_per_device_limit_answers_429_while_others_in_the_hall_get_through(app, draft, hamlets):
    app.config["SUBMIT_LIMIT_PER_DEVICE"] = "2 per minute"
    phone_a, phone_b = app.test_client(), app.test_client()  # two phones on one Wi-Fi (same address)
    for n in range(2):
        response = submit(phone_a, draft, fill(phone_a, draft, hamlets[0], comment(draft.articles[n], "agree")))
        assert response.status_code == 303
    data = fill(phone_a, draft, hamlets[0], comment(draft.articles[3], "other", "Lần thứ ba, chữ vẫn còn."))
    refused = submit(phone_a, draft, data)
    assert refused.status_code == 429
    html = refused.get_data(as_text=True)
    assert "Bạn đã gửi quá nhiều lần trong thời gian ngắn" in html
    assert "Lần thứ ba, chữ vẫn còn.</textarea>" in html
    assert "Retry-After" in refused.headers
    fragment = submit(phone_a, draft, data, headers=HX)
    assert fragment.status_code == 429 and fragment.get_data(as_text=True).lstrip().startswith("<form")

    response = submit(phone_b, draft, fill(phone_b, draft, hamlets[1], comment(draft.articles[0], "agree")))
    assert response.status_code == 303
    assert count(Submission) == 3


def test_the_per_address_ceiling_still_applies(app, draft, hamlets):
    app.config["SUBMIT_LIMIT_PER_IP"] = "2 per minute"
    phones = [app.test_client() for _ in range(3)]
    codes = [submit(p, draft, fill(p, draft, hamlets[0], comment(draft.articles[0], "agree"))).status_code for p in phones]
    assert codes == [303, 303, 429]


def test_reading_the_page_is_never_rate_limited_by_submissions(app, client, draft, hamlets):
    app.config["SUBMIT_LIMIT_PER_DEVICE"] = "1 per minute"
    for _ in range(3):
        assert client.get("/c/du-thao").status_code == 200


def test_respondent_group_choices_never_ask_sensitive_data(client, draft):
    html = client.get("/c/du-thao").get_data(as_text=True)
    options = re.findall(r'<option value="([a-z_]+)"', html.split('id="group"', 1)[1].split("</select>", 1)[0])
    assert options == [group.value for group in RespondentGroup]
    for sensitive in ("Đảng viên", "Tôn giáo", "Dân tộc"):
        assert sensitive not in html
