"""The officer's current entry batch, kept in their session (one per consultation).

A batch (đợt nhập) is what one officer types in one sitting: a stack of paper forms
from one box, or the forms handed in at one meeting. Its id (a uuid) is stored on
every submission typed in it, beside who typed it, and lives in the session until
the officer starts a new batch. The channel and hamlet chosen last are remembered
with it, so the form resets to them after each save.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask import session

from consult.models import Channel, Consultation

SESSION_KEY = "entry"
#: Consultations remembered at once: the session is a cookie and must stay small.
_KEEP = 5


@dataclass(frozen=True)
class BatchState:
    """What the session remembers for one consultation."""

    #: "" until the first form of a batch is saved.
    batch: str = ""
    channel: Channel = Channel.PAPER
    hamlet_id: int | None = None


def current(consultation: Consultation) -> BatchState:
    """The batch, channel and hamlet remembered for this consultation."""
    stored = session.get(SESSION_KEY, {}).get(str(consultation.id)) or {}
    try:
        channel = Channel(stored.get("channel", Channel.PAPER.value))
    except ValueError:
        channel = Channel.PAPER
    hamlet_id = stored.get("hamlet")
    return BatchState(batch=str(stored.get("batch", "")), channel=channel,
                      hamlet_id=hamlet_id if isinstance(hamlet_id, int) else None)


def batch_id(consultation: Consultation) -> str:
    """The current batch id, started now if there is none yet (called when a form is saved)."""
    state = current(consultation)
    if state.batch:
        return state.batch
    new = str(uuid.uuid4())
    _store(consultation, batch=new, channel=state.channel.value, hamlet=state.hamlet_id)
    return new


def remember(consultation: Consultation, *, channel: Channel, hamlet_id: int | None) -> None:
    """Keep the channel and hamlet of the form just saved for the next one."""
    _store(consultation, batch=current(consultation).batch, channel=channel.value, hamlet=hamlet_id)


def start_new(consultation: Consultation) -> None:
    """Forget the batch id (the next save starts a new batch); channel and hamlet stay."""
    state = current(consultation)
    _store(consultation, batch="", channel=state.channel.value, hamlet=state.hamlet_id)


def _store(consultation: Consultation, **values) -> None:
    remembered = dict(session.get(SESSION_KEY, {}))
    key = str(consultation.id)
    remembered[key] = values
    while len(remembered) > _KEEP:
        # The session is stored with sorted keys, so "oldest" is the oldest consultation.
        remembered.pop(min((k for k in remembered if k != key), key=int))
    session[SESSION_KEY] = remembered
