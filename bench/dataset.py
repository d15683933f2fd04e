"""A large commune for benchmarks: 37 hamlets, 20 consultations, 100,000 submissions,
10,000 suggestion-box items — inserted in bulk through SQLAlchemy Core (no ORM objects).

The first consultation (slug `du-thao-bench`) is the one the load test reads and posts to:
an open draft of 10 articles holding a fifth of all submissions, with a QR point per hamlet.
"""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, text

from consult.codes import new_qr_code, new_receipt_code, new_tracking_code
from consult.extensions import db
from consult.models import (
    Answer, Article, Comment, CommuneSettings, Consultation, Feedback, FeedbackCategory, FeedbackEvent,
    Hamlet, QrPoint, Question, QuestionOption,
)
from consult.timeutil import utcnow

TARGET_SLUG = "du-thao-bench"
CHUNK = 5_000
CHANNELS = ["web", "web", "qr", "qr", "qr", "paper", "meeting"]
GROUPS = ["resident", "resident", "resident", "official", "member", "business", "elderly", "student"]
STANCES = ["agree", "agree", "disagree", "other"]
COMMENTS = [
    "Đề nghị nâng mức hỗ trợ cho các xóm xa trung tâm, đi lại khó khăn.",
    "Nhất trí với dự thảo, đề nghị sớm triển khai trong năm nay.",
    "Cần quy định rõ trách nhiệm của trưởng xóm trong việc theo dõi, báo cáo.",
    "Mức chi như dự thảo còn thấp so với khối lượng công việc thực tế.",
    "Đề nghị bổ sung đối tượng là người khuyết tật, người già neo đơn.",
    "Nên công khai kết quả thực hiện hằng quý tại nhà văn hóa xóm.",
]


@dataclass
class Sizes:
    """How big the generated commune is."""

    hamlets: int = 37
    consultations: int = 20
    submissions: int = 100_000
    feedback: int = 10_000


def _bulk(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start:start + CHUNK])


def _ids(model, **where) -> list[int]:
    query = select(model.id).order_by(model.id)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return list(db.session.execute(query).scalars())


def build(sizes: Sizes = Sizes(), seed: int = 2026) -> dict[str, int]:
    """Insert the whole dataset into an empty, migrated database; the caller commits."""
    rng = random.Random(seed)
    now = utcnow()
    db.session.add(CommuneSettings(
        id=1, name="Như Thanh", unit_kind="xã", province="Thanh Hóa", place_name="Như Thanh",
        ubnd_name="Ủy ban nhân dân xã Như Thanh", mttq_name="Ủy ban MTTQ Việt Nam xã Như Thanh",
        hdnd_name="Hội đồng nhân dân xã Như Thanh", public_host="gopy.nhuthanh.example.vn",
        feedback_due_days=15, retention_days=365,
    ))
    _bulk(Hamlet.__table__, [
        {"code": f"T{n:02d}", "name": f"Thôn {n}", "kind": "thôn", "households": rng.randint(150, 600),
         "cultural_house": f"Nhà văn hóa thôn {n}", "position": n, "active": True}
        for n in range(1, sizes.hamlets + 1)
    ])
    hamlets = _ids(Hamlet)
    consultations = _consultations(rng, now, sizes.consultations)
    points = _qr_points(consultations[0], hamlets)
    counts = _submissions(rng, now, consultations, hamlets, points, sizes.submissions)
    counts["feedback"] = _feedback(rng, now, hamlets, sizes.feedback)
    counts.update(hamlets=len(hamlets), consultations=len(consultations))
    _advance_sequences()
    return counts


def _advance_sequences() -> None:
    """Rows inserted with explicit ids leave PostgreSQL's sequences behind: the app's next insert
    would take id 1 again. Each sequence is moved past its table's largest id (SQLite needs nothing)."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement is not False:
            db.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # nosec B608 - names from our own metadata
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false) "
                f"WHERE pg_get_serial_sequence('{table.name}', 'id') IS NOT NULL"
            ))


def _consultations(rng: random.Random, now: datetime, count: int) -> list[tuple[int, str, list, list]]:
    """(id, kind, article ids, questions as (id, kind, option ids)) — the first is the bench target."""
    made = []
    for n in range(count):
        kind = "survey" if n % 5 == 4 else "draft"
        opened = now - timedelta(days=5 if n < 8 else 60)
        closes = opened + timedelta(days=20)
        slug = TARGET_SLUG if n == 0 else f"dot-lay-y-kien-{n}"
        result = db.session.execute(insert(Consultation.__table__).returning(Consultation.__table__.c.id), [{
            "slug": slug, "title": f"Dự thảo nghị quyết số {n + 1} về phát triển chuyển đổi số ở thôn",
            "summary": "Lấy ý kiến Nhân dân về dự thảo trước khi trình HĐND xã.",
            "body_md": "Căn cứ Luật Thực hiện dân chủ ở cơ sở năm 2022.", "organiser": "ubnd", "kind": kind,
            "allow_general_comments": True, "opens_at": opened, "closes_at": closes,
            "published_at": opened, "created_at": opened,
            "updated_at": opened, "close_reason": "", "results_publish_note": "",
            "results_published_at": (closes + timedelta(days=3)) if closes < now else None,
        }])
        consultation_id = result.scalar_one()
        articles, questions = [], []
        if kind == "draft":
            _bulk(Article.__table__, [
                {"consultation_id": consultation_id, "position": a, "number": str(a), "label": "Điều",
                 "heading": f"Nội dung điều {a}", "chapter": "",
                 "body": "1. Hỗ trợ kinh phí hoạt động cho Tổ công nghệ số cộng đồng ở thôn.\n"
                         "2. Mức hỗ trợ 300.000 đồng/tháng/tổ, chi từ ngân sách xã."}
                for a in range(1, 11)
            ])
            articles = _ids(Article, consultation_id=consultation_id)
        else:
            questions = _questions(consultation_id)
        made.append((consultation_id, kind, articles, questions))
    return made


def _questions(consultation_id: int) -> list[tuple[int, str, list[int]]]:
    kinds = ["single", "multiple", "rating", "yesno", "single", "rating", "short_text", "long_text"]
    questions = []
    for position, kind in enumerate(kinds, start=1):
        question_id = db.session.execute(insert(Question.__table__).returning(Question.__table__.c.id), [{
            "consultation_id": consultation_id, "position": position, "kind": kind, "prompt": f"Câu hỏi {position}",
            "help_text": "", "required": position < 3, "allow_other": False,
            "rating_low_label": "Rất không hài lòng", "rating_high_label": "Rất hài lòng",
        }]).scalar_one()
        options = []
        if kind in ("single", "multiple"):
            _bulk(QuestionOption.__table__, [
                {"question_id": question_id, "position": p, "label": f"Lựa chọn {p}"} for p in range(1, 5)
            ])
            options = _ids(QuestionOption, question_id=question_id)
        questions.append((question_id, kind, options))
    return questions


def _qr_points(target, hamlets: list[int]) -> list[tuple[int, int]]:
    _bulk(QrPoint.__table__, [
        {"consultation_id": target[0], "code": new_qr_code(), "place": "hamlet", "label": f"Nhà văn hóa thôn {n}",
         "hamlet_id": hamlet_id, "active": True, "created_at": utcnow()}
        for n, hamlet_id in enumerate(hamlets, start=1)
    ])
    rows = db.session.execute(select(QrPoint.id, QrPoint.hamlet_id).where(QrPoint.consultation_id == target[0]))
    return [tuple(row) for row in rows]


def _submissions(rng, now, consultations, hamlets, points, total: int) -> dict[str, int]:
    """A fifth of the submissions to the target, the rest spread over the others."""
    from consult.models import Submission

    table = Submission.__table__
    shares = [total // 5] + [(total - total // 5) // (len(consultations) - 1)] * (len(consultations) - 1)
    shares[-1] += total - sum(shares)
    counts = {"submissions": 0, "comments": 0, "answers": 0}
    for (consultation_id, kind, articles, questions), share in zip(consultations, shares):
        start_id = (db.session.execute(select(db.func.max(table.c.id))).scalar() or 0) + 1
        rows = []
        for n in range(share):
            channel = rng.choice(CHANNELS)
            point = rng.choice(points) if channel == "qr" and consultation_id == consultations[0][0] else None
            created = now - timedelta(seconds=rng.randint(0, 5 * 24 * 3600))
            rows.append({
                "id": start_id + n, "consultation_id": consultation_id, "receipt_code": new_receipt_code(),
                "idempotency_key": uuid.uuid4().hex, "channel": "web" if channel == "qr" and not point else channel,
                "qr_point_id": point[0] if point else None,
                "hamlet_id": point[1] if point else rng.choice(hamlets), "respondent_group": rng.choice(GROUPS),
                "display_name": "", "show_name": False, "contact_phone": "", "contact_email": "", "consent": True,
                "device_hash": "", "entry_batch": "", "validity": "valid" if rng.random() > 0.01 else "spam",
                "validity_reason": "", "created_at": created,
            })
        _bulk(table, rows)
        counts["submissions"] += share
        if kind == "draft":
            counts["comments"] += _comments(rng, consultation_id, articles, rows)
        else:
            counts["answers"] += _answers(rng, questions, rows)
    return counts


def _comments(rng, consultation_id: int, articles: list[int], submissions: list[dict]) -> int:
    rows = []
    for submission in submissions:
        for article_id in rng.sample(articles + [None], rng.randint(1, 3)):
            stance = rng.choice(STANCES)
            rows.append({
                "submission_id": submission["id"], "consultation_id": consultation_id, "article_id": article_id,
                "stance": stance, "body": "" if stance == "agree" and rng.random() < 0.5 else rng.choice(COMMENTS),
                "status": rng.choices(["approved", "pending", "rejected"], [80, 17, 3])[0],
                "redacted": False, "likely_duplicate": False, "created_at": submission["created_at"],
            })
    for row in rows:
        row["reject_reason"] = "off_topic" if row["status"] == "rejected" else None
    _bulk(Comment.__table__, rows)
    return len(rows)


def _answers(rng, questions, submissions: list[dict]) -> int:
    rows = []
    for submission in submissions:
        for question_id, kind, options in questions:
            base = {"submission_id": submission["id"], "question_id": question_id, "option_id": None,
                    "value_int": None, "value_text": ""}
            if kind == "single":
                rows.append(base | {"option_id": rng.choice(options)})
            elif kind == "multiple":
                rows.extend(base | {"option_id": option} for option in rng.sample(options, rng.randint(1, 3)))
            elif kind == "rating":
                rows.append(base | {"value_int": rng.randint(1, 5)})
            elif kind == "yesno":
                rows.append(base | {"value_int": rng.randint(0, 1)})
            elif rng.random() < 0.3:
                rows.append(base | {"value_text": "Đề nghị mở thêm điểm hỗ trợ tại nhà văn hóa thôn."})
    _bulk(Answer.__table__, rows)
    return len(rows)


def _feedback(rng, now: datetime, hamlets: list[int], total: int) -> int:
    names = ["Đời sống dân sinh", "An ninh trật tự", "Thủ tục hành chính", "Môi trường", "Hạ tầng – giao thông",
             "Y tế – giáo dục", "Khác"]
    _bulk(FeedbackCategory.__table__, [
        {"code": f"c{n}", "name": name, "position": n, "active": True} for n, name in enumerate(names)
    ])
    categories = _ids(FeedbackCategory)
    start_id = (db.session.execute(select(db.func.max(Feedback.__table__.c.id))).scalar() or 0) + 1
    items, events = [], []
    for n in range(total):
        received = now - timedelta(days=rng.randint(0, 365), seconds=rng.randint(0, 86_400))
        status = rng.choices(["received", "assigned", "in_progress", "resolved", "rejected"], [10, 10, 10, 60, 10])[0]
        resolved = received + timedelta(days=rng.randint(1, 20)) if status in ("resolved", "rejected") else None
        items.append({
            "id": start_id + n, "tracking_code": new_tracking_code(), "channel": rng.choice(["web", "paper", "hotline"]),
            "category_id": rng.choice(categories), "hamlet_id": rng.choice(hamlets),
            "title": "Đèn đường hỏng ở đầu thôn", "body": "Đề nghị sửa đèn đường, buổi tối đi lại nguy hiểm.",
            "photo_name": "", "sender_name": "", "sender_phone": "", "allow_public": rng.random() < 0.7,
            "consent": True, "status": status, "due_on": (received + timedelta(days=15)).date(),
            "public_answer": "Đã giao thôn phối hợp điện lực sửa chữa." if status == "resolved" else "",
            "reject_reason": "Không thuộc thẩm quyền của xã." if status == "rejected" else "",
            "resolved_at": resolved if resolved else None,
            "created_at": received, "updated_at": received,
        })
        events.append({"feedback_id": start_id + n, "kind": "received", "status": "received", "public": True,
                       "body": "", "created_at": received})
        if resolved:
            events.append({"feedback_id": start_id + n, "kind": status, "status": status, "public": True,
                           "body": "", "created_at": resolved})
    _bulk(Feedback.__table__, items)
    _bulk(FeedbackEvent.__table__, events)
    return total



