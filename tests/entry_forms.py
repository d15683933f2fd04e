"""Helpers for tests of the fast-entry screen: open it, read its form, type a paper form in."""
from __future__ import annotations

import lxml.html

from consult.models import Consultation, Hamlet


def url(consultation: Consultation, suffix: str = "") -> str:
    return f"/staff/entry/{consultation.slug}{suffix}"


def entry_form(html: str):
    """The entry form of a page or fragment (lxml FormElement)."""
    forms = lxml.html.fromstring(html).xpath('//form[@id="entry-form"]')
    assert forms, "no entry form in the page"
    return forms[0]


def _successful_controls(form):
    """(name, value) of the controls a browser posts. Unlike lxml's form_values, a checked
    radio with value="" posts "" (lxml would say "on", the default for a missing value)."""
    for element in form.iter("input", "textarea", "select"):
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        kind = (element.get("type") or "text").lower()
        if element.tag == "input" and kind in ("radio", "checkbox"):
            if element.get("checked") is not None:
                yield name, element.get("value", "on")
        elif element.tag == "input" and kind in ("submit", "button", "reset", "image", "file"):
            continue
        elif element.tag == "select":
            chosen = [o.get("value", o.text_content()) for o in element.iter("option") if o.get("selected") is not None]
            if not chosen and element.get("multiple") is None:
                first = next(element.iter("option"), None)
                chosen = [first.get("value", first.text_content())] if first is not None else []
            for value in chosen:
                yield name, value
        elif element.tag == "textarea":
            yield name, element.text or ""
        else:
            yield name, element.get("value", "")


def form_values(html: str) -> dict[str, str | list[str]]:
    """What the browser would post from the entry form as it stands (repeated names as lists)."""
    values: dict[str, str | list[str]] = {}
    for name, value in _successful_controls(entry_form(html)):
        if name in values:
            previous = values[name]
            values[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            values[name] = value
    return values


def field_order(html: str) -> list[str]:
    """The parts of the entry form in tab (document) order, named like the paper's data-part markers."""
    order: list[str] = []
    for element in entry_form(html).iter("input", "textarea", "select"):
        name = element.get("name", "")
        if name.startswith(("c-", "q-")):
            part = name.rsplit("-", 1)[0] if name.startswith("c-") else "q-" + name.split("-")[1]
        elif name in ("hamlet", "group", "name", "show_name", "phone", "consent"):
            part = name
        else:
            continue
        if part not in order:
            order.append(part)
    return order


def paper_order(html: str) -> list[str]:
    """The parts of the printed paper form, in print order."""
    return [element.get("data-part") for element in lxml.html.fromstring(html).xpath("//*[@data-part]")]


def open_entry(client, consultation: Consultation) -> dict:
    """GET the entry screen and return its form's values (CSRF token, idempotency key, kept choices)."""
    response = client.get(url(consultation))
    assert response.status_code == 200, response.status_code
    return form_values(response.get_data(as_text=True))


def paper_form(client, consultation: Consultation, hamlet: Hamlet | None, *parts: dict, channel: str = "paper",
               consent: bool = True, **fields) -> dict:
    """A paper form as the officer types it: the screen's own fields, then the parts read off the paper."""
    data = open_entry(client, consultation)
    data["channel"] = channel
    if hamlet is not None:
        data["hamlet"] = str(hamlet.id)
    if consent:
        data["consent"] = "1"
    for part in parts:
        data.update(part)
    data.update(fields)
    return data


def save(client, consultation: Consultation, data: dict, **kwargs):
    return client.post(url(consultation), data=data, **kwargs)
