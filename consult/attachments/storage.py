"""Storing official PDFs: checked by content, saved under a random name, never the uploaded one.

No request and no commit here: the caller commits, then removes files of deleted rows.
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
from pathlib import Path

from flask import current_app
from consult.i18n import gettext as _

from consult.extensions import db
from consult.models import Attachment, Consultation
from consult.text import clean_text

#: The largest PDF accepted (the request limit, MAX_CONTENT_LENGTH, leaves room for the form).
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
_TAIL = 2048  # %%EOF and startxref sit at the very end, after any trailing whitespace
_STARTXREF = re.compile(rb"startxref\s+(\d{1,12})\s+%%EOF", re.DOTALL)
_OBJECT = re.compile(rb"\d{1,10}\s+\d{1,5}\s+obj\b")
_UNSAFE_NAME = re.compile(r"[^\w\s.,()\[\]+&'–-]", re.UNICODE)


class AttachmentError(ValueError):
    """An upload that cannot be stored; the message is for staff."""


def upload_dir() -> Path:
    """The folder of stored files (instance/uploads by default), created on first use."""
    folder = Path(current_app.config["UPLOAD_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def stored_path(attachment: Attachment) -> Path:
    """Where an attachment's bytes are. The name is random hex made here, so it cannot escape the folder."""
    if not re.fullmatch(r"[0-9a-f]{32}\.pdf", attachment.stored_name):
        raise FileNotFoundError(attachment.stored_name)
    return upload_dir() / attachment.stored_name


def looks_like_pdf(data: bytes) -> bool:
    """A PDF by its content, not its name: header, end marker, a cross-reference offset, objects."""
    if not re.match(rb"%PDF-[12]\.\d", data[:16]):
        return False
    tail = data[-_TAIL:]
    if b"%%EOF" not in tail:
        return False
    match = None
    for match in _STARTXREF.finditer(tail):
        pass
    if match is None or int(match.group(1)) >= len(data):
        return False
    return bool(_OBJECT.search(data)) and b"endobj" in data


def clean_filename(name: str | None) -> str:
    """The uploaded name for display and Content-Disposition: no folders, no odd characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = clean_text(unicodedata.normalize("NFC", base), multiline=False)
    base = _UNSAFE_NAME.sub("_", base).strip(" ._")
    stem = re.sub(r"(?i)\.pdf$", "", base).strip(" ._")[:150]
    return f"{stem or 'tai-lieu'}.pdf"


def default_title(filename: str) -> str:
    """A link text from a file name: "Du_thao_Nghi_quyet.pdf" → "Du thao Nghi quyet"."""
    return re.sub(r"[_\s]+", " ", filename.removesuffix(".pdf")).strip() or _("Tài liệu")


def read_upload(stream) -> bytes:
    """The upload's bytes, refusing anything over the limit without reading it all."""
    data = stream.read(MAX_ATTACHMENT_BYTES + 1)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(_("Tệp lớn hơn 10 MB. Hãy nén tệp PDF hoặc tách thành nhiều tệp."))
    if not data:
        raise AttachmentError(_("Tệp trống. Hãy chọn lại tệp PDF."))
    return data


def store_pdf(consultation: Consultation, data: bytes, filename: str, title: str, uploaded_by) -> Attachment:
    """Check the bytes are a PDF, write them under a random name and add the row (not committed)."""
    if not looks_like_pdf(data):
        raise AttachmentError(_(
            "Tệp này không phải PDF (đã kiểm tra nội dung tệp, không chỉ phần đuôi tên). "
            "Hãy lưu văn bản dưới dạng PDF rồi tải lên lại."
        ))
    stored_name = f"{secrets.token_hex(16)}.pdf"
    path = upload_dir() / stored_name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    last = db.session.execute(
        db.select(db.func.max(Attachment.position)).where(Attachment.consultation_id == consultation.id)
    ).scalar_one()
    clean_name = clean_filename(filename)
    attachment = Attachment(
        consultation_id=consultation.id, title=(title or default_title(clean_name))[:200],
        filename=clean_name, stored_name=stored_name, size=len(data),
        sha256=hashlib.sha256(data).hexdigest(), position=(last or 0) + 1,
        uploaded_by_id=getattr(uploaded_by, "id", None),
    )
    db.session.add(attachment)
    db.session.flush()
    return attachment


def remove_file(stored_name: str) -> None:
    """Delete a stored file after its row is gone (missing files are fine)."""
    if re.fullmatch(r"[0-9a-f]{32}\.pdf", stored_name):
        (upload_dir() / stored_name).unlink(missing_ok=True)
