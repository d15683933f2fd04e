"""The role matrix, generated from the URL map: a new /staff route without a permission fails here."""
from __future__ import annotations

import pytest
from werkzeug.routing import Rule

from consult import create_app
from consult.models import Role
from consult.permissions import ROLE_PERMISSIONS, Permission, can_act_for_hamlet, has_permission
from tests.conftest import TEST_SECRET, csrf_token, login_as

#: Placeholder values for URL variables; they name nothing, so allowed roles get 404, not 200.
PLACEHOLDERS = {"int": 987654, "default": "khong-co-ma-nay", "string": "khong-co-ma-nay", "path": "khong-co"}


def _staff_rules(app) -> list[Rule]:
    return sorted(
        (rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/staff")),
        key=lambda rule: rule.rule,
    )


def _url(rule: Rule) -> str:
    values = {}
    for name in rule.arguments:
        converter = type(rule._converters[name]).__name__.replace("Converter", "").lower()
        values[name] = PLACEHOLDERS.get("int" if converter in ("integer", "number") else converter, PLACEHOLDERS["default"])
    return rule.build(values, append_unknown=False)[1]


def _cases():
    app = create_app({"TESTING": True, "SECRET_KEY": TEST_SECRET, "DATABASE_URL": "sqlite://"})
    for rule in _staff_rules(app):
        for method in sorted(rule.methods & {"GET", "POST"}):
            yield pytest.param(rule.endpoint, method, id=f"{method} {rule.rule}")


STAFF_CASES = list(_cases())


def test_there_are_staff_routes_to_check():
    assert len(STAFF_CASES) >= 5


def test_every_staff_view_declares_a_permission(app):
    missing = [
        rule.rule for rule in _staff_rules(app)
        if getattr(app.view_functions[rule.endpoint], "required_permission", None) is None
    ]
    assert missing == []


def _request(client, app, endpoint, method):
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint and method in rule.methods)
    url = _url(rule)
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": csrf_token(client)})


@pytest.mark.parametrize("endpoint, method", STAFF_CASES)
def test_anonymous_is_sent_to_login(app, client, endpoint, method):
    response = _request(client, app, endpoint, method)
    assert response.status_code == 303
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("endpoint, method", STAFF_CASES)
def test_each_role_is_allowed_exactly_what_it_is_granted(app, client, users, role, endpoint, method):
    login_as(client, users[role])
    permission = app.view_functions[endpoint].required_permission
    response = _request(client, app, endpoint, method)
    if permission in ROLE_PERMISSIONS[role]:
        assert response.status_code != 403, f"{role} should reach {endpoint}"
        assert "/login" not in response.headers.get("Location", "")
    else:
        assert response.status_code == 403, f"{role} must not reach {endpoint}"


def test_disabled_accounts_hold_no_permission(users):
    user = users[Role.ADMIN]
    user.active = False
    assert not any(has_permission(user, permission) for permission in Permission)


def test_hamlet_officers_act_only_for_their_hamlet(users, hamlets):
    officer = users[Role.HAMLET_OFFICER]
    assert can_act_for_hamlet(officer, hamlets[1].id)
    assert not can_act_for_hamlet(officer, hamlets[2].id)
    assert not can_act_for_hamlet(officer, None)
    assert can_act_for_hamlet(users[Role.MODERATOR], hamlets[2].id)


def test_council_is_read_only():
    writes = {
        Permission.CONSULTATION_EDIT, Permission.CONSULTATION_PUBLISH, Permission.ENTRY, Permission.MODERATE,
        Permission.RESPOND, Permission.FEEDBACK_ENTER, Permission.FEEDBACK_HANDLE, Permission.USERS_MANAGE,
        Permission.SETTINGS_MANAGE, Permission.EXPORT_CONTACTS,
    }
    assert not writes & ROLE_PERMISSIONS[Role.COUNCIL]
