"""The core resources: days of the week, languages, licenses and the routine units."""

from flask_smorest import Blueprint

from wger.api.resource import Resource
from wger.api.views import register
from wger.blueprints.core import schemas
from wger.models import DaysOfWeek, Language, License, RepetitionUnit, RoutineWeightUnit

blueprint = Blueprint("core", __name__, url_prefix="/api/v2", description="Core reference data")

RESOURCES = [
    Resource(
        "daysofweek", DaysOfWeek, schemas.DaysOfWeekSchema, "The days of the week, Monday (1) to Sunday (7).",
        filters={"day_of_week": ["exact"]}, default_ordering=("id",),
        cached=True,
    ),
    Resource(
        "language", Language, schemas.LanguageSchema, "The languages exercises and ingredients are written in.",
        filters={"full_name": ["exact"], "short_name": ["exact"]}, default_ordering=("full_name",),
        cached=True,
    ),
    Resource(
        "license", License, schemas.LicenseSchema, "The content licenses of exercises, images and ingredients.",
        filters={"full_name": ["exact"], "short_name": ["exact"], "url": ["exact"]},
        default_ordering=("full_name",),
        cached=True,
    ),
    Resource(
        "setting-repetitionunit", RepetitionUnit, schemas.RepetitionUnitSchema,
        "What the repetitions of a setting count: repetitions, seconds, kilometres...",
        filters={"name": ["exact"]}, default_ordering=("name",),
        cached=True,
    ),
    Resource(
        "setting-weightunit", RoutineWeightUnit, schemas.RoutineWeightUnitSchema,
        "The units of a setting's weight: kg, lb, plates...",
        filters={"name": ["exact"]}, default_ordering=("name",),
        cached=True,
    ),
]

for resource in RESOURCES:
    register(blueprint, resource)
