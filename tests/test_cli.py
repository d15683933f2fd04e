"""Command line: init, create-user, seed-demo (idempotent), backup, purge-personal-data."""
from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.models import Feedback, Role, Submission, User
from consult.timeutil import utcnow
from tests.conftest import PG_URL
from tests.factories import make_consultation, make_submission


def _counts() -> dict[str, int]:
    return {
        table.name: db.session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in db.metadata.sorted_tables
        if table.name not in ("rate_counter", "audit_entry")
    }


def test_seed_demo_twice_leaves_the_same_counts(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    after_first = _counts()
    assert after_first["submission"] >= 250 and after_first["hamlet"] >= 15
    assert after_first["feedback"] > 0 and after_first["official_response"] > 0
    for role in Role:
        assert db.session.execute(select(func.count()).select_from(User).where(User.role == role)).scalar_one() >= 1
        assert role.value in first.output  # the logins are printed
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    db.session.expire_all()
    assert _counts() == after_first


def test_seed_demo_if_empty_skips_a_database_with_a_commune(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    before = _counts()
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0 and "not loaded" in result.output
    assert _counts() == before


def test_create_user_with_password_option(app, hamlets):
    result = app.test_cli_runner().invoke(
        args=["create-user", "CanBo2", "--role", "hamlet_officer", "--hamlet", "x02", "--password", "mat-khau-dai-du"]
    )
    assert result.exit_code == 0, result.output
    user = db.session.execute(select(User).where(User.username == "canbo2")).scalar_one()
    assert user.hamlet_id == hamlets[1].id and user.check_password("mat-khau-dai-du")


def test_create_user_prompts_for_the_password(app):
    result = app.test_cli_runner().invoke(
        args=["create-user", "quantri2", "--role", "admin"], input="mat-khau-dai-du\nmat-khau-dai-du\n"
    )
    assert result.exit_code == 0, result.output
    assert db.session.execute(select(User).where(User.username == "quantri2")).scalar_one().role is Role.ADMIN


def test_create_user_refuses_bad_input(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["create-user", "x", "--role", "admin", "--password", "mat-khau-dai-du"]).exit_code != 0
    assert runner.invoke(args=["create-user", "abc", "--role", "admin", "--password", "short"]).exit_code != 0
    assert runner.invoke(args=["create-user", "abc", "--role", "hamlet_officer", "--password", "mat-khau-dai-du"]).exit_code != 0
    assert runner.invoke(args=["create-user", "abc", "--role", "king", "--password", "mat-khau-dai-du"]).exit_code != 0


@pytest.mark.skipif(bool(PG_URL), reason="SQLite online backup")
def test_backup_writes_a_consistent_copy(app, hamlets):
    result = app.test_cli_runner().invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    path = Path(result.output.strip().rsplit(" ", 1)[-1])
    assert path.parent.name == "backups" and path.exists()
    with sqlite3.connect(path) as copy:
        assert copy.execute("SELECT count(*) FROM hamlet").fetchone()[0] == 3
    path.unlink()


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL backup advice")
def test_backup_prints_pg_dump_for_postgresql(app):
    result = app.test_cli_runner().invoke(args=["backup"])
    assert result.exit_code == 0 and "pg_dump --format=custom" in result.output


def test_purge_erases_old_personal_data_only(app, hamlets):
    consultation = make_consultation()
    old = make_submission(consultation, hamlet=hamlets[0], display_name="Nguyễn Văn A", show_name=True,
                          contact_phone="0912345678", created_at=utcnow() - timedelta(days=400))
    recent = make_submission(consultation, hamlet=hamlets[0], contact_email="a@example.com")
    db.session.add(Feedback(tracking_code="PA12345678", category_id=_category(), title="t", body="b",
                            sender_name="Trần B", sender_phone="0987654321", due_on=utcnow().date(),
                            created_at=utcnow() - timedelta(days=400)))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["purge-personal-data"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert (old.display_name, old.contact_phone, old.show_name) == ("", "", False) and old.purged_at
    assert recent.contact_email == "a@example.com" and recent.purged_at is None
    feedback = db.session.execute(select(Feedback)).scalar_one()
    assert (feedback.sender_name, feedback.sender_phone) == ("", "")
    assert db.session.get(Submission, old.id).receipt_code  # the submission itself stays


def _category() -> int:
    from consult.models import FeedbackCategory

    category = FeedbackCategory(code="khac", name="Khác")
    db.session.add(category)
    db.session.flush()
    return category.id


def test_init_upgrades_to_head(app):
    result = app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0 and "latest schema" in result.output


def test_purge_deletes_old_photos_after_commit(app, hamlets):
    from consult.feedback.photos import photo_folder

    folder = photo_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = "0123456789abcdef0123456789abcdef.jpg"
    (folder / name).write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    db.session.add(Feedback(tracking_code="PA87654321", category_id=_category(), title="t", body="b",
                            photo_name=name, due_on=utcnow().date(), created_at=utcnow() - timedelta(days=400)))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["purge-personal-data"])
    assert result.exit_code == 0, result.output
    assert "'photos': 1" in result.output
    assert not (folder / name).exists()
    assert db.session.execute(select(Feedback.photo_name)).scalar_one() == ""
