"""Who may enter and correct what: hamlet officers their own hamlet and their own batches; when entry is open."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.models import Channel, Role, Stance, Submission
from tests.conftest import login_as, post
from tests.entry_forms import form_values, paper_form, save, url
from tests.factories import make_commune, make_consultation, make_submission, make_user
from tests.resident import comment


@pytest.fixture
def consultation(app, hamlets, users):
    make_commune()
    made = make_consultation("du-thao-xom", articles=2)
    db.session.commit()
    return made


@pytest.fixture
def officer(client, users):
    """The hamlet officer of Xóm 2."""
    login_as(client, users[Role.HAMLET_OFFICER])
    return client


def _stored() -> list[Submission]:
    db.session.commit()
    return list(db.session.execute(select(Submission).order_by(Submission.id)).scalars())


def _entry(consultation, hamlet, typist, batch="c0ffee00-0000-4000-8000-000000000001") -> Submission:
    """A form someone typed in earlier."""
    made = make_submission(consultation, hamlet=hamlet, channel=Channel.PAPER, entered_by_id=typist.id,
                           entry_batch=batch, comments=[(consultation.articles[0], "agree", "", "pending")])
    db.session.commit()
    return made


def _correction(consultation, hamlet) -> dict:
    return {**comment(consultation.articles[0], "disagree", "Sửa lại."), "hamlet": str(hamlet.id), "channel": "paper"}


def test_an_officer_enters_forms_for_their_own_hamlet_only(officer, consultation, hamlets, users):
    html = officer.get(url(consultation)).get_data(as_text=True)
    assert '<select id="hamlet"' not in html and "<b>Xóm 2</b>" in html
    assert form_values(html)["hamlet"] == str(hamlets[1].id)
    response = save(officer, consultation, paper_form(officer, consultation, None, comment(consultation.articles[0], "agree")))
    assert response.status_code == 303
    [submission] = _stored()
    assert (submission.hamlet_id, submission.entered_by_id) == (hamlets[1].id, users[Role.HAMLET_OFFICER].id)


@pytest.mark.parametrize("hamlet_index", [2, 0, None])
def test_an_officer_of_xom_2_is_refused_for_another_hamlet(officer, consultation, hamlets, hamlet_index):
    data = paper_form(officer, consultation, None, comment(consultation.articles[0], "agree"))
    data["hamlet"] = str(hamlets[hamlet_index].id) if hamlet_index is not None else ""
    assert save(officer, consultation, data).status_code == 403
    assert _stored() == []


def test_an_officer_corrects_their_own_entries(officer, consultation, hamlets, users):
    mine = _entry(consultation, hamlets[1], users[Role.HAMLET_OFFICER])
    assert officer.get(url(consultation, f"/{mine.id}")).status_code == 200
    assert post(officer, url(consultation, f"/{mine.id}"), _correction(consultation, hamlets[1])).status_code == 303
    assert [c.stance for c in _stored()[0].comments] == [Stance.DISAGREE]


def test_an_officer_may_not_move_their_entry_to_another_hamlet(officer, consultation, hamlets, users):
    mine = _entry(consultation, hamlets[1], users[Role.HAMLET_OFFICER])
    assert post(officer, url(consultation, f"/{mine.id}"), _correction(consultation, hamlets[2])).status_code == 403
    assert _stored()[0].hamlet_id == hamlets[1].id


def test_an_officer_of_xom_2_is_refused_another_officers_batch(officer, consultation, hamlets):
    colleague = make_user("canboxom2b", Role.HAMLET_OFFICER, hamlet=hamlets[1])
    theirs = _entry(consultation, hamlets[1], colleague, batch="c0ffee00-0000-4000-8000-0000000000b2")
    assert officer.get(url(consultation, f"/{theirs.id}")).status_code == 403
    assert post(officer, url(consultation, f"/{theirs.id}"), _correction(consultation, hamlets[1])).status_code == 403
    assert [c.stance for c in _stored()[0].comments] == [Stance.AGREE]
    assert theirs.receipt_code not in officer.get(url(consultation)).get_data(as_text=True)


def test_an_officer_of_xom_2_is_refused_an_entry_for_xom_3(officer, consultation, hamlets, users):
    xom3 = _entry(consultation, hamlets[2], users[Role.MODERATOR])
    assert officer.get(url(consultation, f"/{xom3.id}")).status_code == 403
    assert post(officer, url(consultation, f"/{xom3.id}"), _correction(consultation, hamlets[2])).status_code == 403


def test_moderators_correct_any_entry(client, consultation, hamlets, users):
    typed_by_officer = _entry(consultation, hamlets[1], users[Role.HAMLET_OFFICER])
    login_as(client, users[Role.MODERATOR])
    assert client.get(url(consultation, f"/{typed_by_officer.id}")).status_code == 200
    assert post(client, url(consultation, f"/{typed_by_officer.id}"), _correction(consultation, hamlets[1])).status_code == 303
    assert _stored()[0].entered_by_id == users[Role.HAMLET_OFFICER].id  # who typed it stays on record


def test_missing_entries_and_web_submissions_are_404_before_any_scope_check(officer, consultation, hamlets, users):
    web = make_submission(consultation, hamlet=hamlets[2], comments=[(consultation.articles[0], "agree", "", "pending")])
    other = make_consultation("du-thao-khac", articles=1)
    elsewhere = make_submission(other, hamlet=hamlets[1], channel=Channel.PAPER, entered_by_id=users[Role.HAMLET_OFFICER].id,
                                entry_batch="c0ffee00-0000-4000-8000-000000000003")
    db.session.commit()
    for submission_id in (web.id, elsewhere.id, 987654):
        assert officer.get(url(consultation, f"/{submission_id}")).status_code == 404
        assert post(officer, url(consultation, f"/{submission_id}"), _correction(consultation, hamlets[1])).status_code == 404
    assert officer.get("/staff/entry/khong-co-ma-nay").status_code == 404


def test_council_members_do_not_enter_forms(client, consultation, users):
    login_as(client, users[Role.COUNCIL])
    assert client.get(url(consultation)).status_code == 403


# --- when entry is possible ---------------------------------------------------------------------

@pytest.mark.parametrize("state, allowed", [
    ("draft", False), ("scheduled", False), ("open", True), ("closed", True), ("results_published", False),
])
def test_forms_are_entered_while_open_and_after_closing_until_results_are_published(client, users, hamlets, state, allowed):
    consultation = make_consultation(f"du-thao-{state.replace('_', '-')}", state=state, articles=1)
    db.session.commit()
    login_as(client, users[Role.MODERATOR])
    page = client.get(url(consultation))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert ('id="entry-form"' in html) is allowed
    data = {**comment(consultation.articles[0], "agree"), "hamlet": str(hamlets[0].id), "channel": "paper",
            "consent": "1"}
    response = post(client, url(consultation), data)
    assert response.status_code == (303 if allowed else 409)
    assert len(_stored()) == (1 if allowed else 0)
    if not allowed:
        assert "Phiếu chưa được lưu." in response.get_data(as_text=True)


def test_after_results_are_published_entries_are_not_corrected(client, users, hamlets):
    consultation = make_consultation("du-thao-da-cong-bo", state="results_published", articles=1)
    db.session.commit()
    entry = _entry(consultation, hamlets[0], users[Role.MODERATOR])
    login_as(client, users[Role.MODERATOR])
    response = client.get(url(consultation, f"/{entry.id}"))
    assert response.status_code == 409 and "đã công bố kết quả" in response.get_data(as_text=True)
    assert post(client, url(consultation, f"/{entry.id}"), _correction(consultation, hamlets[0])).status_code == 409
