"""Posters: one print-ready A4 page per point, and every hamlet's poster in one document."""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone

import pytest
import zxingcpp
from PIL import Image

from consult.extensions import db
from consult.models import Role
from tests.conftest import PASSWORD, login_as
from tests.factories import make_commune, make_consultation, make_point

HOST = "gopy.dienchau.example.vn"


@pytest.fixture
def campaign(app, hamlets, users):
    """A consultation with a point at each hamlet's cultural house and one at the commune office."""
    make_commune(public_host=HOST, hotline="0238 3862 123", address="Trụ sở UBND xã Diễn Châu, Quốc lộ 1A")
    hamlets[2].cultural_house = "Nhà văn hóa Xóm 3, cạnh Trường Tiểu học"
    consultation = make_consultation(
        "du-thao-quy-che-van-hoa", title="Dự thảo Quy chế bảo vệ môi trường và nếp sống văn minh khu dân cư",
        summary="Quy định về giữ gìn vệ sinh, phân loại rác, giờ giấc sinh hoạt và việc cưới, việc tang trong xóm.",
    )
    consultation.closes_at = datetime(2099, 4, 30, 17, 0, tzinfo=timezone.utc)  # 00:00 on 1/5 in Vietnam: last day 30/4
    points = [make_point(consultation, hamlet=hamlet, code=code) for hamlet, code in zip(hamlets, ("7K3MQ1", "7K3MQ2", "7K3MQ3"))]
    make_point(consultation, code="VP0001")
    db.session.commit()
    return consultation, points


def test_a_poster_has_everything_a_resident_needs(client, users, campaign):
    consultation, points = campaign
    login_as(client, users[Role.HAMLET_OFFICER])  # hamlet officers print their posters too
    response = client.get(f"/staff/consultations/{consultation.slug}/qr/7K3MQ3/poster")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "ỦY BAN NHÂN DÂN XÃ DIỄN CHÂU" in html
    assert "Dự thảo Quy chế bảo vệ môi trường" in html and "phân loại rác" in html
    assert "Hạn góp ý: đến hết ngày 30/04/2099" in html
    assert '<svg viewBox="0 0 45 45" class="qr">' in html
    assert f"{HOST}/q/7K3MQ3" in html
    for step in ("Mở camera", "Quét mã", "Góp ý"):
        assert step in html
    assert "bỏ vào hòm phiếu tại Nhà văn hóa Xóm 3, cạnh Trường Tiểu học" in html
    assert "0238 3862 123" in html
    assert 'style="' not in html and "<script>" not in html  # the CSP allows neither
    assert html.count('class="poster"') == 1


def test_print_all_has_one_poster_per_active_hamlet_point_in_order(client, users, campaign):
    consultation, points = campaign
    points[1].active = False
    db.session.commit()
    login_as(client, users[Role.MODERATOR])
    html = client.get(f"/staff/consultations/{consultation.slug}/qr/posters").get_data(as_text=True)
    assert re.findall(r'id="poster-(\w+)"', html) == ["7K3MQ1", "7K3MQ3"]  # not the stopped one, not the office
    css = client.get("/static/css/print.css").get_data(as_text=True)
    assert "@page { size: A4;" in css and "break-after: page" in css


def test_print_all_without_hamlet_points_says_what_to_do(client, users):
    make_consultation("chua-co-ma")
    db.session.commit()
    login_as(client, users[Role.MODERATOR])
    html = client.get("/staff/consultations/chua-co-ma/qr/posters").get_data(as_text=True)
    assert "Tạo mã cho tất cả thôn/xóm" in html


# --- in a real browser: print to PDF, and scan the poster from a screenshot ----------

def _sign_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/staff/")


def _slug_then_release(consultation) -> str:
    """Read what the browser needs, then end this thread's transaction: on SQLite an open one
    here would hold the write lock the live server needs (for the sign-in)."""
    slug = consultation.slug
    db.session.commit()
    return slug


def pdf_page_count(pdf: bytes) -> int:
    """Pages of a PDF: its /Type /Page objects (not the /Pages tree nodes)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.browser
def test_the_poster_scans_back_to_its_short_url(live_server, browser, campaign, tmp_path):
    """A phone camera's view of the printed poster: a screenshot of the print layout, decoded."""
    slug = _slug_then_release(campaign[0])
    context = browser.new_context(viewport={"width": 900, "height": 1200}, device_scale_factor=1)
    page = context.new_page()
    try:
        _sign_in(page, live_server.url, "bientap")
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(f"{live_server.url}/staff/consultations/{slug}/qr/7K3MQ3/poster")
        page.emulate_media(media="print")
        shot = page.locator("#poster-7K3MQ3").screenshot(path=str(tmp_path / "poster.png"))
        page.pdf(path=str(tmp_path / "poster.pdf"), format="A4", prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
    decoded = [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))]
    assert decoded == [f"https://{HOST}/q/7K3MQ3"]
    assert pdf_page_count((tmp_path / "poster.pdf").read_bytes()) == 1
    assert errors == []  # nothing blocked by the CSP


@pytest.mark.browser
def test_print_all_renders_one_poster_per_a4_page(live_server, browser, campaign, tmp_path):
    slug = _slug_then_release(campaign[0])
    context = browser.new_context()
    page = context.new_page()
    try:
        _sign_in(page, live_server.url, "bientap")
        page.goto(f"{live_server.url}/staff/consultations/{slug}/qr/posters")
        pdf = page.pdf(path=str(tmp_path / "posters.pdf"), prefer_css_page_size=True, print_background=True)
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        page.screenshot(path=str(tmp_path / "posters-print.png"), full_page=True)
    finally:
        context.close()
    assert pdf_page_count(pdf) == 3  # one per hamlet
    sizes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert {(round(float(w)), round(float(h))) for w, h in sizes} == {(595, 842)}  # A4 in points
