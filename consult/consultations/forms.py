"""The resident's form around the fields: hidden guards, initial values, what to show back.

The fields themselves differ per consultation (one comment part per article, one
per question), so they are not a WTForms class: consult.submissions parses and
validates them for every channel. CSRF is checked by CSRFProtect on every POST.
"""
from __future__ import annotations

import time
import uuid

from flask import current_app
from consult.i18n import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.datastructures import MultiDict

from consult.models import Consultation, QuestionKind, RespondentGroup
from consult.submissions import GENERAL, comment_field, form_articles, form_questions, question_field

#: Hidden fields of the form (the CSRF error page never echoes names starting like these).
HONEYPOT = "website"
IDEMPOTENCY_KEY = "idem"
STARTED = "started"
QR_CODE = "qr"
#: Session key of the hamlet chosen last time, to preselect it next time.
REMEMBERED_HAMLET = "hamlet"
_START_SALT = "consult.form-started"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=_START_SALT)


def new_start_token(consultation: Consultation) -> str:
    """A signed "the form was shown now" for the minimum fill time."""
    return _serializer().dumps(consultation.id)


def seconds_since_start(token: str, consultation: Consultation) -> float | None:
    """How long ago the form was shown, or None when the token is missing, forged or for another form."""
    try:
        consultation_id, signed_at = _serializer().loads(token or "", return_timestamp=True)
    except BadSignature:
        return None
    if consultation_id != consultation.id:
        return None
    return time.time() - signed_at.timestamp()


def looks_automated(formdata: MultiDict, consultation: Consultation) -> bool:
    """A filled honeypot, or a form sent faster than a person can fill it."""
    if formdata.get(HONEYPOT, "").strip():
        return True
    minimum = float(current_app.config["MIN_FILL_SECONDS"])
    if minimum <= 0:
        return False
    elapsed = seconds_since_start(formdata.get(STARTED, ""), consultation)
    return elapsed is None or elapsed < minimum


def start_token_to_keep(formdata: MultiDict, consultation: Consultation) -> str:
    """On a re-render keep the first valid start time, so a second try is not "too fast" again."""
    token = formdata.get(STARTED, "")
    return token if seconds_since_start(token, consultation) is not None else new_start_token(consultation)


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


def initial_values(hamlet_id: int | None) -> MultiDict:
    """A blank form, with the hamlet preselected when known."""
    values = MultiDict({"group": RespondentGroup.RESIDENT.value})
    if hamlet_id:
        values["hamlet"] = str(hamlet_id)
    return values


def touched_parts(consultation: Consultation, values: MultiDict, errors: dict[str, str]) -> set[str]:
    """Comment parts the resident filled or got wrong: their articles are shown open again."""
    keys = [str(article.id) for article in form_articles(consultation)] + [GENERAL]
    touched = set()
    for key in keys:
        names = (comment_field(key, "stance"), comment_field(key, "text"))
        if any(values.get(name, "").strip() or name in errors for name in names):
            touched.add(key)
    return touched


def typed_texts(consultation: Consultation, values: MultiDict) -> list[tuple[str, str]]:
    """(where, text) of everything written in the form, to show back when it cannot be stored."""
    typed = []
    for article in form_articles(consultation):
        typed.append((article.title, values.get(comment_field(article.id, "text"), "")))
    typed.append((_("Góp ý chung"), values.get(comment_field(GENERAL, "text"), "")))
    for question in form_questions(consultation):
        if question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            typed.append((question.prompt, values.get(question_field(question.id), "")))
        elif question.allow_other:
            typed.append((question.prompt, values.get(question_field(question.id, "other"), "")))
    return [(where, text.strip()) for where, text in typed if text and text.strip()]
