"""Real HTTP servers for tests: a WSGI app in a thread (the browser walk, the sync's upstreams), and the app
under gunicorn with several workers (limits that must hold across processes)."""

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent


class ThreadedServer:
    """Serve `wsgi_app` on a free port of 127.0.0.1 until `stop()`; `url` is its base URL."""

    def __init__(self, wsgi_app):
        self.server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.thread.join()


class GunicornServer:
    """The app as `make run` serves it: gunicorn with `workers` processes (and `threads` each) on a free port
    of 127.0.0.1, on the database at `database_url`, configured by `settings` (environment variables)."""

    def __init__(self, database_url, workers=2, threads=1, **settings):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        environment = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "TEST_DATABASE_URL")}
        environment.update({"DATABASE_URL": database_url, "SECRET_KEY": "gunicorn-test-secret-key-of-sufficient-length",
                            **{key: str(value) for key, value in settings.items()}})
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed by stop)
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "--workers", str(workers), "--threads", str(threads),
             "--bind", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT, env=environment, stdout=self.log, stderr=subprocess.STDOUT,
        )
        self._wait_until_answering()

    def _wait_until_answering(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"gunicorn exited: {self.log.read()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v2/version/", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {seconds} s")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
