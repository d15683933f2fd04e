"""Vietnamese error pages; a CSRF failure keeps what the user typed."""
from __future__ import annotations

from flask import Flask, render_template, request
from consult.i18n import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from consult.extensions import db
from consult.htmx import is_fragment_request, is_htmx, render_block

#: Form fields never echoed back into a page.
_NEVER_ECHO = {"csrf_token", "password", "new_password"}

TITLES = {
    400: _l("Yêu cầu không hợp lệ"),
    401: _l("Cần đăng nhập"),
    403: _l("Không có quyền truy cập"),
    404: _l("Không tìm thấy trang"),
    405: _l("Thao tác không được phép"),
    409: _l("Không thể thực hiện lúc này"),
    413: _l("Tệp hoặc nội dung quá lớn"),
    422: _l("Dữ liệu chưa hợp lệ"),
    429: _l("Quá nhiều yêu cầu"),
    500: _l("Hệ thống gặp sự cố"),
    503: _l("Hệ thống đang bảo trì"),
}
EXPLANATIONS = {
    400: _l("Máy chủ không hiểu yêu cầu này. Vui lòng quay lại và thử lại."),
    403: _l("Tài khoản của bạn không được phép xem hoặc làm việc này. Nếu cần, hãy liên hệ quản trị viên."),
    404: _l("Địa chỉ này không có hoặc đã bị gỡ. Hãy kiểm tra lại đường dẫn hoặc về trang chủ."),
    405: _l("Thao tác này không được phép ở địa chỉ này."),
    409: _l("Thao tác không thực hiện được ở trạng thái hiện tại."),
    413: _l("Nội dung gửi lên vượt quá giới hạn cho phép (tệp tối đa 10 MB). Hãy bớt nội dung hoặc chọn tệp nhỏ hơn."),
    429: _l("Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng đợi một lát rồi thử lại."),
    500: _l("Đã có lỗi ngoài ý muốn. Thông tin của bạn chưa được lưu; vui lòng thử lại sau ít phút."),
    503: _l("Vui lòng thử lại sau ít phút."),
}


def _message(error: HTTPException) -> str:
    """A view's own (Vietnamese) description if it gave one, else the standard explanation."""
    own = getattr(error, "description", None)
    if own and own != type(error).description:
        return str(own)
    return str(EXPLANATIONS.get(error.code, ""))


def init_errors(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        """The form's session expired: show what was typed, ready to send again."""
        fields = [
            (name, value)
            for name, values in request.form.lists()
            for value in values
            if name not in _NEVER_ECHO
        ]
        context = dict(fields=fields, action=request.full_path.rstrip("?"), had_files=bool(request.files))
        if is_fragment_request():
            return render_block("errors/csrf.html", "content", **context), 400
        return render_template("errors/csrf.html", **context), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        """A Vietnamese page for every HTTP error, a bare fragment for htmx."""
        template = "errors/fragment.html" if is_htmx() else "errors/page.html"
        response = error.get_response()
        body = render_template(
            template, code=error.code, title=TITLES.get(error.code, error.name), message=_message(error)
        )
        headers = {key: value for key, value in response.headers.items() if key.lower() in ("retry-after", "allow")}
        return body, error.code, headers

    @app.errorhandler(Exception)
    def server_error(error: Exception):
        """An unexpected failure: roll back, log, and say so plainly."""
        if isinstance(error, HTTPException):
            return http_error(error)
        if app.testing and not app.config.get("RENDER_SERVER_ERRORS"):
            raise error
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        template = "errors/fragment.html" if is_htmx() else "errors/page.html"
        return render_template(template, code=500, title=TITLES[500], message=EXPLANATIONS[500]), 500
