"""What every part of the demo needs: the clock, the hamlets, the staff, seeded randomness."""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from consult.demo.texts.commune import (
    ADMIN_USERNAME, CLERK_USERNAME, MODERATOR_USERNAME, OFFICER_USERNAME,
)
from consult.models import Hamlet, User
from consult.timeutil import local_midnight, to_local

#: Every random choice derives from this, so two fresh databases get the same demo.
SEED = 2026


@dataclass
class Demo:
    """The commune as seeded so far, shared by the parts that add consultations and feedback."""

    now: datetime
    hamlets: dict[str, Hamlet]
    users: dict[str, User]

    def rng(self, part: str) -> random.Random:
        """A generator of its own for each part, so skipping one part never shifts another."""
        return random.Random(f"{SEED}:{part}")  # nosec B311 - demo data, not security

    @property
    def today(self) -> date:
        """Today where the commune is."""
        return to_local(self.now).date()

    def day_start(self, days_from_today: int) -> datetime:
        """Local midnight N days from today, as aware UTC."""
        return local_midnight(self.today + timedelta(days=days_from_today))

    @property
    def admin(self) -> User:
        """The demo administrator (creates the consultations)."""
        return self.users[ADMIN_USERNAME]

    @property
    def moderator(self) -> User:
        """The moderator who approves comments and types in most paper forms."""
        return self.users[MODERATOR_USERNAME]

    @property
    def clerk(self) -> User:
        """The moderator who works the suggestion box."""
        return self.users[CLERK_USERNAME]

    @property
    def officer(self) -> User:
        """The hamlet officer of Xóm 2."""
        return self.users[OFFICER_USERNAME]

    def typist_for(self, hamlet: Hamlet | None) -> User:
        """Who types a paper form in: the hamlet's own officer, else the commune's moderator."""
        if hamlet is not None and hamlet.id == self.officer.hamlet_id:
            return self.officer
        return self.moderator

    def hamlet_weights(self) -> tuple[list[Hamlet], list[int]]:
        """Hamlets and their household counts: bigger hamlets send more."""
        hamlets = list(self.hamlets.values())
        return hamlets, [max(hamlet.households, 1) for hamlet in hamlets]


#: How residents often end a written comment; varies repeated texts the way people do.
SIGN_OFFS = ("", "", "", " Xin cảm ơn.", " Mong được tiếp thu.", " Trân trọng cảm ơn.")


def sign_off(rng: random.Random, body: str) -> str:
    """A written comment, sometimes with a polite closing line."""
    return body + rng.choice(SIGN_OFFS) if body else body


def batch_id(rng: random.Random) -> str:
    """A uuid4-shaped entry batch id drawn from the seeded generator."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))
