"""The API root, `/api/v2/`: every endpoint name mapped to the absolute URL of its list.

`entries()` is the one list of served names (resources, their aliases and custom singletons such as
`userprofile`), in the contract's order: blueprint by blueprint as the app registered them, each
blueprint's resources in their declared order. The JSON root and the browsable root page both read it.
"""

from dataclasses import dataclass

from flask import current_app, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from wger.api.views import registry


@dataclass(frozen=True)
class Entry:
    name: str
    endpoint: str
    private: bool
    methods: tuple
    description: str
    alias_of: str | None = None


_listed_after = {}


def list_after(anchor, entry):
    """List `entry` (a custom endpoint, not a `Resource`) in the root right after the resource `anchor`.

    Keeps the contract's key order for singletons such as `userprofile` that are written as actions.
    """
    _listed_after.setdefault(anchor, []).append(entry)


def entries():
    """Every served name, blueprint by blueprint in the order the app registered them (the contract's)."""
    position = {name: index for index, name in enumerate(current_app.blueprints)}
    result = []
    for resource in sorted(registry, key=lambda resource: position.get(resource.blueprint, len(position))):
        for name in (resource.name, *resource.aliases):
            result.append(Entry(
                name, f"{resource.blueprint}.{name}-list", resource.private, resource.methods,
                resource.description, resource.name if name != resource.name else None,
            ))
        result.extend(_listed_after.get(resource.name, ()))
    return result


blueprint = Blueprint("api-root", __name__, url_prefix="/api/v2", description="The API root")


@blueprint.route("/")
class Root(MethodView):
    @blueprint.doc(responses={"200": {"description": "Endpoint names and URLs", "content": {"application/json": {
        "schema": {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}}}}}})
    def get(self):
        """List every endpoint of the API with its URL"""
        return {entry.name: url_for(entry.endpoint, _external=True) for entry in entries()}
