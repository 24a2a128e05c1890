"""The nutrition actions (declared in resources.py): ingredient search, the values of an amount of an
ingredient, and the nutritional values of a plan, a meal, a meal item or a diary entry."""

import decimal

import sqlalchemy as sa
from flask import jsonify
from sqlalchemy.orm import selectinload

from wger.blueprints.nutrition import values
from wger.catalog import media
from wger.catalog.search import find, language_ids
from wger.database import db
from wger.models import Ingredient, IngredientWeightUnit

SEARCH_LIMIT = 150
NUTRIENTS = ("energy", "protein", "carbohydrates", "carbohydrates_sugar", "fat", "fat_saturated", "fiber", "sodium")
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def search_ingredients(args):
    """Search ingredients by name

    Ingredients whose name contains the term (ranked by similarity on PostgreSQL), at most 150.
    """
    term = args.get("term", "").strip()
    if not term:
        return {}
    ingredients = find(Ingredient, Ingredient.name_search, term, language_ids(args.get("language")),
                       SEARCH_LIMIT, options=(selectinload(Ingredient.image),))
    return {"suggestions": [_ingredient_suggestion(ingredient) for ingredient in ingredients]}


def _ingredient_suggestion(ingredient):
    path = ingredient.image.image if ingredient.image else None
    return {
        "value": ingredient.name,
        "data": {
            "id": ingredient.id,
            "name": ingredient.name,
            "image": media.media_url(path),
            "image_thumbnail": media.thumbnail_url(path),
        },
    }


def values_with_errors(errors):
    """The original's answer to arguments it cannot use: every value 0, and the errors by field (200)."""
    return {**dict.fromkeys(NUTRIENTS, 0), "errors": errors}


def ingredient_values(ingredient, args):
    """Compute the nutritional values of an amount of an ingredient

    Energy (kcal) and nutrients (g) of `amount` grams, or of `amount` times a weight unit of the ingredient.
    """
    unit = None
    if args.get("unit") is not None:
        unit = db.session.scalar(sa.select(IngredientWeightUnit).where(
            IngredientWeightUnit.id == args["unit"],
            IngredientWeightUnit.ingredient_id == args.get("ingredient", ingredient.id),
        ))
        if unit is None:
            return jsonify(values_with_errors({"unit": [INVALID_CHOICE]}))
    amount = args["amount"]
    grams = amount * unit.amount * unit.gram if unit else amount
    values = {}
    for name in NUTRIENTS:
        per_100 = getattr(ingredient, name)
        values[name] = None if per_100 is None else float(round(decimal.Decimal(per_100) * grams / 100, 3))
    return values


def plan_values(plan, args):
    """Sum the nutritional values of a plan

    Energy (kcal) and nutrients (g) of every item of every meal of the plan, computed from the ingredients'
    values per 100 g at the time of the request.
    """
    return values.of_plan(plan)


def meal_values(meal, args):
    """Sum the nutritional values of a meal

    Energy (kcal) and nutrients (g) of the meal's items.
    """
    return values.of_meal(meal)


def portion_values(portion, args):
    """Compute the nutritional values of a meal item or diary entry

    Energy (kcal) and nutrients (g) of its amount of the ingredient, in grams or in its portion.
    """
    return values.of_portion(portion)
