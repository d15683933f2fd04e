"""The results page, its JSON and CSV: hidden before publication, then public; every count equals
one computed here from the data (meeting tallies included); nothing private ever shows."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import timedelta

import pytest

from consult.extensions import db
from consult.models import (
    Answer, Channel, Comment, CommentStatus, MeetingTally, MeetingTallyLine, RejectReason, RespondentGroup, Role,
    Submission, Validity,
)
from consult.timeutil import to_local, utcnow
from tests.conftest import login_as, post
from tests.factories import (
    make_answer, make_commune, make_consultation, make_meeting_tally, make_question, make_response, make_submission,
)

PHONES = ["0912345678", "0987654321", "0356111222"]
EMAILS = ["lan.nguyen@example.vn", "binh.tran@example.com"]
HIDDEN_NAMES = ["Nguyễn Thị Lan", "Trần Văn Bình"]
SHOWN_NAME = "Lê Văn Cường"


@pytest.fixture
def scenario(app, hamlets):
    """A closed consultation with comments in every state, a survey, meetings and responses."""
    make_commune()
    consultation = make_consultation("quy-uoc-xom", state="closed", title="Dự thảo Quy ước xóm")
    art1, art2, art3 = consultation.articles
    choice = make_question(consultation, "single", "Nên tổ chức họp xóm vào lúc nào?",
                           options=["Sáng chủ nhật", "Tối thứ bảy"], allow_other=True)
    rating = make_question(consultation, "rating", "Mức độ hài lòng với dự thảo")
    yesno = make_question(consultation, "yesno", "Có nên lập quỹ khuyến học?")
    free = make_question(consultation, "long_text", "Ý kiến khác của ông/bà")
    x1, x2, x3 = hamlets
    start = consultation.opens_at + timedelta(hours=3)

    def submit(hamlet, day, comments, *, channel=Channel.WEB, group=RespondentGroup.RESIDENT, **fields):
        submission = make_submission(consultation, hamlet=hamlet, comments=comments, channel=channel,
                                     respondent_group=group, **fields)
        submission.created_at = start + timedelta(days=day)
        return submission

    s1 = submit(x1, 0, [(art1, "agree", "Đồng ý với mức đóng góp quỹ", "approved"),
                        (art2, "disagree", "Giờ họp nên muộn hơn", "approved")],
                display_name=HIDDEN_NAMES[0], contact_phone=PHONES[0], contact_email=EMAILS[0])
    s2 = submit(x1, 0, [(art1, "disagree", "Mức đóng góp cao với hộ nghèo", "approved"),
                        (None, "other", "Nên in dự thảo phát tận nhà", "approved")],
                channel=Channel.QR, display_name=SHOWN_NAME, show_name=True, contact_phone=PHONES[1])
    s3 = submit(x2, 1, [(art1, "disagree", "Đề nghị miễn cho hộ nghèo", "approved"),
                        (art3, "other", "Bổ sung quy định về vệ sinh", "approved"),
                        (art2, "agree", "Lời lẽ xúc phạm cán bộ thôn", "rejected")],
                channel=Channel.PAPER, group=RespondentGroup.ELDERLY,
                display_name=HIDDEN_NAMES[1], contact_email=EMAILS[1])
    s4 = submit(x3, 3, [(art1, "agree", "Ý kiến đang chờ duyệt", "pending")], group=RespondentGroup.MEMBER)
    s5 = submit(None, 3, [(art2, "agree", "Quảng cáo vay tiền nhanh", "approved")], contact_phone=PHONES[2])
    s5.validity = Validity.SPAM
    s6 = submit(x2, 3, [(art2, "other", "Chèn số điện thoại vào ý kiến", "rejected")], channel=Channel.MEETING)
    rejected = [c for c in s3.comments + s6.comments if c.status is CommentStatus.REJECTED]
    rejected[0].reject_reason = RejectReason.ABUSIVE
    rejected[1].reject_reason = RejectReason.PERSONAL_DATA

    for submission, option, rate, yes in ((s1, 0, 5, 1), (s2, 1, 4, 1), (s3, None, 2, 0), (s5, 0, 1, 0)):
        if option is None:
            make_answer(submission, choice, value_text="Chiều thứ sáu")
        else:
            make_answer(submission, choice, option=choice.options[option])
        make_answer(submission, rating, value_int=rate)
        make_answer(submission, yesno, value_int=yes)
    make_answer(s1, free, value_text="Số nhà tôi là 12, gọi 0912345678")
    make_answer(s4, free, value_text="Nhà tôi không có ý kiến gì thêm")

    make_meeting_tally(consultation, hamlet=x2, attendees=64, lines=[(art1, 40, 12, 3), (art2, 50, 5, 0)])
    make_meeting_tally(consultation, hamlet=x3, attendees=30, lines=[(art1, 20, 8, 2), (None, 25, 0, 1)])

    disagreeing = [c for c in s2.comments + s3.comments if c.article_id == art1.id and c.stance.value == "disagree"]
    make_response(disagreeing, "partly_accepted", "Miễn đóng góp cho hộ nghèo theo danh sách của xã.")
    make_response([s1.comments[0]], "accepted", "Xin tiếp thu.")
    db.session.commit()
    return consultation


def _publish(consultation) -> None:
    consultation.results_published_at = utcnow() - timedelta(days=1)
    db.session.commit()


def _expected(consultation) -> dict:
    """The figures, computed the plain way: every row loaded and counted in Python."""
    submissions = list(db.session.execute(
        db.select(Submission).where(Submission.consultation_id == consultation.id)).scalars())
    valid = [s for s in submissions if s.validity is Validity.VALID]
    approved = [c for s in valid for c in s.comments if c.status is CommentStatus.APPROVED]
    lines = list(db.session.execute(db.select(MeetingTallyLine)).scalars())
    stance = {}
    for article in [*consultation.articles, None]:
        article_id = article.id if article else None
        comments = Counter(c.stance.value for c in approved if c.article_id == article_id)
        meeting = Counter()
        for line in lines:
            if line.article_id == article_id:
                meeting.update({"agree": line.agree, "disagree": line.disagree, "other": line.other})
        stance[article_id] = ({k: comments.get(k, 0) for k in ("agree", "disagree", "other")},
                              {k: meeting.get(k, 0) for k in ("agree", "disagree", "other")})
    answers = [a for s in valid for a in s.answers]
    return {
        "submissions": len(valid),
        "by_hamlet": Counter(s.hamlet.name if s.hamlet else "" for s in valid),
        "by_channel": Counter(s.channel.value for s in valid),
        "by_group": Counter(s.respondent_group.value for s in valid),
        "by_day": Counter(to_local(s.created_at).date().isoformat() for s in valid),
        "attendees": sum(tally.attendees for tally in db.session.execute(
            db.select(MeetingTally).where(MeetingTally.consultation_id == consultation.id)).scalars()),
        "stance": stance,
        "approved": len(approved),
        "answers": answers,
        "rejected": Counter(c.reject_reason.value for s in valid for c in s.comments
                            if c.status is CommentStatus.REJECTED),
    }


# --- who sees what, when ---------------------------------------------------------------

def test_before_publication_residents_get_a_polite_404(client, scenario):
    response = client.get("/c/quy-uoc-xom/results")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Kết quả chưa được công bố" in html and "Đồng ý với mức đóng góp" not in html
    assert client.get("/c/quy-uoc-xom/results.json").status_code == 404
    assert client.get("/c/quy-uoc-xom/results.csv").status_code == 404
    assert client.get(f"/c/quy-uoc-xom/results/y-kien/{scenario.articles[0].id}").status_code == 404


def test_a_draft_consultations_results_are_a_plain_404(client, app):
    make_consultation("ban-nhap", state="draft")
    db.session.commit()
    response = client.get("/c/ban-nhap/results")
    assert response.status_code == 404 and "Kết quả chưa được công bố" not in response.get_data(as_text=True)
    assert client.get("/c/khong-co/results").status_code == 404


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.COUNCIL, Role.HAMLET_OFFICER, Role.ADMIN])
def test_staff_see_the_live_view_with_a_banner(client, users, scenario, role):
    login_as(client, users[role])
    response = client.get("/c/quy-uoc-xom/results")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bản xem trực tiếp dành cho cán bộ." in html and "1 ý kiến đang chờ duyệt chưa được tính." in html
    assert "Đồng ý với mức đóng góp quỹ" in html and 'name="robots" content="noindex"' in html
    assert client.get("/c/quy-uoc-xom/results.json").status_code == 404  # open data waits for publication


def test_after_publication_everyone_sees_the_results_and_the_date(client, scenario):
    _publish(scenario)
    response = client.get("/c/quy-uoc-xom/results")
    html = response.get_data(as_text=True)
    published = to_local(scenario.results_published_at)
    assert response.status_code == 200
    assert f"Công bố kết quả ngày {published.day:02d} tháng {published.month:02d} năm {published.year}" in html
    assert "Bản xem trực tiếp" not in html and "chờ duyệt" not in html
    assert 'href="/c/quy-uoc-xom/results.json"' in html and 'href="/c/quy-uoc-xom/results.csv"' in html
    assert '<link rel="stylesheet" href="/static/css/results.css?v=' in html


# --- the numbers -----------------------------------------------------------------------

def test_json_counts_equal_counts_computed_from_the_data(client, scenario):
    _publish(scenario)
    expected = _expected(scenario)
    data = client.get("/c/quy-uoc-xom/results.json").get_json()
    assert data["format"] == "consult-results/1"
    part = data["participation"]
    assert part["submissions"] == expected["submissions"] == 5
    assert part["meeting_attendees"] == expected["attendees"] == 94 and part["meetings"] == 2
    assert part["participants"] == 5 + 94 and part["households"] == 600
    assert part["approved_comments"] == expected["approved"] == 6
    assert {row["hamlet"]: row["submissions"] for row in data["by_hamlet"] if row["submissions"]} == {
        name: count for name, count in expected["by_hamlet"].items() if name}
    assert {row["hamlet"]: row["coverage_percent"] for row in data["by_hamlet"]} == {
        "Xóm 1": 2.0, "Xóm 2": 1.0, "Xóm 3": round(100 / 300, 1)}
    assert {row["hamlet"]: row["meeting_attendees"] for row in data["by_hamlet"]} == {"Xóm 1": 0, "Xóm 2": 64, "Xóm 3": 30}
    assert {row["channel"]: row["submissions"] for row in data["by_channel"]} == dict(expected["by_channel"])
    assert data["meeting_tallies"] == {"meetings": 2, "attendees": 94}
    assert {row["group"]: row["submissions"] for row in data["by_respondent_group"]} == dict(expected["by_group"])
    assert {row["date"]: row["submissions"] for row in data["by_day"] if row["submissions"]} == dict(expected["by_day"])
    for section in data["sections"]:
        comments, meeting = expected["stance"][section["article_id"]]
        assert section["comments"] == comments and section["meeting_votes"] == meeting
        assert section["total"] == {k: comments[k] + meeting[k] for k in comments}
    first = next(s for s in data["sections"] if s["article_id"] == scenario.articles[0].id)
    assert first["total"] == {"agree": 1 + 60, "disagree": 2 + 20, "other": 0 + 5}
    assert data["rejected_comments"] == dict(expected["rejected"]) == {"abusive": 1, "personal_data": 1}
    assert data["excluded_submissions"] == {"spam": 1}
    assert len(data["comments"]) == expected["approved"]


def test_survey_counts_equal_counts_computed_from_the_data(client, scenario):
    _publish(scenario)
    answers = _expected(scenario)["answers"]
    data = client.get("/c/quy-uoc-xom/results.json").get_json()
    choice, rating, yesno, free = data["questions"]
    picked = Counter(a.option_id for a in answers if a.question_id == choice["question_id"])
    assert {row["option_id"]: row["count"] for row in choice["answers"]} == {
        **{option_id: count for option_id, count in picked.items() if option_id}, None: picked[None]}
    assert choice["respondents"] == 3 and choice["free_text_answers"] == 1
    values = Counter(a.value_int for a in answers if a.question_id == rating["question_id"])
    assert {row["value"]: row["count"] for row in rating["answers"]} == {v: values.get(v, 0) for v in range(1, 6)}
    assert rating["average"] == round((5 + 4 + 2) / 3, 2)
    assert {row["value"]: row["count"] for row in yesno["answers"]} == {1: 2, 0: 1}
    assert free["answers"] == [] and free["free_text_answers"] == 2 and free["respondents"] == 2


def test_the_page_shows_the_same_numbers_in_its_tables_and_charts(client, scenario):
    _publish(scenario)
    html = client.get("/c/quy-uoc-xom/results").get_data(as_text=True)
    article = scenario.articles[0]
    section = html[html.index(f'id="{article.anchor}"'):html.index(f'id="{scenario.articles[1].anchor}"')]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td><td class="num">(\d+)</td>'
                      r'<td class="num">(\d+)</td>', section)
    assert rows[:3] == [("Tán thành", "1", "60", "61"), ("Không tán thành", "2", "20", "22"),
                        ("Ý kiến khác", "0", "5", "5")]
    assert "trong đó biểu quyết tại hội nghị: 85" in section
    assert re.search(r'<svg class="chart" role="img" aria-labelledby="c-\d+-t c-\d+-d"', section)
    assert "<title id=" in section and "Tán thành: 1 ý kiến, 60 biểu quyết tại hội nghị" in section
    assert re.search(r"<b>99</b>lượt tham gia", html) and re.search(r"<b>5</b>phiếu góp ý hợp lệ", html)
    assert "Biểu quyết tại 2 hội nghị (số người dự, tính riêng)" in html
    hamlet_row = re.search(r'<th scope="row">Xóm 2</th><td class="num">200</td><td class="num">(\d+)</td>'
                           r'<td class="num">([^<]+)</td><td class="num">(\d+)</td>', html)
    assert hamlet_row.groups() == ("2", "1,0%", "64")
    assert "Điểm trung bình: 3,7 / 5" in html
    assert "2 câu trả lời tự do." in html and "không được công bố" in html


def test_approved_comments_appear_with_their_responses_and_authors(client, scenario):
    _publish(scenario)
    html = client.get("/c/quy-uoc-xom/results").get_data(as_text=True)
    assert "Người dân Xóm 2" in html and f"{SHOWN_NAME} · Xóm 1" in html
    assert "Miễn đóng góp cho hộ nghèo theo danh sách của xã." in html and "Tiếp thu một phần" in html
    # the two comments answered together sit together, the response after them
    group = html[html.index("Mức đóng góp cao với hộ nghèo"):html.index("Miễn đóng góp cho hộ nghèo theo")]
    assert "Đề nghị miễn cho hộ nghèo" in group


def test_rejected_spam_and_pending_never_reach_public_pages_or_open_data(client, scenario):
    _publish(scenario)
    outputs = _public_outputs(client, scenario)
    for text in ("Lời lẽ xúc phạm cán bộ thôn", "Quảng cáo vay tiền nhanh", "Chèn số điện thoại vào ý kiến",
                 "Ý kiến đang chờ duyệt", "Chiều thứ sáu", "Số nhà tôi là 12", "Nhà tôi không có ý kiến gì thêm"):
        for name, body in outputs.items():
            assert text not in body, f"{text!r} leaked into {name}"
    html = outputs["page"]
    assert "Ngôn từ xúc phạm" in html and "Chứa thông tin cá nhân" in html  # counted by reason


def _public_outputs(client, consultation) -> dict[str, str]:
    outputs = {
        "page": client.get(f"/c/{consultation.slug}/results").get_data(as_text=True),
        "json": json.dumps(client.get(f"/c/{consultation.slug}/results.json").get_json(), ensure_ascii=False),
        "csv": client.get(f"/c/{consultation.slug}/results.csv").get_data(as_text=True),
        "general": client.get(f"/c/{consultation.slug}/results/y-kien/chung").get_data(as_text=True),
    }
    for article in consultation.articles:
        outputs[article.anchor] = client.get(f"/c/{consultation.slug}/results/y-kien/{article.id}").get_data(as_text=True)
    return outputs


def test_no_contact_detail_or_hidden_name_appears_anywhere_public(client, scenario):
    _publish(scenario)
    receipts = [code for (code,) in db.session.execute(db.select(Submission.receipt_code)).all()]
    outputs = _public_outputs(client, scenario)
    for value in PHONES + EMAILS + HIDDEN_NAMES + receipts:
        for name, body in outputs.items():
            assert value not in body, f"{value!r} leaked into {name}"
    assert SHOWN_NAME in outputs["page"] and SHOWN_NAME in outputs["json"]


def test_json_links_comments_to_their_responses(client, scenario):
    _publish(scenario)
    response = client.get("/c/quy-uoc-xom/results.json")
    assert response.mimetype == "application/json" and "Tiếp thu một phần".encode() in response.data  # not \u-escaped
    data = response.get_json()
    by_id = {response["response_id"]: response for response in data["responses"]}
    partly = next(r for r in data["responses"] if r["disposition"] == "partly_accepted")
    assert partly["disposition_label"] == "Tiếp thu một phần" and partly["comment_count"] == 2
    answered = [c for c in data["comments"] if c["response_id"] == partly["response_id"]]
    assert {c["body"] for c in answered} == {"Mức đóng góp cao với hộ nghèo", "Đề nghị miễn cho hộ nghèo"}
    assert all(c["response_id"] is None or c["response_id"] in by_id for c in data["comments"])
    assert {c["author"] for c in answered} == {f"{SHOWN_NAME} · Xóm 1", "Người dân Xóm 2"}


def test_csv_of_comments_with_responses(client, scenario):
    _publish(scenario)
    response = client.get("/c/quy-uoc-xom/results.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 6 and list(rows[0]) == [
        "comment_id", "article_id", "article_number", "article_title", "stance", "hamlet", "author", "body",
        "created_on", "redacted", "response_id", "disposition", "response"]
    answered = [row for row in rows if row["disposition"] == "partly_accepted"]
    assert {row["body"] for row in answered} == {"Mức đóng góp cao với hộ nghèo", "Đề nghị miễn cho hộ nghèo"}
    assert all(row["response"] == "Miễn đóng góp cho hộ nghèo theo danh sách của xã." for row in answered)


def test_csv_cells_that_look_like_formulas_are_defused(client, scenario):
    first = db.session.execute(db.select(Comment).where(Comment.body == "Đồng ý với mức đóng góp quỹ")).scalar_one()
    first.body = "=HYPERLINK(\"http://evil\")"
    _publish(scenario)
    text = client.get("/c/quy-uoc-xom/results.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text


def test_every_comment_of_a_section_is_one_click_away(client, scenario, hamlets):
    article = scenario.articles[0]
    for n in range(60):
        make_submission(scenario, hamlet=hamlets[0], comments=[(article, "agree", f"Ý kiến bổ sung {n}", "approved")])
    _publish(scenario)
    html = client.get("/c/quy-uoc-xom/results").get_data(as_text=True)
    assert f'href="/c/quy-uoc-xom/results/y-kien/{article.id}"' in html and "Xem tất cả 63 ý kiến" in html
    first = client.get(f"/c/quy-uoc-xom/results/y-kien/{article.id}").get_data(as_text=True)
    second = client.get(f"/c/quy-uoc-xom/results/y-kien/{article.id}?page=2").get_data(as_text=True)
    assert "Trang 1 / 2" in first and "Trang 2 / 2" in second
    assert first.count('class="quote"') + second.count('class="quote"') == 63
    assert client.get("/c/quy-uoc-xom/results/y-kien/987654").status_code == 404


def test_moderation_shows_on_the_page_at_once(client, users, scenario):
    _publish(scenario)
    before = client.get("/c/quy-uoc-xom/results.json").get_json()["participation"]["approved_comments"]
    pending = db.session.execute(db.select(Comment).where(Comment.status == CommentStatus.PENDING)).scalar_one()
    staff = client.application.test_client()
    login_as(staff, users[Role.MODERATOR])
    assert post(staff, f"/staff/moderation/comments/{pending.id}/approve").status_code == 303
    after = client.get("/c/quy-uoc-xom/results.json").get_json()["participation"]["approved_comments"]
    assert after == before + 1
    spam = db.session.execute(db.select(Submission).where(Submission.hamlet_id == users[Role.HAMLET_OFFICER].hamlet_id)
                              .order_by(Submission.id)).scalars().first()
    post(staff, f"/staff/moderation/submissions/{spam.id}/mark", {"validity": "duplicate"})
    data = client.get("/c/quy-uoc-xom/results.json").get_json()
    assert data["participation"]["submissions"] == 4 and data["excluded_submissions"]["duplicate"] == 1


def test_a_redacted_original_lives_only_in_the_audit_log(client, users, scenario, hamlets):
    original = "Nhà ông Phạm Văn Đức số 0909123456 xả rác ra đường"
    submission = make_submission(scenario, hamlet=hamlets[0],
                                 comments=[(scenario.articles[2], "other", original, "pending")])
    db.session.commit()
    staff = client.application.test_client()
    login_as(staff, users[Role.MODERATOR])
    post(staff, f"/staff/moderation/comments/{submission.comments[0].id}/redact",
         {"body": "Có hộ xả rác ra đường [đã ẩn thông tin cá nhân]"})
    _publish(scenario)
    outputs = _public_outputs(client, scenario)
    assert "Có hộ xả rác ra đường [đã ẩn thông tin cá nhân]" in outputs["page"]
    for name, body in outputs.items():
        assert original not in body and "0909123456" not in body, name
    assert _tables_containing(original) == {"audit_entry"}
    assert _tables_containing("0909123456") == {"audit_entry"}


def _tables_containing(text: str) -> set[str]:
    """Every table with a row whose text (any column, JSON included) holds `text`."""
    found = set()
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(db.select(table)).mappings():
            if any(text in (json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value))
                   for value in row.values()):
                found.add(table.name)
    return found


def test_answers_of_spam_submissions_are_not_counted(client, scenario):
    _publish(scenario)
    data = client.get("/c/quy-uoc-xom/results.json").get_json()
    spam_answers = db.session.execute(
        db.select(Answer).join(Answer.submission).where(Submission.validity == Validity.SPAM)).scalars().all()
    assert spam_answers  # the spam submission did answer the survey…
    rating = data["questions"][1]
    assert sum(row["count"] for row in rating["answers"]) == 3  # …but only the 3 valid ratings count


def test_a_consultation_without_articles_or_answers_still_renders(client, app, hamlets):
    consultation = make_consultation("khao-sat-trong", state="results_published", articles=0)
    consultation.allow_general_comments = False
    db.session.commit()
    response = client.get("/c/khao-sat-trong/results")
    assert response.status_code == 200 and "Không có ý kiến nào bị loại." in response.get_data(as_text=True)
    assert client.get("/c/khao-sat-trong/results.json").get_json()["participation"]["submissions"] == 0


def test_the_kept_results_page_follows_a_changed_response(client, users, scenario):
    """Residents get a rendering kept per version; editing a response makes a new version at once."""
    from consult.models import OfficialResponse

    _publish(scenario)
    response = db.session.execute(db.select(OfficialResponse)).scalars().first()
    assert response is not None
    first = client.get("/c/quy-uoc-xom/results").get_data(as_text=True)
    assert client.get("/c/quy-uoc-xom/results").get_data(as_text=True) == first  # the same rendering
    staff = client.application.test_client()
    login_as(staff, users[Role.MODERATOR])
    edited = post(staff, f"/staff/consultations/quy-uoc-xom/responses/r/{response.id}",
                  {"disposition": "accepted", "body": "Nội dung trả lời đã sửa lại.",
                   "comment_ids": [c.id for c in response.comments]})
    assert edited.status_code == 303, edited.status_code
    assert "Nội dung trả lời đã sửa lại." in client.get("/c/quy-uoc-xom/results").get_data(as_text=True)
