"""The data exports: a workbook of five sheets, and the comments and the answers as CSV files.

The same tables (consult.exports.tables) feed the workbook and the CSV files; both are written
as the rows stream in, so memory stays bounded whatever the number of comments.

Call these after the request's commit: their reads then run in a deferred transaction, so a
download that takes a while never holds SQLite's write lock (a POST otherwise begins IMMEDIATE).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import IO

import xlsxwriter

from consult.database import write_intent
from consult.exports.tables import (
    Kind, Lookups, Table, answer_table, comment_table, hamlet_table, submission_table, tally_table,
)
from consult.models import Consultation
from consult.spreadsheet import csv_cell
from consult.text import xml_safe

#: Rows per chunk of a streamed CSV file.
CSV_CHUNK = 500
#: Excel's limit on sheet names.
SHEET_NAME_MAX = 31
_HEADER_FORMAT = {"bold": True, "bg_color": "#DDE7F0", "text_wrap": True, "valign": "vcenter"}

#: Excel has no time zones: dates and times are local (Vietnam) and shown dd/mm/yyyy.
NUMBER_FORMATS = {Kind.DATE: "DD/MM/YYYY", Kind.DATETIME: "DD/MM/YYYY HH:MM", Kind.PERCENT: "0.0%"}
#: CSV dates are ISO 8601, local time.
CSV_FORMATS = {Kind.DATE: "%Y-%m-%d", Kind.DATETIME: "%Y-%m-%d %H:%M"}


def write_workbook(consultation: Consultation, out: IO[bytes], include_contacts: bool = False) -> None:
    """The workbook, written to `out`; each sheet's rows go to disk as they stream in (XlsxWriter's
    constant-memory mode), so 100,000 comments take the memory of one row."""
    with write_intent(False):
        look = Lookups.load(consultation)
        # The hamlet figures may store the results cache (a commit): before any cursor is open.
        tables = [
            submission_table(consultation, look, include_contacts),
            comment_table(consultation, look, include_contacts),
            answer_table(consultation, look, include_contacts),
            hamlet_table(consultation),
            tally_table(consultation, look),
        ]
        # Text is only ever text: never a formula, a link or a number guessed from a string.
        workbook = xlsxwriter.Workbook(out, {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False,
        })
        workbook.set_properties({"title": consultation.title, "author": "consult"})
        formats = {kind: workbook.add_format({"num_format": number_format})
                   for kind, number_format in NUMBER_FORMATS.items()}
        header = workbook.add_format(_HEADER_FORMAT)
        for table in tables:
            _write_sheet(workbook, table, header, formats)
        workbook.close()


def _write_sheet(workbook, table: Table, header, formats: dict) -> None:
    """A table as a sheet: bold frozen header row, column widths, autofilter, real numbers and dates."""
    sheet = workbook.add_worksheet(table.title[:SHEET_NAME_MAX])
    for index, column in enumerate(table.columns):
        sheet.set_column(index, index, column.width)
        sheet.write_string(0, index, column.heading, header)
    sheet.freeze_panes(1, 0)
    sheet.repeat_rows(0)
    cell_formats = [formats.get(column.kind) for column in table.columns]
    row_number = 0
    for row_number, row in enumerate(table.rows(), start=1):
        for index, value in enumerate(row):
            if value is not None and value != "":  # an empty cell, not an empty string
                _write_cell(sheet, row_number, index, value, cell_formats[index])
    sheet.autofilter(0, 0, row_number, len(table.columns) - 1)


def _write_cell(sheet, row: int, column: int, value, cell_format) -> None:
    """Text as text (without XML-illegal characters), dates and times formatted, numbers as numbers."""
    if isinstance(value, str):
        sheet.write_string(row, column, xml_safe(value))
    elif isinstance(value, date):
        sheet.write_datetime(row, column, value, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    else:
        sheet.write_number(row, column, value, cell_format)


def comments_csv(consultation: Consultation, include_contacts: bool = False) -> Iterator[str]:
    """Every comment as CSV, in chunks of text; UTF-8 with BOM (so Excel reads the Vietnamese)."""
    with write_intent(False):  # the stream goes on in the transaction this begins
        return _csv(comment_table(consultation, Lookups.load(consultation), include_contacts))


def answers_csv(consultation: Consultation, include_contacts: bool = False) -> Iterator[str]:
    """The survey answers as CSV, one line per submission, in chunks of text; UTF-8 with BOM."""
    with write_intent(False):  # the stream goes on in the transaction this begins
        return _csv(answer_table(consultation, Lookups.load(consultation), include_contacts))


def _csv(table: Table) -> Iterator[str]:
    """The BOM and the header, then CSV_CHUNK rows at a time."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.heading for column in table.columns])
    for count, row in enumerate(table.rows(), start=1):
        writer.writerow([_csv_value(column.kind, value) for column, value in zip(table.columns, row)])
        if count % CSV_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _csv_value(kind: Kind, value) -> str:
    """Dates and times as ISO 8601 local time; everything else as a formula-safe cell."""
    if value is not None and kind in CSV_FORMATS:
        return value.strftime(CSV_FORMATS[kind])
    return csv_cell(value)
