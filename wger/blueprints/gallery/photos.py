"""What the gallery does beyond data: stores uploads in the owner's folder, deletes files with their rows,
and shows a photo's file to its owner only."""

import sqlalchemy as sa

from wger import auth
from wger.catalog import media
from wger.database import db
from wger.models import GalleryImage
from wger.models.gallery import GALLERY_FOLDER


def store_upload(image, created):
    """Store a new upload under `gallery/<user id>/` with its size; a replaced file goes at commit."""
    pending = image.image if isinstance(image.image, media.PendingFile) else None
    if pending is None:
        return
    if not created:
        previous = sa.inspect(image).attrs.image.history.deleted
        if previous:
            media.delete_after_commit(db.session, previous[0])
    image.image = media.store(f"{GALLERY_FOLDER}/{image.user_id}", pending)
    media.delete_unless_committed(db.session, image.image)
    image.width, image.height = pending.width, pending.height


def delete_file(image):
    media.delete_after_commit(db.session, image.image)


def owner_may_read(path):
    """Whether the caller owns the photo stored at `path` (anonymous callers own nothing)."""
    user = auth.current_user()
    if user is None:
        return False
    statement = sa.select(GalleryImage.id).where(GalleryImage.image == path, GalleryImage.user_id == user.id)
    return db.session.execute(statement).first() is not None


media.private_folder(GALLERY_FOLDER, owner_may_read)
