"""Dumps of public catalog objects, kept in the worker's memory for the private documents that nest them.

A workout's `canonical_representation` nests an `exercisebaseinfo` object for every exercise, a plan's
`nutritionplaninfo` an `ingredientinfo` object for every item: loading and dumping those graphs (translations,
aliases, images, muscles, units, licenses...) cost most of such a document, request after request, although
the catalog barely changes. A `CatalogDumps` keeps each object's dump by id, so a document loads only its
own rows and the ids they name, and the dumps of objects not yet in memory are loaded together, in a fixed
number of queries however many they are.

The memory is never stale, by the rule of `wger.api.cache`: every catalog change moves the version on, the
version is read once per request before any dump is taken from memory, and a new version empties it (in
every worker, on its next request). Dumps are kept per host URL, as media URLs in them name it. Stored dumps
are shared between responses: nothing may change them.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, g, request
from marshmallow import Schema, fields

from wger.api import cache
from wger.database import db

MAX_ENTRIES = 8192

_dumps = cache.CatalogMemory(MAX_ENTRIES)


def _memory():
    """The dumps to read and fill: the worker's, emptied first if the catalog changed since they were made
    (the version is read once per request); only this request's when the read cache is turned off."""
    if "catalog_dumps" not in g:
        disabled = current_app.config.get("READ_CACHE_DISABLED")
        g.catalog_dumps = cache.CatalogMemory(MAX_ENTRIES) if disabled else _dumps.fresh()
    return g.catalog_dumps


@dataclass(frozen=True, eq=False)
class CatalogDumps:
    """The dumps of `model`'s objects by `schema`, loaded with `load_options` (what the schema reads), or as
    light objects by `loader` (a `wger.api.rows.RowLoader`)."""

    schema: type[Schema]
    model: type
    load_options: tuple = ()
    loader: object | None = None

    def by_id(self, ids):
        """Return `{id: dump}` for `ids` (an id that matches no object is left out)."""
        memory, host = _memory(), request.host_url
        found, missing = {}, []
        for pk in dict.fromkeys(ids):
            dump = memory.recall((self, host, pk))
            if dump is None:
                missing.append(pk)
            else:
                found[pk] = dump
        if missing:
            objects = self._load(self.model.id.in_(missing))
            for obj, dump in zip(objects, self.schema(many=True).dump(objects), strict=True):
                found[obj.id] = memory.keep((self, host, obj.id), dump)
        return found

    def _load(self, where):
        if self.loader:
            return self.loader.load(where)
        return db.session.scalars(sa.select(self.model).where(where).options(*self.load_options)).all()


class Dumped(fields.Nested):
    """A nested object handed over already dumped (from a `CatalogDumps`): written as it is, documented by its
    schema."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value


class CatalogObject(Dumped):
    """A catalog object named by the id that `attribute` holds, written from `catalog`'s memory; with `part`,
    only that field of its dump (documented by that field's schema)."""

    def __init__(self, catalog, part=None, **kwargs):
        nested = catalog.schema._declared_fields[part].nested if part else catalog.schema
        super().__init__(nested, dump_only=True, **kwargs)
        self.catalog, self.part = catalog, part

    def get_value(self, obj, attr, accessor=None, default=None):
        pk = super().get_value(obj, attr, accessor=accessor)
        dump = None if pk is None else self.catalog.by_id((pk,)).get(pk)
        return dump[self.part] if self.part and dump is not None else dump
