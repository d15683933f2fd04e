"""The export page and its downloads: who may export, contact details only for an admin who
says why (and the audit log keeps it), prefilled report choices, and errors that keep the input."""
from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from consult.extensions import db
from consult.models import AuditEntry, Role
from tests.conftest import login_as, post
from tests.factories import make_commune, make_consultation, make_response, make_submission

BASE = "/staff/consultations/quy-uoc/export"
REPORT_FIELDS = {
    "signer": "ubnd:chair", "number": "12", "issued_on": "2026-02-05",
    "title": "Tổng hợp, tiếp thu, giải trình ý kiến Nhân dân đối với dự thảo Quy ước xóm",
    "recipients": "Thường trực HĐND xã\nLưu: VT, VP", "conclusion": "",
}


@pytest.fixture
def consultation(app, hamlets):
    make_commune(ubnd_chair="Cao Văn Thịnh", ubnd_vice_chair="", mttq_chair="Thái Thị Thanh Bình",
                 report_recipients="Thường trực HĐND xã\nLưu: VT, VP")
    made = make_consultation("quy-uoc", state="closed", title="Dự thảo Quy ước xóm")
    submission = make_submission(made, hamlet=hamlets[0], display_name="Nguyễn Văn Bình",
                                 contact_phone="0912345678", contact_email="binh@example.vn", comments=[
                                     (made.articles[0], "agree", "Đồng ý với Điều 1", "approved"),
                                     (made.articles[1], "disagree", "Nên giảm mức đóng góp", "approved"),
                                 ])
    make_response([submission.comments[1]], "accepted", "Xin tiếp thu, giảm còn 50.000 đồng.")
    db.session.commit()
    return made


def _as(client, users, role):
    login_as(client, users[role])
    return client


def _checked(page: str, name: str) -> str | None:
    """The value of the checked radio button `name`."""
    for tag in re.findall(rf'<input[^>]*name="{name}"[^>]*>', page):
        if re.search(r"\bchecked\b", tag):
            return re.search(r'value="([^"]*)"', tag).group(1)
    return None


def _exports() -> list[AuditEntry]:
    db.session.expire_all()
    return list(db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "consultation.export")).scalars())


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MODERATOR, Role.COUNCIL])
def test_staff_who_may_export_see_the_page_prefilled(client, users, consultation, role):
    page = _as(client, users, role).get(BASE).get_data(as_text=True)
    assert "Tải báo cáo (.docx)" in page and "Tải bảng tính (.xlsx)" in page
    assert _checked(page, "signer") == "ubnd:chair" and "Cao Văn Thịnh" in page
    assert "đối với dự thảo Quy ước xóm" in page  # the title reads on from "đối với"
    assert "Thường trực HĐND xã" in page
    # Only an admin is offered contact details.
    assert ('name="include_contacts"' in page) is (role is Role.ADMIN)


def test_anonymous_users_and_hamlet_officers_cannot_export(client, users, consultation):
    assert client.get(BASE).status_code == 303
    assert post(client, f"{BASE}/data", {"format": "xlsx"}).status_code == 303
    officer = _as(client, users, Role.HAMLET_OFFICER)
    assert officer.get(BASE).status_code == 403
    assert post(officer, f"{BASE}/report", REPORT_FIELDS).status_code == 403
    assert post(officer, f"{BASE}/data", {"format": "comments_csv"}).status_code == 403
    assert _exports() == []


def test_unknown_consultation_is_404(client, users, consultation):
    assert _as(client, users, Role.MODERATOR).get("/staff/consultations/khong-co/export").status_code == 404


def test_the_report_downloads_as_word_with_the_choices_made(client, users, consultation):
    response = post(_as(client, users, Role.COUNCIL), f"{BASE}/report", REPORT_FIELDS)
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert 'filename="bao-cao-quy-uoc.docx"' in response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.data))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Cao Văn Thịnh" in text + cells
    assert "ngày 05 tháng 02 năm 2026" in text + cells
    assert "12/BC-UBND" in text + cells
    entry, = _exports()
    assert entry.details["format"] == "docx" and entry.actor_label


def test_a_vice_chair_without_a_name_in_settings_must_be_named(client, users, consultation):
    response = post(_as(client, users, Role.MODERATOR), f"{BASE}/report",
                    dict(REPORT_FIELDS, signer="ubnd:vice_chair", number="12/ABC", title="Báo cáo tháng"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "hãy nhập tên người ký" in page
    # What was typed is kept.
    assert _checked(page, "signer") == "ubnd:vice_chair" and "Báo cáo tháng" in page
    response = post(client, f"{BASE}/report", dict(REPORT_FIELDS, signer="ubnd:vice_chair", signer_other="Đặng Thị Hằng"))
    assert response.status_code == 200


def test_report_form_errors_are_in_vietnamese(client, users, consultation):
    response = post(_as(client, users, Role.MODERATOR), f"{BASE}/report",
                    dict(REPORT_FIELDS, issued_on="31/02/2026", recipients="  ", title=""))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    for message in ("Hãy nhập ngày theo dạng ngày/tháng/năm", "Hãy ghi ít nhất một nơi nhận.",
                    "Hãy nhập trích yếu của báo cáo."):
        assert message in page
    assert _exports() == []


def test_recipient_lines_are_cleaned_of_typed_dashes_and_semicolons(app, consultation):
    from consult.exports.forms import report_form
    from consult.settings import commune
    from werkzeug.datastructures import MultiDict

    with app.test_request_context(method="POST"):
        form = report_form(consultation, commune(), date(2026, 2, 5), formdata=MultiDict(
            dict(REPORT_FIELDS, recipients="- Thường trực HĐND xã;\n\n• Các đại biểu HĐND xã\n- Lưu: VT, VP.")))
        assert form.recipient_lines() == ["Thường trực HĐND xã", "Các đại biểu HĐND xã", "Lưu: VT, VP"]


def _csv_rows(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_council_members_export_data_without_contact_details(client, users, consultation):
    council = _as(client, users, Role.COUNCIL)
    response = post(council, f"{BASE}/data", {"format": "comments_csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="y-kien-quy-uoc.csv"' in response.headers["Content-Disposition"]
    rows = _csv_rows(response)
    flat = "\n".join(",".join(row) for row in rows)
    assert "Nên giảm mức đóng góp" in flat
    assert "0912345678" not in flat and "binh@example.vn" not in flat and "Nguyễn Văn Bình" not in flat
    # Asking for contact details without the permission is refused, and nothing is logged for it.
    assert post(council, f"{BASE}/data", {"format": "comments_csv", "include_contacts": "y",
                                          "contact_reason": "Gọi lại"}).status_code == 403
    assert [entry.details["include_contacts"] for entry in _exports()] == [False]


def test_workbook_downloads(client, users, consultation):
    response = post(_as(client, users, Role.MODERATOR), f"{BASE}/data", {"format": "xlsx"})
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment; filename=du-lieu-quy-uoc.xlsx" in response.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.data), read_only=True)
    assert {"Phiếu góp ý", "Ý kiến", "Câu trả lời", "Theo thôn", "Biểu quyết tại hội nghị"} <= set(workbook.sheetnames)
    values = [cell for row in workbook["Phiếu góp ý"].iter_rows(values_only=True) for cell in row]
    assert "0912345678" not in values


def test_an_admin_gets_contact_details_only_with_a_reason_and_it_is_logged(client, users, consultation):
    admin = _as(client, users, Role.ADMIN)
    response = post(admin, f"{BASE}/data", {"format": "comments_csv", "include_contacts": "y", "contact_reason": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Hãy ghi lý do cần thông tin liên hệ" in page
    assert re.search(r'<input checked[^>]*name="include_contacts"', page)  # the tick is kept
    assert _exports() == []

    reason = "Liên hệ lại người góp ý về mức đóng góp theo đề nghị của HĐND"
    response = post(admin, f"{BASE}/data", {"format": "comments_csv", "include_contacts": "y", "contact_reason": reason})
    flat = "\n".join(",".join(row) for row in _csv_rows(response))
    assert "0912345678" in flat and "binh@example.vn" in flat
    entry, = _exports()
    assert entry.reason == reason and entry.details == {"format": "comments_csv", "include_contacts": True}
    assert entry.actor_id == users[Role.ADMIN].id


def test_an_unknown_format_is_refused_clearly(client, users, consultation):
    response = post(_as(client, users, Role.MODERATOR), f"{BASE}/data", {"format": "pdf"})
    assert response.status_code == 422
    assert _exports() == []


def test_the_hub_and_the_tools_link_to_the_export_page(client, users, consultation):
    hub = _as(client, users, Role.COUNCIL).get("/staff/consultations/quy-uoc").get_data(as_text=True)
    assert 'href="/staff/consultations/quy-uoc/export"' in hub
    officer_hub = _as(client, users, Role.HAMLET_OFFICER).get("/staff/consultations/quy-uoc").get_data(as_text=True)
    assert "/export" not in officer_hub


def test_the_report_is_issued_in_vietnamese_whatever_the_screen_speaks(client, users, consultation):
    council = _as(client, users, Role.COUNCIL)
    council.set_cookie("lang", "en")
    assert "Download the report (.docx)" in council.get(BASE).get_data(as_text=True)
    response = post(council, f"{BASE}/report", REPORT_FIELDS)
    document = Document(io.BytesIO(response.data))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "I. TÌNH HÌNH TỔ CHỨC LẤY Ý KIẾN" in text and "Nơi nhận:" in cells
    assert "REPORT" not in text and "Recipients" not in cells
    # The page after it is English again.
    assert "Download the report (.docx)" in council.get(BASE).get_data(as_text=True)
