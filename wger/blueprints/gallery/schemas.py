"""Wire format of the progress photos, fields in the contract's order."""

from marshmallow import fields

from wger.api.schemas import ResourceSchema
from wger.api.validators import max_length
from wger.catalog.media import MediaFile, check_image


class GalleryImageSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    date = fields.Date()
    image = MediaFile(check_image, required=True)
    description = fields.String(validate=max_length(1000))
    height = fields.Integer(dump_only=True)
    width = fields.Integer(dump_only=True)
