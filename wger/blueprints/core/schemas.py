"""Wire formats of the core resources, fields in the contract's order."""

from marshmallow import fields

from wger.api.schemas import QueryArgsSchema, ResourceSchema


class DaysOfWeekSchema(ResourceSchema):
    day_of_week = fields.String(required=True)


class LanguageSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    short_name = fields.String(required=True)
    full_name = fields.String(required=True)
    full_name_en = fields.String(required=True)


class LicenseSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    full_name = fields.String(required=True)
    short_name = fields.String(required=True)
    url = fields.String(allow_none=True)


class RepetitionUnitSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True)


class RoutineWeightUnitSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    name = fields.String(required=True)


class SearchArgsSchema(QueryArgsSchema):
    """The arguments of the catalog's name searches (exercises and ingredients)."""

    term = fields.String(metadata={"description": "Part of a name (or, for exercises, of an alias)."})
    language = fields.String(metadata={"description": "Comma list of language codes (default `en`), `*` for all."})
