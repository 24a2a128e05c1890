"""The nutrition resources."""

from flask_smorest import Blueprint

from wger.api.resource import Resource
from wger.api.views import register
from wger.blueprints.nutrition import schemas
from wger.models import WeightUnit

blueprint = Blueprint("nutrition", __name__, url_prefix="/api/v2", description="Ingredients and nutrition")

RESOURCES = [
    Resource(
        "weightunit", WeightUnit, schemas.WeightUnitSchema,
        "Named portions (slice, cup...) that ingredients can be measured in.",
        filters={"language": ["exact"], "name": ["exact"]}, default_ordering=("name",),
    ),
]

for resource in RESOURCES:
    register(blueprint, resource)
