"""Benchmark: the results page of a consultation with 50,000 submissions, cold and warm.

Not a test. It builds a scratch database (a SQLite file in a temporary folder, and with --pg
the PostgreSQL database wt_moderation_bench, created if missing), fills one consultation with
N submissions (1–3 comments and a few survey answers each, spread over hamlets, channels,
respondent groups and days; meeting tallies; responses), then times GET /c/<slug>/results
through the app:

- cold: the shared aggregate cache is emptied before each run (the aggregates are computed
  in SQL and stored), then the page is rendered;
- warm: the cached aggregates are read and the page rendered.

It prints p50 (and min/max) over several runs, plus the aggregate computation alone.

    python bench/results_bench.py                 # SQLite, 50,000 submissions, 7 runs
    python bench/results_bench.py --pg            # the same on PostgreSQL too
    python bench/results_bench.py --submissions 5000 --runs 3
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import MetaData, create_engine, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from consult import cache, create_app  # noqa: E402
from consult.extensions import db  # noqa: E402
from consult.models import (  # noqa: E402
    Answer, Article, Comment, Consultation, Hamlet, MeetingTally, MeetingTallyLine, OfficialResponse,
    Question, QuestionOption, RespondentGroup, Submission,
)
from consult.results import aggregates  # noqa: E402
from consult.timeutil import utcnow  # noqa: E402

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/wt_moderation_bench"
SLUG = "bench-quy-uoc"
BATCH = 5000
BODIES = [
    "Đề nghị làm rõ mức đóng góp của hộ nghèo và hộ cận nghèo trong xóm.",
    "Tôi đồng ý với nội dung điều này, đề nghị sớm triển khai thực hiện.",
    "Thời gian họp nên vào buổi tối để bà con đi làm về còn tham dự được.",
    "Cần quy định cụ thể hơn về việc giữ gìn vệ sinh đường làng, ngõ xóm.",
    "Nên bổ sung khen thưởng cho gia đình văn hóa tiêu biểu hằng năm.",
]


def make_bench_app(database_url: str, workdir: Path):
    counters = database_url if database_url.startswith("postgresql") else f"sqlite:///{workdir / 'counters.sqlite3'}"
    return create_app({
        "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
        "DATABASE_URL": database_url,
        "COUNTER_DATABASE_URL": counters,
        "INSTANCE_PATH": str(workdir),
        "UPLOAD_DIR": str(workdir / "uploads"),
    })


def ensure_pg_database(url: str) -> None:
    """CREATE DATABASE wt_moderation_bench when it does not exist yet."""
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                    {"name": parsed.database}).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def reset_schema() -> None:
    reflected = MetaData()
    reflected.reflect(bind=db.engine)
    reflected.drop_all(bind=db.engine)
    db.create_all()


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model), rows[start:start + BATCH])


def seed(submissions: int, seed_value: int = 42) -> int:
    """One closed, published consultation with `submissions` submissions; returns its id."""
    rng = random.Random(seed_value)
    now = utcnow()
    hamlets = [Hamlet(code=f"X{n:02d}", name=f"Xóm {n}", households=rng.randint(200, 500), position=n)
               for n in range(1, 25)]
    db.session.add_all(hamlets)
    consultation = Consultation(
        slug=SLUG, title="Dự thảo Quy ước xóm văn hóa (benchmark)", summary="", body_md="",
        opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=20), published_at=now - timedelta(days=40),
        results_published_at=now - timedelta(days=1),
    )
    db.session.add(consultation)
    db.session.flush()
    articles = [Article(consultation_id=consultation.id, position=n, number=str(n), heading=f"Nội dung điều {n}")
                for n in range(1, 11)]
    db.session.add_all(articles)
    questions = [
        Question(consultation_id=consultation.id, position=1, kind="single", prompt="Kênh biết đến dự thảo",
                 allow_other=True),
        Question(consultation_id=consultation.id, position=2, kind="multiple", prompt="Việc cần làm trước"),
        Question(consultation_id=consultation.id, position=3, kind="rating", prompt="Mức độ hài lòng"),
        Question(consultation_id=consultation.id, position=4, kind="yesno", prompt="Lập quỹ khuyến học?"),
        Question(consultation_id=consultation.id, position=5, kind="long_text", prompt="Ý kiến khác"),
    ]
    db.session.add_all(questions)
    db.session.flush()
    options = {question.id: [] for question in questions[:2]}
    for question, count in ((questions[0], 5), (questions[1], 4)):
        for position in range(1, count + 1):
            option = QuestionOption(question_id=question.id, position=position, label=f"Phương án {position}")
            db.session.add(option)
            options[question.id].append(option)
    db.session.flush()
    responses = {}
    for article in [*articles, None]:
        for n in range(20):
            response = OfficialResponse(consultation_id=consultation.id, article_id=article.id if article else None,
                                        disposition=rng.choice(["accepted", "partly_accepted", "not_accepted", "noted"]),
                                        body="Ban soạn thảo xin tiếp thu, giải trình như sau: " + BODIES[n % 5])
            db.session.add(response)
            responses.setdefault(article.id if article else None, []).append(response)
    for hamlet in hamlets:
        tally = MeetingTally(consultation_id=consultation.id, hamlet_id=hamlet.id, held_on=(now - timedelta(days=30)).date(),
                             attendees=rng.randint(40, 120), title=f"Hội nghị {hamlet.name}")
        db.session.add(tally)
        db.session.flush()
        for article in articles[:6]:
            db.session.add(MeetingTallyLine(tally_id=tally.id, article_id=article.id, agree=rng.randint(20, 60),
                                            disagree=rng.randint(0, 15), other=rng.randint(0, 5)))
    db.session.flush()
    response_ids = {key: [r.id for r in values] for key, values in responses.items()}

    channels = ["web"] * 4 + ["qr"] * 4 + ["paper"] * 2 + ["meeting", "hotline", "other"]
    groups = [group.value for group in RespondentGroup]
    hamlet_ids = [hamlet.id for hamlet in hamlets] + [None]
    sub_rows = []
    for n in range(submissions):
        sub_rows.append({
            "consultation_id": consultation.id, "receipt_code": f"B{n:011d}", "channel": rng.choice(channels),
            "hamlet_id": rng.choice(hamlet_ids), "respondent_group": rng.choice(groups),
            "display_name": "", "show_name": False, "contact_phone": "", "contact_email": "", "consent": True,
            "device_hash": "", "entry_batch": "", "validity": "spam" if rng.random() < .02 else "valid",
            "validity_reason": "", "created_at": consultation.opens_at + timedelta(minutes=rng.randint(0, 20 * 24 * 60)),
        })
    _insert(Submission, sub_rows)
    ids = list(db.session.execute(
        select(Submission.id).where(Submission.consultation_id == consultation.id).order_by(Submission.id)
    ).scalars())
    article_ids = [article.id for article in articles] + [None]
    comment_rows, answer_rows = [], []
    for submission_id, row in zip(ids, sub_rows):
        for _ in range(rng.randint(1, 3)):
            article_id = rng.choice(article_ids)
            status = rng.choices(["approved", "pending", "rejected"], weights=[80, 10, 10])[0]
            comment_rows.append({
                "submission_id": submission_id, "consultation_id": consultation.id, "article_id": article_id,
                "stance": rng.choice(["agree", "agree", "disagree", "other"]), "body": rng.choice(BODIES),
                "status": status, "reject_reason": "off_topic" if status == "rejected" else None,
                "redacted": False, "likely_duplicate": False, "created_at": row["created_at"],
                "response_id": rng.choice(response_ids[article_id]) if status == "approved" and rng.random() < .7 else None,
            })
        single = options[questions[0].id]
        answer_rows.append({"submission_id": submission_id, "question_id": questions[0].id,
                            "option_id": rng.choice(single).id, "value_int": None, "value_text": ""})
        for option in rng.sample(options[questions[1].id], rng.randint(1, 2)):
            answer_rows.append({"submission_id": submission_id, "question_id": questions[1].id,
                                "option_id": option.id, "value_int": None, "value_text": ""})
        answer_rows.append({"submission_id": submission_id, "question_id": questions[2].id,
                            "option_id": None, "value_int": rng.randint(1, 5), "value_text": ""})
        answer_rows.append({"submission_id": submission_id, "question_id": questions[3].id,
                            "option_id": None, "value_int": rng.randint(0, 1), "value_text": ""})
        if rng.random() < .2:
            answer_rows.append({"submission_id": submission_id, "question_id": questions[4].id,
                                "option_id": None, "value_int": None, "value_text": "Không có ý kiến thêm"})
    _insert(Comment, comment_rows)
    _insert(Answer, answer_rows)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    print(f"  seeded {len(sub_rows):,} submissions, {len(comment_rows):,} comments, {len(answer_rows):,} answers")
    return consultation.id


def timed(action, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    print(f"  {label:<38} p50 {statistics.median(times):8.1f} ms   min {min(times):8.1f}   max {max(times):8.1f}"
          f"   ({len(times)} runs)")


def bench(database_url: str, submissions: int, runs: int, workdir: Path) -> None:
    app = make_bench_app(database_url, workdir)
    print(f"\n== {make_url(database_url).get_backend_name()}: {make_url(database_url).render_as_string(hide_password=True)}")
    with app.app_context():
        reset_schema()
        started = time.perf_counter()
        consultation_id = seed(submissions, 42)
        print(f"  seeding took {time.perf_counter() - started:.1f} s")
        key = cache.results_key(consultation_id)
        client = app.test_client()
        url = f"/c/{SLUG}/results"

        def drop_cache():
            cache.invalidate(key)
            db.session.commit()

        def cold():
            drop_cache()
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        def warm():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        def compute_only():
            aggregates.compute(consultation_id)
            db.session.rollback()

        cold()  # first request: imports, template compilation
        size = len(client.get(url).get_data())
        report("aggregates.compute (SQL only)", timed(compute_only, runs))
        report("GET results page, cold cache", timed(cold, runs))
        report("GET results page, warm cache", timed(warm, runs))
        report("GET results.json, warm cache", timed(lambda: client.get(f"/c/{SLUG}/results.json"), max(3, runs // 2)))
        print(f"  page size {size / 1024:.0f} KB uncompressed")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.platform()} · Python {platform.python_version()} · {os.cpu_count()} CPU · {model}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pg", action="store_true", help=f"also run on PostgreSQL ({PG_URL})")
    parser.add_argument("--pg-only", action="store_true", help="run on PostgreSQL only")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="consult-bench-") as folder:
        workdir = Path(folder)
        if not args.pg_only:
            bench(f"sqlite:///{workdir / 'bench.sqlite3'}", args.submissions, args.runs, workdir)
        if args.pg or args.pg_only:
            ensure_pg_database(PG_URL)
            bench(PG_URL, args.submissions, args.runs, workdir)


if __name__ == "__main__":
    main()
