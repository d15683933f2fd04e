"""Meeting tallies: a meeting's show of hands entered as counts, scoped to the officer's hamlet."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from consult.extensions import db
from consult.meetings.services import StanceCounts, TallyTotals, tally_sums, tally_totals
from consult.models import AuditEntry, MeetingTally, MeetingTallyLine, Role
from consult.timeutil import local_today
from tests.conftest import login_as, post
from tests.factories import make_consultation


@pytest.fixture
def consultation(app, users):
    made = make_consultation("du-thao-huong-uoc", articles=4)
    db.session.commit()
    return made


def _url(consultation, suffix=""):
    return f"/staff/consultations/{consultation.slug}/tallies{suffix}"


def _article(consultation, number):
    return consultation.articles[number - 1]


def _form(consultation, hamlet, **extra):
    """Xóm 3 on 12/04/2026, 64 attended: article 4 — 51 agree, 9 disagree, 4 other."""
    article4 = _article(consultation, 4).id
    data = {
        "hamlet_id": str(hamlet.id if hamlet else 0), "held_on": "12/04/2026", "title": "Hội nghị cử tri Xóm 3",
        "attendees": "64", f"a{article4}_agree": "51", f"a{article4}_disagree": "9", f"a{article4}_other": "4",
        "general_agree": "60", "remarks": "Đề nghị làm rõ mức đóng góp xây nhà văn hóa.",
    }
    data.update(extra)
    return data


def _make_tally(consultation, hamlet, **fields) -> MeetingTally:
    tally = MeetingTally(consultation_id=consultation.id, hamlet_id=hamlet.id if hamlet else None,
                         held_on=fields.pop("held_on", date(2026, 4, 12)), attendees=fields.pop("attendees", 50), **fields)
    db.session.add(tally)
    db.session.flush()
    return tally


def test_staff_enter_a_tally(client, users, consultation, hamlets):
    login_as(client, users[Role.MODERATOR])
    assert client.get(_url(consultation, "/new")).status_code == 200
    response = post(client, _url(consultation, "/new"), _form(consultation, hamlets[2]))
    assert response.status_code == 303 and response.headers["Location"].endswith(_url(consultation))
    tally = db.session.execute(db.select(MeetingTally)).scalar_one()
    assert (tally.hamlet_id, tally.held_on, tally.attendees) == (hamlets[2].id, date(2026, 4, 12), 64)
    assert tally.entered_by_id == users[Role.MODERATOR].id
    lines = {line.article_id: (line.agree, line.disagree, line.other) for line in tally.lines}
    assert lines == {_article(consultation, 4).id: (51, 9, 4), None: (60, 0, 0)}  # empty lines are not stored
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "tally.create")).scalar_one()
    assert entry.details["after"]["attendees"] == 64
    html = client.get(_url(consultation)).get_data(as_text=True)
    assert "12/04/2026" in html and "Xóm 3" in html and "Hội nghị cử tri Xóm 3" in html


def test_the_date_can_be_typed_either_way(client, users, consultation, hamlets):
    login_as(client, users[Role.MODERATOR])
    post(client, _url(consultation, "/new"), _form(consultation, hamlets[2], held_on="2026-04-12"))
    assert db.session.execute(db.select(MeetingTally.held_on)).scalar_one() == date(2026, 4, 12)


@pytest.mark.parametrize("changes, message", [
    ({"attendees": "50"}, "tổng 64 người (tán thành + không tán thành + ý kiến khác) nhiều hơn số người dự họp (50)"),
    ({"attendees": ""}, "Hãy nhập số người dự họp."),
    ({"attendees": "0"}, "Số người dự họp phải từ 1 đến 100.000."),
    ({"attendees": "sáu mươi"}, "Hãy nhập một số nguyên"),
    ({"general_other": "-3"}, "Nhập một số từ 0 trở lên."),
    ({"held_on": "31/02/2026"}, "Hãy nhập ngày theo dạng ngày/tháng/năm"),
    ({"held_on": ""}, "Hãy nhập ngày họp."),
    ({"held_on": (local_today() + timedelta(days=2)).strftime("%d/%m/%Y")}, "Ngày họp không được sau hôm nay."),
])
def test_bad_tallies_are_refused_in_vietnamese_keeping_what_was_typed(client, users, consultation, hamlets, changes, message):
    login_as(client, users[Role.MODERATOR])
    response = post(client, _url(consultation, "/new"), _form(consultation, hamlets[2], **changes))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    assert 'value="51"' in html and "Đề nghị làm rõ mức đóng góp" in html
    assert db.session.execute(db.select(MeetingTally)).first() is None


def test_the_sum_is_checked_per_line(client, users, consultation, hamlets):
    login_as(client, users[Role.MODERATOR])
    article1 = _article(consultation, 1).id
    response = post(client, _url(consultation, "/new"), _form(
        consultation, hamlets[2], **{f"a{article1}_agree": "40", f"a{article1}_other": "30"}))
    assert response.status_code == 422
    assert "Điều 1. Nội dung điều 1: tổng 70 người" in response.get_data(as_text=True)


def test_edit_updates_lines_in_place_and_audits_the_change(client, users, consultation, hamlets):
    login_as(client, users[Role.MODERATOR])
    post(client, _url(consultation, "/new"), _form(consultation, hamlets[2]))
    tally = db.session.execute(db.select(MeetingTally)).scalar_one()
    line_ids = {line.article_id: line.id for line in tally.lines}
    form = client.get(_url(consultation, f"/{tally.id}")).get_data(as_text=True)
    assert 'value="51"' in form and 'type="date" value="2026-04-12"' in form
    article4 = _article(consultation, 4).id
    response = post(client, _url(consultation, f"/{tally.id}"), _form(
        consultation, hamlets[2], **{f"a{article4}_agree": "50", f"a{article4}_other": "5", "general_agree": ""}))
    assert response.status_code == 303
    db.session.refresh(tally)
    assert {line.article_id: (line.id, line.agree, line.other) for line in tally.lines} == {article4: (line_ids[article4], 50, 5)}
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "tally.update")).scalar_one()
    assert entry.details["changes"]["lines"][0] == {str(article4): [51, 9, 4], "general": [60, 0, 0]}
    assert entry.details["changes"]["lines"][1] == {str(article4): [50, 9, 5]}


def test_delete_is_audited_with_what_the_tally_said(client, users, consultation, hamlets):
    login_as(client, users[Role.MODERATOR])
    tally = _make_tally(consultation, hamlets[0], attendees=33)
    db.session.commit()
    assert post(client, _url(consultation, f"/{tally.id}/delete")).status_code == 303
    assert db.session.execute(db.select(MeetingTally)).first() is None
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "tally.delete")).scalar_one()
    assert entry.details["before"]["attendees"] == 33


# --- hamlet officers: their own hamlet only ------------------------------------

@pytest.fixture
def officer(client, users):
    """The hamlet officer of Xóm 2."""
    login_as(client, users[Role.HAMLET_OFFICER])
    return client


def test_an_officer_enters_a_tally_for_their_own_hamlet(officer, consultation, hamlets):
    form = officer.get(_url(consultation, "/new")).get_data(as_text=True)
    assert "Xóm 2" in form and "Xóm 3</option>" not in form and "Toàn xã" not in form
    assert post(officer, _url(consultation, "/new"), _form(consultation, hamlets[1])).status_code == 303
    assert db.session.execute(db.select(MeetingTally.hamlet_id)).scalar_one() == hamlets[1].id


@pytest.mark.parametrize("hamlet_index", [2, None])
def test_an_officer_of_xom_2_is_refused_for_xom_3_or_the_whole_commune(officer, consultation, hamlets, hamlet_index):
    hamlet = hamlets[hamlet_index] if hamlet_index is not None else None
    assert post(officer, _url(consultation, "/new"), _form(consultation, hamlet)).status_code == 403
    assert db.session.execute(db.select(MeetingTally)).first() is None


def test_an_officer_cannot_touch_another_hamlets_tally(officer, consultation, hamlets):
    theirs = _make_tally(consultation, hamlets[2], title="Hội nghị Xóm 3")
    commune_wide = _make_tally(consultation, None, title="Hội nghị toàn xã")
    db.session.commit()
    for tally in (theirs, commune_wide):
        assert officer.get(_url(consultation, f"/{tally.id}")).status_code == 403
        assert post(officer, _url(consultation, f"/{tally.id}"), _form(consultation, hamlets[1])).status_code == 403
        assert post(officer, _url(consultation, f"/{tally.id}/delete")).status_code == 403
    assert db.session.get(MeetingTally, theirs.id).hamlet_id == hamlets[2].id
    html = officer.get(_url(consultation)).get_data(as_text=True)
    assert "Hội nghị Xóm 3" not in html and "Hội nghị toàn xã" not in html


def test_an_officer_cannot_move_their_tally_to_another_hamlet(officer, consultation, hamlets):
    own = _make_tally(consultation, hamlets[1])
    db.session.commit()
    assert post(officer, _url(consultation, f"/{own.id}"), _form(consultation, hamlets[2])).status_code == 403
    assert db.session.get(MeetingTally, own.id).hamlet_id == hamlets[1].id


def test_a_missing_tally_is_not_found_before_any_hamlet_check(officer, consultation, hamlets):
    other = make_consultation("dot-khac")
    elsewhere = _make_tally(other, hamlets[1])
    db.session.commit()
    assert officer.get(_url(consultation, "/987654")).status_code == 404
    assert officer.get(_url(consultation, f"/{elsewhere.id}")).status_code == 404


# --- sums for results ----------------------------------------------------------

def test_tally_sums_add_up_every_meeting_per_article(app, consultation, hamlets):
    first, second = _make_tally(consultation, hamlets[0], attendees=64), _make_tally(consultation, hamlets[1], attendees=40)
    other = _make_tally(make_consultation("dot-khac"), hamlets[2], attendees=99)
    article4 = _article(consultation, 4)
    db.session.add_all([
        MeetingTallyLine(tally_id=first.id, article_id=article4.id, agree=51, disagree=9, other=4),
        MeetingTallyLine(tally_id=second.id, article_id=article4.id, agree=30, disagree=5, other=0),
        MeetingTallyLine(tally_id=second.id, article_id=None, agree=38, disagree=1, other=1),
        MeetingTallyLine(tally_id=other.id, article_id=None, agree=99, disagree=0, other=0),
    ])
    db.session.commit()
    sums = tally_sums(consultation)
    assert sums == {article4.id: StanceCounts(81, 14, 4, 2), None: StanceCounts(38, 1, 1, 1)}
    assert sums[article4.id].total == 99
    assert tally_totals(consultation) == TallyTotals(meetings=2, attendees=104)


def test_a_new_tally_reaches_cached_results_at_once(app, hamlets):
    from consult import cache
    from consult.meetings.services import TallyData, create_tally
    from consult.models import AggregateCache
    from tests.factories import make_consultation

    consultation = make_consultation()
    cache.cached(cache.results_key(consultation.id), lambda: {"stale": True})
    assert db.session.get(AggregateCache, cache.results_key(consultation.id)) is not None
    data = TallyData(hamlet_id=hamlets[0].id, held_on=consultation.opens_at.date(), title="Họp xóm", attendees=10,
                     remarks="", lines={None: (6, 2, 1)})
    create_tally(consultation, data, None)
    db.session.commit()
    assert db.session.get(AggregateCache, cache.results_key(consultation.id)) is None
