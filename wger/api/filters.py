"""Query-string filters declared as `{"field": ["exact", "gt", "in"]}`, the way django-filter reads them.

Each declared lookup becomes one documented query parameter (`weight`, `weight__gt`, `id__in`,
`datetime__date`). A field may be a path through relationships (`ingredient__uuid`, see `wger.api.paths`),
and `Via` names a parameter apart from its field; the `any` lookup matches a comma list of ids.
Parameters are AND-joined; unknown ones are ignored, as are empty values and booleans other than
`true`/`false`/`1`/`0`. A value of the wrong type, or a reference to an object that does not exist, is a 400
naming the parameter.
"""

import datetime as dt
import decimal
import operator
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from marshmallow import ValidationError

from wger.api import access, paths
from wger.api.limits import INTEGER_MAX, INTEGER_MIN, fits_integer_column, spells_an_id
from wger.database import db

COMPARISONS = {"exact": operator.eq, "gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}
LOOKUPS = {*COMPARISONS, "in", "date", "any"}
UNSUFFIXED = ("exact", "any")
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
TRUE_WORDS, FALSE_WORDS = {"true", "1"}, {"false", "0"}
NUMBER_LIMIT = decimal.Decimal("1e50")


@dataclass(frozen=True)
class Via:
    """A filter whose parameter is named apart from the field it reads:
    `{"category": Via("exercise_base__category", ["any"])}` serves `?category=` on a related field."""

    path: str
    lookups: list


class IgnoredValue(Exception):
    """A value the filter skips instead of rejecting (an unrecognised boolean)."""


def _boolean(text):
    lowered = text.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise IgnoredValue


def _number(kind):
    """A decimal or float parameter, finite and within django-filter's bounds (±1e50), with its messages."""

    def convert(text):
        try:
            value = decimal.Decimal(text.strip())
        except ArithmeticError:
            raise ValidationError("Enter a number.") from None
        if not value.is_finite():
            raise ValidationError("Enter a number.")
        if value > NUMBER_LIMIT:
            raise ValidationError("Ensure this value is less than or equal to 1e+50.")
        if value < -NUMBER_LIMIT:
            raise ValidationError("Ensure this value is greater than or equal to -1e+50.")
        return kind(value)

    return convert


def _integer(text):
    try:
        value = int(text)
    except ValueError:
        raise ValidationError("Enter a number.") from None
    if not fits_integer_column(value):
        raise ValidationError(f"Ensure this value is between {INTEGER_MIN} and {INTEGER_MAX}.")
    return value


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError("Enter a valid date.") from None


def _time(text):
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise ValidationError("Enter a valid time.") from None


def _datetime(text):
    """Parse ISO 8601; a `+` of an offset that arrived unescaped (decoded as a space) is put back."""
    candidates = (text, text[::-1].replace(" ", "+", 1)[::-1])
    for candidate in candidates:
        try:
            value = dt.datetime.fromisoformat(candidate.replace("Z", "+00:00"))
            break
        except ValueError:
            continue
    else:
        raise ValidationError("Enter a valid date/time.")
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _uuid(text):
    try:
        return uuid.UUID(text)
    except ValueError:
        raise ValidationError("Enter a valid UUID.") from None


CONVERTERS = {
    bool: (_boolean, {"type": "boolean"}),
    int: (_integer, {"type": "integer"}),
    float: (_number(float), {"type": "number"}),
    decimal.Decimal: (_number(decimal.Decimal), {"type": "number"}),
    dt.date: (_date, {"type": "string", "format": "date"}),
    dt.datetime: (_datetime, {"type": "string", "format": "date-time"}),
    dt.time: (_time, {"type": "string", "format": "time"}),
    uuid.UUID: (_uuid, {"type": "string", "format": "uuid"}),
    str: (str, {"type": "string"}),
}


@dataclass
class Filter:
    """One query parameter: which field it reads (`path`), with which lookup, and how its text converts."""

    param: str
    path: paths.FieldPath
    lookup: str
    convert: object
    openapi_schema: dict

    @property
    def related_model(self):
        return self.path.related

    @property
    def many(self):
        return self.path.many

    def _existing_pk(self, text):
        """Return the id of a visible related object, or raise the contract's choice error."""
        try:
            pk = int(text)
        except ValueError:
            raise ValidationError(INVALID_CHOICE) from None
        if not fits_integer_column(pk):
            raise ValidationError(INVALID_CHOICE)
        statement = sa.select(self.related_model.id).where(self.related_model.id == pk)
        if db.session.execute(access.visible(self.related_model, statement)).first() is None:
            raise ValidationError(INVALID_CHOICE)
        return pk

    def _existing_pks(self, texts):
        """Check every id of a repeated many-to-many parameter, with the contract's messages."""
        pks = []
        for text in texts:
            if not spells_an_id(text):
                raise ValidationError(f"\u201c{text}\u201d is not a valid value.")
            pks.append(int(text))
        storable = [pk for pk in pks if fits_integer_column(pk)]
        statement = access.visible(
            self.related_model, sa.select(self.related_model.id).where(self.related_model.id.in_(storable))
        )
        found = set(db.session.scalars(statement))
        for pk in pks:
            if pk not in found:
                raise ValidationError(f"Select a valid choice. {pk} is not one of the available choices.")
        return pks

    def clause(self, texts):
        """Return the WHERE clause for the parameter's values."""
        return self.path.where(self._condition(texts))

    def _condition(self, texts):
        column = self.path.column
        if self.lookup == "any":
            return self._any_of(column, texts[-1])
        if self.many:
            return column.any(self.related_model.id.in_(self._existing_pks(texts)))
        text = texts[-1]
        if self.lookup == "in":
            return column.in_([self.convert(part) for part in text.split(",") if part])
        if self.lookup == "date":
            day = _date(text)
            start = dt.datetime.combine(day, dt.time())
            return sa.and_(column >= start, column < start + dt.timedelta(days=1))
        value = self._existing_pk(text) if self.related_model else self.convert(text)
        return COMPARISONS[self.lookup](column, value)


    def _any_of(self, column, text):
        """`?muscles=2,7`: any of a comma list of ids matches; parts that are not ids are ignored, as the
        original's hand-written filters of `/exercise/` ignore them."""
        parts = (part.strip() for part in text.split(","))
        ids = [int(part) for part in parts if spells_an_id(part) and fits_integer_column(int(part))]
        if not ids:
            raise IgnoredValue
        if self.many:
            return column.any(self.related_model.id.in_(ids))
        return column.in_(ids)


def build_filters(model, spec):
    """Turn `{"field": ["exact", ...]}` into `Filter`s, failing at declaration on unknown names."""
    result = []
    for name, declared in spec.items():
        field_path, lookups = (declared.path, declared.lookups) if isinstance(declared, Via) else (name, declared)
        path = paths.resolve(model, field_path)
        for lookup in lookups:
            if lookup not in LOOKUPS:
                raise ValueError(f"{model.__name__}.{name}: unknown lookup {lookup!r}")
            if lookup == "any" and path.related is None:
                raise ValueError(f"{model.__name__}.{name}: 'any' needs a relation to match ids of")
            param = name if lookup in UNSUFFIXED else f"{name}__{lookup}"
            if path.related is not None:
                convert, schema = _integer, {"type": "integer"}
            else:
                convert, schema = CONVERTERS[path.python_type]
            if lookup == "in":
                schema = {"type": "string", "description": "comma-separated list"}
            elif lookup == "any":
                schema = {"type": "string", "description": "comma-separated ids, any of which matches"}
            elif path.many:
                schema = {"type": "array", "items": {"type": "integer"}}
            result.append(Filter(param, path, lookup, convert, schema))
    return result


def where_clauses(filters, args):
    """Return the WHERE clauses for the request's query string; raise one error naming every bad one."""
    clauses, errors = [], {}
    for query_filter in filters:
        texts = [text for text in args.getlist(query_filter.param) if text != ""]
        if not texts:
            continue
        try:
            clauses.append(query_filter.clause(texts))
        except IgnoredValue:
            continue
        except ValidationError as error:
            errors[query_filter.param] = error.messages
    if errors:
        raise ValidationError(errors)
    return clauses


def openapi_parameters(filters):
    """Document each filter as a query parameter of the list operation."""
    return [
        {"in": "query", "name": f.param, "required": False, "schema": f.openapi_schema}
        | ({"explode": True, "style": "form"} if f.many and f.lookup != "any" else {})
        for f in filters
    ]
