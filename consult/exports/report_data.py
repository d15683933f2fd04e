"""The People's Council report (BÁO CÁO tổng hợp, tiếp thu, giải trình ý kiến Nhân dân) as plain data.

`gather(consultation)` adds to the results page's aggregates (consult.results) what the report
lays out beyond them: the QR points and meetings, and per article the official responses with
the comments each covers, then the comments still unanswered. Like the public results page it
reports only approved comments of submissions that count; pending and rejected ones are counts.

Everything comes from GROUP BY queries and bounded samples, never from loading every comment:
the report grows with the number of responses (a few quoted texts each), not of comments, and
the full list is in the data workbook ("bảng tính kèm theo").
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select

from consult.extensions import db
from consult.i18n import gettext as _
from consult.models import (
    Comment, CommentStatus, Consultation, Disposition, Hamlet, MeetingTally, OfficialResponse, QrPoint, QrScanDay,
    Submission, Validity,
)
from consult.results.services import results_view
from consult.results.view import STANCES, ResultsView, SectionResult, author_label
from consult.settings import commune

#: Distinct comment texts quoted per response; the other comments it covers are counted by hamlet.
QUOTES_PER_RESPONSE = 5
#: Official responses listed per article; more are counted in a closing row.
MAX_RESPONSES_PER_SECTION = 200
#: Unanswered comments listed per article; more are counted in a closing row.
MAX_UNANSWERED_PER_SECTION = 50
#: Longest quoted comment, in characters (the full text is in the workbook).
QUOTE_LENGTH = 400


@dataclass(frozen=True)
class Quote:
    """A comment text as quoted: who wrote it, and how many comments in the row say the same."""

    author: str
    body: str
    copies: int = 1


@dataclass
class ReportRow:
    """A row of an article's table: a response with the comments it covers, or one unanswered comment."""

    #: Comments of the row by stance ("agree", "disagree", "other").
    stances: dict[str, int]
    #: ("Người dân Xóm 3", 2): the row's comments by hamlet, in the hamlets' administrative order.
    attributions: list[tuple[str, int]]
    quotes: list[Quote]
    #: None while the comments are unanswered.
    disposition: Disposition | None = None
    response: str = ""

    @property
    def total(self) -> int:
        return sum(self.stances.values())

    @property
    def unquoted(self) -> int:
        """Comments of the row whose text is not quoted."""
        return self.total - sum(quote.copies for quote in self.quotes)


@dataclass
class ReportSection:
    """An article (or the draft as a whole): its counts from the results, and its table rows."""

    result: SectionResult
    #: What the table's "Điều, khoản" column says, e.g. "Điều 3" or "Ý kiến chung".
    label: str
    rows: list[ReportRow]
    #: Responses and unanswered comments beyond the listed rows.
    more_responses: int = 0
    more_unanswered: int = 0


@dataclass(frozen=True)
class PointSummary:
    """A QR point with its scans and the submissions that came through it."""

    label: str
    scans: int
    submissions: int


@dataclass(frozen=True)
class MeetingSummary:
    """A hamlet meeting whose show of hands was entered."""

    held_on: date
    title: str
    hamlet: str
    attendees: int


@dataclass
class ReportData:
    """Everything the Word report says about one consultation, before the export form's choices."""

    title: str
    #: The commune as printed under the issuing body, e.g. "xã Diễn Châu".
    commune_name: str
    opens_at: datetime
    closes_at: datetime
    view: ResultsView
    points: list[PointSummary]
    meetings: list[MeetingSummary]
    sections: list[ReportSection]

    @property
    def period_days(self) -> int:
        return (self.closes_at - self.opens_at).days

    @property
    def scans(self) -> int:
        return sum(point.scans for point in self.points)


def gather(consultation: Consultation) -> ReportData:
    """The report's data: results aggregates, QR points, meetings, and per article its rows."""
    view = results_view(consultation)
    hamlets = _Hamlets()
    counts = _row_counts(consultation.id)
    responses = _responses(consultation.id, {response_id for _article, response_id in counts if response_id})
    quotes = _response_quotes(consultation.id, hamlets)
    unanswered = _unanswered(consultation.id, hamlets)
    answered: dict[int | None, list[ReportRow]] = {}
    for (article_id, response_id), tally in sorted(counts.items(), key=lambda item: item[0][1] or 0):
        if response_id is not None:
            response = responses[response_id]
            answered.setdefault(article_id, []).append(ReportRow(
                tally["stances"], hamlets.attributions(tally["by_hamlet"]), quotes.get(response_id, []),
                response.disposition, response.body,
            ))
    articles = {article.id: article for article in consultation.articles}
    sections = []
    for result in view.sections:
        rows = answered.get(result.article_id, [])
        listed = unanswered.get(result.article_id, [])
        not_answered = counts.get((result.article_id, None))
        article = articles.get(result.article_id)
        sections.append(ReportSection(
            result=result,
            label=f"{article.label} {article.number}".strip() if article else _("Ý kiến chung"),
            rows=rows[:MAX_RESPONSES_PER_SECTION] + listed,
            more_responses=max(0, len(rows) - MAX_RESPONSES_PER_SECTION),
            more_unanswered=(sum(not_answered["stances"].values()) if not_answered else 0) - len(listed),
        ))
    return ReportData(
        title=consultation.title,
        commune_name=commune().full_name,
        opens_at=consultation.opens_at,
        closes_at=consultation.effective_closes_at,
        view=view,
        points=_points(consultation.id),
        meetings=_meetings(consultation.id, hamlets),
        sections=sections,
    )


class _Hamlets:
    """Hamlet names in administrative order, to say who commented without naming anyone."""

    def __init__(self):
        rows = db.session.execute(select(Hamlet.id, Hamlet.name).order_by(Hamlet.position, Hamlet.id)).all()
        self.names: dict[int, str] = dict(rows)
        self._order = {hamlet_id: position for position, hamlet_id in enumerate(self.names)}

    def author(self, hamlet_id: int | None, shown_name: str = "") -> str:
        """"Người dân Xóm 3", or the resident's name when they chose to show it."""
        return author_label(self.names, hamlet_id, shown_name)

    def attributions(self, by_hamlet: dict[int | None, int]) -> list[tuple[str, int]]:
        """Comment counts by hamlet as ("Người dân Xóm 3", 2), in administrative order, unknown last."""
        ordered = sorted(by_hamlet.items(), key=lambda item: self._order.get(item[0], len(self._order)))
        return [(self.author(hamlet_id), count) for hamlet_id, count in ordered]


def _reported(consultation_id: int):
    """Approved comments of submissions that count: what the report quotes and counts."""
    return (Comment.consultation_id == consultation_id, Comment.status == CommentStatus.APPROVED,
            Submission.validity == Validity.VALID)


def _shown_name():
    """The resident's name where they chose to show it, else ""; never a contact detail."""
    return case((Submission.show_name.is_(True), Submission.display_name), else_="").label("shown_name")


def _row_counts(consultation_id: int) -> dict[tuple[int | None, int | None], dict]:
    """Per (article, response or None): comments by stance and by hamlet, in one GROUP BY."""
    rows = db.session.execute(
        select(Comment.article_id, Comment.response_id, Submission.hamlet_id, Comment.stance, func.count())
        .join(Comment.submission).where(*_reported(consultation_id))
        .group_by(Comment.article_id, Comment.response_id, Submission.hamlet_id, Comment.stance)
    ).all()
    counts: dict[tuple[int | None, int | None], dict] = {}
    for article_id, response_id, hamlet_id, stance, count in rows:
        tally = counts.setdefault((article_id, response_id),
                                  {"stances": {stance.value: 0 for stance in STANCES}, "by_hamlet": {}})
        tally["stances"][stance.value] += count
        tally["by_hamlet"][hamlet_id] = tally["by_hamlet"].get(hamlet_id, 0) + count
    return counts


def _responses(consultation_id: int, response_ids: set[int]) -> dict[int, OfficialResponse]:
    """The responses covering reported comments, by id (a response covering none is left out)."""
    if not response_ids:
        return {}
    rows = db.session.execute(
        select(OfficialResponse).where(OfficialResponse.consultation_id == consultation_id)
    ).scalars()
    return {response.id: response for response in rows if response.id in response_ids}


def _response_quotes(consultation_id: int, hamlets: _Hamlets) -> dict[int, list[Quote]]:
    """Per response, its first distinct comment texts with their first author and number of copies."""
    first_id = func.min(Comment.id)
    grouped = (
        select(Comment.response_id, Comment.body, func.count().label("copies"), first_id.label("first_id"),
               func.row_number().over(partition_by=Comment.response_id, order_by=first_id).label("rank"))
        .join(Comment.submission)
        .where(*_reported(consultation_id), Comment.response_id.is_not(None))
        .group_by(Comment.response_id, Comment.body)
        .subquery()
    )
    rows = db.session.execute(
        select(grouped.c.response_id, grouped.c.body, grouped.c.copies, Submission.hamlet_id, _shown_name())
        .join(Comment, Comment.id == grouped.c.first_id).join(Comment.submission)
        .where(grouped.c.rank <= QUOTES_PER_RESPONSE)
        .order_by(grouped.c.response_id, grouped.c.rank)
    ).all()
    quotes: dict[int, list[Quote]] = {}
    for row in rows:
        author = hamlets.author(row.hamlet_id, row.shown_name or "")
        quotes.setdefault(row.response_id, []).append(Quote(author, shorten(row.body), row.copies))
    return quotes


def _unanswered(consultation_id: int, hamlets: _Hamlets) -> dict[int | None, list[ReportRow]]:
    """Per article, its first unanswered comments, one row each."""
    ranked = (
        select(Comment.article_id, Comment.stance, Comment.body, Submission.hamlet_id, _shown_name(),
               func.row_number().over(partition_by=Comment.article_id, order_by=Comment.id).label("rank"))
        .join(Comment.submission)
        .where(*_reported(consultation_id), Comment.response_id.is_(None))
        .subquery()
    )
    rows = db.session.execute(
        select(ranked).where(ranked.c.rank <= MAX_UNANSWERED_PER_SECTION).order_by(ranked.c.article_id, ranked.c.rank)
    ).all()
    unanswered: dict[int | None, list[ReportRow]] = {}
    for row in rows:
        stances = {stance.value: int(stance is row.stance) for stance in STANCES}
        quote = Quote(hamlets.author(row.hamlet_id, row.shown_name or ""), shorten(row.body))
        unanswered.setdefault(row.article_id, []).append(
            ReportRow(stances, hamlets.attributions({row.hamlet_id: 1}), [quote])
        )
    return unanswered


def _points(consultation_id: int) -> list[PointSummary]:
    """The consultation's QR points in creation order, with scans and counted submissions."""
    scans = dict(db.session.execute(
        select(QrScanDay.point_id, func.sum(QrScanDay.scans))
        .join(QrPoint, QrPoint.id == QrScanDay.point_id).where(QrPoint.consultation_id == consultation_id)
        .group_by(QrScanDay.point_id)
    ).all())
    submissions = dict(db.session.execute(
        select(Submission.qr_point_id, func.count())
        .where(Submission.consultation_id == consultation_id, Submission.validity == Validity.VALID,
               Submission.qr_point_id.is_not(None))
        .group_by(Submission.qr_point_id)
    ).all())
    points = db.session.execute(
        select(QrPoint.id, QrPoint.label).where(QrPoint.consultation_id == consultation_id).order_by(QrPoint.id)
    ).all()
    return [PointSummary(label, int(scans.get(point_id) or 0), submissions.get(point_id, 0))
            for point_id, label in points]


def _meetings(consultation_id: int, hamlets: _Hamlets) -> list[MeetingSummary]:
    """The meetings whose show of hands was entered, by date."""
    rows = db.session.execute(
        select(MeetingTally.held_on, MeetingTally.title, MeetingTally.hamlet_id, MeetingTally.attendees)
        .where(MeetingTally.consultation_id == consultation_id).order_by(MeetingTally.held_on, MeetingTally.id)
    ).all()
    return [MeetingSummary(row.held_on, row.title, hamlets.names.get(row.hamlet_id or 0, ""), row.attendees)
            for row in rows]


def shorten(text: str, limit: int = QUOTE_LENGTH) -> str:
    """A comment cut at a word boundary near `limit` characters, with an ellipsis when cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"
