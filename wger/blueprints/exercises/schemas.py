"""Wire formats of the exercise catalog, fields in the contract's order."""

from marshmallow import fields

from wger.api.schemas import ResourceSchema


class EquipmentSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True)


class ExerciseCategorySchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True)


class MuscleSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True)
    name_en = fields.String()
    is_front = fields.Boolean()
    image_url_main = fields.String(dump_only=True)
    image_url_secondary = fields.String(dump_only=True)
