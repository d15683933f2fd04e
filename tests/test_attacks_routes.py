"""Walk the URL map: every POST refuses a missing CSRF token, and no GET changes state.

URL variables are filled with real records of the demo commune, so each view really runs
(a placeholder would only reach a 404). A route added later is walked automatically.
"""
from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from consult.demo import seed_demo
from consult.extensions import db
from consult.models import (
    Article, Consultation, Feedback, FeedbackCategory, Hamlet, MeetingTally, OfficialResponse, QrPoint, Question,
    Role, Submission, User,
)
from tests.conftest import login_as

#: Tables that change on reads by design: the shared aggregate cache and rate-limit counters.
VOLATILE = {"aggregate_cache", "rate_counter"}


def _snapshot() -> str:
    """A digest of every row of every table that a read must never change."""
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        if table.name in VOLATILE:
            continue
        for row in db.session.execute(select(table).order_by(*table.primary_key.columns)):
            digest.update(repr(tuple(row)).encode())
    db.session.commit()
    return digest.hexdigest()


@pytest.fixture
def demo(app):
    """Real values for every URL variable, read from the demo commune."""
    seed_demo()
    db.session.commit()
    first = lambda model, *where: db.session.execute(select(model.id).where(*where).limit(1)).scalar_one()  # noqa: E731
    draft = db.session.execute(select(Consultation).where(Consultation.slug.like("du-thao-nghi-quyet%"))).scalar_one()
    survey = db.session.execute(select(Consultation).where(Consultation.slug.like("khao-sat%"))).scalar_one()
    closed = db.session.execute(select(Consultation).where(Consultation.results_published_at.is_not(None))).scalar_one()
    values = {
        "draft": draft.slug, "survey": survey.slug, "closed": closed.slug,
        "article_id": first(Article, Article.consultation_id == draft.id),
        "closed_article_id": first(Article, Article.consultation_id == closed.id),
        "question_id": first(Question, Question.consultation_id == survey.id),
        "response_id": first(OfficialResponse),
        "tally_id": first(MeetingTally),
        "submission_id": first(Submission, Submission.consultation_id == draft.id, Submission.entry_batch != ""),
        "item_id": first(Feedback), "category_id": first(FeedbackCategory), "hamlet_id": first(Hamlet),
        "user_id": first(User), "attachment_id": 987654,
        "qr": db.session.execute(select(QrPoint.code).where(QrPoint.consultation_id == draft.id)).scalars().first(),
        "receipt": db.session.execute(select(Submission.receipt_code)).scalars().first(),
        "tracking": db.session.execute(select(Feedback.tracking_code)).scalars().first(),
    }
    db.session.commit()
    return values


def _url(rule, demo: dict) -> str | None:
    """The rule built with real values (None for the static route)."""
    if rule.endpoint == "static":
        return None
    args = {}
    for name in rule.arguments:
        if name == "slug":
            if "question" in rule.rule:
                args[name] = demo["survey"]
            elif "responses" in rule.rule or "results" in rule.rule:
                args[name] = demo["closed"]
            else:
                args[name] = demo["draft"]
        elif name == "code":
            args[name] = (demo["tracking"] if rule.rule.startswith("/feedback")
                          else demo["receipt"] if rule.rule.startswith("/r/")
                          else "vi" if rule.rule.startswith("/lang") else demo["qr"])
        elif name == "article_id":
            args[name] = demo["closed_article_id"] if ("responses" in rule.rule or "results" in rule.rule) else demo["article_id"]
        elif name in demo:
            args[name] = demo[name]
        else:
            args[name] = 987654
    return rule.build(args, append_unknown=False)[1]


def _rules(app, method: str):
    return sorted((rule for rule in app.url_map.iter_rules() if method in rule.methods), key=lambda rule: rule.rule)


def test_every_post_refuses_a_missing_csrf_token(app, client, users, demo):
    login_as(client, users[Role.ADMIN])
    before = _snapshot()
    checked = 0
    for rule in _rules(app, "POST"):
        url = _url(rule, demo)
        response = client.post(url, data={"title": "Không có mã chống giả mạo", "username": "x"})
        assert response.status_code == 400, (rule.rule, response.status_code)
        checked += 1
    assert checked >= 40
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["anonymous", Role.ADMIN, Role.HAMLET_OFFICER])
def test_no_get_changes_state(app, client, users, demo, who):
    if who != "anonymous":
        login_as(client, users[who])
    changed = []
    for rule in _rules(app, "GET"):
        url = _url(rule, demo)
        if url is None:
            continue
        before = _snapshot()
        response = client.get(url)
        assert response.status_code < 500, (rule.rule, response.status_code)
        if _snapshot() != before:
            changed.append(rule.endpoint)
    marked = {endpoint for endpoint, view in app.view_functions.items() if getattr(view, "writes_on_get", False)}
    assert set(changed) <= marked, set(changed) - marked
    if who == "anonymous":
        assert changed == ["qr.scan"]  # the scan counter, and nothing else
