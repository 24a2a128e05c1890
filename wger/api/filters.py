"""Query-string filters declared as `{"field": ["exact", "gt", "in"]}`, the way django-filter reads them.

Each declared lookup becomes one documented query parameter (`weight`, `weight__gt`, `id__in`,
`datetime__date`). Parameters are AND-joined; unknown ones are ignored, as are empty values and booleans
other than `true`/`false`/`1`/`0`. A value of the wrong type, or a reference to an object that does not
exist, is a 400 naming the parameter.
"""

import datetime as dt
import decimal
import operator
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from marshmallow import ValidationError
from sqlalchemy.orm import RelationshipProperty

from wger.api import access
from wger.api.limits import INTEGER_MAX, INTEGER_MIN, fits_integer_column
from wger.database import db

COMPARISONS = {"exact": operator.eq, "gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}
LOOKUPS = {*COMPARISONS, "in", "date"}
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
TRUE_WORDS, FALSE_WORDS = {"true", "1"}, {"false", "0"}


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
    def convert(text):
        try:
            return kind(text)
        except (ValueError, ArithmeticError):
            raise ValidationError("Enter a number.") from None

    return convert


def _integer(text):
    value = _number(int)(text)
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
    """One query parameter: which column it reads, with which lookup, and how its text converts."""

    param: str
    column: object
    lookup: str
    convert: object
    openapi_schema: dict
    related_model: type | None = None
    many: bool = False

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
            if not text.isdigit():
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
        """Return the WHERE clause for the parameter's values, or None when the filter does not apply."""
        if self.many:
            return self.column.any(self.related_model.id.in_(self._existing_pks(texts)))
        text = texts[-1]
        if self.lookup == "in":
            return self.column.in_([self.convert(part) for part in text.split(",") if part])
        if self.lookup == "date":
            day = _date(text)
            start = dt.datetime.combine(day, dt.time())
            return sa.and_(self.column >= start, self.column < start + dt.timedelta(days=1))
        value = self._existing_pk(text) if self.related_model else self.convert(text)
        return COMPARISONS[self.lookup](self.column, value)


def _target(model, name):
    """Find the column (or many-to-many relationship) behind a wire name, and the model it refers to."""
    attribute = getattr(model, name, None)
    if attribute is None:
        raise ValueError(f"{model.__name__} has no attribute {name!r} to filter on")
    prop = getattr(attribute, "property", None)
    if isinstance(prop, RelationshipProperty):
        related = prop.mapper.class_
        if prop.uselist:
            return attribute, related, True
        (column,) = prop.local_columns
        return getattr(model, column.key), related, False
    return attribute, None, False


def build_filters(model, spec):
    """Turn `{"field": ["exact", ...]}` into `Filter`s, failing at declaration on unknown names."""
    result = []
    for name, lookups in spec.items():
        column, related, many = _target(model, name)
        for lookup in lookups:
            if lookup not in LOOKUPS:
                raise ValueError(f"{model.__name__}.{name}: unknown lookup {lookup!r}")
            param = name if lookup == "exact" else f"{name}__{lookup}"
            if related is not None:
                convert, schema = _integer, {"type": "integer"}
            else:
                convert, schema = CONVERTERS[column.type.python_type]
            if lookup == "in":
                schema = {"type": "string", "description": "comma-separated list"}
            if many:
                schema = {"type": "array", "items": {"type": "integer"}}
            result.append(Filter(param, column, lookup, convert, schema, related, many))
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
        | ({"explode": True, "style": "form"} if f.many else {})
        for f in filters
    ]
