"""make bench: throughput and latency against a baseline, a burst of submissions, and a crash.

    python bench/run.py [--db sqlite|postgresql|both] [--workers 3] [--threads 8]
                        [--concurrency 16] [--duration 8] [--burst 200,500] [--reuse]

Every figure is printed, and written to bench/out/<db>.json. Targets (issue 8): GET /c/<slug>
≥ 0.70× baseline, comment POST ≥ 0.50×, results ≥ 0.50×; a burst of 500 stores every
submission once with no 5xx and no 429, p95 ≤ 3 s; a crash loses nothing acknowledged.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.client import FilledForm, Phone, fetch_form, phone_for, unique_comment  # noqa: E402
from bench.dataset import TARGET_SLUG  # noqa: E402
from bench.server import OUT, Gunicorn, Target, prepare  # noqa: E402

RESULTS_SLUG = "dot-lay-y-kien-12"  # closed, results published
MIN_FILL_SECONDS = 3.2  # the server's default minimum fill time, plus a margin


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def summarise(name: str, latencies: list[float], statuses: list[int], seconds: float) -> dict:
    return {
        "endpoint": name, "requests": len(latencies), "rps": len(latencies) / seconds if seconds else 0,
        "p50_ms": 1000 * percentile(latencies, 0.50), "p95_ms": 1000 * percentile(latencies, 0.95),
        "p99_ms": 1000 * percentile(latencies, 0.99),
        "statuses": {str(code): statuses.count(code) for code in sorted(set(statuses))},
    }


def constant_load(base: str, name: str, request, concurrency: int, duration: float) -> dict:
    """`concurrency` phones repeat `request(phone)` for `duration` seconds."""
    latencies: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()
    stop = time.perf_counter() + duration

    def worker():
        phone = phone_for(base)
        mine_l, mine_s = [], []
        while time.perf_counter() < stop:
            status, elapsed = request(phone)
            mine_l.append(elapsed)
            mine_s.append(status)
        phone.close()
        with lock:
            latencies.extend(mine_l)
            statuses.extend(mine_s)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return summarise(name, latencies, statuses, time.perf_counter() - started)


def get(path: str):
    def request(phone: Phone):
        status, _headers, _body, elapsed = phone.request("GET", path)
        return status, elapsed
    return request


def prefetch(base: str, count: int, parallel: int = 16) -> list[FilledForm]:
    """`count` phones each fetch and fill their own form (own session, CSRF token, idempotency key)."""
    def one(_):
        return fetch_form(phone_for(base), f"/c/{TARGET_SLUG}", unique_comment())

    with ThreadPoolExecutor(parallel) as pool:
        forms = list(pool.map(one, range(count)))
    time.sleep(MIN_FILL_SECONDS)
    return forms


def post_load(base: str, concurrency: int, duration: float, expected_rps: float) -> dict:
    """Comment POSTs at full speed, each from a fresh form fetched beforehand (not timed)."""
    forms = prefetch(base, int(expected_rps * duration * 1.3) + concurrency)
    queue = iter(forms)
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: list[int] = []
    stop = time.perf_counter() + duration

    def worker():
        while time.perf_counter() < stop:
            with lock:
                form = next(queue, None)
            if form is None:
                return
            status, _headers, _body, elapsed = form.phone.request("POST", form.path, form.fields)
            form.phone.close()
            with lock:
                latencies.append(elapsed)
                statuses.append(status)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = summarise("POST comment", latencies, statuses, time.perf_counter() - started)
    result["forms_left_unused"] = sum(1 for _ in queue)
    return result


def qr_code(target: Target) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(target.url)
    with engine.connect() as connection:
        code = connection.execute(text(
            "SELECT q.code FROM qr_point q JOIN consultation c ON c.id = q.consultation_id "
            "WHERE c.slug = :slug ORDER BY q.id LIMIT 1"), {"slug": TARGET_SLUG}).scalar_one()
    engine.dispose()
    return code


def stored_keys(target: Target, keys: list[str]) -> dict[str, int]:
    """How many submissions hold each idempotency key."""
    from sqlalchemy import bindparam, create_engine, text

    engine = create_engine(target.url)
    found: dict[str, int] = {}
    with engine.connect() as connection:
        for start in range(0, len(keys), 500):
            rows = connection.execute(
                text("SELECT idempotency_key, count(*) FROM submission WHERE idempotency_key IN :keys "
                     "GROUP BY idempotency_key").bindparams(bindparam("keys", expanding=True)),
                {"keys": keys[start:start + 500]},
            )
            found.update({key: count for key, count in rows})
    engine.dispose()
    return found


def burst(target: Target, server: Gunicorn, size: int) -> dict:
    """`size` phones on one address submit at the same instant."""
    forms = prefetch(server.url, size, parallel=32)
    gate = threading.Barrier(size)
    outcomes: list[tuple[int, float, str]] = [(0, 0.0, "")] * size

    def fire(index: int):
        form = forms[index]
        gate.wait()
        try:
            status, headers, _body, elapsed = form.phone.request("POST", form.path, form.fields, timeout=120)
            outcomes[index] = (status, elapsed, headers.get("Location", ""))
        except OSError as error:
            outcomes[index] = (-1, 0.0, str(error))

    threads = [threading.Thread(target=fire, args=(n,)) for n in range(size)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    keys = [form.fields["idem"] for form in forms]
    stored = stored_keys(target, keys)
    acknowledged = [keys[n] for n, (status, _e, where) in enumerate(outcomes) if status == 303 and "/r/" in where]
    latencies = [elapsed for status, elapsed, _w in outcomes if status > 0]
    return {
        "n": size, "acknowledged": len(acknowledged), "stored": sum(1 for key in keys if stored.get(key)),
        "stored_twice": sum(1 for count in stored.values() if count > 1),
        "lost": sum(1 for key in acknowledged if not stored.get(key)),
        "status_5xx": sum(1 for status, _e, _w in outcomes if status >= 500),
        "status_429": sum(1 for status, _e, _w in outcomes if status == 429),
        "errors": sum(1 for status, _e, _w in outcomes if status < 0),
        "p95_s": percentile(latencies, 0.95), "max_s": max(latencies, default=0.0),
    }


def crash(target: Target, workers: int, threads: int, size: int = 300) -> dict:
    """kill -9 the server in the middle of a burst; every acknowledged submission must be stored."""
    server = Gunicorn(target, workers, threads)
    forms = prefetch(server.url, size, parallel=32)
    outcomes: dict[int, tuple[int, str]] = {}

    def fire(index: int):
        form = forms[index]
        try:
            status, headers, _body, _elapsed = form.phone.request("POST", form.path, form.fields, timeout=30)
            outcomes[index] = (status, headers.get("Location", ""))
        except OSError as error:
            outcomes[index] = (-1, str(error))

    pool = [threading.Thread(target=fire, args=(n,)) for n in range(size)]
    for thread in pool:
        thread.start()
    while len(outcomes) < size // 3:  # kill once about a third has been answered
        time.sleep(0.005)
    server.kill()
    for thread in pool:
        thread.join()
    restarted = Gunicorn(target, workers, threads)  # recovery: the database opens after the crash
    restarted.stop()
    keys = [form.fields["idem"] for form in forms]
    stored = stored_keys(target, keys)
    acknowledged = [keys[n] for n, (status, where) in outcomes.items() if status == 303 and "/r/" in where]
    return {
        "sent": size, "acknowledged_before_kill": len(acknowledged),
        "stored": sum(1 for key in keys if stored.get(key)),
        "acknowledged_but_lost": sum(1 for key in acknowledged if not stored.get(key)),
        "failed_in_flight": sum(1 for status, _w in outcomes.values() if status != 303),
    }


def bench(kind: str, args) -> dict:
    target = Target(kind)
    print(f"\n== {kind}: preparing the dataset", flush=True)
    print("  ", prepare(target, args.reuse), flush=True)
    server = Gunicorn(target, args.workers, args.threads, CONSULT_SUBMIT_LIMIT_PER_IP="1000000 per 10 minutes",
                      CONSULT_SUBMIT_LIMIT_PER_DEVICE="1000000 per 10 minutes")
    try:
        code = qr_code(target)
        plan = [("baseline", "/_bench/baseline"), ("GET /", "/"), ("GET /c/<slug>", f"/c/{TARGET_SLUG}"),
                ("GET /q/<code>", f"/q/{code}"), ("GET /c/<slug>/results", f"/c/{RESULTS_SLUG}/results")]
        for _name, path in plan:  # warm up: templates compiled, caches filled
            get(path)(phone_for(server.url))
        rows = [constant_load(server.url, name, get(path), args.concurrency, args.duration) for name, path in plan]
        rows.append(post_load(server.url, args.concurrency, args.duration, expected_rps=rows[2]["rps"]))
    finally:
        server.stop()
    baseline = rows[0]["rps"] or 1
    for row in rows:
        row["ratio"] = row["rps"] / baseline
    # The burst runs against the real limits: one address, each phone its own device cookie.
    bursts = []
    for size in args.burst:
        server = Gunicorn(target, args.workers, args.threads)
        try:
            bursts.append(burst(target, server, size))
        finally:
            server.stop()
    report = {"db": kind, "workers": args.workers, "threads": args.threads, "concurrency": args.concurrency,
              "duration_s": args.duration, "machine": machine(), "load": rows, "burst": bursts,
              "crash": crash(target, args.workers, args.threads)}
    (OUT / f"{kind}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    show(report)
    return report


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def show(report: dict) -> None:
    print(f"\n{report['db']}: gunicorn {report['workers']} workers × {report['threads']} threads (gthread), "
          f"{report['concurrency']} concurrent clients, {report['duration_s']} s per endpoint — {report['machine']}")
    print(f"{'endpoint':24} {'req/s':>8} {'×base':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses")
    for row in report["load"]:
        print(f"{row['endpoint']:24} {row['rps']:8.1f} {row['ratio']:6.2f} {row['p50_ms']:8.1f} "
              f"{row['p95_ms']:8.1f} {row['p99_ms']:8.1f}  {row['statuses']}")
    for row in report["burst"]:
        print(f"burst {row['n']}: stored {row['stored']}/{row['n']}, acknowledged {row['acknowledged']}, "
              f"lost {row['lost']}, twice {row['stored_twice']}, 5xx {row['status_5xx']}, 429 {row['status_429']}, "
              f"errors {row['errors']}, p95 {row['p95_s']:.2f} s, max {row['max_s']:.2f} s")
    crash_row = report["crash"]
    print(f"crash: {crash_row['acknowledged_before_kill']} acknowledged before kill -9, "
          f"{crash_row['acknowledged_but_lost']} of them lost; {crash_row['stored']} stored of {crash_row['sent']} sent")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--burst", type=lambda text: [int(n) for n in text.split(",")], default=[200, 500])
    parser.add_argument("--reuse", action="store_true", help="reuse a dataset built by an earlier run")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for kind in (["sqlite", "postgresql"] if args.db == "both" else [args.db]):
        bench(kind, args)


if __name__ == "__main__":
    main()


