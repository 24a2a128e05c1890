"""Limit/offset pagination with the contract's body: `{"count", "next", "previous", "results"}`.

`?limit=` defaults to `PAGE_SIZE` (20); an invalid, zero or negative limit falls back to it, and a larger
one is capped at `MAX_PAGE_SIZE`. `next` and `previous` are absolute URLs that keep every other parameter.
"""

from functools import cache
from urllib.parse import urlencode

from flask import current_app, request
from marshmallow import fields

from wger.api.dump import CompiledSchema
from wger.api.limits import OFFSET_MAX


def _positive_int(name):
    try:
        value = int(request.args.get(name, ""))
    except ValueError:
        return None
    return value if value > 0 else None


def page_bounds():
    """Return `(limit, offset)` for the current request."""
    limit = _positive_int("limit") or current_app.config["PAGE_SIZE"]
    limit = min(limit, current_app.config["MAX_PAGE_SIZE"])
    offset = min(_positive_int("offset") or 0, OFFSET_MAX)
    return limit, offset


def query_url(path, changes):
    """`path` with the current query string, some parameters replaced (or removed when None)."""
    args = request.args.copy()
    for name, value in changes.items():
        args.pop(name, None)
        if value is not None:
            args[name] = value
    query = urlencode(list(args.items(multi=True)))
    return path + (f"?{query}" if query else "")


def _url_with(**changes):
    return query_url(request.base_url, changes)


def page_links(count, limit, offset):
    """Return the `next` and `previous` URLs of the page at `offset`, None where there is no such page."""
    following = _url_with(limit=limit, offset=offset + limit) if offset + limit < count else None
    if offset <= 0:
        preceding = None
    elif offset - limit <= 0:
        preceding = _url_with(limit=limit, offset=None)
    else:
        preceding = _url_with(limit=limit, offset=offset - limit)
    return following, preceding


@cache
def page_schema(item_schema):
    """Return (once per item schema) the envelope schema of a page of `item_schema` objects, compiled like
    the item schema so a page is dumped as one document."""
    name = item_schema.__name__.removesuffix("Schema")
    return CompiledSchema.from_dict(
        {
            "count": fields.Integer(required=True),
            "next": fields.Url(allow_none=True, required=True),
            "previous": fields.Url(allow_none=True, required=True),
            "results": fields.List(fields.Nested(item_schema), required=True),
        },
        name=f"Paginated{name}List",
    )
