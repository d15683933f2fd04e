"""Routes: /login, /logout."""
from __future__ import annotations

from datetime import timedelta

from flask import flash, redirect, render_template, request, session, url_for
from consult.i18n import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from consult import audit
from consult.auth import bp
from consult.auth.forms import LoginForm
from consult.auth.services import authenticate, note_failure, note_success, seconds_until_allowed
from consult.extensions import db
from consult.i18n import format_datetime
from consult.ratelimit import client_ip
from consult.timeutil import utcnow


def _safe_next(target: str | None) -> str:
    """Only same-site paths; anything else goes to the staff dashboard."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("staff.dashboard")


def _wait_message(seconds: int) -> str:
    until = format_datetime(utcnow() + timedelta(seconds=seconds))
    if seconds < 60:
        return _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(n)s giây (lúc %(until)s).", n=seconds, until=until)
    minutes = (seconds + 59) // 60
    return _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(n)s phút (lúc %(until)s).", n=minutes, until=until)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign a staff member in, throttling repeated failures per account and per address."""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(_safe_next(request.args.get("next")))
    form = LoginForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("auth/login.html", form=form), status

    username = form.username.data.strip().lower()
    ip = client_ip()
    wait = seconds_until_allowed(username, ip)
    if wait:
        form.password.data = ""
        return render_template("auth/login.html", form=form, error=_wait_message(wait)), 429, {
            "Retry-After": str(wait)
        }
    user = authenticate(username, form.password.data)
    if user is None:
        note_failure(username, ip)
        audit.record("auth.login_failed", actor=None, username=username[:60])
        db.session.commit()
        wait = seconds_until_allowed(username, ip)
        error = _wait_message(wait) if wait else _("Tên đăng nhập hoặc mật khẩu không đúng.")
        return render_template("auth/login.html", form=form, error=error), 401 if not wait else 429

    note_success(username)
    session.clear()  # a fresh session (and CSRF token) at every sign-in
    login_user(user)
    user.last_login_at = utcnow()
    audit.record("auth.login", user, actor=user)
    db.session.commit()
    return redirect(_safe_next(form.next.data), 303)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out and drop the session."""
    audit.record("auth.logout", current_user._get_current_object())
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("public.home"), 303)
