"""Commune settings and hamlets, edited by admins and audited."""
from __future__ import annotations

from consult.extensions import db
from consult.models import AuditEntry, CommuneSettings, Hamlet, Role
from tests.conftest import login_as, post

SETTINGS = {
    "name": "Diễn Châu", "unit_kind": "xã", "province": "Nghệ An", "place_name": "Diễn Châu",
    "ubnd_name": "Ủy ban nhân dân xã Diễn Châu", "mttq_name": "Ủy ban MTTQ Việt Nam xã Diễn Châu",
    "hdnd_name": "Hội đồng nhân dân xã Diễn Châu", "ubnd_chair": "Nguyễn Văn A", "ubnd_vice_chair": "",
    "mttq_chair": "", "mttq_vice_chair": "", "report_recipients": "Thường trực Đảng ủy xã\nLưu: VT",
    "address": "", "hotline": "0238 3862 000", "email": "", "public_host": "gopy.dienchau.example.vn",
    "feedback_due_days": "15", "retention_days": "365",
}


def test_admin_saves_the_commune_settings_and_pages_use_them(admin_client):
    response = post(admin_client, "/staff/settings", SETTINGS)
    assert response.status_code == 303
    settings = db.session.get(CommuneSettings, 1)
    assert settings.name == "Diễn Châu" and settings.feedback_due_days == 15
    assert "xã Diễn Châu" in admin_client.get("/").get_data(as_text=True)
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "settings.update")).scalar_one()
    assert entry.details["changes"]["name"][1] == "Diễn Châu"


def test_settings_validation_keeps_what_was_typed(admin_client):
    response = post(admin_client, "/staff/settings", {**SETTINGS, "email": "khong-phai-email", "feedback_due_days": "0"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Thư điện tử không hợp lệ" in html and "Từ 1 đến 90 ngày" in html
    assert 'value="Ủy ban nhân dân xã Diễn Châu"' in html


def test_admin_adds_and_edits_hamlets(admin_client):
    created = post(admin_client, "/staff/hamlets", {
        "code": "x05", "name": "Xóm 5", "kind": "xóm", "households": "312", "cultural_house": "Nhà văn hóa Xóm 5",
        "position": "5", "active": "y",
    })
    assert created.status_code == 303
    hamlet = db.session.execute(db.select(Hamlet).where(Hamlet.code == "X05")).scalar_one()
    assert hamlet.households == 312 and hamlet.active
    edited = post(admin_client, f"/staff/hamlets/{hamlet.id}", {
        "code": "X05", "name": "Xóm 5 (sáp nhập)", "kind": "xóm", "households": "480", "position": "5",
    })
    assert edited.status_code == 303
    db.session.refresh(hamlet)
    assert hamlet.households == 480 and hamlet.active is False  # unticked checkbox
    actions = {e.action for e in db.session.execute(db.select(AuditEntry)).scalars()}
    assert {"hamlet.create", "hamlet.update"} <= actions


def test_hamlet_codes_are_unique(admin_client, hamlets):
    response = post(admin_client, "/staff/hamlets", {"code": "X01", "name": "Trùng", "kind": "xóm", "households": "10"})
    assert response.status_code == 422
    assert "Mã này đã dùng" in response.get_data(as_text=True)


def test_only_admins_edit_settings(client, users):
    login_as(client, users[Role.MODERATOR])
    assert client.get("/staff/settings").status_code == 403
    assert client.get("/staff/hamlets").status_code == 403


def test_builtin_form_messages_are_vietnamese(admin_client):
    response = post(admin_client, "/staff/hamlets", {"code": "X09", "name": "", "kind": "xóm", "households": "nhiều"})
    html = response.get_data(as_text=True)
    assert "Hãy nhập một số nguyên" in html and "Hãy nhập tên" in html
    assert "This field is required" not in html and "Not a valid" not in html
