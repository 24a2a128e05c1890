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

from collections import OrderedDict
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, g, request
from marshmallow import Schema, fields

from wger.api import cache
from wger.database import db

MAX_ENTRIES = 8192

_dumps = OrderedDict()
_version = [None]


def _forget_if_changed():
    """Empty the memory if the catalog changed since it was filled; read once per request."""
    if "catalog_version" in g:
        return
    g.catalog_version = cache.current_version()
    if g.catalog_version != _version[0]:
        _dumps.clear()
        _version[0] = g.catalog_version


@dataclass(frozen=True, eq=False)
class CatalogDumps:
    """The dumps of `model`'s objects by `schema`, loaded with `load_options` (what the schema reads)."""

    schema: type[Schema]
    model: type
    load_options: tuple = ()

    def by_id(self, ids):
        """Return `{id: dump}` for `ids` (an id that matches no object is left out)."""
        kept = not current_app.config.get("READ_CACHE_DISABLED")
        if kept:
            _forget_if_changed()
        host = request.host_url
        found, missing = {}, []
        for pk in dict.fromkeys(ids):
            dump = _dumps.get((self, host, pk)) if kept else None
            if dump is None:
                missing.append(pk)
            else:
                _dumps.move_to_end((self, host, pk))
                found[pk] = dump
        if missing:
            objects = db.session.scalars(
                sa.select(self.model).where(self.model.id.in_(missing)).options(*self.load_options)
            ).all()
            for obj, dump in zip(objects, self.schema(many=True).dump(objects), strict=True):
                found[obj.id] = dump
                if kept:
                    _dumps[(self, host, obj.id)] = dump
            while len(_dumps) > MAX_ENTRIES:
                _dumps.popitem(last=False)
        return found


class Dumped(fields.Nested):
    """A nested object handed over already dumped (from a `CatalogDumps`): written as it is, documented by its
    schema."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value

