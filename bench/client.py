"""A small HTTP client for benchmarks: keep-alive connections, one cookie jar per "phone",
and the resident form fetched and filled the way a browser would send it."""
from __future__ import annotations

import http.client
import re
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

_COOKIE = re.compile(r"^([^=;]+)=([^;]*)")
_HIDDEN = re.compile(r'<input type="hidden" name="(csrf_token|idem|started|qr)" value="([^"]*)"')
_STANCE = re.compile(r'name="c-(\d+)-stance"')
_HAMLET = re.compile(r'<select id="hamlet" name="hamlet"[^>]*>(.*?)</select>', re.S)
_OPTION = re.compile(r'<option value="(\d+)"')


@dataclass
class Phone:
    """One device: its own connection and cookies."""

    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, body: dict | None = None, timeout: float = 30.0):
        """(status, headers, body bytes, seconds) — reconnecting once if the server closed the connection."""
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
            headers = {"Accept-Encoding": "identity", "User-Agent": "consult-bench"}
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            data = None
            if body is not None:
                data = urlencode(body, doseq=True).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                payload = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
                continue
            elapsed = time.perf_counter() - started
            for value in response.headers.get_all("Set-Cookie") or []:
                match = _COOKIE.match(value)
                if match:
                    self.cookies[match.group(1)] = match.group(2)
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, response.headers, payload, elapsed
        raise RuntimeError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def phone_for(base_url: str) -> Phone:
    parts = urlsplit(base_url)
    return Phone(parts.hostname or "127.0.0.1", parts.port or 80)


@dataclass
class FilledForm:
    """A form ready to send, with the phone that fetched it (its session holds the CSRF token)."""

    phone: Phone
    path: str
    fields: dict[str, str]


def fetch_form(phone: Phone, path: str, comment: str) -> FilledForm:
    """GET the consultation page and fill its form: one comment disagreeing with the first article."""
    status, _headers, body, _elapsed = phone.request("GET", path)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    html = body.decode()
    fields = dict(_HIDDEN.findall(html))
    article = _STANCE.search(html).group(1)
    hamlets = _OPTION.findall(_HAMLET.search(html).group(1))
    fields.update({
        f"c-{article}-stance": "disagree", f"c-{article}-text": comment,
        "hamlet": hamlets[len(fields["idem"]) % len(hamlets)], "group": "resident", "consent": "1",
    })
    return FilledForm(phone, path.split("?")[0], fields)


def unique_comment() -> str:
    """A comment text no other request sends (so the duplicate flag never fires)."""
    return f"Đề nghị nâng mức hỗ trợ cho các thôn xa trung tâm. Mã kiểm tra {uuid.uuid4().hex[:12]}."
