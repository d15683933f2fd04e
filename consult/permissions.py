"""Who may do what, in one place: named permissions granted to roles, and scoped checks.

Every /staff view declares the permission it needs with @require(...). A staff
view without one is refused (deny by default), and the role-matrix test reads
the declarations from the URL map, so a new route without a permission fails it.
"""
from __future__ import annotations

from enum import StrEnum
from functools import wraps

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

from consult.models import Role


class Permission(StrEnum):
    """Named permissions; views, templates and tests use these names."""

    STAFF_AREA = "staff_area"                    # see the staff dashboard
    CONSULTATION_VIEW = "consultation_view"      # staff pages of consultations, pending comments, live results
    CONSULTATION_EDIT = "consultation_edit"      # create, edit, questions, QR points, attachments
    CONSULTATION_PUBLISH = "consultation_publish"  # publish, schedule, close, reopen, publish results
    ENTRY = "entry"                              # type in paper and meeting responses (officers: own hamlet)
    MODERATE = "moderate"                        # approve, reject, redact, mark submissions
    RESPOND = "respond"                          # write official responses
    AUDIT_VIEW = "audit_view"                    # read the audit log
    EXPORT = "export"                            # download reports and spreadsheets
    EXPORT_CONTACTS = "export_contacts"          # include contact details in an export
    FEEDBACK_VIEW = "feedback_view"              # read the suggestion box (officers: own hamlet)
    FEEDBACK_ENTER = "feedback_enter"            # enter paper and hotline items (officers: own hamlet)
    FEEDBACK_HANDLE = "feedback_handle"          # assign, change status, answer, merge, notes
    USERS_MANAGE = "users_manage"                # add, disable, reset staff accounts
    SETTINGS_MANAGE = "settings_manage"          # commune settings, hamlets, feedback categories


_ALL = frozenset(Permission)
_READ_ONLY = frozenset({
    Permission.STAFF_AREA, Permission.CONSULTATION_VIEW, Permission.AUDIT_VIEW,
    Permission.EXPORT, Permission.FEEDBACK_VIEW,
})

#: The grant table. Hamlet officers' grants are further scoped to their hamlet.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: _ALL,
    Role.MODERATOR: _ALL - {Permission.USERS_MANAGE, Permission.SETTINGS_MANAGE, Permission.EXPORT_CONTACTS},
    Role.HAMLET_OFFICER: frozenset({
        Permission.STAFF_AREA, Permission.CONSULTATION_VIEW, Permission.ENTRY,
        Permission.FEEDBACK_VIEW, Permission.FEEDBACK_ENTER,
    }),
    Role.COUNCIL: _READ_ONLY,
}


def has_permission(user, permission: Permission) -> bool:
    """Whether a signed-in, active staff account holds a permission."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return permission in ROLE_PERMISSIONS.get(user.role, frozenset())


def can_act_for_hamlet(user, hamlet_id: int | None) -> bool:
    """Hamlet officers act only for their own hamlet; other staff for any."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role is Role.HAMLET_OFFICER:
        return hamlet_id is not None and hamlet_id == user.hamlet_id
    return True


def hamlet_scope(user) -> int | None:
    """The one hamlet a user is limited to, or None when they see every hamlet.

    A hamlet officer without a hamlet (which the admin pages never create) is limited
    to hamlet 0, which does not exist: they see nothing rather than everything.
    """
    return (user.hamlet_id or 0) if user.role is Role.HAMLET_OFFICER else None


def require(permission: Permission):
    """Guard a view: anonymous users go to the login page, others without the permission get 403."""

    def decorator(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")), 303)
            if not has_permission(current_user, permission):
                abort(403)
            return view(*args, **kwargs)

        guarded.required_permission = permission
        return guarded

    return decorator


def deny_undeclared_staff_views() -> None:
    """Before every request: a /staff view that declares no permission is refused."""
    if not request.path.startswith("/staff") or request.endpoint is None:
        return
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "required_permission", None) is None:
        abort(403)
