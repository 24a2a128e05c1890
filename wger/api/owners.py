"""Every change to a user's own data counts in that user's `data_version`, in the same transaction.

A private answer kept in memory (`wger.api.replay`) is replayed only while its user's `data_version` and the
catalog version are what they were when it was built, so it is never stale either. The rule that names the
owner is the one that scopes reads: the owner path of each `Owned` resource (`wger.api.access`), declared
once. A flushed object of an owned model counts for the user at the end of its path; a user, or anything
else holding a `user_id`, for that user. A change nobody owns and no catalog cache watches (groups,
permissions...) is rare, and counts as a catalog change, which no kept answer outlives. Permanent keys
are read only to find the caller, never written into an answer, so writing them counts for nobody.

Writes that bypass the ORM (`sa.update`, `sa.delete` on a connection) count for nobody: the code that makes
them on a user's data calls `bump(connection, user_ids)` itself.
"""

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from wger.api import cache
from wger.models import Token, User

_owner_paths = {}
UNCOUNTED = (Token,)


def owned_through(model, relationships, user_key):
    """Name `model`'s owner: follow the many-to-one `relationships` from an object, then read its `user_key`."""
    hops, current = [], model
    for relationship in relationships:
        (column,) = relationship.property.local_columns
        target = relationship.property.mapper.class_
        hops.append((current.__mapper__.get_property_by_column(column).key, target))
        current = target
    _owner_paths.setdefault(model, (tuple(hops), user_key))


def _owner_id(session, obj, changed):
    """The id of the user `obj` belongs to; None when it belongs to nobody known.

    Parents are found by their ids, which a new or deleted object still holds: among the flushed objects
    first (a parent deleted with its children), then in the session.
    """
    if isinstance(obj, User):
        return obj.id
    path = _owner_paths.get(type(obj))
    if path is None:
        return getattr(obj, "user_id", None)
    hops, user_key = path
    for id_key, parent_model in hops:
        parent_id = getattr(obj, id_key)
        if parent_id is None:
            return None
        obj = changed.get((parent_model, parent_id)) or session.get(parent_model, parent_id)
        if obj is None:
            return None
    return getattr(obj, user_key)


def bump(connection, user_ids):
    """Count a change to the data of `user_ids` in the connection's transaction."""
    users = User.__table__
    connection.execute(
        sa.update(users).where(users.c.id.in_(sorted(user_ids))).values(data_version=users.c.data_version + 1)
    )


@event.listens_for(Session, "after_flush")
def _bump_on_flush(session, flush_context):
    """Count the flushed changes for their owners, so the count commits or rolls back with the changes."""
    flushed = (*session.new, *session.dirty, *session.deleted)
    changed = {(type(obj), getattr(obj, "id", None)): obj for obj in flushed}
    owners, unowned = set(), False
    for obj in flushed:
        if isinstance(obj, UNCOUNTED) or cache.is_watched(obj):
            continue
        owner = _owner_id(session, obj, changed)
        if owner is None:
            unowned = True
        else:
            owners.add(owner)
    connection = session.connection()
    if owners:
        bump(connection, owners)
    if unowned:
        cache.bump_version(connection)
