"""Routes: /c/<slug>/files/<attachment_id> (an official PDF, opened in the browser)."""
from __future__ import annotations

import unicodedata
from urllib.parse import quote

from flask import abort, send_file
from flask_login import current_user

from consult.attachments import bp
from consult.attachments.storage import stored_path
from consult.extensions import db
from consult.models import Attachment, Consultation
from consult.permissions import Permission, has_permission

#: Content at an id never changes (a new upload is a new id), so phones may keep it a while.
PUBLIC_MAX_AGE = 24 * 3600


@bp.route("/c/<slug>/files/<int:attachment_id>")
def download(slug: str, attachment_id: int):
    """An attachment of a published consultation (staff may also open a draft's)."""
    row = db.session.execute(
        db.select(Attachment, Consultation.published_at)
        .join(Consultation, Attachment.consultation_id == Consultation.id)
        .where(Attachment.id == attachment_id, Consultation.slug == slug)
    ).first()
    if row is None:
        abort(404)
    attachment, published_at = row
    public = published_at is not None
    if not public and not has_permission(current_user, Permission.CONSULTATION_VIEW):
        abort(404)
    try:
        path = stored_path(attachment)
        response = send_file(
            path, mimetype="application/pdf", conditional=True, etag=attachment.sha256,
            last_modified=attachment.uploaded_at, max_age=PUBLIC_MAX_AGE if public else None,
        )
    except FileNotFoundError:
        abort(404)
    response.headers["Content-Disposition"] = _inline_disposition(attachment.filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if not public:
        response.headers["Cache-Control"] = "private, no-store"
    return response


def _inline_disposition(filename: str) -> str:
    """inline, an ASCII fallback name, and the real (Vietnamese) name per RFC 6266 / 5987."""
    plain = unicodedata.normalize("NFKD", filename.replace("đ", "d").replace("Đ", "D"))
    plain = plain.encode("ascii", "ignore").decode("ascii")
    ascii_name = "".join(ch if ch.isprintable() and ch not in '"\\;' else "_" for ch in plain).strip()
    return f"inline; filename=\"{ascii_name or 'tai-lieu.pdf'}\"; filename*=UTF-8''{quote(filename, safe='')}"
