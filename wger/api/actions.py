"""Actions: views beside a resource's URLs (`/workout/<id>/log_data/`, `/exercise/search/`), declared on the
`Resource` and served by the same machinery as its list and detail.

Declaring is the only way to add one, so the safe way is the only way: `wger.api.views.register` routes an
action for the resource's name and every alias, runs the resource's access rule first, hands a detail
action the object loaded through the resource's scoped query (another user's object is a 404 before the
handler runs), parses the query string with the declared `args` schema (the contract's 400 on bad values),
dumps the handler's result with the `response` schema and documents all of it in the OpenAPI document.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from flask import jsonify, request
from marshmallow import Schema
from werkzeug.exceptions import HTTPException

from wger.api import openapi, replay
from wger.api.cache import cached_read
from wger.api.errors import field_errors
from wger.api.objects import find_object, not_found


@dataclass(frozen=True)
class Action:
    """One action of a resource.

    `handler(obj, args)` for a detail action (`/<name>/<id>/<action>/`), `handler(args)` for one on the
    list URL (`detail=False`); it returns what `response` dumps, or a `Response` passed through unchanged.
    Its docstring's first line is the OpenAPI summary. `load_options` eager-load what the handler reads.
    `missing_body` is answered (200) instead of the 404 for an id that matches no visible object, where the
    contract says so. `on_invalid_args(errors)` answers arguments that fail `args` instead of the 400,
    where the contract has its own shape for them. `cached` keeps a public action's answers like cached
    resource reads.
    """

    name: str
    handler: Callable
    response: type[Schema]
    args: type[Schema] | None = None
    detail: bool = True
    methods: tuple = ("GET",)
    load_options: tuple = ()
    missing_body: object = None
    on_invalid_args: Callable | None = None
    cached: bool = False


def _humanised(resource, action):
    return f"{resource.name}-{action.name}".replace("-", "_")


def _parse_failure(error):
    """The field errors of a query string the `args` schema refused, or None for any other HTTP error."""
    data = getattr(error, "data", None) or {}
    return field_errors(data["messages"]) if error.code == 400 and "messages" in data else None


def build_view(blueprint, resource, action):
    """The view function of `action`, decorated for flask-smorest so the document describes it."""

    def handle(*parsed, pk=None):
        args = parsed[0] if parsed else {}
        if not action.detail:
            return action.handler(args)
        obj = find_object(resource, pk, action.load_options)
        if obj is None:
            if action.missing_body is not None:
                return jsonify(action.missing_body)
            not_found(resource)
        return action.handler(obj, args)

    handle.__doc__ = action.handler.__doc__
    documented = handle
    if action.args is not None:
        documented = blueprint.arguments(action.args, location="query", error_status_code=400)(documented)
    documented = blueprint.response(200, action.response)(documented)
    documented = blueprint.doc(**openapi.action_operation(resource, action))(documented)
    if action.missing_body is not None:
        documented = blueprint.doc(**openapi.either_body(action.response, action.missing_body))(documented)

    @functools.wraps(documented)
    def view(**path):
        resource.access.authorize(request.method)
        if resource.answers_for_owner and request.method == "GET":
            replay.keep_private_answer()
        try:
            return documented(**path)
        except HTTPException as error:
            errors = _parse_failure(error)
            if errors is None or action.on_invalid_args is None:
                raise
            return jsonify(action.on_invalid_args(errors))

    view.__name__ = _humanised(resource, action)
    view.private = resource.private
    return cached_read(view) if action.cached else view
