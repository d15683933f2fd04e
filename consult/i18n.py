"""Language and formatting: Vietnamese first, English second; dd/mm/yyyy dates.

`gettext` and `lazy_gettext` here are what the code imports (as `_` and `_l`): they resolve
the request's catalogue once per request and keep it in `g`. Flask-Babel's own functions
find it through several context lookups on every call, and a results page translates
hundreds of labels and numbers, so those lookups cost more than the page's database work.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from babel.support import NullTranslations
from flask import Flask, g, has_app_context, request
from flask_babel import get_locale, get_translations
from flask_babel.speaklater import LazyString

from consult.timeutil import days_left, to_local

LANGUAGE_COOKIE = "lang"


def select_locale() -> str:
    """The language chosen in the footer switch; Vietnamese otherwise.

    Accept-Language is ignored on purpose: many phones here run an English
    system UI while their owners read Vietnamese.
    """
    chosen = request.cookies.get(LANGUAGE_COOKIE, "") if request else ""
    return chosen if chosen in ("vi", "en") else "vi"


def _as_local(value):
    return to_local(value) if isinstance(value, datetime) else value


def format_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy."""
    if value is None:
        return ""
    return _as_local(value).strftime("%d/%m/%Y")


def format_datetime(value: datetime | None) -> str:
    """HH:MM dd/mm/yyyy in the commune's time zone."""
    if value is None:
        return ""
    return _as_local(value).strftime("%H:%M %d/%m/%Y")


def format_official_date(value: date | datetime | None) -> str:
    """"ngày 05 tháng 02 năm 2026", as on administrative documents."""
    if value is None:
        return "ngày … tháng … năm …"
    value = _as_local(value)
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def format_number(value: int | float | None, decimals: int = 0) -> str:
    """Vietnamese grouping: 12.345 and 12,5 (English: 12,345 and 12.5)."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    if current_language() == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_percent(part: int | float, whole: int | float, decimals: int = 1) -> str:
    """A share as a percentage, "—" when the whole is zero."""
    if not whole:
        return "—"
    return format_number(100 * part / whole, decimals) + "%"


def _translations():
    """The request's catalogue, looked up once per request instead of once per string."""
    try:
        return g.consult_translations
    except AttributeError:
        g.consult_translations = get_translations()
        return g.consult_translations


def current_language() -> str:
    """"vi" or "en", looked up once per request."""
    try:
        return g.consult_language
    except AttributeError:
        g.consult_language = str(get_locale())
        return g.consult_language


@contextmanager
def in_vietnamese() -> Iterator[None]:
    """Within the block, text is Vietnamese whatever the screen's language: official documents
    (the People's Council report) are issued in Vietnamese only."""
    names = ("consult_translations", "consult_language")
    saved = {name: g.get(name) for name in names if name in g}
    g.consult_translations, g.consult_language = NullTranslations(), "vi"
    try:
        yield
    finally:
        for name in names:
            g.pop(name, None)
        for name, value in saved.items():
            setattr(g, name, value)


def gettext(string: str, **variables) -> str:
    """The translation of `string` in the request's language, %-formatted with `variables`."""
    translated = _translations().ugettext(string) if has_app_context() else string
    return translated % variables if variables else translated


def ngettext(singular: str, plural: str, n: int, **variables) -> str:
    variables.setdefault("num", n)
    translated = _translations().ungettext(singular, plural, n) if has_app_context() else (singular if n == 1 else plural)
    return translated % variables


def lazy_gettext(string: str, **variables) -> LazyString:
    """A string translated when it is shown (for labels defined at import time)."""
    return LazyString(gettext, string, **variables)


def _template_gettext(string: str) -> str:
    return _translations().ugettext(string)


def _template_ngettext(singular: str, plural: str, n: int) -> str:
    return _translations().ungettext(singular, plural, n)


def init_i18n(app: Flask) -> None:
    """Register the formatting filters, and template gettext that resolves the catalogue once.

    A consultation page calls gettext a few hundred times; Flask-Babel finds the current
    catalogue through several context lookups on every call, which cost more than the
    database work of the page. Jinja's new-style gettext still escapes and formats.
    """
    app.jinja_env.install_gettext_callables(_template_gettext, _template_ngettext, newstyle=True)
    app.jinja_env.filters.update(
        date=format_date,
        datetime=format_datetime,
        official_date=format_official_date,
        number=format_number,
        days_left=days_left,
    )
    app.jinja_env.globals.update(percent=format_percent, current_locale=current_language)
