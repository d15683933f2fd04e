"""Split a pasted draft into ordered articles. Pure: text in, drafts out (no Flask, no database).

What counts as an article, in order of preference (the first kind found in the text wins):
"Điều 1. …" (legal drafts), "Mục 1. …", Roman sections "I. MỤC ĐÍCH, YÊU CẦU" (plans),
and, as a last resort, a top-level "1.", "2.", "3." list. "Chương I. …" sets the chapter of
the articles that follow; "PHỤ LỤC" starts an appendix kept whole as one last article; the
"Nơi nhận:" block and signatures go to `closing`; text before the first heading is the
`preamble`. The paste is cleaned first (paste.py: NFC, Word bullets and tables, odd spaces),
and bold or Markdown-heading decoration around a heading ("**Điều 1.**", "#### **I. …**") is
ignored. Nothing typed is dropped: every line ends up in the preamble, a heading, a body, a
chapter or the closing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from consult.staff_consultations.paste import LIST_ITEM, markdown_text, prepare_lines, undecorated

LABEL_ARTICLE = "Điều"
LABEL_SECTION = "Mục"
LABEL_APPENDIX = "Phụ lục"

#: Longest heading kept as a heading; longer "headings" are really the article's first sentence.
MAX_HEADING = 300
#: Longest line taken as an appendix, Roman or numbered heading.
MAX_TITLE_LINE = 250
#: Longest line taken as a chapter or section title (both must fit in Article.chapter together).
MAX_CHAPTER_LINE = 130
#: Longest line taken as the heading of a bare "Điều 3." written on the line before.
MAX_NEXT_LINE_HEADING = 160

_SEP = r"\s*(?:[.:)\-–—]\s*|$)"

_ARTICLE = re.compile(r"^điều\s+(\d{1,4}[a-zđ]?)" + _SEP + r"(.*)$", re.IGNORECASE)
# Roman numbers stay upper case even though the keyword may be in any case ("CHƯƠNG II", "Chương II").
_CHAPTER = re.compile(r"^chương\s+((?-i:[IVXLC]{1,7})|\d{1,3})(?:\s*[.:\-–—]\s*|\s+|$)(.*)$", re.IGNORECASE)
_SECTION = re.compile(r"^mục\s+(\d{1,3}|(?-i:[IVX]{1,6}))" + _SEP + r"(.*)$", re.IGNORECASE)
_APPENDIX = re.compile(
    r"^phụ\s+lục(?:\s+(?:số\s+)?((?-i:[IVX]{1,6})|\d{1,3}[a-z]?))?\s*(?:[.:\-–—]\s*(.*)|$)", re.IGNORECASE
)
# Roman numerals I–XXXIX, upper case only ("I. MỤC ĐÍCH, YÊU CẦU"); a separator is required.
_ROMAN = re.compile(r"^(?=[IVX])(X{0,3}(?:IX|IV|V?I{0,3}))\s*[.:)\-–—]\s*(.*)$")
_NUMBERED = re.compile(r"^(\d{1,3})\s*[.)]\s+(\S.*)$")
_CLOSING = re.compile(r"^nơi\s+nhận\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class ArticleDraft:
    """One article as split from the text, before it is stored."""

    label: str  # "Điều", "Mục", "Phụ lục" or "" (Roman or numbered item)
    number: str
    heading: str
    body: str
    chapter: str = ""

    @property
    def title(self) -> str:
        """E.g. "Điều 3. Đối tượng áp dụng", "I. MỤC ĐÍCH, YÊU CẦU"."""
        head = f"{self.label} {self.number}".strip()
        return f"{head}. {self.heading}" if self.heading else head


@dataclass(frozen=True)
class SplitDraft:
    """The whole paste: the text before the first heading, the articles, the closing block."""

    preamble: str
    articles: list[ArticleDraft] = field(default_factory=list)
    closing: str = ""
    #: Which heading kind made the articles: "dieu", "muc", "roman", "numbered", or "" when none.
    style: str = ""

    @property
    def repeated_numbers(self) -> list[str]:
        """Titles whose label and number appear more than once (their anchors would clash)."""
        seen: set[tuple[str, str]] = set()
        repeated: list[str] = []
        for article in self.articles:
            key = (article.label, article.number.casefold())
            if key in seen and article.title not in repeated:
                repeated.append(f"{article.label} {article.number}".strip())
            seen.add(key)
        return repeated

    @property
    def numbers_out_of_order(self) -> bool:
        """Whether numbered "Điều" articles do not go 1, 2, 3… in order."""
        numbers = [int(re.sub(r"\D", "", a.number)) for a in self.articles if a.label == LABEL_ARTICLE]
        return any(later <= earlier for earlier, later in zip(numbers, numbers[1:]))


def split_draft(text: str) -> list[ArticleDraft]:
    """The articles of a pasted draft, in order."""
    return split_document(text).articles


def split_document(text: str) -> SplitDraft:
    """Preamble, articles and closing block of a pasted draft."""
    lines = prepare_lines(text)
    plains = [undecorated(line) for line in lines]
    kinds = [_classify(line, text) for line, text in zip(lines, plains)]
    numbered = _numbered_headings(kinds)
    style = _style(kinds, numbered)
    return _Builder(lines, plains, kinds, numbered, style).build()


# --- recognising headings ---------------------------------------------------------

def _classify(line: str, plain: str) -> tuple | None:
    """What a line is: ("dieu"|"chuong"|"muc"|"phuluc"|"roman"|"numbered"|"closing", number, rest)."""
    if not plain:
        return None
    keyword_line = plain[2:] if plain.startswith("- ") else plain  # "• Điều 1." pasted from a list
    if match := _ARTICLE.match(keyword_line):
        return ("dieu", match.group(1), match.group(2).strip())
    if len(plain) <= MAX_CHAPTER_LINE:
        if match := _CHAPTER.match(keyword_line):
            return ("chuong", match.group(1), match.group(2).strip())
        if match := _SECTION.match(keyword_line):
            return ("muc", match.group(1), match.group(2).strip())
    if len(plain) <= MAX_TITLE_LINE:
        if match := _APPENDIX.match(keyword_line):
            return ("phuluc", match.group(1) or "", (match.group(2) or "").strip())
        if _CLOSING.match(keyword_line):
            return ("closing", "", "")
        if match := _ROMAN.match(plain):
            return ("roman", match.group(1), match.group(2).strip())
        if not line.startswith((" ", "- ", "+ ", "* ")) and (match := _NUMBERED.match(plain)):
            return ("numbered", match.group(1), match.group(2).strip())
    return None


def _numbered_headings(kinds) -> set[int]:
    """Top-level "1.", "2.", "3." lines that follow each other; a restart is a nested list."""
    accepted: set[int] = set()
    expected = 1
    for index, kind in enumerate(kinds):
        if kind and kind[0] == "numbered" and int(kind[1]) == expected:
            accepted.add(index)
            expected += 1
    return accepted


def _style(kinds, numbered: set[int]) -> str:
    """The heading kind that makes the articles: the most specific one present."""
    present = {kind[0] for kind in kinds if kind}
    if "dieu" in present:
        return "dieu"
    if "muc" in present:
        return "muc"
    if sum(1 for kind in kinds if kind and kind[0] == "roman") >= 2:
        return "roman"
    if len(numbered) >= 2:
        return "numbered"
    return ""


_STYLE_KIND = {"dieu": "dieu", "muc": "muc", "roman": "roman", "numbered": "numbered"}
_STYLE_LABEL = {"dieu": LABEL_ARTICLE, "muc": LABEL_SECTION, "roman": "", "numbered": ""}


def _heading_like(plain: str, limit: int = MAX_NEXT_LINE_HEADING) -> bool:
    """Whether the line after a bare "Điều 3." reads like its heading rather than its text."""
    return (
        0 < len(plain) <= limit
        and not plain.endswith((".", ";", ":", ","))
        and not LIST_ITEM.match(plain)
        and not re.match(r"^[a-zđ][.)]\s", plain)
    )


# --- building the result ----------------------------------------------------------

class _Builder:
    """Walks the classified lines once, filling preamble, articles and closing."""

    def __init__(self, lines, plains, kinds, numbered, style):
        self.lines, self.plains, self.kinds = lines, plains, kinds
        self.numbered, self.style = numbered, style
        self.preamble: list[str] = []
        self.closing: list[str] = []
        self.articles: list[dict] = []
        self.chapter = ""
        self.section = ""
        self.pending_titles: list[str] = []  # chapter lines not yet attached to an article
        self.mode = "text"  # "text", "closing" or "appendix"

    def build(self) -> SplitDraft:
        i = 0
        while i < len(self.lines):
            i = self._step(i)
        self._flush_titles()
        return SplitDraft(
            preamble=markdown_text(self.preamble),
            articles=[
                ArticleDraft(label=a["label"], number=a["number"], heading=a["heading"],
                             body=markdown_text(a["body"]), chapter=a["chapter"])
                for a in self.articles
            ],
            closing=markdown_text(self.closing),
            style=self.style,
        )

    def _step(self, i: int) -> int:
        """Handle line i; return the index of the next line to read."""
        line, kind = self.lines[i], self.kinds[i]
        name = kind[0] if kind else None
        if name == "phuluc":
            return self._start_appendix(i)
        if self.mode == "appendix":
            self._text(line)
            return i + 1
        if name == "closing" or self.mode == "closing":
            if self.mode != "closing":
                self._flush_titles()
                self.mode = "closing"
            self.closing.append(line)
            return i + 1
        if self.style and name == "chuong":
            return self._start_chapter(i)
        if self.style == "dieu" and name == "muc":
            return self._start_section(i)
        if self.style and name == _STYLE_KIND[self.style] and (name != "numbered" or i in self.numbered):
            return self._start_article(i, _STYLE_LABEL[self.style])
        self._text(line)
        return i + 1

    def _text(self, line: str) -> None:
        target = self.articles[-1]["body"] if self.articles else self.preamble
        target.append(line)

    def _title_with_next_line(self, i: int, rest: str, limit: int) -> tuple[str, int]:
        """A heading's text: on its own line, or on the next non-blank line when the line is bare."""
        if rest:
            return rest, i + 1
        j = i + 1
        while j < len(self.lines) and not self.plains[j]:
            j += 1
        if j < len(self.lines) and self.kinds[j] is None and _heading_like(self.plains[j], limit):
            return self.plains[j], j + 1
        return "", i + 1

    def _start_chapter(self, i: int) -> int:
        _, number, rest = self.kinds[i]
        title, after = self._title_with_next_line(i, rest, MAX_CHAPTER_LINE)
        self.chapter = _join_title(f"Chương {number}", title)
        self.section = ""
        self.pending_titles.append(self.chapter)
        return after

    def _start_section(self, i: int) -> int:
        _, number, rest = self.kinds[i]
        title, after = self._title_with_next_line(i, rest, MAX_CHAPTER_LINE)
        self.section = _join_title(f"{LABEL_SECTION} {number}", title)
        self.pending_titles.append(self.section)
        return after

    def _start_article(self, i: int, label: str) -> int:
        _, number, rest = self.kinds[i]
        body: list[str] = []
        if len(rest) > MAX_HEADING:  # "Điều 1. <a whole sentence>": the sentence is the text
            heading, after = "", i + 1
            body.append(rest)
        else:
            heading, after = self._title_with_next_line(i, rest, MAX_NEXT_LINE_HEADING)
        self.pending_titles = []
        chapter = " — ".join(part for part in (self.chapter, self.section) if part)
        self.articles.append({
            "label": label, "number": number, "heading": heading, "body": body,
            "chapter": chapter,  # two titles of MAX_CHAPTER_LINE plus labels fit Article.chapter (300)
        })
        return after

    def _start_appendix(self, i: int) -> int:
        _, number, rest = self.kinds[i]
        self._flush_titles()
        heading, after = self._title_with_next_line(i, rest, MAX_TITLE_LINE)
        self.mode = "appendix"
        self.articles.append({
            "label": LABEL_APPENDIX, "number": number, "heading": heading, "body": [],
            "chapter": "",
        })
        return after

    def _flush_titles(self) -> None:
        """Chapter titles with no article after them stay in the text, so nothing is lost."""
        for title in self.pending_titles:
            self._text(title)
        self.pending_titles = []


def _join_title(head: str, title: str) -> str:
    return f"{head}. {title}" if title else head
