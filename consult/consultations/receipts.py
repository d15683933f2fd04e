"""Receipts: what a resident sees of their own submission at /r/<code> (no personal data)."""
from __future__ import annotations

from dataclasses import dataclass

from consult.i18n import gettext as _
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.models import Answer, Comment, Question, QuestionKind, Submission


def submission_by_receipt(code: str) -> Submission | None:
    """A submission by its canonical receipt code, with everything its receipt shows loaded."""
    return db.session.execute(
        db.select(Submission)
        .where(Submission.receipt_code == code)
        .options(
            selectinload(Submission.consultation),
            selectinload(Submission.comments).selectinload(Comment.article),
            selectinload(Submission.comments).selectinload(Comment.response),
            selectinload(Submission.answers).selectinload(Answer.question),
            selectinload(Submission.answers).selectinload(Answer.option),
        )
    ).scalar_one_or_none()


@dataclass(frozen=True)
class AnswerSummary:
    """One question and what the resident answered, in words."""

    prompt: str
    answers: list[str]


def answer_summaries(submission: Submission) -> list[AnswerSummary]:
    """The submission's answers grouped by question, in the survey's order."""
    grouped: dict[int, tuple[Question, list[str]]] = {}
    for answer in submission.answers:
        question, words = grouped.setdefault(answer.question_id, (answer.question, []))
        words.append(_answer_words(question, answer))
    ordered = sorted(grouped.values(), key=lambda item: (item[0].position, item[0].id))
    return [AnswerSummary(prompt=question.prompt, answers=words) for question, words in ordered]


def _answer_words(question: Question, answer: Answer) -> str:
    if answer.option is not None:
        return answer.option.label
    if question.kind is QuestionKind.RATING and answer.value_int is not None:
        return _("%(n)s/5", n=answer.value_int)
    if question.kind is QuestionKind.YESNO and answer.value_int is not None:
        return _("Có") if answer.value_int else _("Không")
    if question.kind.has_options:
        return _("Khác: %(text)s", text=answer.value_text)
    return answer.value_text
