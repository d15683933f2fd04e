"""The question editor: add, edit, reorder and remove questions, without JavaScript and with htmx."""
from __future__ import annotations

import pytest

from consult.extensions import db
from consult.models import AuditEntry, ConsultationKind, Question, QuestionKind, Role
from tests.conftest import login_as, post
from tests.factories import make_consultation, make_question

HTMX = {"HX-Request": "true"}


@pytest.fixture
def survey(app, users):
    consultation = make_consultation("khao-sat-nuoc-sach", kind=ConsultationKind.BOTH, articles=2)
    db.session.commit()
    return consultation


@pytest.fixture
def staff(client, users):
    login_as(client, users[Role.MODERATOR])
    return client


def _url(consultation, suffix=""):
    return f"/staff/consultations/{consultation.slug}/questions{suffix}"


def _questions(consultation):
    return list(db.session.execute(
        db.select(Question).where(Question.consultation_id == consultation.id).order_by(Question.position)
    ).scalars())


def _actions(action):
    return list(db.session.execute(db.select(AuditEntry).where(AuditEntry.action == action)).scalars())


NEW_SINGLE = {
    "kind": "single", "prompt": "Gia đình bạn dùng nước từ đâu?", "help_text": "Chọn nguồn dùng nhiều nhất.",
    "required": "y", "options": "Nước máy\r\nGiếng khoan\r\n\r\nGiếng đào\r\n", "allow_other": "y",
}


def test_editor_page_lists_questions_and_offers_an_add_form(staff, survey):
    make_question(survey, prompt="Bạn có hài lòng với chất lượng nước?")
    db.session.commit()
    response = staff.get(_url(survey))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Bạn có hài lòng với chất lượng nước?" in html
    assert 'id="question-editor"' in html and 'id="new-prompt"' in html
    assert "người dân sẽ không thấy các câu hỏi" not in html


def test_a_draft_only_consultation_warns_that_questions_are_not_shown(staff, users):
    consultation = make_consultation("chi-du-thao", kind=ConsultationKind.DRAFT)
    db.session.commit()
    html = staff.get(_url(consultation)).get_data(as_text=True)
    assert "người dân sẽ không thấy các câu hỏi" in html


def test_add_without_javascript_redirects_to_the_new_question(staff, survey):
    response = post(staff, _url(survey), NEW_SINGLE)
    assert response.status_code == 303
    question = _questions(survey)[0]
    assert response.headers["Location"].endswith(f"/questions#question-{question.id}")
    assert question.kind is QuestionKind.SINGLE and question.required and question.allow_other
    assert [option.label for option in question.options] == ["Nước máy", "Giếng khoan", "Giếng đào"]
    assert question.help_text == "Chọn nguồn dùng nhiều nhất."
    entry = _actions("question.create")[0]
    assert entry.details["after"]["options"] == ["Nước máy", "Giếng khoan", "Giếng đào"]


def test_add_with_htmx_returns_the_editor_fragment_with_a_fresh_form(staff, survey):
    response = post(staff, _url(survey), NEW_SINGLE, headers=HTMX)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html and html.lstrip().startswith('<div id="question-editor">')
    assert "Gia đình bạn dùng nước từ đâu?" in html
    assert "Gia đình bạn dùng nước từ đâu?</textarea>" not in html  # the add form is empty again
    assert "HX-Request" in response.headers["Vary"]


@pytest.mark.parametrize("headers, fragment", [({}, False), (HTMX, True)])
def test_bad_input_is_refused_in_vietnamese_and_keeps_what_was_typed(staff, survey, headers, fragment):
    data = {"kind": "multiple", "prompt": "", "options": "Chỉ một phương án", "min_choices": "3", "max_choices": "2"}
    response = post(staff, _url(survey), data, headers=headers)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert ("<html" in html) is not fragment
    assert "Hãy nhập câu hỏi." in html
    assert "cần ít nhất 2 phương án" in html
    assert "không được lớn hơn" in html
    assert "Chỉ một phương án</textarea>" in html and 'value="3"' in html
    assert _questions(survey) == []


def test_multiple_choice_bounds_cannot_exceed_the_choices(staff, survey):
    data = {"kind": "multiple", "prompt": "Chọn các việc cần làm trước", "options": "Đường\nĐiện\nNước",
            "max_choices": "5"}
    response = post(staff, _url(survey), data)
    assert response.status_code == 422
    assert "Chỉ có 3 lựa chọn." in response.get_data(as_text=True)
    data |= {"allow_other": "y", "max_choices": "4", "min_choices": "1"}
    assert post(staff, _url(survey), data).status_code == 303
    question = _questions(survey)[0]
    assert (question.min_choices, question.max_choices) == (1, 4)


def test_a_non_number_in_a_bound_gets_a_vietnamese_message(staff, survey):
    data = {"kind": "multiple", "prompt": "Chọn", "options": "A\nB", "min_choices": "hai"}
    response = post(staff, _url(survey), data)
    assert response.status_code == 422
    assert "Hãy nhập một số nguyên" in response.get_data(as_text=True)


@pytest.mark.parametrize("kind, extra, check", [
    ("rating", {"rating_low_label": "Rất không hài lòng", "rating_high_label": "Rất hài lòng"},
     lambda q: (q.rating_low_label, q.rating_high_label) == ("Rất không hài lòng", "Rất hài lòng")),
    ("yesno", {}, lambda q: q.options == []),
    ("short_text", {}, lambda q: q.options == []),
    ("long_text", {"required": "y"}, lambda q: q.required),
])
def test_every_kind_can_be_added(staff, survey, kind, extra, check):
    # Settings of other kinds (options, bounds) typed by mistake are dropped, not stored.
    data = {"kind": kind, "prompt": "Câu hỏi", "options": "A\nB", "min_choices": "1"} | extra
    assert post(staff, _url(survey), data).status_code == 303
    question = _questions(survey)[0]
    assert question.kind == QuestionKind(kind) and question.min_choices is None
    assert check(question)


def test_edit_page_without_javascript(staff, survey):
    question = make_question(survey, prompt="Cũ?", options=("Một", "Hai"))
    db.session.commit()
    response = staff.get(_url(survey, f"/{question.id}/edit"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" in html and f'id="q{question.id}-prompt"' in html and "Một\nHai</textarea>" in html

    response = post(staff, _url(survey, f"/{question.id}"), {
        "kind": "multiple", "prompt": "Mới?", "options": "Một\nHai\nBa", "max_choices": "2",
    })
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"#question-{question.id}")
    db.session.refresh(question)
    assert question.kind is QuestionKind.MULTIPLE and question.prompt == "Mới?" and question.max_choices == 2
    entry = _actions("question.update")[0]
    assert entry.details["changes"]["prompt"] == ["Cũ?", "Mới?"]


def test_edit_in_place_with_htmx_replaces_the_item(staff, survey):
    question = make_question(survey, prompt="Cũ?")
    db.session.commit()
    form = staff.get(_url(survey, f"/{question.id}/edit"), headers=HTMX).get_data(as_text=True)
    assert "<html" not in form and form.lstrip().startswith(f'<li id="question-{question.id}" class="card question-item editing">')
    assert f'hx-post="/staff/consultations/{survey.slug}/questions/{question.id}"' in form

    saved = post(staff, _url(survey, f"/{question.id}"), {"kind": "yesno", "prompt": "Mới?"}, headers=HTMX)
    assert saved.status_code == 200
    html = saved.get_data(as_text=True)
    assert html.lstrip().startswith(f'<li id="question-{question.id}" class="card question-item">')
    assert "Mới?" in html and "editing" not in html

    bad = post(staff, _url(survey, f"/{question.id}"), {"kind": "yesno", "prompt": ""}, headers=HTMX)
    assert bad.status_code == 422
    assert "editing" in bad.get_data(as_text=True) and "Hãy nhập câu hỏi." in bad.get_data(as_text=True)

    cancel = staff.get(_url(survey, f"/{question.id}"), headers=HTMX)
    assert cancel.status_code == 200 and "Mới?" in cancel.get_data(as_text=True)
    assert staff.get(_url(survey, f"/{question.id}")).status_code == 303  # a browser goes back to the list


def test_options_keep_their_rows_when_unchanged(staff, survey):
    question = make_question(survey, options=("Đường", "Điện", "Nước"))
    db.session.commit()
    ids = {option.label: option.id for option in question.options}
    post(staff, _url(survey, f"/{question.id}"), {"kind": "single", "prompt": "Ưu tiên?", "options": "Nước\nĐường\nTrường học"})
    db.session.refresh(question)
    assert [option.label for option in question.options] == ["Nước", "Đường", "Trường học"]
    assert question.options[0].id == ids["Nước"] and question.options[1].id == ids["Đường"]


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_reorder_up_and_down(staff, survey, headers):
    first, second, third = (make_question(survey, prompt=p) for p in ("Một?", "Hai?", "Ba?"))
    db.session.commit()
    response = post(staff, _url(survey, f"/{third.id}/move"), {"direction": "up"}, headers=headers)
    if headers:
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert html.lstrip().startswith('<div id="questions">')
        assert html.index("Ba?") < html.index("Hai?")
    else:
        assert response.status_code == 303
    assert [q.prompt for q in _questions(survey)] == ["Một?", "Ba?", "Hai?"]
    post(staff, _url(survey, f"/{first.id}/move"), {"direction": "down"}, headers=headers)
    assert [q.prompt for q in _questions(survey)] == ["Ba?", "Một?", "Hai?"]
    post(staff, _url(survey, f"/{third.id}/move"), {"direction": "up"}, headers=headers)  # already first: nothing moves
    assert [(q.prompt, q.position) for q in _questions(survey)] == [("Ba?", 1), ("Một?", 2), ("Hai?", 3)]
    assert len(_actions("question.move")) == 2


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_remove_an_unanswered_question(staff, survey, headers):
    first, second, third = (make_question(survey, prompt=p) for p in ("Một?", "Hai?", "Ba?"))
    db.session.commit()
    response = post(staff, _url(survey, f"/{second.id}/delete"), {}, headers=headers)
    assert response.status_code == (200 if headers else 303)
    assert [(q.prompt, q.position) for q in _questions(survey)] == [("Một?", 1), ("Ba?", 2)]
    assert _actions("question.delete")[0].details["before"]["prompt"] == "Hai?"


def test_a_question_of_another_consultation_is_not_found(staff, survey, users):
    other = make_consultation("dot-khac", kind=ConsultationKind.SURVEY)
    question = make_question(other)
    db.session.commit()
    assert staff.get(_url(survey, f"/{question.id}/edit")).status_code == 404
    assert post(staff, _url(survey, f"/{question.id}/delete"), {}).status_code == 404
    assert staff.get("/staff/consultations/khong-co/questions").status_code == 404


def test_council_and_hamlet_officers_cannot_edit_questions(client, survey, users):
    for role in (Role.COUNCIL, Role.HAMLET_OFFICER):
        login_as(client, users[role])
        assert client.get(_url(survey)).status_code == 403
        assert post(client, _url(survey), NEW_SINGLE).status_code == 403
