"""The domain schema; one module per aggregate."""
from consult.models.audit import AuditEntry
from consult.models.comment import (
    Comment, CommentStatus, Disposition, OfficialResponse, RejectReason, Stance,
)
from consult.models.commune import AggregateCache, CommuneSettings, Hamlet
from consult.models.counter import RateCounter
from consult.models.consultation import (
    MIN_CONSULTATION_DAYS, Article, Attachment, Consultation, ConsultationKind,
    ConsultationState, Organiser,
)
from consult.models.feedback import (
    Feedback, FeedbackCategory, FeedbackChannel, FeedbackEvent, FeedbackStatus,
)
from consult.models.meeting import MeetingTally, MeetingTallyLine
from consult.models.qr import QrPlace, QrPoint, QrScanDay
from consult.models.submission import Answer, Channel, RespondentGroup, Submission, Validity
from consult.models.survey import Question, QuestionKind, QuestionOption
from consult.models.user import Role, User
from consult.models import touch  # noqa: E402,F401  (keeps updated_at honest on every flush)

__all__ = [
    "AggregateCache", "Answer", "Article", "Attachment", "AuditEntry", "Channel", "Comment",
    "CommentStatus", "CommuneSettings", "Consultation", "ConsultationKind", "ConsultationState",
    "Disposition", "Feedback", "FeedbackCategory", "FeedbackChannel", "FeedbackEvent",
    "FeedbackStatus", "Hamlet", "MIN_CONSULTATION_DAYS", "MeetingTally", "MeetingTallyLine",
    "OfficialResponse", "Organiser", "QrPlace", "QrPoint", "QrScanDay", "Question",
    "QuestionKind", "QuestionOption", "RateCounter", "RejectReason", "RespondentGroup", "Role", "Stance",
    "Submission", "User", "Validity",
]
