"""Ours against the original, side by side: the same requests, interleaved, measured with wrk.

    python -m bench.compare --original http://127.0.0.1:8001 \
        --database sqlite:///$PWD/instance/wger.sqlite --database postgresql://postgres@127.0.0.1:5432/wger

It starts nothing of the original's: give it the URL of a running wger (`../shared/ref-wger/up.sh` serves 2.1
on :8001). Without `--ours` it serves this project itself with gunicorn (`--workers`, sync workers) on each
`--database` in turn (default: `DATABASE_URL`), each migrated and holding the sample data's `demo` account,
and prints one table per database; the ceiling (`bench.ceiling`, a one-line Flask app) runs beside it and is
loaded after each path in every round. Both servers are asked for a permanent key once (`POST /api/v2/login/`:
the original allows 3 logins a minute), each path's ids are read from each server's own lists, and the private
data the paths need is created through each API first (`--seed`, on by default; a second run finds it and adds
nothing). Every path is loaded `--rounds` times, ours and the original alternately, with
`wrk -t<threads> -c<connections> -d<seconds>s`. A table gives the median req/s of each side, their ratio with
its geometric mean, ours against the ceiling, and our p99 latency. Needs Debian's `wrk`.
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
SEED_NAME = "bench compare"  # the seeded workout's name and nutrition plan's description
DAYS, SETS_PER_DAY, SETTINGS_PER_SET, WORKOUT_LOGS = 3, 3, 2, 100
MEALS, ITEMS_PER_MEAL, DIARY_ENTRIES = 4, 3, 100

# (label, path; `{name}` is resolved per server by `ids`, private paths send the server's key)
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
    (f"weightentry ?limit=20 (Token, {WEIGHT_ENTRIES} rows)", "/api/v2/weightentry/?limit=20", True),
    ("weightentry ?limit=100&ordering=-date", "/api/v2/weightentry/?limit=100&ordering=-date", True),
    ("userprofile", "/api/v2/userprofile/", True),
    (f"canonical_representation ({DAYS} days, {DAYS * SETS_PER_DAY} sets)",
     "/api/v2/workout/{workout}/canonical_representation/", True),
    (f"nutritionplaninfo detail ({MEALS} meals, {MEALS * ITEMS_PER_MEAL} items)",
     "/api/v2/nutritionplaninfo/{plan}/", True),
    (f"workoutlog ?limit=20 ({WORKOUT_LOGS} rows)", "/api/v2/workoutlog/?limit=20", True),
    (f"nutritiondiary ?limit=20 ({DIARY_ENTRIES} rows)", "/api/v2/nutritiondiary/?limit=20", True),
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
        ids = {
            "exercisebase": self.request("GET", "/api/v2/exercisebaseinfo/?limit=1")["results"][0]["id"],
            "deep_offset": max(0, min(5000, count - 20)),
            "workout": self._seeded("workout", "name"),
            "plan": self._seeded("nutritionplan", "description"),
        }
        if None in ids.values():
            raise click.ClickException(f"{self.name}: no seeded workout or plan; run without --no-seed once")
        return ids

    def seed(self):
        """Create what the private paths read, where a previous run has not finished creating it."""
        self._seed_weight()
        if self._seeded("workout", "name") is None:
            self._seed_workout()
        if self._seeded("nutritionplan", "description") is None:
            self._seed_plan()

    def _seeded(self, resource, field):
        """The id of the account's `resource` object whose `field` says its seeding finished, or None."""
        objects = self.request("GET", f"/api/v2/{resource}/?limit=1000", private=True)["results"]
        return next((obj["id"] for obj in objects if obj[field] == SEED_NAME), None)

    def _create(self, resource, body):
        return self.request("POST", f"/api/v2/{resource}/", body, private=True)["id"]

    def _first_ids(self, resource, count):
        return [obj["id"] for obj in self.request("GET", f"/api/v2/{resource}/?limit={count}")["results"]]

    def _seed_weight(self):
        """Give the account `WEIGHT_ENTRIES` weight entries, one a day back from today, if it has fewer."""
        taken = {entry["date"] for entry in self.request(
            "GET", f"/api/v2/weightentry/?limit={WEIGHT_ENTRIES * 4}", private=True)["results"]}
        day = dt.date.today()
        while len(taken) < WEIGHT_ENTRIES:
            if day.isoformat() not in taken:
                self._create("weightentry", {"date": day.isoformat(), "weight": "80.0"})
                taken.add(day.isoformat())
            day -= dt.timedelta(days=1)

    def _seed_workout(self):
        """A workout of days, sets and settings, with its logs; named last, so that an interrupted seeding
        is never taken for a finished one."""
        bases = self._first_ids("exercisebaseinfo", SETS_PER_DAY * SETTINGS_PER_SET)
        workout = self._create("workout", {"name": f"{SEED_NAME} (seeding)"})
        for weekday in range(1, DAYS + 1):
            day = self._create("day", {"training": workout, "description": f"Day {weekday}", "day": [weekday]})
            for order in range(SETS_PER_DAY):
                exercise_set = self._create("set", {"exerciseday": day, "sets": 4, "order": order + 1})
                for position in range(SETTINGS_PER_SET):
                    base = bases[(order * SETTINGS_PER_SET + position) % len(bases)]
                    self._create("setting", {"set": exercise_set, "exercise_base": base, "reps": 10,
                                             "order": position + 1})
        today = dt.date.today()
        for back in range(WORKOUT_LOGS):
            self._create("workoutlog", {"workout": workout, "exercise_base": bases[back % len(bases)], "reps": 10,
                                        "weight": "80", "date": (today - dt.timedelta(days=back)).isoformat()})
        self.request("PATCH", f"/api/v2/workout/{workout}/", {"name": SEED_NAME}, private=True)

    def _seed_plan(self):
        """A nutrition plan of meals and items, with its diary; described last, as the workout is named."""
        ingredients = self._first_ids("ingredient", MEALS * ITEMS_PER_MEAL)
        plan = self._create("nutritionplan", {"description": f"{SEED_NAME} (seeding)"})
        for order in range(MEALS):
            meal = self._create("meal", {"plan": plan, "order": order + 1, "time": f"{7 + 4 * order:02}:00"})
            for position in range(ITEMS_PER_MEAL):
                ingredient = ingredients[(order * ITEMS_PER_MEAL + position) % len(ingredients)]
                self._create("mealitem", {"meal": meal, "ingredient": ingredient, "amount": "100",
                                          "order": position + 1})
        now = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
        for back in range(DIARY_ENTRIES):
            moment = (now - dt.timedelta(hours=7 * back)).strftime("%Y-%m-%dT%H:%M:%SZ")
            self._create("nutritiondiary", {"plan": plan, "ingredient": ingredients[back % len(ingredients)],
                                            "amount": "100", "datetime": moment})
        self.request("PATCH", f"/api/v2/nutritionplan/{plan}/", {"description": SEED_NAME}, private=True)


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


def _measure(sides, ceiling_url, threads, connections, seconds, rounds):
    """Load every path on both sides and the ceiling alternately; return the rows of the table.

    The ceiling is loaded beside every path, not once: on a shared machine its rate drifts during a run,
    and a share of a ceiling measured minutes earlier says little.
    """
    ids = {side.name: side.ids() for side in sides}
    rows = []
    for label, template, private in PATHS:
        figures = {side.name: [] for side in sides}
        ceilings = []
        for _ in range(rounds):
            for side in sides:
                url = side.base + template.format(**ids[side.name])
                figures[side.name].append(_wrk(url, side.key if private else None, threads, connections, seconds))
            ceilings.append(_wrk(ceiling_url, None, threads, connections, seconds)[0])
        original, ours = (figures[name] for name in ("original", "ours"))
        rows.append((label, statistics.median(rate for rate, _ in original),
                     statistics.median(rate for rate, _ in ours), statistics.median(p99 for _, p99 in ours),
                     statistics.median(ceilings)))
    return rows


def _print_table(title, workers, rows):
    ceiling = statistics.median(row[4] for row in rows)
    click.echo(f"\n{title}: ceiling (one-line Flask, {workers} workers, loaded beside each path) "
               f"median {ceiling:,.0f} req/s\n")
    click.echo("| path | original req/s | ours req/s | ours / original | ours p99 | ceiling req/s | ours / ceiling |")
    click.echo("|---|---|---|---|---|---|---|")
    ratios = []
    for label, theirs, mine, my_p99, path_ceiling in rows:
        ratio = mine / theirs if theirs and mine else None
        ratios += [ratio] if ratio else []
        shown = f"{ratio:.2f}" if ratio else "n/a"
        click.echo(f"| {label} | {theirs:,.0f} | {mine:,.0f} | {shown} | {my_p99:.1f} ms | {path_ceiling:,.0f} "
                   f"| {mine / path_ceiling:.0%} |")
    if ratios:
        click.echo(f"\ngeometric mean of ours / original: {math.exp(statistics.fmean(map(math.log, ratios))):.2f}")


def _database_title(url):
    """A database URL without its credentials, to title its table."""
    if not url:
        return "ours on DATABASE_URL"
    parts = urlsplit(url)
    return f"ours on {parts.scheme}://{parts.hostname or ''}{parts.path}"


@click.command()
@click.option("--original", required=True, metavar="URL", help="A running wger, e.g. http://127.0.0.1:8001.")
@click.option("--ours", metavar="URL", help="A running instance of this project; default: serve one here.")
@click.option("--database", "databases", multiple=True, metavar="URL",
              help="Serve ours on this database (repeat it: one table each); default: DATABASE_URL.")
@click.option("--port", default=8321, show_default=True, help="Where to serve ours and the ceiling (port + 1).")
@click.option("--workers", default=2, show_default=True)
@click.option("--threads", default=2, show_default=True)
@click.option("--connections", default=8, show_default=True)
@click.option("--seconds", default=5, show_default=True)
@click.option("--rounds", default=2, show_default=True)
@click.option("--original-account", default="admin:adminadmin", show_default=True)
@click.option("--ours-account", default="demo:demodemo", show_default=True)
@click.option("--seed/--no-seed", default=True, show_default=True, help="Create the private data the paths need.")
def main(original, ours, databases, port, workers, threads, connections, seconds, rounds, original_account,
         ours_account, seed):
    """Measure the same paths on ours and on the original, interleaved, and print the ratios."""
    if shutil.which("wrk") is None:
        raise click.ClickException("wrk is not installed (apt-get install wrk)")
    if ours and databases:
        raise click.ClickException("--database serves ours here: give either it or --ours")
    theirs = Server("original", original, *original_account.split(":", 1))
    if seed:
        theirs.seed()
    ceiling_server = serve("bench.ceiling:app", port + 1, workers)
    try:
        for database in databases or [None]:
            server = None
            if ours is None:
                server = serve("wsgi:app", port, workers, {"DATABASE_URL": database} if database else None)
            try:
                mine = Server("ours", ours or f"http://127.0.0.1:{port}", *ours_account.split(":", 1))
                if seed:
                    mine.seed()
                rows = _measure([theirs, mine], f"http://127.0.0.1:{port + 1}/", threads, connections, seconds,
                                rounds)
            finally:
                if server is not None:
                    server.terminate()
                    server.wait(timeout=10)
            _print_table(ours or _database_title(database), workers, rows)
    finally:
        ceiling_server.terminate()
        ceiling_server.wait(timeout=10)


if __name__ == "__main__":
    main()
