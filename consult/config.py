"""Configuration in layers: defaults → instance/config.py → CONSULT_* environment → test_config."""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from flask import Flask

#: Secret keys that must never reach production.
WEAK_SECRETS = {"", "dev", "development", "secret", "changeme", "change-me", "consult", "test"}
MIN_SECRET_LENGTH = 32


class Defaults:
    """Built-in defaults; every value may be overridden by a later layer."""

    ENV_NAME = "development"  # "production" switches on the strict start-up checks
    SECRET_KEY: str | None = None
    DATABASE_URL: str | None = None  # default: SQLite in instance/
    COUNTER_DATABASE_URL: str | None = None  # rate-limit and throttle counters
    REDIS_URL: str | None = None  # when set, rate limits live in Redis
    TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("vi", "en")
    PROXY_FIX_HOPS = 0  # reverse proxies in front of the app that set X-Forwarded-*
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024  # the largest upload (10 MB PDF) plus form overhead
    MAX_FORM_PARTS = 400
    UPLOAD_DIR: str | None = None  # default: instance/uploads
    SQLITE_BUSY_TIMEOUT_MS = 10_000
    # Anti-abuse: fill time and limits for resident forms.
    MIN_FILL_SECONDS = 3
    SUBMIT_LIMIT_PER_DEVICE = "20 per 10 minutes"
    SUBMIT_LIMIT_PER_IP = "3000 per 10 minutes"
    LOOKUP_LIMIT = "30 per minute"
    LOGIN_FAILURES_BEFORE_DELAY = 5
    LOGIN_IP_FAILURES_BEFORE_DELAY = 20
    LOGIN_MAX_DELAY_SECONDS = 15 * 60
    PERSONAL_DATA_RETENTION_DAYS = 365
    RESULTS_CACHE_SECONDS = 300
    BENCHMARK_ROUTES = False  # `make bench` turns on /_bench/baseline


def _env_value(raw: str):
    """Read an environment value as JSON when it parses (numbers, booleans), else as text."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def load_config(app: Flask, test_config: dict | None) -> None:
    """Fill app.config from the four layers, then derive what depends on them."""
    for key in dir(Defaults):
        if key.isupper():
            app.config[key] = getattr(Defaults, key)
    app.config.from_pyfile("config.py", silent=True)
    for key, raw in os.environ.items():
        if key.startswith("CONSULT_") and key != "CONSULT_TEST_DATABASE_URL":
            app.config[key.removeprefix("CONSULT_")] = _env_value(raw)
    if test_config:
        app.config.update(test_config)
    _derive(app)


def _derive(app: Flask) -> None:
    """Settings computed from the layered values."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    cfg = app.config
    if not cfg.get("SECRET_KEY"):
        cfg["SECRET_KEY"] = _instance_secret(instance / "secret_key")
    if not cfg.get("DATABASE_URL"):
        cfg["DATABASE_URL"] = f"sqlite:///{instance / 'consult.sqlite3'}"
    cfg["SQLALCHEMY_DATABASE_URI"] = cfg["DATABASE_URL"]
    # A ping before each checkout guards against a restarted database server; a SQLite file
    # needs none, and on a busy page the extra statement costs more than it saves.
    cfg.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": not cfg["DATABASE_URL"].startswith("sqlite")})
    if not cfg.get("COUNTER_DATABASE_URL"):
        main = cfg["DATABASE_URL"]
        cfg["COUNTER_DATABASE_URL"] = (
            f"sqlite:///{instance / 'counters.sqlite3'}" if main.startswith("sqlite") else main
        )
    if not cfg.get("UPLOAD_DIR"):
        cfg["UPLOAD_DIR"] = str(instance / "uploads")
    cfg["BABEL_DEFAULT_LOCALE"] = "vi"
    cfg["BABEL_DEFAULT_TIMEZONE"] = cfg["TIMEZONE"]
    cfg["BABEL_TRANSLATION_DIRECTORIES"] = str(Path(app.root_path).parent / "translations")
    cfg["RATELIMIT_STORAGE_URI"] = cfg["REDIS_URL"] or "consultsql://"
    cfg["RATELIMIT_STRATEGY"] = "fixed-window"
    cfg["RATELIMIT_SWALLOW_ERRORS"] = not cfg.get("TESTING", False)
    # No X-RateLimit-* headers: they cost two counter reads per limit on every POST; a refused
    # request still gets Retry-After and a Vietnamese page (consult/consultations/routes.py).
    cfg["RATELIMIT_HEADERS_ENABLED"] = False
    cfg["SESSION_COOKIE_NAME"] = "consult_session"
    cfg["SESSION_COOKIE_HTTPONLY"] = True
    cfg["SESSION_COOKIE_SAMESITE"] = "Lax"
    cfg["REMEMBER_COOKIE_HTTPONLY"] = True
    cfg["REMEMBER_COOKIE_SAMESITE"] = "Lax"
    cfg["WTF_CSRF_TIME_LIMIT"] = None  # a token lives as long as the session; a long form is never lost to a timer
    cfg["WTF_CSRF_HEADERS"] = ["X-CSRFToken"]
    cfg["COMPRESS_MIMETYPES"] = [
        "text/html", "text/css", "application/javascript", "text/javascript",
        "application/json", "image/svg+xml", "text/csv",
    ]
    cfg["COMPRESS_MIN_SIZE"] = 500
    cfg["COMPRESS_ALGORITHM"] = ["br", "gzip"]
    cfg["COMPRESS_ALGORITHM_STREAMING"] = ["br", "gzip"]  # static files are streamed
    cfg["COMPRESS_LEVEL"] = 6
    cfg["COMPRESS_BR_LEVEL"] = 5
    cfg["SEND_FILE_MAX_AGE_DEFAULT"] = 0  # only content-hashed URLs are cached, see assets.py


def _instance_secret(path: Path) -> str:
    """Read the instance's secret key, generating it once with owner-only permissions."""
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    try:
        os.link(draft, path)  # atomic: of several workers starting at once, one key wins
    except FileExistsError:
        key = path.read_text().strip()
    finally:
        draft.unlink()
    return key


def check_production(app: Flask) -> None:
    """Refuse to start in production with a weak secret key."""
    if app.config["ENV_NAME"] != "production":
        return
    key = str(app.config["SECRET_KEY"])
    if key.lower() in WEAK_SECRETS or len(key) < MIN_SECRET_LENGTH or len(set(key)) < 10:
        raise RuntimeError(
            "CONSULT_SECRET_KEY is too weak for production: use at least "
            f"{MIN_SECRET_LENGTH} random characters, or unset it to generate one in instance/."
        )
