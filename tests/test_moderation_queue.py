"""The moderation queue: pending comments oldest first, filters, pages, duplicates, escaping."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from consult.extensions import db
from consult.models import Channel, Comment, Role, Validity
from consult.timeutil import utcnow
from tests.conftest import login_as
from tests.factories import make_consultation, make_submission


@pytest.fixture
def moderator(client, users):
    login_as(client, users[Role.MODERATOR])
    return client


def _pending(consultation, hamlet, body, *, article=None, stance="agree", minutes_ago=0, **fields):
    submission = make_submission(consultation, hamlet=hamlet, comments=[(article, stance, body, "pending")], **fields)
    comment = submission.comments[0]
    comment.created_at = utcnow() - timedelta(minutes=minutes_ago)
    db.session.flush()
    return comment


def _ids(html: str) -> list[int]:
    return [int(match) for match in re.findall(r'<li id="c-(\d+)" class="mod-item', html)]


def test_queue_lists_pending_comments_oldest_first_with_their_context(moderator, hamlets):
    consultation = make_consultation(title="Dự thảo quy chế tổ dân phố")
    article = consultation.articles[1]
    newer = _pending(consultation, hamlets[0], "Ý kiến mới hơn", minutes_ago=5)
    older = _pending(consultation, hamlets[2], "Đề nghị làm rõ khoản 2", article=article, stance="disagree",
                     minutes_ago=50, channel=Channel.QR)
    make_submission(consultation, hamlet=hamlets[0], comments=[(None, "agree", "Đã duyệt rồi", "approved")])
    db.session.commit()

    response = moderator.get("/staff/moderation")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _ids(html) == [older.id, newer.id]
    assert "Đã duyệt rồi" not in html
    item = html[html.index(f'id="c-{older.id}"'):html.index(f'id="c-{newer.id}"')]
    for expected in ("Điều 2. Nội dung điều 2", "Xóm 3", "Quét mã QR", "Không tán thành", "Đề nghị làm rõ khoản 2",
                     "Dự thảo quy chế tổ dân phố"):
        assert expected in item
    assert 'id="mod-counters"' in html and 'id="kbd-legend" hidden' in html


def test_citizen_text_is_escaped(moderator, hamlets):
    consultation = make_consultation()
    _pending(consultation, hamlets[0], '<script>alert("x")</script> <b>đậm</b>')
    db.session.commit()
    html = moderator.get("/staff/moderation").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html and "&lt;b&gt;đậm" in html


def test_filters_narrow_the_queue_and_work_as_plain_get_parameters(moderator, hamlets):
    first = make_consultation(title="Đợt thứ nhất")
    second = make_consultation(title="Đợt thứ hai")
    a = _pending(first, hamlets[0], "Xóm 1 tán thành", article=first.articles[0], stance="agree")
    b = _pending(first, hamlets[1], "Xóm 2 phản đối", article=first.articles[0], stance="disagree",
                 channel=Channel.PAPER)
    c = _pending(first, hamlets[1], "Ý kiến chung", stance="other")
    d = _pending(second, hamlets[1], "Đợt khác")
    db.session.commit()

    def ids(query):
        return set(_ids(moderator.get("/staff/moderation?" + query).get_data(as_text=True)))

    assert ids("") == {a.id, b.id, c.id, d.id}
    assert ids(f"consultation={first.id}") == {a.id, b.id, c.id}
    assert ids(f"consultation={first.id}&article={first.articles[0].id}") == {a.id, b.id}
    assert ids(f"consultation={first.id}&article=chung") == {c.id}
    assert ids(f"hamlet={hamlets[1].id}") == {b.id, c.id, d.id}
    assert ids("stance=disagree") == {b.id}
    assert ids("channel=paper") == {b.id}
    assert ids("stance=nonsense&hamlet=abc&page=x") == {a.id, b.id, c.id, d.id}  # bad values mean "all"
    html = moderator.get(f"/staff/moderation?consultation={first.id}&stance=agree").get_data(as_text=True)
    assert f'<option value="{first.id}" selected>' in html and '<option value="agree" selected>' in html
    # the article select offers the chosen consultation's articles
    assert f'value="{first.articles[2].id}"' in html and f'value="{second.articles[0].id}"' not in html


def test_comments_of_submissions_marked_spam_are_not_in_the_queue(moderator, hamlets):
    consultation = make_consultation()
    kept = _pending(consultation, hamlets[0], "Giữ lại")
    spam = _pending(consultation, hamlets[0], "Mua bán đất giá rẻ")
    spam.submission.validity = Validity.SPAM
    db.session.commit()
    assert _ids(moderator.get("/staff/moderation").get_data(as_text=True)) == [kept.id]


def test_likely_duplicates_are_marked_and_the_submissions_other_comments_shown(moderator, hamlets):
    consultation = make_consultation()
    submission = make_submission(consultation, hamlet=hamlets[0], comments=[
        (consultation.articles[0], "agree", "Ý kiến thứ nhất", "pending"),
        (consultation.articles[1], "other", "Ý kiến thứ hai trong cùng phiếu", "pending"),
    ])
    submission.comments[0].likely_duplicate = True
    db.session.commit()
    html = moderator.get("/staff/moderation").get_data(as_text=True)
    first = html[html.index(f'id="c-{submission.comments[0].id}"'):html.index(f'id="c-{submission.comments[1].id}"')]
    assert "Có thể trùng lặp" in first
    assert "Các ý kiến khác trong cùng phiếu (1)" in first and "Ý kiến thứ hai trong cùng phiếu" in first


def test_contact_details_in_the_text_are_flagged_and_masked_in_the_redaction_form(moderator, hamlets):
    consultation = make_consultation()
    comment = _pending(consultation, hamlets[0], "Gọi tôi 0912 345 678 hoặc lan@example.vn nhé")
    db.session.commit()
    html = moderator.get("/staff/moderation").get_data(as_text=True)
    assert "Có thể chứa số điện thoại hoặc email" in html
    textarea = re.search(rf'<textarea id="body-{comment.id}"[^>]*>([^<]*)</textarea>', html).group(1)
    assert "0912" not in textarea and "lan@example.vn" not in textarea
    assert "[đã ẩn số điện thoại]" in textarea and "[đã ẩn email]" in textarea


def test_pages_keep_the_filters(moderator, hamlets):
    consultation = make_consultation()
    for n in range(45):
        _pending(consultation, hamlets[0], f"Ý kiến số {n}", minutes_ago=100 - n)
    db.session.commit()
    first = moderator.get(f"/staff/moderation?consultation={consultation.id}").get_data(as_text=True)
    assert len(_ids(first)) == 20 and "Trang 1 / 3" in first
    assert f'href="/staff/moderation?page=2&amp;consultation={consultation.id}"' in first \
        or f'href="/staff/moderation?consultation={consultation.id}&amp;page=2"' in first
    third = moderator.get(f"/staff/moderation?consultation={consultation.id}&page=3").get_data(as_text=True)
    assert len(_ids(third)) == 5
    # each item's forms post back with the queue's place in their URL
    assert re.search(r'action="/staff/moderation/comments/\d+/approve\?[^"]*page=3', third)
    empty_page = moderator.get(f"/staff/moderation?page=99").get_data(as_text=True)
    assert len(_ids(empty_page)) == 5  # past the end: the last page


def test_empty_queue_says_so(moderator, hamlets):
    html = moderator.get("/staff/moderation").get_data(as_text=True)
    assert "Không còn ý kiến nào chờ duyệt." in html


@pytest.mark.parametrize("role", [Role.HAMLET_OFFICER, Role.COUNCIL])
def test_hamlet_officers_and_council_cannot_open_the_queue(client, users, role):
    login_as(client, users[role])
    assert client.get("/staff/moderation").status_code == 403
    assert client.get("/staff/moderation/excluded").status_code == 403


def test_the_menu_shows_moderation_to_moderators_only(client, users):
    login_as(client, users[Role.MODERATOR])
    assert 'href="/staff/moderation"' in client.get("/staff/").get_data(as_text=True)
    login_as(client, users[Role.COUNCIL])
    assert 'href="/staff/moderation"' not in client.get("/staff/").get_data(as_text=True)


def test_reading_the_queue_changes_nothing(moderator, hamlets):
    consultation = make_consultation()
    comment = _pending(consultation, hamlets[0], "Chỉ đọc")
    db.session.commit()
    moderator.get("/staff/moderation")
    assert db.session.get(Comment, comment.id).status.value == "pending"
