"""The nutrition resources: the public ingredient catalog, and each user's plans, meals and diary."""

from flask_smorest import Blueprint
from sqlalchemy.orm import joinedload, selectinload

from wger.api.access import Owned
from wger.api.actions import Action
from wger.api.resource import CRUD, Resource
from wger.api.views import register
from wger.blueprints.core.schemas import SearchArgsSchema
from wger.blueprints.nutrition import actions, charts, rules, schemas
from wger.models import (
    Ingredient,
    IngredientImage,
    IngredientWeightUnit,
    LogItem,
    Meal,
    MealItem,
    NutritionPlan,
    WeightUnit,
)

blueprint = Blueprint("nutrition", __name__, url_prefix="/api/v2", description="Ingredients and nutrition")

INGREDIENT_FILTERS = {
    "id": ["exact", "in"], "uuid": ["exact"], "code": ["exact"], "source_name": ["exact"], "name": ["exact"],
    "energy": ["exact"], "protein": ["exact"], "carbohydrates": ["exact"], "carbohydrates_sugar": ["exact"],
    "fat": ["exact"], "fat_saturated": ["exact"], "fiber": ["exact"], "sodium": ["exact"],
    "created": ["exact", "gt", "lt"], "last_update": ["exact", "gt", "lt"], "last_imported": ["exact", "gt", "lt"],
    "language": ["exact", "in"], "license": ["exact"], "license_author": ["exact"],
}
PLAN_FILTERS = {"creation_date": ["exact"], "description": ["exact"], "has_goal_calories": ["exact"]}
# What values are computed from: a portion's ingredient and weight unit, one row each, joined to it.
PORTION = (joinedload(MealItem.ingredient), joinedload(MealItem.weight_unit))
PLAN_PORTIONS = (selectinload(NutritionPlan.meals).selectinload(Meal.items).options(*PORTION),)

PLAN_VALUES = Action(
    "nutritional_values", actions.plan_values, response=schemas.NutritionalValuesSchema,
    load_options=PLAN_PORTIONS,
)
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
        load_options=schemas.INGREDIENT_INFO,
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
        "nutritionplan", NutritionPlan, schemas.NutritionPlanSchema,
        "The caller's nutrition plans. For a plan with its meals and items nested, see `nutritionplaninfo`.",
        methods=CRUD, access=Owned("user"), filters=PLAN_FILTERS, default_ordering=("-creation_date",),
        actions=(PLAN_VALUES,),
    ),
    Resource(
        "nutritionplaninfo", NutritionPlan, schemas.NutritionPlanInfoSchema,
        "The caller's nutrition plans with their meals nested: each meal's items (with the ingredient and its "
        "portion) and its nutritional values.",
        methods=CRUD, access=Owned("user"), filters=PLAN_FILTERS, default_ordering=("-creation_date",),
        not_found_noun="NutritionPlan", load_options=PLAN_PORTIONS, actions=(PLAN_VALUES,),
        before_dump=schemas.fetch_ingredients, charts=charts.energy_split,
    ),
    Resource(
        "nutritiondiary", LogItem, schemas.LogItemSchema,
        "The caller's nutrition diary: what was eaten when, under which plan (and meal). `datetime__date` "
        "gives one day's entries.",
        methods=CRUD, access=Owned("plan.user"),
        filters={"datetime": ["exact", "date"], "amount": ["exact"], "ingredient": ["exact"], "plan": ["exact"],
                 "weight_unit": ["exact"]},
        default_ordering=("-datetime",), before_save=rules.check_diary_entry, charts=charts.diary_by_day,
        actions=(Action("nutritional_values", actions.portion_values, response=schemas.NutritionalValuesSchema,
                        load_options=(selectinload(LogItem.ingredient), selectinload(LogItem.weight_unit))),),
    ),
    Resource(
        "meal", Meal, schemas.MealSchema, "The meals of the caller's nutrition plans.",
        methods=CRUD, access=Owned("plan.user"),
        filters={"order": ["exact"], "plan": ["exact"], "time": ["exact"]}, default_ordering=("time",),
        actions=(Action("nutritional_values", actions.meal_values, response=schemas.NutritionalValuesSchema,
                        load_options=(selectinload(Meal.items).options(*PORTION),)),),
    ),
    Resource(
        "mealitem", MealItem, schemas.MealItemSchema,
        "What the meals of the caller's plans contain: an amount of an ingredient, in grams or in one of its "
        "portions (`weight_unit`).",
        methods=CRUD, access=Owned("meal.plan.user"),
        filters={"amount": ["exact"], "ingredient": ["exact"], "meal": ["exact"], "order": ["exact"],
                 "weight_unit": ["exact"]},
        before_save=rules.check_meal_item,
        actions=(Action("nutritional_values", actions.portion_values, response=schemas.NutritionalValuesSchema,
                        load_options=PORTION),),
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
