"""A bounded load run: gunicorn on 127.0.0.1, each endpoint hit for a few seconds, req/s and p50/p99 printed.

    DATABASE_URL=postgresql://... python -m bench.run --label sample
    python -m bench.run --only nutrition --label plans      # just the endpoints whose name contains it

The private nutrition endpoints are measured as the bench account (`python -m bench.nutrition` makes it,
with its plan of 6 x 10 items and a year of diary); without that account they are left out.

Starts two gunicorns it owns (the API and `bench.ceiling`, a one-line Flask app that shows the machine's
ceiling), loads each endpoint from `--concurrency` processes for at most `--seconds` seconds or
`--requests` requests, stops its servers and writes the figures to `bench/results/<label>.json`.
"""

import datetime as dt
import http.client
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import click

from bench.nutrition import BENCH_PASSWORD, BENCH_USERNAME, DIARY_END

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def _nutrition_endpoints(port):
    """The bench account's plan and diary, with its API key; none when there is no bench account."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = json.dumps({"username": BENCH_USERNAME, "password": BENCH_PASSWORD})
    connection.request("POST", "/api/v2/login/", body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    answer = json.loads(response.read())
    if response.status != 200:
        click.echo("No bench account (python -m bench.nutrition makes one): private endpoints left out.")
        return []
    headers = {"Authorization": f"Token {answer['token']}"}
    plan = _get_json(port, "/api/v2/nutritionplan/?limit=1", headers)["results"][0]["id"]
    day = (DIARY_END - dt.timedelta(days=180)).isoformat()
    return [
        ("nutritionplaninfo 6x10 detail", f"/api/v2/nutritionplaninfo/{plan}/", headers),
        ("nutritionplan 6x10 nutritional_values", f"/api/v2/nutritionplan/{plan}/nutritional_values/", headers),
        ("nutritiondiary datetime__date (1 of 365 days)", f"/api/v2/nutritiondiary/?datetime__date={day}", headers),
    ]


def _endpoints(port):
    """The measured requests as (name, path, headers); detail ids are read from the running server."""
    ingredient = _get_json(port, "/api/v2/ingredient/?limit=1&ordering=-id")["results"][0]["id"]
    base = _get_json(port, "/api/v2/exercisebaseinfo/?limit=1&ordering=-id")["results"][0]["id"]
    count = _get_json(port, "/api/v2/ingredient/?limit=1")["count"]
    deep = max(0, min(90_000, count - 20))
    public = [
        ("exercisebaseinfo list", "/api/v2/exercisebaseinfo/?limit=20"),
        ("exercise list", "/api/v2/exercise/?limit=20"),
        ("ingredient list", "/api/v2/ingredient/?limit=20"),
        ("exercise filter muscles=2,4", "/api/v2/exercise/?muscles=2,4&limit=20"),
        ("ingredient filter language=1", "/api/v2/ingredient/?language=1&limit=20"),
        (f"ingredient deep page offset={deep}", f"/api/v2/ingredient/?limit=20&offset={deep}"),
        ("exercisebaseinfo detail", f"/api/v2/exercisebaseinfo/{base}/"),
        ("ingredient detail", f"/api/v2/ingredient/{ingredient}/"),
        ("exercise search", "/api/v2/exercise/search/?term=" + quote("bench press")),
        ("ingredient search", "/api/v2/ingredient/search/?term=oat"),
    ]
    return [(name, path, {}) for name, path in public] + _nutrition_endpoints(port)


def _get_json(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Accept": "application/json", **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise click.ClickException(f"{path} answered {response.status}: {body[:200]!r}")
    return json.loads(body)


def _worker(args):
    port, path, headers, deadline, budget = args
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, errors = [], 0
    while time.monotonic() < deadline and len(latencies) + errors < budget:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept": "application/json", **headers})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
                continue
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            continue
        latencies.append(time.perf_counter() - started)
    return latencies, errors


def measure(pool, port, path, seconds, requests, concurrency, headers=None):
    headers = headers or {}
    _worker((port, path, headers, time.monotonic() + seconds, 3))
    started = time.monotonic()
    deadline = started + seconds
    budget = max(1, requests // concurrency)
    results = pool.map(_worker, [(port, path, headers, deadline, budget)] * concurrency)
    elapsed = time.monotonic() - started
    latencies = sorted(latency for worker, _ in results for latency in worker)
    errors = sum(count for _, count in results)
    if not latencies:
        return {"requests": 0, "errors": errors}
    quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"requests": len(latencies), "errors": errors, "rps": round(len(latencies) / elapsed, 1),
            "p50_ms": round(quantiles[49] * 1000, 2), "p99_ms": round(quantiles[98] * 1000, 2)}


def _serve(app, port, workers):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app],
        cwd=ROOT, env=os.environ.copy(),
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise click.ClickException(f"gunicorn for {app} did not start on port {port}")


@click.command()
@click.option("--label", default="run", help="Name of the results file.")
@click.option("--port", default=8311, show_default=True)
@click.option("--workers", default=os.cpu_count() or 2, show_default=True)
@click.option("--concurrency", default=8, show_default=True)
@click.option("--seconds", default=5.0, show_default=True, help="At most this long per endpoint.")
@click.option("--requests", default=5000, show_default=True, help="At most this many requests per endpoint.")
@click.option("--only", default="", help="Measure only the endpoints whose name contains this text.")
def main(label, port, workers, concurrency, seconds, requests, only):
    """Measure req/s and p50/p99 latency of the API's endpoints and of a one-line Flask app."""
    servers = [_serve("wsgi:app", port, workers), _serve("bench.ceiling:app", port + 1, workers)]
    try:
        with multiprocessing.Pool(concurrency) as pool:
            figures = {"ceiling (one-line Flask)": measure(pool, port + 1, "/", seconds, requests, concurrency)}
            for name, path, headers in _endpoints(port):
                if only in name:
                    figures[name] = measure(pool, port, path, seconds, requests, concurrency, headers)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{label}.json").write_text(json.dumps(figures, indent=2))
    click.echo(f"{'endpoint':46} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}")
    for name, row in figures.items():
        click.echo(f"{name:46} {row.get('rps', 0):>9} {row.get('p50_ms', '-'):>9} {row.get('p99_ms', '-'):>9} "
                   f"{row['errors']:>7}")


if __name__ == "__main__":
    main()
