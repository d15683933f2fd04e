"""create_submission: one row with its comments and answers, once per key, duplicates flagged."""
from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from consult import cache, codes
from consult.extensions import db
from consult.models import (
    AggregateCache, Answer, Channel, Comment, ConsultationKind, QrPoint, Role, Stance, Submission,
)
from consult.submissions import AnswerInput, CommentInput, SubmissionInput, create_submission
from consult.submissions import store
from tests.conftest import csrf_token
from tests.factories import make_consultation, make_point, make_question


def count(model) -> int:
    db.session.commit()  # a fresh snapshot: what other requests committed
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.fixture
def draft(app, hamlets):
    consultation = make_consultation("du-thao", articles=3, kind=ConsultationKind.BOTH)
    make_question(consultation, "multiple", options=["Đường", "Điện", "Trường"], allow_other=True)
    db.session.commit()
    return consultation


def sample(draft, hamlet, text="Nên giữ mức thu cũ.") -> SubmissionInput:
    question = draft.questions[0]
    return SubmissionInput(
        comments=[CommentInput(draft.articles[0].id, Stance.AGREE, ""),
                  CommentInput(draft.articles[2].id, Stance.DISAGREE, text),
                  CommentInput(None, Stance.OTHER, "Ý kiến chung.")],
        answers=[AnswerInput(question.id, option_id=question.options[1].id), AnswerInput(question.id, value_text="Chợ")],
        hamlet_id=hamlet.id, display_name="Bà Lan", contact_phone="0912345678", consent=True,
    )


def test_one_submission_with_its_comments_and_answers(draft, hamlets):
    submission, created = create_submission(draft, sample(draft, hamlets[1]), channel=Channel.WEB, device_hash="d1")
    db.session.commit()
    assert created is True
    assert codes.parse_receipt_code(submission.receipt_code) == submission.receipt_code
    stored = db.session.get(Submission, submission.id)
    assert (stored.channel, stored.hamlet_id, stored.consent, stored.contact_phone) == (Channel.WEB, hamlets[1].id, True, "0912345678")
    assert [(c.article_id, c.stance, c.body, c.status.value, c.consultation_id) for c in stored.comments] == [
        (draft.articles[0].id, Stance.AGREE, "", "pending", draft.id),
        (draft.articles[2].id, Stance.DISAGREE, "Nên giữ mức thu cũ.", "pending", draft.id),
        (None, Stance.OTHER, "Ý kiến chung.", "pending", draft.id),
    ]
    assert [(a.option_id, a.value_text) for a in stored.answers] == [(draft.questions[0].options[1].id, ""), (None, "Chợ")]


def test_paper_entry_records_who_typed_it(draft, hamlets, users):
    officer = users[Role.HAMLET_OFFICER]
    submission, _ = create_submission(draft, sample(draft, hamlets[1]), channel=Channel.PAPER, entered_by=officer,
                                      entry_batch="lo-1")
    db.session.commit()
    assert (submission.channel, submission.entered_by_id, submission.entry_batch) == (Channel.PAPER, officer.id, "lo-1")


def test_a_qr_submission_records_its_point(draft, hamlets):
    point = make_point(draft, hamlets[2])
    submission, _ = create_submission(draft, sample(draft, hamlets[2]), channel=Channel.QR, qr_point=point)
    db.session.commit()
    assert (submission.channel, submission.qr_point_id) == (Channel.QR, point.id)


def test_the_same_idempotency_key_stores_once(draft, hamlets):
    first, created = create_submission(draft, sample(draft, hamlets[0]), channel=Channel.WEB, idempotency_key="k" * 32)
    db.session.commit()
    again, created_again = create_submission(draft, sample(draft, hamlets[0]), channel=Channel.WEB, idempotency_key="k" * 32)
    db.session.commit()
    assert (created, created_again) == (True, False)
    assert again.id == first.id
    assert count(Submission) == 1 and count(Comment) == 3 and count(Answer) == 2


def test_a_lost_race_on_the_key_returns_the_winner(draft, hamlets, monkeypatch):
    """The unique constraint decides: the loser's insert fails in a savepoint and it loads the winner."""
    winner, _ = create_submission(draft, sample(draft, hamlets[0]), channel=Channel.WEB, idempotency_key="race")
    db.session.commit()
    real_lookup = store._by_key
    calls = []

    def not_yet_committed(key):
        calls.append(key)
        return None if len(calls) == 1 else real_lookup(key)  # the first look happens before the winner commits

    monkeypatch.setattr(store, "_by_key", not_yet_committed)
    loser, created = create_submission(draft, sample(draft, hamlets[0]), channel=Channel.WEB, idempotency_key="race")
    db.session.commit()
    assert (created, loser.id) == (False, winner.id)
    assert count(Submission) == 1 and count(Comment) == 3


def test_a_key_used_by_another_consultation_never_reveals_its_receipt(draft, hamlets):
    other = make_consultation("khac", articles=1)
    db.session.commit()
    theirs, _ = create_submission(other, SubmissionInput(comments=[CommentInput(other.articles[0].id, Stance.AGREE, "")]),
                                  channel=Channel.WEB, idempotency_key="shared")
    mine, created = create_submission(draft, sample(draft, hamlets[0]), channel=Channel.WEB, idempotency_key="shared")
    db.session.commit()
    assert created is True and mine.id != theirs.id and mine.idempotency_key is None


def test_a_receipt_code_collision_draws_another(draft, hamlets, monkeypatch):
    taken, _ = create_submission(draft, sample(draft, hamlets[0]), channel=Channel.WEB)
    db.session.commit()
    drawn = iter([taken.receipt_code, "ABCDE12345"])
    monkeypatch.setattr(codes, "new_receipt_code", lambda: next(drawn))
    submission, created = create_submission(draft, sample(draft, hamlets[0]), channel=Channel.WEB)
    db.session.commit()
    assert created and submission.receipt_code == "ABCDE12345"
    assert count(Submission) == 2


def test_any_other_integrity_error_is_raised_as_itself(draft, hamlets):
    """Only a taken receipt code is retried: a real fault (here a QR point that does not exist)
    shows as what it is, not as "no free receipt code"."""
    with pytest.raises(IntegrityError):
        create_submission(draft, sample(draft, hamlets[0]), channel=Channel.QR, qr_point=QrPoint(id=987654))
    db.session.rollback()
    assert count(Submission) == 0


def test_the_results_cache_is_invalidated(draft, hamlets):
    db.session.add(AggregateCache(key=cache.results_key(draft.id), payload={"total": 0}))
    db.session.commit()
    create_submission(draft, sample(draft, hamlets[0]), channel=Channel.WEB)
    db.session.commit()
    assert db.session.get(AggregateCache, cache.results_key(draft.id)) is None


# --- likely duplicates ------------------------------------------------------------

def one_comment(draft, article_index, stance, text) -> SubmissionInput:
    article_id = draft.articles[article_index].id if article_index is not None else None
    return SubmissionInput(comments=[CommentInput(article_id, Stance(stance), text)], consent=True)


def flags(submission) -> list[bool]:
    return [comment.likely_duplicate for comment in submission.comments]


def test_the_same_text_from_the_same_device_is_stored_but_flagged(draft):
    first, _ = create_submission(draft, one_comment(draft, 0, "disagree", "Mức thu quá cao."), channel=Channel.WEB, device_hash="may-1")
    again, _ = create_submission(draft, one_comment(draft, 1, "other", "  mức thu QUÁ cao. "), channel=Channel.WEB, device_hash="may-1")
    other_device, _ = create_submission(draft, one_comment(draft, 0, "disagree", "Mức thu quá cao."), channel=Channel.WEB, device_hash="may-2")
    different, _ = create_submission(draft, one_comment(draft, 0, "disagree", "Mức thu hợp lý."), channel=Channel.WEB, device_hash="may-1")
    db.session.commit()
    assert flags(first) == [False]
    assert flags(again) == [True]
    assert flags(other_device) == [False]
    assert flags(different) == [False]
    assert count(Submission) == 4  # never dropped


def test_only_within_ten_minutes(draft):
    old, _ = create_submission(draft, one_comment(draft, 0, "disagree", "Mức thu quá cao."), channel=Channel.WEB, device_hash="may-1")
    old.created_at -= timedelta(minutes=11)
    db.session.commit()
    later, _ = create_submission(draft, one_comment(draft, 0, "disagree", "Mức thu quá cao."), channel=Channel.WEB, device_hash="may-1")
    db.session.commit()
    assert flags(later) == [False]


def test_a_bare_agree_is_a_duplicate_only_on_the_same_article(draft):
    create_submission(draft, one_comment(draft, 0, "agree", ""), channel=Channel.WEB, device_hash="may-1")
    same, _ = create_submission(draft, one_comment(draft, 0, "agree", ""), channel=Channel.WEB, device_hash="may-1")
    elsewhere, _ = create_submission(draft, one_comment(draft, 1, "agree", ""), channel=Channel.WEB, device_hash="may-1")
    db.session.commit()
    assert flags(same) == [True] and flags(elsewhere) == [False]


def test_paper_entries_without_a_device_are_never_flagged(draft):
    create_submission(draft, one_comment(draft, 0, "disagree", "Giống nhau."), channel=Channel.PAPER)
    second, _ = create_submission(draft, one_comment(draft, 0, "disagree", "Giống nhau."), channel=Channel.PAPER)
    db.session.commit()
    assert flags(second) == [False]


# --- a double tap on a flaky connection, for real ----------------------------------------------

def test_two_concurrent_posts_with_the_same_key_store_exactly_one(app, hamlets):
    consultation = make_consultation("dong-thoi", articles=2)
    db.session.commit()
    # Plain clients: requests from threads have no test session to keep in step.
    clients = [FlaskClient(app, app.response_class, use_cookies=True) for _ in range(2)]
    page = clients[0].get("/c/dong-thoi").get_data(as_text=True)
    key = re.search(r'name="idem" value="([0-9a-f]{32})"', page).group(1)
    form = {
        "idem": key, "hamlet": str(hamlets[0].id), "consent": "1",
        f"c-{consultation.articles[1].id}-stance": "disagree", f"c-{consultation.articles[1].id}-text": "Gửi hai lần.",
    }
    barrier = threading.Barrier(2)
    responses = []

    def send(client, token):
        barrier.wait()
        responses.append(client.post("/c/dong-thoi", data={**form, "csrf_token": token}))

    threads = [threading.Thread(target=send, args=(client, csrf_token(client))) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert [response.status_code for response in responses] == [303, 303]
    assert responses[0].headers["Location"] == responses[1].headers["Location"]
    assert count(Submission) == 1 and count(Comment) == 1
