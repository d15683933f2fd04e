"""Official PDFs: checked by content, stored under a random name, served inline with safe headers."""
from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from consult.attachments.storage import MAX_ATTACHMENT_BYTES, clean_filename, looks_like_pdf, stored_path
from consult.extensions import db
from consult.models import Attachment, AuditEntry, Role
from tests.conftest import csrf_token, login_as
from tests.factories import make_consultation


def minimal_pdf(text: str = "Du thao") -> bytes:
    """A tiny but well-formed one-page PDF: header, objects, cross-reference table, trailer."""
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + b"\x00" * 64
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture
def staff(client, users):
    login_as(client, users[Role.MODERATOR])
    return client


def _upload(client, slug: str, data: bytes, filename: str, title: str = ""):
    return client.post(f"/staff/consultations/{slug}/attachments", data={
        "csrf_token": csrf_token(client), "title": title, "file": (io.BytesIO(data), filename),
    }, content_type="multipart/form-data")


def _attachments() -> list[Attachment]:
    db.session.expire_all()
    return list(db.session.execute(db.select(Attachment).order_by(Attachment.id)).scalars())


def _upload_dir(app) -> Path:
    return Path(app.config["UPLOAD_DIR"])


def test_the_minimal_pdf_is_a_pdf_and_impostors_are_not():
    assert looks_like_pdf(minimal_pdf())
    assert not looks_like_pdf(PNG) and not looks_like_pdf(HTML)
    assert not looks_like_pdf(b"%PDF-1.4\n<html><script>alert(1)</script>")  # a header alone is not enough
    assert not looks_like_pdf(minimal_pdf()[:-30])                          # truncated: no %%EOF
    assert not looks_like_pdf(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\nstartxref\n999999\n%%EOF\n")  # offset past the end


def test_a_real_pdf_is_stored_under_a_random_name_with_its_hash(app, staff):
    consultation = make_consultation("co-pdf", state="draft")
    db.session.commit()
    data = minimal_pdf()
    response = _upload(staff, "co-pdf", data, "Dự thảo Nghị quyết số 05.pdf", title="Dự thảo Nghị quyết (PDF)")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/staff/consultations/co-pdf#attachments")
    [attachment] = _attachments()
    assert attachment.consultation_id == consultation.id and attachment.title == "Dự thảo Nghị quyết (PDF)"
    assert attachment.filename == "Dự thảo Nghị quyết số 05.pdf"
    assert attachment.size == len(data) and attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.stored_name != attachment.filename and len(attachment.stored_name) == 36
    stored = _upload_dir(app) / attachment.stored_name
    assert stored.read_bytes() == data
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "attachment.upload")).scalar_one()
    assert entry.details["sha256"] == attachment.sha256
    hub = staff.get("/staff/consultations/co-pdf").get_data(as_text=True)
    assert f'href="/c/co-pdf/files/{attachment.id}"' in hub and "Dự thảo Nghị quyết (PDF)" in hub


def test_the_title_defaults_to_the_file_name(staff):
    make_consultation("ten-tep", state="draft")
    db.session.commit()
    _upload(staff, "ten-tep", minimal_pdf(), "To_trinh_du_thao.PDF")
    assert _attachments()[0].title == "To trinh du thao"


@pytest.mark.parametrize("data, filename", [(PNG, "du-thao.pdf"), (HTML, "du-thao.pdf"), (HTML, "trang.html"),
                                            (b"", "rong.pdf")])
def test_anything_but_a_pdf_is_refused_in_vietnamese(app, staff, data, filename):
    make_consultation("khong-pdf", state="draft")
    db.session.commit()
    before = set(os.listdir(_upload_dir(app))) if _upload_dir(app).exists() else set()
    response = _upload(staff, "khong-pdf", data, filename, title="Giữ tên này")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "không phải PDF" in html or "Tệp trống" in html
    assert 'value="Giữ tên này"' in html
    assert _attachments() == []
    after = set(os.listdir(_upload_dir(app))) if _upload_dir(app).exists() else set()
    assert after == before  # nothing written


def test_an_oversize_file_is_refused_clearly(staff):
    make_consultation("qua-lon", state="draft")
    db.session.commit()
    just_over = minimal_pdf() + b"%" * (MAX_ATTACHMENT_BYTES + 1 - len(minimal_pdf()))
    response = _upload(staff, "qua-lon", just_over, "lon.pdf")
    assert response.status_code == 422
    assert "Tệp lớn hơn 10 MB" in response.get_data(as_text=True)
    far_over = b"%PDF-1.4\n" + b"0" * (13 * 1024 * 1024)
    too_big = _upload(staff, "qua-lon", far_over, "rat-lon.pdf")
    assert too_big.status_code == 413
    assert "tối đa 10 MB" in too_big.get_data(as_text=True)
    assert _attachments() == []


def test_path_traversal_in_the_name_is_impossible_by_construction(app, staff):
    make_consultation("duong-dan", state="draft")
    db.session.commit()
    for name in ("../../../etc/passwd.pdf", "/tmp/x.pdf", "a/../../b.pdf"):
        assert _upload(staff, "duong-dan", minimal_pdf(name[:5]), name).status_code == 303
    names = [a.filename for a in _attachments()]
    assert names == ["passwd.pdf", "x.pdf", "b.pdf"]
    for attachment in _attachments():
        assert stored_path(attachment).parent == _upload_dir(app)
        assert stored_path(attachment).exists()
    forged = Attachment(stored_name="../../secret.pdf")
    with pytest.raises(FileNotFoundError):
        stored_path(forged)
    assert clean_filename('<script>"x".pdf') == "script__x.pdf"
    assert clean_filename("") == "tai-lieu.pdf"
    assert clean_filename("C:\\Users\\..\\win.ini.pdf") == "win.ini.pdf"  # old browsers send Windows paths
    assert clean_filename("..") == "tai-lieu.pdf"


def test_download_headers(staff, client):
    make_consultation("tai-ve", state="open")
    db.session.commit()
    data = minimal_pdf()
    _upload(staff, "tai-ve", data, "Dự thảo Quy chế.pdf")
    attachment = _attachments()[0]
    anonymous = client.application.test_client()
    response = anonymous.get(f"/c/tai-ve/files/{attachment.id}")
    assert response.status_code == 200
    assert response.data == data
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline;")
    assert 'filename="Du thao Quy che.pdf"' in disposition
    assert "filename*=UTF-8''D%E1%BB%B1%20th%E1%BA%A3o%20Quy%20ch%E1%BA%BF.pdf" in disposition
    assert "public" in response.headers["Cache-Control"] and "max-age=86400" in response.headers["Cache-Control"]
    assert response.headers["ETag"].strip('"') == attachment.sha256
    again = anonymous.get(f"/c/tai-ve/files/{attachment.id}", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_a_drafts_files_are_for_staff_only(staff, client):
    make_consultation("nhap-pdf", state="draft")
    make_consultation("khac", state="open")
    db.session.commit()
    _upload(staff, "nhap-pdf", minimal_pdf(), "nhap.pdf")
    attachment = _attachments()[0]
    anonymous = client.application.test_client()
    assert anonymous.get(f"/c/nhap-pdf/files/{attachment.id}").status_code == 404
    seen_by_staff = staff.get(f"/c/nhap-pdf/files/{attachment.id}")
    assert seen_by_staff.status_code == 200 and seen_by_staff.headers["Cache-Control"] == "private, no-store"
    # The file belongs to its own consultation only.
    assert staff.get(f"/c/khac/files/{attachment.id}").status_code == 404
    assert staff.get("/c/nhap-pdf/files/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_delete_removes_the_row_and_the_file(app, staff):
    make_consultation("go-tep", state="open")
    db.session.commit()
    _upload(staff, "go-tep", minimal_pdf(), "go.pdf")
    attachment = _attachments()[0]
    attachment_id, path = attachment.id, _upload_dir(app) / attachment.stored_name
    assert path.exists()
    response = staff.post(f"/staff/consultations/go-tep/attachments/{attachment_id}/delete",
                          data={"csrf_token": csrf_token(staff)})
    assert response.status_code == 303
    assert _attachments() == [] and not path.exists()
    assert db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "attachment.delete")).scalar_one()
    assert staff.get(f"/c/go-tep/files/{attachment_id}").status_code == 404


def test_hamlet_officers_and_council_cannot_upload(client, users):
    make_consultation("cam-tai", state="draft")
    db.session.commit()
    for role in (Role.HAMLET_OFFICER, Role.COUNCIL):
        login_as(client, users[role])
        assert _upload(client, "cam-tai", minimal_pdf(), "x.pdf").status_code == 403
    assert _attachments() == []
