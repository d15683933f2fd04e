"""Routes, resident side: /feedback (the form), /feedback/track, /feedback/public,
/feedback/public/<id>/photo, /feedback/<tracking-code>."""
from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, send_file, session, url_for
from sqlalchemy.exc import IntegrityError

from consult.codes import format_tracking_code
from consult.extensions import db, limiter
from consult.feedback import bp
from consult.feedback.antispam import (
    filled_too_fast, new_idempotency_key, seconds_since_start, start_token, valid_idempotency_key,
)
from consult.feedback.forms import FeedbackForm
from consult.feedback.photos import MAX_BYTES, delete_photo, photo_path
from consult.feedback.months import recent_months
from consult.feedback.report import month_totals
from consult.feedback.report_data import DEFINITIONS
from consult.feedback.workflow import EVENT_LABELS
from consult.feedback.services import (
    FeedbackDraft, active_categories, find_by_code, find_by_idempotency_key, group_published, is_duplicate_key_error,
    is_published, public_events, published_page, receive_feedback,
)
from consult.htmx import is_fragment_request, render_page_or_block
from consult.models import Feedback, FeedbackStatus
from consult.ratelimit import device_or_ip_key, ensure_device_id, ip_key
from consult.settings import active_hamlets

#: Set in the session when an item is sent, so its status page greets the sender with the receipt.
RECEIPT_KEY = "feedback_receipt"
SUMMARY_MONTHS = 6


def _lookup_limit() -> str:
    return current_app.config["LOOKUP_LIMIT"]


def _lookups(exempt_when=None):
    """Every lookup by code shares one per-address budget (LOOKUP_LIMIT): guessing codes is slow."""
    return limiter.shared_limit(_lookup_limit, scope="feedback-lookup", key_func=ip_key, exempt_when=exempt_when)


def _draft(box: FeedbackForm) -> FeedbackDraft:
    return FeedbackDraft(
        category=box.chosen_category, hamlet=box.chosen_hamlet, title=box.title.data, body=box.body.data,
        sender_name=box.sender_name.data or "", sender_phone=box.sender_phone.data or "",
        allow_public=box.allow_public.data, consent=box.consent.data,
    )


def _form_page(box: FeedbackForm, status: int = 200, *, too_fast: bool = False):
    body, status, headers = render_page_or_block(
        "feedback/form.html", "box", status, form=box, too_fast=too_fast, max_photo_bytes=MAX_BYTES,
    )
    headers["Cache-Control"] = "no-store"  # it carries this visitor's CSRF token and idempotency key
    return body, status, headers


def _sent(item: Feedback):
    """After sending: the receipt in place for htmx, else 303 to the item's status page."""
    if is_fragment_request():
        return render_template("feedback/_receipt.html", item=item), 200, {"Vary": "HX-Request"}
    session[RECEIPT_KEY] = item.tracking_code
    return redirect(url_for("feedback.status", code=format_tracking_code(item.tracking_code)), 303)


@bp.route("/feedback", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SUBMIT_LIMIT_PER_DEVICE"], key_func=device_or_ip_key, methods=["POST"])
@limiter.limit(lambda: current_app.config["SUBMIT_LIMIT_PER_IP"], key_func=ip_key, methods=["POST"],
               scope="feedback-submit-ip")
def form():
    """The suggestion box: a resident writes in (optionally with a photo) and gets a tracking code."""
    categories = active_categories()
    box = FeedbackForm(categories=categories, hamlets=active_hamlets())
    if request.method == "GET":
        ensure_device_id()
        box.started.data, box.idempotency_key.data = start_token(), new_idempotency_key()
        return _form_page(box)
    if box.website.data:
        # The honeypot: people never see this field. Answer calmly, keep nothing.
        return render_template("feedback/thanks.html"), 200
    key = valid_idempotency_key(box.idempotency_key.data)
    earlier = find_by_idempotency_key(key)
    if earlier is not None:
        return _sent(earlier)  # a double tap, or a retry after a lost answer: the first receipt again
    if not categories:
        abort(503)
    too_fast = filled_too_fast(box.started.data)
    if box.validate_on_submit() and not too_fast:
        item = receive_feedback(_draft(box), photo=box.cleaned_photo, idempotency_key=key)
        photo_name = item.photo_name
        try:
            db.session.commit()
        except IntegrityError as error:
            db.session.rollback()
            delete_photo(photo_name)
            earlier = find_by_idempotency_key(key) if is_duplicate_key_error(error) else None
            if earlier is None:
                raise
            return _sent(earlier)  # two taps raced each other; the first one won
        return _sent(item)
    box.keep_photo()
    if seconds_since_start(box.started.data) is None:
        box.started.data = start_token()
    return _form_page(box, 422, too_fast=too_fast and not box.errors)


@bp.route("/feedback/track")
@_lookups(exempt_when=lambda: not request.args.get("code", "").strip())
def track():
    """Type a tracking code; a known one leads to its status page."""
    typed = request.args.get("code", "").strip()
    if not typed:
        return render_template("feedback/track.html")
    item = find_by_code(typed)
    if item is None:
        return _not_found(typed)
    return redirect(url_for("feedback.status", code=format_tracking_code(item.tracking_code)), 303)


def _not_found(typed: str):
    """The one answer for every code that names nothing a visitor may see."""
    return render_template("feedback/not_found.html", typed=typed[:24]), 404


@bp.route("/feedback/<code>")
@_lookups()
def status(code: str):
    """An item by its tracking code: status timeline and answer; its content only once published."""
    item = find_by_code(code)
    if item is None:
        return _not_found(code)
    canonical = format_tracking_code(item.tracking_code)
    if code != canonical:
        return redirect(url_for("feedback.status", code=canonical), 302)
    receipt = session.pop(RECEIPT_KEY, None) == item.tracking_code
    return render_template(
        "feedback/status.html", item=item, events=public_events(item), published=is_published(item),
        receipt=receipt,
    )


@bp.route("/feedback/public")
def public():
    """Answered items whose senders allowed it, newest first, by month and category; and monthly numbers."""
    page = published_page(request.args.get("page", 1, type=int))
    months = recent_months(SUMMARY_MONTHS)
    return render_template(
        "feedback/public.html", page=page, months=group_published(list(page.items)),
        summary=list(zip(months, month_totals(months))), definitions=DEFINITIONS,
    )


@bp.route("/feedback/public/<int:item_id>/photo")
def public_photo(item_id: int):
    """The photo of a published item (every other item's photo answers 404, like a missing one)."""
    item = db.session.get(Feedback, item_id)
    path = photo_path(item.photo_name) if item is not None and is_published(item) else None
    if path is None:
        abort(404)
    response = send_file(path, mimetype="image/jpeg", download_name=f"phan-anh-{item.id}.jpg", max_age=3600)
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Content-Disposition"] = f'inline; filename="phan-anh-{item.id}.jpg"'
    return response



@bp.app_template_filter("feedback_event")
def feedback_event_label(kind: str) -> str:
    """A timeline step's label, e.g. "assigned" → "Đã giao cán bộ xử lý"."""
    return str(EVENT_LABELS.get(kind, kind))


@bp.app_template_filter("feedback_status")
def feedback_status_label(value: str) -> str:
    """A status value's label, e.g. "in_progress" → "Đang xử lý"."""
    return FeedbackStatus(value).label
