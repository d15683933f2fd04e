"""Submissions: the ONE place a respondent's input is parsed, validated and stored.

Used by the resident's form on /c/<slug> (channels web and qr) and by the staff
paper-entry screen (channels paper and meeting, typed by officers), so that every
channel lands in one table with the same rules.

Field names (a form posts these; a paper form's entry screen uses the same):

    c-<article_id>-stance, c-<article_id>-text   a comment on one article
    c-general-stance, c-general-text             a comment on the draft as a whole
                                                 (only when allow_general_comments)
    q-<question_id>                              an answer; repeated for multiple choice;
                                                 option ids, "other", "1".."5", "yes"/"no", or text
    q-<question_id>-other                        the free text of "Khác: ____"
    hamlet                                       Hamlet id (required when the commune has hamlets)
    group                                        RespondentGroup value (default "resident")
    name, show_name                              optional display name; shown only with show_name
    phone, email                                 optional private contact "để nhận phản hồi"
    consent                                      the consent tick

Stances are Stance values ("agree", "disagree", "other"). A comment part counts only
when a stance is chosen; its text is required unless the stance is "agree".

API:

    parse_submission(consultation, formdata, *, require_consent=True, as_written=False)
        -> (SubmissionInput | None, errors)
        `formdata` is a MultiDict (request.form). Every text goes through
        consult.text.clean_text (NFC). `errors` maps a field name to a Vietnamese
        message ("form" for "nothing was filled in"); the input is None when there
        are errors. `as_written=True` is for paper forms typed in by officers: a
        required question may be blank and a stance may come without a reason,
        because the paper did not insist. Articles and questions come from form_articles() and
        form_questions(); load them eagerly (see load_form_parts) to avoid a query
        per question.

    create_submission(consultation, data, *, channel, qr_point=None, idempotency_key=None,
                      device_hash="", entered_by=None, entry_batch="")
        -> (Submission, created)
        Adds one Submission with all its Comments and Answers to the current
        transaction (the caller commits), with a new receipt code. A used
        idempotency key returns (existing, False), also when two requests race.
        Comments repeating a text sent from the same device within ten minutes are
        stored with likely_duplicate=True. The consultation's cached results are
        invalidated.

    find_by_idempotency_key(consultation, key) -> Submission | None

    form_articles(consultation), form_questions(consultation)
        The articles and questions a form offers, in order.
"""
from consult.submissions.inputs import (
    COMMENT_MAX_CHARS, GENERAL, LONG_ANSWER_MAX_CHARS, NAME_MAX_CHARS, SHORT_ANSWER_MAX_CHARS,
    AnswerInput, CommentInput, SubmissionInput, comment_field, question_field,
)
from consult.submissions.parsing import form_articles, form_questions, load_form_parts, parse_submission
from consult.submissions.store import DUPLICATE_WINDOW, create_submission, find_by_idempotency_key

__all__ = [
    "COMMENT_MAX_CHARS", "DUPLICATE_WINDOW", "GENERAL", "LONG_ANSWER_MAX_CHARS", "NAME_MAX_CHARS",
    "SHORT_ANSWER_MAX_CHARS", "AnswerInput", "CommentInput", "SubmissionInput", "comment_field",
    "create_submission", "find_by_idempotency_key", "form_articles", "form_questions",
    "load_form_parts", "parse_submission", "question_field",
]
