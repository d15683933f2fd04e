"""Writing the audit log. Entries join the request's transaction, so an action and
its record are committed together or not at all."""
from __future__ import annotations

from flask_login import current_user

from consult.extensions import db
from consult.models import AuditEntry


def record(action: str, target=None, *, reason: str = "", actor=None, **details) -> AuditEntry:
    """Add an audit entry for `action` on `target` by the current staff user (or `actor`)."""
    actor = actor if actor is not None else _current_actor()
    entry = AuditEntry(
        action=action,
        actor_id=getattr(actor, "id", None),
        actor_label=getattr(actor, "display_name", "") or "hệ thống",
        target_type=_target_type(target),
        target_id=getattr(target, "id", None),
        reason=reason or "",
        details=_jsonable(details),
    )
    db.session.add(entry)
    return entry


def apply_changes(target, values: dict, fields) -> dict:
    """Copy `fields` from `values` onto a record; return {field: [before, after]} of what changed,
    ready for an audit entry's details."""
    changes = {}
    for name in fields:
        before, after = getattr(target, name), values[name]
        if before != after:
            changes[name] = [before, after]
            setattr(target, name, after)
    return changes


def _current_actor():
    try:
        return current_user if current_user.is_authenticated else None
    except (AttributeError, RuntimeError):  # outside a request (CLI)
        return None


def _target_type(target) -> str:
    if target is None:
        return ""
    return getattr(target, "__tablename__", type(target).__name__.lower())


def _jsonable(value):
    """Details as plain JSON: enums to their value, dates to ISO text."""
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(item) for item in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
