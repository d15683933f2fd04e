"""Parsing and validating a submission's form data, whatever the channel."""
from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from consult.i18n import gettext as _
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from consult.extensions import db
from consult.models import Article, Consultation, Hamlet, Question, RespondentGroup, Stance
from consult.submissions.inputs import (
    COMMENT_MAX_CHARS, EMAIL_MAX_CHARS, GENERAL, NAME_MAX_CHARS, CommentInput, SubmissionInput,
    comment_field,
)
from consult.submissions.questions import parse_answers
from consult.i18n import format_number
from consult.text import clean_text, is_mobile_phone, normalise_phone

_TICKED = {"1", "on", "y", "yes", "true"}


def load_form_parts() -> tuple:
    """Loader options for a Consultation select: its articles, questions and options, eagerly."""
    return (
        selectinload(Consultation.articles),
        selectinload(Consultation.questions).selectinload(Question.options),
    )


def form_articles(consultation: Consultation) -> list[Article]:
    """The articles residents may comment on, in order."""
    return list(consultation.articles) if consultation.has_articles else []


def form_questions(consultation: Consultation) -> list[Question]:
    """The survey questions of the form, in order."""
    return list(consultation.questions) if consultation.has_questions else []


def parse_submission(
    consultation: Consultation, formdata: MultiDict, *, require_consent: bool = True, as_written: bool = False
) -> tuple[SubmissionInput | None, dict[str, str]]:
    """Validate a form against a consultation: (input, {}) or (None, {field: Vietnamese message}).

    `as_written`: a paper form typed in by an officer. Paper cannot insist, so a required
    question may be blank and a stance may come without a reason; the rest is checked alike.
    """
    errors: dict[str, str] = {}
    data = SubmissionInput()
    data.comments = _parse_comments(consultation, formdata, errors, require_reason=not as_written)
    data.answers = parse_answers(form_questions(consultation), formdata, errors, enforce_required=not as_written)
    if not data.comments and not data.answers and not errors:
        errors["form"] = _nothing_said(consultation)
    data.hamlet_id = _parse_hamlet(formdata.get("hamlet", ""), errors)
    data.respondent_group = _parse_group(formdata.get("group", ""), errors)
    _parse_identity(formdata, data, errors)
    data.consent = formdata.get("consent", "").strip().lower() in _TICKED
    if require_consent and not data.consent:
        errors["consent"] = _("Hãy đánh dấu vào ô đồng ý để gửi góp ý.")
    return (None, errors) if errors else (data, errors)


def _nothing_said(consultation: Consultation) -> str:
    """What to ask for when the form came back empty."""
    articles, questions = form_articles(consultation), form_questions(consultation)
    if articles and questions:
        return _("Hãy góp ý ít nhất một điều, hoặc trả lời ít nhất một câu hỏi.")
    if articles:
        return _("Hãy cho ý kiến về ít nhất một điều của dự thảo.")
    if questions:
        return _("Hãy trả lời ít nhất một câu hỏi.")
    return _("Hãy viết ý kiến của bạn.")


def _parse_comments(consultation: Consultation, formdata: MultiDict, errors: dict[str, str], *,
                    require_reason: bool = True) -> list[CommentInput]:
    """The comment parts with a stance chosen; text without a stance is an error, never dropped."""
    targets: list[tuple[int | str, int | None]] = [(article.id, article.id) for article in form_articles(consultation)]
    if consultation.allow_general_comments:
        targets.append((GENERAL, None))
    comments = []
    for key, article_id in targets:
        stance_name, text_name = comment_field(key, "stance"), comment_field(key, "text")
        raw_stance = formdata.get(stance_name, "").strip()
        body = clean_text(formdata.get(text_name, ""))
        if not raw_stance and not body:
            continue
        if not raw_stance:
            errors[stance_name] = _("Hãy chọn Tán thành, Không tán thành hoặc Ý kiến khác.")
            continue
        try:
            stance = Stance(raw_stance)
        except ValueError:
            errors[stance_name] = _("Lựa chọn không hợp lệ. Hãy chọn lại.")
            continue
        if stance is not Stance.AGREE and not body and require_reason:
            errors[text_name] = _("Hãy ghi rõ ý kiến của bạn (chỉ được để trống khi chọn Tán thành).")
        elif len(body) > COMMENT_MAX_CHARS:
            errors[text_name] = _("Ý kiến dài %(n)s ký tự; tối đa %(max)s ký tự.", n=format_number(len(body)), max=format_number(COMMENT_MAX_CHARS))
        else:
            comments.append(CommentInput(article_id=article_id, stance=stance, body=body))
    return comments


def _parse_hamlet(raw: str, errors: dict[str, str]) -> int | None:
    """An active hamlet's id; required whenever the commune has hamlets."""
    raw = raw.strip()
    hamlet = db.session.get(Hamlet, int(raw)) if raw.isdigit() else None
    if hamlet is not None and hamlet.active:
        return hamlet.id
    if raw or _commune_has_hamlets():
        errors["hamlet"] = _("Hãy chọn thôn, xóm nơi bạn sinh sống.")
    return None


def _commune_has_hamlets() -> bool:
    return db.session.execute(
        db.select(Hamlet.id).where(Hamlet.active.is_(True)).limit(1)
    ).first() is not None


def _parse_group(raw: str, errors: dict[str, str]) -> RespondentGroup:
    raw = raw.strip()
    if not raw:
        return RespondentGroup.RESIDENT
    try:
        return RespondentGroup(raw)
    except ValueError:
        errors["group"] = _("Lựa chọn không hợp lệ. Hãy chọn lại.")
        return RespondentGroup.RESIDENT


def _parse_identity(formdata: MultiDict, data: SubmissionInput, errors: dict[str, str]) -> None:
    """Optional name (shown only when asked) and private contact details."""
    data.display_name = clean_text(formdata.get("name", ""), multiline=False)
    if len(data.display_name) > NAME_MAX_CHARS:
        errors["name"] = _("Tên dài quá %(max)s ký tự.", max=NAME_MAX_CHARS)
    data.show_name = bool(data.display_name) and formdata.get("show_name", "").strip().lower() in _TICKED

    phone = clean_text(formdata.get("phone", ""), multiline=False)
    if phone and not is_mobile_phone(phone):
        errors["phone"] = _("Số điện thoại di động chưa đúng, ví dụ 0912 345 678.")
    data.contact_phone = normalise_phone(phone)

    email = clean_text(formdata.get("email", ""), multiline=False)
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError:
            errors["email"] = _("Địa chỉ thư điện tử chưa đúng, ví dụ ten@gmail.com.")
        else:
            if len(email) > EMAIL_MAX_CHARS:
                errors["email"] = _("Địa chỉ thư điện tử quá dài.")
    data.contact_email = email
