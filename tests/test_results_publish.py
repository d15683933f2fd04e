"""Publishing results: only once closed, not while comments are unanswered unless staff confirm
with a reason; the decision date and the 5-working-day reminder; the panel on the staff hub."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask import render_template
from flask_login import login_user

from consult.extensions import db
from consult.models import AuditEntry, Consultation, Role
from consult.panels import CONSULTATION_PANELS, panels_for
from consult.results.services import deadline, working_days_between
from consult.timeutil import add_working_days, local_today
from tests.conftest import login_as, post
from tests.factories import make_consultation, make_response, make_submission

HTMX = {"HX-Request": "true"}


@pytest.fixture
def publisher(client, users):
    login_as(client, users[Role.MODERATOR])
    return client


def _closed_with_comments(hamlets, *, answered: bool) -> Consultation:
    consultation = make_consultation("quy-uoc", state="closed")
    submission = make_submission(consultation, hamlet=hamlets[0], comments=[
        (consultation.articles[0], "agree", "Đồng ý", "approved"),
        (consultation.articles[1], "disagree", "Chưa hợp lý", "approved"),
    ])
    if answered:
        make_response([submission.comments[0]], "accepted", "Xin tiếp thu.")
        make_response([submission.comments[1]], "not_accepted", "Giữ như dự thảo vì đã thống nhất.")
    db.session.commit()
    return consultation


def _reload(slug: str) -> Consultation:
    db.session.expire_all()
    return db.session.execute(db.select(Consultation).where(Consultation.slug == slug)).scalar_one()


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.execute(db.select(AuditEntry).where(AuditEntry.action == action)).scalars())


def test_publish_when_every_comment_is_answered(publisher, hamlets):
    _closed_with_comments(hamlets, answered=True)
    response = post(publisher, "/staff/consultations/quy-uoc/results/publish",
                    {"next": "/staff/consultations/quy-uoc"})
    assert response.status_code == 303 and response.headers["Location"] == "/staff/consultations/quy-uoc"
    consultation = _reload("quy-uoc")
    assert consultation.results_published_at is not None and consultation.results_publish_note == ""
    assert _audit("consultation.publish_results")[0].details["unanswered"] == 0
    assert publisher.application.test_client().get("/c/quy-uoc/results").status_code == 200


def test_publishing_is_refused_while_comments_are_unanswered(publisher, hamlets):
    _closed_with_comments(hamlets, answered=False)
    response = post(publisher, "/staff/consultations/quy-uoc/results/publish", {})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Còn 2 ý kiến chưa được trả lời." in html and 'name="confirm_unanswered"' in html
    assert _reload("quy-uoc").results_published_at is None


def test_a_confirmation_without_a_reason_is_refused_and_the_tick_kept(publisher, hamlets):
    _closed_with_comments(hamlets, answered=False)
    response = post(publisher, "/staff/consultations/quy-uoc/results/publish", {"confirm_unanswered": "y"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Hãy ghi lý do công bố" in html
    assert re.search(r'<input checked id="confirm_unanswered"', html)
    assert _reload("quy-uoc").results_published_at is None


def test_publishing_with_unanswered_comments_once_confirmed_with_a_reason(publisher, hamlets):
    _closed_with_comments(hamlets, answered=False)
    reason = "Hội đồng nhân dân xã đã thông qua; các ý kiến còn lại sẽ được trả lời tại kỳ họp sau."
    response = post(publisher, "/staff/consultations/quy-uoc/results/publish",
                    {"confirm_unanswered": "y", "note": reason})
    assert response.status_code == 303
    assert response.headers["Location"] == "/staff/consultations/quy-uoc/responses"  # no `next`: the responses page
    consultation = _reload("quy-uoc")
    assert consultation.results_published_at is not None and consultation.results_publish_note == reason
    entry = _audit("consultation.publish_results")[0]
    assert entry.reason == reason and entry.details["unanswered"] == 2


@pytest.mark.parametrize("state", ["open", "scheduled", "draft"])
def test_results_are_published_only_once_the_consultation_is_closed(publisher, hamlets, state):
    make_consultation("dang-mo", state=state)
    db.session.commit()
    response = post(publisher, "/staff/consultations/dang-mo/results/publish",
                    {"confirm_unanswered": "y", "note": "thử"})
    assert response.status_code == 422
    assert "Chỉ công bố kết quả sau khi đợt lấy ý kiến đã kết thúc" in response.get_data(as_text=True)
    assert _reload("dang-mo").results_published_at is None


def test_results_are_not_published_twice(publisher, hamlets):
    make_consultation("da-cong-bo", state="results_published")
    db.session.commit()
    before = _reload("da-cong-bo").results_published_at
    response = post(publisher, "/staff/consultations/da-cong-bo/results/publish", {})
    assert response.status_code == 422 and _reload("da-cong-bo").results_published_at == before


def test_a_foreign_next_is_ignored(publisher, hamlets):
    _closed_with_comments(hamlets, answered=True)
    response = post(publisher, "/staff/consultations/quy-uoc/results/publish", {"next": "https://evil.example/"})
    assert response.headers["Location"] == "/staff/consultations/quy-uoc/responses"


def test_with_htmx_the_panel_is_answered(publisher, hamlets):
    _closed_with_comments(hamlets, answered=False)
    refused = post(publisher, "/staff/consultations/quy-uoc/results/publish", {}, headers=HTMX)
    assert refused.status_code == 422
    assert refused.get_data(as_text=True).lstrip().startswith('<section id="results-panel"')
    done = post(publisher, "/staff/consultations/quy-uoc/results/publish",
                {"confirm_unanswered": "y", "note": "Đã đến hạn công bố."}, headers=HTMX)
    html = done.get_data(as_text=True)
    assert done.status_code == 200 and "Đã công bố kết quả lúc" in html and "Đã đến hạn công bố." in html


@pytest.mark.parametrize("role", [Role.COUNCIL, Role.HAMLET_OFFICER])
def test_council_and_hamlet_officers_cannot_publish(client, users, hamlets, role):
    _closed_with_comments(hamlets, answered=True)
    login_as(client, users[role])
    assert post(client, "/staff/consultations/quy-uoc/results/publish", {}).status_code == 403
    assert post(client, "/staff/consultations/quy-uoc/results/decision",
                {"decided_on": local_today().isoformat()}).status_code == 403
    assert _reload("quy-uoc").results_published_at is None


# --- the decision date and the reminder -----------------------------------------------------

def test_record_the_decision_date(publisher, hamlets):
    _closed_with_comments(hamlets, answered=True)
    day = local_today() - timedelta(days=1)
    response = post(publisher, "/staff/consultations/quy-uoc/results/decision", {"decided_on": day.isoformat()})
    assert response.status_code == 303
    assert _reload("quy-uoc").decided_on == day
    entry = _audit("consultation.set_decided_on")[0]
    assert entry.details == {"before": None, "after": day.isoformat()}


def test_a_bad_or_future_decision_date_is_explained(publisher, hamlets):
    _closed_with_comments(hamlets, answered=True)
    missing = post(publisher, "/staff/consultations/quy-uoc/results/decision", {"decided_on": ""})
    assert missing.status_code == 422 and "Hãy chọn ngày quyết định." in missing.get_data(as_text=True)
    garbled = post(publisher, "/staff/consultations/quy-uoc/results/decision", {"decided_on": "31/02/2026"})
    assert garbled.status_code == 422 and "Ngày không hợp lệ" in garbled.get_data(as_text=True)
    future = (local_today() + timedelta(days=3)).isoformat()
    later = post(publisher, "/staff/consultations/quy-uoc/results/decision", {"decided_on": future})
    html = later.get_data(as_text=True)
    assert later.status_code == 422 and "không thể sau hôm nay" in html and f'value="{future}"' in html
    assert _reload("quy-uoc").decided_on is None


def test_working_days_skip_weekends():
    friday = date(2026, 5, 8)
    assert friday.weekday() == 4
    assert working_days_between(friday, date(2026, 5, 11)) == 1  # Friday → Monday
    assert working_days_between(friday, date(2026, 5, 15)) == 5
    assert working_days_between(date(2026, 5, 15), friday) == -5
    assert add_working_days(friday, 5) == date(2026, 5, 15)


def test_the_deadline_is_five_working_days_after_the_decision(app):
    consultation = make_consultation(state="closed")
    monday = date(2026, 6, 1)
    consultation.decided_on = monday
    due = deadline(consultation, today=date(2026, 6, 3))
    assert due.due_on == date(2026, 6, 8) and due.working_days_left == 3 and not due.overdue
    late = deadline(consultation, today=date(2026, 6, 10))
    assert late.working_days_left == -2 and late.overdue


def _panel_html(app, user, consultation) -> str:
    """The results panel as the consultation hub renders it (through consult.panels)."""
    with app.test_request_context(f"/staff/consultations/{consultation.slug}"):
        login_user(user)
        (template, values), = [(t, v) for t, v in panels_for(consultation) if t == "results/_panel.html"]
        return render_template(template, **values)


def test_the_panel_is_registered_for_the_consultation_hub():
    assert any(panel.template == "results/_panel.html" and panel.loader == "consult.results.services:staff_panel"
               for panel in CONSULTATION_PANELS)


def test_the_panel_reminds_staff_how_many_working_days_are_left(app, users, hamlets):
    consultation = _closed_with_comments(hamlets, answered=False)
    today = local_today()
    consultation.decided_on = today - timedelta(days=1)
    db.session.commit()
    html = _panel_html(app, users[Role.MODERATOR], consultation)
    left = working_days_between(today, add_working_days(today - timedelta(days=1), 5))
    assert f"Còn {left} ngày làm việc để công bố kết quả" in html
    assert re.search(r"<b>2</b>chưa trả lời", html) and 'action="/staff/consultations/quy-uoc/results/publish"' in html

    consultation.decided_on = today - timedelta(days=20)
    db.session.commit()
    html = _panel_html(app, users[Role.MODERATOR], consultation)
    overdue = working_days_between(add_working_days(today - timedelta(days=20), 5), today)
    assert f"Quá hạn công bố kết quả {overdue} ngày làm việc" in html


def test_council_sees_the_panel_without_its_forms(app, users, hamlets):
    consultation = _closed_with_comments(hamlets, answered=False)
    html = _panel_html(app, users[Role.COUNCIL], consultation)
    assert "chưa trả lời" in html and "/results/publish" not in html and "/results/decision" not in html


def test_an_open_consultations_panel_says_publication_waits(app, users, hamlets):
    consultation = make_consultation("dang-mo", state="open")
    db.session.commit()
    html = _panel_html(app, users[Role.MODERATOR], consultation)
    assert "Chỉ công bố kết quả sau khi đợt lấy ý kiến đã kết thúc" in html and "/results/publish" not in html
