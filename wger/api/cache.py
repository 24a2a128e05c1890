"""Cached public reads that are never stale.

The catalog (exercises, ingredients, muscles...) changes rarely and is read constantly: apps sync whole
lists. A cached resource keeps each GET's JSON body in the worker's memory, keyed by the full URL. Every
ORM flush that touches a model of a cached resource (`watch`, called as resources are registered)
increments `DataVersion` in the same transaction, and every cached read compares that counter first (one
small query): a write is visible on the very next request, from every worker, where the original's
`cache_page` served data up to an hour old. Writes to other models (a user's own data) leave the cache be.
"""

import functools
from collections import OrderedDict

import sqlalchemy as sa
from flask import current_app, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from wger.database import db
from wger.models import DataVersion

VERSION_ROW = 1
MAX_ENTRIES = 2048

_bodies = OrderedDict()
_cached_version = [None]
_watched_models = set()


def watch(model):
    """Count every change to `model` as a catalog change: some cached answer is built from it."""
    _watched_models.add(model)


def _touches_catalog(session):
    changed = (*session.new, *session.dirty, *session.deleted)
    return any(type(obj) in _watched_models for obj in changed)


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


def _current_version():
    return db.session.scalar(sa.select(DataVersion.version).where(DataVersion.id == VERSION_ROW))


def cached_read(view):
    """Serve a 200 GET of `view` from memory while the catalog version is unchanged."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if current_app.config.get("READ_CACHE_DISABLED"):
            return view(*args, **kwargs)
        version = _current_version()
        if version != _cached_version[0]:
            _bodies.clear()
            _cached_version[0] = version
        key = request.url
        body = _bodies.get(key)
        if body is not None:
            _bodies.move_to_end(key)
            return current_app.response_class(body, mimetype="application/json")
        response = view(*args, **kwargs)
        if response.status_code == 200:
            _bodies[key] = response.get_data()
            if len(_bodies) > MAX_ENTRIES:
                _bodies.popitem(last=False)
        return response

    return wrapper
