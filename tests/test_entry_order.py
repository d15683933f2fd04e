"""The printed paper form and the entry screen ask in the same order (both read paper_layout)."""
from __future__ import annotations

import pytest

from consult.extensions import db
from consult.models import ConsultationKind, Role
from tests.conftest import login_as
from tests.entry_forms import field_order, paper_order, url
from tests.factories import make_commune, make_consultation, make_question

RESPONDENT = ["hamlet", "group", "name", "show_name", "phone", "consent"]


def _consultation(kind: ConsultationKind, **fields):
    made = make_consultation(f"du-thao-{kind.value}", kind=kind, articles=3, **fields)
    if made.has_questions:
        make_question(made, "yesno", prompt="Có đồng ý làm đường?", options=())
        make_question(made, "single", prompt="Làm vào mùa nào?", options=("Mùa khô", "Sau vụ gặt"), allow_other=True)
        make_question(made, "multiple", prompt="Đóng góp bằng gì?", options=("Tiền", "Ngày công"))
        make_question(made, "rating", prompt="Mức cần thiết?", options=())
        make_question(made, "short_text", prompt="Tên đường đề xuất?", options=())
        make_question(made, "long_text", prompt="Ý kiến khác?", options=())
    db.session.commit()
    return made


def _orders(client, consultation) -> tuple[list[str], list[str]]:
    printed = client.get(f"/staff/consultations/{consultation.slug}/paper-form").get_data(as_text=True)
    typed = client.get(url(consultation)).get_data(as_text=True)
    return paper_order(printed), field_order(typed)


@pytest.mark.parametrize("kind, general", [
    (ConsultationKind.BOTH, True), (ConsultationKind.DRAFT, False), (ConsultationKind.SURVEY, True),
])
@pytest.mark.parametrize("role", [Role.MODERATOR, Role.HAMLET_OFFICER])
def test_the_entry_screen_follows_the_printed_form(client, app, hamlets, users, kind, general, role):
    make_commune()
    consultation = _consultation(kind, allow_general_comments=general)
    login_as(client, users[role])
    printed, typed = _orders(client, consultation)
    assert typed == printed
    expected = [f"c-{a.id}" for a in consultation.articles] if consultation.has_articles else []
    if consultation.has_articles and general:
        expected.append("c-general")
    expected += [f"q-{q.id}" for q in consultation.questions] if consultation.has_questions else []
    assert printed == expected + RESPONDENT


def test_moving_a_question_moves_it_on_both(client, app, hamlets, users):
    consultation = _consultation(ConsultationKind.BOTH)
    first, second = consultation.questions[0], consultation.questions[1]
    first.position, second.position = second.position, first.position
    db.session.commit()
    login_as(client, users[Role.MODERATOR])
    printed, typed = _orders(client, consultation)
    assert typed == printed
    assert printed.index(f"q-{second.id}") < printed.index(f"q-{first.id}")
