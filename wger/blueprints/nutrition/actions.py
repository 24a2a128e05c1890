"""The nutrition catalog's own routes: ingredient search and the values of an amount of an ingredient."""

import decimal

from flask import jsonify, request
from flask_smorest import abort
from sqlalchemy.orm import selectinload

from wger.api.cache import cached_read
from wger.blueprints.exercises.actions import SEARCH_PARAMETERS, SUGGESTIONS_DOC
from wger.blueprints.nutrition.resources import blueprint
from wger.catalog import media
from wger.catalog.search import find, language_ids
from wger.database import db
from wger.models import Ingredient, IngredientWeightUnit

SEARCH_LIMIT = 150
NUTRIENTS = ("energy", "protein", "carbohydrates", "carbohydrates_sugar", "fat", "fat_saturated", "fiber", "sodium")
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."
VALUES_PARAMETERS = [
    {"in": "query", "name": "amount", "required": True, "schema": {"type": "number"},
     "description": "How much: grams, or how many of `unit`."},
    {"in": "query", "name": "unit", "schema": {"type": "integer"},
     "description": "An ingredientweightunit id of this ingredient; grams when empty."},
    {"in": "query", "name": "ingredient", "schema": {"type": "integer"},
     "description": "The ingredient the unit must belong to (defaults to the URL's)."},
]


@blueprint.route("/ingredient/search/", methods=["GET"])
@blueprint.doc(summary="Search ingredients by name", parameters=SEARCH_PARAMETERS, responses=SUGGESTIONS_DOC)
@cached_read
def search_ingredients():
    """Find ingredients whose name contains the term (ranked on PostgreSQL), at most 150."""
    term = request.args.get("term", "").strip()
    if not term:
        return jsonify({})
    ingredients = find(Ingredient, Ingredient.name_search, term, language_ids(request.args.get("language")),
                       SEARCH_LIMIT, options=(selectinload(Ingredient.image),))
    return jsonify({"suggestions": [_ingredient_suggestion(ingredient) for ingredient in ingredients]})


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


def _read_amount(errors):
    text = request.args.get("amount", "").strip()
    if not text:
        errors["amount"] = ["This field is required."]
        return None
    try:
        amount = decimal.Decimal(text)
    except decimal.InvalidOperation:
        errors["amount"] = ["Enter a number."]
        return None
    if not amount.is_finite() or amount < 0:
        errors["amount"] = ["Enter a number."]
        return None
    return amount


def _read_unit(ingredient_id, errors):
    text = request.args.get("unit", "").strip()
    if not text:
        return None
    unit = db.session.get(IngredientWeightUnit, int(text)) if text.isdigit() else None
    if unit is None or unit.ingredient_id != ingredient_id:
        errors["unit"] = [INVALID_CHOICE]
    return unit


@blueprint.route("/ingredient/<int:pk>/get_values/", methods=["GET"])
@blueprint.route("/ingredientinfo/<int:pk>/get_values/", methods=["GET"], endpoint="ingredientinfo_get_values")
@blueprint.doc(summary="Compute the nutritional values of an amount of an ingredient", parameters=VALUES_PARAMETERS,
               responses={"200": {"description": "Energy (kcal) and nutrients (g), or zeros and `errors`",
                                  "content": {"application/json": {"schema": {"type": "object"}}}}})
def ingredient_values(pk):
    """Return the energy and nutrients of `amount` grams, or of `amount` times a weight unit, of the ingredient."""
    ingredient = db.session.get(Ingredient, pk)
    if ingredient is None:
        abort(404, message="No Ingredient matches the given query.")
    errors = {}
    amount = _read_amount(errors)
    owner = request.args.get("ingredient", "").strip()
    unit = _read_unit(int(owner) if owner.isdigit() else ingredient.id, errors)
    if errors:
        return jsonify({**dict.fromkeys(NUTRIENTS, 0), "errors": errors})
    grams = amount * unit.amount * unit.gram if unit else amount
    values = {}
    for name in NUTRIENTS:
        per_100 = getattr(ingredient, name)
        values[name] = None if per_100 is None else float(round(decimal.Decimal(per_100) * grams / 100, 3))
    return jsonify(values)
