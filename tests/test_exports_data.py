"""The data exports: the workbook (five sheets with real dates, bold frozen filtered headers) and
the CSV files of comments and answers (UTF-8 with BOM); contact details only when asked for;
text that looks like a formula stays text; control characters never break the workbook."""
from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from datetime import date, datetime, timezone

import pytest
from openpyxl import load_workbook

from consult.database import write_intent
from consult.exports import data
from consult.extensions import db
from consult.models import ConsultationKind, Role, Submission
from consult.text import xml_safe
from tests.factories import (
    make_answer, make_consultation, make_meeting_tally, make_point, make_question, make_response, make_submission,
)

SHEETS = ["Phiếu góp ý", "Ý kiến", "Câu trả lời", "Theo thôn", "Biểu quyết tại hội nghị"]
CONTACT_HEADINGS = {"Họ tên", "Điện thoại", "Email"}
#: 17:30 UTC on 1 March is 00:30 on 2 March in Vietnam.
MOMENT = datetime(2026, 3, 1, 17, 30, tzinfo=timezone.utc)
BODY = "Đề nghị giảm mức đóng góp cho hộ nghèo, người cao tuổi ở Xóm 1"


@pytest.fixture
def consultation(app, hamlets, users):
    """Three submissions (one spam, one typed in by an officer), four comments, a survey, a meeting."""
    made = make_consultation("quy-uoc", state="closed", kind=ConsultationKind.BOTH, title="Dự thảo Quy ước xóm")
    point = make_point(made, hamlets[2])
    first = make_submission(made, hamlet=hamlets[0], created_at=MOMENT, display_name="Nguyễn Văn Bình",
                            contact_phone="0912345678", contact_email="binh@example.vn", comments=[
                                (made.articles[0], "disagree", BODY, "approved"),
                                (None, "other", "Nên họp vào buổi tối", "pending"),
                            ])
    first.comments[0].created_at = MOMENT
    make_response([first.comments[0]], "partly_accepted", "Xin tiếp thu một phần, giảm còn 50.000 đồng.")
    second = make_submission(made, hamlet=hamlets[1], channel="paper", entered_by_id=users[Role.HAMLET_OFFICER].id,
                             comments=[(made.articles[1], "agree", "Đồng ý", "rejected")])
    second.comments[0].reject_reason = "off_topic"
    make_submission(made, hamlet=hamlets[2], channel="qr", qr_point_id=point.id, validity="spam",
                    validity_reason="Quảng cáo", comments=[(None, "other", "Mua bán đất", "pending")])
    choices = make_question(made, "multiple", "Việc cần làm trước?", options=("Đường giao thông", "Nước sạch",
                                                                               "Chiếu sáng"), allow_other=True)
    rating = make_question(made, "rating", "Mức độ hài lòng?")
    yesno = make_question(made, "yesno", "Lập quỹ khuyến học?")
    text = make_question(made, "short_text", "Ý kiến khác?")
    make_answer(first, choices, option=choices.options[2])
    make_answer(first, choices, option=choices.options[0])
    make_answer(first, choices, value_text="Nhà văn hóa mới")
    make_answer(first, rating, value_int=4)
    make_answer(first, yesno, value_int=0)
    make_answer(first, text, value_text="Cần làm sớm")
    make_answer(second, rating, value_int=2)
    make_meeting_tally(made, hamlet=hamlets[0], attendees=64, held_on=date(2026, 3, 5), title="Hội nghị Xóm 1",
                       lines=[(None, 30, 1, 0), (made.articles[0], 40, 5, 2)])
    db.session.commit()
    return made


def _workbook(consultation, **options):
    out = io.BytesIO()
    data.write_workbook(consultation, out, **options)
    return load_workbook(io.BytesIO(out.getvalue())), out.getvalue()


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def _csv(chunks) -> list[list[str]]:
    text = "".join(chunks)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_the_workbook_has_five_sheets_with_bold_frozen_filtered_headers(consultation):
    workbook, _raw = _workbook(consultation)
    assert workbook.sheetnames == SHEETS
    for sheet in workbook:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        assert all(cell.font.b for cell in sheet[1])
        assert all(sheet.column_dimensions[cell.column_letter].width >= 10 for cell in sheet[1])
    assert _rows(workbook["Phiếu góp ý"])[0] == (
        "Mã phiếu", "Thời gian", "Kênh", "Điểm QR", "Thôn/xóm", "Thành phần", "Người nhập", "Số ý kiến",
        "Tình trạng", "Lý do loại phiếu")
    assert _rows(workbook["Ý kiến"])[0] == (
        "Mã ý kiến", "Mã phiếu", "Ngày", "Điều", "Quan điểm", "Nội dung", "Trạng thái", "Lý do không đăng",
        "Thôn/xóm", "Kênh", "Tình trạng phiếu", "Hình thức xử lý", "Nội dung trả lời")
    assert _rows(workbook["Câu trả lời"])[0] == (
        "Mã phiếu", "Thời gian", "Thôn/xóm", "Kênh", "Thành phần", "Tình trạng phiếu",
        "Câu 1. Việc cần làm trước?", "Câu 2. Mức độ hài lòng?", "Câu 3. Lập quỹ khuyến học?", "Câu 4. Ý kiến khác?")


def test_every_submission_comment_and_tally_line_is_a_row_with_its_labels(consultation, hamlets, users):
    workbook, _raw = _workbook(consultation)
    submissions = _rows(workbook["Phiếu góp ý"])[1:]
    assert len(submissions) == 3
    first, second, spam = submissions
    assert first[2:] == ("Trực tuyến", None, "Xóm 1", "Nhân dân", None, 2, "Hợp lệ", None)
    assert second[2] == "Phiếu giấy" and second[6] == users[Role.HAMLET_OFFICER].full_name
    assert spam[2:5] == ("Quét mã QR", "Nhà văn hóa Xóm 3", "Xóm 3") and spam[8:] == ("Thư rác", "Quảng cáo")

    comments = _rows(workbook["Ý kiến"])[1:]
    assert len(comments) == 4
    assert comments[0][3:] == (
        "Điều 1. Nội dung điều 1", "Không tán thành", BODY, "Đã đăng", None, "Xóm 1", "Trực tuyến", "Hợp lệ",
        "Tiếp thu một phần", "Xin tiếp thu một phần, giảm còn 50.000 đồng.")
    assert comments[1][3:8] == ("Ý kiến chung", "Ý kiến khác", "Nên họp vào buổi tối", "Đang chờ duyệt", None)
    assert comments[2][6:8] == ("Không đăng", "Không liên quan đến nội dung lấy ý kiến")
    assert comments[3][10] == "Thư rác"

    assert len(_rows(workbook["Câu trả lời"])) == 1 + 2  # the two submissions that answered
    tallies = _rows(workbook["Biểu quyết tại hội nghị"])
    assert tallies[0] == ("Ngày họp", "Thôn/xóm", "Hội nghị", "Số người dự", "Điều", "Tán thành",
                          "Không tán thành", "Ý kiến khác")
    assert [row[1:] for row in tallies[1:]] == [
        ("Xóm 1", "Hội nghị Xóm 1", 64, "Điều 1. Nội dung điều 1", 40, 5, 2),
        ("Xóm 1", "Hội nghị Xóm 1", 64, "Ý kiến chung", 30, 1, 0),
    ]


def test_dates_are_real_local_dates_shown_day_first(consultation):
    workbook, _raw = _workbook(consultation)
    submitted = workbook["Phiếu góp ý"]["B2"]
    assert submitted.value == datetime(2026, 3, 2, 0, 30) and submitted.number_format == "DD/MM/YYYY HH:MM"
    commented = workbook["Ý kiến"]["C2"]
    assert commented.is_date and commented.value.date() == date(2026, 3, 2)
    assert commented.number_format == "DD/MM/YYYY"
    answered = workbook["Câu trả lời"]["B2"]
    assert answered.value == datetime(2026, 3, 2, 0, 30) and answered.number_format == "DD/MM/YYYY HH:MM"
    held = workbook["Biểu quyết tại hội nghị"]["A2"]
    assert held.is_date and held.value.date() == date(2026, 3, 5) and held.number_format == "DD/MM/YYYY"
    assert _csv(data.answers_csv(consultation))[1][1] == "2026-03-02 00:30"
    assert _csv(data.comments_csv(consultation))[1][2] == "2026-03-02"


def test_the_hamlet_sheet_shows_the_results_coverage_as_a_percentage(consultation):
    workbook, _raw = _workbook(consultation)
    sheet = workbook["Theo thôn"]
    assert _rows(sheet) == [
        ("Thôn/xóm", "Số hộ", "Số phiếu hợp lệ", "Tỷ lệ phiếu/số hộ", "Người dự hội nghị"),
        ("Xóm 1", 100, 1, 0.01, 64),
        ("Xóm 2", 200, 1, 0.005, 0),
        ("Xóm 3", 300, 0, 0, 0),  # the spam submission does not count
    ]
    assert sheet["D2"].number_format == "0.0%"


def test_contact_columns_appear_only_when_asked_for(consultation):
    workbook, raw = _workbook(consultation)
    for sheet in workbook:
        assert not CONTACT_HEADINGS & set(_rows(sheet)[0])
    for chunks in (data.comments_csv(consultation), data.answers_csv(consultation)):
        rows = _csv(chunks)
        assert not CONTACT_HEADINGS & set(rows[0]) and all(len(row) == len(rows[0]) for row in rows)
    flat = "".join(data.comments_csv(consultation)) + "".join(data.answers_csv(consultation))
    for secret in ("0912345678", "binh@example.vn", "Nguyễn Văn Bình"):
        assert secret not in flat and secret.encode() not in _unzipped(raw)

    workbook, _raw = _workbook(consultation, include_contacts=True)
    for name in ("Phiếu góp ý", "Ý kiến", "Câu trả lời"):
        header, first = _rows(workbook[name])[:2]
        assert header[-3:] == ("Họ tên", "Điện thoại", "Email")
        assert first[-3:] == ("Nguyễn Văn Bình", "0912345678", "binh@example.vn")
    for chunks in (data.comments_csv(consultation, include_contacts=True),
                   data.answers_csv(consultation, include_contacts=True)):
        assert _csv(chunks)[1][-3:] == ["Nguyễn Văn Bình", "0912345678", "binh@example.vn"]


def test_the_receipt_code_is_never_exported(consultation):
    _ignored, raw = _workbook(consultation, include_contacts=True)
    flat = "".join(data.comments_csv(consultation, include_contacts=True))
    for code in db.session.execute(db.select(Submission.receipt_code)).scalars():
        assert code.encode() not in _unzipped(raw) and code not in flat


def test_the_comments_csv_round_trips_vietnamese(consultation):
    chunks = list(data.comments_csv(consultation))
    assert chunks[0].startswith("\ufeffMã ý kiến,Mã phiếu,Ngày,Điều,Quan điểm,Nội dung")
    rows = _csv(chunks)
    assert len(rows) == 1 + 4
    assert rows[1][3:6] == ["Điều 1. Nội dung điều 1", "Không tán thành", BODY]
    assert rows[1][-2:] == ["Tiếp thu một phần", "Xin tiếp thu một phần, giảm còn 50.000 đồng."]
    assert "".join(chunks).encode("utf-8").decode("utf-8-sig").startswith("Mã ý kiến")


def test_answers_name_the_choices_in_order_with_the_other_text(consultation):
    workbook, _raw = _workbook(consultation)
    first, second = _rows(workbook["Câu trả lời"])[1:]
    assert first[6:] == ("Đường giao thông; Chiếu sáng; Khác: Nhà văn hóa mới", 4, "Không", "Cần làm sớm")
    assert second[6:] == (None, 2, None, None)
    rows = _csv(data.answers_csv(consultation))
    assert rows[1][6:] == ["Đường giao thông; Chiếu sáng; Khác: Nhà văn hóa mới", "4", "Không", "Cần làm sớm"]
    assert rows[2][6:] == ["", "2", "", ""]


FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1:A2)", "#N/A"]


def test_text_that_looks_like_a_formula_stays_text(app, consultation, hamlets):
    make_submission(consultation, hamlet=hamlets[0], comments=[(None, "other", text, "pending") for text in FORMULAS])
    db.session.commit()
    workbook, raw = _workbook(consultation)
    cells = [row[5] for row in workbook["Ý kiến"].iter_rows(min_row=6)]
    assert [cell.value for cell in cells] == FORMULAS
    assert all(cell.data_type == "s" for cell in cells)
    assert b"<f>" not in _unzipped(raw) and b"<f " not in _unzipped(raw)
    rows = _csv(data.comments_csv(consultation))
    assert [row[5] for row in rows[5:]] == ["'" + text if text[0] in "=+-@" else text for text in FORMULAS]


def test_control_characters_do_not_break_the_workbook(app, consultation, hamlets):
    submission = make_submission(consultation, hamlet=hamlets[0], comments=[
        (None, "other", "Ý kiến\x01 có\x07 ký tự\x0b lạ\x1f\nvà xuống dòng", "pending")])
    make_answer(submission, consultation.questions[3], value_text="Trả\x0c lời")
    db.session.commit()
    workbook, _raw = _workbook(consultation)
    assert workbook["Ý kiến"]["F6"].value == "Ý kiến có ký tự lạ\nvà xuống dòng"
    assert workbook["Câu trả lời"]["J4"].value == "Trả lời"
    assert xml_safe("Trả\x00 lời\x08") == "Trả lời"  # NUL too, which PostgreSQL never stores


def test_csv_files_stream_in_chunks_with_one_bom(consultation, monkeypatch):
    monkeypatch.setattr(data, "CSV_CHUNK", 1)
    chunks = list(data.comments_csv(consultation))
    assert len(chunks) == 5  # the header with the first row, one row each, and the (empty) rest
    assert chunks[0].startswith("\ufeff") and not any("\ufeff" in chunk for chunk in chunks[1:])
    assert len(_csv(chunks)) == 1 + 4


def test_an_empty_consultation_exports_headers_only(app):
    empty = make_consultation("trong", state="open", articles=0)
    db.session.commit()
    workbook, _raw = _workbook(empty)
    for name in ("Phiếu góp ý", "Ý kiến", "Câu trả lời", "Biểu quyết tại hội nghị"):
        assert len(_rows(workbook[name])) == 1 and workbook[name].auto_filter.ref.endswith("1")
    assert len(_csv(data.comments_csv(empty))) == 1 and len(_csv(data.answers_csv(empty))) == 1


def test_exports_never_hold_the_sqlite_write_lock(consultation):
    """The download route is a POST (its transactions begin IMMEDIATE); residents must still submit."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("only SQLite locks the whole database for a writer")
    with write_intent():
        chunks = data.comments_csv(consultation)
        next(chunks)
        _another_connection_writes()
        list(chunks)
        data.write_workbook(consultation, io.BytesIO())  # its results cache is stored on the way
        _another_connection_writes()


def _another_connection_writes() -> None:
    other = sqlite3.connect(db.engine.url.database, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")  # "database is locked" at once if the export held the lock
        other.rollback()
    finally:
        other.close()


def _unzipped(raw: bytes) -> bytes:
    """Every part of the XLSX file, for looking at the XML itself."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())
