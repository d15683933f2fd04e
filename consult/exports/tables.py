"""The export tables: what each sheet of the workbook (and each CSV file) holds.

A `Table` is its columns — heading, width, kind and how to read the value from a record — and
the rows of the database it is made of, streamed in batches so that 100,000 comments never sit in
memory at once. Contact details (name, phone, e-mail) are columns only when asked for, and are
not even read otherwise; the receipt code, which opens a resident's receipt, is never a column
(the submission's number is).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from itertools import groupby
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select

from consult.extensions import db
from consult.i18n import gettext as _
from consult.models import (
    Answer, Article, Channel, Comment, CommentStatus, Consultation, Disposition, Hamlet, MeetingTally,
    MeetingTallyLine, OfficialResponse, QrPoint, Question, QuestionKind, RejectReason, RespondentGroup,
    Stance, Submission, User, Validity,
)
from consult.results.services import results_view
from consult.timeutil import local_zone

#: Rows fetched per round trip (on PostgreSQL through a server-side cursor).
BATCH = 2000
ENUMS = (Channel, RespondentGroup, Validity, Stance, CommentStatus, RejectReason, Disposition)


class Kind(StrEnum):
    """What a column holds: it decides the number format in the workbook and the text in CSV."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"
    PERCENT = "percent"


@dataclass(frozen=True)
class Column:
    """One column of a sheet or CSV file: heading, width in characters, kind, and its value in a record."""

    heading: str
    width: int
    kind: Kind
    value: Callable[[Any], Any]


@dataclass
class Table:
    """A sheet or CSV file: its title, its columns, and the records (streamed) that become its rows."""

    title: str
    columns: list[Column]
    records: Iterable

    def rows(self) -> Iterator[list]:
        """Each record as a list of cell values (numbers, local datetimes, text, None)."""
        for record in self.records:
            yield [column.value(record) for column in self.columns]


@dataclass
class Lookups:
    """Names and labels read once per export, not once per row."""

    zone: ZoneInfo
    hamlets: dict[int, str]
    points: dict[int, str]
    officers: dict[int, str]
    articles: dict[int, str]
    general: str
    labels: dict[type, dict]

    @classmethod
    def load(cls, consultation: Consultation) -> Lookups:
        """The hamlets, QR points, officers who typed entries in, articles and enum labels."""
        entered_by = select(Submission.entered_by_id).where(Submission.consultation_id == consultation.id)
        return cls(
            zone=local_zone(),
            hamlets=dict(db.session.execute(select(Hamlet.id, Hamlet.name)).all()),
            points=dict(db.session.execute(
                select(QrPoint.id, QrPoint.label).where(QrPoint.consultation_id == consultation.id)).all()),
            officers={user.id: user.full_name or user.username for user in db.session.execute(
                select(User.id, User.full_name, User.username).where(User.id.in_(entered_by.distinct())))},
            articles={article.id: article.title for article in consultation.articles},
            general=_("Ý kiến chung"),
            labels={enum: {member: member.label for member in enum} for enum in ENUMS},
        )

    def local(self, moment: datetime) -> datetime:
        """A stored UTC moment as naive local time, as a spreadsheet wants it."""
        return moment.astimezone(self.zone).replace(tzinfo=None)

    def label(self, member: StrEnum | None) -> str:
        """An enum member's label in the request's language; empty for None."""
        return self.labels[type(member)][member] if member is not None else ""

    def article(self, article_id: int | None) -> str:
        """"Điều 3. Tiêu đề", or "Ý kiến chung" for the draft as a whole."""
        return self.articles.get(article_id, "") if article_id is not None else self.general


def _stream(query: Select) -> Iterator:
    """The query's rows, BATCH at a time; it runs when the first row is asked for."""
    yield from db.session.execute(query.execution_options(yield_per=BATCH))


def _contacts(include: bool, submission: Callable = lambda record: record) -> tuple[list[Column], tuple]:
    """The contact columns and the fields they read, or nothing at all (not even read)."""
    if not include:
        return [], ()
    columns = [
        Column(_("Họ tên"), 24, Kind.TEXT, lambda record: submission(record).display_name),
        Column(_("Điện thoại"), 14, Kind.TEXT, lambda record: submission(record).contact_phone),
        Column(_("Email"), 28, Kind.TEXT, lambda record: submission(record).contact_email),
    ]
    return columns, (Submission.display_name, Submission.contact_phone, Submission.contact_email)


def submission_table(consultation: Consultation, look: Lookups, include_contacts: bool) -> Table:
    """"Phiếu góp ý": every submission, spam and duplicates too (with their validity)."""
    contact_columns, contact_fields = _contacts(include_contacts)
    comments = (select(Comment.submission_id, func.count().label("comments"))
                .where(Comment.consultation_id == consultation.id).group_by(Comment.submission_id).subquery())
    query = (
        select(Submission.id, Submission.created_at, Submission.channel, Submission.qr_point_id,
               Submission.hamlet_id, Submission.respondent_group, Submission.entered_by_id,
               func.coalesce(comments.c.comments, 0).label("comments"), Submission.validity,
               Submission.validity_reason, *contact_fields)
        .outerjoin(comments, comments.c.submission_id == Submission.id)
        .where(Submission.consultation_id == consultation.id).order_by(Submission.id)
    )
    columns = [
        Column(_("Mã phiếu"), 10, Kind.NUMBER, attrgetter("id")),
        Column(_("Thời gian"), 17, Kind.DATETIME, lambda row: look.local(row.created_at)),
        Column(_("Kênh"), 18, Kind.TEXT, lambda row: look.label(row.channel)),
        Column(_("Điểm QR"), 24, Kind.TEXT, lambda row: look.points.get(row.qr_point_id, "")),
        Column(_("Thôn/xóm"), 16, Kind.TEXT, lambda row: look.hamlets.get(row.hamlet_id, "")),
        Column(_("Thành phần"), 22, Kind.TEXT, lambda row: look.label(row.respondent_group)),
        Column(_("Người nhập"), 20, Kind.TEXT, lambda row: look.officers.get(row.entered_by_id, "")),
        Column(_("Số ý kiến"), 10, Kind.NUMBER, attrgetter("comments")),
        Column(_("Tình trạng"), 12, Kind.TEXT, lambda row: look.label(row.validity)),
        Column(_("Lý do loại phiếu"), 28, Kind.TEXT, attrgetter("validity_reason")),
        *contact_columns,
    ]
    return Table(_("Phiếu góp ý"), columns, _stream(query))


def comment_table(consultation: Consultation, look: Lookups, include_contacts: bool) -> Table:
    """"Ý kiến": every comment, whatever its moderation state, with the response covering it."""
    contact_columns, contact_fields = _contacts(include_contacts)
    query = (
        select(Comment.id, Comment.submission_id, Comment.created_at, Comment.article_id, Comment.stance,
               Comment.body, Comment.status, Comment.reject_reason, Submission.hamlet_id, Submission.channel,
               Submission.validity, OfficialResponse.disposition, OfficialResponse.body.label("response"),
               *contact_fields)
        .join(Submission, Submission.id == Comment.submission_id)
        .outerjoin(OfficialResponse, OfficialResponse.id == Comment.response_id)
        .where(Comment.consultation_id == consultation.id).order_by(Comment.id)
    )
    columns = [
        Column(_("Mã ý kiến"), 10, Kind.NUMBER, attrgetter("id")),
        Column(_("Mã phiếu"), 10, Kind.NUMBER, attrgetter("submission_id")),
        Column(_("Ngày"), 12, Kind.DATE, lambda row: look.local(row.created_at).date()),
        Column(_("Điều"), 30, Kind.TEXT, lambda row: look.article(row.article_id)),
        Column(_("Quan điểm"), 16, Kind.TEXT, lambda row: look.label(row.stance)),
        Column(_("Nội dung"), 60, Kind.TEXT, attrgetter("body")),
        Column(_("Trạng thái"), 15, Kind.TEXT, lambda row: look.label(row.status)),
        Column(_("Lý do không đăng"), 24, Kind.TEXT, lambda row: look.label(row.reject_reason)),
        Column(_("Thôn/xóm"), 16, Kind.TEXT, lambda row: look.hamlets.get(row.hamlet_id, "")),
        Column(_("Kênh"), 18, Kind.TEXT, lambda row: look.label(row.channel)),
        Column(_("Tình trạng phiếu"), 14, Kind.TEXT, lambda row: look.label(row.validity)),
        Column(_("Hình thức xử lý"), 18, Kind.TEXT, lambda row: look.label(row.disposition)),
        Column(_("Nội dung trả lời"), 60, Kind.TEXT, lambda row: row.response or ""),
        *contact_columns,
    ]
    return Table(_("Ý kiến"), columns, _stream(query))


@dataclass
class Answered:
    """A submission (its fields, the same on each of its answer rows) and its answer rows by question."""

    submission: Any
    answers: dict[int, list]


def _answered(rows: Iterable) -> Iterator[Answered]:
    """Consecutive answer rows of one submission (the stream is ordered by submission) as one record."""
    for _submission_id, group in groupby(rows, key=attrgetter("submission_id")):
        answers: dict[int, list] = {}
        for row in group:
            answers.setdefault(row.question_id, []).append(row)
        yield Answered(row, answers)


def _answer_column(question: Question) -> Column:
    """A question's column: chosen options in their order and "Khác: …", a rating, Có/Không, or the text."""
    question_id, kind = question.id, question.kind
    options = {option.id: (option.position, option.label) for option in question.options}
    yes, no = _("Có"), _("Không")

    def value(record: Answered):
        rows = record.answers.get(question_id)
        if not rows:
            return None
        if kind.has_options:
            chosen = sorted(options[row.option_id] for row in rows if row.option_id is not None)
            others = [_("Khác: %(text)s", text=row.value_text) for row in rows
                      if row.option_id is None and row.value_text]
            return "; ".join([label for position, label in chosen] + others)
        if kind is QuestionKind.RATING:
            return rows[0].value_int
        if kind is QuestionKind.YESNO:
            return None if rows[0].value_int is None else yes if rows[0].value_int else no
        return rows[0].value_text

    heading = _("Câu %(number)d. %(prompt)s", number=question.position, prompt=question.prompt)
    if kind is QuestionKind.RATING:
        return Column(heading, 12, Kind.NUMBER, value)
    return Column(heading, 12 if kind is QuestionKind.YESNO else 30, Kind.TEXT, value)


def answer_table(consultation: Consultation, look: Lookups, include_contacts: bool) -> Table:
    """"Câu trả lời": one row per submission that answered the survey, one column per question."""
    contact_columns, contact_fields = _contacts(include_contacts, submission=attrgetter("submission"))
    query = (
        select(Answer.submission_id, Answer.question_id, Answer.option_id, Answer.value_int, Answer.value_text,
               Submission.created_at, Submission.hamlet_id, Submission.channel, Submission.respondent_group,
               Submission.validity, *contact_fields)
        .join(Submission, Submission.id == Answer.submission_id)
        .where(Submission.consultation_id == consultation.id).order_by(Answer.submission_id, Answer.id)
    )
    columns = [
        Column(_("Mã phiếu"), 10, Kind.NUMBER, lambda record: record.submission.submission_id),
        Column(_("Thời gian"), 17, Kind.DATETIME, lambda record: look.local(record.submission.created_at)),
        Column(_("Thôn/xóm"), 16, Kind.TEXT, lambda record: look.hamlets.get(record.submission.hamlet_id, "")),
        Column(_("Kênh"), 18, Kind.TEXT, lambda record: look.label(record.submission.channel)),
        Column(_("Thành phần"), 22, Kind.TEXT, lambda record: look.label(record.submission.respondent_group)),
        Column(_("Tình trạng phiếu"), 14, Kind.TEXT, lambda record: look.label(record.submission.validity)),
        *(_answer_column(question) for question in consultation.questions),
        *contact_columns,
    ]
    return Table(_("Câu trả lời"), columns, _answered(_stream(query)))


def hamlet_table(consultation: Consultation) -> Table:
    """"Theo thôn": the results page's figures per hamlet (households, valid submissions, coverage)."""
    columns = [
        Column(_("Thôn/xóm"), 22, Kind.TEXT, attrgetter("label")),
        Column(_("Số hộ"), 10, Kind.NUMBER, lambda row: row.extra["households"]),
        Column(_("Số phiếu hợp lệ"), 14, Kind.NUMBER, lambda row: row.extra["submissions"]),
        Column(_("Tỷ lệ phiếu/số hộ"), 16, Kind.PERCENT,
               lambda row: row.extra["coverage"] / 100 if row.extra["coverage"] is not None else None),
        Column(_("Người dự hội nghị"), 16, Kind.NUMBER, lambda row: row.extra["attendees"]),
    ]
    return Table(_("Theo thôn"), columns, results_view(consultation).hamlets)


def tally_table(consultation: Consultation, look: Lookups) -> Table:
    """"Biểu quyết tại hội nghị": each meeting's show of hands, one row per article voted on."""
    query = (
        select(MeetingTally.held_on, MeetingTally.hamlet_id, MeetingTally.title, MeetingTally.attendees,
               MeetingTallyLine.article_id, MeetingTallyLine.agree, MeetingTallyLine.disagree,
               MeetingTallyLine.other)
        .join(MeetingTallyLine, MeetingTallyLine.tally_id == MeetingTally.id)
        .outerjoin(Article, Article.id == MeetingTallyLine.article_id)
        .where(MeetingTally.consultation_id == consultation.id)
        .order_by(MeetingTally.held_on, MeetingTally.id, Article.position.is_(None), Article.position)
    )
    columns = [
        Column(_("Ngày họp"), 12, Kind.DATE, attrgetter("held_on")),
        Column(_("Thôn/xóm"), 16, Kind.TEXT, lambda row: look.hamlets.get(row.hamlet_id, "")),
        Column(_("Hội nghị"), 36, Kind.TEXT, attrgetter("title")),
        Column(_("Số người dự"), 12, Kind.NUMBER, attrgetter("attendees")),
        Column(_("Điều"), 30, Kind.TEXT, lambda row: look.article(row.article_id)),
        Column(_("Tán thành"), 11, Kind.NUMBER, attrgetter("agree")),
        Column(_("Không tán thành"), 11, Kind.NUMBER, attrgetter("disagree")),
        Column(_("Ý kiến khác"), 11, Kind.NUMBER, attrgetter("other")),
    ]
    return Table(_("Biểu quyết tại hội nghị"), columns, _stream(query))
