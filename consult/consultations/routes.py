"""Routes: /c/<slug> (read, comment, answer), /r/<code> (receipt), /r (receipt lookup)."""
from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, session, url_for
from consult.i18n import gettext as _
from werkzeug.datastructures import MultiDict

from consult import codes
from consult.consultations import bp
from consult.consultations.forms import (
    IDEMPOTENCY_KEY, QR_CODE, REMEMBERED_HAMLET, initial_values, looks_automated, new_idempotency_key,
    new_start_token, start_token_to_keep, touched_parts, typed_texts,
)
from consult.consultations.receipts import answer_summaries, submission_by_receipt
from consult.consultations import page_cache
from consult.consultations.services import (
    active_qr_point, form_by_slug, page_by_slug, public_comments, published_by_slug,
)
from consult.database import reads_then_writes, write_phase
from consult.extensions import db, limiter
from consult.htmx import is_fragment_request, is_htmx, render_page_or_block
from consult.models import Channel, Consultation, ConsultationState, RespondentGroup, Stance, Submission
from consult.ratelimit import device_hash, device_or_ip_key, ensure_device_id, ip_key
from consult.settings import active_hamlets
from consult.submissions import (
    COMMENT_MAX_CHARS, GENERAL, LONG_ANSWER_MAX_CHARS, NAME_MAX_CHARS, SHORT_ANSWER_MAX_CHARS, create_submission,
    find_by_idempotency_key, form_articles, form_questions, parse_submission,
)


def _load(slug: str) -> Consultation:
    consultation = page_by_slug(slug)
    if consultation is None:
        abort(404)
    return consultation


@bp.get("/c/<slug>")
def show(slug: str):
    """A published consultation: documents, articles with their approved comments, and the form."""
    if page_cache.applies() and not is_htmx():
        return _show_from_cache(slug)
    consultation = _load(slug)
    qr_point = active_qr_point(consultation, request.args.get(QR_CODE))
    hamlet_id = qr_point.hamlet_id if qr_point and qr_point.hamlet_id else session.get(REMEMBERED_HAMLET)
    return _render(consultation, initial_values(hamlet_id), qr_point=qr_point)


def _show_from_cache(slug: str):
    """The resident's visit: the page rendered once per version, filled with this visit's values."""
    consultation = published_by_slug(slug)
    if consultation is None:
        abort(404)
    qr_point = active_qr_point(consultation, request.args.get(QR_CODE))
    hamlet_id = qr_point.hamlet_id if qr_point and qr_point.hamlet_id else session.get(REMEMBERED_HAMLET)
    open_now = consultation.state() is ConsultationState.OPEN
    if open_now:
        ensure_device_id()  # the per-device rate limit and the duplicate flag need it
    fill = page_cache.Fill(
        idempotency_key=new_idempotency_key(), started=new_start_token(consultation) if open_now else "",
        qr_code=qr_point.code if qr_point else "", hamlet_id=hamlet_id,
    )
    html = page_cache.page(consultation, fill, lambda: _page_with_markers(slug))
    return html, 200, {"Cache-Control": "private, no-cache"}


def _page_with_markers(slug: str) -> str:
    """The full page with markers where each visit's own values go (see page_cache)."""
    consultation = _load(slug)
    context = _page_context(consultation, initial_values(None), qr_point=None, markers=True)
    return render_template("consultations/show.html", csrf_token=lambda: page_cache.CSRF, **context)


@bp.post("/c/<slug>")
@limiter.limit(lambda: current_app.config["SUBMIT_LIMIT_PER_DEVICE"], key_func=device_or_ip_key)
@limiter.limit(lambda: current_app.config["SUBMIT_LIMIT_PER_IP"], key_func=ip_key)
@reads_then_writes
def submit(slug: str):
    """Store one submission with all its comments and answers; 303 (or the fragment) to its receipt."""
    consultation = form_by_slug(slug)
    if consultation is None:
        abort(404)
    values = request.form
    qr_point = active_qr_point(consultation, values.get(QR_CODE))
    existing = find_by_idempotency_key(consultation, values.get(IDEMPOTENCY_KEY))
    if existing is not None:  # a double tap or a resend: the first one is the answer
        return _receipt_after_post(existing)
    if not consultation.is_open():
        return _render(consultation, values, qr_point=qr_point, status=409, refused=True)
    if looks_automated(values, consultation):
        notice = _("Vui lòng thử lại: góp ý chưa được gửi. Nội dung bạn đã nhập vẫn còn dưới đây; kiểm tra rồi bấm “Gửi góp ý”.")
        return _render(consultation, values, qr_point=qr_point, status=422, notice=notice)
    data, errors = parse_submission(consultation, values)
    if data is None:
        return _render(consultation, values, qr_point=qr_point, status=422, errors=errors)
    with write_phase():  # the request's one commit, holding SQLite's write lock only for the inserts
        submission, _created = create_submission(
            consultation, data, channel=Channel.QR if qr_point else Channel.WEB, qr_point=qr_point,
            idempotency_key=values.get(IDEMPOTENCY_KEY), device_hash=device_hash(),
        )
    session[REMEMBERED_HAMLET] = data.hamlet_id
    return _receipt_after_post(submission)


@bp.errorhandler(429)
def too_many_requests(error):
    """Over a rate limit: the form comes back with what was typed (never silently dropped)."""
    message = _("Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng đợi vài phút rồi thử lại; "
                "nội dung bạn đã nhập vẫn còn dưới đây.")
    # Retry-After is added to whatever is answered here (consult/ratelimit.py).
    if request.endpoint == "consultations.submit":
        consultation = page_by_slug((request.view_args or {}).get("slug", ""))
        if consultation is not None:
            qr_point = active_qr_point(consultation, request.form.get(QR_CODE))
            return _render(consultation, request.form, status=429, notice=message, qr_point=qr_point)
    return render_template("consultations/receipt_lookup.html", code="", notice=message), 429


@bp.get("/r")
def receipt_lookup():
    """The "Tra cứu phiếu góp ý" form; a typed code goes to its receipt."""
    raw = request.args.get("code")
    if raw is None:
        return render_template("consultations/receipt_lookup.html", code="")
    code = codes.parse_receipt_code(raw)
    if code is None:
        return _receipt_not_found(raw)
    return redirect(url_for("consultations.receipt", code=codes.format_receipt_code(code)), 303)


@bp.get("/r/<code>")
@limiter.limit(lambda: current_app.config["LOOKUP_LIMIT"], key_func=ip_key)
def receipt(code: str):
    """A submission's receipt: each comment's status and, once results are out, the response."""
    canonical = codes.parse_receipt_code(code)
    submission = submission_by_receipt(canonical) if canonical else None
    if submission is None:
        return _receipt_not_found(code)
    return render_template("consultations/receipt.html", **_receipt_context(submission))


def _receipt_not_found(raw: str):
    """One 404 for unknown and malformed codes alike, with the lookup form to try again."""
    return render_template("consultations/receipt_lookup.html", code=raw, not_found=True), 404


def _receipt_context(submission: Submission, just_sent: bool = False) -> dict:
    return dict(submission=submission, consultation=submission.consultation, answers=answer_summaries(submission),
                results_out=submission.consultation.results_published_at is not None, just_sent=just_sent)


def _receipt_after_post(submission: Submission):
    """Without JavaScript: 303 to the receipt. With htmx: the receipt in place of the form."""
    if is_fragment_request():
        fresh = submission_by_receipt(submission.receipt_code)
        return render_template("consultations/_receipt.html", **_receipt_context(fresh, just_sent=True)), 200, {
            "Vary": "HX-Request"
        }
    return redirect(url_for("consultations.receipt", code=codes.format_receipt_code(submission.receipt_code)), 303)


def _render(consultation: Consultation, values: MultiDict, *, status: int = 200, qr_point=None,
            errors: dict[str, str] | None = None, notice: str | None = None, refused: bool = False):
    """The page (or, for htmx, its form area) with the form as typed, errors and notices."""
    context = _page_context(consultation, values, qr_point=qr_point, errors=errors, notice=notice, refused=refused)
    return render_page_or_block("consultations/show.html", "form_area", status=status, **context)


def _page_context(consultation: Consultation, values: MultiDict, *, qr_point=None, errors: dict[str, str] | None = None,
                  notice: str | None = None, refused: bool = False, markers: bool = False) -> dict:
    """Everything the page template needs; with `markers`, placeholders for each visit's values."""
    state = consultation.state()
    errors = errors or {}
    counts, latest = public_comments(consultation)
    can_submit = state is ConsultationState.OPEN and not refused
    context = dict(
        consultation=consultation, state=state, can_submit=can_submit, refused=refused,
        articles=list(consultation.articles), counts=counts, latest=latest, values=values, errors=errors, notice=notice,
        open_parts=touched_parts(consultation, values, errors),
        typed=typed_texts(consultation, values) if refused else [],
    )
    if can_submit:
        context.update(_form_context(consultation, values, qr_point, markers=markers))
    return context


def _form_context(consultation: Consultation, values: MultiDict, qr_point, markers: bool = False) -> dict:
    """What the form needs besides the page: choices, limits and its hidden fields."""
    if markers:
        hidden = dict(qr_code=page_cache.QR, started=page_cache.STARTED, idempotency_key=page_cache.IDEMPOTENCY)
    else:
        ensure_device_id()  # the per-device rate limit and the duplicate flag need it
        hidden = dict(
            qr_code=qr_point.code if qr_point else "",
            started=start_token_to_keep(values, consultation) if request.method == "POST" else new_start_token(consultation),
            idempotency_key=values.get(IDEMPOTENCY_KEY) or new_idempotency_key(),
        )
    return dict(
        comment_articles=bool(form_articles(consultation)), questions=form_questions(consultation),
        hamlets=active_hamlets(), groups=list(RespondentGroup), stances=list(Stance), general=GENERAL,
        counter_text=_("Còn {n} ký tự"), comment_max=COMMENT_MAX_CHARS, short_max=SHORT_ANSWER_MAX_CHARS,
        long_max=LONG_ANSWER_MAX_CHARS, name_max=NAME_MAX_CHARS, **hidden,
    )
