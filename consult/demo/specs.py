"""Typed shapes of the demo texts, so the Vietnamese content reads as plain data."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from consult.models import (
    Channel, ConsultationKind, Disposition, FeedbackChannel, FeedbackStatus, Organiser,
    QuestionKind, Role, Stance,
)


def nfc(text: str) -> str:
    """Everything stored is NFC, whatever the editor that wrote this file did."""
    return unicodedata.normalize("NFC", text)


def clauses(text: str) -> str:
    """Article text as written in Vietnamese legal style → Markdown, one block per clause or point.

    Clauses ("1. …") render as a numbered list and points ("a) …") as paragraphs
    between them; nothing is indented, because clean_text() collapses leading spaces.
    """
    lines = (line.strip() for line in nfc(text).strip().splitlines())
    return "\n\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Account:
    """A demo staff login."""

    username: str
    role: Role
    password: str
    full_name: str
    hamlet_code: str | None = None


@dataclass(frozen=True)
class HamletText:
    """A hamlet: code, name, kind and household count."""

    code: str
    name: str
    kind: str
    households: int


@dataclass(frozen=True)
class ArticleText:
    """One Điều or Mục of a draft."""

    number: str
    heading: str
    body: str
    chapter: str = ""
    label: str = "Điều"


@dataclass(frozen=True)
class ConsultationText:
    """A consultation's fixed texts; dates are decided by the seeding code."""

    slug: str
    title: str
    summary: str
    body_md: str
    organiser: Organiser
    kind: ConsultationKind
    articles: tuple[ArticleText, ...] = ()


@dataclass(frozen=True)
class CommentText:
    """A resident's comment on an article (by number) or on the whole draft (None)."""

    article: str | None
    stance: Stance
    body: str


@dataclass(frozen=True)
class ResponseTheme:
    """Similar comments on one article and the single official response covering them all."""

    article: str | None
    stance: Stance
    disposition: Disposition
    variants: tuple[str, ...]
    response: str
    weight: int = 1


@dataclass(frozen=True)
class QuestionText:
    """A survey question and how demo respondents tend to answer it."""

    kind: QuestionKind
    prompt: str
    help_text: str = ""
    required: bool = False
    options: tuple[str, ...] = ()
    #: Relative popularity of each option (or of ratings 1–5, or of yes/no).
    weights: tuple[int, ...] = ()
    allow_other: bool = False
    other_answers: tuple[str, ...] = ()
    max_choices: int | None = None
    #: The last option ("Không gặp khó khăn") excludes the others.
    exclusive_last: bool = False
    rating_low_label: str = ""
    rating_high_label: str = ""
    #: Share of respondents who answer an optional question.
    answer_rate: float = 1.0
    text_answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedbackText:
    """A suggestion-box item and the story of how it was handled."""

    title: str
    body: str
    category: str
    hamlet: str | None
    channel: FeedbackChannel
    status: FeedbackStatus
    days_ago: int
    assignee: str = ""
    answer: str = ""
    reject_reason: str = ""
    note: str = ""
    sender_name: str = ""
    sender_phone: str = ""
    allow_public: bool = False
    #: Title of the item this one duplicates (its answer covers both).
    merged_into: str = ""


@dataclass(frozen=True)
class ChannelMix:
    """How a consultation's submissions reach the commune."""

    total: int
    weights: dict[Channel, int] = field(default_factory=dict)
