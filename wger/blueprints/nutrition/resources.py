"""The nutrition resources."""

from flask_smorest import Blueprint
from sqlalchemy.orm import selectinload

from wger.api.actions import Action
from wger.api.resource import Resource
from wger.api.views import register
from wger.blueprints.core.schemas import SearchArgsSchema
from wger.blueprints.nutrition import actions, schemas
from wger.models import Ingredient, IngredientImage, IngredientWeightUnit, WeightUnit

blueprint = Blueprint("nutrition", __name__, url_prefix="/api/v2", description="Ingredients and nutrition")

INGREDIENT_FILTERS = {
    "id": ["exact", "in"], "uuid": ["exact"], "code": ["exact"], "source_name": ["exact"], "name": ["exact"],
    "energy": ["exact"], "protein": ["exact"], "carbohydrates": ["exact"], "carbohydrates_sugar": ["exact"],
    "fat": ["exact"], "fat_saturated": ["exact"], "fiber": ["exact"], "sodium": ["exact"],
    "created": ["exact", "gt", "lt"], "last_update": ["exact", "gt", "lt"], "last_imported": ["exact", "gt", "lt"],
    "language": ["exact", "in"], "license": ["exact"], "license_author": ["exact"],
}

INGREDIENT_VALUES = Action(
    "get_values", actions.ingredient_values, args=schemas.IngredientValuesArgsSchema,
    response=schemas.NutritionalValuesSchema, on_invalid_args=actions.values_with_errors,
)

RESOURCES = [
    Resource(
        "ingredient", Ingredient, schemas.IngredientSchema,
        "Foods with their energy (kcal) and nutrients (g) per 100 g.",
        filters=INGREDIENT_FILTERS, default_ordering=("name",),
        cached=True,
        actions=(
            INGREDIENT_VALUES,
            Action("search", actions.search_ingredients, args=SearchArgsSchema,
                   response=schemas.IngredientSuggestionsSchema, detail=False, cached=True),
        ),
    ),
    Resource(
        "ingredientinfo", Ingredient, schemas.IngredientInfoSchema,
        "Ingredients with their weight units, language, image and license nested.",
        filters=INGREDIENT_FILTERS, default_ordering=("name",),
        load_options=(
            selectinload(Ingredient.weight_units).selectinload(IngredientWeightUnit.unit),
            selectinload(Ingredient.language), selectinload(Ingredient.image), selectinload(Ingredient.license),
        ),
        cached=True,
        actions=(INGREDIENT_VALUES,),
    ),
    Resource(
        "weightunit", WeightUnit, schemas.WeightUnitSchema,
        "Named portions (slice, cup...) that ingredients can be measured in.",
        filters={"language": ["exact"], "name": ["exact"]}, default_ordering=("name",),
        cached=True,
    ),
    Resource(
        "ingredientweightunit", IngredientWeightUnit, schemas.IngredientWeightUnitSchema,
        "How many grams a portion of an ingredient weighs (1 slice of this bread = 30 g).",
        aliases=("ingredienttoweightunit",),
        filters={"amount": ["exact"], "gram": ["exact"], "ingredient": ["exact"], "unit": ["exact"]},
        cached=True,
    ),
    Resource(
        "ingredient-image", IngredientImage, schemas.IngredientImageSchema, "The images of ingredients.",
        not_found_noun="Image", filters={"uuid": ["exact"], "ingredient_id": ["exact"], "ingredient__uuid": ["exact"]},
        load_options=(selectinload(IngredientImage.ingredient),),
        cached=True,
    ),
]

for resource in RESOURCES:
    register(blueprint, resource)
