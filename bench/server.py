"""Prepare a benchmark database and run the app under gunicorn on 127.0.0.1."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@dataclass
class Target:
    """Where the benchmark's data lives."""

    kind: str  # "sqlite" or "postgresql"

    @property
    def instance(self) -> Path:
        return OUT / f"instance-{self.kind}"

    @property
    def url(self) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.instance / 'consult.sqlite3'}"
        return "postgresql+psycopg://postgres@127.0.0.1:5432/consult_bench"

    @property
    def marker(self) -> Path:
        return self.instance / "dataset-ready"

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "CONSULT_INSTANCE_PATH": str(self.instance), "CONSULT_DATABASE_URL": self.url,
            "CONSULT_ENV_NAME": "production", "CONSULT_BENCHMARK_ROUTES": "true",
        })
        env.update(extra)
        return env


def prepare(target: Target, reuse: bool) -> str:
    """A migrated database holding the large dataset; reused when asked and already built."""
    if reuse and target.marker.exists():
        return target.marker.read_text()
    target.instance.mkdir(parents=True, exist_ok=True)
    if target.kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (target.instance / f"consult.sqlite3{suffix}").unlink(missing_ok=True)
            (target.instance / f"counters.sqlite3{suffix}").unlink(missing_ok=True)
    else:
        from sqlalchemy import create_engine, text

        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("DROP DATABASE IF EXISTS consult_bench WITH (FORCE)"))
            connection.execute(text("CREATE DATABASE consult_bench"))
        admin.dispose()
    script = (
        "from consult import create_app; from consult.extensions import db; from flask_migrate import upgrade;"
        "import bench.dataset as d, time; app = create_app();\n"
        "with app.app_context():\n"
        "    upgrade(); t = time.perf_counter(); counts = d.build(); db.session.commit();\n"
        "    print(counts, f'built in {time.perf_counter() - t:.0f} s')"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=target.env(), check=True,
                          capture_output=True, text=True)
    summary = done.stdout.strip().splitlines()[-1]
    target.marker.write_text(summary)
    return summary


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn serving wsgi:app; stop() ends it, kill() is kill -9 on the whole group."""

    def __init__(self, target: Target, workers: int, threads: int, **env: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
            "--worker-class", "gthread", "--threads", str(threads), "--backlog", "2048",
            "--timeout", "60", "--log-level", "warning", "wsgi:app",
        ]
        self.log = open(OUT / f"gunicorn-{target.kind}.log", "a")
        self.process = subprocess.Popen(command, cwd=ROOT, env=target.env(**env), stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start; see bench/out/gunicorn-*.log")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()

    def kill(self) -> None:
        """kill -9 the master and every worker at once, as a power cut would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.log.close()
