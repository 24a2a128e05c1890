"""The generic list and detail views that serve every declared resource.

`register(blueprint, resource)` builds one `MethodView` per URL with only the resource's methods, each
decorated for flask-smorest so the OpenAPI document describes exactly what is served. Every write is one
transaction: validated first, committed once, rolled back on any error.
"""

import sqlalchemy as sa
from flask import request
from flask.views import MethodView
from flask_smorest import abort
from marshmallow import ValidationError, fields

from wger import auth
from wger.api import cache, openapi, replay, rows
from wger.api.actions import build_view
from wger.api.cache import cached_read
from wger.api.fields import RelatedList
from wger.api.filters import openapi_parameters, where_clauses
from wger.api.input_checks import FORM_TYPES, json_body
from wger.api.objects import get_object, read_object, select_objects
from wger.api.pagination import page_bounds, page_links, page_schema
from wger.api.resource import JSON_AND_FORMS
from wger.database import db

registry = []

JSON_TYPES = ("application/json",)
PAGE_PARAMETERS = [
    {"in": "query", "name": "limit", "required": False, "schema": {"type": "integer"},
     "description": "Number of results to return per page."},
    {"in": "query", "name": "offset", "required": False, "schema": {"type": "integer"},
     "description": "The initial index from which to return the results."},
    {"in": "query", "name": "ordering", "required": False, "schema": {"type": "string"},
     "description": "Which fields to use when ordering the results (comma-separated, `-` descending)."},
]


def _form_data(schema_fields):
    """Read a form body; fields that take lists read every value of their key.

    As in DRF, a form says "not given" with an empty value (a browser sends every input of a form): an
    empty non-text field is null where null is allowed, else left out unless required, and a file input
    left empty sends no file.
    """
    data = {}
    for key in request.form:
        values = request.form.getlist(key)
        field = schema_fields.get(key)
        many = isinstance(field, (RelatedList, fields.List))
        value = values if many else values[-1]
        if value == "" and field is not None and not isinstance(field, fields.String):
            if field.allow_none:
                value = None
            elif not field.required:
                continue
        data[key] = value
    data.update({key: upload for key, upload in request.files.items() if upload.filename})
    return data


def read_body(resource=None):
    """Return the request body as a dict: JSON, or a form; anything else (or a type the resource does not
    read, such as JSON for an upload) is a 415.

    Custom actions pass no resource: their form fields are all single-valued.
    """
    if not request.content_length and not request.mimetype:
        return {}
    parses = resource.parses if resource else JSON_AND_FORMS
    is_json = request.mimetype in JSON_TYPES or request.mimetype.endswith("+json")
    if is_json and "application/json" in parses:
        data = request.get_data()
        if not data:
            return {}
        body = json_body(data)
        if not isinstance(body, dict):
            raise ValidationError(
                {"non_field_errors": [f"Invalid data. Expected a dictionary, but got {type(body).__name__}."]}
            )
        return body
    if request.mimetype in FORM_TYPES and request.mimetype in parses:
        return _form_data(resource.schema_fields if resource else {})
    abort(415)


def load_body(resource, partial):
    return resource.schema().load(read_body(resource), partial=partial)


def save(resource, obj, data, created):
    """Apply validated data to `obj` and commit it, or answer 400 and leave the database as it was.

    A unique constraint broken by a concurrent write is answered by `wger.api.errors` (400 naming the fields).
    """
    for key, value in data.items():
        setattr(obj, key, value)
    if created:
        resource.access.stamp(obj)
    if resource.before_save:
        resource.before_save(obj, created)
    resource.check_fits_columns(data)
    resource.check_unique(obj)
    db.session.add(obj)
    db.session.commit()
    return ready_to_dump(resource, obj)


def ready_to_dump(resource, obj):
    """`obj`, once the resource's `before_dump` has fetched what it nests."""
    if resource.before_dump:
        resource.before_dump([obj])
    return obj


PAGE_ARGS = ("limit", "offset")
PAGE_STATEMENTS_KEPT = 512
_built_page_statements = {}


def _build_page_statements(resource, clauses):
    """Return the SELECT of a page's rows, each with the count of every matching row, and the bare COUNT.

    The page's ids are chosen first and its rows loaded after (a deferred join): a deep `?offset=` then
    walks only the ordering index instead of fetching every skipped row. The count rides along as an
    uncorrelated subquery, which the database runs once, so a page that has rows needs no second query.
    (A window `count(*) over ()` over the ids would make PostgreSQL read every matching row before the
    limit: 9,207 ingredients took 30 ms instead of 5.) Limit and offset are parameters. A row is the ORM
    object, or the columns of the resource's `loader` (`wger.api.rows`).
    """
    model = resource.model
    statement = select_objects(resource).where(*clauses)
    ordering = resource.order_by(request.args.get("ordering"))
    count = statement.with_only_columns(sa.func.count(), maintain_column_froms=True)
    page_ids = statement.with_only_columns(model.id).order_by(*ordering)
    page_ids = page_ids.limit(sa.bindparam("limit")).offset(sa.bindparam("offset"))
    objects = resource.loader.statement if resource.loader else sa.select(model).options(*resource.load_options)
    page = (objects.add_columns(count.correlate(None).scalar_subquery().label("count"))
            .where(model.id.in_(page_ids.scalar_subquery())).order_by(*ordering))
    return page, count


def _page_statements(resource, clauses):
    """The page statements of this request's resource, filters and ordering, built once and reused.

    SQLAlchemy memoizes a statement's cache key, so a reused statement is neither built nor keyed again.
    What shapes the statements (the resource and every query parameter but the page bounds) is the key;
    what varies within a shape is a parameter: limit, offset and the owner's id (`wger.api.access`).
    For a private resource, whether anybody is signed in is part of the key too: its access rule scopes an
    anonymous caller to nothing, and that statement must never serve a user. The oldest statements are
    dropped beyond `PAGE_STATEMENTS_KEPT`.
    """
    signed_in = resource.private and auth.current_user() is not None
    args = (item for item in request.args.items(multi=True) if item[0] not in PAGE_ARGS)
    key = (resource.name, signed_in, *args)
    statements = _built_page_statements.get(key)
    if statements is None:
        statements = _build_page_statements(resource, clauses)
        if len(_built_page_statements) >= PAGE_STATEMENTS_KEPT:
            _built_page_statements.pop(next(iter(_built_page_statements)), None)
        _built_page_statements[key] = statements
    return statements


def list_page(resource):
    """Return the requested page of the caller's visible objects, filtered and ordered.

    The filters are read on every request, so a filter naming an object that is gone is refused at once
    even when the page's statements are reused.
    """
    clauses = where_clauses(resource.query_filters, request.args)
    page, count_statement = _page_statements(resource, clauses)
    limit, offset = page_bounds()
    bounds = {"limit": limit, "offset": offset}
    loader = resource.loader
    page_rows = rows.execute(page, bounds) if loader else db.session.execute(page, bounds).all()
    if page_rows:
        count = page_rows[0].count
    elif offset:
        count = db.session.scalar(count_statement)
    else:
        count = 0
    following, preceding = page_links(count, limit, offset)
    results = loader.build(page_rows) if loader else [row[0] for row in page_rows]
    return {"count": count, "next": following, "previous": preceding, "results": results}


def request_body_doc(schema, required=True, media_types=("application/json",)):
    """The OpenAPI `requestBody` of an operation that takes `schema` (as JSON unless `media_types` say
    otherwise), for `blueprint.doc(**...)`."""
    content = {media_type: {"schema": schema} for media_type in media_types}
    return {"requestBody": {"required": required, "content": content}}


def _handlers(blueprint, resource):
    """Build the handler functions of `resource`, decorated for flask-smorest, keyed by URL kind and verb."""
    schema, label = resource.schema, resource.name
    media_types = ("application/json",) if "application/json" in resource.parses else resource.parses[:1]
    body_doc = request_body_doc(schema, media_types=media_types)
    patch_doc = request_body_doc(schema, required=False, media_types=media_types)

    cache = cached_read if resource.cached else (lambda view: view)

    @cache
    @blueprint.doc(summary=f"List {label}", description=resource.description,
                   parameters=PAGE_PARAMETERS + openapi_parameters(resource.query_filters),
                   **openapi.resource_operation(resource, "GET", detail=False))
    @blueprint.response(200, page_schema(schema))
    def list_objects(self):
        resource.access.authorize("GET")
        if resource.answers_for_owner:
            replay.keep_private_answer()
        page = list_page(resource)
        if resource.before_dump:
            resource.before_dump(page["results"])
        return page

    @blueprint.doc(summary=f"Create a {label} object", **body_doc,
                   **openapi.resource_operation(resource, "POST", detail=False))
    @blueprint.response(201, schema)
    def create(self):
        resource.access.authorize("POST")
        obj = resource.model()
        return save(resource, obj, load_body(resource, partial=False), created=True)

    @cache
    @blueprint.doc(summary=f"Read a {label} object", description=resource.description,
                   **openapi.resource_operation(resource, "GET", detail=True))
    @blueprint.response(200, schema)
    def read(self, pk):
        resource.access.authorize("GET")
        if resource.answers_for_owner:
            replay.keep_private_answer()
        return ready_to_dump(resource, read_object(resource, pk))

    @blueprint.doc(summary=f"Replace a {label} object", **body_doc,
                   **openapi.resource_operation(resource, "PUT", detail=True))
    @blueprint.response(200, schema)
    def replace(self, pk):
        resource.access.authorize("PUT")
        obj = get_object(resource, pk)
        return save(resource, obj, load_body(resource, partial=False), created=False)

    @blueprint.doc(summary=f"Update a {label} object", **patch_doc,
                   **openapi.resource_operation(resource, "PATCH", detail=True))
    @blueprint.response(200, schema)
    def update(self, pk):
        resource.access.authorize("PATCH")
        obj = get_object(resource, pk)
        return save(resource, obj, load_body(resource, partial=True), created=False)

    @blueprint.doc(summary=f"Delete a {label} object", **openapi.resource_operation(resource, "DELETE", detail=True))
    @blueprint.response(204)
    def delete(self, pk):
        resource.access.authorize("DELETE")
        obj = get_object(resource, pk)
        if resource.before_delete:
            resource.before_delete(obj)
        db.session.delete(obj)
        db.session.commit()

    return {
        "list": {"GET": list_objects, "POST": create},
        "detail": {"GET": read, "PUT": replace, "PATCH": update, "DELETE": delete},
    }


def _view_class(resource, kind, handlers):
    methods = {verb.lower(): handler for verb, handler in handlers.items() if verb in resource.methods}
    class_name = "".join(part.title() for part in resource.name.split("-")) + kind.title()
    return type(class_name, (MethodView,), {**methods, "resource": resource})


def register(blueprint, resource):
    """Serve `resource` (and its aliases) on `blueprint`: a list URL, a detail URL and its actions' URLs."""
    registry.append(resource)
    resource.blueprint = blueprint.name
    if resource.cached or any(action.cached for action in resource.actions):
        cache.watch(resource.model)
    handlers = _handlers(blueprint, resource)
    list_view = _view_class(resource, "list", handlers["list"])
    detail_view = _view_class(resource, "detail", handlers["detail"])
    action_views = [(action, build_view(blueprint, resource, action)) for action in resource.actions]
    for name in (resource.name, *resource.aliases):
        blueprint.route(f"/{name}/", endpoint=f"{name}-list")(list_view)
        blueprint.route(f"/{name}/<int:pk>/", endpoint=f"{name}-detail")(detail_view)
        for action, view in action_views:
            rule = f"/{name}/<int:pk>/{action.name}/" if action.detail else f"/{name}/{action.name}/"
            blueprint.route(rule, endpoint=f"{name}-{action.name}", methods=list(action.methods))(view)
