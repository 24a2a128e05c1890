"""Wire formats of the nutrition resources, fields in the contract's order."""

from marshmallow import fields, validate
from sqlalchemy.orm import selectinload

from wger.api.catalog_dumps import CatalogDumps, CatalogObject
from wger.api.fields import Computed, Decimal, Related, UtcDateTime
from wger.api.schemas import QueryArgsSchema, ResourceSchema
from wger.api.validators import between, max_length
from wger.blueprints.core.schemas import LicenseSchema
from wger.blueprints.nutrition import values
from wger.catalog.media import MediaFile, check_image
from wger.models import Ingredient, IngredientWeightUnit, Language, License, Meal, NutritionPlan


class WeightUnitSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    language = Related(Language, attribute="language_id", dump_only=True)
    name = fields.String(required=True)


def _nutrient(**kwargs):
    return Decimal(3, **kwargs)


INGREDIENT_FIELDS = ("id", "uuid", "remote_id", "source_name", "source_url", "code", "name", "created",
                     "last_update", "last_imported", "energy", "protein", "carbohydrates", "carbohydrates_sugar",
                     "fat", "fat_saturated", "fiber", "sodium")
LICENSE_FIELDS = ("license", "license_title", "license_object_url", "license_author", "license_author_url",
                  "license_derivative_source_url")


class IngredientFieldsSchema(ResourceSchema):
    """The columns of an ingredient; the two schemas below order and nest them as the contract says."""

    id = fields.Integer(dump_only=True)
    uuid = fields.UUID(dump_only=True)
    remote_id = fields.String(allow_none=True)
    source_name = fields.String(allow_none=True)
    source_url = fields.String(allow_none=True)
    code = fields.String(allow_none=True)
    name = fields.String(required=True)
    created = UtcDateTime(dump_only=True)
    last_update = UtcDateTime(dump_only=True)
    last_imported = UtcDateTime(dump_only=True, allow_none=True)
    energy = fields.Integer(required=True)
    protein = _nutrient(required=True)
    carbohydrates = _nutrient(required=True)
    carbohydrates_sugar = _nutrient(allow_none=True)
    fat = _nutrient(required=True)
    fat_saturated = _nutrient(allow_none=True)
    fiber = _nutrient(allow_none=True)
    sodium = _nutrient(allow_none=True)
    license_title = fields.String()
    license_object_url = fields.String()
    license_author = fields.String(allow_none=True)
    license_author_url = fields.String()
    license_derivative_source_url = fields.String()


class IngredientSchema(IngredientFieldsSchema):
    license = Related(License, attribute="license_id")
    language = Related(Language, attribute="language_id", dump_only=True)

    class Meta:
        fields = (*INGREDIENT_FIELDS, *LICENSE_FIELDS, "language")


class IngredientWeightUnitSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    amount = fields.Decimal(places=2, as_string=True)
    gram = fields.Integer(required=True)
    ingredient = fields.Integer(attribute="ingredient_id", dump_only=True)
    unit = fields.Integer(attribute="unit_id", required=True)


class NestedWeightUnitSchema(ResourceSchema):
    id = fields.Integer()
    language = fields.Integer(attribute="language_id")
    name = fields.String()


class InfoWeightUnitSchema(ResourceSchema):
    gram = fields.Integer()
    amount = fields.Decimal(places=2, as_string=True)
    unit = fields.Nested(NestedWeightUnitSchema)


class NestedLanguageSchema(ResourceSchema):
    id = fields.Integer()
    short_name = fields.String()
    full_name = fields.String()
    full_name_en = fields.String()


class IngredientImageSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    uuid = fields.UUID(dump_only=True)
    ingredient_id = fields.Integer(dump_only=True)
    ingredient_uuid = fields.UUID(dump_only=True)
    image = MediaFile(check_image, dump_only=True)
    created = UtcDateTime(dump_only=True)
    last_update = UtcDateTime(dump_only=True)
    size = fields.Integer(dump_only=True)
    width = fields.Integer(dump_only=True)
    height = fields.Integer(dump_only=True)
    license = fields.Integer(attribute="license_id", dump_only=True)
    license_title = fields.String(dump_only=True)
    license_object_url = fields.String(dump_only=True)
    license_author = fields.String(dump_only=True, allow_none=True)
    license_author_url = fields.String(dump_only=True)
    license_derivative_source_url = fields.String(dump_only=True)


class IngredientInfoSchema(IngredientFieldsSchema):
    weight_units = fields.List(fields.Nested(InfoWeightUnitSchema), dump_only=True)
    language = fields.Nested(NestedLanguageSchema, dump_only=True)
    image = fields.Nested(IngredientImageSchema, dump_only=True, allow_none=True)
    license = fields.Nested(LicenseSchema, dump_only=True)

    class Meta:
        fields = (*INGREDIENT_FIELDS, "weight_units", "language", "image", *LICENSE_FIELDS)


# What `IngredientInfoSchema` reads, loaded eagerly (by `ingredientinfo` and the memory of its dumps).
INGREDIENT_INFO = (
    selectinload(Ingredient.weight_units).selectinload(IngredientWeightUnit.unit),
    selectinload(Ingredient.language), selectinload(Ingredient.image), selectinload(Ingredient.license),
)
INGREDIENTS = CatalogDumps(IngredientInfoSchema, Ingredient, INGREDIENT_INFO)


class IngredientSuggestionDataSchema(ResourceSchema):
    id = fields.Integer()
    name = fields.String()
    image = fields.String(allow_none=True)
    image_thumbnail = fields.String(allow_none=True)


class IngredientSuggestionSchema(ResourceSchema):
    value = fields.String()
    data = fields.Nested(IngredientSuggestionDataSchema)


class IngredientSuggestionsSchema(ResourceSchema):
    """`{}` without a term, else the matches in the shape of the original's autocompleter."""

    suggestions = fields.List(fields.Nested(IngredientSuggestionSchema))


MAX_AMOUNT = 1_000_000
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."


class IngredientValuesArgsSchema(QueryArgsSchema):
    amount = fields.Decimal(
        required=True, allow_nan=False,
        validate=validate.Range(min=0, max=MAX_AMOUNT, error="Ensure this value is between {min} and {max}."),
        error_messages={"invalid": "Enter a number.", "special": "Enter a number."},
        metadata={"description": "How much: grams, or how many of `unit`."},
    )
    unit = fields.Integer(error_messages={"invalid": INVALID_CHOICE},
                          metadata={"description": "An ingredientweightunit id; grams when absent."})
    ingredient = fields.Integer(error_messages={"invalid": INVALID_CHOICE},
                                metadata={"description": "The ingredient `unit` must be of (the URL's by default)."})


class NutritionalValuesSchema(ResourceSchema):
    """Energy in kcal, nutrients in grams; null where the ingredients give no figure."""

    energy = fields.Float(allow_none=True)
    protein = fields.Float(allow_none=True)
    carbohydrates = fields.Float(allow_none=True)
    carbohydrates_sugar = fields.Float(allow_none=True)
    fat = fields.Float(allow_none=True)
    fat_saturated = fields.Float(allow_none=True)
    fiber = fields.Float(allow_none=True)
    sodium = fields.Float(allow_none=True)


class NutritionPlanSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    creation_date = fields.Date(dump_only=True)
    description = fields.String(validate=max_length(80))
    only_logging = fields.Boolean()
    goal_energy = fields.Integer(allow_none=True)
    goal_protein = fields.Integer(allow_none=True)
    goal_carbohydrates = fields.Integer(allow_none=True)
    goal_fat = fields.Integer(allow_none=True)
    goal_fiber = fields.Integer(allow_none=True)


class MealSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    plan = Related(NutritionPlan, attribute="plan_id", required=True)
    order = fields.Integer(dump_only=True)
    time = fields.Time(allow_none=True)
    name = fields.String(validate=max_length(25))


def _amount():
    return Decimal(2, required=True, validate=between(1, 1000))


class MealItemSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    meal = Related(Meal, attribute="meal_id", required=True)
    ingredient = Related(Ingredient, attribute="ingredient_id", required=True)
    weight_unit = Related(IngredientWeightUnit, attribute="weight_unit_id", allow_none=True)
    order = fields.Integer(dump_only=True)
    amount = _amount()


class LogItemSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    plan = Related(NutritionPlan, attribute="plan_id", required=True)
    meal = Related(Meal, attribute="meal_id", allow_none=True)
    ingredient = Related(Ingredient, attribute="ingredient_id", required=True)
    weight_unit = Related(IngredientWeightUnit, attribute="weight_unit_id", allow_none=True)
    datetime = UtcDateTime()
    amount = _amount()


class MealItemInfoSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    meal = fields.Integer(attribute="meal_id", dump_only=True)
    ingredient = fields.Integer(attribute="ingredient_id", dump_only=True)
    ingredient_obj = CatalogObject(INGREDIENTS, attribute="ingredient_id")
    weight_unit = fields.Integer(attribute="weight_unit_id", dump_only=True, allow_none=True)
    weight_unit_obj = fields.Nested(IngredientWeightUnitSchema, attribute="weight_unit", dump_only=True,
                                    allow_none=True)
    image = CatalogObject(INGREDIENTS, part="image", attribute="ingredient_id", allow_none=True)
    order = fields.Integer(dump_only=True)
    amount = Decimal(2, dump_only=True)


class MealInfoSchema(ResourceSchema):
    id = fields.Integer(dump_only=True)
    plan = fields.Integer(attribute="plan_id", dump_only=True)
    order = fields.Integer(dump_only=True)
    time = fields.Time(dump_only=True, allow_none=True)
    name = fields.String(dump_only=True)
    meal_items = fields.List(fields.Nested(MealItemInfoSchema), attribute="items", dump_only=True)
    nutritional_values = Computed(NutritionalValuesSchema, values.of_meal)


def fetch_ingredients(plans):
    """Put the dumps of every ingredient the plans' items name in memory, those missing loaded together,
    rather than one by one as each item is dumped (`before_dump` of `nutritionplaninfo`)."""
    INGREDIENTS.by_id(item.ingredient_id for plan in plans for meal in plan.meals for item in meal.items)


class NutritionPlanInfoSchema(NutritionPlanSchema):
    """A plan with its meals nested, each with its items and its nutritional values."""

    meals = fields.List(fields.Nested(MealInfoSchema), dump_only=True)
