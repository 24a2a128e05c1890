"""A bounded load run: gunicorn on 127.0.0.1, each endpoint hit for a few seconds, req/s and p50/p99 printed.

    DATABASE_URL=postgresql://... python -m bench.run --label sample
    DATABASE_URL=postgresql://... python -m bench.run --label training --suite training
    python -m bench.run --suite nutrition --only diary      # just the endpoints whose name contains it

`--suite catalog` (the default) loads the public catalog endpoints; `--suite training` and `--suite nutrition`
load private endpoints as the bench account (`python -m bench.training` gives it a 7-day, 40-set workout
and 10,000 logs, `python -m bench.nutrition` a plan of 6 x 10 items and a year of diary), with its API key.

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
import sqlalchemy as sa

from bench.nutrition import DIARY_END
from bench.training import BENCH_USERNAME, BENCH_WORKOUT
from wger.database import db

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def _catalog_endpoints(port, headers):
    """The measured requests; detail ids are read from the running server."""
    ingredient = _get_json(port, "/api/v2/ingredient/?limit=1&ordering=-id", headers)["results"][0]["id"]
    base = _get_json(port, "/api/v2/exercisebaseinfo/?limit=1&ordering=-id", headers)["results"][0]["id"]
    count = _get_json(port, "/api/v2/ingredient/?limit=1", headers)["count"]
    deep = max(0, min(90_000, count - 20))
    return [
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


def _training_endpoints(port, headers):
    """The bench account's big workout, its 10,000 logs as pages, and its log data of one exercise."""
    workout = _get_json(port, f"/api/v2/workout/?name={quote(BENCH_WORKOUT)}", headers)["results"][0]["id"]
    first_log = _get_json(port, "/api/v2/workoutlog/?limit=1", headers)
    base = first_log["results"][0]["exercise_base"]
    logs_of_base = _get_json(port, f"/api/v2/workoutlog/?limit=1&exercise_base={base}", headers)["count"]
    deep = max(0, first_log["count"] - 20)
    exercise_set = _get_json(port, "/api/v2/set/?limit=1", headers)
    return [
        ("canonical_representation 7 days/40 sets", f"/api/v2/workout/{workout}/canonical_representation/"),
        ("workoutlog list", "/api/v2/workoutlog/?limit=20"),
        (f"workoutlog deep page offset={deep}", f"/api/v2/workoutlog/?limit=20&offset={deep}"),
        ("workoutlog filter workout+base", f"/api/v2/workoutlog/?workout={workout}&exercise_base={base}&limit=20"),
        (f"log_data ({logs_of_base} logs of a base)", f"/api/v2/workout/{workout}/log_data/?id={base}"),
        ("set computed_settings", f"/api/v2/set/{exercise_set['results'][0]['id']}/computed_settings/"),
    ]


def _nutrition_endpoints(port, headers):
    """The bench account's plan of 6 meals x 10 items, and one day of its year of diary."""
    plan = _get_json(port, "/api/v2/nutritionplan/?limit=1", headers)["results"][0]["id"]
    day = (DIARY_END - dt.timedelta(days=180)).isoformat()
    return [
        ("nutritionplaninfo 6x10 detail", f"/api/v2/nutritionplaninfo/{plan}/"),
        ("nutritionplan 6x10 nutritional_values", f"/api/v2/nutritionplan/{plan}/nutritional_values/"),
        ("nutritiondiary datetime__date (1 of 365 days)", f"/api/v2/nutritiondiary/?datetime__date={day}"),
    ]


def _bench_account_headers():
    """The bench account's API key, read from the database the server uses."""
    from wger import accounts, create_app
    from wger.models import Token

    with create_app().app_context():
        user = accounts.find_user(username=BENCH_USERNAME)
        if user is None:
            raise click.ClickException("No bench account: run python -m bench.training or bench.nutrition first.")
        key = db.session.scalar(sa.select(Token.key).where(Token.user_id == user.id))
    return {"Authorization": f"Token {key}"}


SUITES = {"catalog": _catalog_endpoints, "training": _training_endpoints, "nutrition": _nutrition_endpoints}


def _get_json(port, path, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Accept": "application/json", **headers})
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


def serve(app, port, workers, environment=None):
    """Start gunicorn serving `app` on 127.0.0.1:`port` (with `environment` added to ours); return its
    process once it answers."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app],
        cwd=ROOT, env={**os.environ, **(environment or {})},
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
@click.option("--suite", type=click.Choice(sorted(SUITES)), default="catalog", show_default=True,
              help="Which endpoints: the public catalog, or the bench account's training or nutrition.")
@click.option("--only", default="", help="Measure only the endpoints whose name contains this text.")
def main(label, port, workers, concurrency, seconds, requests, suite, only):
    """Measure req/s and p50/p99 latency of a suite of endpoints and of a one-line Flask app."""
    headers = {} if suite == "catalog" else _bench_account_headers()
    servers = [serve("wsgi:app", port, workers), serve("bench.ceiling:app", port + 1, workers)]
    try:
        with multiprocessing.Pool(concurrency) as pool:
            figures = {"ceiling (one-line Flask)": measure(pool, port + 1, "/", seconds, requests, concurrency)}
            for name, path in SUITES[suite](port, headers):
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
