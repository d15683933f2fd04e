"""Authentication and login throttling (per account and per address, shared by all workers)."""
from __future__ import annotations

import time

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from consult import ratelimit
from consult.extensions import db
from consult.models import User

#: A hash checked when the account does not exist, so timing does not reveal usernames.
_DUMMY_HASH = generate_password_hash("not-a-password", method="scrypt")
#: Failure counts are kept this long; the growing delay persists within it.
FAILURE_WINDOW_SECONDS = 24 * 3600
BASE_DELAY_SECONDS = 30


def _keys(username: str, ip: str) -> list[tuple[str, int]]:
    """Counter keys with the failure count after which each starts delaying."""
    cfg = current_app.config
    return [
        (f"login:acct:{username.lower()}", cfg["LOGIN_FAILURES_BEFORE_DELAY"]),
        (f"login:ip:{ip}", cfg["LOGIN_IP_FAILURES_BEFORE_DELAY"]),
    ]


def _delay_for(failures: int, threshold: int) -> float:
    """No delay below the threshold; then 30 s, doubling with each further failure, capped."""
    if failures < threshold:
        return 0.0
    delay = BASE_DELAY_SECONDS * 2 ** (failures - threshold)
    return float(min(delay, current_app.config["LOGIN_MAX_DELAY_SECONDS"]))


def seconds_until_allowed(username: str, ip: str) -> int:
    """How long this account or address must wait before the next attempt (0 = now)."""
    now = time.time()
    wait = 0.0
    for key, threshold in _keys(username, ip):
        failures, _expires, last_failure = ratelimit.read(key)
        wait = max(wait, last_failure + _delay_for(failures, threshold) - now)
    return max(0, int(wait + 0.999))


def note_failure(username: str, ip: str) -> None:
    for key, _threshold in _keys(username, ip):
        ratelimit.increment(key, FAILURE_WINDOW_SECONDS)


def note_success(username: str) -> None:
    """A correct password clears the account's failures (not the address's)."""
    ratelimit.clear(f"login:acct:{username.lower()}")


def authenticate(username: str, password: str) -> User | None:
    """The active account with this username and password, or None."""
    user = db.session.execute(
        db.select(User).where(User.username == username.strip().lower())
    ).scalar_one_or_none()
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user
