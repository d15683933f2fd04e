"""Who takes part: channel, hamlet, respondent group, optional name and contact, and when."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from consult import codes
from consult.demo.context import Demo, batch_id
from consult.demo.specs import ChannelMix
from consult.demo.texts.commune import RESIDENT_NAMES
from consult.extensions import db
from consult.models import (
    Channel, Consultation, Hamlet, QrPlace, QrPoint, RespondentGroup, Submission, User, Validity,
)
from consult.timeutil import local_midnight, to_local

#: Roughly who answers commune consultations: mostly residents, then members of the mass organisations.
GROUP_WEIGHTS = {
    RespondentGroup.RESIDENT: 44, RespondentGroup.MEMBER: 16, RespondentGroup.ELDERLY: 13,
    RespondentGroup.OFFICIAL: 8, RespondentGroup.BUSINESS: 8, RespondentGroup.STUDENT: 5,
    RespondentGroup.PRESTIGE: 4, RespondentGroup.OTHER: 2,
}


def _shares(mix: ChannelMix) -> list[Channel]:
    """Exactly the mix's proportions (largest remainder), so small samples still look as planned."""
    scale = sum(mix.weights.values())
    exact = {channel: mix.total * weight / scale for channel, weight in mix.weights.items()}
    counts = {channel: int(share) for channel, share in exact.items()}
    by_remainder = sorted(exact, key=lambda channel: exact[channel] - counts[channel], reverse=True)
    for channel in by_remainder[:mix.total - sum(counts.values())]:
        counts[channel] += 1
    return [channel for channel, count in counts.items() for _ in range(count)]


class Crowd:
    """Draws plausible submissions (without comments or answers) for one consultation."""

    def __init__(self, demo: Demo, rng: random.Random, consultation: Consultation, *,
                 qr_points: list[QrPoint] | None = None, meetings: dict[str, date] | None = None) -> None:
        """`meetings` maps hamlet codes to the day their meeting was held."""
        self.demo = demo
        self.rng = rng
        self.consultation = consultation
        self.qr_points = qr_points or []
        self.meetings = meetings or {}
        self.start = consultation.opens_at
        # A little before now, so nothing is dated in the future or in the very last minute.
        self.end = min(consultation.closes_at, demo.now - timedelta(minutes=10))
        self._batches: dict[tuple[str, date], str] = {}

    def gather(self, mix: ChannelMix) -> list[Submission]:
        """`mix.total` submissions in the session, oldest first."""
        submissions = sorted((self.one(channel) for channel in _shares(mix)), key=lambda s: s.created_at)
        db.session.add_all(submissions)
        return submissions

    def one(self, channel: Channel) -> Submission:
        """A single respondent reaching the commune through `channel`."""
        rng = self.rng
        qr_point = entered_by = None
        batch = device = ""
        if channel is Channel.QR:
            qr_point = self._pick_point()
            hamlet = qr_point.hamlet or self._pick_hamlet()
            created_at, device = self._moment(), self._device()
        elif channel is Channel.MEETING:
            code = rng.choice(sorted(self.meetings))
            hamlet = self.demo.hamlets[code]
            held_on = self.meetings[code]
            created_at = self._clamp(local_midnight(held_on) + timedelta(hours=rng.uniform(20.0, 21.5)))
            entered_by, batch = self._typed(hamlet, held_on)
        elif channel is Channel.PAPER:
            hamlet = self._pick_hamlet()
            created_at = self._moment()
            entered_by, batch = self._typed(hamlet, to_local(created_at).date())
        else:
            # A few people online do not say where they live.
            hamlet = None if rng.random() < 0.03 else self._pick_hamlet()
            created_at, device = self._moment(), self._device()
        submission = Submission(
            consultation=self.consultation, receipt_code=codes.new_receipt_code(), channel=channel,
            qr_point=qr_point, hamlet=hamlet, consent=True, device_hash=device, entered_by=entered_by,
            entry_batch=batch, created_at=created_at, validity=Validity.VALID, show_name=False,
            respondent_group=rng.choices(list(GROUP_WEIGHTS), weights=list(GROUP_WEIGHTS.values()))[0],
        )
        self._identity(submission)
        return submission

    def _identity(self, submission: Submission) -> None:
        """Most give no name; some sign publicly, some leave a private phone or e-mail for a reply."""
        rng = self.rng
        if rng.random() < 0.10:
            submission.display_name = rng.choice(RESIDENT_NAMES)
            submission.show_name = rng.random() < 0.7
        roll = rng.random()
        if roll < 0.12:
            submission.contact_phone = f"09000{rng.randint(0, 99999):05d}"  # valid shape, clearly fake
        elif roll < 0.16:
            submission.contact_email = f"nguoidan{rng.randint(100, 999)}@example.com"

    def _typed(self, hamlet: Hamlet, day: date) -> tuple[User, str]:
        """Who typed a paper or meeting form in, and the batch: one per hamlet and day."""
        key = (hamlet.code, day)
        if key not in self._batches:
            self._batches[key] = batch_id(self.rng)
        return self.demo.typist_for(hamlet), self._batches[key]

    def _pick_hamlet(self) -> Hamlet:
        """A hamlet, bigger ones more often."""
        hamlets, weights = self.demo.hamlet_weights()
        return self.rng.choices(hamlets, weights=weights)[0]

    def _pick_point(self) -> QrPoint:
        """The office poster draws some scans; otherwise bigger hamlets scan more."""
        office = [point for point in self.qr_points if point.place is QrPlace.OFFICE]
        if office and self.rng.random() < 0.15:
            return office[0]
        hamlet_points = [point for point in self.qr_points if point.hamlet is not None]
        weights = [max(point.hamlet.households, 1) for point in hamlet_points]
        return self.rng.choices(hamlet_points, weights=weights)[0]

    def _device(self) -> str:
        """A stand-in for the keyed hash of a device cookie."""
        return f"{self.rng.getrandbits(256):064x}"

    def _moment(self) -> datetime:
        """A moment in the window: busier the first days (the Zalo post), mostly in the evening."""
        first, last = to_local(self.start).date(), to_local(self.end).date()
        days = (last - first).days + 1
        finished = self.end >= self.consultation.closes_at - timedelta(minutes=10)
        weights = [3 if i < 2 else 2 if finished and i >= days - 2 else 1 for i in range(days)]
        day = first + timedelta(days=self.rng.choices(range(days), weights=weights)[0])
        hour = self.rng.triangular(6.0, 22.0, 19.5)
        return self._clamp(local_midnight(day) + timedelta(hours=hour))

    def _clamp(self, moment: datetime) -> datetime:
        """Keep a moment strictly inside the window."""
        # Always draw both, so the time of day the demo is seeded never shifts later draws.
        back, forward = self.rng.uniform(5, 240), self.rng.uniform(5, 120)
        if moment >= self.end:
            moment = self.end - timedelta(minutes=back)
        if moment <= self.start:
            moment = self.start + timedelta(minutes=forward)
        return min(moment, self.end)
