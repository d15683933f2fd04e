"""The commune itself: settings, hamlets, suggestion-box categories and staff accounts."""
from __future__ import annotations

from consult import audit
from consult.admin.services import create_user
from consult.demo.specs import nfc
from consult.demo.texts.commune import ACCOUNTS, CATEGORIES, HAMLETS, SETTINGS
from consult.extensions import db
from consult.models import CommuneSettings, FeedbackCategory, Hamlet, User


def ensure_settings() -> CommuneSettings:
    """Row 1 of the settings; an existing row is the admin's and is left as it is."""
    settings = db.session.get(CommuneSettings, 1)
    if settings is None:
        values = {key: nfc(value) if isinstance(value, str) else value for key, value in SETTINGS.items()}
        settings = CommuneSettings(id=1, **values)
        db.session.add(settings)
    return settings


def ensure_hamlets() -> dict[str, Hamlet]:
    """The 20 hamlets by code, creating those whose code is not taken yet."""
    existing = {
        hamlet.code: hamlet
        for hamlet in db.session.execute(
            db.select(Hamlet).where(Hamlet.code.in_([item.code for item in HAMLETS]))
        ).scalars()
    }
    for position, item in enumerate(HAMLETS, start=1):
        if item.code in existing:
            continue
        name = nfc(item.name)
        hamlet = Hamlet(code=item.code, name=name, kind=nfc(item.kind), households=item.households,
                        cultural_house=f"Nhà văn hóa {name}", position=position, active=True)
        db.session.add(hamlet)
        existing[item.code] = hamlet
    db.session.flush()  # hamlet ids are needed to bind the hamlet officer
    return {item.code: existing[item.code] for item in HAMLETS}


def ensure_categories() -> dict[str, FeedbackCategory]:
    """The suggestion-box categories by code."""
    existing = {
        category.code: category
        for category in db.session.execute(
            db.select(FeedbackCategory).where(FeedbackCategory.code.in_([code for code, _ in CATEGORIES]))
        ).scalars()
    }
    for position, (code, name) in enumerate(CATEGORIES, start=1):
        if code not in existing:
            existing[code] = FeedbackCategory(code=code, name=nfc(name), position=position, active=True)
            db.session.add(existing[code])
    return existing


def ensure_staff(hamlets: dict[str, Hamlet]) -> dict[str, User]:
    """The demo accounts by username; an existing account of that name is used as it is."""
    existing = {
        user.username: user
        for user in db.session.execute(
            db.select(User).where(User.username.in_([account.username for account in ACCOUNTS]))
        ).scalars()
    }
    for account in ACCOUNTS:
        if account.username in existing:
            continue
        hamlet = hamlets[account.hamlet_code] if account.hamlet_code else None
        user = create_user(account.username, account.role, account.password,
                           full_name=nfc(account.full_name), hamlet=hamlet)
        audit.record("user.create", user, actor=None, via="seed-demo", role=account.role.value)
        existing[account.username] = user
    return existing
