"""Routes of the staff consultation pages. The feature's whole URL map (prefix /staff/consultations):

GET        /                                  index            every consultation, state and counts
GET, POST  /new                               new              create a draft
POST       /preview                           preview          Markdown → sanitised HTML (htmx live preview)
GET        /slug-suggestion                   slug_suggestion  the slug field suggested from the title (htmx)
GET        /<slug>                            show             the hub: state, actions, articles, files, comments
GET, POST  /<slug>/edit                       edit
POST       /<slug>/publish                    publish          open now
POST       /<slug>/schedule                   schedule         publish now, open later
POST       /<slug>/unpublish                  unpublish        scheduled → draft
POST       /<slug>/close                      close_early      reason required
POST       /<slug>/reopen                     reopen
GET, POST  /<slug>/articles/import            articles_import  paste → review → confirm   (article_routes.py)
GET, POST  /<slug>/articles/new               article_new
GET        /<slug>/articles/<id>              article          one item (htmx "cancel")
GET, POST  /<slug>/articles/<id>/edit         article_edit     full page, or in place with htmx
POST       /<slug>/articles/<id>/move         article_move     up / down
POST       /<slug>/articles/<id>/delete       article_delete
POST       /<slug>/attachments                attachment_upload  PDF only         (attachment_routes.py)
POST       /<slug>/attachments/<id>/delete    attachment_delete
The public download, /c/<slug>/files/<id>, is in consult/attachments.
"""
from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from consult.i18n import gettext as _
from flask_login import current_user

from consult import audit
from consult.extensions import db
from consult.models import MIN_CONSULTATION_DAYS, Consultation, ConsultationKind, Organiser
from consult.permissions import Permission, require
from consult.staff_consultations import bp
from consult.staff_consultations import lifecycle
from consult.staff_consultations.forms import (
    CloseEarlyForm, ConsultationForm, PublishForm, ReopenForm, ScheduleForm, to_local_naive, to_utc,
)
from consult.staff_consultations.hub import load_or_404, render_hub
from consult.staff_consultations.lifecycle import Action, LifecycleError, Outcome, TransitionRefused
from consult.staff_consultations.services import (
    ConsultationError, create_consultation, form_values, is_period_short, list_with_counts, snapshot,
    submission_count, unique_slug, update_consultation,
)
from consult.text import render_markdown, slugify
from consult.timeutil import utcnow

FORM_TEMPLATE = "staff_consultations/form.html"


@bp.route("/")
@require(Permission.CONSULTATION_VIEW)
def index():
    """Every consultation with its state, period and counts."""
    return render_template("staff_consultations/index.html", rows=list_with_counts(), now=utcnow())


# --- create and edit -----------------------------------------------------------------

def _new_defaults() -> dict:
    now = utcnow().replace(second=0, microsecond=0)
    closes = now + timedelta(days=MIN_CONSULTATION_DAYS)
    return {
        "organiser": Organiser.UBND.value, "kind": ConsultationKind.DRAFT.value, "allow_general_comments": True,
        "opens_at": to_local_naive(now), "closes_at": to_local_naive(closes),
    }


def _initial(consultation: Consultation) -> dict:
    return {
        "title": consultation.title, "slug": consultation.slug, "summary": consultation.summary,
        "body_md": consultation.body_md, "organiser": consultation.organiser.value,
        "kind": consultation.kind.value, "allow_general_comments": consultation.allow_general_comments,
        "opens_at": to_local_naive(consultation.opens_at), "closes_at": to_local_naive(consultation.closes_at),
    }


def _render_form(form: ConsultationForm, consultation: Consultation | None, status: int,
                 locks: dict | None = None, previewing: bool = False):
    short = None
    if form.opens_at.data and form.closes_at.data and form.closes_at.data > form.opens_at.data:
        days = (form.closes_at.data - form.opens_at.data).days
        short = days if days < MIN_CONSULTATION_DAYS else None
    return render_template(
        FORM_TEMPLATE, form=form, consultation=consultation, locks=locks or {}, previewing=previewing,
        short_days=short, min_days=MIN_CONSULTATION_DAYS,
    ), status


def _flash_short_period(opens_at, closes_at) -> None:
    if is_period_short(opens_at, closes_at):
        flash(_(
            "Lưu ý: thời gian lấy ý kiến chỉ %(days)s ngày, ít hơn %(min)s ngày theo Luật Thực hiện dân chủ ở cơ sở. "
            "Nếu không có lý do đặc biệt, hãy kéo dài hạn cuối.",
            days=(closes_at - opens_at).days, min=MIN_CONSULTATION_DAYS,
        ), "warning")


def _wants_preview() -> bool:
    return request.method == "POST" and request.form.get("action") == "preview"


@bp.route("/new", methods=["GET", "POST"])
@require(Permission.CONSULTATION_EDIT)
def new():
    """Create a consultation (a draft until published)."""
    form = ConsultationForm(data=_new_defaults())
    if _wants_preview():
        if not form.slug.data and form.title.data:
            form.slug.data = unique_slug(form.title.data)
        return _render_form(form, None, 200, previewing=True)
    if form.validate_on_submit():
        try:
            consultation = create_consultation(form_values(form), current_user)
        except ConsultationError as error:
            form[error.field].errors.append(str(error))
        else:
            audit.record("consultation.create", consultation, after=snapshot(consultation))
            db.session.commit()
            flash(_("Đã tạo bản nháp “%(title)s”. Tiếp theo: dán toàn văn dự thảo để tách thành các điều.",
                    title=consultation.title), "success")
            _flash_short_period(consultation.opens_at, consultation.closes_at)
            return redirect(url_for(".show", slug=consultation.slug), 303)
    return _render_form(form, None, 422 if form.errors else 200)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@require(Permission.CONSULTATION_EDIT)
def edit(slug: str):
    """Edit a consultation; what its state freezes is shown but not editable."""
    consultation = load_or_404(slug)
    now = utcnow()
    initial = _initial(consultation)
    locks = lifecycle.locked_fields(consultation, now)
    form = ConsultationForm(data=initial)
    form.lock(*locks)
    if _wants_preview():
        return _render_form(form, consultation, 200, locks, previewing=True)
    if form.validate_on_submit():
        values = _keep_unchanged_moments(form_values(form), consultation)
        try:
            _check_locks(values, consultation, locks)
            lifecycle.check_period_edit(consultation, values["opens_at"], values["closes_at"], now)
            changes = update_consultation(consultation, values)
        except (ConsultationError, LifecycleError) as error:
            form[error.field].errors.append(str(error))
        else:
            if changes:
                audit.record("consultation.update", consultation, changes=changes)
            db.session.commit()
            flash(_("Đã lưu thay đổi.") if changes else _("Không có gì thay đổi."), "success")
            _flash_short_period(consultation.opens_at, consultation.closes_at)
            return redirect(url_for(".show", slug=consultation.slug), 303)
    return _render_form(form, consultation, 422 if form.errors else 200, locks)


def _keep_unchanged_moments(values: dict, consultation: Consultation) -> dict:
    """The form has minutes only: an untouched date keeps its exact stored moment."""
    for key in ("opens_at", "closes_at"):
        current = getattr(consultation, key)
        if values[key] is None or to_local_naive(current) == to_local_naive(values[key]):
            values[key] = current
    return values


def _check_locks(values: dict, consultation: Consultation, locks: dict) -> None:
    """A frozen field that comes back changed (a hand-made POST) is refused with the reason."""
    for name, reason in locks.items():
        submitted = values.get(name)
        if name == "slug" and not submitted:
            values[name] = consultation.slug
            continue
        if submitted != getattr(consultation, name):
            raise ConsultationError(name, reason)


@bp.route("/preview", methods=["POST"])
@require(Permission.CONSULTATION_EDIT)
def preview():
    """Sanitised HTML of the Markdown being typed (the htmx live preview)."""
    source = request.form.get("body_md", request.form.get("body", ""))
    return render_template("staff_consultations/_preview.html", preview=render_markdown(source[:100_000]))


@bp.route("/slug-suggestion")
@require(Permission.CONSULTATION_EDIT)
def slug_suggestion():
    """The slug field, refilled from the title unless staff typed their own slug."""
    title = request.args.get("title", "")
    typed = slugify(request.args.get("slug", ""))
    previous = request.args.get("slug_auto", "")
    suggestion = unique_slug(title) if title.strip() else ""
    keep_typed = typed and typed != previous
    form = ConsultationForm(formdata=None, slug=typed if keep_typed else suggestion,
                            slug_auto=previous if keep_typed else suggestion)
    return render_template("staff_consultations/_slug_field.html", form=form, locks={})


# --- the hub -----------------------------------------------------------------------

@bp.route("/<slug>")
@require(Permission.CONSULTATION_VIEW)
def show(slug: str):
    """The consultation's staff page: state, actions, articles, files, pending comments, panels."""
    return render_hub(load_or_404(slug))


# --- status actions -----------------------------------------------------------------

def _allowed_or_409(consultation: Consultation, action: Action, now) -> None:
    try:
        lifecycle.check_allowed(consultation, action, now)
    except TransitionRefused as refused:
        abort(409, description=str(refused))


def _done(consultation: Consultation, action: str, outcome: Outcome, message: str, reason: str = ""):
    """Audit, commit, say what happened (and warn about a short period), back to the hub."""
    audit.record(action, consultation, reason=reason, changes=outcome.changes)
    db.session.commit()
    flash(message, "success")
    if outcome.short_period_days is not None:
        flash(_(
            "Lưu ý: thời gian lấy ý kiến chỉ %(days)s ngày, ít hơn %(min)s ngày theo Luật Thực hiện dân chủ ở cơ sở.",
            days=outcome.short_period_days, min=MIN_CONSULTATION_DAYS,
        ), "warning")
    return redirect(url_for(".show", slug=consultation.slug), 303)


@bp.route("/<slug>/publish", methods=["POST"])
@require(Permission.CONSULTATION_PUBLISH)
def publish(slug: str):
    """Publish and open for comments now."""
    consultation, now = load_or_404(slug), utcnow()
    _allowed_or_409(consultation, Action.PUBLISH, now)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            outcome = lifecycle.publish_now(consultation, to_utc(form.closes_at.data), now)
        except LifecycleError as error:
            form[error.field].errors.append(str(error))
        else:
            return _done(consultation, "consultation.publish", outcome,
                         _("Đã mở lấy ý kiến. Người dân đã xem và góp ý được."))
    return render_hub(consultation, 422, publish_form=form)


@bp.route("/<slug>/schedule", methods=["POST"])
@require(Permission.CONSULTATION_PUBLISH)
def schedule(slug: str):
    """Publish now and open for comments at a later moment."""
    consultation, now = load_or_404(slug), utcnow()
    _allowed_or_409(consultation, Action.SCHEDULE, now)
    form = ScheduleForm()
    if form.validate_on_submit():
        try:
            outcome = lifecycle.schedule(consultation, to_utc(form.opens_at.data), to_utc(form.closes_at.data), now)
        except LifecycleError as error:
            form[error.field].errors.append(str(error))
        else:
            return _done(consultation, "consultation.schedule", outcome,
                         _("Đã công bố; đợt sẽ tự mở vào thời điểm đã hẹn."))
    return render_hub(consultation, 422, schedule_form=form)


@bp.route("/<slug>/unpublish", methods=["POST"])
@require(Permission.CONSULTATION_PUBLISH)
def unpublish(slug: str):
    """Take a scheduled consultation back to draft."""
    consultation, now = load_or_404(slug), utcnow()
    _allowed_or_409(consultation, Action.UNPUBLISH, now)
    try:
        outcome = lifecycle.unpublish(consultation, now, submissions=submission_count(consultation))
    except TransitionRefused as refused:
        abort(409, description=str(refused))
    return _done(consultation, "consultation.unpublish", outcome,
                 _("Đã thu hồi về bản nháp; trang công khai không còn hiển thị."))


@bp.route("/<slug>/close", methods=["POST"])
@require(Permission.CONSULTATION_PUBLISH)
def close_early(slug: str):
    """Stop collecting comments now; the reason is required and audited."""
    consultation, now = load_or_404(slug), utcnow()
    _allowed_or_409(consultation, Action.CLOSE_EARLY, now)
    form = CloseEarlyForm()
    if form.validate_on_submit():
        try:
            outcome = lifecycle.close_early(consultation, form.reason.data, now)
        except LifecycleError as error:
            form[error.field].errors.append(str(error))
        else:
            return _done(consultation, "consultation.close_early", outcome, _("Đã kết thúc sớm đợt lấy ý kiến."),
                         reason=consultation.close_reason)
    return render_hub(consultation, 422, close_form=form)


@bp.route("/<slug>/reopen", methods=["POST"])
@require(Permission.CONSULTATION_PUBLISH)
def reopen(slug: str):
    """Collect comments again after an early or planned close."""
    consultation, now = load_or_404(slug), utcnow()
    _allowed_or_409(consultation, Action.REOPEN, now)
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            outcome = lifecycle.reopen(consultation, to_utc(form.closes_at.data), now)
        except LifecycleError as error:
            form[error.field].errors.append(str(error))
        else:
            return _done(consultation, "consultation.reopen", outcome, _("Đã mở lại đợt lấy ý kiến."))
    return render_hub(consultation, 422, reopen_form=form)
