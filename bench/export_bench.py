"""Benchmark: the data exports of one consultation with 100,000 comments (issue 6).

Not a test. It seeds one consultation (N/2 submissions with 2 comments each, 5 survey questions
answered by every submission, 37 hamlets, QR points, official responses, meeting tallies) through
Core bulk inserts, into a SQLite file under /tmp and into the PostgreSQL database bench_export,
then runs each export — the workbook, the comments CSV, the answers CSV — in a fresh process and
prints its wall time and peak memory. Target: under 60 s and 300 MB each.

Peak memory is the child's VmHWM (/proc/self/status), not ru_maxrss: Linux carries the parent's
high-water mark over fork and exec into the child's ru_maxrss, and the parent holds the seed data.

    python bench/export_bench.py                          # both databases, 100,000 comments
    python bench/export_bench.py --db sqlite --comments 10000
    python bench/export_bench.py --reuse                  # keep the data seeded by an earlier run
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select, text  # noqa: E402

from bench.results_bench import ensure_pg_database, machine, make_bench_app, reset_schema  # noqa: E402
from consult.extensions import db  # noqa: E402
from consult.models import (  # noqa: E402
    Answer, Article, Comment, Consultation, Hamlet, MeetingTally, MeetingTallyLine, OfficialResponse, QrPoint,
    Question, QuestionOption, RespondentGroup, Role, Submission, User,
)
from consult.timeutil import utcnow  # noqa: E402

WORKDIR = Path(tempfile.gettempdir()) / "consult-export-bench"
DATABASES = {
    "sqlite": f"sqlite:///{WORKDIR / 'export.sqlite3'}",
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:5432/bench_export",
}
EXPORTS = ("xlsx", "comments_csv", "answers_csv")
SLUG = "bench-export"
BATCH = 5000
HAMLETS = 37
CHANNELS = ["web"] * 4 + ["qr"] * 4 + ["paper"] * 2 + ["meeting", "hotline", "other"]
STANCES = ["agree", "agree", "disagree", "other"]
BODIES = [
    "Đề nghị làm rõ mức đóng góp của hộ nghèo và hộ cận nghèo trong thôn.",
    "Tôi đồng ý với nội dung điều này, đề nghị sớm triển khai thực hiện.",
    "Thời gian họp nên vào buổi tối để bà con đi làm về còn tham dự được.",
    "Cần quy định cụ thể hơn về việc giữ gìn vệ sinh đường làng, ngõ xóm; xử lý nghiêm trường hợp đổ rác "
    "bừa bãi ra kênh mương, lòng đường.",
    "Nên bổ sung khen thưởng cho gia đình văn hóa tiêu biểu hằng năm.",
]


# --- seeding --------------------------------------------------------------------

def _insert(model, rows: list[dict]) -> None:
    """Core INSERTs of BATCH rows at a time (no ORM objects)."""
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model.__table__), rows[start:start + BATCH])


def _ids(model, *where) -> list[int]:
    return list(db.session.execute(select(model.id).where(*where).order_by(model.id)).scalars())


def seed(comments: int, rng: random.Random) -> dict[str, int]:
    """One closed consultation with `comments` comments (two per submission); the caller commits."""
    now = utcnow()
    _insert(Hamlet, [{"code": f"T{n:02d}", "name": f"Thôn {n}", "kind": "thôn", "households": rng.randint(150, 600),
                      "cultural_house": f"Nhà văn hóa thôn {n}", "position": n, "active": True}
                     for n in range(1, HAMLETS + 1)])
    hamlets = _ids(Hamlet)
    _insert(User, [{"username": f"canbo{n}", "full_name": f"Cán bộ thôn {n}", "role": Role.HAMLET_OFFICER.value,
                    "hamlet_id": hamlets[n], "active": True, "password_hash": "-"} for n in range(3)])
    officers = _ids(User)
    opens = now - timedelta(days=30)
    consultation_id = db.session.execute(insert(Consultation.__table__).returning(Consultation.id), [{
        "slug": SLUG, "title": "Dự thảo Quy ước thôn văn hóa (benchmark)", "summary": "", "body_md": "",
        "organiser": "ubnd", "kind": "both", "allow_general_comments": True, "opens_at": opens,
        "closes_at": opens + timedelta(days=20), "published_at": opens, "created_at": opens, "updated_at": opens,
        "close_reason": "", "results_publish_note": "",
    }]).scalar_one()
    _insert(Article, [{"consultation_id": consultation_id, "position": n, "number": str(n), "label": "Điều",
                       "heading": f"Nội dung điều {n}", "body": "", "chapter": ""} for n in range(1, 11)])
    articles = _ids(Article, Article.consultation_id == consultation_id)
    _insert(QrPoint, [{"consultation_id": consultation_id, "code": f"B{n:05d}", "place": "hamlet",
                       "label": f"Nhà văn hóa thôn {n}", "hamlet_id": hamlet_id, "active": True, "created_at": opens}
                      for n, hamlet_id in enumerate(hamlets, start=1)])
    points = _ids(QrPoint, QrPoint.consultation_id == consultation_id)
    questions = _questions(consultation_id)
    responses = _responses(rng, consultation_id, articles)
    _tallies(rng, consultation_id, hamlets, articles, opens)
    submissions = _submissions(rng, consultation_id, hamlets, points, officers, comments // 2, opens)
    comment_count = _comments(rng, consultation_id, articles, responses, submissions)
    answer_count = _answers(rng, questions, submissions)
    return {"submissions": len(submissions), "comments": comment_count, "answers": answer_count}


def _questions(consultation_id: int) -> list[tuple[int, str, list[int]]]:
    """Single choice (with "Khác"), multiple choice, rating, yes/no and a long text."""
    made = []
    for position, (kind, prompt, options) in enumerate([
        ("single", "Anh/chị biết đến dự thảo qua kênh nào?", 5),
        ("multiple", "Việc nào cần làm trước?", 4),
        ("rating", "Mức độ hài lòng với dự thảo", 0),
        ("yesno", "Có nên lập quỹ khuyến học của thôn?", 0),
        ("long_text", "Ý kiến khác", 0),
    ], start=1):
        question_id = db.session.execute(insert(Question.__table__).returning(Question.id), [{
            "consultation_id": consultation_id, "position": position, "kind": kind, "prompt": prompt,
            "help_text": "", "required": False, "allow_other": kind == "single",
            "rating_low_label": "", "rating_high_label": "",
        }]).scalar_one()
        _insert(QuestionOption, [{"question_id": question_id, "position": n, "label": f"Phương án {n}"}
                                 for n in range(1, options + 1)])
        made.append((question_id, kind, _ids(QuestionOption, QuestionOption.question_id == question_id)))
    return made


def _responses(rng, consultation_id: int, articles: list[int]) -> dict[int | None, list[int]]:
    """Twenty official responses per article and for the draft as a whole."""
    now = utcnow()
    made = {}
    for article_id in [*articles, None]:
        ids = db.session.execute(insert(OfficialResponse.__table__).returning(OfficialResponse.id), [{
            "consultation_id": consultation_id, "article_id": article_id, "created_at": now, "updated_at": now,
            "disposition": rng.choice(["accepted", "partly_accepted", "not_accepted", "noted"]),
            "body": "Ban soạn thảo xin tiếp thu, giải trình như sau: " + rng.choice(BODIES),
        } for _ in range(20)]).scalars().all()
        made[article_id] = list(ids)
    return made


def _tallies(rng, consultation_id: int, hamlets: list[int], articles: list[int], opens) -> None:
    """A hamlet meeting in every hamlet, hands counted on six articles."""
    for hamlet_id in hamlets:
        tally_id = db.session.execute(insert(MeetingTally.__table__).returning(MeetingTally.id), [{
            "consultation_id": consultation_id, "hamlet_id": hamlet_id, "held_on": (opens + timedelta(days=5)).date(),
            "title": "Hội nghị cử tri tại nhà văn hóa thôn", "attendees": rng.randint(40, 120), "remarks": "",
            "created_at": opens,
        }]).scalar_one()
        _insert(MeetingTallyLine, [{"tally_id": tally_id, "article_id": article_id, "agree": rng.randint(20, 60),
                                    "disagree": rng.randint(0, 15), "other": rng.randint(0, 5)}
                                   for article_id in articles[:6]])


def _submissions(rng, consultation_id, hamlets, points, officers, count: int, opens) -> list[dict]:
    start = (db.session.execute(select(db.func.max(Submission.id))).scalar() or 0) + 1
    groups = [group.value for group in RespondentGroup]
    rows = []
    for n in range(count):
        channel = rng.choice(CHANNELS)
        named = rng.random() < 0.3
        rows.append({
            "id": start + n, "consultation_id": consultation_id, "receipt_code": f"R{n:011d}", "channel": channel,
            "qr_point_id": rng.choice(points) if channel == "qr" else None, "hamlet_id": rng.choice(hamlets),
            "respondent_group": rng.choice(groups), "display_name": "Nguyễn Văn An" if named else "",
            "show_name": False, "contact_phone": "0912345678" if named else "",
            "contact_email": "an@example.vn" if named else "", "consent": True, "device_hash": "",
            "entered_by_id": rng.choice(officers) if channel in ("paper", "meeting") else None, "entry_batch": "",
            "validity": "spam" if rng.random() < .02 else "valid", "validity_reason": "",
            "created_at": opens + timedelta(minutes=rng.randint(0, 20 * 24 * 60)),
        })
    _insert(Submission, rows)
    return rows


def _comments(rng, consultation_id, articles, responses, submissions: list[dict]) -> int:
    rows = []
    for submission in submissions:
        for article_id in rng.sample([*articles, None], 2):
            status = rng.choices(["approved", "pending", "rejected"], weights=[80, 10, 10])[0]
            answered = status == "approved" and rng.random() < .6
            rows.append({
                "submission_id": submission["id"], "consultation_id": consultation_id, "article_id": article_id,
                "stance": rng.choice(STANCES), "body": f"{rng.choice(BODIES)} (ý kiến số {len(rows) + 1})",
                "status": status, "reject_reason": "off_topic" if status == "rejected" else None,
                "redacted": False, "likely_duplicate": False, "created_at": submission["created_at"],
                "response_id": rng.choice(responses[article_id]) if answered else None,
            })
    _insert(Comment, rows)
    return len(rows)


def _answers(rng, questions, submissions: list[dict]) -> int:
    rows = []
    for submission in submissions:
        for question_id, kind, options in questions:
            base = {"submission_id": submission["id"], "question_id": question_id, "option_id": None,
                    "value_int": None, "value_text": ""}
            if kind == "single":
                other = rng.random() < .1
                rows.append(base | ({"value_text": "Loa phát thanh của thôn"} if other
                                    else {"option_id": rng.choice(options)}))
            elif kind == "multiple":
                rows.extend(base | {"option_id": option} for option in rng.sample(options, rng.randint(1, 3)))
            elif kind in ("rating", "yesno"):
                rows.append(base | {"value_int": rng.randint(1, 5) if kind == "rating" else rng.randint(0, 1)})
            elif rng.random() < .2:
                rows.append(base | {"value_text": "Đề nghị mở thêm điểm hỗ trợ tại nhà văn hóa thôn."})
    _insert(Answer, rows)
    return len(rows)


def prepare(kind: str, comments: int, reuse: bool) -> str:
    """A database holding the seeded consultation; reused when asked and seeded with as many comments."""
    marker = WORKDIR / f"ready-{kind}.json"
    if reuse and marker.exists() and json.loads(marker.read_text())["comments"] == comments:
        return "reused " + marker.read_text()
    marker.unlink(missing_ok=True)
    url = DATABASES[kind]
    if kind == "postgresql":
        ensure_pg_database(url)
    app = make_bench_app(url, WORKDIR)
    with app.app_context():
        reset_schema()
        started = time.perf_counter()
        counts = seed(comments, random.Random(2026))
        db.session.commit()
        if kind == "postgresql":
            with db.engine.connect() as connection:
                connection.execute(text("ANALYZE"))
                connection.commit()
        counts["seconds"] = round(time.perf_counter() - started, 1)
        db.engine.dispose()
    marker.write_text(json.dumps(counts | {"comments": comments}))
    return "seeded " + marker.read_text()


# --- one export in a fresh process -------------------------------------------------

def run_export(kind: str, export: str) -> dict:
    """Run one export in a child process; its own report (time, size, peak memory) comes back as JSON."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", export, "--db", kind], check=True,
                          capture_output=True, text=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report | {"process_seconds": time.perf_counter() - started}


def _memory_kb(field: str) -> int:
    """This process's VmRSS (now) or VmHWM (peak) in KB, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def child(kind: str, export: str) -> None:
    """In the child: start the app, then export to a temporary file as the route would, and report."""
    from consult.exports import data

    app = make_bench_app(DATABASES[kind], WORKDIR)
    with app.test_request_context(), tempfile.TemporaryFile() as out:
        consultation = db.session.execute(select(Consultation).where(Consultation.slug == SLUG)).scalar_one()
        before = _memory_kb("VmRSS")
        started = time.perf_counter()
        if export == "xlsx":
            data.write_workbook(consultation, out)
        else:
            rows = data.comments_csv if export == "comments_csv" else data.answers_csv
            for chunk in rows(consultation):
                out.write(chunk.encode("utf-8"))
        seconds = time.perf_counter() - started
        print(json.dumps({"seconds": seconds, "bytes": out.tell(), "rss_before_kb": before,
                          "peak_rss_kb": _memory_kb("VmHWM")}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--reuse", action="store_true", help="reuse the data seeded by an earlier run")
    parser.add_argument("--child", choices=EXPORTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.db, args.child)
        return
    WORKDIR.mkdir(parents=True, exist_ok=True)
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    print(f"machine: {machine()}")
    lines = []
    for kind in kinds:
        print(f"{kind}: {prepare(kind, args.comments, args.reuse)}", flush=True)
        for export in EXPORTS:
            lines.append(_line(kind, export, run_export(kind, export)))
            print(lines[-1], flush=True)
    print(f"\n{'database':<11} {'export':<13} {'size':>9} {'export s':>9} {'process s':>10} "
          f"{'RSS at start':>13} {'peak RSS':>9}")
    print("\n".join(lines))
    print(f"\n{args.comments:,} comments; target: each export under 60 s and 300 MB peak memory")


def _line(kind: str, export: str, report: dict) -> str:
    return (f"{kind:<11} {export:<13} {report['bytes'] / 2**20:7.1f} MB {report['seconds']:9.1f} "
            f"{report['process_seconds']:10.1f} {report['rss_before_kb'] / 1024:10.0f} MB "
            f"{report['peak_rss_kb'] / 1024:6.0f} MB")


if __name__ == "__main__":
    main()
