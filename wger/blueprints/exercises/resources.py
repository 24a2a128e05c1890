"""The exercise catalog's resources."""

from flask_smorest import Blueprint

from wger.api.resource import Resource
from wger.api.views import register
from wger.blueprints.exercises import schemas
from wger.models import Equipment, ExerciseCategory, Muscle

blueprint = Blueprint("exercises", __name__, url_prefix="/api/v2", description="The exercise catalog")

RESOURCES = [
    Resource(
        "equipment", Equipment, schemas.EquipmentSchema, "The equipment an exercise needs.",
        filters={"name": ["exact"]}, default_ordering=("name",),
    ),
    Resource(
        "exercisecategory", ExerciseCategory, schemas.ExerciseCategorySchema,
        "The categories exercises are grouped in (Arms, Legs, Abs...).",
        filters={"name": ["exact"]}, default_ordering=("name",),
    ),
    Resource(
        "muscle", Muscle, schemas.MuscleSchema,
        "The muscles exercises train, with images to overlay on the body outline.",
        filters={"name": ["exact"], "is_front": ["exact"], "name_en": ["exact"]}, default_ordering=("name",),
    ),
]

for resource in RESOURCES:
    register(blueprint, resource)
