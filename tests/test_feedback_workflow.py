"""Working an item: the transition table enforced in the service and answered 409/422 by the
routes, the timeline (public steps vs internal notes), the audit log, duplicates, htmx panels."""
from __future__ import annotations

from datetime import timedelta

import pytest

from consult.extensions import db
from consult.feedback import workflow
from consult.feedback.workflow import MissingText, WorkflowError
from consult.models import AuditEntry, Feedback, FeedbackEvent, FeedbackStatus, Role
from consult.timeutil import local_today
from tests.conftest import login_as, post
from tests.factories import make_commune, make_feedback, make_feedback_category


@pytest.fixture
def item(app, hamlets):
    make_commune()
    made = make_feedback(make_feedback_category("Hạ tầng – giao thông"), hamlets[1], title="Ổ gà trên đường liên xóm",
                         tracking_code="PA4ABCDEFG", due_on=local_today() + timedelta(days=10))
    db.session.commit()
    return made


@pytest.fixture
def staff(client, users):
    login_as(client, users[Role.MODERATOR])
    return users[Role.MODERATOR]


def _events(item) -> list[FeedbackEvent]:
    return list(db.session.execute(
        db.select(FeedbackEvent).where(FeedbackEvent.feedback_id == item.id).order_by(FeedbackEvent.id)).scalars())


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.execute(db.select(AuditEntry).where(AuditEntry.action == action)).scalars())


# --- the service ------------------------------------------------------------------

def test_resolve_needs_an_answer_and_reject_needs_a_reason(item, users):
    moderator = users[Role.MODERATOR]
    workflow.assign(item, moderator, moderator)
    for blank in (None, "", "   \n "):
        with pytest.raises(MissingText, match="nội dung trả lời"):
            workflow.resolve(item, blank, moderator)
        with pytest.raises(MissingText, match="lý do không xử lý"):
            workflow.reject(item, blank, moderator)
    assert item.status is FeedbackStatus.ASSIGNED


@pytest.mark.parametrize("status, step", [
    ("received", "start"), ("received", "resolve"), ("in_progress", "start"), ("in_progress", "reopen"),
    ("resolved", "resolve"), ("resolved", "reject"), ("resolved", "assign"), ("rejected", "start"),
    ("rejected", "due"), ("resolved", "merge"),
])
def test_steps_outside_the_transition_table_are_refused(item, users, status, step):
    moderator = users[Role.MODERATOR]
    item.status = FeedbackStatus(status)
    calls = {
        "start": lambda: workflow.start(item, moderator),
        "resolve": lambda: workflow.resolve(item, "Trả lời", moderator),
        "reject": lambda: workflow.reject(item, "Lý do", moderator),
        "reopen": lambda: workflow.reopen(item, "Lý do", moderator),
        "assign": lambda: workflow.assign(item, moderator, moderator),
        "due": lambda: workflow.change_due(item, local_today(), "", moderator),
        "merge": lambda: workflow.merge(item, make_feedback(), moderator),
    }
    with pytest.raises(WorkflowError) as refused:
        calls[step]()
    assert refused.value.status_code == 409
    assert "Không thể" in str(refused.value)
    assert item.status is FeedbackStatus(status)


def test_the_full_path_puts_public_steps_and_private_notes_on_the_timeline(item, users):
    moderator = users[Role.MODERATOR]
    workflow.assign(item, moderator, moderator)
    workflow.start(item, moderator)
    workflow.add_note(item, "Đã gọi điện cho trưởng xóm.", moderator)
    workflow.resolve(item, "Đã vá ổ gà ngày 12/3.", moderator)
    db.session.commit()
    steps = [(event.kind, event.public, event.status) for event in _events(item)]
    assert steps == [
        ("received", True, FeedbackStatus.RECEIVED), ("assigned", True, FeedbackStatus.ASSIGNED),
        ("in_progress", True, FeedbackStatus.IN_PROGRESS), ("note", False, None),
        ("resolved", True, FeedbackStatus.RESOLVED),
    ]
    assert item.resolved_at is not None and item.public_answer == "Đã vá ổ gà ngày 12/3."


def test_resolve_straight_from_assigned_and_reject_straight_from_received(item, users):
    moderator = users[Role.MODERATOR]
    other = make_feedback()
    workflow.reject(other, "Không thuộc thẩm quyền của xã.", moderator)
    assert other.status is FeedbackStatus.REJECTED and other.resolved_at is not None
    workflow.assign(item, moderator, moderator)
    workflow.resolve(item, "Đã xử lý.", moderator)
    assert item.status is FeedbackStatus.RESOLVED


def test_only_handlers_and_the_item_s_hamlet_officer_can_be_assigned(item, users, hamlets):
    names = {user.username for user in workflow.assignable_users(item)}
    assert names == {"quantri", "bientap", "canboxom2"}
    item.hamlet_id = hamlets[2].id
    assert "canboxom2" not in {user.username for user in workflow.assignable_users(item)}
    with pytest.raises(MissingText):
        workflow.assign(item, users[Role.COUNCIL], users[Role.ADMIN])


def test_reopen_goes_back_to_work_and_keeps_the_reason_internal(item, users):
    moderator = users[Role.MODERATOR]
    workflow.assign(item, moderator, moderator)
    workflow.resolve(item, "Đã xong.", moderator)
    with pytest.raises(MissingText):
        workflow.reopen(item, "", moderator)
    workflow.reopen(item, "Người dân báo ổ gà lại xuất hiện.", moderator)
    assert item.status is FeedbackStatus.IN_PROGRESS and item.resolved_at is None
    reopened, note = _events(item)[-2:]
    assert (reopened.kind, reopened.public, note.kind, note.public) == ("reopened", True, "note", False)


def test_due_date_never_before_receipt(item, users):
    moderator = users[Role.MODERATOR]
    with pytest.raises(MissingText):
        workflow.change_due(item, local_today() - timedelta(days=3), "", moderator)
    workflow.change_due(item, local_today() + timedelta(days=30), "Chờ kinh phí", moderator)
    assert item.due_on == local_today() + timedelta(days=30)
    assert _events(item)[-1].kind == "due_changed"


def test_a_merged_duplicate_follows_its_target_and_shares_its_answer(item, users):
    moderator = users[Role.MODERATOR]
    duplicate = make_feedback(title="Đường liên xóm có ổ gà", tracking_code="PA9ZZZZZZZ")
    workflow.merge(duplicate, item, moderator)
    assert duplicate.merged_into_id == item.id and duplicate.status is FeedbackStatus.RECEIVED
    with pytest.raises(WorkflowError, match="đã được gộp"):
        workflow.start(duplicate, moderator)
    workflow.assign(item, moderator, moderator)
    workflow.resolve(item, "Đã vá ổ gà.", moderator)
    db.session.commit()
    assert duplicate.status is FeedbackStatus.RESOLVED and duplicate.public_answer == "Đã vá ổ gà."
    assert duplicate.resolved_at is not None
    assert [event.kind for event in _events(duplicate)] == ["received", "merged", "assigned", "resolved"]
    # A later item merged into an answered one is answered at once.
    late = make_feedback()
    workflow.merge(late, item, moderator)
    assert late.status is FeedbackStatus.RESOLVED and late.public_answer == "Đã vá ổ gà."


def test_merge_refuses_itself_chains_and_unknown_targets(item, users):
    moderator = users[Role.MODERATOR]
    with pytest.raises(WorkflowError, match="chính nó"):
        workflow.merge(item, item, moderator)
    with pytest.raises(MissingText):
        workflow.merge(item, None, moderator)
    root, middle = make_feedback(), make_feedback()
    workflow.merge(middle, root, moderator)
    with pytest.raises(WorkflowError, match="hãy gộp vào"):
        workflow.merge(item, middle, moderator)
    # Merging an item that already has duplicates carries them along: chains stay one step long.
    workflow.merge(root, item, moderator)
    assert middle.merged_into_id == item.id and root.merged_into_id == item.id


# --- the routes ---------------------------------------------------------------------

def test_staff_work_an_item_through_the_pages_without_javascript(client, item, staff):
    url = f"/staff/feedback/{item.id}"
    response = post(client, f"{url}/assign", {"assignee": staff.id})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{url}#xu-ly")
    assert post(client, f"{url}/start").status_code == 303
    assert post(client, f"{url}/note", {"body": "Ghi chú: đã khảo sát hiện trường."}).status_code == 303
    assert post(client, f"{url}/resolve", {"answer": "Xã đã vá ổ gà ngày 12/3."}).status_code == 303
    db.session.refresh(item)
    assert item.status is FeedbackStatus.RESOLVED
    for action in ("assign", "start", "note", "resolve"):
        entry = _audit(f"feedback.{action}")[0]
        assert entry.target_id == item.id and entry.actor_id == staff.id
    page = client.get(url).get_data(as_text=True)
    assert "Ghi chú: đã khảo sát hiện trường." in page and "nội bộ" in page
    public = client.get("/feedback/PA-4ABC-DEFG").get_data(as_text=True)
    assert "Xã đã vá ổ gà ngày 12/3." in public
    assert "Ghi chú: đã khảo sát hiện trường." not in public and staff.display_name not in public


def test_resolving_without_an_answer_answers_422_in_vietnamese(client, item, staff):
    post(client, f"/staff/feedback/{item.id}/assign", {"assignee": staff.id})
    response = post(client, f"/staff/feedback/{item.id}/resolve", {"answer": "  "})
    assert response.status_code == 422
    assert "Cần nhập nội dung trả lời" in response.get_data(as_text=True)
    rejected = post(client, f"/staff/feedback/{item.id}/reject", {"reason": ""})
    assert rejected.status_code == 422 and "Cần nêu lý do không xử lý" in rejected.get_data(as_text=True)
    assert db.session.get(Feedback, item.id).status is FeedbackStatus.ASSIGNED


def test_an_invalid_transition_answers_409_in_vietnamese(client, item, staff):
    response = post(client, f"/staff/feedback/{item.id}/start")
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Không thể bắt đầu xử lý khi phản ánh đang ở trạng thái “Đã tiếp nhận”." in html
    assert not _audit("feedback.start")


def test_a_rejection_reason_is_shown_to_the_sender(client, item, staff):
    assert post(client, f"/staff/feedback/{item.id}/reject",
                {"reason": "Đường tỉnh, xã đã chuyển kiến nghị lên huyện."}).status_code == 303
    html = client.get("/feedback/PA-4ABC-DEFG").get_data(as_text=True)
    assert "Lý do không xử lý" in html and "Đường tỉnh, xã đã chuyển kiến nghị lên huyện." in html
    assert "Không xử lý" in html


def test_with_htmx_an_action_replaces_the_work_panel(client, item, staff):
    response = post(client, f"/staff/feedback/{item.id}/assign", {"assignee": staff.id},
                    headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<section id="feedback-work"') and "<html" not in html
    assert "Đã giao xử lý." in html and "Đã giao cán bộ xử lý" in html
    failed = post(client, f"/staff/feedback/{item.id}/resolve", {"answer": ""}, headers={"HX-Request": "true"})
    assert failed.status_code == 422 and 'id="feedback-work"' in failed.get_data(as_text=True)
    assert "<details class=\"action\" open>" in failed.get_data(as_text=True)


def test_merge_through_the_page_by_number_or_code(client, item, staff):
    duplicate = make_feedback(title="Trùng: ổ gà", tracking_code="PA9ZZZZZZZ")
    db.session.commit()
    assert post(client, f"/staff/feedback/{duplicate.id}/merge", {"target": "pa-4abc-defg"}).status_code == 303
    assert db.session.get(Feedback, duplicate.id).merged_into_id == item.id
    post(client, f"/staff/feedback/{item.id}/assign", {"assignee": staff.id})
    post(client, f"/staff/feedback/{item.id}/resolve", {"answer": "Đã vá xong."})
    html = client.get("/feedback/PA-9ZZZ-ZZZZ").get_data(as_text=True)
    assert "Đã vá xong." in html and "xử lý chung" in html
    assert "PA-4ABC-DEFG" not in html  # the other sender's code is theirs alone
    unknown = post(client, f"/staff/feedback/{item.id}/merge", {"target": "#987654"})
    assert unknown.status_code in (409, 422)


def test_editing_redacts_text_and_can_withdraw_public_display_but_never_grant_it(client, item, staff):
    item.allow_public, item.body = True, "Gọi tôi số 0912345678 nhé."
    db.session.commit()
    response = post(client, f"/staff/feedback/{item.id}/edit",
                    {"title": item.title, "body": "Gọi tôi số [đã che] nhé.", "withdraw_public": "y"})
    assert response.status_code == 303
    db.session.refresh(item)
    assert item.body == "Gọi tôi số [đã che] nhé." and not item.allow_public
    assert _events(item)[-1].kind == "edited" and not _events(item)[-1].public
    assert _audit("feedback.edit")[0].details == {"fields": ["body", "allow_public"]}


def test_council_reads_but_has_no_actions(client, item, users):
    login_as(client, users[Role.COUNCIL])
    page = client.get(f"/staff/feedback/{item.id}").get_data(as_text=True)
    assert "Ổ gà trên đường liên xóm" in page and "/assign" not in page
    assert post(client, f"/staff/feedback/{item.id}/note", {"body": "x"}).status_code == 403
