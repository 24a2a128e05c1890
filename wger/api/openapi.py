"""What the OpenAPI document says beyond the schemas: which errors each operation can answer, in the shapes
`wger.api.errors` sends them, and how a caller authenticates.

Every status an operation may answer is listed on it, derived from the same declaration that serves it
(private or public, detail or list, with a body or not), so a client or a fuzzer reading the document is
never surprised: 400 is a field-error mapping (`{"field": ["message"]}`) or a `{"detail"}`, every other
error a `{"detail"}`.
"""

from http import HTTPStatus

from marshmallow import Schema, fields

FIELD_ERRORS = "FieldErrors"
DETAIL = "Detail"
SECURITY_SCHEMES = {
    "jwtAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                "description": "An access token from `POST /api/v2/token` (`Bearer: <token>` works too)."},
    "tokenAuth": {"type": "apiKey", "in": "header", "name": "Authorization",
                  "description": "The permanent API key, sent as `Token <key>`."},
    "sessionAuth": {"type": "apiKey", "in": "cookie", "name": "session",
                    "description": "The session of the login page; unsafe methods need the `X-CSRFToken` header."},
}
AUTHENTICATED = [{name: []} for name in SECURITY_SCHEMES]
BODY_METHODS = ("POST", "PUT", "PATCH")


class DetailSchema(Schema):
    """Every error but a field error: a sentence, and for a refused token simplejwt's `code` (and, for an access
    token refused by an API view, its `messages`: `token_class`, `token_type` and `message`, why it failed)."""

    detail = fields.String(required=True)
    code = fields.String()
    messages = fields.List(fields.Dict(keys=fields.String(), values=fields.String()))


def register_components(spec):
    """Add the field-error schema, the 400 response that may carry it, and the security schemes."""
    spec.components.schema(FIELD_ERRORS, {
        "type": "object",
        "description": "Messages by field or query parameter; `non_field_errors` for the body as a whole.",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    })
    for name, scheme in SECURITY_SCHEMES.items():
        spec.components.security_scheme(name, scheme)


def bad_request_content():
    return {"application/json": {"schema": {"anyOf": [
        {"$ref": f"#/components/schemas/{FIELD_ERRORS}"}, {"$ref": f"#/components/schemas/{DETAIL}"},
    ]}}}


def operation(statuses, authenticated):
    """The `blueprint.doc` keywords of an operation that may answer `statuses` besides its success, 401 (any
    operation refuses credentials it cannot accept, public ones too) and 503 (`Retry-After`), which any
    operation answers while the database is unavailable."""
    return {
        "responses": {str(status): HTTPStatus(status).name for status in sorted({*statuses, 401, 503})},
        "security": AUTHENTICATED if authenticated else [],
    }


def resource_operation(resource, method, detail):
    """The error statuses and security of a generic list or detail operation of `resource`."""
    statuses = {400, 406, *resource.access.refusals(method)}
    if detail:
        statuses.add(404)
    if method in BODY_METHODS:
        statuses.update((413, 415))
    return operation(statuses, authenticated=bool(resource.access.refusals(method)))


def action_operation(resource, action):
    """The error statuses and security of an action of `resource`, over all of its methods."""
    refusals = {status for method in action.methods for status in resource.access.refusals(method)}
    statuses = {400, 406, *refusals}
    if action.detail and action.missing_body is None:
        statuses.add(404)
    return operation(statuses, authenticated=bool(refusals))


def either_body(schema, other_body):
    """Document a 200 that is either `schema` or the fixed `other_body` (a detail action's answer for an
    unknown id, where the contract has one)."""
    literal = {"type": "array", "maxItems": 0} if other_body == [] else {"enum": [other_body]}
    return {"responses": {"200": {"description": "OK", "content": {
        "application/json": {"schema": {"anyOf": [schema, literal]}}}}}}
