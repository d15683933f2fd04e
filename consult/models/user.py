"""Staff accounts."""
from __future__ import annotations

import secrets
from datetime import datetime
from enum import StrEnum

from consult.i18n import lazy_gettext as _l
from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from consult.extensions import db
from consult.models.types import Short, UTCDateTime, str_enum
from consult.timeutil import utcnow


class Role(StrEnum):
    """What a staff account is for; permissions.py says what each may do."""

    ADMIN = "admin"
    MODERATOR = "moderator"
    HAMLET_OFFICER = "hamlet_officer"
    COUNCIL = "council"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.ADMIN: _l("Quản trị"),
    Role.MODERATOR: _l("Cán bộ kiểm duyệt"),
    Role.HAMLET_OFFICER: _l("Cán bộ thôn/xóm"),
    Role.COUNCIL: _l("Đại biểu HĐND / giám sát (chỉ xem)"),
}

MIN_PASSWORD_LENGTH = 10


class User(db.Model):
    """A staff member who signs in; residents never have accounts."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Lower-case login name.
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(Short, default="")
    #: scrypt hash (Werkzeug); never the password.
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    #: The only hamlet a hamlet officer may act for; None for other roles.
    hamlet_id: Mapped[int | None] = mapped_column(ForeignKey("hamlet.id"), nullable=True, index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Part of the session identity: changing it signs the account out everywhere.
    session_token: Mapped[str] = mapped_column(String(32), default=lambda: secrets.token_hex(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    hamlet = relationship("Hamlet", lazy="joined")

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """Session identity: id plus the token, so a reset or disable ends old sessions."""
        return f"{self.id}.{self.session_token}"

    def set_password(self, password: str) -> None:
        """Store a scrypt hash of the password and end every existing session."""
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.rotate_sessions()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def rotate_sessions(self) -> None:
        """Invalidate every session signed in as this account."""
        self.session_token = secrets.token_hex(16)

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"
