"""Split a pasted draft into ordered articles. Pure: text in, drafts out (no Flask, no database).

What counts as an article, in order of preference (the first kind found in the text wins):
"Điều 1. …" (legal drafts), "Mục 1. …", Roman sections "I. MỤC ĐÍCH, YÊU CẦU" (plans),
and, as a last resort, a top-level "1.", "2.", "3." list. "Chương I. …" sets the chapter of
the articles that follow; "PHỤ LỤC" starts an appendix kept whole as one last article; the
"Nơi nhận:" block and signatures go to `closing`; text before the first heading is the
`preamble`. Pastes from Word and e-mail are messy, so the text is NFC-normalised, invisible
characters and odd spaces are dropped, Word bullets become Markdown "- ", tab-separated
tables become Markdown tables, and bold or Markdown-heading decoration around a heading
("**Điều 1.**", "#### **I. …**") is ignored. Nothing typed is dropped: every line ends up in
the preamble, a heading, a body, a chapter or the closing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from consult.text import clean_text

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

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LINE_BREAKS = re.compile(r"[\x0b\x0c\u2028\u2029\x85]")  # Word's manual line break arrives as \x0b
_ODD_SPACES = re.compile(r"[\u2000-\u200a\u205f]")
_WORD_O_BULLET = re.compile(r"(?m)^[ \t]*o\t")  # Word's hollow "o" bullet (Courier New) + tab
# Bullet glyphs from Word, including the Symbol/Wingdings private-use ones (, , , …).
_BULLET = re.compile(r"^[•◦▪▫●○■□►▸▹➢➤➣✓✔❖◆◇·\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc\uf0e0\uf0de\uf0f0]\s*")
_DASH_BULLET = re.compile(r"^[–—−]\s+|^-(?=[^\W\d_])")  # "– Nội dung", "-Nội dung"
_LIST_ITEM = re.compile(r"^(?:[-+*]|\d{1,3}[.)])\s+")
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
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_ESCAPE = re.compile(r"\\([.\-)(:*_#])")
_EMPHASIS_WRAP = re.compile(r"^[*_](?=\S)(.*?)(?<=\S)[*_]$")
_TAB_ROW = re.compile(r"\t")


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
    lines = _prepare(text)
    plains = [_plain(line) for line in lines]
    kinds = [_classify(line, plain) for line, plain in zip(lines, plains)]
    numbered = _numbered_headings(lines, plains, kinds)
    style = _style(kinds, numbered)
    return _Builder(lines, plains, kinds, numbered, style).build()


# --- preparing the text --------------------------------------------------------

def _prepare(text: str) -> list[str]:
    """Normalise a paste into clean lines: NFC, one kind of line break, Markdown bullets and tables."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_BREAKS.sub("\n", text).translate(_INVISIBLE)
    text = _ODD_SPACES.sub(" ", text)
    text = _WORD_O_BULLET.sub("- ", text)
    text = _tab_tables(text)  # before clean_text turns tabs into spaces
    lines = clean_text(text).split("\n")
    return [_markdown_bullet(line.strip()) for line in lines]


def _markdown_bullet(line: str) -> str:
    """Word's bullet glyphs and dashes become the Markdown "- " that renders as a list."""
    if _BULLET.match(line):
        return "- " + _BULLET.sub("", line, count=1)
    if _DASH_BULLET.match(line):
        return "- " + _DASH_BULLET.sub("", line, count=1)
    return line


def _tab_tables(text: str) -> str:
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


def _plain(line: str) -> str:
    """The line without Markdown decoration, for recognising headings."""
    plain = _MD_HEADING.sub("", line)
    plain = plain.replace("**", "").replace("__", "")
    plain = _MD_ESCAPE.sub(r"\1", plain).strip()
    while True:
        unwrapped = _EMPHASIS_WRAP.sub(r"\1", plain).strip()
        if unwrapped == plain:
            return plain
        plain = unwrapped


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


def _numbered_headings(lines, plains, kinds) -> set[int]:
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
        and not _LIST_ITEM.match(plain)
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
            preamble=_markdown_text(self.preamble),
            articles=[
                ArticleDraft(label=a["label"], number=a["number"], heading=a["heading"],
                             body=_markdown_text(a["body"]), chapter=a["chapter"])
                for a in self.articles
            ],
            closing=_markdown_text(self.closing),
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


def _markdown_text(lines: list[str]) -> str:
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
        kind = "table" if line.startswith("|") else "list" if _LIST_ITEM.match(line) else "text"
        if out and out[-1] != "" and not open_emphasis and not (kind == previous and kind in ("list", "table")):
            out.append("")
        out.append(line)
        if line.count("**") % 2:
            open_emphasis = not open_emphasis  # a bold title spread over several lines stays one paragraph
        previous = kind
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)
