"""The base of every resource schema."""

from marshmallow import EXCLUDE, Schema


class ResourceSchema(Schema):
    """Unknown keys in a body are ignored, as the original does; read-only fields are `dump_only`."""

    class Meta:
        unknown = EXCLUDE
