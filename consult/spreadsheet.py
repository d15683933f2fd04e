"""Cells safe to open in a spreadsheet: text a spreadsheet would run as a formula stays text.
The open-data CSV and the staff exports both write through here."""
from __future__ import annotations

#: The media type of an .xlsx workbook.
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: What a spreadsheet starts a formula (or a DDE call) with when it opens a CSV file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A CSV cell; text that a spreadsheet would run as a formula is quoted with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text
