"""The closed consultation: approved comments, every one covered by an official response."""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta

from consult.demo.context import Demo, sign_off
from consult.demo.texts.closed import AGREEMENT, AGREEMENT_RESPONSE, THEMES
from consult.extensions import db
from consult.models import (
    Article, Comment, CommentStatus, Consultation, Disposition, OfficialResponse, Stance, Submission,
)

#: Share of comments that simply agree with a section.
AGREE_SHARE = 0.3


def comment_and_respond(demo: Demo, rng: random.Random, consultation: Consultation,
                        submissions: list[Submission]) -> None:
    """Comments grouped by theme, then one response per theme (similar comments answered together)."""
    articles = {article.number: article for article in consultation.articles}
    unheard = list(range(len(THEMES)))
    rng.shuffle(unheard)  # every theme is raised at least once before anyone just agrees
    by_theme: dict[int, list[Comment]] = defaultdict(list)
    agreeing: dict[str | None, list[Comment]] = defaultdict(list)
    for submission in submissions:
        targets: set[str | None] = set()
        for _ in range(rng.choices((1, 2), weights=(65, 35))[0]):
            if rng.random() < AGREE_SHARE and not unheard:
                target = rng.choice([number for number in [*articles, None] if number not in targets])
                comment = _approved(demo, rng, consultation, submission, articles, target,
                                    Stance.AGREE, rng.choice(AGREEMENT))
                agreeing[target].append(comment)
            else:
                index = _theme_for(rng, unheard, targets)
                if index is None:
                    continue
                theme = THEMES[index]
                target = theme.article
                variant = sign_off(rng, theme.variants[len(by_theme[index]) % len(theme.variants)])
                by_theme[index].append(_approved(demo, rng, consultation, submission, articles, target,
                                                 theme.stance, variant))
            targets.add(target)
    answered_at = consultation.closes_at + timedelta(days=1)
    for index, comments in by_theme.items():
        theme = THEMES[index]
        _respond(demo, rng, consultation, articles, theme.article, theme.disposition, theme.response,
                 comments, answered_at)
    for target, comments in agreeing.items():
        _respond(demo, rng, consultation, articles, target, Disposition.NOTED, AGREEMENT_RESPONSE,
                 comments, answered_at)


def _theme_for(rng: random.Random, unheard: list[int], targets: set[str | None]) -> int | None:
    """An unheard theme first, else one in proportion to how often it came up; never a used target."""
    for position, index in enumerate(unheard):
        if THEMES[index].article not in targets:
            return unheard.pop(position)
    choices = [i for i, theme in enumerate(THEMES) if theme.article not in targets]
    if not choices:
        return None
    return rng.choices(choices, weights=[THEMES[i].weight for i in choices])[0]


def _approved(demo: Demo, rng: random.Random, consultation: Consultation, submission: Submission,
              articles: dict[str, Article], target: str | None, stance: Stance, body: str) -> Comment:
    """A comment as it stands after moderation: approved within the day."""
    moderated_at = min(submission.created_at + timedelta(hours=rng.uniform(2, 20)),
                       consultation.closes_at + timedelta(hours=12))
    comment = Comment(
        consultation=consultation, article=articles[target] if target else None, stance=stance, body=body,
        status=CommentStatus.APPROVED, moderated_by=demo.moderator, moderated_at=moderated_at,
        created_at=submission.created_at,
    )
    submission.comments.append(comment)
    return comment


def _respond(demo: Demo, rng: random.Random, consultation: Consultation, articles: dict[str, Article],
             target: str | None, disposition: Disposition, body: str, comments: list[Comment],
             earliest: datetime) -> None:
    """One official response covering `comments`, written in the days after closing."""
    written_at = earliest + timedelta(hours=rng.uniform(0, 72))
    response = OfficialResponse(
        consultation_id=consultation.id, article=articles[target] if target else None,
        disposition=disposition, body=body, created_by=rng.choice((demo.admin, demo.moderator)),
        created_at=written_at, updated_at=written_at,
    )
    response.comments.extend(comments)
    db.session.add(response)
