"""The printable paper form (phiếu lấy ý kiến): what it asks, in the order an entry screen follows."""
from __future__ import annotations

import re

import pytest

from consult.extensions import db
from consult.models import ConsultationKind, Role
from consult.paper.services import paper_layout
from tests.conftest import PASSWORD, login_as
from tests.factories import make_commune, make_consultation, make_point, make_question


@pytest.fixture
def consultation(app, hamlets, users):
    make_commune(address="Quốc lộ 1A, xã Diễn Châu", retention_days=365)
    hamlets[2].cultural_house = "Nhà văn hóa Xóm 3 (gần chợ)"
    made = make_consultation("du-thao-huong-uoc", title="Dự thảo Hương ước xã Diễn Châu", kind=ConsultationKind.BOTH,
                             articles=3)
    make_question(made, "single", prompt="Bạn biết dự thảo qua đâu?", options=("Loa truyền thanh", "Zalo của xóm"),
                  allow_other=True)
    make_question(made, "multiple", prompt="Việc nào cần làm trước?", options=("Đường", "Điện", "Nước"), max_choices=2)
    make_question(made, "rating", prompt="Bạn chấm dự thảo mấy điểm?", options=(), rating_low_label="Rất chưa tốt",
                  rating_high_label="Rất tốt")
    make_question(made, "yesno", prompt="Bạn có dự họp xóm không?", options=())
    make_question(made, "short_text", prompt="Nghề nghiệp của bạn?", options=())
    make_question(made, "long_text", prompt="Bạn muốn bổ sung gì?", options=(), required=True)
    db.session.commit()
    return made


def _page(client, consultation, query=""):
    return client.get(f"/staff/consultations/{consultation.slug}/paper-form{query}")


def test_the_form_has_every_part_in_the_entry_order(client, users, consultation):
    login_as(client, users[Role.HAMLET_OFFICER])  # hamlet officers print forms for their meetings
    response = _page(client, consultation)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "PHIẾU LẤY Ý KIẾN" in html and "ỦY BAN NHÂN DÂN XÃ DIỄN CHÂU" in html
    assert "Dự thảo Hương ước xã Diễn Châu" in html and "Hạn nộp phiếu: đến hết ngày" in html
    assert html.count("Tán thành</span>") == 4  # three articles and the whole draft
    assert html.count("Không tán thành</span>") == 4 and html.count("Ý kiến khác</span>") == 4
    assert "Khác:</span>" in html and "(Chọn nhiều nhất 2 ý)" in html
    assert "1 = Rất chưa tốt" in html and "5 = Rất tốt" in html
    assert "Tôi đồng ý để Ủy ban nhân dân xã Diễn Châu lưu" in html and "xóa sau 365 ngày" in html
    assert "Nộp phiếu ở đâu?" in html and "Quốc lộ 1A" in html
    # The order officers type it in: articles, whole draft, questions in order, then hamlet and group.
    markers = ["Điều 1.", "Điều 2.", "Điều 3.", "Ý kiến chung về toàn bộ dự thảo", "Bạn biết dự thảo qua đâu?",
               "Việc nào cần làm trước?", "Bạn chấm dự thảo", "Bạn có dự họp xóm", "Nghề nghiệp", "Bạn muốn bổ sung gì?",
               "Thôn/xóm nơi bạn ở", "Xóm 1</span>", "Xóm 3</span>", "Bạn là", "Nhân dân", "Học sinh, sinh viên"]
    positions = [html.index(marker) for marker in markers]
    assert positions == sorted(positions)
    assert 'style="' not in html


def test_the_layout_service_gives_the_same_order(consultation):
    layout = paper_layout(consultation)
    assert layout.sections == ["articles", "general", "questions", "respondent"]
    assert [a.number for a in layout.articles] == ["1", "2", "3"]
    assert [q.kind.value for q in layout.questions] == ["single", "multiple", "rating", "yesno", "short_text", "long_text"]
    assert [h.code for h in layout.hamlets] == ["X01", "X02", "X03"]


def test_a_survey_only_form_has_no_article_part(client, users, app):
    survey = make_consultation("chi-khao-sat", kind=ConsultationKind.SURVEY, articles=2)
    make_question(survey, "yesno", prompt="Có đồng ý làm đường?", options=())
    db.session.commit()
    assert paper_layout(survey).sections == ["questions", "respondent"]
    login_as(client, users[Role.COUNCIL])
    html = _page(client, survey).get_data(as_text=True)
    assert "Phần 1. Câu hỏi khảo sát" in html and "Điều 1." not in html


def test_prefilled_for_one_hamlet(client, users, consultation, hamlets):
    point = make_point(consultation, hamlet=hamlets[2], code="7K3MQ3")
    db.session.commit()
    login_as(client, users[Role.MODERATOR])
    html = _page(client, consultation, "?hamlet=x03").get_data(as_text=True)
    hamlet_part = html[html.index("Thôn/xóm nơi bạn ở"):html.index("Bạn là")]
    assert "box checked" in hamlet_part and "Xóm 3" in hamlet_part and "Xóm 1" not in hamlet_part
    assert "hòm phiếu tại Nhà văn hóa Xóm 3 (gần chợ)" in html
    assert f"localhost/q/{point.code}" in html  # the small QR goes through the hamlet's point
    assert _page(client, consultation, "?hamlet=KHONG").status_code == 404


@pytest.mark.browser
def test_the_paper_form_prints_on_a4_in_large_type(live_server, browser, consultation, tmp_path):
    from tests.test_qr_posters import _slug_then_release, pdf_page_count

    slug = _slug_then_release(consultation)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(live_server.url + "/login")
        page.get_by_label("Tên đăng nhập").fill("canboxom2")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url("**/staff/")
        page.goto(f"{live_server.url}/staff/consultations/{slug}/paper-form?hamlet=X02")
        page.emulate_media(media="print")
        body_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.paper')).fontSize)")
        smallest = page.evaluate("""Math.min(...[...document.querySelectorAll('#paper-form *')]
            .filter(el => el.childNodes.length && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(el => parseFloat(getComputedStyle(el).fontSize)))""")
        pdf = page.pdf(path=str(tmp_path / "paper-form.pdf"), prefer_css_page_size=True, print_background=True)
        page.set_viewport_size({"width": 794, "height": 1123})
        page.screenshot(path=str(tmp_path / "paper-form.png"), full_page=True)
    finally:
        context.close()
    assert body_size >= 13 * 96 / 72  # 13 pt
    assert smallest >= 13 * 96 / 72 - 0.01  # nothing on the form, notes included, is below 13 pt
    pages = pdf_page_count(pdf)
    assert 1 <= pages <= 4
    assert {tuple(round(float(n)) for n in size) for size in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf)} == {(595, 842)}
