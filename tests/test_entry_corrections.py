"""Correcting an entry typed in by mistake: loaded back into the form, replaced, audited before/after."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import AuditEntry, Channel, CommentStatus, ConsultationKind, Role, Stance, Submission
from tests.conftest import login_as, post
from tests.entry_forms import form_values, paper_form, save, url
from tests.factories import make_commune, make_consultation, make_question
from tests.resident import comment

HX = {"HX-Request": "true", "HX-Target": "div#entry"}


@pytest.fixture
def consultation(app, hamlets, users):
    make_commune()
    made = make_consultation("du-thao-quy-uoc", kind=ConsultationKind.BOTH, articles=3)
    make_question(made, "single", prompt="Bạn biết dự thảo qua đâu?", options=("Loa", "Zalo"), allow_other=True)
    make_question(made, "multiple", prompt="Việc nào cần làm trước?", options=("Đường", "Điện", "Nước"), max_choices=2,
                  allow_other=True)
    make_question(made, "rating", prompt="Bạn chấm mấy điểm?", options=())
    make_question(made, "yesno", prompt="Bạn có dự họp xóm?", options=())
    make_question(made, "short_text", prompt="Nghề nghiệp?", options=())
    make_question(made, "long_text", prompt="Bổ sung gì?", options=())
    db.session.commit()
    return made


@pytest.fixture
def staff(client, users):
    login_as(client, users[Role.MODERATOR])
    return client


def _everything(consultation) -> dict:
    """A paper form that uses every kind of box."""
    single, multiple, rating, yesno, short, long = consultation.questions
    return {
        **comment(consultation.articles[0], "agree"),
        **comment(consultation.articles[2], "other", "Nên ghi rõ\nmức đóng góp."),
        **comment(None, "disagree", "Dự thảo còn dài."),
        f"q-{single.id}": "other", f"q-{single.id}-other": "Họp chi bộ",
        f"q-{multiple.id}": [str(multiple.options[0].id), str(multiple.options[2].id)],
        f"q-{rating.id}": "4", f"q-{yesno.id}": "no", f"q-{short.id}": "Làm ruộng", f"q-{long.id}": "Cần\nlàm đường.",
    }


def _the_entry() -> Submission:
    db.session.commit()
    return db.session.execute(select(Submission)).scalar_one()


def _parts(values: dict) -> dict:
    """The fields a form says, without the screen's own (token, key)."""
    return {name: value for name, value in values.items() if name not in ("csrf_token", "idem")}


def test_an_entry_loads_back_exactly_as_it_was_typed(staff, consultation, hamlets):
    typed = paper_form(staff, consultation, hamlets[0], _everything(consultation), group="elderly", name="Bà Hoa",
                       show_name="1", phone="0912345678")
    assert save(staff, consultation, typed).status_code == 303
    entry = _the_entry()
    response = staff.get(url(consultation, f"/{entry.id}"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f"Đang sửa phiếu {entry.receipt_code[:5]}-{entry.receipt_code[5:]}." in html
    loaded = form_values(html)
    assert "idem" not in loaded  # a correction replaces; it has nothing to store twice
    expected = _parts(typed)
    expected[f"c-{consultation.articles[1].id}-stance"] = ""  # what the blank form posts for untouched parts
    expected[f"c-{consultation.articles[1].id}-text"] = ""
    assert _parts(loaded) == expected


def test_correcting_the_last_entry_replaces_it_and_audits_before_and_after(staff, consultation, hamlets):
    save(staff, consultation, paper_form(staff, consultation, hamlets[0], _everything(consultation)))
    entry = _the_entry()
    code, batch = entry.receipt_code, entry.entry_batch
    page = staff.get(url(consultation)).get_data(as_text=True)
    assert f'href="{url(consultation, f"/{entry.id}")}"' in page and "Sửa phiếu vừa nhập" in page

    values = form_values(staff.get(url(consultation, f"/{entry.id}")).get_data(as_text=True))
    first, _second, third = consultation.articles
    multiple, rating = consultation.questions[1], consultation.questions[2]
    values.update({f"c-{first.id}-stance": "disagree", f"c-{first.id}-text": "Đọc nhầm: phiếu ghi không tán thành.",
                   f"c-{third.id}-stance": "", f"c-{third.id}-text": "", f"q-{multiple.id}": str(multiple.options[1].id),
                   f"q-{rating.id}": "2", "channel": "meeting", "hamlet": str(hamlets[1].id)})
    response = post(staff, url(consultation, f"/{entry.id}"), values)
    assert response.status_code == 303 and response.headers["Location"] == url(consultation)

    entry = _the_entry()
    assert (entry.receipt_code, entry.entry_batch, entry.channel, entry.hamlet_id) == (
        code, batch, Channel.MEETING, hamlets[1].id)
    assert [(c.article_id, c.stance, c.body, c.status) for c in entry.comments] == [
        (first.id, Stance.DISAGREE, "Đọc nhầm: phiếu ghi không tán thành.", CommentStatus.PENDING),
        (None, Stance.DISAGREE, "Dự thảo còn dài.", CommentStatus.PENDING),
    ]
    assert [a.option_id for a in entry.answers if a.question_id == multiple.id] == [multiple.options[1].id]
    assert [a.value_int for a in entry.answers if a.question_id == rating.id] == [2]
    audit = db.session.execute(select(AuditEntry).where(AuditEntry.action == "entry.correct")).scalar_one()
    assert audit.target_id == entry.id and audit.details["batch"] == batch
    assert audit.details["before"]["comments"][0] == [first.id, "agree", ""]
    assert audit.details["after"]["comments"][0] == [first.id, "disagree", "Đọc nhầm: phiếu ghi không tán thành."]
    assert (audit.details["before"]["channel"], audit.details["after"]["channel"]) == ("paper", "meeting")

    back = staff.get(url(consultation)).get_data(as_text=True)
    assert f"Đã sửa phiếu {code[:5]}-{code[5:]}." in back and "Đợt nhập này: 1 phiếu" in back
    assert "Đang nhập phiếu thứ 2 của đợt nhập này" in back


def test_with_htmx_the_correction_happens_in_place(staff, consultation, hamlets):
    save(staff, consultation, paper_form(staff, consultation, hamlets[0], comment(consultation.articles[0], "agree")))
    entry = _the_entry()
    loaded = staff.get(url(consultation, f"/{entry.id}"), headers=HX)
    html = loaded.get_data(as_text=True)
    assert loaded.status_code == 200 and "<html" not in html and "Đang sửa phiếu" in html
    values = form_values(html)
    values[f"c-{consultation.articles[0].id}-stance"] = "other"
    values[f"c-{consultation.articles[0].id}-text"] = "Phiếu ghi ý kiến khác."
    done = post(staff, url(consultation, f"/{entry.id}"), values, headers=HX).get_data(as_text=True)
    assert "Đã sửa phiếu" in done and "Đang nhập phiếu thứ 2" in done and "Đang sửa phiếu" not in done
    assert [c.stance for c in _the_entry().comments] == [Stance.OTHER]


def test_a_bad_correction_is_refused_keeping_what_was_typed(staff, consultation, hamlets):
    save(staff, consultation, paper_form(staff, consultation, hamlets[0], comment(consultation.articles[0], "agree")))
    entry = _the_entry()
    values = form_values(staff.get(url(consultation, f"/{entry.id}")).get_data(as_text=True))
    values[f"c-{consultation.articles[0].id}-stance"] = "disagree"
    values[f"c-{consultation.articles[0].id}-text"] = "x" * 2001
    values["phone"] = "0123"
    response = post(staff, url(consultation, f"/{entry.id}"), values)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Đang sửa phiếu" in html and "Ý kiến dài 2.001 ký tự; tối đa 2.000 ký tự." in html
    assert "Số điện thoại di động chưa đúng" in html
    kept = form_values(html)
    assert (kept["phone"], kept[f"c-{consultation.articles[0].id}-stance"]) == ("0123", "disagree")
    assert [c.stance for c in _the_entry().comments] == [Stance.AGREE]


def test_an_entry_already_moderated_is_not_corrected_here(staff, consultation, hamlets):
    save(staff, consultation, paper_form(staff, consultation, hamlets[0], comment(consultation.articles[0], "agree")))
    entry = _the_entry()
    entry.comments[0].status = CommentStatus.APPROVED
    db.session.commit()
    response = staff.get(url(consultation, f"/{entry.id}"))
    assert response.status_code == 409
    assert "đã được kiểm duyệt hoặc trả lời nên không sửa ở đây được nữa" in response.get_data(as_text=True)
    values = {**comment(consultation.articles[0], "disagree", "Sửa"), "hamlet": str(hamlets[0].id), "channel": "paper"}
    assert post(staff, url(consultation, f"/{entry.id}"), values).status_code == 409
    assert [c.stance for c in _the_entry().comments] == [Stance.AGREE]
