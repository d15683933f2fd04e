"""Answers to survey questions: one validator per QuestionKind, all errors in Vietnamese."""
from __future__ import annotations

from collections.abc import Callable

from consult.i18n import gettext as _
from werkzeug.datastructures import MultiDict

from consult.models import Question, QuestionKind
from consult.submissions.inputs import (
    LONG_ANSWER_MAX_CHARS, SHORT_ANSWER_MAX_CHARS, AnswerInput, question_field,
)
from consult.i18n import format_number
from consult.text import clean_text

#: The value of the "Khác: ____" choice.
OTHER = "other"
YES_VALUES = {"yes": 1, "1": 1, "no": 0, "0": 0}


class AnswerError(ValueError):
    """A question's answer is not acceptable; the message is shown to the respondent."""


def parse_answers(questions: list[Question], formdata: MultiDict, errors: dict[str, str], *,
                  enforce_required: bool = True) -> list[AnswerInput]:
    """The answers to every question; a bad (or, when enforced, missing required) answer adds an error under q-<id>."""
    answers: list[AnswerInput] = []
    for question in questions:
        name = question_field(question.id)
        try:
            rows = _PARSERS[question.kind](question, formdata)
        except AnswerError as error:
            errors[name] = str(error)
            continue
        if not rows and question.required and enforce_required:
            errors[name] = _("Câu hỏi này bắt buộc trả lời.")
            continue
        answers.extend(rows)
    return answers


def _values(question: Question, formdata: MultiDict) -> list[str]:
    """The non-empty values posted for a question, in order, without repeats."""
    seen: list[str] = []
    for value in formdata.getlist(question_field(question.id)):
        value = value.strip()
        if value and value not in seen:
            seen.append(value)
    return seen


def _other_text(question: Question, formdata: MultiDict) -> str:
    text = clean_text(formdata.get(question_field(question.id, OTHER), ""), multiline=False)
    if len(text) > SHORT_ANSWER_MAX_CHARS:
        raise AnswerError(_("Phần “Khác” dài quá %(max)s ký tự.", max=SHORT_ANSWER_MAX_CHARS))
    return text


def _choices(question: Question, formdata: MultiDict) -> list[AnswerInput]:
    """Single or multiple choice: valid option ids, and "other" with its text when allowed."""
    picked = _values(question, formdata)
    other_text = _other_text(question, formdata) if question.allow_other else ""
    if other_text and OTHER not in picked:
        if question.kind is QuestionKind.SINGLE and picked:
            raise AnswerError(_("Bạn đã chọn một phương án và ghi thêm ở ô “Khác”: hãy chọn “Khác” hoặc xóa phần ghi thêm."))
        picked.append(OTHER)  # typing in "Khác" is choosing it
    options = {str(option.id): option.id for option in question.options}
    rows: list[AnswerInput] = []
    for value in picked:
        if value == OTHER and question.allow_other:
            if not other_text:
                raise AnswerError(_("Hãy ghi rõ ý kiến ở ô “Khác”."))
            rows.append(AnswerInput(question_id=question.id, value_text=other_text))
        elif value in options:
            rows.append(AnswerInput(question_id=question.id, option_id=options[value]))
        else:
            raise AnswerError(_("Lựa chọn không hợp lệ. Hãy chọn lại."))
    if question.kind is QuestionKind.SINGLE and len(rows) > 1:
        raise AnswerError(_("Chỉ được chọn một phương án."))
    if question.kind is QuestionKind.MULTIPLE and rows:
        _check_pick_count(question, len(rows))
    return rows


def _check_pick_count(question: Question, count: int) -> None:
    if question.min_choices and count < question.min_choices:
        raise AnswerError(_("Hãy chọn ít nhất %(n)s phương án.", n=question.min_choices))
    if question.max_choices and count > question.max_choices:
        raise AnswerError(_("Chỉ được chọn tối đa %(n)s phương án.", n=question.max_choices))


def _single_value(question: Question, formdata: MultiDict) -> str:
    values = _values(question, formdata)
    if len(values) > 1:
        raise AnswerError(_("Chỉ được chọn một phương án."))
    return values[0] if values else ""


def _rating(question: Question, formdata: MultiDict) -> list[AnswerInput]:
    value = _single_value(question, formdata)
    if not value:
        return []
    if value not in {"1", "2", "3", "4", "5"}:
        raise AnswerError(_("Hãy chọn một mức từ 1 đến 5."))
    return [AnswerInput(question_id=question.id, value_int=int(value))]


def _yes_no(question: Question, formdata: MultiDict) -> list[AnswerInput]:
    value = _single_value(question, formdata).lower()
    if not value:
        return []
    if value not in YES_VALUES:
        raise AnswerError(_("Hãy chọn Có hoặc Không."))
    return [AnswerInput(question_id=question.id, value_int=YES_VALUES[value])]


def _text(limit: int, multiline: bool) -> Callable[[Question, MultiDict], list[AnswerInput]]:
    def parse(question: Question, formdata: MultiDict) -> list[AnswerInput]:
        text = clean_text(formdata.get(question_field(question.id), ""), multiline=multiline)
        if not text:
            return []
        if len(text) > limit:
            raise AnswerError(_("Câu trả lời dài %(n)s ký tự; tối đa %(max)s ký tự.", n=format_number(len(text)), max=format_number(limit)))
        return [AnswerInput(question_id=question.id, value_text=text)]

    return parse


_PARSERS: dict[QuestionKind, Callable[[Question, MultiDict], list[AnswerInput]]] = {
    QuestionKind.SINGLE: _choices,
    QuestionKind.MULTIPLE: _choices,
    QuestionKind.RATING: _rating,
    QuestionKind.YESNO: _yes_no,
    QuestionKind.SHORT_TEXT: _text(SHORT_ANSWER_MAX_CHARS, multiline=False),
    QuestionKind.LONG_TEXT: _text(LONG_ANSWER_MAX_CHARS, multiline=True),
}
