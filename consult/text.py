"""Text: Unicode NFC, Vietnamese slugs, folding and sorting, sanitised Markdown."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import nh3
from markupsafe import Markup
from markdown_it import MarkdownIt

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u3000]+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_MOBILE_PHONE = re.compile(r"^(0|\+84)(3|5|7|8|9)\d{8}$")

#: Vietnamese letters whose base form differs from plain Latin after decomposition.
_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def clean_text(value: str | None, *, multiline: bool = True) -> str:
    """NFC-normalise typed text, drop control characters and tidy whitespace.

    Some phone keyboards send decomposed accents; pasted Word text brings
    non-breaking spaces and stray control characters. Everything stored is NFC.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if not multiline:
        return _SPACES.sub(" ", text.replace("\n", " ")).strip()
    return "\n".join(_tidy_line(line) for line in text.split("\n")).strip()


#: Characters an XML document (a .docx or .xlsx file) cannot hold.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(value: str) -> str:
    """Text without the characters an XML file refuses (stored text may predate clean_text)."""
    return _XML_ILLEGAL.sub("", value)


def _tidy_line(line: str) -> str:
    """Collapse runs of spaces inside a line but keep its indentation (Markdown needs it)."""
    body = line.lstrip(" \t\u00a0\u2007\u202f\u3000")
    indent = line[: len(line) - len(body)].replace("\t", "    ")
    indent = " " * len(indent)
    return (indent + _SPACES.sub(" ", body)).rstrip() if body else ""


def fold(value: str) -> str:
    """Lower-case and strip diacritics, for search that works with or without accents."""
    decomposed = unicodedata.normalize("NFD", value.translate(_STROKE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def slugify(value: str, max_length: int = 80) -> str:
    """An ASCII slug from Vietnamese text: "Điều 3. Đối tượng" → "dieu-3-doi-tuong"."""
    slug = _NON_SLUG.sub("-", fold(value)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


# Vietnamese collation: letters in alphabet order, then tones as a secondary key.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MODIFIERS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


def vn_sort_key(value: str) -> tuple:
    """A sort key that orders Vietnamese words as a Vietnamese reader expects."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", value).casefold():
        parts = unicodedata.normalize("NFD", ch)
        base = parts[0]
        modifiers = "".join(mark for mark in parts[1:] if mark in _LETTER_MODIFIERS)
        letter = unicodedata.normalize("NFC", base + modifiers)
        rank = _ALPHABET.find(letter)
        letters.append(rank if rank >= 0 else 100 + ord(letter))
        tones.append(next((_TONES[mark] for mark in parts[1:] if mark in _TONES), 0))
    return (letters, tones)


def normalise_phone(value: str) -> str:
    """Strip spaces, dots, dashes and brackets from a typed phone number."""
    return _PHONE_SEPARATORS.sub("", value or "")


def is_mobile_phone(value: str) -> bool:
    """A Vietnamese mobile number: 0 or +84, then 3/5/7/8/9, then eight digits."""
    return bool(_MOBILE_PHONE.match(normalise_phone(value)))


_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

#: What staff Markdown may produce. Anything else (scripts, event handlers, hx-*
#: and data-hx-* attributes, styles, iframes) is removed by nh3.
_ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "sub", "sup", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}


def sanitise_html(html: str) -> str:
    """Keep only the allow-listed tags and attributes; links only http(s) and mailto."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_markdown(source: str | None) -> Markup:
    """Staff Markdown → sanitised HTML, safe to place in a page."""
    if not source:
        return Markup("")
    return _rendered(source)


@lru_cache(maxsize=1024)
def _rendered(source: str) -> Markup:
    """Rendering is a pure function of the text, so each worker remembers recent results:
    an article's body is rendered once, not on every view of the page."""
    html = _markdown.render(clean_text(source))
    return Markup(sanitise_html(html))  # nosec B704 - sanitised by nh3 just above
