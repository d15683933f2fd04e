"""Moderation actions, without JavaScript (303 back to the same place) and with htmx (the item
replaced, the counters out of band); every action audited and the results cache dropped."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from consult import cache
from consult.extensions import db
from consult.models import AggregateCache, AuditEntry, Comment, CommentStatus, RejectReason, Role, Validity
from consult.timeutil import utcnow
from tests.conftest import login_as, post
from tests.factories import make_consultation, make_response, make_submission

HTMX = {"HX-Request": "true"}


@pytest.fixture
def moderator(client, users):
    login_as(client, users[Role.MODERATOR])
    return client


@pytest.fixture
def queue(app, hamlets):
    """Three pending comments of one consultation, oldest first."""
    consultation = make_consultation()
    comments = []
    for n, body in enumerate(("Ý kiến thứ nhất", "Ý kiến thứ hai", "Ý kiến thứ ba")):
        submission = make_submission(consultation, hamlet=hamlets[n],
                                     comments=[(consultation.articles[0], "agree", body, "pending")])
        submission.comments[0].created_at = utcnow() - timedelta(minutes=30 - n)
        comments.append(submission.comments[0])
    db.session.commit()
    return consultation, comments


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.execute(
        db.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
    ).scalars())


def _seed_cache(consultation) -> None:
    cache.cached(cache.results_key(consultation.id), lambda: {"stale": True})
    assert db.session.get(AggregateCache, cache.results_key(consultation.id)) is not None


def _cache_dropped(consultation) -> bool:
    db.session.expire_all()
    return db.session.get(AggregateCache, cache.results_key(consultation.id)) is None


# --- without JavaScript ----------------------------------------------------------------

def test_approve_without_javascript_returns_to_the_same_place(moderator, users, queue):
    consultation, (first, second, third) = queue
    _seed_cache(consultation)
    response = post(moderator, f"/staff/moderation/comments/{first.id}/approve?consultation={consultation.id}&page=1")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/staff/moderation?consultation={consultation.id}#c-{second.id}"
    comment = db.session.get(Comment, first.id)
    assert comment.status is CommentStatus.APPROVED
    assert comment.moderated_by_id == users[Role.MODERATOR].id and comment.moderated_at is not None
    entry = _audit("comment.approve")[0]
    assert entry.target_id == first.id and entry.actor_id == users[Role.MODERATOR].id
    assert _cache_dropped(consultation)
    page = moderator.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã duyệt" in page and f'id="c-{first.id}"' not in page


def test_reject_needs_a_reason_shown_in_vietnamese(moderator, queue):
    consultation, (first, *_) = queue
    response = post(moderator, f"/staff/moderation/comments/{first.id}/reject", {"reason": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Hãy chọn lý do không đăng." in html and 'class="mod-reject" open' in html
    assert db.session.get(Comment, first.id).status is CommentStatus.PENDING


def test_reject_with_a_reason(moderator, queue):
    consultation, (first, second, _) = queue
    _seed_cache(consultation)
    response = post(moderator, f"/staff/moderation/comments/{first.id}/reject", {"reason": "off_topic"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#c-{second.id}")
    comment = db.session.get(Comment, first.id)
    assert comment.status is CommentStatus.REJECTED and comment.reject_reason is RejectReason.OFF_TOPIC
    entry = _audit("comment.reject")[0]
    assert entry.reason == "Không liên quan đến nội dung lấy ý kiến" and entry.details["reject_reason"] == "off_topic"
    assert _cache_dropped(consultation)


def test_redact_keeps_the_original_only_in_the_audit_log(moderator, queue):
    consultation, (first, *_) = queue
    original = "Liên hệ anh Nguyễn Văn Bình 0912345678 để biết thêm"
    first.body = original
    db.session.commit()
    response = post(moderator, f"/staff/moderation/comments/{first.id}/redact",
                    {"body": "Liên hệ [đã ẩn] để biết thêm"})
    assert response.status_code == 303
    comment = db.session.get(Comment, first.id)
    assert comment.body == "Liên hệ [đã ẩn] để biết thêm"
    assert comment.redacted is True and comment.status is CommentStatus.APPROVED
    entry = _audit("comment.redact")[0]
    assert entry.details["before"] == original and entry.details["after"] == comment.body


def test_redact_refuses_an_empty_or_unchanged_text_and_keeps_what_was_typed(moderator, queue):
    _, (first, *_) = queue
    empty = post(moderator, f"/staff/moderation/comments/{first.id}/redact", {"body": "   "})
    assert empty.status_code == 422 and "Nội dung sau khi sửa không được để trống." in empty.get_data(as_text=True)
    same = post(moderator, f"/staff/moderation/comments/{first.id}/redact", {"body": first.body})
    html = same.get_data(as_text=True)
    assert same.status_code == 422 and "Nội dung chưa thay đổi" in html and 'class="mod-redact" open' in html
    assert db.session.get(Comment, first.id).status is CommentStatus.PENDING


def test_bulk_approve_a_selection(moderator, queue):
    consultation, (first, second, third) = queue
    response = post(moderator, "/staff/moderation/bulk-approve", {"comment_ids": [first.id, third.id]})
    assert response.status_code == 303 and response.headers["Location"] == "/staff/moderation"
    statuses = {c.id: db.session.get(Comment, c.id).status for c in (first, second, third)}
    assert statuses == {first.id: CommentStatus.APPROVED, second.id: CommentStatus.PENDING,
                        third.id: CommentStatus.APPROVED}
    assert {entry.target_id for entry in _audit("comment.approve")} == {first.id, third.id}
    assert all(entry.details["bulk"] for entry in _audit("comment.approve"))


def test_bulk_approve_with_nothing_ticked_is_explained(moderator, queue):
    response = post(moderator, "/staff/moderation/bulk-approve", {})
    assert response.status_code == 422
    assert "Hãy chọn ít nhất một ý kiến." in response.get_data(as_text=True)


def test_an_already_moderated_comment_is_not_moderated_twice(moderator, users, queue):
    _, (first, *_) = queue
    post(moderator, f"/staff/moderation/comments/{first.id}/approve")
    response = post(moderator, f"/staff/moderation/comments/{first.id}/reject", {"reason": "spam"})
    assert response.status_code == 303
    assert db.session.get(Comment, first.id).status is CommentStatus.APPROVED
    assert "đã được xử lý" in moderator.get(response.headers["Location"]).get_data(as_text=True)


def test_undo_puts_the_comment_back_in_the_queue(moderator, queue):
    _, (first, *_) = queue
    post(moderator, f"/staff/moderation/comments/{first.id}/reject", {"reason": "spam"})
    response = post(moderator, f"/staff/moderation/comments/{first.id}/undo")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#c-{first.id}")
    comment = db.session.get(Comment, first.id)
    assert comment.status is CommentStatus.PENDING and comment.reject_reason is None
    assert _audit("comment.undo")[0].details["previous"] == "rejected"


def test_an_answered_comment_cannot_be_undone(moderator, queue):
    _, (first, *_) = queue
    post(moderator, f"/staff/moderation/comments/{first.id}/approve")
    make_response([db.session.get(Comment, first.id)])
    db.session.commit()
    post(moderator, f"/staff/moderation/comments/{first.id}/undo")
    assert db.session.get(Comment, first.id).status is CommentStatus.APPROVED


# --- with htmx -------------------------------------------------------------------------

def test_approve_with_htmx_replaces_the_item_and_updates_the_counters_out_of_band(moderator, queue):
    consultation, (first, *_) = queue
    response = post(moderator, f"/staff/moderation/comments/{first.id}/approve?consultation={consultation.id}",
                    headers=HTMX)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith(f'<li id="c-{first.id}" class="mod-item done"')
    assert "Đã duyệt" in html and "Hoàn tác?" in html and "<html" not in html
    partial = re.search(r'<hx-partial hx-target="#mod-counters" hx-swap="outerHTML">(.*?)</hx-partial>', html, re.S)
    assert partial and re.search(r'<b id="count-pending">2</b>', partial.group(1))
    assert f'/staff/moderation/comments/{first.id}/undo?consultation={consultation.id}' in html


def test_reject_without_reason_with_htmx_answers_the_item_with_its_error(moderator, queue):
    _, (first, *_) = queue
    response = post(moderator, f"/staff/moderation/comments/{first.id}/reject", {"reason": ""}, headers=HTMX)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith(f'<li id="c-{first.id}" class="mod-item card has-error"')
    assert "Hãy chọn lý do không đăng." in html and "<hx-partial" in html


def test_undo_with_htmx_brings_the_item_back(moderator, queue):
    _, (first, *_) = queue
    post(moderator, f"/staff/moderation/comments/{first.id}/approve", headers=HTMX)
    response = post(moderator, f"/staff/moderation/comments/{first.id}/undo", headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<li id="c-{first.id}" class="mod-item card"' in html and "Ý kiến thứ nhất" in html
    assert re.search(r'<b id="count-pending">3</b>', html)


def test_acting_on_a_comment_someone_else_handled_says_so_with_htmx(moderator, queue):
    _, (first, *_) = queue
    post(moderator, f"/staff/moderation/comments/{first.id}/approve")
    response = post(moderator, f"/staff/moderation/comments/{first.id}/approve", headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "đã được xử lý" in html and "Hoàn tác?" not in html


def test_bulk_approve_with_htmx_answers_the_queue_block(moderator, queue):
    _, (first, second, third) = queue
    response = post(moderator, "/staff/moderation/bulk-approve", {"comment_ids": [first.id, second.id]}, headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith('<div id="mod-queue">')
    assert "Đã duyệt 2 ý kiến." in html and f'id="c-{third.id}"' in html and f'id="c-{first.id}"' not in html


# --- whole submissions -------------------------------------------------------------------

def test_marking_a_submission_spam_rejects_its_comments_and_takes_it_out(moderator, hamlets):
    consultation = make_consultation()
    submission = make_submission(consultation, hamlet=hamlets[0], comments=[
        (consultation.articles[0], "agree", "Quảng cáo 1", "pending"),
        (consultation.articles[1], "agree", "Quảng cáo 2", "approved"),
    ])
    other = make_submission(consultation, hamlet=hamlets[1], comments=[(None, "other", "Thật", "pending")])
    db.session.commit()
    _seed_cache(consultation)
    response = post(moderator, f"/staff/moderation/submissions/{submission.id}/mark",
                    {"validity": "spam", "note": "Gửi từ cùng số máy quảng cáo"})
    assert response.status_code == 303
    db.session.expire_all()
    marked = db.session.get(type(submission), submission.id)
    assert marked.validity is Validity.SPAM and marked.validity_reason == "Gửi từ cùng số máy quảng cáo"
    assert all(c.status is CommentStatus.REJECTED and c.reject_reason is RejectReason.SPAM for c in marked.comments)
    entry = _audit("submission.mark")[0]
    assert entry.reason == "Gửi từ cùng số máy quảng cáo" and sorted(entry.details["rejected_comment_ids"]) == sorted(
        c.id for c in marked.comments)
    assert _cache_dropped(consultation)
    html = moderator.get("/staff/moderation").get_data(as_text=True)
    assert "Quảng cáo 1" not in html and f'id="c-{other.comments[0].id}"' in html

    excluded = moderator.get("/staff/moderation/excluded").get_data(as_text=True)
    assert "Quảng cáo 1" in excluded and "Thư rác" in excluded
    restored = post(moderator, f"/staff/moderation/submissions/{submission.id}/restore")
    assert restored.status_code == 303
    db.session.expire_all()
    marked = db.session.get(type(submission), submission.id)
    assert marked.validity is Validity.VALID
    assert {c.status for c in marked.comments} == {CommentStatus.PENDING}
    assert _audit("submission.restore")


def test_marking_needs_a_choice(moderator, queue):
    _, (first, *_) = queue
    response = post(moderator, f"/staff/moderation/submissions/{first.submission_id}/mark", {"note": "?"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Hãy chọn thư rác hoặc trùng lặp." in html and 'class="mod-mark" open' in html


def test_marking_with_htmx_answers_the_queue_block(moderator, queue):
    _, (first, second, _) = queue
    response = post(moderator, f"/staff/moderation/submissions/{first.submission_id}/mark",
                    {"validity": "duplicate"}, headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith('<div id="mod-queue">')
    assert f'id="c-{first.id}"' not in html and f'id="c-{second.id}"' in html
    assert db.session.get(Comment, first.id).reject_reason is RejectReason.DUPLICATE


# --- who may --------------------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.HAMLET_OFFICER, Role.COUNCIL])
def test_hamlet_officers_and_council_cannot_moderate(client, users, queue, role):
    consultation, (first, *_) = queue
    login_as(client, users[role])
    for url, data in (
        (f"/staff/moderation/comments/{first.id}/approve", {}),
        (f"/staff/moderation/comments/{first.id}/reject", {"reason": "spam"}),
        (f"/staff/moderation/comments/{first.id}/redact", {"body": "khác"}),
        (f"/staff/moderation/comments/{first.id}/undo", {}),
        ("/staff/moderation/bulk-approve", {"comment_ids": [first.id]}),
        (f"/staff/moderation/submissions/{first.submission_id}/mark", {"validity": "spam"}),
        (f"/staff/moderation/submissions/{first.submission_id}/restore", {}),
    ):
        assert post(client, url, data).status_code == 403, url
    assert db.session.get(Comment, first.id).status is CommentStatus.PENDING
    assert _audit("comment.approve") == []


def test_council_reads_the_moderation_log(client, users, queue):
    _, (first, *_) = queue
    login_as(client, users[Role.MODERATOR])
    post(client, f"/staff/moderation/comments/{first.id}/reject", {"reason": "abusive"})
    login_as(client, users[Role.COUNCIL])
    html = client.get("/staff/audit?action=comment.").get_data(as_text=True)
    assert "comment.reject" in html and "Ngôn từ xúc phạm" in html


def test_admins_moderate_too(client, users, queue):
    _, (first, *_) = queue
    login_as(client, users[Role.ADMIN])
    assert post(client, f"/staff/moderation/comments/{first.id}/approve").status_code == 303
    assert db.session.get(Comment, first.id).status is CommentStatus.APPROVED


def test_actions_need_a_csrf_token(moderator, queue):
    _, (first, *_) = queue
    response = moderator.post(f"/staff/moderation/comments/{first.id}/approve")
    assert response.status_code == 400
    assert db.session.get(Comment, first.id).status is CommentStatus.PENDING


def test_approving_drops_the_public_page_cache(app, client, users, hamlets):
    """The resident's page serves moderated comments from a cache; approving must refresh it."""
    from consult.cache import comments_key, results_key
    from consult.models import AggregateCache, Comment
    from tests.factories import make_commune, make_consultation, make_submission

    make_commune()
    consultation = make_consultation("cho-duyet")
    make_submission(consultation, hamlet=hamlets[0], comments=[(None, "other", "Ý kiến chờ duyệt.", "pending")])
    db.session.commit()
    assert "Ý kiến chờ duyệt." not in client.get("/c/cho-duyet").get_data(as_text=True)
    assert db.session.get(AggregateCache, comments_key(consultation.id)) is not None
    moderator = app.test_client()
    login_as(moderator, users[Role.MODERATOR])
    comment = db.session.execute(db.select(Comment)).scalar_one()
    assert post(moderator, f"/staff/moderation/comments/{comment.id}/approve").status_code == 303
    assert db.session.get(AggregateCache, comments_key(consultation.id)) is None
    assert db.session.get(AggregateCache, results_key(consultation.id)) is None
    assert "Ý kiến chờ duyệt." in client.get("/c/cho-duyet").get_data(as_text=True)
