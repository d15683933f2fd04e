"""Property-based tests (hypothesis): codes people type, and the comment form handler.

(The draft splitter's and the slug maker's properties live with the splitter's tests.)
"""
from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from consult import codes
from consult.models import Stance
from consult.submissions import COMMENT_MAX_CHARS, parse_submission
from tests.factories import make_consultation, make_question

#: What a person may type around a code: case, dashes, spaces, the letters read as digits.
NOISE = st.sampled_from(["", "-", " ", "  ", "_", "."])


@st.composite
def typed(draw, code: str) -> str:
    """The code as someone might type it."""
    out = []
    for ch in code:
        ch = draw(st.sampled_from([ch, ch.lower()]))
        if ch == "1":
            ch = draw(st.sampled_from(["1", "I", "i", "L", "l"]))
        elif ch == "0":
            ch = draw(st.sampled_from(["0", "O", "o"]))
        out.append(ch + draw(NOISE))
    return draw(NOISE) + "".join(out)


@given(st.text(alphabet=codes.ALPHABET, min_size=codes.TRACKING_LENGTH, max_size=codes.TRACKING_LENGTH), st.data())
def test_a_tracking_code_is_found_however_it_is_typed(body, data):
    stored = codes.TRACKING_PREFIX + body
    shown = codes.format_tracking_code(stored)
    assert codes.parse_tracking_code(shown) == stored
    assert codes.parse_tracking_code(data.draw(typed(shown))) == stored
    assert codes.parse_tracking_code(data.draw(typed(stored[2:]))) == stored  # without the "PA"


@given(st.text(max_size=40))
def test_tracking_code_parsing_never_fails_and_only_yields_valid_codes(text):
    parsed = codes.parse_tracking_code(text)
    if parsed is not None:
        assert parsed.startswith("PA") and len(parsed) == 10
        assert set(parsed[2:]) <= set(codes.ALPHABET)


@given(st.text(alphabet=codes.ALPHABET, min_size=codes.RECEIPT_LENGTH, max_size=codes.RECEIPT_LENGTH), st.data())
def test_receipt_codes_round_trip(code, data):
    assert codes.parse_receipt_code(data.draw(typed(codes.format_receipt_code(code)))) == code


def test_tracking_codes_carry_at_least_forty_random_bits():
    import math

    assert codes.TRACKING_LENGTH * math.log2(len(codes.ALPHABET)) >= 40
    assert len({codes.new_tracking_code() for _ in range(2000)}) == 2000


@pytest.fixture
def form_parts(app, hamlets):
    consultation = make_consultation(articles=3)
    question = make_question(consultation, "multiple", options=["A", "B", "C"], max_choices=2)
    return consultation, question, hamlets


FIELD_NAMES = st.sampled_from([
    "c-{a}-stance", "c-{a}-text", "c-general-stance", "c-general-text", "q-{q}", "q-{q}-other", "hamlet",
    "group", "name", "show_name", "phone", "email", "consent", "c-999999-stance", "q-999999", "bogus",
])
VALUES = st.one_of(st.text(max_size=60), st.sampled_from([s.value for s in Stance]), st.integers(-5, 10**6).map(str),
                   st.text(alphabet=string.printable, min_size=COMMENT_MAX_CHARS - 2, max_size=COMMENT_MAX_CHARS + 2))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(FIELD_NAMES, VALUES), max_size=14))
def test_the_form_handler_accepts_or_explains_anything(form_parts, pairs):
    """Any posted form yields either clean data or Vietnamese messages keyed to fields — never a crash."""
    consultation, question, hamlets = form_parts
    article = consultation.articles[0]
    formdata = MultiDict([(name.format(a=article.id, q=question.id), value) for name, value in pairs])
    data, errors = parse_submission(consultation, formdata)
    assert (data is None) == bool(errors)
    for key, message in errors.items():
        assert isinstance(message, str) and message
        assert key == "form" or key in {"hamlet", "group", "name", "phone", "email", "consent"} or key.startswith(("c-", "q-"))
    if data is not None:
        assert data.consent
        assert data.comments or data.answers
        for comment in data.comments:
            assert len(comment.body) <= COMMENT_MAX_CHARS
            assert comment.stance in Stance
            assert comment.stance is Stance.AGREE or comment.body  # a reason unless agreeing
        valid_options = {option.id for option in question.options}
        picks = [answer for answer in data.answers if answer.option_id is not None]
        assert {answer.option_id for answer in picks} <= valid_options and len(picks) <= 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=300).filter(lambda t: t.strip()), stance=st.sampled_from(["disagree", "other"]))
def test_a_valid_comment_is_always_taken_as_typed_in_nfc(form_parts, text, stance):
    import unicodedata

    from consult.text import clean_text

    consultation, _question, hamlets = form_parts
    article = consultation.articles[1]
    formdata = MultiDict({f"c-{article.id}-stance": stance, f"c-{article.id}-text": text,
                          "hamlet": str(hamlets[0].id), "consent": "1"})
    data, errors = parse_submission(consultation, formdata)
    expected = clean_text(text)
    if not expected:
        assert errors
        return
    assert errors == {}
    assert data.comments[0].body == expected
    assert unicodedata.is_normalized("NFC", data.comments[0].body)
