"""What staff choose on the export form, as plain values the document builders read."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Issuer(StrEnum):
    """The body that issues the report."""

    UBND = "ubnd"
    MTTQ = "mttq"


class SignerCapacity(StrEnum):
    """Who signs: the chair on behalf of the body (TM.), or a vice chair for the chair (KT.)."""

    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"


@dataclass
class ReportOptions:
    """The export form's choices for the Word report, prefilled from commune settings."""

    issuer: Issuer
    #: The body's printed name, e.g. "Ủy ban nhân dân xã Diễn Châu" (from commune settings).
    issuer_name: str
    #: The document number before "/BC-UBND"; empty leaves the space for staff to write it in.
    number: str
    #: Place on the date line, e.g. "Diễn Châu".
    place: str
    issued_on: date
    #: The summary title printed bold under "BÁO CÁO".
    title: str
    signer_name: str
    signer_capacity: SignerCapacity
    #: "Nơi nhận" lines without the leading dash or trailing semicolon; the last is usually "Lưu: VT, …".
    recipients: list[str] = field(default_factory=list)
    #: Staff's closing paragraph(s), plain text; blank lines separate paragraphs.
    conclusion: str = ""
