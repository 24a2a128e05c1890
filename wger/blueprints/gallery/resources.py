"""The caller's progress photos: multipart uploads only, private files."""

from flask_smorest import Blueprint

from wger.api.access import Owned
from wger.api.resource import CRUD, FORMS_ONLY, Resource
from wger.api.views import register
from wger.blueprints.gallery import photos, schemas
from wger.models import GalleryImage

blueprint = Blueprint("gallery", __name__, url_prefix="/api/v2", description="Progress photos")

RESOURCES = [
    Resource(
        "gallery", GalleryImage, schemas.GalleryImageSchema,
        "The caller's progress photos (multipart upload of the `image` file; `width` and `height` are read "
        "from it). The files are shown to their owner only.",
        methods=CRUD, access=Owned("user"), not_found_noun="Image", parses=FORMS_ONLY,
        filters={"id": ["exact"], "date": ["exact"], "description": ["exact"]}, default_ordering=("-date",),
        before_save=photos.store_upload, before_delete=photos.delete_file,
    ),
]

for resource in RESOURCES:
    register(blueprint, resource)
