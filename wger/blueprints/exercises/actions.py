"""The exercise catalog's own routes: name search and the thumbnails of an image."""

from flask import jsonify, request
from sqlalchemy.orm import selectinload

from wger.api.cache import cached_read
from wger.blueprints.exercises.resources import blueprint
from wger.catalog import media
from wger.catalog.search import find, language_ids
from wger.database import db
from wger.models import Alias, Exercise, ExerciseBase, ExerciseImage

SEARCH_LIMIT = 100
SEARCH_PARAMETERS = [
    {"in": "query", "name": "term", "schema": {"type": "string"}, "description": "Part of a name or alias."},
    {"in": "query", "name": "language", "schema": {"type": "string"},
     "description": "Comma list of language codes (default `en`), `*` for all."},
]
SUGGESTIONS_DOC = {"200": {"description": "Matching names", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"suggestions": {"type": "array", "items": {"type": "object"}}}}}}}}


@blueprint.route("/exercise/search/", methods=["GET"])
@blueprint.doc(summary="Search exercises by name or alias", parameters=SEARCH_PARAMETERS,
               responses=SUGGESTIONS_DOC)
@cached_read
def search_exercises():
    """Find exercise translations whose name or an alias contains the term (ranked on PostgreSQL)."""
    term = request.args.get("term", "").strip()
    if not term:
        return jsonify({})
    translations = find(
        Exercise, Exercise.name_search, term, language_ids(request.args.get("language")), SEARCH_LIMIT,
        also=((Alias.exercise_id, Alias.alias_search),),
        options=(selectinload(Exercise.exercise_base).options(
            selectinload(ExerciseBase.category), selectinload(ExerciseBase.images)),),
    )
    return jsonify({"suggestions": [_exercise_suggestion(translation) for translation in translations]})


def _exercise_suggestion(translation):
    base = translation.exercise_base
    image = base.main_image
    return {
        "value": translation.name,
        "data": {
            "id": translation.id,
            "base_id": base.id,
            "name": translation.name,
            "category": base.category.name,
            "image": media.media_url(image.image) if image else None,
            "image_thumbnail": media.thumbnail_url(image.image) if image else None,
        },
    }


@blueprint.route("/exerciseimage/<int:pk>/thumbnails/", methods=["GET"])
@blueprint.doc(summary="Read the thumbnails of an exercise image", responses={"200": {
    "description": "Thumbnail URLs by size, or `[]` for an unknown image",
    "content": {"application/json": {"schema": {"type": "object"}}}}})
def exercise_image_thumbnails(pk):
    """Return the URLs of the image's thumbnails in every size, creating missing ones."""
    image = db.session.get(ExerciseImage, pk)
    if image is None:
        return jsonify([])
    return jsonify(media.thumbnail_urls(image.image))
