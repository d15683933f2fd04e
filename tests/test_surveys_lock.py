"""Once a question has an answer, only its wording may change, and every change is audited."""
from __future__ import annotations

import pytest

from consult.extensions import db
from consult.models import AuditEntry, ConsultationKind, QuestionKind, Role
from tests.conftest import login_as, post
from tests.factories import make_answer, make_consultation, make_question, make_submission


@pytest.fixture
def answered(app, users, client):
    login_as(client, users[Role.MODERATOR])
    consultation = make_consultation("khao-sat-cho", kind=ConsultationKind.SURVEY, articles=0)
    question = make_question(consultation, "multiple", prompt="Chợ cần sửa gì?", options=("Mái che", "Rãnh thoát nước", "Nhà vệ sinh"),
                             required=True, max_choices=2)
    submission = make_submission(consultation)
    make_answer(submission, question, option=question.options[1])
    db.session.commit()
    return consultation, question


def _update_url(consultation, question):
    return f"/staff/consultations/{consultation.slug}/questions/{question.id}"


def _form(**changes):
    data = {"kind": "multiple", "prompt": "Chợ cần sửa gì?", "required": "y", "options": "Mái che\nRãnh thoát nước\nNhà vệ sinh",
            "max_choices": "2", "min_choices": ""}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_edit_form_says_why_only_wording_can_change(client, answered):
    consultation, question = answered
    html = client.get(_update_url(consultation, question) + "/edit").get_data(as_text=True)
    assert "Đã có 1 người trả lời câu hỏi này." in html
    assert 'name="kind" value="multiple"' in html and 'type="hidden"' in html
    assert "<select" not in html.split('id="question-')[1]  # no kind picker on a locked question


def test_the_list_hides_remove_for_answered_questions(client, answered):
    consultation, question = answered
    html = client.get(f"/staff/consultations/{consultation.slug}/questions").get_data(as_text=True)
    assert "1 người đã trả lời" in html
    assert f"/questions/{question.id}/delete" not in html


def test_a_wording_fix_is_allowed_and_audited_with_before_and_after(client, answered):
    consultation, question = answered
    option_ids = [option.id for option in question.options]
    response = post(client, _update_url(consultation, question), _form(
        prompt="Chợ Diễn Châu cần sửa gì trước?", options="Mái che\nRãnh thoát nước mưa\nNhà vệ sinh",
    ))
    assert response.status_code == 303
    db.session.refresh(question)
    assert question.prompt == "Chợ Diễn Châu cần sửa gì trước?"
    assert [option.id for option in question.options] == option_ids  # the answer still points at the same row
    assert question.options[1].label == "Rãnh thoát nước mưa"
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "question.reword")).scalar_one()
    assert entry.target_id == question.id
    assert entry.details["changes"]["prompt"] == ["Chợ cần sửa gì?", "Chợ Diễn Châu cần sửa gì trước?"]
    assert entry.details["changes"]["options"][1][1] == "Rãnh thoát nước mưa"


@pytest.mark.parametrize("changes, message", [
    ({"kind": "single"}, "Không thể đổi loại câu hỏi khi đã có người trả lời."),
    ({"required": None}, "chỉ được sửa câu chữ"),
    ({"max_choices": "3"}, "chỉ được sửa câu chữ"),
    ({"allow_other": "y"}, "chỉ được sửa câu chữ"),
    ({"options": "Mái che\nRãnh thoát nước"}, "giữ nguyên 3 phương án"),
    ({"options": "Mái che\nRãnh thoát nước\nNhà vệ sinh\nBãi xe"}, "giữ nguyên 3 phương án"),
])
@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_structural_changes_are_refused(client, answered, changes, message, headers):
    consultation, question = answered
    response = post(client, _update_url(consultation, question), _form(**changes), headers=headers)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.refresh(question)
    assert question.kind is QuestionKind.MULTIPLE and question.required and question.max_choices == 2
    assert len(question.options) == 3
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action.startswith("question."))).first() is None


def test_an_answered_question_cannot_be_removed(client, answered):
    consultation, question = answered
    response = post(client, _update_url(consultation, question) + "/delete", {})
    assert response.status_code == 303
    assert "không xóa được" in client.get(response.headers["Location"]).get_data(as_text=True)
    fragment = post(client, _update_url(consultation, question) + "/delete", {}, headers={"HX-Request": "true"})
    assert fragment.status_code == 409 and "không xóa được" in fragment.get_data(as_text=True)
    assert db.session.get(type(question), question.id) is not None


def test_answered_questions_can_still_be_reordered(client, answered):
    consultation, question = answered
    other = make_question(consultation, "yesno", prompt="Bạn có đi chợ hằng ngày?")
    db.session.commit()
    assert post(client, _update_url(consultation, other) + "/move", {"direction": "up"}).status_code == 303
    db.session.refresh(question)
    assert question.position == 2
