"""The API root, `/api/v2/`: every resource name mapped to the absolute URL of its list."""

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from wger.api.views import registry

blueprint = Blueprint("api-root", __name__, url_prefix="/api/v2", description="The API root")


@blueprint.route("/")
class Root(MethodView):
    @blueprint.doc(responses={"200": {"description": "Endpoint names and URLs", "content": {"application/json": {
        "schema": {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}}}}}})
    def get(self):
        """List every endpoint of the API with its URL"""
        return {
            name: url_for(f"{resource.blueprint}.{name}-list", _external=True)
            for resource in registry
            for name in (resource.name, *resource.aliases)
        }
