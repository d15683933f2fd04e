"""Comments on the open draft: stances per article, a moderation queue, rejects, spam and a duplicate."""
from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from consult import codes
from consult.demo.context import Demo, sign_off
from consult.demo.specs import CommentText
from consult.demo.texts.draft_comments import COMMENTS, REDACTED, REJECTED, SHORT_AGREEMENT
from consult.extensions import db
from consult.models import (
    Article, Channel, Comment, CommentStatus, Consultation, RejectReason, Stance, Submission, Validity,
)

#: Share of the newest submissions still waiting in the moderation queue.
PENDING_SHARE = 0.2


class Deck:
    """Draws texts without repeating one before all have been used, like dealing cards."""

    def __init__(self, rng: random.Random, items: tuple) -> None:
        """A deck over `items`, shuffled by `rng` when first drawn from."""
        self.rng = rng
        self.items = items
        self.cards: list = []

    def draw(self, fits: Callable[[object], bool]):
        """The next card that fits, reshuffling once the deck runs out; None if none ever fits."""
        for _ in range(2):
            for index, card in enumerate(self.cards):
                if fits(card):
                    return self.cards.pop(index)
            self.cards = list(self.items)
            self.rng.shuffle(self.cards)
        return None


def comment_on_draft(demo: Demo, rng: random.Random, consultation: Consultation,
                     submissions: list[Submission]) -> None:
    """1–3 comments per submission, moderated as staff would have left them by now.

    The newest fifth still waits in the queue; the older ones were approved within
    about a day, except a few that could not be published.
    """
    articles = {article.number: article for article in consultation.articles}
    deck = Deck(rng, COMMENTS)
    cutoff = len(submissions) - round(len(submissions) * PENDING_SHARE)
    rejects = dict(zip(rng.sample(range(cutoff), len(REJECTED) - 1), REJECTED[1:]))
    for index, submission in enumerate(submissions):
        if index in rejects:
            reason, body = rejects[index]
            _add_comment(submission, consultation, articles, CommentText(None, Stance.OTHER, body),
                         status=CommentStatus.REJECTED, reject_reason=reason)
        else:
            targets: set[str | None] = set()
            for _ in range(rng.choices((1, 2, 3), weights=(55, 30, 15))[0]):
                text = _pick(rng, deck, articles, targets)
                if text is not None:
                    targets.add(text.article)
                    written = CommentText(text.article, text.stance, sign_off(rng, text.body))
                    _add_comment(submission, consultation, articles, written)
        if index < cutoff:
            _moderate(demo, rng, submission)
    _redact_one(demo, rng, consultation, articles, submissions)
    submissions.append(_spam(demo, rng, consultation))
    submissions.append(_duplicate(demo, rng, consultation, submissions))


def _pick(rng: random.Random, deck: Deck, articles: dict[str, Article],
          targets: set[str | None]) -> CommentText | None:
    """A plain "tán thành" a third of the time, otherwise a written comment on a new target."""
    if rng.random() < 0.35:
        free = [number for number in [*articles, None] if number not in targets]
        if free:
            return CommentText(rng.choice(free), Stance.AGREE, rng.choice(SHORT_AGREEMENT))
    return deck.draw(lambda text: text.article not in targets)


def _add_comment(submission: Submission, consultation: Consultation, articles: dict[str, Article],
                 text: CommentText, **fields) -> Comment:
    """Attach a comment to the submission, pending unless told otherwise."""
    fields.setdefault("status", CommentStatus.PENDING)  # column defaults apply only at flush
    comment = Comment(
        consultation=consultation, article=articles[text.article] if text.article else None,
        stance=text.stance, body=text.body, created_at=submission.created_at, **fields,
    )
    submission.comments.append(comment)
    return comment


def _moderate(demo: Demo, rng: random.Random, submission: Submission) -> None:
    """Approve what waits, about a day after it came in; rejected comments keep their status."""
    moderated_at = min(submission.created_at + timedelta(hours=rng.uniform(1, 30)),
                       demo.now - timedelta(minutes=5))
    for comment in submission.comments:
        if comment.status is not CommentStatus.REJECTED:
            comment.status = CommentStatus.APPROVED
        comment.moderated_by = demo.moderator
        comment.moderated_at = max(moderated_at, submission.created_at)


def _redact_one(demo: Demo, rng: random.Random, consultation: Consultation, articles: dict[str, Article],
                submissions: list[Submission]) -> None:
    """One published comment had a person's name edited out before approval."""
    candidates = [
        s for s in submissions
        if s.comments and s.comments[0].status is CommentStatus.APPROVED
        and all(c.article is not articles[REDACTED.article] for c in s.comments)
    ]
    submission = rng.choice(candidates)
    _add_comment(submission, consultation, articles, REDACTED, status=CommentStatus.APPROVED,
                 redacted=True, moderated_by=demo.moderator, moderated_at=submission.comments[0].moderated_at)


def _spam(demo: Demo, rng: random.Random, consultation: Consultation) -> Submission:
    """An advert posted through the web form: kept, marked spam, never counted."""
    reason, body = REJECTED[0]
    created_at = consultation.opens_at + timedelta(days=2, hours=rng.uniform(1, 20))
    submission = Submission(
        consultation=consultation, receipt_code=codes.new_receipt_code(), channel=Channel.WEB,
        consent=True, device_hash=f"{rng.getrandbits(256):064x}", created_at=created_at,
        validity=Validity.SPAM, validity_reason="Quảng cáo dịch vụ, không phải ý kiến góp ý dự thảo.",
    )
    _add_comment(submission, consultation, {}, CommentText(None, Stance.OTHER, body),
                 status=CommentStatus.REJECTED, reject_reason=reason,
                 moderated_by=demo.moderator, moderated_at=created_at + timedelta(hours=3))
    db.session.add(submission)
    return submission


def _duplicate(demo: Demo, rng: random.Random, consultation: Consultation,
               submissions: list[Submission]) -> Submission:
    """The same form sent twice from one phone a few minutes apart: the second is a duplicate."""
    originals = [
        s for s in submissions
        if s.channel is Channel.WEB and s.validity is Validity.VALID and s.comments
        and s.comments[0].status is CommentStatus.APPROVED and s.comments[0].body
    ]
    original = rng.choice(originals)
    created_at = original.created_at + timedelta(minutes=rng.uniform(2, 6))
    copy = Submission(
        consultation=consultation, receipt_code=codes.new_receipt_code(), channel=original.channel,
        hamlet=original.hamlet, respondent_group=original.respondent_group, consent=True,
        device_hash=original.device_hash, created_at=created_at, validity=Validity.DUPLICATE,
        validity_reason="Gửi lại cùng nội dung từ cùng một thiết bị sau vài phút.",
    )
    for comment in original.comments:
        copy.comments.append(Comment(
            consultation=consultation, article=comment.article, stance=comment.stance, body=comment.body,
            status=CommentStatus.REJECTED, reject_reason=RejectReason.DUPLICATE, likely_duplicate=True,
            moderated_by=demo.moderator, moderated_at=comment.moderated_at, created_at=created_at,
        ))
    db.session.add(copy)
    return copy
