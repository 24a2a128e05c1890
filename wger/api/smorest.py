"""Our one subclass of flask-smorest's `Api`: errors in the contract's shape (served and documented), the
schema as JSON or YAML, and decimals documented as the strings they are."""

import http

import flask
import flask_smorest
import yaml
from flask_smorest.utils import prepare_response
from marshmallow import fields

from wger.api import errors, openapi
from wger.api.fields import Related, RelatedList

YAML_TYPES = ("application/yaml", "application/vnd.oai.openapi", "text/yaml")


def decimal_as_string(self, field, ret, **kwargs):
    """Document decimals as what they are on the wire: strings (`"80.00"`), as the original's schema does;
    a decimal read as a number (a query argument) keeps its bounds, as plain numbers.

    apispec would call them numbers and write their bounds as strings, which is not valid OpenAPI; the
    bounds move into the description instead.
    """
    if not isinstance(field, fields.Decimal):
        return {}
    if not field.as_string:
        return {key: float(ret[key]) for key in ("minimum", "maximum") if key in ret}
    bounds = [f"{word} {ret.pop(key)}" for key, word in (("minimum", "at least"), ("maximum", "at most")) if key in ret]
    documented = {"type": "string", "format": "decimal"}
    if bounds:
        documented["description"] = "A decimal number, " + " and ".join(bounds) + "."
    return documented


def related_ids(self, field, ret, **kwargs):
    """Document foreign keys as the ids they are on the wire, and many-to-many lists as lists of ids."""
    if isinstance(field, Related):
        return {"type": "integer"}
    if isinstance(field, RelatedList):
        return {"type": "array", "items": {"type": "integer"}}
    return {}


class Api(flask_smorest.Api):
    ERROR_SCHEMA = openapi.DetailSchema

    def init_app(self, app, *args, **kwargs):
        """Start the extension; each start builds a new spec, so the decimal rule is added once per app."""
        super().init_app(app, *args, **kwargs)
        self.ma_plugin.converter.add_attribute_function(decimal_as_string)
        self.ma_plugin.converter.add_attribute_function(related_ids)

    def _register_doc_blueprint(self):
        """Serve the document and its pages with a trailing slash too (`/api/v2/schema/`), as people type it.

        The added rules come after the originals, so `url_for` still builds the paths without the slash.
        """
        super()._register_doc_blueprint()
        app, docs = self._app, self._make_doc_blueprint_name()
        for rule in list(app.url_map.iter_rules()):
            if rule.endpoint.startswith(f"{docs}.") and not rule.rule.endswith("/"):
                app.add_url_rule(f"{rule.rule}/", endpoint=rule.endpoint, view_func=app.view_functions[rule.endpoint])

    def _register_responses(self):
        """Document every error status with the body `errors.py` sends: 400 a field-error mapping or a
        detail, the others a detail."""
        openapi.register_components(self.spec)
        self.spec.components.schema(openapi.DETAIL, schema=self.ERROR_SCHEMA)
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status == http.HTTPStatus.BAD_REQUEST:
                response["content"] = openapi.bad_request_content()
            elif status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, self.DEFAULT_RESPONSE_CONTENT_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Any other error", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, self.DEFAULT_RESPONSE_CONTENT_TYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)

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


api = Api()
