"""Wire formats of the nutrition resources, fields in the contract's order."""

from marshmallow import fields

from wger.api.fields import Related
from wger.api.schemas import ResourceSchema
from wger.models import Language


class WeightUnitSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    language = Related(Language, attribute="language_id", dump_only=True)
    name = fields.String(required=True)
