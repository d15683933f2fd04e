"""Answers to the open survey, drawn from each question's typical spread of opinion."""
from __future__ import annotations

import random
from datetime import timedelta

from consult import codes
from consult.demo.specs import QuestionText
from consult.extensions import db
from consult.models import (
    Answer, Channel, Consultation, Question, QuestionKind, QuestionOption, Submission, Validity,
)

#: How many boxes people tick on a "choose up to 3" question.
PICK_COUNT_WEIGHTS = (45, 35, 20)
OTHER_RATE = 0.06


def answer_survey(rng: random.Random, consultation: Consultation, questions: list[Question],
                  texts: tuple[QuestionText, ...], submissions: list[Submission]) -> None:
    """Answers for every submission, then one form sent twice (kept, marked duplicate)."""
    for submission in submissions:
        for question, text in zip(questions, texts):
            if text.required or rng.random() < text.answer_rate:
                submission.answers.extend(_answers(rng, question, text))
    submissions.append(_duplicate(rng, consultation, submissions))


def _answers(rng: random.Random, question: Question, text: QuestionText) -> list[Answer]:
    """The rows one respondent leaves for one question."""
    kind = text.kind
    if kind is QuestionKind.SINGLE:
        if text.allow_other and rng.random() < OTHER_RATE:
            return [_other(rng, question, text)]
        return [Answer(question=question, option=_weighted(rng, question.options, text.weights))]
    if kind is QuestionKind.MULTIPLE:
        return _multiple(rng, question, text)
    if kind is QuestionKind.RATING:
        return [Answer(question=question, value_int=rng.choices(range(1, 6), weights=text.weights)[0])]
    if kind is QuestionKind.YESNO:
        return [Answer(question=question, value_int=rng.choices((1, 0), weights=text.weights)[0])]
    return [Answer(question=question, value_text=rng.choice(text.text_answers))]


def _multiple(rng: random.Random, question: Question, text: QuestionText) -> list[Answer]:
    """Up to `max_choices` distinct boxes; the exclusive last box ("none") stands alone."""
    limit = text.max_choices or len(question.options)
    count = min(rng.choices(range(1, len(PICK_COUNT_WEIGHTS) + 1), weights=PICK_COUNT_WEIGHTS)[0], limit)
    with_other = text.allow_other and rng.random() < OTHER_RATE
    options, weights = list(question.options), list(text.weights)
    picked: list[QuestionOption] = []
    while len(picked) < count - int(with_other) and options:
        index = rng.choices(range(len(options)), weights=weights)[0]
        picked.append(options.pop(index))
        weights.pop(index)
    if text.exclusive_last and question.options[-1] in picked:
        return [Answer(question=question, option=question.options[-1])]
    answers = [Answer(question=question, option=option) for option in picked]
    if with_other:
        answers.append(_other(rng, question, text))
    return answers


def _other(rng: random.Random, question: Question, text: QuestionText) -> Answer:
    """A "Khác: ____" answer: no option, the resident's own words."""
    return Answer(question=question, option=None, value_text=rng.choice(text.other_answers))


def _weighted(rng: random.Random, options: list[QuestionOption], weights: tuple[int, ...]) -> QuestionOption:
    """One option, in proportion to its weight."""
    return rng.choices(options, weights=weights)[0]


def _duplicate(rng: random.Random, consultation: Consultation, submissions: list[Submission]) -> Submission:
    """The same answers sent again from one phone a minute later."""
    original = rng.choice([s for s in submissions if s.channel is Channel.WEB])
    copy = Submission(
        consultation=consultation, receipt_code=codes.new_receipt_code(), channel=original.channel,
        hamlet=original.hamlet, respondent_group=original.respondent_group, consent=True,
        device_hash=original.device_hash, created_at=original.created_at + timedelta(seconds=rng.randint(40, 150)),
        validity=Validity.DUPLICATE, validity_reason="Cùng một thiết bị gửi lại phiếu giống hệt sau hơn một phút.",
    )
    copy.answers = [
        Answer(question=answer.question, option=answer.option, value_int=answer.value_int,
               value_text=answer.value_text or "")
        for answer in original.answers
    ]
    db.session.add(copy)
    return copy
