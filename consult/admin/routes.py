"""Routes: /staff/users (accounts), /staff/settings and /staff/hamlets (the commune), /staff/audit."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from consult.i18n import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from consult import audit
from consult.admin import bp
from consult.admin.forms import (
    CommuneSettingsForm, ConfirmForm, HamletForm, PasswordResetForm, UserCreateForm, UserForm,
)
from consult.admin.services import (
    HAMLET_FIELDS, SETTINGS_FIELDS, UserError, create_user, list_hamlets, list_users, reset_password,
    save_hamlet, save_settings, set_active, update_user,
)
from consult.extensions import db
from consult.models import AuditEntry, CommuneSettings, Hamlet, Role, User
from consult.permissions import Permission, require
from consult.settings import active_hamlets

AUDIT_PAGE_SIZE = 50


def _with_hamlets(form: UserForm) -> UserForm:
    form.hamlet_id.choices = [SelectChoice(0, "—")] + [SelectChoice(h.id, h.name) for h in active_hamlets()]
    return form


def _hamlet(form: UserForm) -> Hamlet | None:
    return db.session.get(Hamlet, form.hamlet_id.data) if form.hamlet_id.data else None


@bp.route("/users", methods=["GET", "POST"])
@require(Permission.USERS_MANAGE)
def users():
    """List accounts and add one."""
    form = _with_hamlets(UserCreateForm())
    if form.validate_on_submit():
        try:
            user = create_user(form.username.data, Role(form.role.data), form.password.data,
                               full_name=form.full_name.data or "", hamlet=_hamlet(form))
        except UserError as error:
            form.username.errors.append(str(error))
        else:
            audit.record("user.create", user, role=user.role.value, hamlet_id=user.hamlet_id)
            db.session.commit()
            flash(_("Đã thêm tài khoản %(name)s.", name=user.username), "success")
            return redirect(url_for("admin.users"), 303)
    status = 422 if form.errors else 200
    return render_template("admin/users.html", users=list_users(), form=form), status


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@require(Permission.USERS_MANAGE)
def user_edit(user_id: int):
    """Change an account's name, role and hamlet."""
    user = db.get_or_404(User, user_id)
    form = _with_hamlets(UserForm(obj=user if request.method == "GET" else None))
    if request.method == "GET":
        form.role.data = user.role.value
        form.hamlet_id.data = user.hamlet_id or 0
    if form.validate_on_submit():
        try:
            changes = update_user(user, full_name=form.full_name.data or "", role=Role(form.role.data),
                                  hamlet=_hamlet(form), acting=current_user)
        except UserError as error:
            form.role.errors.append(str(error))
        else:
            audit.record("user.update", user, changes=changes)
            db.session.commit()
            flash(_("Đã lưu."), "success")
            return redirect(url_for("admin.user_edit", user_id=user.id), 303)
    return render_template(
        "admin/user_edit.html", user=user, form=form, password_form=PasswordResetForm(),
        confirm_form=ConfirmForm(),
    ), 422 if form.errors else 200


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@require(Permission.USERS_MANAGE)
def user_toggle_active(user_id: int):
    """Disable or re-enable an account."""
    user = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        set_active(user, not user.active, acting=current_user)
    except UserError as error:
        flash(str(error), "error")
    else:
        audit.record("user.enable" if user.active else "user.disable", user)
        db.session.commit()
        flash(_("Đã mở khóa tài khoản.") if user.active else _("Đã khóa tài khoản."), "success")
    return redirect(url_for("admin.user_edit", user_id=user.id), 303)


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@require(Permission.USERS_MANAGE)
def user_reset_password(user_id: int):
    """Set a new password (signs the account out everywhere)."""
    user = db.get_or_404(User, user_id)
    form = PasswordResetForm()
    if form.validate_on_submit():
        try:
            reset_password(user, form.new_password.data)
        except UserError as error:
            form.new_password.errors.append(str(error))
        else:
            audit.record("user.reset_password", user)
            db.session.commit()
            flash(_("Đã đặt mật khẩu mới cho %(name)s.", name=user.username), "success")
            return redirect(url_for("admin.user_edit", user_id=user.id), 303)
    return render_template(
        "admin/user_edit.html", user=user, form=_with_hamlets(UserForm(obj=user)),
        password_form=form, confirm_form=ConfirmForm(),
    ), 422


@bp.route("/audit")
@require(Permission.AUDIT_VIEW)
def audit_log():
    """The audit log, newest first, filterable by action prefix."""
    action = request.args.get("action", "").strip()
    query = db.select(AuditEntry).order_by(AuditEntry.id.desc())
    if action:
        query = query.where(AuditEntry.action.startswith(action, autoescape=True))
    page = db.paginate(query, per_page=AUDIT_PAGE_SIZE, error_out=False)
    return render_template("admin/audit.html", page=page, action=action)


@bp.route("/settings", methods=["GET", "POST"])
@require(Permission.SETTINGS_MANAGE)
def settings():
    """The commune's names, signers and contact line."""
    current = db.session.get(CommuneSettings, 1)
    form = CommuneSettingsForm(obj=current)
    if form.validate_on_submit():
        record, changes = save_settings({name: getattr(form, name).data for name in SETTINGS_FIELDS})
        db.session.flush()
        audit.record("settings.update", record, changes=changes)
        db.session.commit()
        flash(_("Đã lưu cài đặt của xã."), "success")
        return redirect(url_for("admin.settings"), 303)
    return render_template("admin/settings.html", form=form), 422 if form.errors else 200


@bp.route("/hamlets", methods=["GET", "POST"])
@require(Permission.SETTINGS_MANAGE)
def hamlets():
    """List the hamlets with their households, and add one."""
    form = HamletForm()
    if form.validate_on_submit():
        try:
            hamlet, _changes = save_hamlet(None, {name: getattr(form, name).data for name in HAMLET_FIELDS})
        except UserError as error:
            form.code.errors.append(str(error))
        else:
            audit.record("hamlet.create", hamlet, code=hamlet.code, name=hamlet.name)
            db.session.commit()
            flash(_("Đã thêm %(name)s.", name=hamlet.name), "success")
            return redirect(url_for("admin.hamlets"), 303)
    return render_template("admin/hamlets.html", hamlets=list_hamlets(), form=form), 422 if form.errors else 200


@bp.route("/hamlets/<int:hamlet_id>", methods=["GET", "POST"])
@require(Permission.SETTINGS_MANAGE)
def hamlet_edit(hamlet_id: int):
    """Rename a hamlet, change its households, or stop using it (never delete: data refers to it)."""
    hamlet = db.get_or_404(Hamlet, hamlet_id)
    form = HamletForm(obj=hamlet)
    if form.validate_on_submit():
        try:
            hamlet, changes = save_hamlet(hamlet, {name: getattr(form, name).data for name in HAMLET_FIELDS})
        except UserError as error:
            form.code.errors.append(str(error))
        else:
            audit.record("hamlet.update", hamlet, changes=changes)
            db.session.commit()
            flash(_("Đã lưu."), "success")
            return redirect(url_for("admin.hamlets"), 303)
    return render_template("admin/hamlet_edit.html", hamlet=hamlet, form=form), 422 if form.errors else 200
