"""The staff menu, in one place; entries whose feature is not installed are skipped."""
from __future__ import annotations

from flask import current_app
from consult.i18n import lazy_gettext as _l

from consult.permissions import Permission

#: (endpoint, label, permission) in menu order.
STAFF_MENU = [
    ("staff_consultations.index", _l("Đợt lấy ý kiến"), Permission.CONSULTATION_VIEW),
    ("moderation.queue", _l("Kiểm duyệt"), Permission.MODERATE),
    ("feedback_staff.inbox", _l("Hòm thư góp ý"), Permission.FEEDBACK_VIEW),
    ("admin.users", _l("Tài khoản"), Permission.USERS_MANAGE),
    ("admin.settings", _l("Cài đặt xã"), Permission.SETTINGS_MANAGE),
    ("admin.audit_log", _l("Nhật ký"), Permission.AUDIT_VIEW),
]


def staff_menu() -> list[tuple[str, str, Permission]]:
    """Menu entries whose endpoints exist in this app."""
    return [entry for entry in STAFF_MENU if entry[0] in current_app.view_functions]
