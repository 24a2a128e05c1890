"""The nutritional values of what a plan, a meal or a diary entry contains, computed from loaded objects.

An ingredient gives energy (kcal) and nutrients (g) per 100 g; a portion of it weighs `amount` grams, or
`amount` times a weight unit's amount times its grams. Values are summed exactly in decimals (the response
schema writes them as floats). Energy, protein, carbohydrates and fat are always known (zero for nothing);
sugar, saturated fat, fiber and sodium are null until some ingredient of the sum says how much it has (a
known zero counts).

Nothing here queries or caches: the callers load what they need, so a value is never older than its rows.
"""

from dataclasses import dataclass, fields
from decimal import Decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def _add(first, second):
    if first is None:
        return second
    return first if second is None else first + second


@dataclass(frozen=True)
class NutritionalValues:
    energy: Decimal = ZERO
    protein: Decimal = ZERO
    carbohydrates: Decimal = ZERO
    carbohydrates_sugar: Decimal | None = None
    fat: Decimal = ZERO
    fat_saturated: Decimal | None = None
    fiber: Decimal | None = None
    sodium: Decimal | None = None

    def __add__(self, other):
        return NutritionalValues(
            **{name: _add(getattr(self, name), getattr(other, name)) for name in NUTRIENTS}
        )

    @property
    def energy_split(self):
        """The energy from protein, carbohydrates and fat (4, 4 and 9 kcal per gram), in kcal."""
        return {"protein": self.protein * 4, "carbohydrates": self.carbohydrates * 4, "fat": self.fat * 9}


NUTRIENTS = tuple(field.name for field in fields(NutritionalValues))


def of_portion(portion):
    """The values of a meal item or a diary entry: its ingredient's per-100 g values scaled to its grams."""
    ingredient, grams = portion.ingredient, portion.grams
    values = {}
    for name in NUTRIENTS:
        per_100_grams = getattr(ingredient, name)
        values[name] = None if per_100_grams is None else Decimal(per_100_grams) * grams / HUNDRED
    return NutritionalValues(**values)


def total(portions):
    """The sum of the values of `portions` (zeros and nulls for none)."""
    result = NutritionalValues()
    for portion in portions:
        result += of_portion(portion)
    return result


def of_meal(meal):
    return total(meal.items)


def of_plan(plan):
    return total(item for meal in plan.meals for item in meal.items)
