"""Fast entry of paper forms: without JavaScript, with htmx, the batch count, bad input and double presses."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.models import (
    AuditEntry, Channel, CommentStatus, ConsultationKind, RespondentGroup, Role, Stance, Submission,
)
from tests.conftest import login_as, post
from tests.entry_forms import entry_form, form_values, open_entry, paper_form, save, url
from tests.factories import make_commune, make_consultation, make_question
from tests.resident import comment

HX = {"HX-Request": "true", "HX-Target": "div#entry"}
BATCH_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture
def consultation(app, hamlets, users):
    make_commune()
    made = make_consultation("du-thao-huong-uoc", title="Dự thảo Hương ước", kind=ConsultationKind.BOTH, articles=3)
    make_question(made, "single", prompt="Bạn biết dự thảo qua đâu?", options=("Loa truyền thanh", "Zalo"),
                  allow_other=True)
    make_question(made, "rating", prompt="Bạn chấm dự thảo mấy điểm?", options=())
    db.session.commit()
    return made


@pytest.fixture
def staff(client, users):
    """A moderator at the commune office: any hamlet."""
    login_as(client, users[Role.MODERATOR])
    return client


def submissions() -> list[Submission]:
    db.session.commit()
    return list(db.session.execute(select(Submission).order_by(Submission.id)).scalars())


def test_a_paper_form_without_javascript(staff, consultation, hamlets, users):
    page = staff.get(url(consultation)).get_data(as_text=True)
    assert "Đang nhập phiếu thứ 1 của đợt nhập này" in page and "Đợt nhập này: 0 phiếu" in page
    assert "hàng chờ kiểm duyệt" in page and "cho đến khi công bố kết quả" in page
    first, third = consultation.articles[0], consultation.articles[2]
    single = consultation.questions[0]
    data = paper_form(staff, consultation, hamlets[2], comment(first, "agree"),
                      comment(third, "disagree", "Không nên thu thêm tiền của hộ nghèo."),
                      **{f"q-{single.id}": str(single.options[1].id)}, group="elderly", name="Bà Lê Thị Hoa",
                      phone="0912 345 678")
    response = save(staff, consultation, data)
    assert response.status_code == 303 and response.headers["Location"] == url(consultation)
    [submission] = submissions()
    assert (submission.channel, submission.hamlet_id, submission.respondent_group) == (
        Channel.PAPER, hamlets[2].id, RespondentGroup.ELDERLY)
    assert submission.entered_by_id == users[Role.MODERATOR].id and BATCH_ID.match(submission.entry_batch)
    assert (submission.consent, submission.display_name, submission.contact_phone) == (True, "Bà Lê Thị Hoa", "0912345678")
    assert submission.idempotency_key == data["idem"] and submission.device_hash == ""
    assert [(c.article_id, c.stance, c.body, c.status) for c in submission.comments] == [
        (first.id, Stance.AGREE, "", CommentStatus.PENDING),
        (third.id, Stance.DISAGREE, "Không nên thu thêm tiền của hộ nghèo.", CommentStatus.PENDING),
    ]
    assert [a.option_id for a in submission.answers] == [single.options[1].id]
    audit = db.session.execute(select(AuditEntry).where(AuditEntry.action == "entry.create")).scalar_one()
    assert audit.target_id == submission.id and audit.details["batch"] == submission.entry_batch
    assert "0912" not in str(audit.details)  # the audit log never holds contact details

    back = staff.get(response.headers["Location"]).get_data(as_text=True)
    code = f"{submission.receipt_code[:5]}-{submission.receipt_code[5:]}"
    assert f"Đã lưu phiếu thứ 1 của đợt nhập này. Mã phiếu: {code}." in back
    assert "Đang nhập phiếu thứ 2 của đợt nhập này" in back and "Đợt nhập này: 1 phiếu" in back
    kept = form_values(back)  # the form is blank again, but keeps the hamlet and the channel
    assert (kept["hamlet"], kept["channel"], kept["group"]) == (str(hamlets[2].id), "paper", "resident")
    assert kept[f"c-{third.id}-stance"] == "" and kept[f"c-{third.id}-text"] == "" and kept.get("name") == ""
    assert "consent" not in kept and kept["idem"] != data["idem"]
    assert "Sửa phiếu vừa nhập" in back


def test_with_htmx_the_form_swaps_in_place_and_the_count_goes_up(staff, consultation, hamlets):
    article = consultation.articles[1]
    data = paper_form(staff, consultation, hamlets[0], comment(article, "other", "Đề nghị ghi rõ thời hạn."))
    first = save(staff, consultation, data, headers=HX)
    assert first.status_code == 200 and "HX-Request" in first.headers["Vary"]
    html = first.get_data(as_text=True)
    assert "<html" not in html and 'id="entry-form"' in html
    assert "Đã lưu phiếu thứ 1 của đợt nhập này" in html and "Đang nhập phiếu thứ 2" in html
    fresh = form_values(html)
    assert fresh["hamlet"] == str(hamlets[0].id) and fresh[f"c-{article.id}-text"] == ""
    # The cursor goes back to the first field of the paper: the first article's stance.
    [focused] = entry_form(html).xpath("//*[@autofocus]")
    assert (focused.get("name"), focused.get("value")) == (f"c-{consultation.articles[0].id}-stance", "")

    fresh.update(comment(consultation.articles[0], "agree"))
    second = save(staff, consultation, fresh, headers=HX).get_data(as_text=True)
    assert "Đã lưu phiếu thứ 2 của đợt nhập này" in second and "Đợt nhập này: 2 phiếu" in second
    one, two = submissions()
    assert one.entry_batch == two.entry_batch and one.receipt_code != two.receipt_code
    assert [(row.get("id")) for row in entry_form(second).getroottree().xpath("//table//tbody/tr")] == [
        f"entry-{two.id}", f"entry-{one.id}"]


def test_a_meeting_form_and_the_channel_is_kept_for_the_next(staff, consultation, hamlets):
    data = paper_form(staff, consultation, hamlets[1], comment(None, "agree", "Nhất trí cao."), channel="meeting")
    assert save(staff, consultation, data).status_code == 303
    [submission] = submissions()
    assert submission.channel is Channel.MEETING
    assert [(c.article_id, c.body) for c in submission.comments] == [(None, "Nhất trí cao.")]
    assert open_entry(staff, consultation)["channel"] == "meeting"


@pytest.mark.parametrize("htmx", [False, True])
def test_bad_input_is_refused_in_vietnamese_keeping_everything_typed(staff, consultation, hamlets, htmx):
    first, second = consultation.articles[0], consultation.articles[1]
    single, rating = consultation.questions
    data = paper_form(staff, consultation, None, comment(first, "disagree", ""),
                      comment(second, "other", "Cần họp xóm để bàn thêm."), **{f"q-{rating.id}": "4"},
                      **{f"q-{single.id}": str(single.options[0].id), f"q-{single.id}-other": "Nghe hàng xóm kể"},
                      name="Ông Trần Văn Nam", phone="12345")
    response = save(staff, consultation, data, headers=HX if htmx else {})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert ("<html" in html) is not htmx
    assert "Chưa lưu phiếu. Vui lòng sửa các mục sau:" in html
    assert "Bạn đã chọn một phương án và ghi thêm ở ô “Khác”" in html
    assert "Số điện thoại di động chưa đúng" in html and "Hãy chọn thôn, xóm nơi bạn sinh sống." in html
    assert "Hãy ghi rõ ý kiến" not in html  # a stance ticked without a reason is typed as written
    kept = form_values(html)
    assert kept[f"c-{first.id}-stance"] == "disagree" and kept[f"c-{second.id}-stance"] == "other"
    assert kept[f"c-{second.id}-text"] == "Cần họp xóm để bàn thêm." and kept[f"q-{rating.id}"] == "4"
    assert (kept[f"q-{single.id}"], kept[f"q-{single.id}-other"]) == (str(single.options[0].id), "Nghe hàng xóm kể")
    assert (kept["name"], kept["phone"], kept["consent"], kept["idem"]) == ("Ông Trần Văn Nam", "12345", "1", data["idem"])
    assert entry_form(html).xpath('//*[@id="error-summary"]/@autofocus')  # the officer lands on the list of errors
    assert submissions() == []


def test_a_form_is_typed_as_written_even_where_the_web_form_would_insist(staff, consultation, hamlets):
    """A resident ticked "Không tán thành" without writing why and skipped a required question."""
    required = make_question(consultation, "yesno", prompt="Bạn có đồng ý góp tiền?", options=(), required=True)
    db.session.commit()
    article = consultation.articles[0]
    response = save(staff, consultation, paper_form(staff, consultation, hamlets[0], comment(article, "disagree", "")))
    assert response.status_code == 303
    [submission] = submissions()
    assert [(c.stance, c.body) for c in submission.comments] == [(Stance.DISAGREE, "")]
    assert [a.question_id for a in submission.answers if a.question_id == required.id] == []


def test_an_empty_form_and_a_wrong_channel_are_refused(staff, consultation, hamlets):
    response = save(staff, consultation, paper_form(staff, consultation, hamlets[0], channel="web"))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Hãy chọn phiếu này đến từ đâu: phiếu giấy hay hội nghị." in html
    assert "Hãy góp ý ít nhất một điều, hoặc trả lời ít nhất một câu hỏi." in html
    assert submissions() == []


def test_a_form_without_the_consent_tick_is_entered_without_contact_details(staff, consultation, hamlets):
    data = paper_form(staff, consultation, hamlets[0], comment(consultation.articles[0], "agree"), consent=False,
                      name="Nguyễn Văn An", show_name="1", phone="0987654321")
    response = save(staff, consultation, data)
    assert response.status_code == 303
    [submission] = submissions()
    assert (submission.consent, submission.display_name, submission.show_name, submission.contact_phone) == (
        False, "", False, "")
    assert len(submission.comments) == 1
    assert "họ tên, số điện thoại không được lưu" in staff.get(url(consultation)).get_data(as_text=True)


@pytest.mark.parametrize("htmx", [False, True])
def test_pressing_enter_twice_stores_the_form_once(staff, consultation, hamlets, htmx):
    data = paper_form(staff, consultation, hamlets[0], comment(consultation.articles[0], "disagree", "Chưa hợp lý."))
    headers = HX if htmx else {}
    assert save(staff, consultation, data, headers=headers).status_code in (200, 303)
    again = save(staff, consultation, data, headers=headers)
    assert again.status_code in (200, 303)
    assert len(submissions()) == 1
    page = again.get_data(as_text=True) if htmx else staff.get(url(consultation)).get_data(as_text=True)
    assert "Phiếu này đã được lưu rồi; không lưu thêm lần nữa." in page and "Đợt nhập này: 1 phiếu" in page
    assert db.session.execute(select(func.count(AuditEntry.id))).scalar_one() == 1


def test_a_new_batch_starts_the_count_again(staff, consultation, hamlets):
    save(staff, consultation, paper_form(staff, consultation, hamlets[0], comment(consultation.articles[0], "agree")))
    response = post(staff, url(consultation, "/batch"))
    assert response.status_code == 303
    page = staff.get(url(consultation)).get_data(as_text=True)
    assert "Đã bắt đầu đợt nhập mới." in page and "Đợt nhập này: 0 phiếu" in page
    assert form_values(page)["hamlet"] == str(hamlets[0].id)  # hamlet and channel are kept
    save(staff, consultation, paper_form(staff, consultation, hamlets[0], comment(consultation.articles[1], "agree")))
    one, two = submissions()
    assert one.entry_batch and two.entry_batch and one.entry_batch != two.entry_batch
    assert "Đã lưu phiếu thứ 1 của đợt nhập này" in staff.get(url(consultation)).get_data(as_text=True)


def test_the_tools_menu_links_to_the_entry_screen(staff, consultation):
    html = staff.get(f"/staff/consultations/{consultation.slug}/qr").get_data(as_text=True)
    assert f'href="{url(consultation)}"' in html and "Nhập phiếu" in html
    page = staff.get(url(consultation)).get_data(as_text=True)
    assert f'<a href="{url(consultation)}" aria-current="page">Nhập phiếu</a>' in page


def test_no_style_attributes_or_inline_script(staff, consultation):
    html = staff.get(url(consultation)).get_data(as_text=True)
    assert 'style="' not in html and "<script>" not in html and " on" + "click" not in html
    assert "js/entry.js" in html
