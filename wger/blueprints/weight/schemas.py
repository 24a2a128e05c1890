"""Wire format of the weight entries."""

from marshmallow import fields, validate

from wger.api.fields import Decimal, Related
from wger.api.schemas import ResourceSchema
from wger.models import User


class WeightEntrySchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    date = fields.Date(required=True)
    weight = Decimal(2, required=True, validate=[
        validate.Range(min=30, error="Ensure this value is greater than or equal to {min}."),
        validate.Range(max=600, error="Ensure this value is less than or equal to {max}."),
    ])
    user = Related(User, attribute="user_id", dump_only=True)
