"""Wire format of the weight entries."""

from marshmallow import fields

from wger.api.fields import Decimal, Related
from wger.api.schemas import ResourceSchema
from wger.api.validators import between
from wger.models import User


class WeightEntrySchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    date = fields.Date(required=True)
    weight = Decimal(2, required=True, validate=between(30, 600))
    user = Related(User, attribute="user_id", dump_only=True)
