"""The API root, `/api/v2/`: every resource name mapped to the absolute URL of its list."""

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from wger.api.views import registry

_listed_after = {}


def list_after(anchor, name, endpoint):
    """List `name` (a custom endpoint, not a `Resource`) in the root right after the resource `anchor`.

    Keeps the contract's key order for singletons such as `userprofile` that are written as actions.
    """
    _listed_after.setdefault(anchor, []).append((name, endpoint))


def _entries():
    for resource in registry:
        for name in (resource.name, *resource.aliases):
            yield name, f"{resource.blueprint}.{name}-list"
        yield from _listed_after.get(resource.name, ())


blueprint = Blueprint("api-root", __name__, url_prefix="/api/v2", description="The API root")


@blueprint.route("/")
class Root(MethodView):
    @blueprint.doc(responses={"200": {"description": "Endpoint names and URLs", "content": {"application/json": {
        "schema": {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}}}}}})
    def get(self):
        """List every endpoint of the API with its URL"""
        return {name: url_for(endpoint, _external=True) for name, endpoint in _entries()}
