"""Wire formats of the measurement categories and values, fields in the contract's order."""

from marshmallow import fields, validate

from wger.api.fields import DecimalNumber, Related
from wger.api.schemas import ResourceSchema
from wger.models import MeasurementCategory


def _text(limit, **kwargs):
    return fields.String(
        validate=validate.Length(max=limit, error="Ensure this field has no more than {max} characters."), **kwargs
    )


class MeasurementCategorySchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = _text(100, required=True)
    unit = _text(30, required=True)


class MeasurementSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    category = Related(MeasurementCategory, attribute="category_id", required=True)
    date = fields.Date()
    value = DecimalNumber(places=2, required=True, validate=[
        validate.Range(min=0, error="Ensure this value is greater than or equal to {min}."),
        validate.Range(max=5000, error="Ensure this value is less than or equal to {max}."),
    ])
    notes = _text(100)
