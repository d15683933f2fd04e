"""Status actions: publish now, schedule, unpublish, close early, reopen — each only where it makes sense."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from consult.extensions import db
from consult.models import AuditEntry, Consultation, ConsultationState, Role
from consult.staff_consultations import lifecycle
from consult.staff_consultations.lifecycle import ALLOWED, Action, LifecycleError, TransitionRefused
from consult.timeutil import local_zone, utcnow
from tests.conftest import login_as, post
from tests.factories import make_consultation, make_submission

STATES = ["draft", "scheduled", "open", "closed", "results_published"]
ENDPOINTS = {
    Action.PUBLISH: "publish", Action.SCHEDULE: "schedule", Action.UNPUBLISH: "unpublish",
    Action.CLOSE_EARLY: "close", Action.REOPEN: "reopen",
}


def _local(moment) -> str:
    return moment.astimezone(local_zone()).strftime("%Y-%m-%dT%H:%M")


def _valid_data(action: Action) -> dict:
    """Input that passes each action's form, so only the state decides."""
    now = utcnow()
    return {
        Action.PUBLISH: {"closes_at": _local(now + timedelta(days=25))},
        Action.SCHEDULE: {"opens_at": _local(now + timedelta(days=2)), "closes_at": _local(now + timedelta(days=25))},
        Action.UNPUBLISH: {},
        Action.CLOSE_EARLY: {"reason": "Dự thảo được rút lại để sửa theo góp ý của cấp trên."},
        Action.REOPEN: {"closes_at": _local(now + timedelta(days=7))},
    }[action]


@pytest.fixture
def staff(client, users):
    login_as(client, users[Role.MODERATOR])
    return client


def _reload(consultation: Consultation) -> Consultation:
    db.session.expire_all()
    return db.session.get(Consultation, consultation.id)


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.execute(db.select(AuditEntry).where(AuditEntry.action == action)).scalars())


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("state", STATES)
def test_each_action_is_allowed_exactly_in_its_states(staff, state, action):
    consultation = make_consultation(f"dot-{state}", state=state)
    db.session.commit()
    response = post(staff, f"/staff/consultations/{consultation.slug}/{ENDPOINTS[action]}", _valid_data(action))
    if action in ALLOWED[ConsultationState(state)]:
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]
        assert _audit(f"consultation.{action.value}")
    else:
        assert response.status_code == 409
        html = response.get_data(as_text=True)
        assert "Không thể thực hiện lúc này" in html
        assert str(lifecycle.REFUSALS[action]) in html
        assert not _audit(f"consultation.{action.value}")


@pytest.mark.parametrize("state", STATES)
def test_the_hub_shows_only_the_actions_its_state_allows(staff, state):
    consultation = make_consultation(f"nut-{state}", state=state)
    db.session.commit()
    html = staff.get(f"/staff/consultations/{consultation.slug}").get_data(as_text=True)
    shown = {action for action, path in ENDPOINTS.items()
             if f'action="/staff/consultations/{consultation.slug}/{path}"' in html}
    assert shown == set(ALLOWED[ConsultationState(state)])


def test_a_disallowed_action_answers_409_for_htmx_too(staff):
    consultation = make_consultation("da-dong", state="closed")
    db.session.commit()
    response = post(staff, "/staff/consultations/da-dong/close", {"reason": "Lý do đủ dài để ghi."},
                    headers={"HX-Request": "true"})
    assert response.status_code == 409
    assert "<html" not in response.get_data(as_text=True)
    assert _reload(consultation).closed_early_at is None


def test_publish_now_opens_from_now_and_is_audited(staff):
    consultation = make_consultation("mo-ngay", state="draft")
    consultation.opens_at = utcnow() - timedelta(days=5)  # a stale date typed when the draft was made
    db.session.commit()
    closes = utcnow() + timedelta(days=21)
    response = post(staff, "/staff/consultations/mo-ngay/publish", {"closes_at": _local(closes)})
    assert response.status_code == 303
    consultation = _reload(consultation)
    assert consultation.state() is ConsultationState.OPEN
    assert abs(consultation.opens_at - utcnow()) < timedelta(minutes=1)
    assert abs(consultation.published_at - utcnow()) < timedelta(minutes=1)
    assert _local(consultation.closes_at) == _local(closes)
    entry = _audit("consultation.publish")[0]
    assert set(entry.details["changes"]) >= {"published_at", "opens_at", "closes_at"}
    assert "Đã mở lấy ý kiến" in staff.get("/staff/consultations/mo-ngay").get_data(as_text=True)


def test_publish_proposes_twenty_days_and_warns_when_shorter(staff):
    consultation = make_consultation("ngan-ngay", state="draft")
    db.session.commit()
    hub = staff.get("/staff/consultations/ngan-ngay").get_data(as_text=True)
    proposed = re.search(r'id="closes_at"[^>]*value="([^"]+)"', hub).group(1)
    assert proposed == _local(consultation.closes_at)
    response = post(staff, "/staff/consultations/ngan-ngay/publish", {"closes_at": _local(utcnow() + timedelta(days=7))})
    assert response.status_code == 303
    page = staff.get("/staff/consultations/ngan-ngay").get_data(as_text=True)
    assert "ít hơn 20 ngày" in page and "Luật Thực hiện dân chủ ở cơ sở" in page
    assert _reload(consultation).state() is ConsultationState.OPEN  # a warning, not a refusal


def test_publish_needs_a_close_in_the_future(staff):
    consultation = make_consultation("het-han", state="draft")
    db.session.commit()
    response = post(staff, "/staff/consultations/het-han/publish", {"closes_at": _local(utcnow() - timedelta(days=1))})
    assert response.status_code == 422
    assert "Ngày kết thúc phải sau thời điểm hiện tại." in response.get_data(as_text=True)
    assert _reload(consultation).published_at is None


def test_schedule_publishes_now_and_opens_later(staff):
    consultation = make_consultation("hen-ngay", state="draft")
    db.session.commit()
    opens = utcnow() + timedelta(days=3)
    response = post(staff, "/staff/consultations/hen-ngay/schedule",
                    {"opens_at": _local(opens), "closes_at": _local(opens + timedelta(days=20))})
    assert response.status_code == 303
    consultation = _reload(consultation)
    assert consultation.state() is ConsultationState.SCHEDULED
    assert consultation.published_at is not None and _local(consultation.opens_at) == _local(opens)


def test_schedule_refuses_an_opening_in_the_past_with_the_typed_dates_kept(staff):
    make_consultation("hen-sai", state="draft")
    db.session.commit()
    past = _local(utcnow() - timedelta(hours=3))
    response = post(staff, "/staff/consultations/hen-sai/schedule",
                    {"opens_at": past, "closes_at": _local(utcnow() + timedelta(days=20))})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Ngày mở phải ở tương lai" in html and f'value="{past}"' in html


def test_a_scheduled_consultation_can_open_now_or_go_back_to_draft(staff):
    opening = make_consultation("cho-mo", state="scheduled")
    back = make_consultation("thu-hoi", state="scheduled")
    db.session.commit()
    post(staff, "/staff/consultations/cho-mo/publish", {"closes_at": _local(opening.closes_at)})
    assert _reload(opening).state() is ConsultationState.OPEN
    assert post(staff, "/staff/consultations/thu-hoi/unpublish").status_code == 303
    assert _reload(back).state() is ConsultationState.DRAFT
    assert _audit("consultation.unpublish")[0].details["changes"]["published_at"][1] is None


def test_unpublish_is_refused_when_something_was_already_collected(staff):
    consultation = make_consultation("co-phieu", state="scheduled")
    make_submission(consultation)  # e.g. a paper form typed in early
    db.session.commit()
    assert post(staff, "/staff/consultations/co-phieu/unpublish").status_code == 409
    assert _reload(consultation).published_at is not None


def test_close_early_needs_a_reason_which_is_audited(staff):
    consultation = make_consultation("dong-som", state="open")
    db.session.commit()
    missing = post(staff, "/staff/consultations/dong-som/close", {"reason": "  "})
    assert missing.status_code == 422
    assert "Hãy ghi lý do kết thúc sớm." in missing.get_data(as_text=True)
    short = post(staff, "/staff/consultations/dong-som/close", {"reason": "vì thế"})
    assert short.status_code == 422
    assert "ít nhất 10 ký tự" in short.get_data(as_text=True)
    assert 'vì thế</textarea>' in short.get_data(as_text=True)
    assert _reload(consultation).state() is ConsultationState.OPEN

    reason = "UBND tỉnh yêu cầu tạm dừng để bổ sung quy hoạch."
    assert post(staff, "/staff/consultations/dong-som/close", {"reason": reason}).status_code == 303
    consultation = _reload(consultation)
    assert consultation.state() is ConsultationState.CLOSED
    assert consultation.close_reason == reason and consultation.closed_early_at is not None
    entry = _audit("consultation.close_early")[0]
    assert entry.reason == reason and entry.target_id == consultation.id
    assert "closed_early_at" in entry.details["changes"]


def test_reopen_after_an_early_close_keeps_the_planned_end(staff):
    consultation = make_consultation("mo-lai", state="open")
    consultation.closed_early_at = utcnow() - timedelta(hours=1)
    consultation.close_reason = "Tạm dừng để sửa dự thảo."
    db.session.commit()
    planned = consultation.closes_at
    assert post(staff, "/staff/consultations/mo-lai/reopen", {}).status_code == 303
    consultation = _reload(consultation)
    assert consultation.state() is ConsultationState.OPEN
    assert consultation.closed_early_at is None and consultation.close_reason == ""
    assert consultation.closes_at == planned
    assert _audit("consultation.reopen")[0].details["changes"]["close_reason"] == ["Tạm dừng để sửa dự thảo.", ""]


def test_reopen_after_the_planned_end_needs_a_new_end_in_the_future(staff):
    consultation = make_consultation("qua-han", state="closed")
    db.session.commit()
    hub = staff.get("/staff/consultations/qua-han").get_data(as_text=True)
    assert "Bắt buộc: hạn cuối cũ đã qua." in hub
    missing = post(staff, "/staff/consultations/qua-han/reopen", {})
    assert missing.status_code == 422
    assert "hãy chọn ngày kết thúc mới" in missing.get_data(as_text=True)
    past = post(staff, "/staff/consultations/qua-han/reopen", {"closes_at": _local(utcnow() - timedelta(days=1))})
    assert past.status_code == 422
    new_end = utcnow() + timedelta(days=10)
    assert post(staff, "/staff/consultations/qua-han/reopen", {"closes_at": _local(new_end)}).status_code == 303
    assert _reload(consultation).state() is ConsultationState.OPEN


def test_hamlet_officers_and_council_cannot_change_the_status(client, users):
    consultation = make_consultation("khong-quyen", state="open")
    db.session.commit()
    for role in (Role.HAMLET_OFFICER, Role.COUNCIL):
        login_as(client, users[role])
        response = post(client, "/staff/consultations/khong-quyen/close", {"reason": "Thử đóng khi không có quyền."})
        assert response.status_code == 403
    assert _reload(consultation).state() is ConsultationState.OPEN


# --- the rules themselves, without HTTP -----------------------------------------------------------

def test_state_rules_without_a_request(app):
    now = utcnow()
    consultation = make_consultation("thuan-tuy", state="draft")
    with pytest.raises(TransitionRefused):
        lifecycle.close_early(consultation, "Một lý do đủ dài.", now)
    with pytest.raises(LifecycleError) as error:
        lifecycle.schedule(consultation, now - timedelta(hours=1), now + timedelta(days=20), now)
    assert error.value.field == "opens_at"
    outcome = lifecycle.publish_now(consultation, now + timedelta(days=10), now)
    assert outcome.short_period_days == 10
    assert consultation.state(now + timedelta(seconds=1)) is ConsultationState.OPEN
    assert lifecycle.allowed_actions(ConsultationState.RESULTS_PUBLISHED) == frozenset()
    assert lifecycle.locked_fields(consultation, now + timedelta(seconds=1)).keys() == {"slug", "opens_at"}
