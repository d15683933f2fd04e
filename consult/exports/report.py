"""The People's Council report as a Word document: BÁO CÁO tổng hợp, tiếp thu, giải trình ý kiến
Nhân dân, laid out per Decree 30/2020/NĐ-CP on administrative documents.

A4 portrait, margins 20/20/30/15 mm, Times New Roman (also for East Asian and complex scripts, so
Word and LibreOffice render Vietnamese in it), body 14 pt justified; the issuing body and the
national motto side by side in a borderless table; page numbers centred in the top margin from
page 2; "Nơi nhận" and the signature block at the end. `report_docx` reads ReportData
(consult.exports.report_data) and the export form's ReportOptions. Every text goes through
`clean` (NFC, no XML-illegal control characters): whatever residents typed cannot break the file.
"""
from __future__ import annotations

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.shared import Emu, Mm, Pt

from consult.exports.docx_layout import (
    CENTER, HEADING, LEFT, TEXT_WIDTH, add_row, cell_xml, clean, define_styles, header_cell, new_table,
    page_setup, para, paragraph_xml, paragraphs, rule, run_xml, simple_table,
)
from consult.exports.options import Issuer, ReportOptions, SignerCapacity
from consult.exports.report_data import ReportData, ReportRow, ReportSection
from consult.i18n import format_date, format_number, format_official_date, format_percent
from consult.i18n import gettext as _
from consult.models import QuestionKind
from consult.results.view import STANCES


def report_docx(data: ReportData, options: ReportOptions) -> bytes:
    """The report as the bytes of a .docx file."""
    document = Document()
    page_setup(document)
    define_styles(document)
    _heading_block(document, data, options)
    _title(document, options)
    _part_one(document, data)
    _part_two(document, data)
    _part_three(document, data)
    if options.conclusion.strip():
        para(document, _("IV. KẾT LUẬN, KIẾN NGHỊ"), HEADING)
        for text in paragraphs(options.conclusion):
            para(document, text)
    _closing_block(document, options)
    document.core_properties.title = clean(options.title)
    document.core_properties.author = clean(options.issuer_name)
    document.core_properties.language = "vi-VN"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- heading block, title, closing block --------------------------------------------

#: The widths of the two columns of the heading block and of the closing block.
_HEAD_WIDTHS = (Mm(62), Mm(103))
_CLOSING_WIDTHS = (Mm(72), Mm(93))


def _issuer_lines(data: ReportData, options: ReportOptions) -> list[tuple[str, bool]]:
    """The issuing body in capitals as (line, bold): its name split before the commune's name.

    The Front's reports are issued by its standing committee: the committee's name (plain) heads
    "BAN THƯỜNG TRỰC" (bold), as the decree sets a superior body above the issuing one.
    """
    name = clean(options.issuer_name).strip()
    at = name.lower().rfind(data.commune_name.lower()) if data.commune_name else -1
    lines = [line.upper() for line in ([name[:at], name[at:]] if at > 0 else [name]) if line.strip()]
    if options.issuer is Issuer.MTTQ:
        return [(line.strip(), False) for line in lines] + [(_("BAN THƯỜNG TRỰC"), True)]
    return [(line.strip(), True) for line in lines]


def _heading_block(document, data: ReportData, options: ReportOptions) -> None:
    """Issuing body and number (left); national title, motto and place-date line (right)."""
    table = new_table(document, _HEAD_WIDTHS, grid=False)
    body, national = table.add_row().cells
    for line, bold in _issuer_lines(data, options):
        para(body, line, None, align=CENTER, bold=bold, size=13)
    rule(body, Mm(22), _HEAD_WIDTHS[0])
    para(national, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), None, align=CENTER, bold=True, size=12)
    para(national, _("Độc lập - Tự do - Hạnh phúc"), None, align=CENTER, bold=True, size=13)
    rule(national, Mm(58), _HEAD_WIDTHS[1])
    number_cell, date_cell = table.add_row().cells
    code = "BC-MTTQ" if options.issuer is Issuer.MTTQ else "BC-UBND"
    number = options.number.strip() or "\u00a0" * 8  # room to write the number in by hand
    para(number_cell, _("Số: %(number)s/%(code)s", number=number, code=code), None, align=CENTER, size=13)
    date_line = format_official_date(options.issued_on)
    date_line = f"{options.place.strip()}, {date_line}" if options.place.strip() else date_line.capitalize()
    para(date_cell, date_line, None, align=CENTER, italic=True, size=14)


def _title(document, options: ReportOptions) -> None:
    """"BÁO CÁO", the summary title under it, and a short rule."""
    para(document, _("BÁO CÁO"), None, align=CENTER, bold=True, size=14).paragraph_format.space_before = Pt(24)
    para(document, options.title, None, align=CENTER, bold=True, size=14)
    rule(document, Mm(40), TEXT_WIDTH)
    para(document, style=None)


def _signature_lines(options: ReportOptions) -> tuple[str, str]:
    """TM. (the chair on behalf of the body) or KT. (a vice chair for the chair), and the title."""
    if options.signer_capacity is SignerCapacity.VICE_CHAIR:
        return _("KT. CHỦ TỊCH"), _("PHÓ CHỦ TỊCH")
    body = _("TM. BAN THƯỜNG TRỰC") if options.issuer is Issuer.MTTQ else _("TM. ỦY BAN NHÂN DÂN")
    return body, _("CHỦ TỊCH")


def _closing_block(document, options: ReportOptions) -> None:
    """"Nơi nhận" (left) and the signature block with room for the signature and seal (right)."""
    para(document)
    table = new_table(document, _CLOSING_WIDTHS, grid=False)
    row = table.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    recipients, signature = row.cells
    para(recipients, _("Nơi nhận:"), None, align=LEFT, bold=True, italic=True, size=12)
    lines = [clean(line).strip().rstrip(";.").strip() for line in options.recipients]
    lines = [line for line in lines if line] or [_("Lưu: VT")]
    for index, line in enumerate(lines):
        ending = "." if index == len(lines) - 1 else ";"
        para(recipients, f"- {line}{ending}", None, align=LEFT, size=11).paragraph_format.space_before = Pt(0)
    for line in _signature_lines(options):
        para(signature, line, None, align=CENTER, bold=True, size=14)
    name = para(signature, options.signer_name, None, align=CENTER, bold=True, size=14)
    name.paragraph_format.space_before = Pt(84)  # room for the signature and the seal


# --- I. how the consultation ran ---------------------------------------------------

def _numbered(columns, rows):
    """STT as the first column: (columns, rows) with a centred number column and numbered rows."""
    return [(_("STT"), Mm(12), "center"), *columns], [(str(n), *row) for n, row in enumerate(rows, start=1)]


def _part_one(document, data: ReportData) -> None:
    """Period, channels, paper entry, QR points and meetings; then participation."""
    view = data.view
    para(document, _("I. TÌNH HÌNH TỔ CHỨC LẤY Ý KIẾN"), HEADING)
    para(document, _("1. Thời gian, hình thức lấy ý kiến"), HEADING)
    para(document, _("Thời gian lấy ý kiến: từ ngày %(start)s đến ngày %(end)s (%(days)s ngày).",
                      start=format_date(data.opens_at), end=format_date(data.closes_at), days=data.period_days))
    if view.channels:
        para(document, _("Nhân dân góp ý qua các kênh: %(channels)s.",
                          channels="; ".join(row.label[:1].lower() + row.label[1:] for row in view.channels)))
    entered = {row.extra["code"]: row.value for row in view.channels if row.extra["code"] in ("paper", "meeting")}
    if entered:
        para(document, _("Cán bộ đã nhập vào hệ thống %(paper)s phiếu giấy và %(meeting)s phiếu ghi tại hội nghị, "
                          "cuộc họp; các phiếu này được tổng hợp như phiếu gửi trực tuyến.",
                          paper=format_number(entered.get("paper", 0)),
                          meeting=format_number(entered.get("meeting", 0))))
    if data.points:
        para(document, _("Niêm yết %(points)s mã QR; ghi nhận %(scans)s lượt quét và %(submissions)s phiếu gửi "
                          "qua mã QR:", points=format_number(len(data.points)), scans=format_number(data.scans),
                          submissions=format_number(sum(point.submissions for point in data.points))))
        simple_table(document, *_numbered(
            [(_("Điểm đặt mã QR"), Mm(93), "left"), (_("Lượt quét"), Mm(30), "center"),
             (_("Số phiếu"), Mm(30), "center")],
            [(point.label, format_number(point.scans), format_number(point.submissions)) for point in data.points]))
    if data.meetings:
        para(document, _("Tổ chức %(count)s hội nghị, cuộc họp với %(attendees)s lượt người dự; kết quả biểu quyết "
                          "được tổng hợp theo từng điều tại Mục II:",
                          count=format_number(len(data.meetings)), attendees=format_number(view.attendees)))
        simple_table(document, *_numbered(
            [(_("Ngày"), Mm(25), "center"), (_("Hội nghị, cuộc họp"), Mm(68), "left"),
             (_("Thôn, xóm"), Mm(30), "left"), (_("Số người dự"), Mm(30), "center")],
            [(format_date(meeting.held_on), meeting.title, meeting.hamlet, format_number(meeting.attendees))
             for meeting in data.meetings]))
    _participation(document, data)


def _participation(document, data: ReportData) -> None:
    """Submissions and comments counted, what was left out, and the breakdowns by hamlet, channel, group."""
    view = data.view
    para(document, _("2. Kết quả tham gia"), HEADING)
    para(document, _("Tổng số phiếu góp ý hợp lệ: %(submissions)s phiếu, với %(approved)s ý kiến được tổng hợp "
                      "trong báo cáo này.", submissions=format_number(view.submissions),
                      approved=format_number(view.approved)))
    if view.attendees:
        para(document, _("Cùng với %(attendees)s lượt người dự hội nghị, có %(participants)s lượt người tham gia.",
                          attendees=format_number(view.attendees), participants=format_number(view.participants)))
    left_out = []
    if view.pending:
        left_out.append(_("%(count)s ý kiến đang chờ duyệt", count=format_number(view.pending)))
    for template, rows in ((_("%(count)s ý kiến không đăng (%(reasons)s)"), view.rejected),
                           (_("%(count)s phiếu bị loại (%(reasons)s)"), view.excluded)):
        if rows:
            left_out.append(template % {
                "count": format_number(sum(row.value for row in rows)),
                "reasons": "; ".join(f"{row.label.lower()}: {format_number(row.value)}" for row in rows)})
    if left_out:
        para(document, _("Không tổng hợp vào báo cáo: %(parts)s.", parts="; ".join(left_out)))
    para(document, _("a) Theo thôn, xóm:"))
    columns, rows = _numbered(
        [(_("Thôn, xóm"), Mm(43), "left"), (_("Số hộ"), Mm(22), "center"), (_("Số phiếu"), Mm(22), "center"),
         (_("Tỷ lệ phiếu/hộ"), Mm(30), "center"), (_("Người dự hội nghị"), Mm(36), "center")],
        [(row.label, format_number(row.extra["households"]) if row.extra["households"] else "—",
          format_number(row.extra["submissions"]), row.display, format_number(row.extra["attendees"]))
         for row in view.hamlets])
    total = ("", _("Tổng cộng"), format_number(view.households), format_number(view.submissions),
             format_percent(view.submissions, view.households), format_number(view.attendees))
    simple_table(document, columns, rows, total)
    for heading, label, breakdown in ((_("b) Theo kênh góp ý:"), _("Kênh"), view.channels),
                                      (_("c) Theo thành phần người góp ý:"), _("Thành phần"), view.groups)):
        if breakdown:
            para(document, heading)
            simple_table(document, *_numbered(
                [(label, Mm(93), "left"), (_("Số phiếu"), Mm(30), "center"), (_("Tỷ lệ"), Mm(30), "center")],
                [(row.label, format_number(row.value), format_percent(row.value, view.submissions))
                 for row in breakdown]))


# --- II. comments per article and how each was handled ------------------------------

#: STT, article, comments, counts by stance (three sub-columns), response; 165 mm in all.
_ARTICLE_COLUMNS = (Mm(12), Mm(17), Mm(56), Mm(14), Mm(14), Mm(14), Mm(38))


def _stance_phrase(counts: dict[str, int]) -> str:
    return _("%(agree)s tán thành, %(disagree)s không tán thành, %(other)s ý kiến khác",
             agree=format_number(counts.get("agree", 0)), disagree=format_number(counts.get("disagree", 0)),
             other=format_number(counts.get("other", 0)))


def _part_two(document, data: ReportData) -> None:
    """Per article: its totals, then a table of responses with the comments they cover and unanswered comments."""
    para(document, _("II. TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN"), HEADING)
    if not data.sections:
        para(document, _("Đợt lấy ý kiến này không có dự thảo văn bản để góp ý."))
    for section in data.sections:
        _article(document, section)


def _article(document, section: ReportSection) -> None:
    """An article's heading, totals line(s), and its table (or a sentence when nobody commented)."""
    result = section.result
    para(document, result.title, HEADING)
    if result.comment_total:
        para(document, _("Tổng số: %(total)s ý kiến (%(stances)s).", total=format_number(result.comment_total),
                          stances=_stance_phrase(result.comments)))
    elif result.article_id is None:
        para(document, _("Không có ý kiến chung về toàn bộ dự thảo."))
    else:
        para(document, _("Không có ý kiến góp ý đối với %(article)s.", article=section.label))
    if result.meeting_total:
        para(document, _("Biểu quyết tại hội nghị: %(stances)s.", stances=_stance_phrase(result.meeting)))
    if result.pending:
        para(document, _("Còn %(count)s ý kiến đang chờ duyệt, chưa tổng hợp.", count=format_number(result.pending)))
    if not section.rows:
        return
    table = _article_table(document)
    for n, row in enumerate(section.rows, start=1):
        add_row(table, *_article_cells(n, section.label, row))
    notes = ((section.more_responses, _("… và %(count)s câu trả lời khác (xem bảng tính kèm theo).")),
             (section.more_unanswered, _("… và %(count)s ý kiến khác chưa được trả lời (xem bảng tính kèm theo).")))
    for count, template in notes:
        if count:
            text = template % {"count": format_number(count)}
            add_row(table, cell_xml(TEXT_WIDTH, paragraph_xml(run_xml(text, italic=True)), span=len(_ARTICLE_COLUMNS)))
    para(document, style=None)


def _article_table(document):
    """An article's table with two header rows: "Số ý kiến" spans one sub-column per stance."""
    stt, article, content, *counts, answer = _ARTICLE_COLUMNS
    table = new_table(document, _ARTICLE_COLUMNS)
    spanning = ((stt, _("STT")), (article, _("Điều, khoản")), (content, _("Nội dung góp ý")))
    add_row(table, *(header_cell(width, text, merge="restart") for width, text in spanning),
             header_cell(Emu(sum(counts)), _("Số ý kiến"), span=len(counts)),
             header_cell(answer, _("Ý kiến tiếp thu, giải trình"), merge="restart"), header=True)
    add_row(table, *(cell_xml(width, merge="continue") for width, _text in spanning),
             *(cell_xml(width, paragraph_xml(run_xml(stance.label, bold=True, size=11), align="center"), middle=True)
               for width, stance in zip(counts, STANCES)),
             cell_xml(answer, merge="continue"), header=True)
    return table


def _article_cells(n: int, label: str, row: ReportRow) -> list[str]:
    """A row's cells: number, article, who said what, counts by stance, the response (or "Chưa trả lời")."""
    stt, article, content, *counts, answer = _ARTICLE_COLUMNS
    said = []
    if row.total > 1:
        said.append(paragraph_xml(run_xml(", ".join(_("%(who)s (%(count)s ý kiến)", who=who, count=format_number(count))
                                     for who, count in row.attributions) + ":", italic=True)))
    for quote in row.quotes:
        copies = run_xml(" " + _("(%(count)s ý kiến cùng nội dung)", count=format_number(quote.copies)), italic=True)
        said.append(paragraph_xml(run_xml(f"- {quote.author}: ", italic=True), run_xml(quote.body), copies if quote.copies > 1 else ""))
    if row.unquoted:
        said.append(paragraph_xml(run_xml(_("- Và %(count)s ý kiến khác được trả lời chung.", count=format_number(row.unquoted)),
                          italic=True)))
    if row.disposition is None:
        response = [paragraph_xml(run_xml(_("Chưa trả lời"), italic=True))]
    else:
        response = [paragraph_xml(run_xml(row.disposition.label, bold=True)), *(paragraph_xml(run_xml(text)) for text in paragraphs(row.response))]
    return [
        cell_xml(stt, paragraph_xml(run_xml(str(n)), align="center")),
        cell_xml(article, paragraph_xml(run_xml(label), align="center")),
        cell_xml(content, *said),
        *(cell_xml(width, paragraph_xml(run_xml(format_number(row.stances.get(stance.value, 0))), align="center"))
          for width, stance in zip(counts, STANCES)),
        cell_xml(answer, *response),
    ]


# --- III. the survey --------------------------------------------------------------------

def _part_three(document, data: ReportData) -> None:
    """Each survey question's answers as a table, or a count of free-text answers."""
    para(document, _("III. KẾT QUẢ KHẢO SÁT"), HEADING)
    if not data.view.questions:
        para(document, _("Đợt lấy ý kiến này không có phiếu khảo sát."))
        return
    for question in data.view.questions:
        para(document, _("Câu %(number)s. %(prompt)s", number=question.position, prompt=question.prompt), HEADING)
        para(document, _("Số người trả lời: %(count)s.", count=format_number(question.respondents)))
        if not question.rows:
            para(document, _("Câu hỏi trả lời tự do; nội dung các câu trả lời xem bảng tính kèm theo."))
            continue
        if question.kind is QuestionKind.MULTIPLE:
            para(document, _("Mỗi người có thể chọn nhiều phương án; tỷ lệ tính trên số người trả lời."))
        rating = question.kind is QuestionKind.RATING
        simple_table(document, *_numbered(
            [(_("Phương án trả lời"), Mm(93), "left"), (_("Số lượt chọn"), Mm(30), "center"),
             (_("Tỷ lệ"), Mm(30), "center")],
            [(_("%(value)s điểm", value=row.label) if rating else row.label, format_number(row.value),
              format_percent(row.value, question.respondents)) for row in question.rows]))
        if question.average is not None:
            para(document, _("Điểm trung bình: %(average)s/5.", average=format_number(question.average, 1)))
