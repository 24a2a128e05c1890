"""Version endpoints: what this server implements and the oldest mobile app it supports."""

from flask import current_app, jsonify

from wger.blueprints.core.resources import blueprint

VERSION_DOC = {"200": {"description": "A version string", "content": {"application/json": {
    "schema": {"type": "string", "example": "2.3.0a3"}}}}}


@blueprint.route("/version/", methods=["GET"])
@blueprint.doc(summary="Read the server's version", responses=VERSION_DOC)
def version():
    """Return the version of the wger API this server implements."""
    return jsonify(current_app.config["API_VERSION"])


@blueprint.route("/min-app-version/", methods=["GET"])
@blueprint.doc(summary="Read the minimum supported app version", responses=VERSION_DOC)
def min_app_version():
    """Return the oldest version of the wger mobile app this server supports."""
    return jsonify(current_app.config["MIN_APP_VERSION"])
