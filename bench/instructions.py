"""What a request costs this process in CPU instructions, counted by valgrind's callgrind.

    python -m bench.instructions --database postgresql://postgres@127.0.0.1:5432/wger_bench --uncached \
        '/api/v2/exercisebaseinfo/?limit=20' '/api/v2/license/'

On a shared machine req/s, and even a process's CPU time, move by a third from one minute to the next, so two
versions of a path compared with wrk need many interleaved rounds to tell 10% apart. An instruction count is the
same on every run of the same code and data, whatever else the machine does: one run tells. It counts the app's
process only, serving through Flask's test client: not gunicorn, not the network, and not the database
server's own work (PostgreSQL's backend is another process; its share shows as the difference between the
databases in `bench.compare`).

Each path is requested `--warmup` times, then `--requests` times with counting on; the count of a run with no
request (switching the counting on and off) is taken off. `--uncached` sets `READ_CACHE_DISABLED`; `--private`
sends the `demo` account's key (`flask --app wger sample-data` creates it). Needs Debian's `valgrind`; the
command starts itself again under it.
"""

import os
import re
import subprocess
import sys
import tempfile

import click

UNDER_CALLGRIND = "BENCH_UNDER_CALLGRIND"


def _callgrind(*arguments):
    """Run `callgrind_control` on this process; return what it printed."""
    done = subprocess.run(["callgrind_control", *arguments, str(os.getpid())], capture_output=True, text=True,
                          check=True)
    return done.stdout


def _counted(action):
    """The instructions `action()` ran, counting switched on only around it (callgrind reports counts only
    while it counts, so they are read before switching off)."""
    _callgrind("--zero")
    _callgrind("--instr=on")
    action()
    printed = _callgrind("-e")
    _callgrind("--instr=off")
    return int(re.search(r"Th 1\s+([\d,]+)", printed).group(1).replace(",", ""))


def _measure(paths, requests, warmup, private):
    from wger import create_app
    from wger.commands import DEMO_PASSWORD, DEMO_USERNAME

    client = create_app().test_client()
    headers = {"Accept": "application/json"}
    if private:
        login = client.post("/api/v2/login/", json={"username": DEMO_USERNAME, "password": DEMO_PASSWORD})
        headers["Authorization"] = f"Token {login.get_json()['token']}"
    idle = _counted(lambda: None)
    for path in paths:
        first = client.get(path, headers=headers)
        for _ in range(warmup):
            client.get(path, headers=headers)

        def load(path=path):
            for _ in range(requests):
                client.get(path, headers=headers)

        per_request = (_counted(load) - idle) / requests
        click.echo(f"{per_request / 1e6:8.2f} M instructions/request   {first.status_code}  {path}")


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--database", default=None, help="The DATABASE_URL to serve from (default: the app's).")
@click.option("--requests", default=20, show_default=True, help="Counted requests per path.")
@click.option("--warmup", default=10, show_default=True, help="Requests per path before counting.")
@click.option("--uncached", is_flag=True, help="Turn the read caches off (READ_CACHE_DISABLED).")
@click.option("--private", is_flag=True, help="Send the demo account's permanent key.")
def main(paths, database, requests, warmup, uncached, private):
    """Print the CPU instructions each of PATHS costs per request (GET)."""
    if database:
        os.environ["DATABASE_URL"] = database
    if uncached:
        os.environ["READ_CACHE_DISABLED"] = "true"
    if os.environ.get(UNDER_CALLGRIND):
        _measure(paths, requests, warmup, private)
        return
    with tempfile.TemporaryDirectory() as folder:
        command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--quiet",
                   f"--callgrind-out-file={folder}/callgrind.out", sys.executable, "-m", "bench.instructions",
                   *sys.argv[1:]]
        sys.exit(subprocess.run(command, env={**os.environ, UNDER_CALLGRIND: "1"}).returncode)


if __name__ == "__main__":
    main()
