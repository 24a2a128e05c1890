"""Reads of nested documents without the ORM: an object graph as light objects, in a fixed number of statements.

A nested document (a base with its category, muscles, images, translations and their aliases...) loaded by the
ORM's selectin loading spent most of its time in the ORM itself (identity map, `set_committed_value`, a cache
key per loader statement), not in the database. `RowLoader(model, *relationships, **nested)` names what a
document reads, as selectin options did, and loads the same graph with Core statements: many-to-one
relationships are joined into the model's own statement, and each collection is one statement keyed by the
ids of the objects that hold it (a nested `RowLoader` says what each member holds in turn).

The objects are light: a row's columns as attributes under the model's attribute names, and the model's own
properties (computed values such as `author_history`), so the schema's compiled dumper (`wger.api.dump`)
writes them exactly as it writes the ORM's objects, and the schema stays the one declaration of the document.
Collections come in their relationship's `order_by`. Within one load an object is made once however many rows
name it (a muscle trained by every base of a page), as the ORM's identity map does. Nothing writes light
objects back.
"""

import functools

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import RelationshipDirection
from sqlalchemy.sql.visitors import InternalTraversal

from wger.database import db

IDS = "ids"


class AmongIds(sa.ColumnElement):
    """`column IN (:ids)` for a list of ids given at execution, written as one parameter: `column = ANY(:ids)`
    on PostgreSQL, `column IN (SELECT value FROM json_each(:ids))` on SQLite.

    An IN list of twenty parameters is a statement of its own for every number of ids: SQLAlchemy writes it
    out anew at each execution (on SQLite a third of a small statement's time) and PostgreSQL plans it anew
    (up to twice the time of the array's).
    """

    inherit_cache = True
    type = sa.Boolean()
    _is_implicitly_boolean = True  # a condition as it is, not `... = 1` where booleans are integers
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column):
        self.column = column


@compiles(AmongIds)
def _in_list(element, compiler, **kw):
    return compiler.process(element.column.in_(sa.bindparam(IDS, expanding=True)), **kw)


@compiles(AmongIds, "postgresql")
def _any_of_array(element, compiler, **kw):
    ids = sa.bindparam(IDS, type_=sa.ARRAY(element.column.type))
    return compiler.process(element.column == sa.any_(ids), **kw)


@compiles(AmongIds, "sqlite")
def _in_json_array(element, compiler, **kw):
    ids = sa.select(sa.column("value")).select_from(sa.func.json_each(sa.bindparam(IDS, type_=sa.JSON)))
    return compiler.process(element.column.in_(ids.scalar_subquery()), **kw)


class Light:
    """A row's values as attributes."""

    def __init__(self, values):
        self.__dict__.update(values)


@functools.cache
def light_class(model):
    """The class of `model`'s light objects: `Light` with the model's properties."""
    properties = {name: value for cls in reversed(model.__mro__) for name, value in vars(cls).items()
                  if isinstance(value, property)}
    return type(f"Light{model.__name__}", (Light,), properties)


def execute(statement, params=None):
    """The rows of a Core `statement`, on the session's connection and in its transaction.

    The session's own `execute` would add its ORM execution steps to every statement for nothing.
    """
    return db.session.connection().execute(statement, params).all()


def _primary_key(model):
    mapper = sa.inspect(model)
    (column,) = mapper.primary_key
    return mapper.get_property_by_column(column).key


class _Part:
    """Where one model's columns sit in a row, and how they become one light object per primary key."""

    def __init__(self, model, start):
        mapper = sa.inspect(model)
        self.columns = list(mapper.columns)
        self.keys = tuple(mapper.columns.keys())
        self.start, self.end = start, start + len(self.keys)
        self.pk_at = start + self.keys.index(_primary_key(model))
        self.make = light_class(model)

    def light(self, row, made):
        """The light object of `row`'s columns (None for an outer join's missing row), made once per pk."""
        pk = row[self.pk_at]
        obj = made.get(pk)
        if obj is None and pk is not None:
            obj = made[pk] = self.make(zip(self.keys, row[self.start:self.end], strict=True))
        return obj


class _Collection:
    """One collection relationship: rows of its members, each led by the id of the object holding it.

    A one-to-many member's relationship back to its holder is set too, for the model's properties that read it
    (an image's `exercise_base_uuid`)."""

    def __init__(self, relationship, loader):
        self.key, self.loader = relationship.key, loader
        self.back = relationship.back_populates if relationship.direction is RelationshipDirection.ONETOMANY else None
        ((_, holder_key),) = relationship.synchronize_pairs
        from_clause = loader.from_clause
        if relationship.secondary is not None:
            ((target_id, target_key),) = relationship.secondary_synchronize_pairs
            from_clause = from_clause.join(relationship.secondary, target_id == target_key)
        self.statement = (sa.select(holder_key, *loader.columns).select_from(from_clause)
                          .where(AmongIds(holder_key))
                          .order_by(*(relationship.order_by or ())))

    def fill(self, holders):
        """Set the collection on every holder (light objects by id), in one statement."""
        for holder in holders.values():
            holder.__dict__[self.key] = []
        rows = execute(self.statement, {IDS: list(holders)})
        for row, member in zip(rows, self.loader.build(rows, offset=1), strict=True):
            holder = holders[row[0]]
            holder.__dict__[self.key].append(member)
            if self.back:
                member.__dict__[self.back] = holder


class RowLoader:
    """How to read `model`'s objects with the `relationships` named (and, for the collections named as keywords,
    what their members hold, by a nested `RowLoader`)."""

    def __init__(self, model, *relationships, **nested):
        mapper = sa.inspect(model)
        self.own = _Part(model, 0)
        self.columns, self.from_clause = list(self.own.columns), model.__table__
        self.joined, self.collections = [], []
        for key in (*relationships, *nested):
            relationship = mapper.relationships[key]
            target = relationship.mapper.class_
            if relationship.direction is RelationshipDirection.MANYTOONE:
                ((own_key, target_id),) = relationship.local_remote_pairs
                self.from_clause = self.from_clause.join(target.__table__, own_key == target_id,
                                                         isouter=own_key.nullable)
                part = _Part(target, len(self.columns))
                self.columns += part.columns
                self.joined.append((key, part))
            else:
                self.collections.append(_Collection(relationship, nested.get(key) or RowLoader(target)))

    @property
    def statement(self):
        """The SELECT of the model's rows and what their many-to-one relationships name, unfiltered; columns
        added after these are left alone by `build`."""
        return sa.select(*self.columns).select_from(self.from_clause)

    def load(self, *where):
        """The light objects of the rows that match `where`, in the database's order."""
        return self.build(execute(self.statement.where(*where)))

    def build(self, rows, offset=0):
        """The light objects of `rows` (this loader's columns from `offset` on), in row order, collections
        loaded: one statement per collection, whatever the number of rows."""
        if offset:
            rows = [row[offset:] for row in rows]
        made = {}
        objects = [self.own.light(row, made) for row in rows]
        for key, part in self.joined:
            made_here = {}
            for obj, row in zip(objects, rows, strict=True):
                obj.__dict__[key] = part.light(row, made_here)
        if self.collections and made:
            for collection in self.collections:
                collection.fill(made)
        return objects
