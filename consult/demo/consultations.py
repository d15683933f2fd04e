"""Consultations with their articles, questions, QR posters, scan counts and meeting tallies."""
from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta

from consult import codes
from consult.demo.context import Demo
from consult.demo.specs import ConsultationText, QuestionText
from consult.demo.texts.meetings import TallyText
from consult.extensions import db
from consult.models import (
    Article, Channel, Consultation, MeetingTally, MeetingTallyLine, QrPlace, QrPoint, QrScanDay,
    Question, QuestionOption, Submission,
)
from consult.timeutil import to_local


def slug_taken(slug: str) -> bool:
    """Whether a consultation already uses this slug (then the demo leaves it alone)."""
    return db.session.execute(db.select(Consultation.id).where(Consultation.slug == slug)).first() is not None


def add_consultation(demo: Demo, text: ConsultationText, *, opens_at: datetime, closes_at: datetime,
                     published_at: datetime) -> Consultation:
    """The consultation row and its articles, as staff would have published it."""
    consultation = Consultation(
        slug=text.slug, title=text.title, summary=text.summary, body_md=text.body_md,
        organiser=text.organiser, kind=text.kind, allow_general_comments=True,
        opens_at=opens_at, closes_at=closes_at, published_at=published_at,
        created_by_id=demo.admin.id, created_at=published_at - timedelta(days=2),
        updated_at=published_at,
    )
    for position, article in enumerate(text.articles, start=1):
        consultation.articles.append(Article(
            position=position, number=article.number, label=article.label,
            heading=article.heading, body=article.body, chapter=article.chapter,
        ))
    db.session.add(consultation)
    db.session.flush()  # tallies and responses refer to it by id (they have no relationship to it)
    return consultation


def add_questions(consultation: Consultation, questions: tuple[QuestionText, ...]) -> list[Question]:
    """The survey's questions with their options, in order."""
    rows = []
    for position, text in enumerate(questions, start=1):
        question = Question(
            position=position, kind=text.kind, prompt=text.prompt, help_text=text.help_text,
            required=text.required, allow_other=text.allow_other,
            min_choices=1 if text.max_choices and text.required else None, max_choices=text.max_choices,
            rating_low_label=text.rating_low_label, rating_high_label=text.rating_high_label,
        )
        for option_position, label in enumerate(text.options, start=1):
            question.options.append(QuestionOption(position=option_position, label=label))
        consultation.questions.append(question)
        rows.append(question)
    return rows


def add_qr_points(demo: Demo, consultation: Consultation) -> list[QrPoint]:
    """One poster per hamlet's cultural house and one at the commune office."""
    points = [
        QrPoint(consultation=consultation, code=codes.new_qr_code(), place=QrPlace.HAMLET,
                label=hamlet.cultural_house or f"Nhà văn hóa {hamlet.name}", hamlet=hamlet,
                active=True, created_at=consultation.published_at)
        for hamlet in demo.hamlets.values()
    ]
    points.append(QrPoint(consultation=consultation, code=codes.new_qr_code(), place=QrPlace.OFFICE,
                          label="Trụ sở UBND xã", hamlet=None, active=True,
                          created_at=consultation.published_at))
    db.session.add_all(points)
    return points


def add_scan_days(demo: Demo, rng: random.Random, consultation: Consultation, points: list[QrPoint],
                  submissions: list[Submission]) -> None:
    """Daily scans per poster: every QR submission was a scan, and many scans end without one."""
    submitted = Counter(
        (id(submission.qr_point), to_local(submission.created_at).date())
        for submission in submissions if submission.channel is Channel.QR
    )
    first_day = to_local(consultation.opens_at).date()
    db.session.flush()  # QrScanDay refers to its point by id only
    for point in points:
        extra_high = 6 if point.place is QrPlace.OFFICE else 3
        for offset in range((demo.today - first_day).days + 1):
            day = first_day + timedelta(days=offset)
            scans = submitted[(id(point), day)] + rng.randint(0, extra_high)
            if scans:
                db.session.add(QrScanDay(point_id=point.id, day=day, scans=scans))


def add_tallies(demo: Demo, consultation: Consultation, tallies: tuple[TallyText, ...]) -> None:
    """Hamlet meetings' show of hands, entered as counts rather than fake submissions."""
    articles = {article.number: article for article in consultation.articles}
    for text in tallies:
        held_on = demo.today - timedelta(days=text.days_ago)
        typist = demo.officer if text.by_officer else demo.moderator
        tally = MeetingTally(
            consultation_id=consultation.id, hamlet=demo.hamlets[text.hamlet], held_on=held_on,
            title=text.title, attendees=text.attendees, remarks=text.remarks, entered_by=typist,
            created_at=demo.day_start(-text.days_ago + 1) + timedelta(hours=2),
        )
        for number, agree, disagree, other in text.lines:
            if agree + disagree + other > text.attendees:
                raise ValueError(f"tally for {text.hamlet} counts more hands than attendees")
            tally.lines.append(MeetingTallyLine(
                article=articles[number] if number else None, agree=agree, disagree=disagree, other=other,
            ))
        db.session.add(tally)
