"""seed_demo(): load the demo commune of Diễn Châu, idempotently, without committing."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func

from consult.demo import base
from consult.demo.closed import comment_and_respond
from consult.demo.consultations import (
    add_consultation, add_qr_points, add_questions, add_scan_days, add_tallies, slug_taken,
)
from consult.demo.context import Demo
from consult.demo.drafts import comment_on_draft
from consult.demo.feedback import add_feedback, feedback_present
from consult.demo.people import Crowd
from consult.demo.report import render_report
from consult.demo.specs import ChannelMix
from consult.demo.surveys import answer_survey
from consult.demo.texts.closed import PLAN
from consult.demo.texts.draft import RESOLUTION, ZALO_RULES
from consult.demo.texts.meetings import TALLIES
from consult.demo.texts.survey import QUESTIONS, SURVEY
from consult.extensions import db
from consult.models import Channel
from consult.timeutil import utcnow

#: ~300 submissions in all: each open consultation also gets one duplicate, the draft one spam.
DRAFT_MIX = ChannelMix(137, {Channel.WEB: 40, Channel.QR: 30, Channel.PAPER: 18, Channel.MEETING: 12})
SURVEY_MIX = ChannelMix(106, {Channel.WEB: 45, Channel.QR: 35, Channel.PAPER: 20})
CLOSED_MIX = ChannelMix(54, {Channel.WEB: 50, Channel.PAPER: 30, Channel.MEETING: 20})


def seed_demo() -> str:
    """Add whatever of the demo is missing and describe it; the caller commits."""
    before = _row_counts()
    settings = base.ensure_settings()
    hamlets = base.ensure_hamlets()
    categories = base.ensure_categories()
    demo = Demo(now=utcnow(), hamlets=hamlets, users=base.ensure_staff(hamlets))
    skipped = [text.slug for text in (RESOLUTION, SURVEY, PLAN, ZALO_RULES) if slug_taken(text.slug)]
    if RESOLUTION.slug not in skipped:
        _open_draft(demo)
    if SURVEY.slug not in skipped:
        _open_survey(demo)
    if PLAN.slug not in skipped:
        _closed_plan(demo)
    if ZALO_RULES.slug not in skipped:
        _scheduled(demo)
    if not feedback_present():
        add_feedback(demo, demo.rng("feedback"), settings, categories)
    db.session.flush()
    return render_report(before, _row_counts(), skipped)


def _open_draft(demo: Demo) -> None:
    """Opened 6 days ago for 20 days; QR posters, two hamlet meetings, a moderation queue."""
    rng = demo.rng("draft")
    consultation = add_consultation(demo, RESOLUTION, opens_at=demo.day_start(-6),
                                    closes_at=demo.day_start(14), published_at=demo.day_start(-6))
    points = add_qr_points(demo, consultation)
    meetings = {tally.hamlet: demo.today - timedelta(days=tally.days_ago) for tally in TALLIES}
    submissions = Crowd(demo, rng, consultation, qr_points=points, meetings=meetings).gather(DRAFT_MIX)
    comment_on_draft(demo, rng, consultation, submissions)
    add_scan_days(demo, rng, consultation, points, submissions)
    add_tallies(demo, consultation, TALLIES)


def _open_survey(demo: Demo) -> None:
    """Opened 3 days ago, closes in 25 days; every kind of question."""
    rng = demo.rng("survey")
    consultation = add_consultation(demo, SURVEY, opens_at=demo.day_start(-3),
                                    closes_at=demo.day_start(25), published_at=demo.day_start(-3))
    questions = add_questions(consultation, QUESTIONS)
    points = add_qr_points(demo, consultation)
    submissions = Crowd(demo, rng, consultation, qr_points=points).gather(SURVEY_MIX)
    answer_survey(rng, consultation, questions, QUESTIONS, submissions)
    add_scan_days(demo, rng, consultation, points, submissions)


def _closed_plan(demo: Demo) -> None:
    """Ran from 60 to 40 days ago; decided 35 days ago; results published 30 days ago."""
    rng = demo.rng("closed")
    opens_at = demo.day_start(-60)
    consultation = add_consultation(demo, PLAN, opens_at=opens_at, closes_at=demo.day_start(-40),
                                    published_at=opens_at)
    consultation.decided_on = demo.today - timedelta(days=35)
    consultation.results_published_at = demo.day_start(-30) + timedelta(hours=9)
    consultation.updated_at = consultation.results_published_at
    meetings = {"X09": demo.today - timedelta(days=52), "K02": demo.today - timedelta(days=47)}
    submissions = Crowd(demo, rng, consultation, meetings=meetings).gather(CLOSED_MIX)
    comment_and_respond(demo, rng, consultation, submissions)


def _scheduled(demo: Demo) -> None:
    """Published yesterday, opens in 5 days: the home page shows it as "Sắp mở"."""
    add_consultation(demo, ZALO_RULES, opens_at=demo.day_start(5), closes_at=demo.day_start(25),
                     published_at=demo.now - timedelta(days=1))


def _row_counts() -> dict[str, int]:
    """Rows per table, to report what this run added."""
    db.session.flush()
    return {
        table.name: db.session.execute(db.select(func.count()).select_from(table)).scalar_one()
        for table in db.metadata.sorted_tables
    }
