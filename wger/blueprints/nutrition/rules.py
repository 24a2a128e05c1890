"""What the plan resources check beyond their fields: portions that fit the ingredient, meals of the plan.

Both checks run on the object as it will be saved, so a PATCH that changes only one side of a pair (the
ingredient but not its portion, the plan but not the meal) is checked against the stored other side.
"""

from marshmallow import ValidationError

from wger.database import db
from wger.models import IngredientWeightUnit, Meal


def _check_portion(portion):
    """A weight unit must be one of the portions of the item's own ingredient (null means grams)."""
    if portion.weight_unit_id is None:
        return
    unit = db.session.get(IngredientWeightUnit, portion.weight_unit_id)
    if unit.ingredient_id != portion.ingredient_id:
        raise ValidationError({"weight_unit": [
            f"Weight unit {unit.id} is not a portion of ingredient {portion.ingredient_id}."
        ]})


def check_meal_item(item, created):
    """A meal item's portion must fit its ingredient (checked before anything is flushed)."""
    with db.session.no_autoflush:
        _check_portion(item)


def check_diary_entry(entry, created):
    """Besides the portion, a diary entry's meal (optional) must be a meal of the entry's plan."""
    with db.session.no_autoflush:
        _check_portion(entry)
        if entry.meal_id is not None and db.session.get(Meal, entry.meal_id).plan_id != entry.plan_id:
            raise ValidationError({"meal": [f"Meal {entry.meal_id} is not a meal of plan {entry.plan_id}."]})
