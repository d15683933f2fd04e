"""Security headers on every response, and cookies marked Secure behind HTTPS."""
from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, abort, current_app, request
from flask.sessions import SecureCookieSessionInterface
from consult.i18n import gettext as _

#: No inline script or style, nothing from another host, no framing.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, with Secure set whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


def _clean_bytes(raw: bytes) -> bool:
    """Percent-decoded, the bytes are valid UTF-8 and hold no NUL."""
    decoded = unquote_to_bytes(raw.replace(b"+", b" "))
    if b"\x00" in decoded:
        return False
    try:
        decoded.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def reject_malformed_input() -> None:
    """Before every request: malformed UTF-8, NUL bytes or too many fields get a clear 400/413.

    Werkzeug would otherwise replace undecodable bytes with U+FFFD and store the text
    silently changed; a resident must instead be told what went wrong.
    """
    message = _("Dữ liệu gửi lên có ký tự không hợp lệ (lỗi mã hóa hoặc ký tự rỗng). "
                "Vui lòng gõ lại nội dung rồi gửi lại.")
    if not _clean_bytes(request.query_string):
        abort(400, description=message)
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.mimetype == "application/x-www-form-urlencoded":
        if not _clean_bytes(request.get_data(cache=True)):
            abort(400, description=message)
    elif request.mimetype == "multipart/form-data":
        if any("\x00" in value or "\ufffd" in value for value in request.form.values()):
            abort(400, description=message)
    if len(request.form) + len(request.files) > current_app.config["MAX_FORM_PARTS"]:
        abort(413)


def init_security(app: Flask) -> None:
    """Install the session interface, the input guard and the header hook."""
    app.session_interface = SessionInterface()
    # First of all before_request hooks: it must read the raw body before anything
    # (CSRFProtect included) parses it into a form.
    app.before_request_funcs.setdefault(None, []).insert(0, reject_malformed_input)

    @app.after_request
    def _security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.path.startswith(("/staff", "/login", "/r/", "/feedback/")) and "Cache-Control" not in headers:
            headers["Cache-Control"] = "no-store"
        return response
