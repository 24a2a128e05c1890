"""Marshmallow fields for the contract's wire formats: `Z` datetimes, decimals as strings (or numbers where
the contract says so), id references, computed nested objects."""

import datetime as dt
import decimal

import sqlalchemy as sa
from marshmallow import ValidationError, fields

from wger.api import access
from wger.api.limits import fits_integer_column
from wger.api.validators import choice
from wger.database import db


class UtcDateTime(fields.DateTime):
    """An ISO 8601 datetime in UTC, written with `Z` as the original does (`2020-01-09T23:00:00Z`).

    The database keeps naive UTC datetimes; aware input is converted to UTC before it is stored.
    """

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat() + "Z"

    def _deserialize(self, value, attr, data, **kwargs):
        parsed = super()._deserialize(value, attr, data, **kwargs)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
        return parsed


def Decimal(places, **kwargs):
    """A decimal with a fixed number of places, emitted as a string (`"80.00"`)."""
    return fields.Decimal(places=places, as_string=True, **kwargs)


class FixedDecimal(fields.Decimal):
    """A `Numeric(max_digits, places)` column's value, emitted as a string with exactly `places` decimals.

    Input with more digits than the column holds is refused with DRF's messages, never rounded: a weight
    of "10.555" is a 400, not a silent 10.56 (and never a database error on PostgreSQL).
    """

    default_error_messages = {
        "max_digits": "Ensure that there are no more than {max_digits} digits in total.",
        "max_places": "Ensure that there are no more than {places} decimal places.",
        "max_whole_digits": "Ensure that there are no more than {whole_digits} digits before the decimal point.",
    }

    def __init__(self, max_digits, places, **kwargs):
        super().__init__(places=places, as_string=True, **kwargs)
        self.max_digits, self.decimal_places = max_digits, places

    def _format_num(self, value):
        """The number exactly as given: digits are checked before anything is rounded."""
        return decimal.Decimal(str(value))

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else format(decimal.Decimal(value).quantize(self.places), "f")

    def _deserialize(self, value, attr, data, **kwargs):
        number = super()._deserialize(value, attr, data, **kwargs)
        _, digits, exponent = number.as_tuple()
        places = max(0, -exponent)
        total = max(len(digits) + max(0, exponent), places)
        if total > self.max_digits:
            raise self.make_error("max_digits", max_digits=self.max_digits)
        if places > self.decimal_places:
            raise self.make_error("max_places", places=self.decimal_places)
        if total - places > self.max_digits - self.decimal_places:
            raise self.make_error("max_whole_digits", whole_digits=self.max_digits - self.decimal_places)
        return number.quantize(self.places)


class Choice(fields.String):
    """One of `choices`, all strings; a number is read as its text, as DRF's choice fields do (2 is "2")."""

    def __init__(self, choices, **kwargs):
        super().__init__(validate=choice(choices), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        return super()._deserialize(value, attr, data, **kwargs)


class DecimalNumber(fields.Decimal):
    """A decimal read exactly and written as a JSON number (`35.25`), where the contract says a number."""

    def _serialize(self, value, attr, obj, **kwargs):
        number = super()._serialize(value, attr, obj, **kwargs)
        return None if number is None else float(number)


class Computed(fields.Nested):
    """A read-only nested object computed from the object being written (`compute(obj)`), documented by its
    schema like any nested object."""

    def __init__(self, nested, compute, **kwargs):
        super().__init__(nested, dump_only=True, **kwargs)
        self.compute = compute

    def get_value(self, obj, attr, accessor=None, default=None):
        return self.compute(obj)


def _invalid_pk(value):
    return ValidationError(f'Invalid pk "{value}" - object does not exist.')


def _as_pk(value):
    if isinstance(value, bool):
        raise _invalid_pk(value)
    try:
        pk = int(value)
    except (TypeError, ValueError, OverflowError):
        raise _invalid_pk(value) from None
    if not fits_integer_column(pk):
        raise _invalid_pk(value)
    return pk


class Related(fields.Field):
    """A foreign key written as the related object's id.

    Input must name an existing object the caller may attach to: a missing id, a non-number and another
    user's object all give the same 400, so nobody can probe for other users' objects.
    """

    def __init__(self, model, **kwargs):
        super().__init__(**kwargs)
        self.model = model

    def _serialize(self, value, attr, obj, **kwargs):
        return value

    def _deserialize(self, value, attr, data, **kwargs):
        pk = _as_pk(value)
        statement = access.visible(self.model, sa.select(self.model.id).where(self.model.id == pk))
        if db.session.execute(statement).first() is None:
            raise _invalid_pk(value)
        return pk


class RelatedList(fields.Field):
    """A many-to-many relation written as a list of ids, in the related model's own order."""

    def __init__(self, model, **kwargs):
        super().__init__(**kwargs)
        self.model = model

    def _serialize(self, value, attr, obj, **kwargs):
        return [item.id for item in value or ()]

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, list):
            raise ValidationError(f'Expected a list of items but got type "{type(value).__name__}".')
        pks = [_as_pk(item) for item in value]
        found = db.session.scalars(access.visible(self.model, sa.select(self.model).where(self.model.id.in_(pks))))
        by_pk = {item.id: item for item in found}
        missing = [pk for pk in pks if pk not in by_pk]
        if missing:
            raise _invalid_pk(missing[0])
        return [by_pk[pk] for pk in dict.fromkeys(pks)]
