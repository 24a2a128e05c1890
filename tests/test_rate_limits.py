"""Rate limits and the account lockout hold exactly under a real multi-worker gunicorn, with no Redis: the
counters are rows of the app's database, changed by single atomic statements."""

import collections
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from servers import GunicornServer

# Each password hash takes some milliseconds, so parallel requests overlap in every worker (with the
# cheapest hash one worker may answer a whole burst alone, and per-worker counters would pass unnoticed).
OVERLAPPING_ARGON2 = {"PASSWORD_HASH_TIME_COST": 2, "PASSWORD_HASH_MEMORY_COST": 16384, "PASSWORD_HASH_PARALLELISM": 1}


@pytest.fixture
def serve(app):
    """Return `serve(workers, threads, **settings)`: gunicorn on the suite's database, stopped after the test."""
    servers = []

    def start(workers=2, threads=1, **settings):
        server = GunicornServer(app.config["SQLALCHEMY_DATABASE_URI"], workers=workers, threads=threads,
                                **OVERLAPPING_ARGON2, **settings)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def _statuses_of_parallel_posts(url, bodies):
    """POST every body at once (from as many threads) and count the answers by status."""
    start = threading.Barrier(len(bodies))

    def post(body):
        start.wait()
        return requests.post(url, json=body, timeout=60).status_code

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return collections.Counter(pool.map(post, bodies))


def test_ten_a_minute_on_token_lets_exactly_ten_through_two_workers(serve):
    server = serve(workers=2)
    wrong = {"username": "nobody", "password": "wrong-password"}
    assert _statuses_of_parallel_posts(f"{server.url}/api/v2/token", [wrong] * 25) == {401: 10, 429: 15}


def test_five_registrations_a_minute_across_four_workers(serve):
    server = serve(workers=4)
    bodies = [{"username": f"new{number}", "password": "a-good-password", "email": f"new{number}@example.com"}
              for number in range(12)]
    assert _statuses_of_parallel_posts(f"{server.url}/api/v2/register/", bodies) == {201: 5, 429: 7}


def test_sixty_parallel_wrong_passwords_check_exactly_the_failure_limit(serve, make_user):
    make_user("alice")
    server = serve(workers=3, threads=4, LOGIN_RATE_LIMIT="1000/minute")
    wrong = {"username": "alice", "password": "wrong-password"}
    assert _statuses_of_parallel_posts(f"{server.url}/api/v2/token", [wrong] * 60) == {401: 10, 403: 50}
