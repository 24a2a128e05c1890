"""Our one subclass of flask-smorest's `Api`: errors in the contract's shape and the schema as JSON or YAML."""

import flask
import flask_smorest
import yaml

from wger.api import errors

YAML_TYPES = ("application/yaml", "application/vnd.oai.openapi", "text/yaml")


class Api(flask_smorest.Api):
    def handle_http_exception(self, error):
        """Shape every HTTP error raised anywhere, including flask-smorest's own, as the contract says."""
        return errors.http_error_response(error)

    def _openapi_json(self):
        """Serve the OpenAPI document: JSON by default, YAML for `?format=yaml` or a YAML Accept header."""
        wants_yaml = flask.request.args.get("format") == "yaml" or (
            flask.request.accept_mimetypes.best_match(("application/json", *YAML_TYPES)) in YAML_TYPES
        )
        if wants_yaml:
            body = yaml.safe_dump(self.spec.to_dict(), sort_keys=False, allow_unicode=True)
            return flask.current_app.response_class(body, mimetype="application/vnd.oai.openapi")
        return flask.jsonify(self.spec.to_dict())
