"""Official responses: answer one comment or several together, edit, detach, progress."""
from __future__ import annotations

import re

import pytest

from consult import cache
from consult.extensions import db
from consult.models import AggregateCache, AuditEntry, Comment, Disposition, OfficialResponse, Role, Validity
from tests.conftest import login_as, post
from tests.factories import make_consultation, make_response, make_submission

HTMX = {"HX-Request": "true"}


@pytest.fixture
def responder(client, users):
    login_as(client, users[Role.MODERATOR])
    return client


@pytest.fixture
def answered_later(app, hamlets):
    """A closed consultation: Điều 1 has three approved comments, Điều 2 one, one general, one pending."""
    consultation = make_consultation("quy-che-xom", state="closed")
    first, second = consultation.articles[0], consultation.articles[1]
    make_submission(consultation, hamlet=hamlets[0], comments=[
        (first, "agree", "Đồng ý mức đóng góp", "approved"),
        (second, "disagree", "Thời gian họp chưa hợp lý", "approved"),
    ])
    make_submission(consultation, hamlet=hamlets[1], comments=[
        (first, "disagree", "Mức đóng góp cao quá", "approved"),
        (None, "other", "Nên in dự thảo phát tại nhà văn hóa", "approved"),
    ])
    make_submission(consultation, hamlet=hamlets[2], comments=[
        (first, "disagree", "Đề nghị giảm mức đóng góp", "approved"),
        (first, "agree", "Chưa duyệt", "pending"),
    ])
    db.session.commit()
    return consultation


def _comments(consultation, article=None, **where) -> list[Comment]:
    query = db.select(Comment).where(Comment.consultation_id == consultation.id).order_by(Comment.id)
    if article is not None:
        query = query.where(Comment.article_id == article.id)
    for name, value in where.items():
        query = query.where(getattr(Comment, name) == value)
    return list(db.session.execute(query).scalars())


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.execute(db.select(AuditEntry).where(AuditEntry.action == action)).scalars())


def test_progress_counts_unanswered_comments_per_article_and_in_total(responder, answered_later):
    html = responder.get("/staff/consultations/quy-che-xom/responses").get_data(as_text=True)
    rows = re.findall(r'<tr>\s*<th scope="row"><a href="[^"]+">([^<]+)</a></th>\s*'
                      r'<td class="num">(\d+)</td><td class="num">(\d+)</td>\s*<td class="num">(?:<span[^>]*>)?(\d+)', html)
    assert rows[:3] == [("Điều 1. Nội dung điều 1", "3", "0", "3"), ("Điều 2. Nội dung điều 2", "1", "0", "1"),
                        ("Điều 3. Nội dung điều 3", "0", "0", "0")]
    assert rows[3] == ("Ý kiến chung về dự thảo", "1", "0", "1")
    assert re.search(r"<b>5</b>ý kiến đã đăng", html) and re.search(r"<b>5</b>chưa trả lời", html)
    assert 'id="results-panel"' in html  # the publish form lives here too


def test_an_article_page_groups_approved_comments_by_stance(responder, answered_later):
    article = answered_later.articles[0]
    html = responder.get(f"/staff/consultations/quy-che-xom/responses/{article.id}").get_data(as_text=True)
    assert "<h3>Tán thành (1)</h3>" in html and "<h3>Không tán thành (2)</h3>" in html
    assert "Đồng ý mức đóng góp" in html and "Chưa duyệt" not in html and "Thời gian họp" not in html
    assert html.index("Tán thành (1)") < html.index("Không tán thành (2)")


def test_answer_several_similar_comments_together(responder, users, answered_later):
    article = answered_later.articles[0]
    high, lower = _comments(answered_later, article, stance="disagree")
    cache.cached(cache.results_key(answered_later.id), lambda: {"stale": True})
    response = post(responder, "/staff/consultations/quy-che-xom/responses", {
        "article": str(article.id), "comment_ids": [high.id, lower.id], "disposition": "partly_accepted",
        "body": "Giảm mức đóng góp còn 50.000 đồng/hộ/năm; giữ nguyên với hộ kinh doanh.",
    })
    assert response.status_code == 303
    answer = db.session.execute(db.select(OfficialResponse)).scalar_one()
    assert response.headers["Location"].endswith(f"/responses/{article.id}#r-{answer.id}")
    assert answer.disposition is Disposition.PARTLY_ACCEPTED and answer.article_id == article.id
    assert answer.created_by_id == users[Role.MODERATOR].id
    assert {c.id for c in answer.comments} == {high.id, lower.id}
    entry = _audit("response.create")[0]
    assert entry.target_id == answer.id and sorted(entry.details["comment_ids"]) == sorted([high.id, lower.id])
    db.session.expire_all()
    assert db.session.get(AggregateCache, cache.results_key(answered_later.id)) is None
    html = responder.get(f"/staff/consultations/quy-che-xom/responses/{article.id}").get_data(as_text=True)
    assert "Chưa trả lời (1)" in html and "Tiếp thu một phần" in html and "cho 2 ý kiến" in html


def test_answer_one_general_comment(responder, answered_later):
    general = _comments(answered_later, None, article_id=None)[0]
    response = post(responder, "/staff/consultations/quy-che-xom/responses", {
        "article": "", "comment_ids": [general.id], "disposition": "noted", "body": "",
    })
    assert response.status_code == 303 and response.headers["Location"].split("#")[0].endswith("/responses/general")
    assert db.session.get(Comment, general.id).response.disposition is Disposition.NOTED


def test_not_accepted_without_an_explanation_is_refused_and_the_choices_kept(responder, answered_later):
    article = answered_later.articles[0]
    high, lower = _comments(answered_later, article, stance="disagree")
    response = post(responder, "/staff/consultations/quy-che-xom/responses", {
        "article": str(article.id), "comment_ids": [high.id], "disposition": "not_accepted", "body": "  ",
    })
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Không tiếp thu thì phải giải trình lý do" in html
    assert f'id="pick-{high.id}" name="comment_ids" value="{high.id}" checked' in html
    assert f'id="pick-{lower.id}" name="comment_ids" value="{lower.id}">' in html
    assert re.search(r'<input checked id="disposition-2"[^>]*value="not_accepted"', html)
    assert db.session.execute(db.select(OfficialResponse)).first() is None


def test_nothing_ticked_or_no_disposition_is_explained(responder, answered_later):
    article = answered_later.articles[0]
    response = post(responder, "/staff/consultations/quy-che-xom/responses",
                    {"article": str(article.id), "body": "Nội dung trả lời được giữ lại"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Hãy chọn ít nhất một ý kiến để trả lời." in html and "Hãy chọn hình thức xử lý." in html
    assert "Nội dung trả lời được giữ lại" in html


def test_comments_of_different_articles_cannot_share_a_response(responder, answered_later):
    first = _comments(answered_later, answered_later.articles[0])[0]
    second = _comments(answered_later, answered_later.articles[1])[0]
    response = post(responder, "/staff/consultations/quy-che-xom/responses", {
        "article": str(answered_later.articles[0].id), "comment_ids": [first.id, second.id],
        "disposition": "accepted", "body": "",
    })
    assert response.status_code == 422
    assert "cùng một điều" in response.get_data(as_text=True)


def test_pending_or_spam_comments_cannot_be_answered(responder, answered_later):
    article = answered_later.articles[0]
    pending = _comments(answered_later, article, body="Chưa duyệt")[0]
    response = post(responder, "/staff/consultations/quy-che-xom/responses", {
        "article": str(article.id), "comment_ids": [pending.id], "disposition": "accepted",
    })
    assert response.status_code == 422
    spam = _comments(answered_later, article, body="Đồng ý mức đóng góp")[0]
    spam.submission.validity = Validity.SPAM
    db.session.commit()
    response = post(responder, "/staff/consultations/quy-che-xom/responses", {
        "article": str(article.id), "comment_ids": [spam.id], "disposition": "accepted",
    })
    assert response.status_code == 422


def test_with_htmx_the_section_block_is_answered(responder, answered_later):
    article = answered_later.articles[0]
    agree = _comments(answered_later, article, stance="agree", status="approved")[0]
    response = post(responder, "/staff/consultations/quy-che-xom/responses", {
        "article": str(article.id), "comment_ids": [agree.id], "disposition": "accepted", "body": "Cảm ơn ý kiến.",
    }, headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith('<div id="response-section">')
    assert "Chưa trả lời (2)" in html and "<html" not in html
    bad = post(responder, "/staff/consultations/quy-che-xom/responses", {
        "article": str(article.id), "disposition": "accepted",
    }, headers=HTMX)
    assert bad.status_code == 422 and bad.get_data(as_text=True).lstrip().startswith('<div id="response-section">')


def test_edit_a_response_and_add_a_comment_to_it(responder, answered_later):
    article = answered_later.articles[0]
    high, lower = _comments(answered_later, article, stance="disagree")
    answer = make_response([high], "accepted", "Tiếp thu.")
    db.session.commit()
    url = f"/staff/consultations/quy-che-xom/responses/r/{answer.id}"
    form = responder.get(url).get_data(as_text=True)
    assert "Tiếp thu." in form and f'value="{lower.id}"' in form
    refused = post(responder, url, {"disposition": "not_accepted", "body": ""})
    assert refused.status_code == 422 and "Không tiếp thu thì phải giải trình" in refused.get_data(as_text=True)
    response = post(responder, url, {"disposition": "not_accepted", "body": "Mức cũ đã được Hội nghị thống nhất.",
                                     "add_comment_ids": [lower.id]})
    assert response.status_code == 303
    db.session.expire_all()
    answer = db.session.get(OfficialResponse, answer.id)
    assert answer.disposition is Disposition.NOT_ACCEPTED and {c.id for c in answer.comments} == {high.id, lower.id}
    entry = _audit("response.update")[0]
    assert entry.details["before"] == {"disposition": "accepted", "body": "Tiếp thu."}
    assert entry.details["after"]["disposition"] == "not_accepted" and entry.details["added_comment_ids"] == [lower.id]


def test_detach_a_comment_and_the_last_one_deletes_the_response(responder, answered_later):
    article = answered_later.articles[0]
    high, lower = _comments(answered_later, article, stance="disagree")
    answer = make_response([high, lower], "accepted", "Tiếp thu.")
    db.session.commit()
    answer_id = answer.id
    base = f"/staff/consultations/quy-che-xom/responses/r/{answer_id}/detach"
    first = post(responder, f"{base}/{high.id}")
    assert first.status_code == 303 and first.headers["Location"].endswith(f"/responses/r/{answer_id}")
    assert db.session.get(Comment, high.id).response_id is None
    last = post(responder, f"{base}/{lower.id}")
    assert last.status_code == 303 and last.headers["Location"].endswith(f"/responses/{article.id}")
    db.session.expire_all()
    assert db.session.get(OfficialResponse, answer_id) is None
    deleted = [entry for entry in _audit("response.detach") if entry.details["response_deleted"]]
    assert deleted and deleted[0].details["body"] == "Tiếp thu."


def test_a_response_of_another_consultation_is_not_found(responder, answered_later, hamlets):
    other = make_consultation("dot-khac")
    submission = make_submission(other, hamlet=hamlets[0], comments=[(None, "agree", "Khác", "approved")])
    answer = make_response(submission.comments)
    db.session.commit()
    assert responder.get(f"/staff/consultations/quy-che-xom/responses/r/{answer.id}").status_code == 404
    assert responder.get(f"/staff/consultations/quy-che-xom/responses/{other.articles[0].id}").status_code == 404


def test_council_reads_but_cannot_answer(client, users, answered_later):
    login_as(client, users[Role.COUNCIL])
    article = answered_later.articles[0]
    page = client.get(f"/staff/consultations/quy-che-xom/responses/{article.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Đồng ý mức đóng góp" in html and 'name="comment_ids"' not in html
    comment = _comments(answered_later, article)[0]
    refused = post(client, "/staff/consultations/quy-che-xom/responses", {
        "article": str(article.id), "comment_ids": [comment.id], "disposition": "accepted",
    })
    assert refused.status_code == 403


def test_hamlet_officers_cannot_answer(client, users, answered_later):
    login_as(client, users[Role.HAMLET_OFFICER])
    article = answered_later.articles[0]
    comment = _comments(answered_later, article)[0]
    assert post(client, "/staff/consultations/quy-che-xom/responses", {
        "article": str(article.id), "comment_ids": [comment.id], "disposition": "accepted",
    }).status_code == 403
