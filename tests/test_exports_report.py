"""The Word report for the People's Council, read back with python-docx: the Decree 30 layout (page,
margins, fonts, heading block, page numbers, signature and "Nơi nhận"), the issuer and signer
variants, the per-article tables against the data, the survey section, its bounded size, and text
that must neither break the file nor lose its Vietnamese accents."""
from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from consult.exports import report_data
from consult.exports.options import Issuer, ReportOptions, SignerCapacity
from consult.exports.report import report_docx
from consult.exports.report_data import gather
from consult.extensions import db
from consult.models import Channel, QrScanDay, RejectReason, Validity
from tests.factories import (
    make_answer, make_commune, make_consultation, make_meeting_tally, make_point, make_question, make_response,
    make_submission,
)

FONT = "Times New Roman"
HIDDEN_NAME, SHOWN_NAME = "Nguyễn Thị Lan", "Lê Văn Cường"
PHONE, EMAIL = "0912345678", "lan.nguyen@example.vn"
STT = "STT"


def _options(**fields) -> ReportOptions:
    values = dict(
        issuer=Issuer.UBND, issuer_name="Ủy ban nhân dân xã Diễn Châu", number="12", place="Diễn Châu",
        issued_on=date(2026, 2, 5), title="Tổng hợp, tiếp thu, giải trình ý kiến Nhân dân đối với dự thảo Nghị quyết",
        signer_name="Nguyễn Văn Bình", signer_capacity=SignerCapacity.CHAIR,
        recipients=["HĐND xã", "Thường trực Đảng ủy xã;", "Lưu: VT, VP"], conclusion="",
    )
    values.update(fields)
    return ReportOptions(**values)


def _report(consultation, **fields):
    """The report of a consultation, built and read back."""
    return Document(io.BytesIO(report_docx(gather(consultation), _options(**fields))))


def _texts(document) -> list[str]:
    """Every paragraph's text in reading order, in tables too."""
    return ["".join(node.text or "" for node in p.iter(qn("w:t"))) for p in document.element.body.iter(qn("w:p"))]


def _body(document) -> list[str]:
    """The text of the paragraphs outside tables."""
    return [paragraph.text for paragraph in document.paragraphs]


def _inherited(style, read):
    """A style's value for `read`, looked up through its base styles as Word does."""
    while style is not None and read(style) is None:
        style = style.base_style
    return read(style) if style is not None else None


def _article_tables(document):
    return [table for table in document.tables if len(table.columns) == 7]


def _data_rows(table):
    """An article table's rows below its two header rows, as lists of cell texts."""
    return [[cell.text for cell in row.cells] for row in table.rows[2:]]


@pytest.fixture
def consultation(app, hamlets):
    """A closed draft: comments in every state on Điều 1, none on Điều 2, only meeting votes on Điều 3."""
    make_commune()
    consultation = make_consultation("phi-ve-sinh", state="closed", title="Dự thảo Nghị quyết về phí vệ sinh")
    art1, _art2, art3 = consultation.articles
    x1, x2, x3 = hamlets
    point = make_point(consultation, x1)
    db.session.add(QrScanDay(point_id=point.id, day=date(2026, 1, 10), scans=40))
    same = "Đồng ý mức thu 10.000 đồng/hộ/tháng"
    s1 = make_submission(consultation, hamlet=x1, comments=[(art1, "agree", same, "approved")])
    s2 = make_submission(consultation, hamlet=x1, channel=Channel.QR, qr_point_id=point.id,
                         comments=[(art1, "agree", same, "approved")])
    s3 = make_submission(consultation, hamlet=x2, display_name=SHOWN_NAME, show_name=True,
                         comments=[(art1, "disagree", "Đề nghị miễn cho hộ nghèo", "approved")])
    make_submission(consultation, hamlet=x3, channel=Channel.PAPER,
                    comments=[(art1, "other", "Nên thu theo quý", "approved")])
    make_submission(consultation, hamlet=x2, comments=[(art1, "agree", "Ý kiến đang chờ duyệt", "pending")])
    abusive = make_submission(consultation, hamlet=x3, comments=[(art1, "disagree", "Lời lẽ xúc phạm", "rejected")])
    abusive.comments[0].reject_reason = RejectReason.ABUSIVE
    spam = make_submission(consultation, comments=[(art1, "agree", "Quảng cáo vay tiền nhanh", "approved")])
    spam.validity = Validity.SPAM
    s8 = make_submission(consultation, hamlet=x3, channel=Channel.MEETING, display_name=HIDDEN_NAME,
                         contact_phone=PHONE, contact_email=EMAIL,
                         comments=[(None, "other", "Nên in dự thảo phát tận nhà", "approved")])
    make_meeting_tally(consultation, hamlet=x2, attendees=64, lines=[(art3, 40, 12, 3)], title="Hội nghị cử tri Xóm 2",
                       held_on=date(2026, 1, 12))
    make_response(s1.comments + s2.comments + s3.comments, "partly_accepted", "Miễn cho hộ nghèo theo danh sách.")
    make_response(s8.comments, "noted", "Xã sẽ in dự thảo phát tận nhà.")
    db.session.commit()
    return consultation


# --- page, fonts, paragraphs ---------------------------------------------------------

def test_the_page_is_a4_portrait_with_the_decree_s_margins(consultation):
    section = _report(consultation).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20


def test_times_new_roman_for_every_script_and_nothing_overrides_it(consultation):
    document = _report(consultation)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for fonts in (defaults.find(qn("w:rFonts")), document.styles["Normal"].element.rPr.find(qn("w:rFonts"))):
        assert {name: fonts.get(qn(f"w:{name}")) for name in ("ascii", "hAnsi", "eastAsia", "cs")} == dict.fromkeys(
            ("ascii", "hAnsi", "eastAsia", "cs"), FONT)
        assert not [name for name in fonts.attrib if name.endswith("Theme") or name.endswith("theme")]
    used = {paragraph.style.name: paragraph.style for paragraph in document.paragraphs}
    used |= {p.style.name: p.style for table in document.tables for cell in table._cells for p in cell.paragraphs}
    for style in used.values():
        chain = [style]
        while chain[-1].base_style is not None:
            chain.append(chain[-1].base_style)
        assert chain[-1].name == "Normal" and all(s.font.name in (None, FONT) for s in chain)
    header_xml = document.sections[0].header._element.xml
    for xml in (document.element.xml, header_xml):
        assert set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', xml)) <= {FONT}


def test_body_text_is_14_pt_justified_with_a_first_line_indent_and_space_between(consultation):
    document = _report(consultation)
    body = next(p for p in document.paragraphs if p.text.startswith("Thời gian lấy ý kiến"))
    style = body.style
    assert 13 <= _inherited(style, lambda s: s.font.size).pt <= 14
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(style.paragraph_format.first_line_indent - Cm(1)) <= Mm(3)
    assert style.paragraph_format.space_after >= Pt(6)
    assert all(run.font.size is None for run in body.runs)  # the style's size applies


def test_page_numbers_are_centred_in_the_header_from_page_two(consultation):
    section = _report(consultation).sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [node.text.strip() for node in header._p.iter(qn("w:instrText"))] == ["PAGE"]
    assert not section.first_page_header.is_linked_to_previous
    assert "PAGE" not in section.first_page_header._element.xml and not "".join(
        p.text for p in section.first_page_header.paragraphs).strip()


# --- heading block, title --------------------------------------------------------------

def _heading_cells(document):
    table = document.tables[0]
    return table.cell(0, 0), table.cell(0, 1), table.cell(1, 0), table.cell(1, 1)


def test_the_heading_block_has_the_body_the_national_title_the_motto_and_the_date(consultation):
    document = _report(consultation)
    table = document.tables[0]
    assert table.style is None or table.style.name == "Normal Table"  # no borders
    body, national, number, place_date = _heading_cells(document)
    assert [p.text for p in body.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", "XÃ DIỄN CHÂU"]
    assert all(run.bold for p in body.paragraphs for run in p.runs)
    assert body.paragraphs[-1]._p.pPr.find(qn("w:pBdr")) is not None  # the short rule under the name
    title, motto, rule = national.paragraphs
    assert title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and title.runs[0].bold
    assert 12 <= title.runs[0].font.size.pt <= 13
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.runs[0].bold
    assert 13 <= motto.runs[0].font.size.pt <= 14
    assert rule._p.pPr.find(qn("w:pBdr")) is not None
    assert number.text == "Số: 12/BC-UBND"
    assert place_date.text == "Diễn Châu, ngày 05 tháng 02 năm 2026"
    assert place_date.paragraphs[0].runs[0].italic


def test_the_title_is_bao_cao_with_the_summary_title_bold_and_centred(consultation):
    document = _report(consultation, title="Tổng hợp ý kiến về phí vệ sinh")
    index = next(n for n, p in enumerate(document.paragraphs) if p.text == "BÁO CÁO")
    title, summary = document.paragraphs[index], document.paragraphs[index + 1]
    assert summary.text == "Tổng hợp ý kiến về phí vệ sinh"
    for paragraph in (title, summary):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(run.bold for run in paragraph.runs)


def test_a_blank_number_leaves_room_to_write_it_in(consultation):
    _body_cell, _national, number, _date = _heading_cells(_report(consultation, number="  "))
    assert re.fullmatch(r"Số:\s{4,}/BC-UBND", number.text)


@pytest.mark.parametrize("issuer, capacity, body, code, signature", [
    (Issuer.UBND, SignerCapacity.CHAIR, [("ỦY BAN NHÂN DÂN", True), ("XÃ DIỄN CHÂU", True)], "BC-UBND",
     ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    (Issuer.UBND, SignerCapacity.VICE_CHAIR, [("ỦY BAN NHÂN DÂN", True), ("XÃ DIỄN CHÂU", True)], "BC-UBND",
     ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    (Issuer.MTTQ, SignerCapacity.CHAIR,
     [("ỦY BAN MTTQ VIỆT NAM", False), ("XÃ DIỄN CHÂU", False), ("BAN THƯỜNG TRỰC", True)], "BC-MTTQ",
     ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]),
    (Issuer.MTTQ, SignerCapacity.VICE_CHAIR,
     [("ỦY BAN MTTQ VIỆT NAM", False), ("XÃ DIỄN CHÂU", False), ("BAN THƯỜNG TRỰC", True)], "BC-MTTQ",
     ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
])
def test_issuer_and_signer_variants(consultation, issuer, capacity, body, code, signature):
    name = "Ủy ban MTTQ Việt Nam xã Diễn Châu" if issuer is Issuer.MTTQ else "Ủy ban nhân dân xã Diễn Châu"
    document = _report(consultation, issuer=issuer, issuer_name=name, signer_capacity=capacity)
    body_cell, _national, number, _date = _heading_cells(document)
    assert [(p.text, bool(p.runs[0].bold)) for p in body_cell.paragraphs if p.text] == body
    assert number.text == f"Số: 12/{code}"
    signer = document.tables[-1].cell(0, 1)
    lines = [p for p in signer.paragraphs if p.text]
    assert [p.text for p in lines] == signature + ["Nguyễn Văn Bình"]
    assert all(run.bold for p in lines for run in p.runs)
    assert lines[-1].paragraph_format.space_before >= Pt(48)  # room for the signature and the seal


def test_the_recipients_block(consultation):
    recipients = _report(consultation).tables[-1].cell(0, 0).paragraphs
    label, *lines = recipients
    assert label.text == "Nơi nhận:" and label.runs[0].bold and label.runs[0].italic
    assert label.runs[0].font.size == Pt(12)
    assert [p.text for p in lines] == ["- HĐND xã;", "- Thường trực Đảng ủy xã;", "- Lưu: VT, VP."]
    assert all(run.font.size == Pt(11) for p in lines for run in p.runs)
    bare = _report(consultation, recipients=[]).tables[-1].cell(0, 0).paragraphs
    assert [p.text for p in bare] == ["Nơi nhận:", "- Lưu: VT."]


# --- I. participation -------------------------------------------------------------------

def test_part_one_states_the_period_channels_qr_points_meetings_and_participation(consultation):
    document = _report(consultation)
    body = _body(document)
    assert any(re.fullmatch(r"Thời gian lấy ý kiến: từ ngày \d\d/\d\d/\d{4} đến ngày \d\d/\d\d/\d{4} \(20 ngày\)\.", t)
               for t in body)
    assert "Cán bộ đã nhập vào hệ thống 1 phiếu giấy và 1 phiếu ghi tại hội nghị" in "\n".join(body)
    assert "Niêm yết 1 mã QR; ghi nhận 40 lượt quét và 1 phiếu gửi qua mã QR:" in body
    assert "Tổng số phiếu góp ý hợp lệ: 7 phiếu, với 5 ý kiến được tổng hợp trong báo cáo này." in body
    assert ("Không tổng hợp vào báo cáo: 1 ý kiến đang chờ duyệt; 1 ý kiến không đăng (ngôn từ xúc phạm: 1); "
            "1 phiếu bị loại (thư rác: 1).") in body
    hamlet_table = next(t for t in document.tables if t.rows[0].cells[1].text == "Thôn, xóm")
    rows = [[cell.text for cell in row.cells] for row in hamlet_table.rows[1:]]
    assert rows == [
        ["1", "Xóm 1", "100", "2", "2,0%", "0"],
        ["2", "Xóm 2", "200", "2", "1,0%", "64"],
        ["3", "Xóm 3", "300", "3", "1,0%", "0"],
        ["", "Tổng cộng", "600", "7", "1,2%", "64"],
    ]
    meetings = next(t for t in document.tables if t.rows[0].cells[1].text == "Ngày")
    assert [cell.text for cell in meetings.rows[1].cells] == ["1", "12/01/2026", "Hội nghị cử tri Xóm 2", "Xóm 2", "64"]


# --- II. per article -----------------------------------------------------------------------

def test_each_article_with_comments_gets_a_table_whose_rows_match_the_data(consultation):
    document = _report(consultation)
    art1, general = _article_tables(document)
    header = [cell.text for cell in art1.rows[0].cells]
    assert header == [STT, "Điều, khoản", "Nội dung góp ý", "Số ý kiến", "Số ý kiến", "Số ý kiến",
                      "Ý kiến tiếp thu, giải trình"]
    assert [cell.text for cell in art1.rows[1].cells][3:6] == ["Tán thành", "Không tán thành", "Ý kiến khác"]
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is not None for row in art1.rows[:2])
    answered, unanswered = _data_rows(art1)
    assert answered[:2] == ["1", "Điều 1"]
    assert answered[2].splitlines() == [
        "Người dân Xóm 1 (2 ý kiến), Người dân Xóm 2 (1 ý kiến):",
        "- Người dân Xóm 1: Đồng ý mức thu 10.000 đồng/hộ/tháng (2 ý kiến cùng nội dung)",
        f"- {SHOWN_NAME} · Xóm 2: Đề nghị miễn cho hộ nghèo",
    ]
    assert answered[3:6] == ["2", "1", "0"]
    assert answered[6].splitlines() == ["Tiếp thu một phần", "Miễn cho hộ nghèo theo danh sách."]
    assert unanswered == ["2", "Điều 1", "- Người dân Xóm 3: Nên thu theo quý", "0", "0", "1", "Chưa trả lời"]
    assert _data_rows(general) == [["1", "Ý kiến chung", "- Người dân Xóm 3: Nên in dự thảo phát tận nhà",
                                    "0", "0", "1", "Ghi nhận\nXã sẽ in dự thảo phát tận nhà."]]
    body = _body(document)
    assert "Tổng số: 4 ý kiến (2 tán thành, 1 không tán thành, 1 ý kiến khác)." in body
    assert "Còn 1 ý kiến đang chờ duyệt, chưa tổng hợp." in body


def test_an_article_without_comments_says_so_instead_of_an_empty_table(consultation):
    body = _body(_report(consultation))
    start = body.index("Điều 2. Nội dung điều 2")
    assert body[start + 1] == "Không có ý kiến góp ý đối với Điều 2."
    start = body.index("Điều 3. Nội dung điều 3")
    assert body[start + 1:start + 3] == ["Không có ý kiến góp ý đối với Điều 3.",
                                         "Biểu quyết tại hội nghị: 40 tán thành, 12 không tán thành, 3 ý kiến khác."]
    assert len(_article_tables(_report(consultation))) == 2  # Điều 1 and the general section only


def test_pending_rejected_spam_hidden_names_and_contacts_never_appear(consultation):
    text = "\n".join(_texts(_report(consultation)))
    for private in ("Ý kiến đang chờ duyệt", "Lời lẽ xúc phạm", "Quảng cáo vay tiền nhanh", HIDDEN_NAME, PHONE, EMAIL):
        assert private not in text
    assert SHOWN_NAME in text


# --- III. survey ------------------------------------------------------------------------------

def test_survey_questions_become_tables_in_part_three(app, hamlets):
    make_commune()
    consultation = make_consultation(state="closed", articles=1, kind="both")
    choice = make_question(consultation, "single", "Nên thu vào lúc nào?", options=("Hằng tháng", "Hằng quý"))
    rating = make_question(consultation, "rating", "Mức độ hài lòng?")
    free = make_question(consultation, "long_text", "Ý kiến khác?")
    for option, rate in ((0, 5), (0, 4), (1, 3)):
        submission = make_submission(consultation, hamlet=hamlets[0])
        make_answer(submission, choice, option=choice.options[option])
        make_answer(submission, rating, value_int=rate)
        make_answer(submission, free, value_text="Nhà tôi đề nghị lắp đèn")
    db.session.commit()
    document = _report(consultation)
    body = _body(document)
    part_three = body.index("III. KẾT QUẢ KHẢO SÁT")
    assert body.index("I. TÌNH HÌNH TỔ CHỨC LẤY Ý KIẾN") < body.index("II. TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN") \
        < part_three
    assert body[part_three + 1:part_three + 3] == ["Câu 1. Nên thu vào lúc nào?", "Số người trả lời: 3."]
    survey = [t for t in document.tables if t.rows[0].cells[1].text == "Phương án trả lời"]
    assert [[cell.text for cell in row.cells] for row in survey[0].rows[1:]] == [
        ["1", "Hằng tháng", "2", "66,7%"], ["2", "Hằng quý", "1", "33,3%"]]
    assert [row.cells[2].text for row in survey[1].rows[1:]] == ["0", "0", "1", "1", "1"]
    assert "Điểm trung bình: 4,0/5." in body
    assert "Câu 3. Ý kiến khác?" in body
    assert "Câu hỏi trả lời tự do; nội dung các câu trả lời xem bảng tính kèm theo." in body
    assert "Nhà tôi đề nghị lắp đèn" not in "\n".join(_texts(document))  # free texts stay in the workbook


def test_without_a_survey_part_three_says_so_and_the_conclusion_is_part_four(consultation):
    body = _body(_report(consultation, conclusion="Đề nghị HĐND xã xem xét.\n\nTrân trọng báo cáo./."))
    part_three = body.index("III. KẾT QUẢ KHẢO SÁT")
    assert body[part_three + 1] == "Đợt lấy ý kiến này không có phiếu khảo sát."
    assert body[part_three + 2:part_three + 5] == ["IV. KẾT LUẬN, KIẾN NGHỊ", "Đề nghị HĐND xã xem xét.",
                                                   "Trân trọng báo cáo./."]
    assert "IV. KẾT LUẬN, KIẾN NGHỊ" not in _body(_report(consultation))


# --- bounded size --------------------------------------------------------------------------------

def test_long_rows_are_summarised_and_long_tables_end_with_a_count(app, hamlets, monkeypatch):
    monkeypatch.setattr(report_data, "MAX_UNANSWERED_PER_SECTION", 3)
    monkeypatch.setattr(report_data, "MAX_RESPONSES_PER_SECTION", 1)
    make_commune()
    consultation = make_consultation(state="closed", articles=1, allow_general_comments=False)
    (article,) = consultation.articles
    long_text = "Đề nghị " + "sửa lại câu chữ " * 60

    def comments(texts):
        return [make_submission(consultation, hamlet=hamlets[n % 3], comments=[(article, "agree", text, "approved")])
                .comments[0] for n, text in enumerate(texts)]

    covered = comments([f"Ý kiến số {n}" for n in range(8)] + [long_text])
    make_response(covered, "accepted", "Tiếp thu.")
    make_response(comments(["Ý kiến được trả lời riêng"]), "noted", "Ghi nhận.")
    comments([f"Chưa trả lời số {n}" for n in range(5)])
    db.session.commit()

    (table,) = _article_tables(_report(consultation))
    rows = _data_rows(table)
    assert len(rows) == 1 + 3 + 2  # one response, three unanswered, two closing rows
    content = rows[0][2].splitlines()
    assert content[0] == "Người dân Xóm 1 (3 ý kiến), Người dân Xóm 2 (3 ý kiến), Người dân Xóm 3 (3 ý kiến):"
    assert len([line for line in content if line.startswith("- Người dân")]) == report_data.QUOTES_PER_RESPONSE
    assert content[-1] == "- Và 4 ý kiến khác được trả lời chung."
    assert rows[0][3] == "9"
    assert rows[-2][0] == "… và 1 câu trả lời khác (xem bảng tính kèm theo)."
    assert rows[-1][0] == "… và 2 ý kiến khác chưa được trả lời (xem bảng tính kèm theo)."
    assert len(set(rows[-1])) == 1  # one cell across the table


def test_long_comments_are_shortened_at_a_word():
    text = "Đề nghị " + "sửa lại câu chữ " * 60
    short = report_data.shorten(text)
    assert len(short) <= report_data.QUOTE_LENGTH + 1 and short.endswith("…")
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " "
    assert report_data.shorten("  Ngắn gọn.  ") == "Ngắn gọn."


# --- text that must survive ---------------------------------------------------------------------

def test_vietnamese_text_round_trips_as_nfc(app, hamlets):
    make_commune()
    consultation = make_consultation(state="closed", articles=1)
    decomposed = unicodedata.normalize("NFD", "Đề nghị làm đường bê tông ở ngõ Hưởng")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    make_submission(consultation, hamlet=hamlets[0],
                    comments=[(consultation.articles[0], "other", decomposed, "approved")])
    db.session.commit()
    text = "\n".join(_texts(_report(consultation, title=unicodedata.normalize("NFD", "Tổng hợp ý kiến Nhân dân"))))
    assert "Đề nghị làm đường bê tông ở ngõ Hưởng" in text and "Tổng hợp ý kiến Nhân dân" in text
    assert text == unicodedata.normalize("NFC", text)


def test_hostile_text_does_not_break_the_document(app, hamlets):
    make_commune()
    consultation = make_consultation(state="closed", articles=1)
    hostile = ['<script>alert("x")</script>', '=HYPERLINK("http://evil.example","Bấm vào đây")',
               "Ký tự\x01 điều\x07 khiển\x1f\x0b lạ\ufffe"]  # PostgreSQL itself refuses NUL in text
    comments = [make_submission(consultation, hamlet=hamlets[0],
                                comments=[(consultation.articles[0], "disagree", text, "approved")]).comments[0]
                for text in hostile]
    make_response(comments[:1], "not_accepted", "Trả lời\x08 có ký tự lạ & <b>thẻ</b>")
    db.session.commit()
    body = report_docx(gather(consultation), _options(conclusion="Kết luận\x0c có\x00 ký tự lạ", title="Tiêu đề\x02"))
    document = Document(io.BytesIO(body))
    text = "\n".join(_texts(document))
    assert '<script>alert("x")</script>' in text and '=HYPERLINK("http://evil.example","Bấm vào đây")' in text
    assert "Ký tự điều khiển lạ" in text and "Trả lời có ký tự lạ & <b>thẻ</b>" in text
    assert "Kết luận có ký tự lạ" in text and "Tiêu đề" in text
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]", text)
    xml = document.element.xml
    assert "w:hyperlink" not in xml and "w:fldSimple" not in xml and "w:instrText" not in xml
