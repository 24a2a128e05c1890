"""A resource's objects as the caller may see them: the one query that lists, details and actions share.

Every read starts from the access rule's scope and the resource's `scope_query`, so no view can load an
object its caller may not see: another user's object is simply not found.
"""

import sqlalchemy as sa
from flask import request
from flask_smorest import abort

from wger.database import db


def select_objects(resource):
    """The caller's visible objects of `resource`, as a SELECT that filters and pages narrow further."""
    statement = resource.access.scope(sa.select(resource.model))
    if resource.scope_query:
        statement = resource.scope_query(statement, request.args)
    return statement


def find_object(resource, pk, options=()):
    """The visible object with id `pk`, loaded with the resource's options and `options`, or None."""
    statement = select_objects(resource).where(resource.model.id == pk).options(*resource.load_options, *options)
    return db.session.scalars(statement).first()


def not_found(resource):
    abort(404, message=f"No {resource.not_found_noun} matches the given query.")


def get_object(resource, pk, options=()):
    """The visible object with id `pk`, or the contract's 404 naming the resource's noun."""
    obj = find_object(resource, pk, options)
    if obj is None:
        not_found(resource)
    return obj


def read_object(resource, pk):
    """The visible object with id `pk` as a read dumps it: a light object where the resource has a `loader`
    (`wger.api.rows`), else the ORM object; or the contract's 404."""
    if resource.loader is None:
        return get_object(resource, pk)
    model = resource.model
    visible = select_objects(resource).where(model.id == pk).with_only_columns(model.id)
    found = resource.loader.load(model.id.in_(visible.scalar_subquery()))
    if not found:
        not_found(resource)
    return found[0]
