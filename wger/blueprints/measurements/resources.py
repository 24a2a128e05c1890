"""The caller's measurement categories and the values measured in them."""

from flask_smorest import Blueprint

from wger.api.access import Owned
from wger.api.resource import CRUD, Resource
from wger.api.views import register
from wger.blueprints.measurements import charts, schemas
from wger.models import Measurement, MeasurementCategory

blueprint = Blueprint("measurements", __name__, url_prefix="/api/v2", description="Body measurements")

COMPARISONS = ["exact", "gt", "gte", "lt", "lte"]

RESOURCES = [
    Resource(
        "measurement", Measurement, schemas.MeasurementSchema,
        "The caller's measured values, one per category and day (`value` is a number, 0 to 5000).",
        methods=CRUD, access=Owned("category.user"),
        filters={"id": ["exact", "in"], "category": ["exact"], "date": COMPARISONS, "value": COMPARISONS,
                 "notes": ["exact"]},
        default_ordering=("-date",), unique_together=(("date", "category"),), charts=charts.values_by_category,
    ),
    Resource(
        "measurement-category", MeasurementCategory, schemas.MeasurementCategorySchema,
        "What the caller measures (biceps, body fat...) and in which unit.",
        methods=CRUD, access=Owned("user"), not_found_noun="Category",
        filters={"id": ["exact"], "name": ["exact"], "unit": ["exact"]}, default_ordering=("-name",),
    ),
]

for resource in RESOURCES:
    register(blueprint, resource)
