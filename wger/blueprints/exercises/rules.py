"""What the exercise resources do beyond data: hand-parsed filters, main images, the deletion log."""

import uuid

import sqlalchemy as sa
from flask import request
from marshmallow import ValidationError

from wger.api.access import Contributor
from wger.api.limits import fits_integer_column
from wger.catalog import media
from wger.database import db
from wger.models import DeletionLog, Exercise, ExerciseBase, ExerciseComment, ExerciseImage


def exercise_contributors():
    """The catalog's contribution rule: trusted users (or holders of `add_exercise`) write, holders of
    `delete_exercise` delete; one instance per resource, as every access rule binds to its model."""
    return Contributor(write_permission="exercises.add_exercise", delete_permission="exercises.delete_exercise")


def bases_with_translations(statement, args):
    """`/exercise-base/` serves only bases somebody has named in at least one language."""
    return statement.where(ExerciseBase.translations.any())


def comments_in_language(statement, args):
    """`?language=<id>`: the notes of translations in that language."""
    text = args.get("language", "")
    if not text:
        return statement
    if not text.isdigit() or not fits_integer_column(int(text)):
        raise ValidationError({"language": ["Enter a number."]})
    return statement.where(ExerciseComment.exercise.has(Exercise.language_id == int(text)))


def keep_base_and_language(translation, created):
    """A translation stays attached to its base and language: an update that changes them is ignored."""
    if created:
        return
    state = sa.inspect(translation)
    for name in ("exercise_base_id", "language_id"):
        previous = state.attrs[name].history.deleted
        if previous:
            setattr(translation, name, previous[0])


def _pending(obj, name):
    value = getattr(obj, name)
    return value if isinstance(value, media.PendingFile) else None


def save_image(image, created):
    """Store an uploaded file with its thumbnails and keep exactly one main image per base."""
    pending = _pending(image, "image")
    if pending:
        image.image = media.store(f"exercise-images/{image.exercise_base_id}", pending)
        media.make_thumbnails(image.image)
    others = db.session.scalars(
        sa.select(ExerciseImage).where(
            ExerciseImage.exercise_base_id == image.exercise_base_id, ExerciseImage.id != image.id
        )
    ).all()
    if not others:
        image.is_main = True
    elif image.is_main:
        for other in others:
            other.is_main = False


def save_video(video, created):
    pending = _pending(video, "video")
    if pending:
        video.video = media.store(f"exercise-video/{video.exercise_base_id}", pending)
        video.size = len(pending.data)


def _log(model_type, obj, replaced_by=None):
    db.session.add(DeletionLog(model_type=model_type, uuid=obj.uuid, replaced_by=replaced_by))


def _replacement():
    """The `?replaced_by=<uuid>` of a base deletion: the base that takes the deleted one's place."""
    text = request.args.get("replaced_by")
    if not text:
        return None
    try:
        replacement = uuid.UUID(text)
    except ValueError:
        raise ValidationError({"replaced_by": ["Must be a valid UUID."]}) from None
    if db.session.scalar(sa.select(ExerciseBase.id).where(ExerciseBase.uuid == replacement)) is None:
        raise ValidationError({"replaced_by": [f'Invalid uuid "{text}" - object does not exist.']})
    return replacement


def log_base_deletion(base):
    """Record the base and everything deleted with it, so mirrors delete them too."""
    _log("base", base, _replacement())
    for translation in base.translations:
        _log("translation", translation)
    for image in base.images:
        _log("image", image)
    for video in base.videos:
        _log("video", video)


def log_translation_deletion(translation):
    _log("translation", translation)


def log_video_deletion(video):
    _log("video", video)


def delete_image(image):
    """Log the deletion and, when the main image goes, make the base's next image the main one."""
    _log("image", image)
    if image.is_main:
        successor = db.session.scalars(
            sa.select(ExerciseImage)
            .where(ExerciseImage.exercise_base_id == image.exercise_base_id, ExerciseImage.id != image.id)
            .order_by(ExerciseImage.id)
        ).first()
        if successor is not None:
            successor.is_main = True
