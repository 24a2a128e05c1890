"""Wire formats of the measurement categories and values, fields in the contract's order."""

from marshmallow import fields

from wger.api.fields import DecimalNumber, Related
from wger.api.schemas import ResourceSchema
from wger.api.validators import between, max_length
from wger.models import MeasurementCategory


def _text(limit, **kwargs):
    return fields.String(validate=max_length(limit), **kwargs)


class MeasurementCategorySchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = _text(100, required=True)
    unit = _text(30, required=True)


class MeasurementSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    category = Related(MeasurementCategory, attribute="category_id", required=True)
    date = fields.Date()
    value = DecimalNumber(places=2, required=True, validate=between(0, 5000))
    notes = _text(100)
