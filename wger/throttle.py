"""Rate limits per client address for the endpoints that take passwords (decision 14).

The rate comes from a setting, read per request so tests and deployments can change it. The client
address honours `X-Forwarded-For` only as far as the `NUM_PROXIES` trusted proxies in front of us wrote
it: a client can prepend any addresses it likes, but not the ones our own proxies append.

Counting is a fixed window of the `limits` library. The counters live where every worker sees them, so a
limit holds exactly however many workers or servers answer: in the application's database by default
(`DatabaseStorage`, one atomic upsert per hit), in Redis when `RATE_LIMIT_STORAGE` is a `redis://` URL.
Only the throttled views look at them: a view without a limit pays nothing.
"""

import functools
import math
import time

import sqlalchemy as sa
from flask import current_app, request
from flask_smorest import abort
from limits import parse
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy.dialects import postgresql, sqlite

from wger.database import db
from wger.models import RateLimitCounter

DATABASE = "database"


class DatabaseStorage(Storage):
    """`limits` counters in the `rate_limit_counter` table of the app's database.

    `incr` is one `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` in its own transaction: the database
    serialises concurrent hits on a key, so no two workers ever read the same count.
    """

    STORAGE_SCHEME = ["wger-database"]
    counters = RateLimitCounter.__table__

    @property
    def base_exceptions(self):
        return sa.exc.SQLAlchemyError

    def incr(self, key, expiry, amount=1):
        now = time.time()
        insert = (postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert)(self.counters)
        expired = self.counters.c.expires_at <= now
        statement = insert.values(key=key, count=amount, expires_at=now + expiry).on_conflict_do_update(
            index_elements=[self.counters.c.key],
            set_={"count": sa.case((expired, amount), else_=self.counters.c.count + amount),
                  "expires_at": sa.case((expired, now + expiry), else_=self.counters.c.expires_at)},
        ).returning(self.counters.c.count)
        with db.engine.begin() as connection:
            count = connection.execute(statement).scalar_one()
        if count == amount:
            self._forget_expired(now)
        return count

    def _forget_expired(self, now):
        """Delete the windows that have ended, once per new window (in a transaction of its own, so it never
        holds a counter's lock while waiting for another). It is housekeeping: a conflict just leaves the
        rows to the next new window."""
        try:
            with db.engine.begin() as connection:
                connection.execute(sa.delete(self.counters).where(self.counters.c.expires_at <= now))
        except sa.exc.OperationalError:
            return

    def _live(self, key):
        statement = sa.select(self.counters.c.count, self.counters.c.expires_at).where(
            self.counters.c.key == key, self.counters.c.expires_at > time.time())
        with db.engine.connect() as connection:
            return connection.execute(statement).first()

    def get(self, key):
        row = self._live(key)
        return row.count if row else 0

    def get_expiry(self, key):
        row = self._live(key)
        return row.expires_at if row else time.time()

    def check(self):
        with db.engine.connect() as connection:
            connection.execute(sa.select(1))
        return True

    def reset(self):
        with db.engine.begin() as connection:
            return connection.execute(sa.delete(self.counters)).rowcount

    def clear(self, key):
        with db.engine.begin() as connection:
            connection.execute(sa.delete(self.counters).where(self.counters.c.key == key))


def rate_limiter(app=None):
    """The app's fixed-window limiter on the storage `RATE_LIMIT_STORAGE` names, made once per storage."""
    app = app or current_app
    where = app.config["RATE_LIMIT_STORAGE"]
    limiters = app.extensions.setdefault("wger-rate-limiters", {})
    if where not in limiters:
        storage = DatabaseStorage() if where == DATABASE else storage_from_string(where)
        limiters[where] = FixedWindowRateLimiter(storage)
    return limiters[where]


def client_address():
    """The address the nearest untrusted hop connected from: with N trusted proxies, the N-th entry of
    `X-Forwarded-For` from the right; without any, the socket's peer."""
    trusted = current_app.config["NUM_PROXIES"]
    if trusted:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.remote_addr or "unknown"


def _hit(setting, view_name):
    """Count this request against the rate of `setting`; 429 with `Retry-After` once it is used up."""
    limiter = rate_limiter()
    rate = parse(current_app.config[setting])
    identity = (view_name, client_address())
    if limiter.hit(rate, *identity):
        return
    seconds = max(1, math.ceil(limiter.get_window_stats(rate, *identity).reset_time - time.time()))
    abort(429, message=f"Request was throttled. Expected available in {seconds} seconds.",
          headers={"Retry-After": str(seconds)})


def throttle(setting):
    """Limit the POSTs of a view to the rate named by `setting`, per client address and view."""

    def decorate(view):
        view_name = f"{view.__module__}.{view.__name__}"

        @functools.wraps(view)
        def throttled(*args, **kwargs):
            if request.method == "POST":
                _hit(setting, view_name)
            return view(*args, **kwargs)

        return throttled

    return decorate
