"""The public results page on a phone (390×844): charts drawn, tables beside them, nothing wider
than the screen; and its weight for a demo-sized consultation (~300 submissions)."""
from __future__ import annotations

import gzip
import os
import random
from datetime import timedelta

import pytest

from consult.extensions import db
from consult.models import Channel, RespondentGroup
from tests.factories import (
    make_answer, make_commune, make_consultation, make_hamlet, make_meeting_tally, make_question, make_response,
    make_submission,
)

SHOTS = os.environ.get("CONSULT_SCREENSHOTS")
BODIES = [
    "Đề nghị làm rõ mức đóng góp của hộ nghèo và hộ cận nghèo trong xóm.",
    "Tôi đồng ý với nội dung điều này, đề nghị sớm triển khai.",
    "Thời gian họp nên vào buổi tối để bà con đi làm về còn tham dự.",
    "Cần quy định cụ thể hơn về việc giữ gìn vệ sinh đường làng, ngõ xóm.",
    "Nên bổ sung khen thưởng cho gia đình văn hóa tiêu biểu.",
]


def seed_demo_sized(hamlet_count: int = 8, submissions: int = 300, seed: int = 7):
    """A published consultation of demo size: ~300 submissions over 10 articles, a survey, meetings."""
    rng = random.Random(seed)
    make_commune()
    hamlets = [make_hamlet(code=f"D{n:02d}", name=f"Xóm {n}", households=rng.randint(120, 400))
               for n in range(1, hamlet_count + 1)]
    consultation = make_consultation("quy-uoc-demo", state="results_published", articles=10,
                                     title="Dự thảo Quy ước xóm văn hóa")
    single = make_question(consultation, "single", "Ông/bà biết đến dự thảo qua kênh nào?",
                           options=["Loa truyền thanh", "Zalo của xóm", "Họp xóm", "Bảng tin nhà văn hóa"],
                           allow_other=True)
    rating = make_question(consultation, "rating", "Mức độ hài lòng với dự thảo")
    yesno = make_question(consultation, "yesno", "Có nên lập quỹ khuyến học của xóm?")
    make_question(consultation, "long_text", "Ý kiến khác")
    channels = [Channel.WEB, Channel.QR, Channel.QR, Channel.PAPER, Channel.MEETING]
    groups = list(RespondentGroup)
    answered = []
    for n in range(submissions):
        comments = [(rng.choice(consultation.articles + [None]), rng.choice(["agree", "agree", "disagree", "other"]),
                     rng.choice(BODIES), rng.choice(["approved", "approved", "approved", "rejected", "pending"]))
                    for _ in range(rng.randint(1, 3))]
        submission = make_submission(consultation, hamlet=rng.choice(hamlets), comments=comments,
                                     channel=rng.choice(channels), respondent_group=rng.choice(groups))
        submission.created_at = consultation.opens_at + timedelta(days=rng.randint(0, 19), hours=rng.randint(0, 12))
        for comment in submission.comments:
            if comment.status.value == "rejected":
                comment.reject_reason = "off_topic"
            elif comment.status.value == "approved" and rng.random() < .8:
                answered.append(comment)
        make_answer(submission, single, option=rng.choice(single.options))
        make_answer(submission, rating, value_int=rng.randint(1, 5))
        make_answer(submission, yesno, value_int=rng.randint(0, 1))
    by_article: dict = {}
    for comment in answered:
        by_article.setdefault(comment.article_id, []).append(comment)
    for comments in by_article.values():
        for start in range(0, len(comments), 4):
            make_response(comments[start:start + 4], rng.choice(["accepted", "partly_accepted", "noted"]),
                          "Ban soạn thảo xin tiếp thu và chỉnh sửa câu chữ của điều này cho rõ hơn.")
    for hamlet in hamlets[:4]:
        make_meeting_tally(consultation, hamlet=hamlet, attendees=rng.randint(40, 90),
                           lines=[(article, rng.randint(20, 50), rng.randint(0, 10), rng.randint(0, 5))
                                  for article in consultation.articles[:5]])
    db.session.commit()
    return consultation


def test_the_demo_sized_page_stays_light(client, app):
    seed_demo_sized()
    html = client.get("/c/quy-uoc-demo/results").get_data()
    css = client.get("/static/css/site.css").get_data() + client.get("/static/css/results.css").get_data()
    weight = len(gzip.compress(html)) + len(gzip.compress(css))
    assert weight <= 100 * 1024, f"{weight} bytes gzipped"


@pytest.mark.browser
def test_the_results_page_on_a_phone(live_server, phone, app):
    seed_demo_sized(submissions=120)
    db.session.commit()
    errors: list[str] = []
    phone.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.goto(live_server.url + "/c/quy-uoc-demo/results")
    assert phone.locator("h1").inner_text() == "Kết quả lấy ý kiến"
    charts = phone.locator("svg.chart[role=img]")
    assert charts.count() >= 10
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 40, f"chart {index} is not drawn"
        assert chart.locator("title").count() == 1 and chart.locator("desc").count() == 1
        # a data table beside every chart
        assert chart.locator("xpath=following-sibling::div[contains(@class,'table-wrap')]//table").count() == 1
    assert phone.locator("rect.bar").first.get_attribute("width")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/results-phone.png", full_page=True)
    phone.set_viewport_size({"width": 360, "height": 740})  # the narrowest phones still in use
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.emulate_media(media="print")
    assert phone.locator("svg.chart").first.is_visible()
    assert errors == []
