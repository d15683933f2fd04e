"""The consultation hub page (/staff/consultations/<slug>), shared by the feature's route modules:
loading a consultation or 404, and rendering the hub with whichever action form failed."""
from __future__ import annotations

from flask import abort, current_app, render_template
from consult.i18n import lazy_gettext as _l
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

from consult.models import MIN_CONSULTATION_DAYS, Consultation
from consult.panels import panels_for
from consult.permissions import has_permission, hamlet_scope
from consult.staff_consultations.articles import comment_counts, ordered
from consult.staff_consultations.forms import (
    AttachmentForm, CloseEarlyForm, ConfirmForm, PublishForm, ReopenForm, ScheduleForm, to_local_naive,
)
from consult.staff_consultations.lifecycle import (
    allowed_actions, default_closes_at, is_short, period_days, reopen_needs_new_close,
)
from consult.staff_consultations.services import by_slug, pending_comments, submission_count
from consult.timeutil import utcnow

HUB_TEMPLATE = "staff_consultations/show.html"

#: Other features' pages of one consultation, linked from the hub when installed and allowed:
#: (endpoint taking `slug`, link text, shown only for consultations with questions).
FEATURE_LINKS = [
    ("surveys.editor", _l("Câu hỏi khảo sát"), True),
    ("qr.points", _l("Mã QR và áp phích"), False),
    ("paper.form", _l("Phiếu góp ý bản giấy để in"), False),
    ("meetings.tallies", _l("Kết quả biểu quyết tại hội nghị"), False),
    ("exports.form", _l("Xuất báo cáo, dữ liệu"), False),
]


def load_or_404(slug: str) -> Consultation:
    """The consultation with this slug, or 404 (before any other check, as the role matrix expects)."""
    consultation = by_slug(slug)
    if consultation is None:
        abort(404)
    return consultation


@pass_context
def include_panel(context, template_name: str, values: dict) -> Markup:
    """{% include %} a feature's panel with its loader's values as top-level names (and as `panel`)."""
    template = context.environment.get_template(template_name)
    # The panel template is autoescaped like any page; Markup only stops escaping it twice.
    return Markup(template.render({**context.get_all(), **values, "panel": values}))  # nosec B704 - autoescaped


def feature_links(consultation: Consultation) -> list[tuple[str, str]]:
    """(endpoint, text) of the installed feature pages the current user may open (their views' own permission)."""
    links = []
    for endpoint, text, questions_only in FEATURE_LINKS:
        view = current_app.view_functions.get(endpoint)
        if view is None or (questions_only and not consultation.has_questions):
            continue
        permission = getattr(view, "required_permission", None)
        if permission is not None and has_permission(current_user, permission):
            links.append((endpoint, str(text)))
    return links


def action_forms(consultation: Consultation, now) -> dict:
    """The status-action forms, prefilled (never bound to another form's POST)."""
    proposed_close = default_closes_at(consultation, now)
    opens_later = consultation.opens_at if consultation.opens_at > now else now.replace(second=0, microsecond=0)
    return {
        "publish_form": PublishForm(formdata=None, closes_at=to_local_naive(proposed_close)),
        "schedule_form": ScheduleForm(
            formdata=None, opens_at=to_local_naive(opens_later),
            closes_at=to_local_naive(max(consultation.closes_at, opens_later)),
        ),
        "close_form": CloseEarlyForm(formdata=None),
        "reopen_form": ReopenForm(formdata=None),
        "confirm_form": ConfirmForm(formdata=None),
        "attachment_form": AttachmentForm(formdata=None),
    }


def hub_context(consultation: Consultation, **forms) -> dict:
    """Everything the hub page shows: one query per section, none per row."""
    now = utcnow()
    state = consultation.state(now)
    pending_total, pending = pending_comments(consultation, hamlet_id=hamlet_scope(current_user))
    context = {
        "consultation": consultation,
        "state": state,
        "actions": allowed_actions(state),
        "articles": ordered(consultation),
        "comment_counts": comment_counts(consultation),
        "attachments": list(consultation.attachments),
        "pending_total": pending_total,
        "pending": pending,
        "submissions": submission_count(consultation),
        "panels": panels_for(consultation),
        "feature_links": feature_links(consultation),
        "include_panel": include_panel,
        "period_short": is_short(consultation.opens_at, consultation.closes_at),
        "period_days": period_days(consultation.opens_at, consultation.closes_at),
        "proposed_period_days": period_days(now, default_closes_at(consultation, now)),
        "needs_new_close": reopen_needs_new_close(consultation, now),
        "min_days": MIN_CONSULTATION_DAYS,
        "now": now,
    }
    context.update(action_forms(consultation, now))
    context.update({name: form for name, form in forms.items() if form is not None})
    return context


def render_hub(consultation: Consultation, status: int = 200, **forms):
    """The hub as a full page; a failed action passes its bound form to show the errors."""
    return render_template(HUB_TEMPLATE, **hub_context(consultation, **forms)), status
