"""A database that is down or stalled answers 503 with `Retry-After` within the configured bounds, and the
server recovers by itself when the database is back; a pooled connection the server closed is replaced
unnoticed, and PostgreSQL reads run without a transaction.

The PostgreSQL tests run a private cluster in a temporary folder (initdb and pg_ctl, as the `postgres`
user when the suite runs as root), stop it for an outage and freeze its processes (SIGSTOP) for a stall.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from flask_migrate import upgrade
from servers import free_port
from sqlalchemy import event

from wger import create_app
from wger.database import db, engine_options

DATABASE_UNAVAILABLE = {"detail": "The database is not available at the moment; please try again shortly."}
# Small bounds, so a fault is answered within seconds: connect 1 s, statement 1 s, any answer 2 s.
BOUNDS = {"DATABASE_CONNECT_TIMEOUT": 1, "DATABASE_STATEMENT_TIMEOUT": 1, "DATABASE_POOL_TIMEOUT": 1}
WITHIN_BOUNDS = 8  # seconds: the bounds above, plus a wide margin for a busy machine
LIST = "/api/v2/muscle/"


def _postgresql_binaries():
    """The folder of initdb, pg_ctl and postgres, or None."""
    candidates = [Path(found).resolve().parent for found in [shutil.which("pg_ctl")] if found]
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


class PrivateCluster:
    """A throwaway PostgreSQL cluster on a free port of 127.0.0.1, owned by this test run."""

    def __init__(self, binaries):
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="wger-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.user = "postgres"
            account = pwd.getpwnam(self.user)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, program, *arguments):
        command = [str(self.binaries / program), *arguments]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def processes(self):
        """The postmaster and every process it started (its backends included)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
        return [postmaster, *map(int, children)]

    def signal_all(self, number):
        for pid in self.processes():
            os.kill(pid, number)

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster():
    binaries = _postgresql_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL's initdb, pg_ctl and postgres are not installed: no private cluster to stop")
    if os.geteuid() == 0 and (shutil.which("runuser") is None or not _has_user("postgres")):
        pytest.skip("running as root without a `postgres` user to run a private PostgreSQL cluster as")
    cluster = PrivateCluster(binaries)
    cluster.start()
    yield cluster
    try:
        cluster.stop()
    finally:
        cluster.remove()


def _has_user(name):
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture(scope="module")
def cluster_app(cluster, tmp_path_factory):
    app = create_app({
        "TESTING": True, "SQLALCHEMY_DATABASE_URI": cluster.url.replace("postgresql://", "postgresql+psycopg://"),
        "SECRET_KEY": "fault-test-secret-key-of-sufficient-length", "READ_CACHE_DISABLED": True,
        "MEDIA_FOLDER": str(tmp_path_factory.mktemp("media")), **BOUNDS,
    })
    with app.app_context():
        upgrade()
    return app


def _timed_get(client, url=LIST):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def _assert_unavailable(response, seconds):
    assert response.status_code == 503
    assert response.json == DATABASE_UNAVAILABLE
    assert response.headers["Retry-After"] == "5"
    assert seconds < WITHIN_BOUNDS


@pytest.mark.parametrize("cached", [False, True], ids=["uncached", "cached"])
def test_an_outage_answers_503_and_the_server_recovers(cluster, cluster_app, monkeypatch, cached):
    """A cached answer too is only served after asking the database for the catalog version."""
    monkeypatch.setitem(cluster_app.config, "READ_CACHE_DISABLED", not cached)
    client = cluster_app.test_client()
    assert client.get(LIST).status_code == 200
    cluster.stop()
    try:
        _assert_unavailable(*_timed_get(client))
    finally:
        cluster.start()
    assert client.get(LIST).status_code == 200


def test_a_stalled_database_answers_503_within_the_bounds_and_the_server_recovers(cluster, cluster_app):
    client = cluster_app.test_client()
    assert client.get(LIST).status_code == 200
    cluster.signal_all(signal.SIGSTOP)
    try:
        _assert_unavailable(*_timed_get(client))
    finally:
        cluster.signal_all(signal.SIGCONT)
    assert client.get(LIST).status_code == 200


def test_a_pooled_connection_the_server_closed_is_replaced_unnoticed(cluster, cluster_app):
    client = cluster_app.test_client()
    assert client.get(LIST).status_code == 200
    with psycopg.connect(cluster.url, autocommit=True) as admin:
        terminated = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        ).fetchone()[0]
    assert terminated >= 1
    time.sleep(0.2)  # the backend's goodbye reaches the pooled socket
    assert client.get(LIST).status_code == 200


def test_reads_run_without_a_transaction_and_writes_in_one(cluster_app):
    """GET statements run in autocommit (no BEGIN and ROLLBACK round trips); a POST keeps its transaction,
    and the connection goes back to the pool as it came."""
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(conn.connection.dbapi_connection.autocommit)

    with cluster_app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        client = cluster_app.test_client()
        assert client.get(LIST).status_code == 200
        reads, seen[:] = seen[:], []
        refused = client.post("/api/v2/login/", json={"username": "nobody", "password": "wrong-password"})
        assert refused.status_code == 400
        writes = seen[:]
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert reads and all(reads)
    assert writes and not any(writes)
    with cluster_app.app_context(), engine.connect() as connection:
        assert connection.connection.dbapi_connection.autocommit is False


def test_a_port_that_accepts_but_never_answers_is_a_503(tmp_path):
    silent = free_port()
    with socket.create_server(("127.0.0.1", silent)) as listener:
        listener.listen()
        app = create_app({
            "TESTING": True, "SQLALCHEMY_DATABASE_URI": f"postgresql+psycopg://postgres@127.0.0.1:{silent}/wger_test",
            "SECRET_KEY": "fault-test-secret-key-of-sufficient-length", "READ_CACHE_DISABLED": True,
            "MEDIA_FOLDER": str(tmp_path / "media"), **BOUNDS,
        })
        _assert_unavailable(*_timed_get(app.test_client()))


def test_an_unreachable_sqlite_file_is_a_503(tmp_path):
    app = create_app({
        "TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'no-such-folder' / 'test.sqlite'}",
        "SECRET_KEY": "fault-test-secret-key-of-sufficient-length", "READ_CACHE_DISABLED": True,
        "MEDIA_FOLDER": str(tmp_path / "media"),
    })
    response = app.test_client().get(LIST)
    assert response.status_code == 503
    assert response.json == DATABASE_UNAVAILABLE


def test_every_wait_on_postgresql_is_bounded():
    options = engine_options("postgresql+psycopg://db/wger", connect_timeout=5, statement_timeout=10, pool_timeout=5)
    assert options == {"pool_timeout": 5,
                       "connect_args": {"connect_timeout": 5, "options": "-c statement_timeout=10000"}}
