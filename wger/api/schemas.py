"""The base of every resource schema."""

from marshmallow import EXCLUDE, ValidationError, fields, pre_load, validates_schema

from wger.api.dump import CompiledSchema
from wger.api.limits import INTEGER_MAX, INTEGER_MIN, fits_integer_column


class ResourceSchema(CompiledSchema):
    """Unknown keys in a body are ignored, as the original does; read-only fields are `dump_only`.

    Every integer must fit the database's integer columns, so an oversized number is a 400 naming its
    field instead of a database error.
    """

    class Meta:
        unknown = EXCLUDE

    @validates_schema
    def _integers_fit_the_database(self, data, **kwargs):
        errors = {
            name: [f"Ensure this value is between {INTEGER_MIN} and {INTEGER_MAX}."]
            for name, field in self.load_fields.items()
            if isinstance(field, fields.Integer)
            and isinstance(data.get(field.attribute or name), int)
            and not fits_integer_column(data[field.attribute or name])
        }
        if errors:
            raise ValidationError(errors)


class QueryArgsSchema(ResourceSchema):
    """The base of an action's query-string arguments: an empty value counts as absent, as in filters."""

    @pre_load
    def _empty_means_absent(self, data, **kwargs):
        return {key: data[key] for key in data if data[key] != ""}
