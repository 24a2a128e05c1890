"""Insert-or-update by natural key, reporting what happened, for the sample data and the sync alike."""

import uuid as uuid_module
from collections import Counter

import sqlalchemy as sa

from wger.database import db

ADDED, UPDATED, UNCHANGED, SKIPPED = "added", "updated", "unchanged", "skipped"


def as_uuid(value):
    return value if isinstance(value, uuid_module.UUID) else uuid_module.UUID(str(value))


def advance_id_sequence(model):
    """After inserting explicit ids, move PostgreSQL's id sequence past them so new rows get free ids."""
    if db.engine.dialect.name == "postgresql":
        table = model.__table__.name
        db.session.execute(
            sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1)) FROM {table}")
        )


def upsert(model, key, values):
    """Find the `model` row matching `key` (a dict of columns), create it if missing, apply `values`.

    Returns `(obj, outcome)`; the outcome is `unchanged` when every value was already there, so a second
    run of a loader reports nothing to do.
    """
    obj = db.session.scalars(sa.select(model).filter_by(**key)).first()
    if obj is None:
        obj = model(**key, **values)
        db.session.add(obj)
        return obj, ADDED
    for name, value in values.items():
        setattr(obj, name, value)
    return obj, (UPDATED if db.session.is_modified(obj) else UNCHANGED)


class Tally:
    """Counts of outcomes per kind of object, and the reasons of the skipped ones, grouped.

    `lines()` reports one line per kind, then one indented line per distinct reason a row was skipped
    for: a report stays a few lines long whatever the number of rows.
    """

    def __init__(self):
        self.counts = {}
        self.reasons = {}

    def add(self, kind, outcome):
        self.counts.setdefault(kind, Counter())[outcome] += 1

    def skip(self, kind, reason):
        self.add(kind, SKIPPED)
        self.reasons.setdefault(kind, Counter())[reason] += 1

    def lines(self):
        lines = []
        for kind, counts in self.counts.items():
            lines.append(f"{kind}: {counts[ADDED]} added, {counts[UPDATED]} updated, {counts[UNCHANGED]} unchanged, "
                         f"{counts[SKIPPED]} skipped")
            reasons = self.reasons.get(kind, Counter())
            lines.extend(f"  {count} skipped: {reason}" for reason, count in reasons.most_common())
        return lines

    def changed(self, kind):
        counts = self.counts.get(kind, Counter())
        return counts[ADDED] + counts[UPDATED]
