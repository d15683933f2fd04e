"""Cleaning a pasted draft before it is split: the messes of Word, PDF readers and e-mail.

Pure text in, text out: NFC, one kind of line break, no invisible characters or odd spaces,
Word's bullet glyphs as Markdown "- ", Word's tab-separated tables as Markdown tables, and
a Markdown body with one paragraph per pasted line.
"""
from __future__ import annotations

import re

from consult.text import clean_text

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LINE_BREAKS = re.compile(r"[\x0b\x0c\u2028\u2029\x85]")  # Word's manual line break arrives as \x0b
_ODD_SPACES = re.compile(r"[\u2000-\u200a\u205f]")
_WORD_O_BULLET = re.compile(r"(?m)^[ \t]*o\t")  # Word's hollow "o" bullet (Courier New) + tab
# Bullet glyphs from Word, including the Symbol/Wingdings private-use ones (, , , …).
_BULLET = re.compile(r"^[•◦▪▫●○■□►▸▹➢➤➣✓✔❖◆◇·\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc\uf0e0\uf0de\uf0f0]\s*")
_DASH_BULLET = re.compile(r"^[–—−]\s+|^-(?=[^\W\d_])")  # "– Nội dung", "-Nội dung"
LIST_ITEM = re.compile(r"^(?:[-+*]|\d{1,3}[.)])\s+")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_ESCAPE = re.compile(r"\\([.\-)(:*_#])")
_EMPHASIS_WRAP = re.compile(r"^[*_](?=\S)(.*?)(?<=\S)[*_]$")


def prepare_lines(text: str) -> list[str]:
    """Normalise a paste into clean lines: NFC, one kind of line break, Markdown bullets and tables."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_BREAKS.sub("\n", text).translate(_INVISIBLE)
    text = _ODD_SPACES.sub(" ", text)
    text = _WORD_O_BULLET.sub("- ", text)
    text = tab_tables(text)  # before clean_text turns tabs into spaces
    return [_tidy_line(line) for line in clean_text(text).split("\n")]


def _tidy_line(line: str) -> str:
    """Bullets as Markdown; an indented line keeps one leading space (it is not a top-level item)."""
    tidy = markdown_bullet(line.strip())
    return f" {tidy}" if tidy and line.startswith(" ") else tidy


def markdown_bullet(line: str) -> str:
    """Word's bullet glyphs and dashes become the Markdown "- " that renders as a list."""
    if _BULLET.match(line):
        return "- " + _BULLET.sub("", line, count=1)
    if _DASH_BULLET.match(line):
        return "- " + _DASH_BULLET.sub("", line, count=1)
    return line


def tab_tables(text: str) -> str:
    """Rows of tab-separated cells (a table copied from Word) become a Markdown table."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        cells = lines[i].count("\t")
        if cells < 2:
            out.append(lines[i])
            i += 1
            continue
        rows = [lines[i]]
        j = i + 1
        while j < len(lines):
            if lines[j].count("\t") == cells:
                rows.append(lines[j])
                j += 1
            elif not lines[j].strip() and j + 1 < len(lines) and lines[j + 1].count("\t") == cells:
                j += 1  # Word leaves a blank line inside long tables
            else:
                break
        if len(rows) < 2:
            out.append(lines[i])
            i += 1
            continue
        out.append("")
        for index, row in enumerate(rows):
            cells_text = [cell.strip().replace("|", "\\|") for cell in row.split("\t")]
            out.append("| " + " | ".join(cells_text) + " |")
            if index == 0:
                out.append("|" + "---|" * len(cells_text))
        out.append("")
        i = j
    return "\n".join(out)


def undecorated(line: str) -> str:
    """The line without Markdown decoration, for recognising headings."""
    plain = _MD_HEADING.sub("", line)
    plain = plain.replace("**", "").replace("__", "")
    plain = _MD_ESCAPE.sub(r"\1", plain).strip()
    while True:
        unwrapped = _EMPHASIS_WRAP.sub(r"\1", plain).strip()
        if unwrapped == plain:
            return plain
        plain = unwrapped


def markdown_text(lines: list[str]) -> str:
    """Lines → Markdown: one paragraph per pasted line, lists and tables kept tight, blank runs collapsed.

    Word puts each paragraph on one line with no blank line between, which Markdown would
    run together into one paragraph; "a) …", "b) …" must stay on their own lines.
    """
    out: list[str] = []
    previous = None
    open_emphasis = False
    for raw in lines:
        line = raw.strip()
        if not line:
            if out and out[-1] != "" and not open_emphasis:
                out.append("")
            previous = None
            continue
        kind = "table" if line.startswith("|") else "list" if LIST_ITEM.match(line) else "text"
        if out and out[-1] != "" and not open_emphasis and not (kind == previous and kind in ("list", "table")):
            out.append("")
        out.append(line)
        if line.count("**") % 2:
            open_emphasis = not open_emphasis  # a bold title spread over several lines stays one paragraph
        previous = kind
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)
