"""The text seed-demo prints: what was added, and the demo logins."""
from __future__ import annotations

from consult.demo.texts.commune import ACCOUNTS
from consult.extensions import db
from consult.models import User

#: Tables in the order a reader thinks of them, with plain names.
_LABELS = {
    "commune_settings": "commune settings", "hamlet": "hamlets", "feedback_category": "feedback categories",
    "user_account": "staff accounts", "consultation": "consultations", "article": "articles",
    "question": "questions", "question_option": "question options", "qr_point": "QR points",
    "qr_scan_day": "QR scan days", "submission": "submissions", "comment": "comments", "answer": "answers",
    "official_response": "official responses", "meeting_tally": "meeting tallies",
    "meeting_tally_line": "meeting tally lines", "feedback": "feedback items",
    "feedback_event": "feedback events", "audit_entry": "audit entries",
}


def render_report(before: dict[str, int], after: dict[str, int], skipped: list[str]) -> str:
    """What this run added, which consultations it left alone, and the logins."""
    added = {table: after[table] - before.get(table, 0) for table in after}
    lines = ["Demo commune: xã Diễn Châu, tỉnh Nghệ An."]
    tables = [*_LABELS, *sorted(set(added) - set(_LABELS))]
    grown = [f"  {added[table]:>5}  {_LABELS.get(table, table)}" for table in tables if added.get(table, 0) > 0]
    lines += ["Added:", *grown] if grown else ["Nothing added: the demo data is already there."]
    if skipped:
        lines.append("Consultations already present, left unchanged: " + ", ".join(skipped))
    return "\n".join([*lines, "", demo_logins()])


def demo_logins() -> str:
    """The demo staff accounts, with their password while it is still the demo one."""
    users = {
        user.username: user
        for user in db.session.execute(
            db.select(User).where(User.username.in_([account.username for account in ACCOUNTS]))
        ).scalars()
    }
    lines = ["Demo staff logins (for trying the site only; never keep them on a real deployment):"]
    width = max(len(account.username) for account in ACCOUNTS)
    for account in ACCOUNTS:
        user = users.get(account.username)
        if user is None:
            lines.append(f"  {account.username:<{width}}  {account.role.value:<14}  (not created)")
            continue
        # An account that existed before may have a real password: never print a guess as fact.
        password = account.password if user.check_password(account.password) else "(not the demo password)"
        scope = f" – {user.hamlet.name}" if user.hamlet is not None else ""
        lines.append(f"  {account.username:<{width}}  {user.role.value:<14}  {password:<20}  {user.full_name}{scope}")
    return "\n".join(lines)
