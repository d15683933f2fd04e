"""parse_submission: the one set of rules every channel's form goes through."""
from __future__ import annotations

import unicodedata

import pytest
from werkzeug.datastructures import MultiDict

from consult.extensions import db
from consult.models import ConsultationKind, RespondentGroup, Stance
from consult.submissions import AnswerInput, CommentInput, parse_submission
from tests.factories import make_consultation, make_question


@pytest.fixture
def draft(app, hamlets):
    consultation = make_consultation("du-thao", articles=3)
    db.session.commit()
    return consultation


def form(hamlet, **fields) -> MultiDict:
    """A form with the bottom part filled in, plus the given fields."""
    data = MultiDict({"hamlet": str(hamlet.id), "consent": "1"})
    for name, value in fields.items():
        if isinstance(value, (list, tuple)):
            data.setlist(name, [str(item) for item in value])
        else:
            data[name] = value
    return data


def comment_fields(article_id, stance: str, text: str = "") -> dict:
    return {f"c-{article_id}-stance": stance, f"c-{article_id}-text": text}


def test_a_comment_with_a_stance_and_text_is_taken(draft, hamlets):
    article = draft.articles[2]
    data, errors = parse_submission(draft, MultiDict({**form(hamlets[0]), **comment_fields(article.id, "disagree", "  Nên giữ mức cũ.  ")}))
    assert errors == {}
    assert data.comments == [CommentInput(article_id=article.id, stance=Stance.DISAGREE, body="Nên giữ mức cũ.")]
    assert data.hamlet_id == hamlets[0].id
    assert data.respondent_group is RespondentGroup.RESIDENT
    assert data.consent is True


def test_agree_needs_no_text_but_disagree_and_other_do(draft, hamlets):
    first, second, third = draft.articles
    formdata = MultiDict({**form(hamlets[0]), **comment_fields(first.id, "agree"), **comment_fields(second.id, "disagree"),
                          **comment_fields(third.id, "other", "   ")})
    data, errors = parse_submission(draft, formdata)
    assert data is None
    assert set(errors) == {f"c-{second.id}-text", f"c-{third.id}-text"}
    assert "Tán thành" in errors[f"c-{second.id}-text"]


def test_text_without_a_stance_is_an_error_never_dropped(draft, hamlets):
    article = draft.articles[0]
    formdata = form(hamlets[0])
    formdata[f"c-{article.id}-text"] = "Tôi muốn góp ý nhưng quên chọn."
    data, errors = parse_submission(draft, formdata)
    assert data is None
    assert "Hãy chọn Tán thành, Không tán thành hoặc Ý kiến khác" in errors[f"c-{article.id}-stance"]


def test_an_unknown_stance_is_refused(draft, hamlets):
    article = draft.articles[0]
    _, errors = parse_submission(draft, MultiDict({**form(hamlets[0]), **comment_fields(article.id, "maybe", "x")}))
    assert f"c-{article.id}-stance" in errors


def test_the_length_limit_is_enforced_on_the_server(draft, hamlets):
    article = draft.articles[0]
    _, errors = parse_submission(draft, MultiDict({**form(hamlets[0]), **comment_fields(article.id, "other", "a" * 2001)}))
    assert "tối đa 2.000 ký tự" in errors[f"c-{article.id}-text"]
    data, errors = parse_submission(draft, MultiDict({**form(hamlets[0]), **comment_fields(article.id, "other", "a" * 2000)}))
    assert errors == {}


def test_text_is_stored_in_nfc(draft, hamlets):
    article = draft.articles[0]
    decomposed = unicodedata.normalize("NFD", "Đề nghị bổ sung khoản 3")
    data, _ = parse_submission(draft, MultiDict({**form(hamlets[0], name=unicodedata.normalize("NFD", "Nguyễn Văn Á")),
                                                 **comment_fields(article.id, "other", decomposed)}))
    assert data.comments[0].body == "Đề nghị bổ sung khoản 3"
    assert unicodedata.is_normalized("NFC", data.comments[0].body)
    assert data.display_name == "Nguyễn Văn Á"


def test_the_general_comment_only_when_allowed(app, hamlets):
    open_draft = make_consultation("chung", articles=1)
    closed_general = make_consultation("khong-chung", articles=1, allow_general_comments=False)
    db.session.commit()
    general = comment_fields("general", "other", "Ý kiến chung về dự thảo.")
    data, errors = parse_submission(open_draft, MultiDict({**form(hamlets[0]), **general}))
    assert data.comments == [CommentInput(article_id=None, stance=Stance.OTHER, body="Ý kiến chung về dự thảo.")]
    _, errors = parse_submission(closed_general, MultiDict({**form(hamlets[0]), **general}))
    assert "form" in errors  # ignored, so nothing was said


def test_comments_on_another_consultations_articles_are_ignored(draft, hamlets):
    other = make_consultation("khac", articles=1)
    db.session.commit()
    _, errors = parse_submission(draft, MultiDict({**form(hamlets[0]), **comment_fields(other.articles[0].id, "agree")}))
    assert "form" in errors


def test_at_least_one_comment_or_answer(draft, hamlets):
    data, errors = parse_submission(draft, form(hamlets[0]))
    assert data is None
    assert errors["form"].startswith("Hãy cho ý kiến")


def test_the_bottom_part(draft, hamlets):
    article = draft.articles[0]
    formdata = MultiDict(comment_fields(article.id, "agree"))
    _, errors = parse_submission(draft, formdata)
    assert set(errors) == {"hamlet", "consent"}
    assert errors["hamlet"] == "Hãy chọn thôn, xóm nơi bạn sinh sống."

    formdata = MultiDict({**comment_fields(article.id, "agree"), "hamlet": "999999", "group": "party_member",
                          "phone": "0123", "email": "khong-phai-email", "consent": "1"})
    _, errors = parse_submission(draft, formdata)
    assert set(errors) == {"hamlet", "group", "phone", "email"}

    formdata = MultiDict({**comment_fields(article.id, "agree"), "hamlet": str(hamlets[2].id), "group": "elderly",
                          "phone": "+84 912.345.678", "email": "Ba.Lan@Gmail.com", "name": "Bà Lan", "show_name": "1",
                          "consent": "1"})
    data, errors = parse_submission(draft, formdata)
    assert errors == {}
    assert (data.hamlet_id, data.respondent_group) == (hamlets[2].id, RespondentGroup.ELDERLY)
    assert data.contact_phone == "+84912345678"
    assert data.contact_email == "Ba.Lan@gmail.com"
    assert (data.display_name, data.show_name) == ("Bà Lan", True)


def test_show_name_without_a_name_means_nothing(draft, hamlets):
    data, _ = parse_submission(draft, MultiDict({**form(hamlets[0], show_name="1"), **comment_fields(draft.articles[0].id, "agree")}))
    assert data.show_name is False


def test_an_inactive_hamlet_is_refused(draft, hamlets):
    hamlets[1].active = False
    db.session.commit()
    _, errors = parse_submission(draft, MultiDict({**form(hamlets[1]), **comment_fields(draft.articles[0].id, "agree")}))
    assert "hamlet" in errors


def test_paper_entry_may_skip_the_consent_tick(draft, hamlets):
    formdata = MultiDict({"hamlet": str(hamlets[0].id), **comment_fields(draft.articles[0].id, "agree")})
    data, errors = parse_submission(draft, formdata, require_consent=False)
    assert errors == {} and data.consent is False


# --- every question kind ----------------------------------------------------------

@pytest.fixture
def survey(app, hamlets):
    consultation = make_consultation("khao-sat", articles=0, kind=ConsultationKind.SURVEY)
    make_question(consultation, "single", "Nguồn nước nhà bạn?", options=["Giếng khoan", "Nước máy"], allow_other=True)
    make_question(consultation, "multiple", "Cần làm gì trước?", options=["Đường", "Điện", "Trường", "Chợ"],
                  min_choices=2, max_choices=3, allow_other=True)
    make_question(consultation, "rating", "Mức hài lòng", rating_low_label="Rất không hài lòng", rating_high_label="Rất hài lòng")
    make_question(consultation, "yesno", "Bạn có đồng ý góp công?")
    make_question(consultation, "short_text", "Tên tuyến đường")
    make_question(consultation, "long_text", "Ý kiến khác")
    db.session.commit()
    return consultation


def q(survey, n: int):
    return survey.questions[n]


def answer(survey, hamlets, **fields):
    """Parse a survey form; fields are keyed q0, q0_other… by question index."""
    formdata = MultiDict({"hamlet": str(hamlets[0].id), "consent": "1"})
    for key, value in fields.items():
        index, _, suffix = key[1:].partition("_")
        name = f"q-{q(survey, int(index)).id}" + (f"-{suffix}" if suffix else "")
        formdata.setlist(name, [str(item) for item in value] if isinstance(value, list) else [str(value)])
    return parse_submission(survey, formdata)


def test_every_kind_stores_its_answer(survey, hamlets):
    single, multiple, rating, yesno, short, long = survey.questions
    data, errors = answer(
        survey, hamlets, q0=single.options[1].id, q1=[multiple.options[0].id, multiple.options[2].id, "other"],
        q1_other="Nhà văn hóa", q2=4, q3="no", q4="Đường liên xóm 2-3", q5="Dòng một\nDòng hai",
    )
    assert errors == {}
    assert data.answers == [
        AnswerInput(single.id, option_id=single.options[1].id),
        AnswerInput(multiple.id, option_id=multiple.options[0].id),
        AnswerInput(multiple.id, option_id=multiple.options[2].id),
        AnswerInput(multiple.id, value_text="Nhà văn hóa"),
        AnswerInput(rating.id, value_int=4),
        AnswerInput(yesno.id, value_int=0),
        AnswerInput(short.id, value_text="Đường liên xóm 2-3"),
        AnswerInput(long.id, value_text="Dòng một\nDòng hai"),
    ]


def test_answers_alone_are_enough(survey, hamlets):
    data, errors = answer(survey, hamlets, q3="yes")
    assert errors == {} and data.comments == [] and len(data.answers) == 1


def test_nothing_answered_is_an_error(survey, hamlets):
    _, errors = answer(survey, hamlets)
    assert errors["form"] == "Hãy trả lời ít nhất một câu hỏi."


@pytest.mark.parametrize("fields, message", [
    ({"q0": "999999"}, "Lựa chọn không hợp lệ"),
    ({"q0": ["1", "2"]}, "Chỉ được chọn một phương án"),
    ({"q0": "other"}, "Hãy ghi rõ ý kiến ở ô “Khác”"),
    ({"q1": ["other"], "q1_other": "x" * 301}, "dài quá 300 ký tự"),
    ({"q2": "6"}, "từ 1 đến 5"),
    ({"q2": "0"}, "từ 1 đến 5"),
    ({"q2": "ba"}, "từ 1 đến 5"),
    ({"q3": "co le"}, "Có hoặc Không"),
    ({"q4": "x" * 301}, "tối đa 300 ký tự"),
    ({"q5": "x" * 2001}, "tối đa 2.000 ký tự"),
])
def test_bad_values_are_refused_with_a_vietnamese_message(survey, hamlets, fields, message):
    index = int(next(iter(fields))[1])
    _, errors = answer(survey, hamlets, **fields)
    assert message in errors[f"q-{q(survey, index).id}"]


def test_an_option_of_another_question_is_refused(survey, hamlets):
    _, errors = answer(survey, hamlets, q0=q(survey, 1).options[0].id)
    assert "Lựa chọn không hợp lệ" in errors[f"q-{q(survey, 0).id}"]


def test_other_is_refused_when_the_question_does_not_offer_it(app, hamlets):
    consultation = make_consultation("khong-khac", articles=0, kind=ConsultationKind.SURVEY)
    question = make_question(consultation, "single", options=["A", "B"])
    db.session.commit()
    _, errors = parse_submission(consultation, MultiDict({"hamlet": str(hamlets[0].id), "consent": "1",
                                                          f"q-{question.id}": "other"}))
    assert f"q-{question.id}" in errors


def test_multiple_choice_min_and_max(survey, hamlets):
    multiple = q(survey, 1)
    ids = [option.id for option in multiple.options]
    _, errors = answer(survey, hamlets, q1=ids[:1])
    assert errors[f"q-{multiple.id}"] == "Hãy chọn ít nhất 2 phương án."
    _, errors = answer(survey, hamlets, q1=ids)
    assert errors[f"q-{multiple.id}"] == "Chỉ được chọn tối đa 3 phương án."
    _, errors = answer(survey, hamlets, q1=ids[:3], q1_other="Nghĩa trang")  # typing in "Khác" picks it: 4
    assert errors[f"q-{multiple.id}"] == "Chỉ được chọn tối đa 3 phương án."
    data, errors = answer(survey, hamlets, q1=[ids[0], ids[0], ids[1]])  # a repeated value counts once
    assert errors == {} and len(data.answers) == 2


def test_typing_in_other_chooses_it_for_a_single_choice(survey, hamlets):
    single = q(survey, 0)
    data, errors = answer(survey, hamlets, q0_other="Nước mưa")
    assert errors == {} and data.answers == [AnswerInput(single.id, value_text="Nước mưa")]
    _, errors = answer(survey, hamlets, q0=single.options[0].id, q0_other="Nước mưa")
    assert "hãy chọn “Khác” hoặc xóa" in errors[f"q-{single.id}"]


@pytest.mark.parametrize("kind, options", [
    ("single", ["A", "B"]), ("multiple", ["A", "B"]), ("rating", []), ("yesno", []),
    ("short_text", []), ("long_text", []),
])
def test_required_questions_of_every_kind(app, hamlets, kind, options):
    consultation = make_consultation(f"bat-buoc-{kind.replace('_', '-')}", articles=1, kind=ConsultationKind.BOTH)
    question = make_question(consultation, kind, options=options, required=True)
    db.session.commit()
    formdata = MultiDict({"hamlet": str(hamlets[0].id), "consent": "1",
                          f"c-{consultation.articles[0].id}-stance": "agree", f"q-{question.id}": "  "})
    _, errors = parse_submission(consultation, formdata)
    assert errors == {f"q-{question.id}": "Câu hỏi này bắt buộc trả lời."}


def test_questions_of_a_draft_only_consultation_are_not_asked(app, hamlets):
    consultation = make_consultation("chi-du-thao", articles=1, kind=ConsultationKind.DRAFT)
    make_question(consultation, "yesno", required=True)
    db.session.commit()
    data, errors = parse_submission(consultation, MultiDict({"hamlet": str(hamlets[0].id), "consent": "1",
                                                             f"c-{consultation.articles[0].id}-stance": "agree"}))
    assert errors == {} and data.answers == []
