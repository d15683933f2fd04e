"""The entry form around the submission's fields: channel, idempotency key, initial values.

The fields of a paper form (comments, answers, respondent) are parsed and validated by
consult.submissions, exactly as for the resident's web form; this module only handles
what belongs to the entry screen itself. CSRF is checked by CSRFProtect on every POST.
"""
from __future__ import annotations

import uuid

from consult.i18n import gettext as _
from werkzeug.datastructures import MultiDict

from consult.entry.batch import BatchState
from consult.forms import Form
from consult.models import Channel, RespondentGroup

IDEMPOTENCY_KEY = "idem"
CHANNEL = "channel"
#: The channels an officer types in: forms from a box, and forms handed in at a meeting.
ENTRY_CHANNELS = (Channel.PAPER, Channel.MEETING)


def parse_channel(formdata: MultiDict, errors: dict[str, str]) -> Channel:
    """The posted channel (paper or meeting); anything else adds an error."""
    raw = formdata.get(CHANNEL, "").strip()
    for channel in ENTRY_CHANNELS:
        if raw == channel.value:
            return channel
    errors[CHANNEL] = _("Hãy chọn phiếu này đến từ đâu: phiếu giấy hay hội nghị.")
    return Channel.PAPER


def posted_hamlet_id(formdata: MultiDict) -> int | None:
    """The hamlet id as posted, before validation (for the scope check)."""
    raw = formdata.get("hamlet", "").strip()
    return int(raw) if raw.isdigit() else None


def blank_values(state: BatchState, hamlet_id: int | None) -> MultiDict:
    """A blank form that keeps the batch's channel and hamlet."""
    values = MultiDict({CHANNEL: state.channel.value, "group": RespondentGroup.RESIDENT.value})
    if hamlet_id:
        values["hamlet"] = str(hamlet_id)
    return values


def new_idempotency_key() -> str:
    """One per rendered form: pressing Enter twice sends the same key, which is stored once."""
    return uuid.uuid4().hex


class ConfirmForm(Form):
    """A button that posts (CSRF only)."""
