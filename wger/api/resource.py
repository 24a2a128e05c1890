"""`Resource`: one endpoint of the API, declared as data and checked when it is declared.

A declaration names the URL, model, schema, methods, access rule, filters, ordering allow-list and actions
(views beside the list and detail URLs, see `wger.api.actions`); the generic views in `wger.api.views`
serve every resource from it. What data cannot say goes in four hooks: `scope_query(statement, args)`
narrows the query of list, detail and actions (hand-parsed filters, a restricted queryset),
`before_save(obj, created)` adjusts an object before it is checked and committed, `before_delete(obj)`
runs before an object is deleted, in the same transaction, and `before_dump(objects)` fetches in one go
what the objects of a page (or the one object) nest from elsewhere, such as catalog dumps. A nested document
read often may name a `loader` (`wger.api.rows.RowLoader`): its reads then load light objects with Core
statements instead of ORM objects with `load_options`, for the same schema to dump. Filters and
ordering names may be paths through relationships (`exerciseday__training`). A misspelt field, filter,
ordering name, owner path or action raises at import time, not on the first request.
"""

import decimal
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
from marshmallow import Schema, ValidationError

from wger.api import paths
from wger.api.access import Owned, Public
from wger.api.errors import declare_unique_sets
from wger.api.filters import build_filters
from wger.database import db

READ_ONLY = ("GET",)
CRUD = ("GET", "POST", "PUT", "PATCH", "DELETE")
ALL_FIELDS = "__all__"
JSON_AND_FORMS = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
FORMS_ONLY = ("multipart/form-data", "application/x-www-form-urlencoded")


def _wire_names(model):
    """All column-backed wire names of `model`: its columns, with foreign keys named by relationship."""
    mapper = sa.inspect(model)
    names = {column.key: column.key for column in mapper.column_attrs}
    for relationship in mapper.relationships:
        if not relationship.uselist:
            (column,) = relationship.local_columns
            names.pop(column.key, None)
            names[relationship.key] = relationship.key
    return tuple(names)


def _column_limits(model, schema_fields):
    """`(wire name, attribute, column type)` of every writable field stored in a column of bounded size: a
    `String(n)` or a `Numeric(precision, scale)`."""
    columns = sa.inspect(model).columns
    limits = []
    for name, schema_field in schema_fields.items():
        column = None if schema_field.dump_only else columns.get(schema_field.attribute or name)
        column_type = getattr(column, "type", None)
        if (isinstance(column_type, sa.String) and column_type.length) or (
            isinstance(column_type, sa.Numeric) and not isinstance(column_type, sa.Float) and column_type.precision
        ):
            limits.append((name, schema_field.attribute or name, column_type))
    return limits


def _exceeds(column_type, value):
    """DRF's message when `value` does not fit the column, else None."""
    if isinstance(column_type, sa.String):
        if isinstance(value, str) and len(value) > column_type.length:
            return f"Ensure this field has no more than {column_type.length} characters."
        return None
    whole_digits = column_type.precision - (column_type.scale or 0)
    if isinstance(value, int | float | decimal.Decimal) and abs(value) >= 10**whole_digits:
        return f"Ensure that there are no more than {whole_digits} digits before the decimal point."
    return None


@dataclass
class Resource:
    """The declaration of one endpoint: `/api/v2/<name>/` and `/api/v2/<name>/<id>/`."""

    name: str
    model: type
    schema: type[Schema]
    description: str
    methods: tuple = READ_ONLY
    access: object = field(default_factory=Public)
    filters: dict = field(default_factory=dict)
    ordering: tuple | str = ALL_FIELDS
    default_ordering: tuple = ()
    load_options: tuple = ()
    loader: object | None = None  # a RowLoader: reads load light objects with it, not ORM objects
    unique_together: tuple = ()
    not_found_noun: str | None = None  # the noun of "No <noun> matches the given query." (404)
    aliases: tuple = ()
    before_save: Callable | None = None
    before_delete: Callable | None = None
    before_dump: Callable | None = None
    scope_query: Callable | None = None
    cached: bool = False
    parses: tuple = JSON_AND_FORMS  # the request body types read; any other is a 415
    actions: tuple = ()
    charts: Callable | None = None  # charts(statement) -> charts drawn on the browsable page (wger.api.charts)

    def __post_init__(self):
        if self.cached and self.access.private:
            raise ValueError(f"{self.name}: only public reads may be cached")
        self.access.bind(self.model)
        self.query_filters = build_filters(self.model, self.filters)
        names = _wire_names(self.model) if self.ordering == ALL_FIELDS else self.ordering
        defaults = [name.removeprefix("-") for name in self.default_ordering]
        self.sort_keys = {name: paths.sortable(self.model, name).sort_key() for name in (*names, *defaults)}
        self.ordering_columns = {name: self.sort_keys[name] for name in names}
        self.unique_columns = [[paths.resolve(self.model, name).column for name in names]
                               for names in self.unique_together]
        declare_unique_sets(self.model, self.unique_together)
        self._check_actions()
        self.not_found_noun = self.not_found_noun or self.model.__name__
        self.schema_fields = self.schema().fields
        self.column_limits = _column_limits(self.model, self.schema_fields)

    @property
    def private(self):
        return self.access.private

    @property
    def answers_for_owner(self):
        """Whether each GET answer is the caller's own data (and the catalog's): only then may it be kept for
        the caller (`wger.api.replay`); shared objects change with their owners' writes."""
        return isinstance(self.access, Owned)

    def order_by(self, requested):
        """Return ORDER BY columns for `?ordering=a,-b` over the allow-list; unknown names are dropped.

        The id is always the last key, so pages never overlap or skip objects whose other keys tie.
        """
        terms = [term.strip() for term in (requested or "").split(",") if term.strip()]
        known = [term for term in terms if term.removeprefix("-") in self.ordering_columns]
        columns = []
        for term in known or self.default_ordering:
            key = self.sort_keys[term.removeprefix("-")]
            columns.append(key.desc() if term.startswith("-") else key.asc())
        return [*columns, self.model.id.asc()]

    def _check_actions(self):
        names = [action.name for action in self.actions]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: two actions share a name in {names}")
        for action in self.actions:
            if action.cached and self.access.private:
                raise ValueError(f"{self.name}/{action.name}: only public reads may be cached")

    def check_fits_columns(self, data):
        """Raise the contract's 400 for a value longer or larger than its column holds.

        SQLite would store it and PostgreSQL refuse it: checked here, both databases answer the same.
        """
        errors = {}
        for name, attribute, column_type in self.column_limits:
            message = _exceeds(column_type, data.get(attribute))
            if message:
                errors[name] = [message]
        if errors:
            raise ValidationError(errors)

    def check_unique(self, obj):
        """Raise the contract's 400 when `obj` would repeat another object's unique field combination.

        The check runs without autoflush: flushing the changed `obj` first would hit the database's own
        unique constraint and fail with an IntegrityError instead of this 400.
        """
        with db.session.no_autoflush:
            self._check_unique(obj)

    def _check_unique(self, obj):
        for names, columns in zip(self.unique_together, self.unique_columns, strict=True):
            statement = sa.select(self.model.id).where(
                *(column == getattr(obj, column.key) for column in columns)
            )
            if obj.id is not None:
                statement = statement.where(self.model.id != obj.id)
            if db.session.execute(statement).first() is not None:
                raise ValidationError(
                    {"non_field_errors": [f"The fields {', '.join(names)} must make a unique set."]}
                )
