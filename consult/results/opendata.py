"""Open data: the results as JSON (aggregates and approved comments with their responses) and the
comments as CSV. No contact detail, receipt code or device trace ever appears; a resident's name
only when they chose to show it. Keys are stable and documented in FIELDS (shown on the page)."""
from __future__ import annotations

import csv
import io

from consult.i18n import lazy_gettext as _l
from sqlalchemy import case, select

from consult.extensions import db
from consult.models import (
    Article, Comment, CommentStatus, Disposition, Hamlet, OfficialResponse, Submission, Validity,
)
from consult.results.view import STANCES, ResultsView, author_label
from consult.spreadsheet import csv_cell as _cell
from consult.timeutil import local_zone

FORMAT = "consult-results/1"

#: (key, meaning) of the JSON document and the CSV columns; the results page lists them.
FIELDS = [
    ("format", _l("Phiên bản cấu trúc dữ liệu, hiện là “consult-results/1”.")),
    ("consultation", _l("Đợt lấy ý kiến: slug, title, organiser, opens_at, closes_at, decided_on, results_published_at, url.")),
    ("participation", _l("submissions (phiếu hợp lệ), meetings, meeting_attendees, participants (phiếu + người dự hội nghị), households, approved_comments.")),
    ("by_hamlet[]", _l("Theo thôn/xóm: hamlet, hamlet_code, households, submissions, coverage_percent (phiếu ÷ số hộ × 100), meeting_attendees.")),
    ("by_channel[]", _l("Theo kênh: channel (web, qr, paper, meeting, hotline, other), label, submissions.")),
    ("meeting_tallies", _l("Biểu quyết tại hội nghị, tính riêng (không phải phiếu): meetings, attendees.")),
    ("by_respondent_group[]", _l("Theo thành phần: group, label, submissions.")),
    ("by_day[]", _l("Theo ngày (giờ Việt Nam): date (YYYY-MM-DD), submissions.")),
    ("sections[]", _l("Theo điều (article_id null = ý kiến chung): article_number, title, comments{agree, disagree, other} (ý kiến đã đăng), meeting_votes{…} (biểu quyết tại hội nghị), total{…}.")),
    ("questions[]", _l("Câu hỏi khảo sát: question_id, position, kind, prompt, respondents, answers[]{label, count, option_id|value}, average (thang 1–5), free_text_answers (chỉ đếm, không công bố nội dung).")),
    ("rejected_comments", _l("Số ý kiến không đăng theo lý do (spam, abusive, off_topic, personal_data, duplicate); nội dung không công bố.")),
    ("excluded_submissions", _l("Số phiếu bị loại: spam, duplicate.")),
    ("comments[]", _l("Ý kiến đã đăng: comment_id, article_id, article_number, article_title, stance, hamlet, author (“Người dân …” hoặc tên người gửi đồng ý công khai), body, created_on, redacted (đã được biên tập bỏ thông tin cá nhân), response_id (null khi chưa có câu trả lời).")),
    ("responses[]", _l("Câu trả lời chính thức (tiếp thu, giải trình): response_id, article_id, disposition (accepted, partly_accepted, not_accepted, noted), disposition_label, body, updated_on, comment_count.")),
    ("results.csv", _l("Các ý kiến đã đăng, mỗi dòng một ý kiến, cột: comment_id, article_id, article_number, article_title, stance, hamlet, author, body, created_on, redacted, response_id, disposition, response. Mã hóa UTF-8 có BOM.")),
]

CSV_COLUMNS = [
    "comment_id", "article_id", "article_number", "article_title", "stance", "hamlet", "author", "body",
    "created_on", "redacted", "response_id", "disposition", "response",
]


def comment_records(view: ResultsView) -> tuple[list[dict], list[dict]]:
    """Every approved comment of a counted submission (article order), and the responses covering them.

    One query each; labels are looked up once per distinct value, not once per comment, so a
    consultation with tens of thousands of comments is written out in about a second.
    """
    consultation = view.consultation
    shown_name = case((Submission.show_name.is_(True), Submission.display_name), else_="").label("shown_name")
    rows = db.session.execute(
        select(Comment.id, Comment.article_id, Comment.stance, Comment.body, Comment.created_at, Comment.redacted,
               Comment.response_id, Submission.hamlet_id, shown_name)
        .join(Comment.submission)
        .outerjoin(Article, Article.id == Comment.article_id)
        .where(Comment.consultation_id == consultation.id, Comment.status == CommentStatus.APPROVED,
               Submission.validity == Validity.VALID)
        .order_by(Article.position.is_(None), Article.position, Comment.id)
    ).all()
    hamlet_names = dict(db.session.execute(select(Hamlet.id, Hamlet.name)).all())
    articles = {article.id: article for article in consultation.articles}
    zone = local_zone()
    authors: dict[tuple, str] = {}
    covered: dict[int, int] = {}
    comments = []
    for row in rows:
        author_key = (row.hamlet_id, row.shown_name or "")
        if author_key not in authors:
            authors[author_key] = author_label(hamlet_names, *author_key)
        article = articles.get(row.article_id)
        if row.response_id is not None:
            covered[row.response_id] = covered.get(row.response_id, 0) + 1
        comments.append({
            "comment_id": row.id,
            "article_id": row.article_id,
            "article_number": article.number if article else None,
            "article_title": article.title if article else "",
            "stance": row.stance.value,
            "hamlet": hamlet_names.get(row.hamlet_id, ""),
            "author": authors[author_key],
            "body": row.body,
            "created_on": row.created_at.astimezone(zone).date().isoformat(),
            "redacted": row.redacted,
            "response_id": row.response_id,
        })
    responses = []
    if covered:
        labels = {disposition: disposition.label for disposition in Disposition}
        for response in db.session.execute(
            select(OfficialResponse.id, OfficialResponse.article_id, OfficialResponse.disposition,
                   OfficialResponse.body, OfficialResponse.updated_at)
            .where(OfficialResponse.consultation_id == consultation.id).order_by(OfficialResponse.id)
        ).all():
            if response.id in covered:
                responses.append({
                    "response_id": response.id, "article_id": response.article_id,
                    "disposition": response.disposition.value, "disposition_label": labels[response.disposition],
                    "body": response.body, "updated_on": response.updated_at.astimezone(zone).date().isoformat(),
                    "comment_count": covered[response.id],
                })
    return comments, responses


def document(view: ResultsView, url: str) -> dict:
    """The open-data JSON document."""
    consultation = view.consultation
    comments, responses = comment_records(view)
    return {
        "format": FORMAT,
        "consultation": {
            "slug": consultation.slug, "title": consultation.title, "organiser": consultation.organiser.value,
            "opens_at": consultation.opens_at.isoformat(), "closes_at": consultation.effective_closes_at.isoformat(),
            "decided_on": consultation.decided_on.isoformat() if consultation.decided_on else None,
            "results_published_at": consultation.results_published_at.isoformat()
            if consultation.results_published_at else None,
            "url": url,
        },
        "participation": {
            "submissions": view.submissions, "meetings": view.meetings, "meeting_attendees": view.attendees,
            "participants": view.participants, "households": view.households, "approved_comments": view.approved,
        },
        "by_hamlet": [
            {"hamlet": row.label, "hamlet_code": row.extra["code"], "households": row.extra["households"],
             "submissions": row.extra["submissions"],
             "coverage_percent": round(row.extra["coverage"], 1) if row.extra["coverage"] is not None else None,
             "meeting_attendees": row.extra["attendees"]}
            for row in view.hamlets
        ],
        "by_channel": [{"channel": row.extra["code"], "label": row.label, "submissions": row.value}
                       for row in view.channels],
        "meeting_tallies": {"meetings": view.meetings, "attendees": view.attendees},
        "by_respondent_group": [{"group": row.extra["code"], "label": row.label, "submissions": row.value}
                                for row in view.groups],
        "by_day": [{"date": row.extra["date"].isoformat(), "submissions": row.value} for row in view.days],
        "sections": [
            {"article_id": section.article_id, "anchor": section.anchor, "title": section.title,
             "comments": dict(section.comments), "meeting_votes": dict(section.meeting),
             "total": {stance.value: section.total(stance.value) for stance in STANCES}}
            for section in view.sections
        ],
        "questions": [
            {"question_id": question.question_id, "position": question.position, "kind": question.kind.value,
             "prompt": question.prompt, "respondents": question.respondents,
             "answers": [{"label": row.label, "count": row.value, **row.extra} for row in question.rows],
             "average": round(question.average, 2) if question.average is not None else None,
             "free_text_answers": question.free_text}
            for question in view.questions
        ],
        "rejected_comments": {row.extra["code"]: row.value for row in view.rejected},
        "excluded_submissions": {row.extra["code"]: row.value for row in view.excluded},
        "comments": comments,
        "responses": responses,
    }


def comments_csv(view: ResultsView) -> str:
    """The approved comments with their responses, one per line, UTF-8 with BOM (Excel reads it)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    comments, responses = comment_records(view)
    by_id = {response["response_id"]: response for response in responses}
    for record in comments:
        response = by_id.get(record["response_id"], {})
        writer.writerow([_cell(value) for value in (
            record["comment_id"], record["article_id"], record["article_number"], record["article_title"],
            record["stance"], record["hamlet"], record["author"], record["body"], record["created_on"],
            record["redacted"], response.get("response_id"), response.get("disposition"), response.get("body"),
        )])
    return out.getvalue()
