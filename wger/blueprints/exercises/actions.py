"""The exercise catalog's actions: name search and the thumbnails of an image (declared in resources.py)."""

from sqlalchemy.orm import selectinload

from wger.catalog import media
from wger.catalog.search import find, language_ids
from wger.models import Alias, Exercise, ExerciseBase

SEARCH_LIMIT = 100


def search_exercises(args):
    """Search exercises by name or alias

    Translations whose name or an alias contains the term, ranked by similarity on PostgreSQL.
    """
    term = args.get("term", "").strip()
    if not term:
        return {}
    translations = find(
        Exercise, Exercise.name_search, term, language_ids(args.get("language")), SEARCH_LIMIT,
        also=((Alias.exercise_id, Alias.alias_search),),
        options=(selectinload(Exercise.exercise_base).options(
            selectinload(ExerciseBase.category), selectinload(ExerciseBase.images)),),
    )
    return {"suggestions": [_exercise_suggestion(translation) for translation in translations]}


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


def image_thumbnails(image, args):
    """Read the thumbnails of an exercise image

    The URL of each thumbnail size (made when missing) and of the original; `[]` for an unknown image.
    """
    return media.thumbnail_urls(image.image)
