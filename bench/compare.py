"""Ours against the original, side by side: the same requests, interleaved, measured with wrk.

    python -m bench.compare --original http://127.0.0.1:8001 [--ours http://127.0.0.1:8000]

It starts nothing of the original's: give it the URL of a running wger (`../shared/ref-wger/up.sh` serves
2.1 on :8001). Without `--ours` it serves this project itself with gunicorn (`--workers`, sync workers, the
database of `DATABASE_URL`), and the ceiling (`bench.ceiling`, a one-line Flask app) beside it. Both
servers are asked for a permanent key (`POST /api/v2/login/`), each path's ids are read from each server's
own lists, private data the paths need is created through each API first (`--seed`, on by default), and
every path is loaded `--rounds` times, ours and the original alternately, with
`wrk -t<threads> -c<connections> -d<seconds>s`. The table gives the median req/s of each side, the ratio,
the geometric mean of the ratios, and p99 latencies. Needs Debian's `wrk`.
"""

import datetime as dt
import http.client
import json
import math
import re
import shutil
import statistics
import subprocess
from urllib.parse import urlsplit

import click

from bench.run import serve

WEIGHT_ENTRIES = 300

# (label, path; `{name}` is resolved per server by `_ids`, private paths send the server's key)
PATHS = [
    ("muscle", "/api/v2/muscle/", False),
    ("equipment", "/api/v2/equipment/", False),
    ("language", "/api/v2/language/", False),
    ("exercise ?limit=20", "/api/v2/exercise/?limit=20", False),
    ("exercise ?muscles=1,2", "/api/v2/exercise/?muscles=1,2", False),
    ("exercisebaseinfo ?limit=20", "/api/v2/exercisebaseinfo/?limit=20", False),
    ("exercisebaseinfo detail", "/api/v2/exercisebaseinfo/{exercisebase}/", False),
    ("license", "/api/v2/license/", False),
    ("ingredient ?limit=20", "/api/v2/ingredient/?limit=20", False),
    ("ingredient offset=5000", "/api/v2/ingredient/?limit=20&offset={deep_offset}", False),
    ("ingredientinfo ?limit=20", "/api/v2/ingredientinfo/?limit=20", False),
    ("exercise search `bench`", "/api/v2/exercise/search/?term=bench", False),
    ("weightentry ?limit=20", "/api/v2/weightentry/?limit=20", True),
    ("weightentry ?limit=100&ordering=-date", "/api/v2/weightentry/?limit=100&ordering=-date", True),
    ("userprofile", "/api/v2/userprofile/", True),
]


class Server:
    """One side of the comparison: its base URL and its permanent key."""

    def __init__(self, name, base, username, password):
        self.name, self.base = name, base.rstrip("/")
        parts = urlsplit(self.base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.key = self.request("POST", "/api/v2/login/", {"username": username, "password": password})["token"]

    def request(self, method, path, body=None, private=False):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if private:
            headers["Authorization"] = f"Token {self.key}"
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = connection.getresponse()
        data = response.read()
        if response.status >= 400:
            raise click.ClickException(f"{self.name}: {method} {path} answered {response.status}: {data[:300]!r}")
        return json.loads(data) if data else None

    def ids(self):
        """The values the path templates name, read from this server's own lists."""
        count = self.request("GET", "/api/v2/ingredient/?limit=1")["count"]
        return {
            "exercisebase": self.request("GET", "/api/v2/exercisebaseinfo/?limit=1")["results"][0]["id"],
            "deep_offset": max(0, min(5000, count - 20)),
        }

    def seed(self):
        """Give the account `WEIGHT_ENTRIES` weight entries, one a day back from today, if it has fewer."""
        taken = {entry["date"] for entry in self.request(
            "GET", f"/api/v2/weightentry/?limit={WEIGHT_ENTRIES * 4}", private=True)["results"]}
        day = dt.date.today()
        while len(taken) < WEIGHT_ENTRIES:
            if day.isoformat() not in taken:
                self.request("POST", "/api/v2/weightentry/", {"date": day.isoformat(), "weight": "80.0"}, private=True)
                taken.add(day.isoformat())
            day -= dt.timedelta(days=1)


def _wrk(url, key, threads, connections, seconds):
    """Load `url` with wrk; return (req/s, p99 in ms)."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if key:
        command[1:1] = ["-H", f"Authorization: Token {key}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise click.ClickException(f"{url} answered errors under load:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    value, unit = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", output).groups()
    return rate, float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


@click.command()
@click.option("--original", required=True, metavar="URL", help="A running wger, e.g. http://127.0.0.1:8001.")
@click.option("--ours", metavar="URL", help="A running instance of this project; default: serve one here.")
@click.option("--port", default=8321, show_default=True, help="Where to serve ours and the ceiling (port + 1).")
@click.option("--workers", default=2, show_default=True)
@click.option("--threads", default=2, show_default=True)
@click.option("--connections", default=8, show_default=True)
@click.option("--seconds", default=5, show_default=True)
@click.option("--rounds", default=2, show_default=True)
@click.option("--original-account", default="admin:adminadmin", show_default=True)
@click.option("--ours-account", default="demo:demodemo", show_default=True)
@click.option("--seed/--no-seed", default=True, show_default=True, help="Create the private data the paths need.")
def main(original, ours, port, workers, threads, connections, seconds, rounds, original_account, ours_account, seed):
    """Measure the same paths on ours and on the original, interleaved, and print the ratios."""
    if shutil.which("wrk") is None:
        raise click.ClickException("wrk is not installed (apt-get install wrk)")
    servers = [serve("bench.ceiling:app", port + 1, workers)]
    if ours is None:
        servers.append(serve("wsgi:app", port, workers))
        ours = f"http://127.0.0.1:{port}"
    try:
        sides = [Server("original", original, *original_account.split(":", 1)),
                 Server("ours", ours, *ours_account.split(":", 1))]
        if seed:
            for side in sides:
                side.seed()
        ids = {side.name: side.ids() for side in sides}
        ceiling = statistics.median(_wrk(f"http://127.0.0.1:{port + 1}/", None, threads, connections, seconds)[0]
                                    for _ in range(rounds))
        rows = []
        for label, template, private in PATHS:
            figures = {side.name: [] for side in sides}
            for _ in range(rounds):
                for side in sides:
                    url = side.base + template.format(**ids[side.name])
                    figures[side.name].append(_wrk(url, side.key if private else None, threads, connections, seconds))
            rates = [statistics.median(rate for rate, _ in figures[name]) for name in ("original", "ours")]
            p99s = [statistics.median(p99 for _, p99 in figures[name]) for name in ("original", "ours")]
            rows.append((label, *rates, *p99s))
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
    click.echo(f"ceiling (one-line Flask, {workers} workers): {ceiling:,.0f} req/s\n")
    click.echo("| path | original req/s | ours req/s | ours / original | original p99 | ours p99 |")
    click.echo("|---|---|---|---|---|---|")
    ratios = []
    for label, theirs, mine, their_p99, my_p99 in rows:
        ratio = mine / theirs if theirs and mine else None
        ratios += [ratio] if ratio else []
        shown = f"{ratio:.2f}" if ratio else "n/a"
        click.echo(f"| {label} | {theirs:,.0f} | {mine:,.0f} | {shown} | {their_p99:.1f} ms | {my_p99:.1f} ms |")
    if ratios:
        click.echo(f"\ngeometric mean of ours / original: {math.exp(statistics.fmean(map(math.log, ratios))):.2f}")


if __name__ == "__main__":
    main()
