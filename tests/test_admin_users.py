"""The admin page for staff accounts: add, edit, disable, reset; every change audited."""
from __future__ import annotations

from consult.extensions import db
from consult.models import AuditEntry, Role, User
from tests.conftest import login_as, post


def _audit(action: str) -> list[AuditEntry]:
    return list(db.session.execute(db.select(AuditEntry).where(AuditEntry.action == action)).scalars())


def test_admin_lists_users(admin_client, users):
    html = admin_client.get("/staff/users").get_data(as_text=True)
    for username in ("quantri", "bientap", "canboxom2", "daibieu"):
        assert username in html


def test_admin_adds_a_hamlet_officer(admin_client, users, hamlets):
    response = post(admin_client, "/staff/users", {
        "username": "CanBoXom3", "full_name": "Nguyễn Thị Lan", "role": "hamlet_officer",
        "hamlet_id": hamlets[2].id, "password": "mat-khau-dai-du",
    })
    assert response.status_code == 303
    user = db.session.execute(db.select(User).where(User.username == "canboxom3")).scalar_one()
    assert user.role is Role.HAMLET_OFFICER and user.hamlet_id == hamlets[2].id
    assert user.password_hash.startswith("scrypt:")
    entry = _audit("user.create")[0]
    assert entry.target_id == user.id and entry.actor_id is not None


def test_bad_input_is_explained_and_kept(admin_client, users):
    response = post(admin_client, "/staff/users", {
        "username": "bientap", "full_name": "Trùng tên", "role": "moderator", "hamlet_id": 0,
        "password": "mat-khau-dai-du",
    })
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Tên đăng nhập này đã có" in html and 'value="Trùng tên"' in html

    short = post(admin_client, "/staff/users", {
        "username": "moi", "role": "moderator", "hamlet_id": 0, "password": "ngan",
    })
    assert "ít nhất 10 ký tự" in short.get_data(as_text=True)

    officer = post(admin_client, "/staff/users", {
        "username": "khongxom", "role": "hamlet_officer", "hamlet_id": 0, "password": "mat-khau-dai-du",
    })
    assert "phải gắn với một thôn/xóm" in officer.get_data(as_text=True)


def test_disable_signs_the_account_out_and_is_audited(app, admin_client, users):
    moderator = users[Role.MODERATOR]
    other = app.test_client()
    login_as(other, moderator)
    assert other.get("/staff/").status_code == 200
    assert post(admin_client, f"/staff/users/{moderator.id}/active").status_code == 303
    assert db.session.get(User, moderator.id).active is False
    assert other.get("/staff/").status_code == 303
    assert _audit("user.disable")
    post(admin_client, f"/staff/users/{moderator.id}/active")
    assert db.session.get(User, moderator.id).active is True
    assert _audit("user.enable")


def test_admin_cannot_lock_themselves_out(admin_client, users):
    admin = users[Role.ADMIN]
    post(admin_client, f"/staff/users/{admin.id}/active")
    assert db.session.get(User, admin.id).active is True
    response = post(admin_client, f"/staff/users/{admin.id}", {"full_name": "", "role": "council", "hamlet_id": 0})
    assert response.status_code == 422
    assert db.session.get(User, admin.id).role is Role.ADMIN


def test_reset_password(admin_client, users):
    council = users[Role.COUNCIL]
    response = post(admin_client, f"/staff/users/{council.id}/password", {"new_password": "mat-khau-moi-dai"})
    assert response.status_code == 303
    assert db.session.get(User, council.id).check_password("mat-khau-moi-dai")
    assert _audit("user.reset_password")


def test_role_change_is_audited_with_before_and_after(admin_client, users, hamlets):
    council = users[Role.COUNCIL]
    post(admin_client, f"/staff/users/{council.id}", {"full_name": "Đại biểu", "role": "moderator", "hamlet_id": 0})
    entry = _audit("user.update")[0]
    assert entry.details["changes"]["role"] == ["council", "moderator"]


def test_council_reads_the_audit_log(client, users):
    login_as(client, users[Role.COUNCIL])
    assert client.get("/staff/audit").status_code == 200
    assert client.get("/staff/users").status_code == 403
