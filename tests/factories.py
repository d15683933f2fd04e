"""Small factories for test data; they add to the session and flush, the test commits."""
from __future__ import annotations

from datetime import timedelta
from itertools import count

from werkzeug.security import generate_password_hash

from consult.extensions import db
from consult.models import (
    Article, Comment, CommentStatus, CommuneSettings, Consultation, ConsultationKind, Hamlet,
    Organiser, Role, Stance, Submission, User,
)
from consult import codes
from consult.timeutil import utcnow
from tests.conftest import PASSWORD

#: Hashed once: scrypt is deliberately slow, and tests create many accounts.
_PASSWORD_HASH = generate_password_hash(PASSWORD, method="scrypt")
_sequence = count(1)


def make_commune(**fields) -> CommuneSettings:
    values = dict(
        id=1, name="Diễn Châu", unit_kind="xã", province="Nghệ An", place_name="Diễn Châu",
        ubnd_name="Ủy ban nhân dân xã Diễn Châu", mttq_name="Ủy ban MTTQ Việt Nam xã Diễn Châu",
        hdnd_name="Hội đồng nhân dân xã Diễn Châu",
    )
    values.update(fields)
    settings = CommuneSettings(**values)
    db.session.add(settings)
    db.session.flush()
    return settings


def make_hamlet(code: str | None = None, name: str | None = None, households: int = 200, **fields) -> Hamlet:
    n = next(_sequence)
    hamlet = Hamlet(code=code or f"H{n:03d}", name=name or f"Xóm {n}", households=households,
                    position=fields.pop("position", n), **fields)
    db.session.add(hamlet)
    db.session.flush()
    return hamlet


def make_user(username: str, role: Role, hamlet: Hamlet | None = None, active: bool = True) -> User:
    user = User(username=username, full_name=username.title(), role=role, active=active,
                hamlet_id=hamlet.id if hamlet else None, password_hash=_PASSWORD_HASH)
    db.session.add(user)
    db.session.flush()
    return user


def make_consultation(slug: str | None = None, *, state: str = "open", articles: int = 3,
                      kind: ConsultationKind = ConsultationKind.DRAFT, **fields) -> Consultation:
    """A consultation in the given state: draft, scheduled, open, closed or results_published."""
    now = utcnow()
    n = next(_sequence)
    windows = {
        "draft": (now - timedelta(days=1), now + timedelta(days=19), None),
        "scheduled": (now + timedelta(days=2), now + timedelta(days=22), now),
        "open": (now - timedelta(days=2), now + timedelta(days=18), now - timedelta(days=2)),
        "closed": (now - timedelta(days=30), now - timedelta(days=10), now - timedelta(days=30)),
        "results_published": (now - timedelta(days=30), now - timedelta(days=10), now - timedelta(days=30)),
    }
    opens_at, closes_at, published_at = windows[state]
    consultation = Consultation(
        slug=slug or f"du-thao-{n}", title=fields.pop("title", f"Dự thảo nghị quyết số {n}"),
        summary=fields.pop("summary", "Tóm tắt dự thảo."), body_md=fields.pop("body_md", "Nội dung **dự thảo**."),
        organiser=fields.pop("organiser", Organiser.UBND), kind=kind,
        opens_at=opens_at, closes_at=closes_at, published_at=published_at,
        results_published_at=now - timedelta(days=5) if state == "results_published" else None,
        **fields,
    )
    db.session.add(consultation)
    db.session.flush()
    for position in range(1, articles + 1):
        db.session.add(Article(consultation_id=consultation.id, position=position, number=str(position),
                               label="Điều", heading=f"Nội dung điều {position}", body=f"Khoản 1 của điều {position}."))
    db.session.flush()
    return consultation


def make_submission(consultation: Consultation, *, hamlet: Hamlet | None = None, comments=(), **fields) -> Submission:
    """A submission with comments given as (article or None, stance, body, status) tuples."""
    submission = Submission(consultation_id=consultation.id, receipt_code=codes.new_receipt_code(),
                            hamlet_id=hamlet.id if hamlet else None, consent=True, **fields)
    db.session.add(submission)
    db.session.flush()
    for article, stance, body, status in comments:
        db.session.add(Comment(
            submission_id=submission.id, consultation_id=consultation.id,
            article_id=article.id if article else None, stance=Stance(stance), body=body,
            status=CommentStatus(status),
        ))
    db.session.flush()
    return submission


# --- moderation, responses, results ------------------------------------------

def make_question(consultation: Consultation, kind: str, prompt: str = "", options=(), **fields):
    """A survey question with its options (labels, in order)."""
    from consult.models import Question, QuestionKind, QuestionOption

    position = fields.pop("position", None) or (len(consultation.questions) + 1)
    question = Question(consultation_id=consultation.id, position=position, kind=QuestionKind(kind),
                        prompt=prompt or f"Câu hỏi {position}", **fields)
    db.session.add(question)
    db.session.flush()
    for index, label in enumerate(options, start=1):
        db.session.add(QuestionOption(question_id=question.id, position=index, label=label))
    db.session.flush()
    db.session.refresh(consultation)
    return question


def make_answer(submission: Submission, question, *, option=None, value_int: int | None = None, text: str = ""):
    """One answer row: a chosen option, a rating or yes/no (value_int), or free text."""
    from consult.models import Answer

    answer = Answer(submission_id=submission.id, question_id=question.id,
                    option_id=option.id if option is not None else None, value_int=value_int, value_text=text)
    db.session.add(answer)
    db.session.flush()
    return answer


def make_meeting_tally(consultation: Consultation, *, hamlet: Hamlet | None = None, attendees: int = 0,
                       lines=(), **fields):
    """A meeting's show of hands; lines are (article or None, agree, disagree, other)."""
    from consult.models import MeetingTally, MeetingTallyLine

    tally = MeetingTally(consultation_id=consultation.id, hamlet_id=hamlet.id if hamlet else None,
                         held_on=fields.pop("held_on", utcnow().date()), attendees=attendees,
                         title=fields.pop("title", "Hội nghị cử tri"), **fields)
    db.session.add(tally)
    db.session.flush()
    for article, agree, disagree, other in lines:
        db.session.add(MeetingTallyLine(tally_id=tally.id, article_id=article.id if article else None,
                                        agree=agree, disagree=disagree, other=other))
    db.session.flush()
    return tally


def make_response(comments, disposition: str = "accepted", body: str = "Xin tiếp thu và chỉnh sửa dự thảo.",
                  user: User | None = None):
    """An official response covering the given comments (all on the same article)."""
    from consult.models import Disposition, OfficialResponse

    first = comments[0]
    response = OfficialResponse(consultation_id=first.consultation_id, article_id=first.article_id,
                                disposition=Disposition(disposition), body=body,
                                created_by_id=user.id if user else None)
    db.session.add(response)
    db.session.flush()
    for comment in comments:
        comment.response_id = response.id
    db.session.flush()
    return response
