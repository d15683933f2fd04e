"""The paper form's layout (no request, no commit).

The printed form and the fast-entry screen that officers type it into must follow
the same order, so both read it from `paper_layout`: the articles in order (stance
and comment), the comment on the whole draft, the survey questions in order, then
the respondent: hamlet, group, optional name and phone, consent.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.extensions import db
from consult.models import (
    Article, Consultation, Hamlet, QrPlace, QrPoint, Question, RespondentGroup, Stance,
)
from consult.settings import active_hamlets

#: The order of the parts of the form; the entry screen follows it.
SECTIONS = ("articles", "general", "questions", "respondent")


@dataclass
class PaperLayout:
    """Everything the paper form prints, in the order it prints it."""

    consultation: Consultation
    articles: list[Article] = field(default_factory=list)
    #: Whether there is a box for a comment on the draft as a whole (after the articles).
    general_comment: bool = False
    questions: list[Question] = field(default_factory=list)
    hamlets: list[Hamlet] = field(default_factory=list)
    groups: list[RespondentGroup] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)

    @property
    def sections(self) -> list[str]:
        """The parts this consultation's form has, in order."""
        present = {
            "articles": bool(self.articles),
            "general": self.general_comment,
            "questions": bool(self.questions),
            "respondent": True,
        }
        return [name for name in SECTIONS if present[name]]


def paper_layout(consultation: Consultation) -> PaperLayout:
    """The consultation's paper form: articles (if a draft), questions (if a survey), respondent boxes."""
    articles: list[Article] = []
    if consultation.has_articles:
        articles = list(db.session.execute(
            select(Article).where(Article.consultation_id == consultation.id).order_by(Article.position, Article.id)
        ).scalars())
    questions: list[Question] = []
    if consultation.has_questions:
        questions = list(db.session.execute(
            select(Question).where(Question.consultation_id == consultation.id)
            .order_by(Question.position, Question.id).options(selectinload(Question.options))
        ).scalars())
    return PaperLayout(
        consultation=consultation,
        articles=articles,
        general_comment=consultation.has_articles and bool(consultation.allow_general_comments),
        questions=questions,
        hamlets=active_hamlets(),
        groups=list(RespondentGroup),
        stances=[Stance.AGREE, Stance.DISAGREE, Stance.OTHER],
    )


def hamlet_point(consultation: Consultation, hamlet: Hamlet) -> QrPoint | None:
    """The active QR point of a hamlet for this consultation, if one was created."""
    return db.session.execute(
        select(QrPoint).where(
            QrPoint.consultation_id == consultation.id, QrPoint.hamlet_id == hamlet.id,
            QrPoint.place == QrPlace.HAMLET, QrPoint.active.is_(True),
        ).order_by(QrPoint.id)
    ).scalars().first()
