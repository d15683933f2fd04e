"""What the results page shows: the cached aggregates joined to their labels (articles, hamlets,
questions, enums), ready for tables and charts. Small lookups only; no loop over submissions."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from consult.i18n import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.i18n import format_percent
from consult.models import (
    Channel, Consultation, Disposition, Hamlet, Question, QuestionKind, RejectReason, RespondentGroup, Stance,
    Validity,
)
from consult.results.aggregates import GENERAL, section_key

STANCES = (Stance.AGREE, Stance.DISAGREE, Stance.OTHER)
#: Longest run of days drawn day by day (a longer period is shown as its days with submissions).
MAX_FILLED_DAYS = 120


@dataclass
class Row:
    """One line of a table and one bar of its chart."""

    label: str
    value: float
    display: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class CommentGroup:
    """Consecutive sample comments answered by the same response (or one unanswered comment)."""

    comments: list[dict]
    response: dict | None
    response_id: int | None


@dataclass
class SectionResult:
    """An article (or the draft as a whole) with its stance counts and its first comments."""

    key: str
    title: str
    anchor: str
    comments: dict[str, int]
    meeting: dict[str, int]
    pending: int
    groups: list[CommentGroup]
    article_id: int | None = None

    @property
    def comment_total(self) -> int:
        return sum(self.comments.values())

    @property
    def meeting_total(self) -> int:
        return sum(self.meeting.values())

    def total(self, stance: str) -> int:
        return self.comments.get(stance, 0) + self.meeting.get(stance, 0)

    @property
    def grand_total(self) -> int:
        return self.comment_total + self.meeting_total

    @property
    def shown(self) -> int:
        return sum(len(group.comments) for group in self.groups)


@dataclass
class QuestionResult:
    """A survey question's answers as rows (options, ratings, yes/no) or a count of free texts."""

    question_id: int
    position: int
    kind: QuestionKind
    prompt: str
    respondents: int
    rows: list[Row]
    average: float | None = None
    free_text: int = 0


@dataclass
class ResultsView:
    """Everything the results page, the JSON and the CSV say about a consultation."""

    consultation: Consultation
    computed_at: datetime
    submissions: int
    meetings: int
    attendees: int
    approved: int
    pending: int
    households: int
    hamlets: list[Row]
    channels: list[Row]
    groups: list[Row]
    days: list[Row]
    sections: list[SectionResult]
    questions: list[QuestionResult]
    rejected: list[Row]
    excluded: list[Row]

    @property
    def participants(self) -> int:
        """Submissions plus people counted at meetings (a person may be in both)."""
        return self.submissions + self.attendees


def author_label(hamlet_names: dict[int, str], hamlet_id: int | None, name: str) -> str:
    """How a resident appears publicly: their name only if they chose to show it."""
    hamlet = hamlet_names.get(hamlet_id or 0, "")
    if name:
        return f"{name} · {hamlet}" if hamlet else name
    return _("Người dân %(hamlet)s", hamlet=hamlet) if hamlet else _("Người dân")


def build(consultation: Consultation, payload: dict) -> ResultsView:
    """Join the payload to labels; the page, the JSON and the CSV all read this."""
    hamlets = list(db.session.execute(select(Hamlet).order_by(Hamlet.position, Hamlet.id)).scalars())
    hamlet_names = {hamlet.id: hamlet.name for hamlet in hamlets}
    sections = _sections(consultation, payload, hamlet_names)
    return ResultsView(
        consultation=consultation,
        computed_at=datetime.fromisoformat(payload["computed_at"]),
        submissions=payload["submissions"],
        meetings=payload["meetings"]["count"],
        attendees=payload["meetings"]["attendees"],
        approved=payload["approved"],
        pending=sum(payload["pending"].values()),
        households=sum(hamlet.households for hamlet in hamlets if hamlet.active),
        hamlets=_hamlet_rows(hamlets, payload),
        channels=[Row(channel.label, payload["by_channel"].get(channel.value, 0), extra={"code": channel.value})
                  for channel in Channel if payload["by_channel"].get(channel.value)],
        groups=[Row(group.label, payload["by_group"].get(group.value, 0), extra={"code": group.value})
                for group in RespondentGroup if payload["by_group"].get(group.value)],
        days=_day_rows(payload["by_day"]),
        sections=sections,
        questions=_question_results(consultation, payload),
        rejected=[Row(reason.label, payload["rejected"][reason.value], extra={"code": reason.value})
                  for reason in RejectReason if payload["rejected"].get(reason.value)],
        excluded=[Row(validity.label, payload["excluded"][validity.value], extra={"code": validity.value})
                  for validity in (Validity.SPAM, Validity.DUPLICATE) if payload["excluded"].get(validity.value)],
    )


def _hamlet_rows(hamlets: list[Hamlet], payload: dict) -> list[Row]:
    """Every active hamlet (and any other with submissions), with coverage = submissions ÷ households."""
    counts = payload["by_hamlet"]
    attendees = payload["meetings"]["attendees_by_hamlet"]
    rows = []
    for hamlet in hamlets:
        key = str(hamlet.id)
        if not hamlet.active and not counts.get(key) and not attendees.get(key):
            continue
        submissions = counts.get(key, 0)
        coverage = 100 * submissions / hamlet.households if hamlet.households else None
        display = format_percent(submissions, hamlet.households) if hamlet.households else "—"
        rows.append(Row(hamlet.name, coverage or 0, display=display, extra={
            "code": hamlet.code, "households": hamlet.households, "submissions": submissions,
            "coverage": coverage, "attendees": attendees.get(key, 0),
        }))
    if counts.get("0") or attendees.get("0"):
        rows.append(Row(_("Không rõ thôn/xóm"), 0, display="—", extra={
            "code": "", "households": 0, "submissions": counts.get("0", 0), "coverage": None,
            "attendees": attendees.get("0", 0),
        }))
    return rows


def _day_rows(by_day: list[list]) -> list[Row]:
    """Submissions per local day; days without any are filled in when the period is not too long."""
    counts = {date.fromisoformat(day): count for day, count in by_day}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    if (last - first).days <= MAX_FILLED_DAYS:
        days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    else:
        days = sorted(counts)
    return [Row(day.strftime("%d/%m"), counts.get(day, 0), extra={"date": day}) for day in days]


def _sections(consultation: Consultation, payload: dict, hamlet_names: dict[int, str]) -> list[SectionResult]:
    """Each article in order, then the draft as a whole when it has anything to show."""
    empty = {"agree": 0, "disagree": 0, "other": 0}
    keys = [(section_key(article.id), article) for article in consultation.articles]
    if consultation.allow_general_comments or any(
        GENERAL in payload[name] for name in ("stances", "meeting_votes", "samples")
    ):
        keys.append((GENERAL, None))
    sections = []
    for key, article in keys:
        sections.append(SectionResult(
            key=key,
            title=article.title if article else _("Ý kiến chung về toàn bộ dự thảo"),
            anchor=article.anchor if article else "y-kien-chung",
            comments=payload["stances"].get(key, dict(empty)),
            meeting=payload["meeting_votes"].get(key, dict(empty)),
            pending=payload["pending"].get(key, 0),
            groups=group_comments(payload["samples"].get(key, []), payload["responses"], hamlet_names),
            article_id=article.id if article else None,
        ))
    return sections


def group_comments(samples: list[dict], responses: dict, hamlet_names: dict[int, str]) -> list[CommentGroup]:
    """Sample comments in order, those answered by the same response side by side."""
    groups: list[CommentGroup] = []
    for sample in samples:
        comment = dict(sample, author=author_label(hamlet_names, sample["hamlet_id"], sample["author"]),
                       stance=Stance(sample["stance"]), created_at=datetime.fromisoformat(sample["created_at"]))
        response_id = sample["response_id"]
        if groups and response_id is not None and groups[-1].response_id == response_id:
            groups[-1].comments.append(comment)
            continue
        response = responses.get(str(response_id)) if response_id is not None else None
        if response is not None:
            response = dict(response, disposition=Disposition(response["disposition"]),
                            updated_at=datetime.fromisoformat(response["updated_at"]))
        groups.append(CommentGroup([comment], response, response_id))
    return groups


def _question_results(consultation: Consultation, payload: dict) -> list[QuestionResult]:
    """Each question in order with its rows: options (and "Khác"), ratings 1–5, yes/no, or a text count."""
    questions = db.session.execute(
        select(Question).where(Question.consultation_id == consultation.id).order_by(Question.position)
        .options(selectinload(Question.options))
    ).scalars()
    results = []
    for question in questions:
        data = payload["questions"].get(str(question.id), {"respondents": 0, "options": {}, "values": {}, "free_text": 0})
        result = QuestionResult(question.id, question.position, question.kind, question.prompt, data["respondents"], [],
                                free_text=data["free_text"])
        if question.kind.has_options:
            result.rows = [Row(option.label, data["options"].get(str(option.id), 0), extra={"option_id": option.id})
                           for option in question.options]
            if question.allow_other or data["free_text"]:
                result.rows.append(Row(_("Khác"), data["free_text"], extra={"option_id": None}))
        elif question.kind is QuestionKind.RATING:
            result.rows = [Row(str(value), data["values"].get(str(value), 0), extra={"value": value})
                           for value in range(1, 6)]
            rated = sum(row.value for row in result.rows)
            result.average = sum(row.extra["value"] * row.value for row in result.rows) / rated if rated else None
        elif question.kind is QuestionKind.YESNO:
            result.rows = [Row(_("Có"), data["values"].get("1", 0), extra={"value": 1}),
                           Row(_("Không"), data["values"].get("0", 0), extra={"value": 0})]
        results.append(result)
    return results
