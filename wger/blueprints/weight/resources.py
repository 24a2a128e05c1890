"""The user's body weight log."""

from flask_smorest import Blueprint

from wger.api.access import Owned
from wger.api.resource import CRUD, Resource
from wger.api.views import register
from wger.blueprints.weight import charts, schemas
from wger.models import WeightEntry

blueprint = Blueprint("weight", __name__, url_prefix="/api/v2", description="Body weight")

NUMBER_LOOKUPS = ["exact", "gt", "gte", "lt", "lte"]

RESOURCES = [
    Resource(
        "weightentry", WeightEntry, schemas.WeightEntrySchema, "The caller's body weight, one entry per day.",
        methods=CRUD, access=Owned("user"),
        filters={"id": ["exact", "in"], "weight": NUMBER_LOOKUPS, "date": NUMBER_LOOKUPS},
        default_ordering=("date",), unique_together=(("date", "user"),), not_found_noun="WeightEntry",
        charts=charts.weight_over_time,
    ),
]

for resource in RESOURCES:
    register(blueprint, resource)
