"""Question operations and queries (no request, no commit).

Answers point at questions and options, so once a question has an answer only its
wording may change: the kind, the options' number and order, required and the pick
bounds stay as they were, so every stored answer keeps the meaning it was given with.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from consult.i18n import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.models import Answer, Consultation, Question, QuestionKind, QuestionOption

#: Fields a reader of the question sees; they may be fixed after answers exist.
WORDING_FIELDS = ("prompt", "help_text", "rating_low_label", "rating_high_label")
#: Fields that shape the answers; frozen once a question is answered.
STRUCTURE_FIELDS = ("kind", "required", "allow_other", "min_choices", "max_choices")


class QuestionChangeRefused(Exception):
    """A change that would alter the meaning of answers already given."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field_name = field_name
        self.message = message


@dataclass
class QuestionDraft:
    """A question as staff typed it, already validated by the form."""

    kind: QuestionKind
    prompt: str
    help_text: str = ""
    required: bool = False
    options: list[str] = field(default_factory=list)
    allow_other: bool = False
    min_choices: int | None = None
    max_choices: int | None = None
    rating_low_label: str = ""
    rating_high_label: str = ""

    def normalised(self) -> QuestionDraft:
        """Drop what the kind does not use, so a switched kind leaves no stale settings."""
        choice = self.kind.has_options
        multiple = self.kind is QuestionKind.MULTIPLE
        rating = self.kind is QuestionKind.RATING
        return QuestionDraft(
            kind=self.kind, prompt=self.prompt, help_text=self.help_text, required=self.required,
            options=list(self.options) if choice else [],
            allow_other=self.allow_other if choice else False,
            min_choices=self.min_choices if multiple else None,
            max_choices=self.max_choices if multiple else None,
            rating_low_label=self.rating_low_label if rating else "",
            rating_high_label=self.rating_high_label if rating else "",
        )


def questions_of(consultation: Consultation) -> list[Question]:
    """The consultation's questions in order, with their options loaded in the same round trip."""
    return list(db.session.execute(
        select(Question).where(Question.consultation_id == consultation.id)
        .order_by(Question.position, Question.id).options(selectinload(Question.options))
    ).scalars())


def answer_counts(consultation: Consultation) -> dict[int, int]:
    """Submissions that answered each question of a consultation (one GROUP BY)."""
    rows = db.session.execute(
        select(Answer.question_id, func.count(func.distinct(Answer.submission_id)))
        .join(Question, Question.id == Answer.question_id)
        .where(Question.consultation_id == consultation.id)
        .group_by(Answer.question_id)
    )
    return {question_id: count for question_id, count in rows}


def is_answered(question: Question) -> bool:
    """Whether any submission has answered this question."""
    return db.session.execute(
        select(select(Answer.id).where(Answer.question_id == question.id).exists())
    ).scalar_one()


def question_in(consultation: Consultation, question_id: int) -> Question | None:
    """One question of this consultation (None when it belongs to another or does not exist)."""
    question = db.session.get(Question, question_id)
    if question is None or question.consultation_id != consultation.id:
        return None
    return question


def snapshot(question: Question) -> dict:
    """The question as plain data, for the audit log's before/after."""
    return {
        "kind": question.kind.value,
        "prompt": question.prompt,
        "help_text": question.help_text or "",
        "required": bool(question.required),
        "options": [option.label for option in question.options],
        "allow_other": bool(question.allow_other),
        "min_choices": question.min_choices,
        "max_choices": question.max_choices,
        "rating_low_label": question.rating_low_label or "",
        "rating_high_label": question.rating_high_label or "",
    }


def add_question(consultation: Consultation, draft: QuestionDraft) -> Question:
    """Append a question at the end of the consultation's survey."""
    last = db.session.execute(
        select(func.max(Question.position)).where(Question.consultation_id == consultation.id)
    ).scalar_one()
    question = Question(consultation_id=consultation.id, position=(last or 0) + 1, kind=draft.kind, prompt="")
    db.session.add(question)
    _apply(question, draft.normalised(), answered=False)
    db.session.flush()
    return question


def update_question(question: Question, draft: QuestionDraft, *, answered: bool) -> dict:
    """Change a question; after answers exist only wording. Returns {field: [before, after]}."""
    before = snapshot(question)
    draft = draft.normalised()
    if answered:
        _refuse_structural_changes(question, draft)
    _apply(question, draft, answered=answered)
    db.session.flush()
    after = snapshot(question)
    return {name: [before[name], after[name]] for name in before if before[name] != after[name]}


def _refuse_structural_changes(question: Question, draft: QuestionDraft) -> None:
    answered_note = _l("Câu hỏi đã có người trả lời nên chỉ được sửa câu chữ.")
    if draft.kind is not question.kind:
        raise QuestionChangeRefused("kind", str(_l("Không thể đổi loại câu hỏi khi đã có người trả lời.")))
    if bool(draft.required) != bool(question.required):
        raise QuestionChangeRefused("required", str(answered_note))
    if bool(draft.allow_other) != bool(question.allow_other):
        raise QuestionChangeRefused("allow_other", str(answered_note))
    if (draft.min_choices, draft.max_choices) != (question.min_choices, question.max_choices):
        raise QuestionChangeRefused("min_choices", str(answered_note))
    if question.kind.has_options and len(draft.options) != len(question.options):
        raise QuestionChangeRefused("options", str(_l(
            "Câu hỏi đã có người trả lời: giữ nguyên %(count)s phương án theo đúng thứ tự, chỉ sửa câu chữ.",
            count=len(question.options),
        )))


def _apply(question: Question, draft: QuestionDraft, *, answered: bool) -> None:
    for name in WORDING_FIELDS + STRUCTURE_FIELDS:
        setattr(question, name, getattr(draft, name))
    if answered:
        # Same count, same order (checked above): rename each option in place.
        for option, label in zip(question.options, draft.options):
            option.label = label
    else:
        _replace_options(question, draft.options)


def _replace_options(question: Question, labels: list[str]) -> None:
    """Set the options to `labels`, keeping the row (and id) of every option whose label stays."""
    unused = {}
    for option in question.options:
        unused.setdefault(option.label, []).append(option)
    kept = []
    for position, label in enumerate(labels, start=1):
        same = unused.get(label)
        option = same.pop(0) if same else QuestionOption(label=label)
        option.position = position
        kept.append(option)
    question.options = kept  # delete-orphan removes the rest


def move_question(consultation: Consultation, question: Question, direction: str) -> bool:
    """Swap a question with its neighbour above ("up") or below ("down"); False at either end."""
    ordered = questions_of(consultation)
    for position, item in enumerate(ordered, start=1):
        item.position = position  # heal gaps left by older data before swapping
    index = ordered.index(question)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(ordered):
        return False
    ordered[index].position, ordered[other].position = ordered[other].position, ordered[index].position
    db.session.flush()
    return True


def delete_question(consultation: Consultation, question: Question) -> None:
    """Remove an unanswered question and close the gap it leaves."""
    if is_answered(question):
        raise QuestionChangeRefused("question", str(_l(
            "Câu hỏi đã có người trả lời nên không xóa được; các câu trả lời phải được giữ lại."
        )))
    db.session.delete(question)
    db.session.flush()
    for position, item in enumerate(questions_of(consultation), start=1):
        item.position = position
    db.session.flush()
