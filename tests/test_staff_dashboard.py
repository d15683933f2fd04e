"""The staff dashboard counts what needs attention, within a hamlet officer's hamlet."""
from __future__ import annotations

import re

from consult.extensions import db
from consult.models import Role
from consult.permissions import hamlet_scope
from tests.conftest import login_as
from tests.factories import make_consultation, make_submission


def _counts(html: str) -> list[str]:
    return re.findall(r'<div class="stat"><b>([^<]+)</b>', html)


def test_hamlet_officers_see_their_hamlets_counts(client, users, hamlets):
    consultation = make_consultation()
    for hamlet, pending in ((hamlets[1], 2), (hamlets[2], 5)):
        for _ in range(pending):
            make_submission(consultation, hamlet=hamlet, comments=[(None, "other", "Ý kiến", "pending")])
    db.session.commit()
    login_as(client, users[Role.MODERATOR])
    assert _counts(client.get("/staff/").get_data(as_text=True))[1] == "7"
    login_as(client, users[Role.HAMLET_OFFICER])  # Xóm 2
    assert _counts(client.get("/staff/").get_data(as_text=True))[1] == "2"


def test_an_officer_without_a_hamlet_is_limited_to_none(users):
    officer = users[Role.HAMLET_OFFICER]
    officer.hamlet_id = None
    assert hamlet_scope(officer) == 0
    assert hamlet_scope(users[Role.MODERATOR]) is None
