"""The monthly report as an XLSX workbook: one sheet per table of MonthlyReport.tables()."""
from __future__ import annotations

import io
from datetime import date

from consult.i18n import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from consult.feedback.report_data import MonthlyReport, ReportTable
from consult.i18n import format_datetime

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_WRAP = Alignment(wrap_text=True, vertical="top")
_FORMATS = {"date": "DD/MM/YYYY", "int": "#,##0", "decimal": "#,##0.0"}
#: Excel's limit on sheet names.
_SHEET_NAME_MAX = 31


def report_workbook(report: MonthlyReport) -> bytes:
    """The workbook's bytes: a title block and the definitions, then one sheet per table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in report.tables():
        _sheet(workbook, report, table)
    _definitions_sheet(workbook, report)
    workbook.properties.title = report.title
    workbook.properties.creator = report.commune_name or "consult"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet(workbook: Workbook, report: MonthlyReport, table: ReportTable) -> None:
    """A table as a sheet: bold frozen header row, autofilter, formats by column kind, widths."""
    sheet = workbook.create_sheet(table.title[:_SHEET_NAME_MAX])
    sheet.append([column.heading for column in table.columns])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in table.rows:
        sheet.append([_value(value) for value in row])
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        long_text = column.kind == "text" and column.width >= 40
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            number_format = _number_format(column.kind, cell.value)
            if number_format:
                cell.number_format = number_format
            if long_text:
                cell.alignment = _WRAP
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(table.columns))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    sheet.print_title_rows = "1:1"


def _number_format(kind: str, value) -> str | None:
    if isinstance(value, str) or value is None:
        return None
    if kind == "decimal" and isinstance(value, int):
        return _FORMATS["int"]  # a count in a column of mixed counts and averages
    return _FORMATS.get(kind)


def _value(value):
    """Cells hold numbers and dates as such (Excel sorts and sums them); None stays empty."""
    if value is None or isinstance(value, (int, float, date)):
        return value
    return str(value)


def _definitions_sheet(workbook: Workbook, report: MonthlyReport) -> None:
    sheet = workbook.create_sheet(_("Cách tính")[:_SHEET_NAME_MAX])
    sheet.column_dimensions["A"].width = 120
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True, size=13)
    scope = report.commune_name + (f" — {report.hamlet_name}" if report.hamlet_name else "")
    sheet.append([scope])
    cut_off = _("Số liệu đến hết tháng.") if report.complete else _(
        "Tháng chưa kết thúc: số liệu tính đến %(moment)s.", moment=format_datetime(report.as_of))
    sheet.append([cut_off])
    sheet.append([])
    sheet.append([_("Cách tính")])
    sheet.cell(row=sheet.max_row, column=1).font = _HEADER_FONT
    for definition in report.definitions:
        sheet.append([definition])
        sheet.cell(row=sheet.max_row, column=1).alignment = _WRAP
