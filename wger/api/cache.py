"""Cached public reads that are never stale.

The catalog (exercises, ingredients, muscles...) changes rarely and is read constantly: apps sync whole
lists. A cached resource keeps each GET's JSON body in the worker's memory, keyed by its URL. Every
ORM flush that touches a model of a cached resource (`watch`, called as resources are registered)
increments `DataVersion` in the same transaction, and every cached read compares that counter first (one
small query): a write is visible on the very next request, from every worker, where the original's
`cache_page` served data up to an hour old. Writes to other models (a user's own data) leave the cache be.
Stored JSON carries an ETag, so a client that sends it back in `If-None-Match` gets a bodiless 304.
An anonymous plain-JSON read is answered sooner still, by `wger.api.replay`, under the same version rule.
"""

import contextlib
import functools
import hashlib
import os
import threading
from collections import OrderedDict

import sqlalchemy as sa
from flask import current_app, g, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from wger.database import db
from wger.models import DataVersion

VERSION_ROW = 1
VERSION_SQL = f"SELECT version FROM core_dataversion WHERE id = {VERSION_ROW}"
MAX_ENTRIES = 2048
MAX_BYTES = 64 * 2**20
# WSGI environ keys: the version `wger.api.replay` read for this request, and its mark on an answer it may keep.
VERSION_KEY = "wger.catalog_version"
REPLAYABLE = "wger.replayable"

_watched_models = set()
_version_readers = threading.local()


def watch(model):
    """Count every change to `model` as a catalog change: some cached answer is built from it."""
    _watched_models.add(model)


def is_watched(obj):
    """Whether a change to `obj` is a catalog change."""
    return type(obj) in _watched_models


def _touches_catalog(session):
    changed = (*session.new, *session.dirty, *session.deleted)
    return any(is_watched(obj) for obj in changed)


def bump_version(connection):
    """Count a catalog change in the connection's transaction; bulk writers that bypass the ORM call it too."""
    connection.execute(
        sa.update(DataVersion).where(DataVersion.id == VERSION_ROW).values(version=DataVersion.version + 1)
    )


@event.listens_for(Session, "after_flush")
def _bump_on_catalog_flush(session, flush_context):
    """Count a flushed catalog change, so the count commits or rolls back with the change itself."""
    if _touches_catalog(session):
        bump_version(session.connection())


def current_version(engine=None):
    """The catalog version, read on a connection of this thread's own with the driver's cursor (of `engine`,
    by default the app's).

    It is asked on every cached read, and the pool's checkout and return, an ORM statement, or even
    SQLAlchemy's result objects around this one query cost more than the rest of a cached answer.
    """
    return read_row(VERSION_SQL, (), engine)[0]


def read_row(sql, parameters=(), engine=None):
    """The first row of `sql` (in the driver's parameter style), or None, read on this thread's connection
    for versions.

    The connection reads without a transaction, so it always sees what was last committed. A failure of the
    query, or of connecting anew, closes it (the next read connects anew) and is raised as SQLAlchemy's
    error, which is a 503.
    """
    engine = engine or db.engine
    driver_error = engine.dialect.loaded_dbapi.Error
    try:
        cursor = _version_reader(engine).cursor()
        cursor.execute(sql, parameters)
        return cursor.fetchone()
    except driver_error as error:
        broken = _version_readers.by_engine.pop(engine, None)
        if broken is not None:
            broken.close()
        raise sa.exc.DBAPIError.instance(sql, None, error, driver_error) from error


def _version_reader(engine):
    """This thread's connection for the version (one per engine; a forked worker makes its own)."""
    if getattr(_version_readers, "pid", None) != os.getpid():
        _version_readers.pid, _version_readers.by_engine = os.getpid(), {}
    connection = _version_readers.by_engine.get(engine)
    if connection is None:
        pooled = engine.raw_connection()
        connection = pooled.driver_connection
        pooled.detach()
        if hasattr(connection, "autocommit"):
            connection.autocommit = True
        _version_readers.by_engine[engine] = connection
    return connection


def request_version():
    """The catalog version for this request, read once; `wger.api.replay` may have read it already, and keeps
    an answer under the version it was built at."""
    environ = request.environ
    if VERSION_KEY not in environ:
        environ[VERSION_KEY] = current_version()
    return environ[VERSION_KEY]


class Memory(OrderedDict):
    """A worker's memory of at most `size` values, and at most `budget` bytes of those kept with a weight,
    forgetting the least recently used: however many different pages clients ask for, and however large,
    a worker's memory stays bounded.

    `recall()` reads a value; `keep()` stores one. Under a threaded worker another thread may forget a value
    between two steps of these: the value is then merely gone, never an error.
    """

    def __init__(self, size, budget=None):
        super().__init__()
        self.size, self.budget = size, budget
        self.weights, self.weight = {}, 0

    def recall(self, key):
        """The value kept under `key`, now the most recently used; None when there is none."""
        value = self.get(key)
        if value is not None:
            with contextlib.suppress(KeyError):
                self.move_to_end(key)
        return value

    def keep(self, key, value, weight=0):
        """Keep `value` (of `weight` bytes) and return it; a value over the whole budget is not kept."""
        self.forget(key)
        if self.budget is not None and weight > self.budget:
            return value
        self[key] = value
        self.weights[key] = weight
        self.weight += weight
        while self and (len(self) > self.size or (self.budget is not None and self.weight > self.budget)):
            with contextlib.suppress(KeyError, StopIteration, RuntimeError):
                self.forget(next(iter(self)))
        return value

    def forget(self, key):
        with contextlib.suppress(KeyError):
            del self[key]
        self.weight -= self.weights.pop(key, 0)

    def clear(self):
        super().clear()
        self.weights, self.weight = {}, 0


class CatalogMemory(Memory):
    """A memory of what was built from catalog data, never older than the catalog: `fresh()` empties it
    when the version (this request's, unless given) moved on since it was filled."""

    def __init__(self, size, budget=None):
        super().__init__(size, budget)
        self.version = None

    def fresh(self, version=None):
        if version is None:
            version = request_version()
        if version != self.version:
            self.clear()
            self.version = version
        return self


_bodies = CatalogMemory(MAX_ENTRIES, MAX_BYTES)


def plain_json():
    """Whether this request gets the stored bytes as they are (not indented, not the browsable page)."""
    return g.get("api_format", "json") == "json" and g.get("json_indent") is None


def _stored_answer(body, etag):
    """The stored body, or 304 when the client already holds it (`If-None-Match`); plain JSON answers are
    marked for `wger.api.replay` to keep."""
    if not plain_json():
        return current_app.response_class(body, mimetype="application/json")
    request.environ[REPLAYABLE] = True
    if etag in request.if_none_match:
        response = current_app.response_class(status=304)
    else:
        response = current_app.response_class(body, mimetype="application/json")
    response.set_etag(etag)
    return response


def _url_key():
    """The requested URL as the WSGI server hands it over: it decides the body (its links name the
    scheme, host and path) as `request.url` does, without the decoding that cost as much as the lookup."""
    environ = request.environ
    return (environ["wsgi.url_scheme"], request.host, request.root_path, environ["PATH_INFO"],
            environ.get("QUERY_STRING", ""))


def cached_read(view):
    """Serve a 200 GET of `view` from memory while the catalog version is unchanged, with an ETag."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if current_app.config.get("READ_CACHE_DISABLED"):
            return view(*args, **kwargs)
        bodies = _bodies.fresh()
        key = _url_key()
        stored = bodies.recall(key)
        if stored is not None:
            return _stored_answer(*stored)
        response = view(*args, **kwargs)
        if response.status_code == 200:
            body = response.get_data()
            etag = hashlib.blake2b(body, digest_size=16).hexdigest()
            return _stored_answer(*bodies.keep(key, (body, etag), len(body)))
        return response

    return wrapper
