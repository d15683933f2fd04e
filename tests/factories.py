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


# --- surveys and QR points ---------------------------------------------------------

def make_question(consultation: Consultation, kind: str = "single", prompt: str | None = None, *,
                  options=None, **fields):
    """A survey question at the end of the consultation's others; choice kinds get two options by default."""
    from consult.models import Question, QuestionKind, QuestionOption

    kind = QuestionKind(kind)
    if options is None:
        options = ("Đồng ý", "Không đồng ý") if kind.has_options else ()
    position = fields.pop("position", None) or len(consultation.questions) + 1
    question = Question(position=position, kind=kind, prompt=prompt or f"Câu hỏi số {position}?", **fields)
    question.options = [QuestionOption(position=n, label=label) for n, label in enumerate(options, start=1)]
    question.consultation = consultation  # also appends it to consultation.questions
    db.session.add(question)
    db.session.flush()
    return question


def make_answer(submission: Submission, question, *, option=None, value_int=None, value_text: str = ""):
    """One answer row of a submission."""
    from consult.models import Answer

    answer = Answer(submission_id=submission.id, question_id=question.id, option_id=option.id if option else None,
                    value_int=value_int, value_text=value_text)
    db.session.add(answer)
    db.session.flush()
    return answer


def make_point(consultation: Consultation, hamlet: Hamlet | None = None, *, code: str | None = None,
               label: str | None = None, place: str | None = None, active: bool = True):
    """A QR point (a hamlet's cultural house when `hamlet` is given, else the commune office)."""
    from consult.models import QrPlace, QrPoint

    point = QrPoint(consultation_id=consultation.id, code=code or codes.new_qr_code(),
                    place=QrPlace(place or ("hamlet" if hamlet else "office")),
                    label=label or (f"Nhà văn hóa {hamlet.name}" if hamlet else "Trụ sở UBND xã"),
                    hamlet_id=hamlet.id if hamlet else None, active=active)
    db.session.add(point)
    db.session.flush()
    return point


# --- suggestion box ------------------------------------------------------------

def make_feedback_category(name: str = "Đời sống dân sinh", *, code: str | None = None, due_days: int | None = None,
                           position: int | None = None, active: bool = True):
    from consult.models import FeedbackCategory

    n = next(_sequence)
    category = FeedbackCategory(code=code or f"lv-{n}", name=name, due_days=due_days,
                                position=position if position is not None else n, active=active)
    db.session.add(category)
    db.session.flush()
    return category


def make_feedback(category=None, hamlet: Hamlet | None = None, *, status: str = "received", received_at=None,
                  resolved_at=None, due_on=None, **fields):
    """An item in any state, with its "received" step on the timeline (dates as given, for reports)."""
    from consult.models import Feedback, FeedbackEvent, FeedbackStatus

    category = category or make_feedback_category(f"Lĩnh vực {next(_sequence)}")
    received_at = received_at or utcnow()
    n = next(_sequence)
    item = Feedback(
        tracking_code=fields.pop("tracking_code", None) or codes.new_tracking_code(),
        category_id=category.id, hamlet_id=hamlet.id if hamlet else None,
        title=fields.pop("title", f"Phản ánh số {n}"), body=fields.pop("body", "Nội dung phản ánh."),
        status=FeedbackStatus(status), created_at=received_at, resolved_at=resolved_at,
        due_on=due_on or (received_at + timedelta(days=15)).date(), **fields,
    )
    db.session.add(item)
    db.session.flush()
    db.session.add(FeedbackEvent(feedback_id=item.id, kind="received", status=FeedbackStatus.RECEIVED,
                                 public=True, created_at=received_at))
    db.session.flush()
    return item


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
