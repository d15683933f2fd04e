"""Staff account operations (no request, no commit: the caller commits)."""
from __future__ import annotations

import re

from consult.i18n import gettext as _

from consult.audit import apply_changes
from consult.extensions import db
from consult.models import CommuneSettings, Hamlet, Role, User
from consult.models.user import MIN_PASSWORD_LENGTH

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")


class UserError(ValueError):
    """A request that would leave the accounts in a bad state; the message is for the user."""


def validate_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError(_("Mật khẩu cần ít nhất %(n)s ký tự.", n=MIN_PASSWORD_LENGTH))


def create_user(username: str, role: Role, password: str, *, full_name: str = "",
                hamlet: Hamlet | None = None) -> User:
    """Add an account; hamlet officers must be bound to a hamlet, others must not."""
    username = (username or "").strip().lower()
    if not _USERNAME.match(username):
        raise UserError(_("Tên đăng nhập gồm 3–60 ký tự: chữ thường không dấu, số, dấu chấm, gạch."))
    if db.session.execute(db.select(User.id).where(User.username == username)).first():
        raise UserError(_("Tên đăng nhập này đã có."))
    validate_password(password)
    _check_hamlet(role, hamlet)
    user = User(username=username, full_name=full_name.strip(), role=role,
                hamlet_id=hamlet.id if hamlet and role is Role.HAMLET_OFFICER else None, active=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def _check_hamlet(role: Role, hamlet: Hamlet | None) -> None:
    if role is Role.HAMLET_OFFICER and hamlet is None:
        raise UserError(_("Cán bộ thôn/xóm phải gắn với một thôn/xóm."))


def update_user(user: User, *, full_name: str, role: Role, hamlet: Hamlet | None, acting: User) -> dict:
    """Change name, role and hamlet; returns what changed for the audit log."""
    _check_hamlet(role, hamlet)
    if user.id == acting.id and role is not Role.ADMIN:
        raise UserError(_("Bạn không thể tự bỏ quyền quản trị của mình."))
    before = {"full_name": user.full_name, "role": user.role.value, "hamlet_id": user.hamlet_id}
    user.full_name = full_name.strip()
    if role is not user.role:
        user.rotate_sessions()  # new rights take effect at the next sign-in
    user.role = role
    user.hamlet_id = hamlet.id if hamlet and role is Role.HAMLET_OFFICER else None
    after = {"full_name": user.full_name, "role": user.role.value, "hamlet_id": user.hamlet_id}
    return {key: [before[key], after[key]] for key in before if before[key] != after[key]}


def set_active(user: User, active: bool, *, acting: User) -> None:
    """Disable (signing out everywhere) or re-enable an account; never your own."""
    if user.id == acting.id:
        raise UserError(_("Bạn không thể tự khóa tài khoản của mình."))
    user.active = active
    if not active:
        user.rotate_sessions()


def reset_password(user: User, password: str) -> None:
    validate_password(password)
    user.set_password(password)


def list_users() -> list[User]:
    return list(db.session.execute(db.select(User).order_by(User.role, User.username)).scalars())


SETTINGS_FIELDS = (
    "name", "unit_kind", "province", "place_name", "ubnd_name", "mttq_name", "hdnd_name", "ubnd_chair",
    "ubnd_vice_chair", "mttq_chair", "mttq_vice_chair", "report_recipients", "address", "hotline", "email",
    "public_host", "feedback_due_days", "retention_days",
)
HAMLET_FIELDS = ("code", "name", "kind", "households", "cultural_house", "position", "active")


def save_settings(values: dict) -> tuple[CommuneSettings, dict]:
    """Create or update the commune's single settings row."""
    settings = db.session.get(CommuneSettings, 1)
    if settings is None:
        settings = CommuneSettings(id=1)
        db.session.add(settings)
        for name in SETTINGS_FIELDS:
            setattr(settings, name, None)
    changes = apply_changes(settings, values, SETTINGS_FIELDS)
    return settings, changes


def save_hamlet(hamlet: Hamlet | None, values: dict) -> tuple[Hamlet, dict]:
    """Add a hamlet or change one; codes are unique, upper case."""
    values = dict(values, code=values["code"].strip().upper())
    clash = db.session.execute(
        db.select(Hamlet.id).where(Hamlet.code == values["code"], Hamlet.id != (hamlet.id if hamlet else -1))
    ).first()
    if clash:
        raise UserError(_("Mã này đã dùng cho thôn/xóm khác."))
    if hamlet is None:
        hamlet = Hamlet()
        db.session.add(hamlet)
        for name in HAMLET_FIELDS:
            setattr(hamlet, name, None)
    changes = apply_changes(hamlet, values, HAMLET_FIELDS)
    db.session.flush()
    return hamlet, changes


def list_hamlets() -> list[Hamlet]:
    """Every hamlet, active or not, in administrative order."""
    return list(db.session.execute(db.select(Hamlet).order_by(Hamlet.position, Hamlet.id)).scalars())
