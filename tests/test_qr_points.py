"""QR points of a consultation: one per hamlet in one click, custom places, images, and their numbers."""
from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import event

from consult import codes
from consult.extensions import db
from consult.models import AuditEntry, Channel, QrPlace, QrPoint, QrScanDay, Role, Validity
from consult.qr.services import point_stats, staff_panel
from tests.conftest import login_as, post
from tests.factories import make_commune, make_consultation, make_hamlet, make_point, make_submission


@pytest.fixture
def consultation(app, users):
    made = make_consultation("du-thao-huong-uoc", title="Dự thảo Hương ước Xóm")
    db.session.commit()
    return made


@pytest.fixture
def staff(client, users):
    login_as(client, users[Role.MODERATOR])
    return client


def _points(consultation):
    return list(db.session.execute(
        db.select(QrPoint).where(QrPoint.consultation_id == consultation.id).order_by(QrPoint.id)
    ).scalars())


def _decode(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_one_click_creates_a_point_per_active_hamlet_and_is_idempotent(staff, consultation, hamlets):
    hamlets[0].cultural_house = "Nhà văn hóa Xóm 1 (cạnh chợ)"
    make_hamlet(code="X09", name="Xóm 9 (đã sáp nhập)", active=False)
    db.session.commit()
    url = f"/staff/consultations/{consultation.slug}/qr/hamlets"
    response = post(staff, url)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/staff/consultations/{consultation.slug}/qr")
    points = _points(consultation)
    assert [p.hamlet_id for p in points] == [h.id for h in hamlets]
    assert [p.label for p in points] == ["Nhà văn hóa Xóm 1 (cạnh chợ)", "Nhà văn hóa Xóm 2", "Nhà văn hóa Xóm 3"]
    assert all(p.place is QrPlace.HAMLET and p.active for p in points)
    assert all(codes.parse_qr_code(p.code) == p.code and len(p.code) == 6 for p in points)
    assert len({p.code for p in points}) == 3

    post(staff, url)  # a second click (or a double tap) creates nothing new
    assert len(_points(consultation)) == 3
    assert "đã có mã" in staff.get(f"/staff/consultations/{consultation.slug}/qr").get_data(as_text=True)
    entries = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "qr.create_for_hamlets")).scalars().all()
    assert len(entries) == 1 and entries[0].details["codes"] == [p.code for p in points]


def test_a_hamlet_whose_point_was_stopped_gets_a_new_one(staff, consultation, hamlets):
    make_point(consultation, hamlet=hamlets[0], code="OLD111".replace("O", "0").replace("L", "1"), active=False)
    make_point(consultation, hamlet=hamlets[1])
    db.session.commit()
    post(staff, f"/staff/consultations/{consultation.slug}/qr/hamlets")
    active = [p for p in _points(consultation) if p.active]
    assert sorted(p.hamlet_id for p in active) == sorted(h.id for h in hamlets)


def test_a_code_collision_is_retried_with_another_code(staff, consultation, hamlets, monkeypatch):
    make_point(make_consultation("dot-khac"), code="AAAAAA")
    db.session.commit()
    offered = iter(["AAAAAA", "AAAAAA", "BBBBBB"])
    monkeypatch.setattr("consult.qr.services.new_qr_code", lambda: next(offered))
    response = post(staff, f"/staff/consultations/{consultation.slug}/qr", {"place": "office", "label": "Bộ phận một cửa"})
    assert response.status_code == 303
    assert [p.code for p in _points(consultation)] == ["BBBBBB"]


def test_a_custom_place_with_a_label(staff, consultation, hamlets):
    response = post(staff, f"/staff/consultations/{consultation.slug}/qr", {
        "place": "meeting", "label": "Hội nghị cử tri Xóm 2, 12/04/2026", "hamlet_id": str(hamlets[1].id),
    })
    assert response.status_code == 303
    point = _points(consultation)[0]
    assert (point.place, point.label, point.hamlet_id) == (QrPlace.MEETING, "Hội nghị cử tri Xóm 2, 12/04/2026", hamlets[1].id)
    assert response.headers["Location"].endswith(f"#point-{point.code}")


def test_a_custom_place_needs_a_label(staff, consultation):
    response = post(staff, f"/staff/consultations/{consultation.slug}/qr", {"place": "office", "label": "  "})
    assert response.status_code == 422
    assert "Hãy nhập tên nơi đặt mã" in response.get_data(as_text=True)
    assert _points(consultation) == []


def test_stopping_and_resuming_a_point(staff, consultation, client):
    point = make_point(consultation, code="CC33DD")
    db.session.commit()
    url = f"/staff/consultations/{consultation.slug}/qr/CC33DD/active"
    assert post(staff, url).status_code == 303
    db.session.refresh(point)
    assert not point.active
    assert client.get("/q/CC33DD").status_code == 404
    post(staff, url)
    db.session.refresh(point)
    assert point.active
    actions = db.session.execute(db.select(AuditEntry.action).order_by(AuditEntry.id)).scalars().all()
    assert actions == ["qr.deactivate", "qr.activate"]


def test_the_page_shows_each_point_with_its_numbers(staff, consultation, hamlets):
    make_commune(public_host="gopy.dienchau.example.vn")
    point = make_point(consultation, hamlet=hamlets[2], code="7K3MQ2")
    db.session.add(QrScanDay(point_id=point.id, day=consultation.opens_at.date(), scans=40))
    for _ in range(10):
        make_submission(consultation, hamlet=hamlets[2], channel=Channel.QR, qr_point_id=point.id)
    make_submission(consultation, channel=Channel.QR, qr_point_id=point.id, validity=Validity.SPAM)
    db.session.commit()
    html = staff.get(f"/staff/consultations/{consultation.slug}/qr").get_data(as_text=True)
    row = html[html.index('id="point-7K3MQ2"'):]
    row = row[:row.index("</tr>")]
    assert "Nhà văn hóa Xóm 3" in row and "gopy.dienchau.example.vn/q/7K3MQ2" in row
    assert re.search(r">40</td>\s*<td class=\"num\">10</td>\s*<td class=\"num\">25,0%</td>", row)
    assert '<svg viewBox="0 0 45 45" class="qr">' in row


def test_png_download_decodes_to_the_points_public_url(staff, consultation):
    make_commune(public_host="gopy.dienchau.example.vn")
    make_point(consultation, code="7K3MQ2")
    db.session.commit()
    response = staff.get(f"/staff/consultations/{consultation.slug}/qr/7k3mq2.png")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Disposition"] == 'attachment; filename="ma-qr-7K3MQ2.png"'
    assert _decode(response.data) == ["https://gopy.dienchau.example.vn/q/7K3MQ2"]
    assert Image.open(io.BytesIO(response.data)).size[0] >= 1000  # big enough to print sharply


def test_without_a_public_host_the_qr_points_at_the_requested_host(staff, consultation):
    make_point(consultation, code="7K3MQ2")
    db.session.commit()
    png = staff.get(f"/staff/consultations/{consultation.slug}/qr/7K3MQ2.png").data
    assert _decode(png) == ["http://localhost/q/7K3MQ2"]
    svg = staff.get(f"/staff/consultations/{consultation.slug}/qr/7K3MQ2.svg")
    assert svg.headers["Content-Type"].startswith("image/svg+xml") and b"<svg" in svg.data


def test_images_of_another_consultations_point_are_not_found(staff, consultation):
    make_point(make_consultation("dot-khac"), code="7K3MQ2")
    db.session.commit()
    assert staff.get(f"/staff/consultations/{consultation.slug}/qr/7K3MQ2.png").status_code == 404
    assert staff.get(f"/staff/consultations/{consultation.slug}/qr/7K3MQ2/poster").status_code == 404


def test_council_sees_points_but_cannot_change_them(client, users, consultation):
    login_as(client, users[Role.COUNCIL])
    make_point(consultation, code="7K3MQ2")
    db.session.commit()
    html = client.get(f"/staff/consultations/{consultation.slug}/qr").get_data(as_text=True)
    assert "7K3MQ2" in html and "Tạo mã" not in html and "Ngừng dùng" not in html
    assert post(client, f"/staff/consultations/{consultation.slug}/qr/hamlets").status_code == 403


def test_panel_numbers_are_aggregated_in_sql_with_a_fixed_number_of_queries(app, consultation, hamlets):
    points = [make_point(consultation, hamlet=hamlet) for hamlet in hamlets]
    office = make_point(consultation)
    other = make_point(make_consultation("dot-khac"), code="ZZ99ZZ")
    for scans, point in zip((5, 0, 8, 2), points + [office]):
        if scans:
            db.session.add(QrScanDay(point_id=point.id, day=consultation.opens_at.date(), scans=scans))
    db.session.add(QrScanDay(point_id=other.id, day=consultation.opens_at.date(), scans=99))
    make_submission(consultation, channel=Channel.QR, qr_point_id=points[0].id)
    make_submission(consultation, channel=Channel.QR, qr_point_id=points[0].id)
    make_submission(consultation, channel=Channel.QR, qr_point_id=points[2].id, validity=Validity.DUPLICATE)
    make_submission(consultation, channel=Channel.WEB)
    db.session.commit()

    consultation_id = consultation.id  # load it before counting
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2]) if args[2].lstrip().upper().startswith("SELECT") else None  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        context = staff_panel(consultation)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(statements) == 1 and "GROUP BY" in statements[0].upper() and consultation_id

    rows = [(s.point.label, s.scans, s.submissions) for s in context["qr_stats"]]
    assert rows == [("Nhà văn hóa Xóm 1", 5, 2), ("Nhà văn hóa Xóm 2", 0, 0), ("Nhà văn hóa Xóm 3", 8, 0),
                    ("Trụ sở UBND xã", 2, 0)]
    assert context["qr_stats"][0].conversion == 0.4 and context["qr_stats"][1].conversion is None
    assert (context["qr_totals"].scans, context["qr_totals"].submissions) == (15, 2)


def test_panel_template_renders_the_numbers(app, consultation, hamlets):
    point = make_point(consultation, hamlet=hamlets[0], code="7K3MQ2")
    db.session.add(QrScanDay(point_id=point.id, day=consultation.opens_at.date(), scans=8))
    make_submission(consultation, channel=Channel.QR, qr_point_id=point.id)
    db.session.commit()
    from flask import render_template

    from consult.panels import CONSULTATION_PANELS

    panel = next(p for p in CONSULTATION_PANELS if p.template == "qr/_panel.html")
    with app.test_request_context("/staff/"):
        html = render_template(panel.template, **panel.load(consultation))
    assert "7K3MQ2" in html and "12,5%" in html and ">8</td>" in html
    assert len(point_stats(consultation)) == 1


def test_points_of_an_unpublished_consultation_warn_that_scans_wait_for_publication(staff, users):
    draft = make_consultation("ban-nhap", state="draft")
    db.session.commit()
    html = staff.get("/staff/consultations/ban-nhap/qr").get_data(as_text=True)
    assert "chưa được công bố" in html and draft.published_at is None
