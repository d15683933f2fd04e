"""What a parsed form holds, and the length limits every channel enforces."""
from __future__ import annotations

from dataclasses import dataclass, field

from consult.models import RespondentGroup, Stance

#: The "article id" of a comment on the draft as a whole, in field names.
GENERAL = "general"
COMMENT_MAX_CHARS = 2000
SHORT_ANSWER_MAX_CHARS = 300
LONG_ANSWER_MAX_CHARS = 2000
NAME_MAX_CHARS = 100
EMAIL_MAX_CHARS = 254


@dataclass(frozen=True)
class CommentInput:
    """One comment: its target (None = the whole draft), stance and cleaned text."""

    article_id: int | None
    stance: Stance
    body: str


@dataclass(frozen=True)
class AnswerInput:
    """One Answer row to store: a chosen option, a number (rating; yes/no as 1/0) or a text."""

    question_id: int
    option_id: int | None = None
    value_int: int | None = None
    value_text: str = ""


@dataclass
class SubmissionInput:
    """Everything a valid form said, cleaned and ready to store."""

    comments: list[CommentInput] = field(default_factory=list)
    answers: list[AnswerInput] = field(default_factory=list)
    hamlet_id: int | None = None
    respondent_group: RespondentGroup = RespondentGroup.RESIDENT
    display_name: str = ""
    show_name: bool = False
    contact_phone: str = ""
    contact_email: str = ""
    consent: bool = False


def comment_field(target: int | str, part: str) -> str:
    """The field name of a comment part: comment_field(3, "text") → "c-3-text"."""
    return f"c-{target}-{part}"


def question_field(question_id: int, suffix: str = "") -> str:
    """The field name of an answer: "q-7", or "q-7-other" for its free text."""
    return f"q-{question_id}-{suffix}" if suffix else f"q-{question_id}"
