"""Every error of the API in the contract's shape.

Field errors are `{"field": ["message"]}` with status 400 (never flask-smorest's 422); everything else is
`{"detail": "..."}`. Unexpected exceptions are logged with a request id and answered with a 500 that shows
no internals. A database that cannot be reached or does not answer in time (`wger.database.engine_options`)
is a 503 with `Retry-After`: the next request reconnects by itself once the database is back.
"""

import logging
import re
import uuid

import sqlalchemy as sa
from flask import current_app, jsonify, request
from marshmallow import ValidationError
from sqlalchemy.exc import DataError, IntegrityError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from wger.database import db

log = logging.getLogger(__name__)

DETAILS = {
    400: "Bad request.",
    401: "Authentication credentials were not provided.",
    403: "You do not have permission to perform this action.",
    404: "Not found.",
    406: "Could not satisfy the request Accept header.",
    409: "Conflict.",
    413: "Request body too large.",
    422: "Bad request.",
    429: "Request was throttled.",
    500: "A server error occurred.",
}
NON_FIELD_ERRORS = "non_field_errors"
CONFLICT = "The object conflicts with existing data."
UNIQUE_VIOLATION = "23505"
DATABASE_UNAVAILABLE = "The database is not available at the moment; please try again shortly."
DATABASE_RETRY_AFTER = 5
DATABASE_FAULTS = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError)


DRF_WORDING = {
    "Missing data for required field.": "This field is required.",
    "Field may not be null.": "This field may not be null.",
    "Not a valid integer.": "A valid integer is required.",
    "Not a valid number.": "A valid number is required.",
    "Not a valid boolean.": "Must be a valid boolean.",
    "Not a valid string.": "Not a valid string.",
    "Not a valid date.": "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
    "Not a valid datetime.": "Datetime has wrong format. Use one of these formats instead: "
    "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
    "Not a valid time.": "Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]].",
    "Not a valid UUID.": "Must be a valid UUID.",
    "Not a valid email address.": "Enter a valid email address.",
    "Special numeric values (nan or infinity) are not permitted.": "A valid number is required.",
}


def _reworded(value):
    """Say marshmallow's messages in the words wger clients know from the original (DRF)."""
    if isinstance(value, list):
        return [_reworded(item) for item in value]
    if isinstance(value, dict):
        return {key: _reworded(item) for key, item in value.items()}
    return DRF_WORDING.get(value, value)


def field_errors(messages):
    """Turn marshmallow or webargs messages into the contract's `{"field": ["message"]}` mapping."""
    return _reworded(_by_field(messages))


def _by_field(messages):
    if isinstance(messages, dict) and set(messages) <= {"json", "query", "form", "files", "json_or_form"}:
        merged = {}
        for location_messages in messages.values():
            merged.update(_by_field(location_messages))
        return merged
    if not isinstance(messages, dict):
        return {NON_FIELD_ERRORS: messages if isinstance(messages, list) else [str(messages)]}
    return {(NON_FIELD_ERRORS if key == "_schema" else str(key)): value for key, value in messages.items()}


def _detail(error):
    data = getattr(error, "data", None) or {}
    if "message" in data:
        return data["message"]
    if error.code == 405:
        return f'Method "{request.method}" not allowed.'
    if error.code == 415:
        return f'Unsupported media type "{request.mimetype}" in request.'
    return DETAILS.get(error.code, error.description)


def _is_private(view):
    resource = getattr(getattr(view, "view_class", None), "resource", None)
    return resource.private if resource is not None else getattr(view, "private", False)


def _routed_view_is_private(error):
    """Whether the URL whose method was not routed belongs to a private resource or a private view."""
    adapter = current_app.create_url_adapter(request)
    rule, _ = adapter.match(method=error.valid_methods[0], return_rule=True)
    return _is_private(current_app.view_functions.get(rule.endpoint))


def _private_prefixes():
    """The fixed beginnings of the private URLs that take an id (`/api/v2/workout/`), found once per app."""
    prefixes = current_app.extensions.get("wger.private_prefixes")
    if prefixes is None:
        prefixes = current_app.extensions["wger.private_prefixes"] = tuple({
            rule.rule.partition("<")[0] for rule in current_app.url_map.iter_rules()
            if "<" in rule.rule and _is_private(current_app.view_functions.get(rule.endpoint))
        })
    return prefixes


def _under_private_url(error):
    """Whether the request is refused by a private URL: its method (405), or an id no URL takes (404, as
    `/workout/abc/`)."""
    if error.code == 405:
        return bool(getattr(error, "valid_methods", None)) and _routed_view_is_private(error)
    return error.code == 404 and request.url_rule is None and request.path.startswith(_private_prefixes())


def _authenticate_first(error):
    """Check credentials before the method and the URL's id, as the original does: an anonymous caller of a
    private endpoint learns nothing about its methods or ids and gets the 401 challenge instead."""
    if not _under_private_url(error):
        return error
    from wger import auth

    try:
        auth.require_user()
    except HTTPException as challenge:
        return challenge
    return error


def http_error_response(error):
    """Build the JSON response for an `HTTPException`, keeping its headers (Allow, WWW-Authenticate...)."""
    error = _authenticate_first(error)
    data = getattr(error, "data", None) or {}
    status = 400 if error.code == 422 else error.code
    if "errors" in data or "messages" in data:
        body = field_errors(data.get("errors", data.get("messages")))
        status = 400
    else:
        body = {"detail": _detail(error)} | ({"code": data["code"]} if "code" in data else {})
        if "token_messages" in data:
            body["messages"] = data["token_messages"]
    response = jsonify(body)
    response.status_code = status
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    for name, value in (data.get("headers") or {}).items():
        response.headers[name] = value
    return response


def validation_error_response(error):
    response = jsonify(field_errors(error.messages))
    response.status_code = 400
    return response


def _broken_unique_constraint(error):
    """`(table, [column, ...])` of the unique constraint a database error reports, or None for another error.

    PostgreSQL names the columns in its detail (`Key (username)=(bob) already exists.`), SQLite in its
    message (`UNIQUE constraint failed: auth_user.username`).
    """
    original = error.orig
    diagnostics = getattr(original, "diag", None)
    if diagnostics is not None:
        detail = re.match(r"Key \((.+?)\)=", diagnostics.message_detail or "")
        if getattr(original, "sqlstate", None) != UNIQUE_VIOLATION or detail is None:
            return None
        return diagnostics.table_name, [column.strip() for column in detail[1].split(",")]
    failed = re.search(r"UNIQUE constraint failed: (.+)$", str(original))
    if failed is None:
        return None
    qualified = [name.strip().rpartition(".") for name in failed[1].split(",")]
    return qualified[0][0], [column for _, _, column in qualified]


# model -> the sets of fields its resources declare unique together, each in its declared order
_declared_unique_sets = {}


def declare_unique_sets(model, unique_together):
    """Remember the order in which `model`'s resources name their unique sets: a conflict names them so."""
    _declared_unique_sets.setdefault(model, []).extend(unique_together)


def _wire_names(table_name, columns):
    """The mapped class of `table_name` and the wire names of its `columns` (a foreign key is named by its
    relationship: `user_id` is `user`)."""
    for mapper in db.Model.registry.mappers:
        if mapper.local_table.name == table_name:
            break
    else:
        return None, columns
    names = {column.name: prop.key for prop in mapper.column_attrs for column in prop.columns}
    for relationship in mapper.relationships:
        if not relationship.uselist:
            names.update({column.name: relationship.key for column in relationship.local_columns})
    return mapper.class_, [names.get(column, column) for column in columns]


def conflict_errors(error):
    """The field errors for a write the database refused: a unique constraint names its fields, as the checks
    before the write would have (a concurrent request got there first); anything else is a conflict."""
    broken = isinstance(error, IntegrityError) and _broken_unique_constraint(error)
    if not broken:
        return {NON_FIELD_ERRORS: [CONFLICT]}
    model, names = _wire_names(*broken)
    if len(names) == 1:
        return {names[0]: ["This field must be unique."]}
    for declared in _declared_unique_sets.get(model, ()):
        if set(declared) == set(names):
            names = list(declared)
    return {NON_FIELD_ERRORS: [f"The fields {', '.join(names)} must make a unique set."]}


def database_conflict_response(error):
    """Answer a write the database refused with the contract's 400, after undoing the whole transaction."""
    db.session.rollback()
    log.info("Write refused by the database on %s %s: %s", request.method, request.path, error.orig)
    response = jsonify(conflict_errors(error))
    response.status_code = 400
    return response


def unexpected_error_response(error):
    """Log the exception with a request id and answer 500 with that id only."""
    if isinstance(error, HTTPException):
        return http_error_response(error)
    request_id = uuid.uuid4().hex
    log.exception("Unhandled error [request %s] on %s %s", request_id, request.method, request.path)
    response = http_error_response(InternalServerError())
    response.headers["X-Request-ID"] = request_id
    return response


def database_unavailable_response(error):
    """Answer 503 when the database refused, dropped or did not answer (the cause goes to the log only)."""
    cause = str(getattr(error, "orig", None) or error).strip().splitlines()[0][:300]
    log.warning("Database unavailable on %s %s: %s: %s", request.method, request.path, type(error).__name__, cause)
    unavailable = ServiceUnavailable(retry_after=DATABASE_RETRY_AFTER)
    unavailable.data = {"message": DATABASE_UNAVAILABLE}
    return http_error_response(unavailable)


def register_error_handlers(app):
    app.register_error_handler(ValidationError, validation_error_response)
    app.register_error_handler(IntegrityError, database_conflict_response)
    app.register_error_handler(DataError, database_conflict_response)
    for fault in DATABASE_FAULTS:
        app.register_error_handler(fault, database_unavailable_response)
    app.register_error_handler(Exception, unexpected_error_response)
    app.register_error_handler(HTTPException, http_error_response)

