"""/c/<slug> as residents read it, and the home page that leads there."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import url_for
from sqlalchemy import event

from consult.extensions import db
from consult.models import Attachment, ConsultationKind, Validity
from consult.timeutil import utcnow
from tests.factories import make_commune, make_consultation, make_question, make_submission


@pytest.fixture
def draft(app, hamlets):
    make_commune()
    consultation = make_consultation(
        "du-thao-phi", title="Dự thảo Nghị quyết về mức thu phí vệ sinh", articles=4,
        summary="Xin ý kiến Nhân dân về mức thu phí vệ sinh môi trường năm 2026.",
        body_md="Căn cứ **Luật Thực hiện dân chủ ở cơ sở**.\n\n<script>alert(1)</script>\n\n[bấm](javascript:alert(1))",
    )
    db.session.commit()
    return consultation


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_page_shows_the_draft_and_its_articles(client, draft):
    html = html_of(client, "/c/du-thao-phi")
    assert "<h1>Dự thảo Nghị quyết về mức thu phí vệ sinh</h1>" in html
    assert "Ủy ban nhân dân xã Diễn Châu" in html
    assert "Xin ý kiến Nhân dân về mức thu phí vệ sinh môi trường năm 2026." in html
    start, end = draft.opens_at, draft.closes_at
    assert f"Từ {(start + timedelta(hours=7)):%d/%m/%Y} đến {(end + timedelta(hours=7)):%d/%m/%Y}" in html
    assert re.search(r"Còn 1[78] ngày", html)
    assert "<strong>Luật Thực hiện dân chủ ở cơ sở</strong>" in html
    for n in range(1, 5):
        assert f'<details id="dieu-{n}">' in html
        assert f"<summary>Điều {n}. Nội dung điều {n} " in html


def test_staff_markdown_is_sanitised(client, draft):
    html = html_of(client, "/c/du-thao-phi")
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html


def test_each_article_counts_only_approved_comments_of_valid_submissions(client, draft, hamlets):
    first, second = draft.articles[0], draft.articles[1]
    make_submission(draft, hamlet=hamlets[2], comments=[(first, "agree", "Đồng ý hoàn toàn.", "approved"),
                                                        (second, "other", "Chờ duyệt.", "pending")])
    make_submission(draft, hamlet=hamlets[0], comments=[(first, "disagree", "Mức thu cao.", "approved"),
                                                        (second, "disagree", "Bị từ chối.", "rejected")])
    make_submission(draft, hamlet=hamlets[0], validity=Validity.SPAM,
                    comments=[(first, "disagree", "Quảng cáo đã duyệt nhầm.", "approved")])
    make_submission(draft, display_name="Nguyễn Văn Hùng", show_name=True,
                    comments=[(first, "other", "Cần miễn cho hộ nghèo.", "approved")])
    make_submission(draft, hamlet=hamlets[1], display_name="Trần Thị Mai", show_name=False,
                    comments=[(None, "agree", "Ý kiến chung.", "approved")])
    db.session.commit()
    html = html_of(client, "/c/du-thao-phi")
    assert '<summary>Điều 1. Nội dung điều 1 <span class="badge">3 ý kiến</span></summary>' in html
    assert '<summary>Điều 2. Nội dung điều 2 <span class="badge">0 ý kiến</span></summary>' in html
    assert "Người dân Xóm 3 · Tán thành" in html and "Đồng ý hoàn toàn." in html
    assert "Người dân Xóm 1 · Không tán thành" in html
    assert "Nguyễn Văn Hùng · Ý kiến khác" in html          # the resident chose to show the name
    assert "Người dân Xóm 2 · Tán thành" in html and "Trần Thị Mai" not in html  # …and this one did not
    for hidden in ("Chờ duyệt.", "Bị từ chối.", "Quảng cáo đã duyệt nhầm."):
        assert hidden not in html


def test_only_the_latest_few_comments_are_listed_the_rest_counted(client, draft, hamlets):
    for n in range(5):
        make_submission(draft, hamlet=hamlets[0], comments=[(draft.articles[0], "other", f"Ý kiến số {n}.", "approved")])
    db.session.commit()
    html = html_of(client, "/c/du-thao-phi")
    assert "5 ý kiến" in html
    assert html.count("Ý kiến số ") == 3
    assert "và 2 ý kiến khác đã đăng." in html


def test_open_graph_and_twitter_cards_for_zalo_and_facebook(client, draft):
    html = html_of(client, "/c/du-thao-phi?qr=ABC123")
    title = "Dự thảo Nghị quyết về mức thu phí vệ sinh"
    summary = "Xin ý kiến Nhân dân về mức thu phí vệ sinh môi trường năm 2026."
    assert f'<meta property="og:title" content="{title}">' in html
    assert f'<meta property="og:description" content="{summary}">' in html
    assert '<meta property="og:url" content="http://localhost/c/du-thao-phi">' in html  # never the QR variant
    assert '<meta name="twitter:card" content="summary">' in html
    assert f'<meta name="twitter:title" content="{title}">' in html
    assert f'<meta name="twitter:description" content="{summary}">' in html


def installed(app, endpoint: str, rule: str) -> None:
    """Register a stand-in for another feature's endpoint unless that feature is installed."""
    if endpoint not in app.view_functions:
        app.add_url_rule(rule, endpoint, lambda **_kwargs: "")


def test_pdf_links_to_the_attachments(app, client, draft):
    installed(app, "attachments.download", "/c/<slug>/tep/<int:attachment_id>")
    db.session.add(Attachment(consultation_id=draft.id, title="Dự thảo Nghị quyết (PDF)", filename="du-thao.pdf",
                              stored_name="a" * 32, size=250_000, sha256="0" * 64))
    db.session.commit()
    html = html_of(client, "/c/du-thao-phi")
    attachment = db.session.execute(db.select(Attachment)).scalar_one()
    with app.test_request_context():
        href = url_for("attachments.download", slug="du-thao-phi", attachment_id=attachment.id)
    assert f'<a href="{href}">Dự thảo Nghị quyết (PDF)</a>' in html
    assert "(PDF, 245 KB)" in html


@pytest.mark.parametrize("slug_state", ["draft"])
def test_an_unpublished_or_unknown_consultation_is_not_found(client, app, slug_state):
    make_consultation("ban-nhap", state=slug_state)
    db.session.commit()
    assert client.get("/c/ban-nhap").status_code == 404
    assert client.get("/c/khong-co").status_code == 404


def test_a_scheduled_consultation_can_be_read_but_not_answered_yet(client, app, hamlets):
    consultation = make_consultation("sap-mo", state="scheduled")
    db.session.commit()
    html = html_of(client, "/c/sap-mo")
    assert "Chưa đến thời gian góp ý." in html
    assert f"Góp ý mở từ ngày {(consultation.opens_at + timedelta(hours=7)):%d/%m/%Y}" in html
    assert "<form method=\"post\"" not in html and 'id="dieu-1"' in html


def test_a_closed_consultation_shows_the_notice_and_its_comments(client, app, hamlets):
    consultation = make_consultation("da-dong", state="closed")
    make_submission(consultation, hamlet=hamlets[0], comments=[(consultation.articles[0], "agree", "Đã đăng.", "approved")])
    db.session.commit()
    html = html_of(client, "/c/da-dong")
    assert "Đã hết hạn góp ý." in html
    assert "<form method=\"post\"" not in html
    assert "1 ý kiến" in html and "Đã đăng." in html
    assert "Set-Cookie" not in client.get("/c/da-dong").headers  # nothing to submit, no session needed


def test_results_link_once_results_are_published(app, client):
    installed(app, "results.show", "/c/<slug>/results")
    make_consultation("co-ket-qua", state="results_published")
    make_consultation("da-dong", state="closed")
    db.session.commit()
    assert '<a href="/c/co-ket-qua/results">Xem kết quả</a>' in html_of(client, "/c/co-ket-qua")
    assert "Xem kết quả" not in html_of(client, "/c/da-dong")


def test_the_form_gives_the_device_an_id_in_the_signed_session(client, draft):
    client.get("/c/du-thao-phi")
    with client.session_transaction() as session:
        assert session.get("did")


def count_queries(app, client, url) -> int:
    statements = []

    def record(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def test_a_few_queries_whatever_the_number_of_articles_and_questions(app, client, hamlets):
    make_commune()
    small = make_consultation("nho", articles=2, kind=ConsultationKind.BOTH)
    large = make_consultation("lon", articles=12, kind=ConsultationKind.BOTH)
    for consultation, questions in ((small, 1), (large, 6)):
        for n in range(questions):
            make_question(consultation, "single", options=["Có", "Không", "Chưa rõ"])
        for article in consultation.articles:
            make_submission(consultation, hamlet=hamlets[0], comments=[(article, "agree", "Đồng ý.", "approved")])
    db.session.commit()
    for slug in ("nho", "lon"):  # warm up: the moderated comments are counted once, then cached
        client.get(f"/c/{slug}")
    assert count_queries(app, client, "/c/nho") == count_queries(app, client, "/c/lon") <= 10


# --- the home page ------------------------------------------------------------------

def test_home_lists_open_upcoming_and_closed_consultations(app, client):
    installed(app, "results.show", "/c/<slug>/results")
    make_commune()
    make_consultation("dang-mo", title="Đang mở lấy ý kiến")
    make_consultation("sap-mo", title="Sắp mở lấy ý kiến", state="scheduled")
    make_consultation("da-dong", title="Đã đóng lấy ý kiến", state="closed")
    make_consultation("co-ket-qua", title="Đã có kết quả", state="results_published")
    make_consultation("nhap", title="Bản nháp chưa công bố", state="draft")
    db.session.commit()
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers
    open_part, _, rest = html.partition("<h2>Sắp mở</h2>")
    upcoming_part, _, closed_part = rest.partition("<h2>Đã kết thúc</h2>")
    assert "Đang mở lấy ý kiến" in open_part and re.search(r"Còn 1[78] ngày", open_part)
    assert "Sắp mở lấy ý kiến" in upcoming_part
    assert "Đã đóng lấy ý kiến" in closed_part and "Đã có kết quả" in closed_part
    assert "Bản nháp chưa công bố" not in html
    assert html.count("Xem kết quả") == 1
    assert '<a href="/c/co-ket-qua/results">Xem kết quả</a>' in closed_part


def test_the_last_day_says_so(app, client):
    consultation = make_consultation("hom-nay")
    consultation.closes_at = utcnow() + timedelta(minutes=30)
    db.session.commit()
    # Near local midnight "còn 0 ngày" would read oddly: the last day says "Hạn chót hôm nay".
    html = html_of(client, "/c/hom-nay")
    assert "Hạn chót hôm nay" in html or "Còn 1 ngày" in html
