"""A hall of phones on one Wi-Fi: 50 submissions at the same instant, against gunicorn with
several workers on the test database — every one stored exactly once, none refused."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from bench.client import fetch_form, phone_for, unique_comment
from consult.extensions import db
from consult.models import Comment, Submission
from tests.conftest import PG_URL, TEST_SECRET
from tests.factories import make_commune, make_consultation, make_hamlet

ROOT = Path(__file__).resolve().parent.parent
PHONES = 50

pytestmark = pytest.mark.slow


@pytest.fixture
def gunicorn(app, instance_dir):
    """The app under gunicorn (2 workers × 4 threads), on this test's database."""
    from bench.server import free_port

    port = free_port()
    env = dict(os.environ)
    env.update({
        "CONSULT_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "CONSULT_COUNTER_DATABASE_URL": app.config["COUNTER_DATABASE_URL"],
        "CONSULT_INSTANCE_PATH": str(instance_dir), "CONSULT_SECRET_KEY": TEST_SECRET,
        "CONSULT_MIN_FILL_SECONDS": "0",
    })
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--worker-class",
         "gthread", "--threads", "4", "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("gunicorn did not start")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=30)


def test_fifty_phones_submitting_at_once_are_all_stored_once(app, gunicorn):
    make_commune()
    for n in range(1, 4):
        make_hamlet(code=f"X0{n}", name=f"Xóm {n}")
    consultation_id = make_consultation("hoi-truong", articles=3).id
    db.session.commit()  # and hold no read snapshot while the server writes (SQLite WAL)
    forms = [fetch_form(phone_for(gunicorn), "/c/hoi-truong", unique_comment()) for _ in range(PHONES)]
    gate = threading.Barrier(PHONES)
    statuses: list[int] = [0] * PHONES

    def fire(index: int):
        form = forms[index]
        gate.wait()
        statuses[index] = form.phone.request("POST", form.path, form.fields)[0]

    threads = [threading.Thread(target=fire, args=(n,)) for n in range(PHONES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [303] * PHONES  # no 5xx, no 429: one address, fifty devices
    keys = [form.fields["idem"] for form in forms]
    stored = db.session.execute(
        db.select(Submission.idempotency_key).where(Submission.consultation_id == consultation_id)
    ).scalars().all()
    assert sorted(stored) == sorted(keys)  # every one, exactly once
    assert db.session.execute(db.select(db.func.count()).select_from(Comment)).scalar_one() == PHONES
