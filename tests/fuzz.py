"""Fuzz the served API against its own OpenAPI document, as an outside client would (`make fuzz`, run by CI).

Starts gunicorn (2 workers) on a fresh SQLite database with the sample data, then runs schemathesis over
every operation twice, anonymous and with the demo account's JWT, seeded and bounded. It fails on any
server error and on any response whose status, content type, headers or body the document does not
describe. How strictly the server validates input is not judged here (the contract accepts some values
a schema would not, such as a `limit` that is not a number): that is the suite's job.

    .venv/bin/python tests/fuzz.py [--max-examples 15] [--seed 20261202] [--port 8101]
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHECKS = ("not_a_server_error,status_code_conformance,content_type_conformance,"
          "response_schema_conformance,response_headers_conformance")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer {url} within {seconds} s")


def _demo_token(base):
    body = json.dumps({"username": "demo", "password": "demodemo"}).encode()
    request = urllib.request.Request(f"{base}/api/v2/token", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["access"]


def _schemathesis(base, arguments, folder, headers=()):
    """Run schemathesis from `folder`: its cache (`.schemathesis/`, relative to the working directory) goes
    with the temporary folder, never into the tree, and a seeded run does not replay an earlier run's finds."""
    command = [str(BIN / "schemathesis"), "run", f"{base}/api/v2/schema", "--checks", CHECKS,
               "--phases", "examples,coverage,fuzzing", "--max-examples", str(arguments.max_examples),
               "--seed", str(arguments.seed), "--workers", "2", "--no-color"]
    for header in headers:
        command += ["--header", header]
    return subprocess.run(command, cwd=folder, check=False).returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=15)
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--port", type=int, default=0, help="where the server listens (default: any free port)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wger-fuzz-") as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/fuzz.sqlite", "MEDIA_FOLDER": f"{folder}/media",
               "SECRET_KEY": "fuzzing-only-secret-key-of-sufficient-length", "ACCESS_TOKEN_LIFETIME": "120"}
        for step in (["db", "upgrade"], ["sample-data"]):
            subprocess.run([str(BIN / "flask"), "--app", "wger", *step], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
        port = arguments.port or _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", "--limit-request-line", "8190",
             "wsgi:app"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(f"{base}/api/v2/version/")
            token = _demo_token(base)
            print("== anonymous ==", flush=True)
            anonymous = _schemathesis(base, arguments, folder)
            print("== with the demo account's token ==", flush=True)
            authenticated = _schemathesis(base, arguments, folder, headers=(f"Authorization: Bearer {token}",))
        finally:
            server.terminate()
            server.wait(timeout=30)
    if anonymous or authenticated:
        raise SystemExit("schemathesis found responses the document does not describe (see above)")


if __name__ == "__main__":
    main()
