"""The exercise catalog's resources."""

from flask_smorest import Blueprint
from sqlalchemy.orm import selectinload

from wger.api.actions import Action
from wger.api.filters import Via
from wger.api.resource import CRUD, Resource
from wger.api.rows import RowLoader
from wger.api.views import register
from wger.blueprints.core.schemas import SearchArgsSchema
from wger.blueprints.exercises import actions, rules, schemas
from wger.blueprints.exercises.rules import exercise_contributors
from wger.models import (
    Alias,
    DeletionLog,
    Equipment,
    Exercise,
    ExerciseBase,
    ExerciseCategory,
    ExerciseComment,
    ExerciseImage,
    ExerciseVideo,
    Muscle,
    Variation,
)

blueprint = Blueprint("exercises", __name__, url_prefix="/api/v2", description="The exercise catalog")

BASE_CLASSIFICATION = (
    selectinload(ExerciseBase.muscles),
    selectinload(ExerciseBase.muscles_secondary),
    selectinload(ExerciseBase.equipment),
)
VARIATION_TRANSLATIONS = selectinload(ExerciseBase.variations).selectinload(Variation.bases).selectinload(
    ExerciseBase.translations
)
BASE_MEDIA = (selectinload(ExerciseBase.images), selectinload(ExerciseBase.videos))
BASE_INFO_ROWS = RowLoader(
    ExerciseBase, "category", "license", "muscles", "muscles_secondary", "equipment", "images", "videos",
    translations=RowLoader(Exercise, "aliases", "comments"),
)
BASE_ANY_OF = {name: Via(f"exercise_base__{name}", ["any"])
               for name in ("category", "muscles", "muscles_secondary", "equipment", "license")}
MEDIA_FILTERS = {"is_main": ["exact"], "exercise_base": ["exact"], "license": ["exact"], "license_author": ["exact"]}

RESOURCES = [
    Resource(
        "exerciseinfo", Exercise, schemas.ExerciseInfoSchema,
        "Deprecated: a translation with its base's category, muscles, equipment, images and videos nested.",
        access=exercise_contributors(),
        filters={"created": ["exact"], "description": ["exact"], "name": ["exact"], "exercise_base": ["exact"],
                 "license": ["exact"], "license_author": ["exact"]},
        default_ordering=("name",),
        load_options=(
            selectinload(Exercise.exercise_base).options(
                selectinload(ExerciseBase.category), *BASE_CLASSIFICATION, *BASE_MEDIA, VARIATION_TRANSLATIONS
            ),
            selectinload(Exercise.language), selectinload(Exercise.license),
            selectinload(Exercise.aliases), selectinload(Exercise.comments),
        ),
        cached=True,
    ),
    Resource(
        "exercisebaseinfo", ExerciseBase, schemas.ExerciseBaseInfoSchema,
        "Exercises with everything nested: translations with aliases and notes, images, videos, muscles.",
        not_found_noun="ExerciseBase",
        filters={"uuid": ["exact"], "category": ["exact"], "muscles": ["exact"], "muscles_secondary": ["exact"],
                 "equipment": ["exact"], "variations": ["exact"], "license": ["exact"],
                 "license_author": ["exact"]},
        loader=BASE_INFO_ROWS,
        cached=True,
    ),
    Resource(
        "exercise", Exercise, schemas.ExerciseSchema,
        "Deprecated: exercise translations with their base's classification. `category`, `muscles`, "
        "`muscles_secondary`, `equipment` and `license` take comma lists (OR).",
        access=exercise_contributors(),
        filters={"uuid": ["exact"], "created": ["exact"], "exercise_base": ["exact"], "description": ["exact"],
                 "language": ["exact"], "name": ["exact"], **BASE_ANY_OF},
        default_ordering=("name",),
        load_options=(selectinload(Exercise.exercise_base).options(*BASE_CLASSIFICATION, VARIATION_TRANSLATIONS),),
        cached=True,
        actions=(Action("search", actions.search_exercises, args=SearchArgsSchema,
                        response=schemas.ExerciseSuggestionsSchema, detail=False, cached=True),),
    ),
    Resource(
        "exercise-translation", Exercise, schemas.ExerciseTranslationSchema,
        "The name and description of an exercise in one language; one per language and base.",
        methods=CRUD, access=exercise_contributors(),
        filters={"uuid": ["exact"], "created": ["exact"], "exercise_base": ["exact"], "description": ["exact"],
                 "language": ["exact"], "name": ["exact"]},
        unique_together=(("exercise_base", "language"),),
        before_save=rules.keep_base_and_language, before_delete=rules.log_translation_deletion,
        cached=True,
    ),
    Resource(
        "exercise-base", ExerciseBase, schemas.ExerciseBaseSchema,
        "The language-independent part of an exercise: category, muscles, equipment, variation group. "
        "`DELETE ?replaced_by=<uuid>` names the exercise that replaces it.",
        methods=CRUD, access=exercise_contributors(), not_found_noun="ExerciseBase",
        filters={"category": ["exact"], "muscles": ["exact"], "muscles_secondary": ["exact"],
                 "equipment": ["exact"]},
        scope_query=rules.bases_with_translations, before_delete=rules.log_base_deletion,
        load_options=BASE_CLASSIFICATION,
        cached=True,
    ),
    Resource(
        "equipment", Equipment, schemas.EquipmentSchema, "The equipment an exercise needs.",
        filters={"name": ["exact"]}, default_ordering=("name",),
        cached=True,
    ),
    Resource(
        "deletion-log", DeletionLog, schemas.DeletionLogSchema,
        "Exercises, translations, images and videos deleted here, for mirrors to delete too.",
        filters={"model_type": ["exact"]},
        cached=True,
    ),
    Resource(
        "exercisecategory", ExerciseCategory, schemas.ExerciseCategorySchema,
        "The categories exercises are grouped in (Arms, Legs, Abs...).",
        filters={"name": ["exact"]}, default_ordering=("name",),
        cached=True,
    ),
    Resource(
        "video", ExerciseVideo, schemas.ExerciseVideoSchema,
        "Videos of exercises (multipart upload of the `video` file).",
        methods=CRUD, access=exercise_contributors(), not_found_noun="ExerciseVideo", filters=MEDIA_FILTERS,
        before_save=rules.save_video, before_delete=rules.log_video_deletion,
        cached=True,
    ),
    Resource(
        "exerciseimage", ExerciseImage, schemas.ExerciseImageSchema,
        "Images of exercises (multipart upload of the `image` file); one main image per exercise.",
        methods=CRUD, access=exercise_contributors(), filters=MEDIA_FILTERS, default_ordering=("-is_main", "id"),
        before_save=rules.save_image, before_delete=rules.delete_image,
        load_options=(selectinload(ExerciseImage.exercise_base),),
        cached=True,
        actions=(Action("thumbnails", actions.image_thumbnails, response=schemas.ThumbnailsSchema, missing_body=[]),),
    ),
    Resource(
        "exercisecomment", ExerciseComment, schemas.ExerciseCommentSchema,
        "Notes on how to perform an exercise translation; `?language=<id>` keeps one language's.",
        methods=CRUD, access=exercise_contributors(), filters={"comment": ["exact"], "exercise": ["exact"]},
        scope_query=rules.comments_in_language,
        cached=True,
    ),
    Resource(
        "exercisealias", Alias, schemas.AliasSchema, "Other names of an exercise translation.",
        methods=CRUD, access=exercise_contributors(), filters={"alias": ["exact"], "exercise": ["exact"]},
        cached=True,
    ),
    Resource(
        "muscle", Muscle, schemas.MuscleSchema,
        "The muscles exercises train, with images to overlay on the body outline.",
        filters={"name": ["exact"], "is_front": ["exact"], "name_en": ["exact"]}, default_ordering=("name",),
        cached=True,
    ),
    Resource(
        "variation", Variation, schemas.VariationSchema,
        "Groups of exercises that are variations of each other; `POST {}` starts a new group.",
        methods=CRUD, access=exercise_contributors(), ordering=("id",),
        cached=True,
    ),
]

for resource in RESOURCES:
    register(blueprint, resource)
