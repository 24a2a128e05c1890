"""Wire format of the progress photos, fields in the contract's order."""

from marshmallow import fields, validate

from wger.api.schemas import ResourceSchema
from wger.catalog.media import MediaFile, check_image


class GalleryImageSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    date = fields.Date()
    image = MediaFile(check_image, required=True)
    description = fields.String(
        validate=validate.Length(max=1000, error="Ensure this field has no more than {max} characters.")
    )
    height = fields.Integer(dump_only=True)
    width = fields.Integer(dump_only=True)
