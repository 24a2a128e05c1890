"""The nutrition charts on the browsable page: what the diary logged per day, and where a plan's energy
comes from."""

from collections import defaultdict

from sqlalchemy.orm import selectinload

from wger.api.charts import Split, TimeSeries
from wger.blueprints.nutrition import values
from wger.database import db
from wger.models import LogItem, Meal, MealItem, NutritionPlan

MAX_ENTRIES = 5000
MAX_PLANS = 20
MACRONUTRIENTS = {"protein": "Protein", "carbohydrates": "Carbohydrates", "fat": "Fat"}


def diary_by_day(entries):
    """Energy and macronutrients per day of the diary entries the page selects (the newest `MAX_ENTRIES`)."""
    statement = (entries.options(selectinload(LogItem.ingredient), selectinload(LogItem.weight_unit))
                 .order_by(LogItem.datetime.desc()).limit(MAX_ENTRIES))
    days = defaultdict(values.NutritionalValues)
    for entry in db.session.scalars(statement):
        day = entry.datetime.date()
        days[day] = days[day] + values.of_portion(entry)
    ordered = sorted(days.items())
    energy = TimeSeries("Energy per day", "kcal", {"energy": [(day, total.energy) for day, total in ordered]})
    macronutrients = TimeSeries("Macronutrients per day", "g", {
        label: [(day, getattr(total, name)) for day, total in ordered] for name, label in MACRONUTRIENTS.items()
    })
    return [energy, macronutrients]


def energy_split(plans):
    """The energy of each plan the page selects (the newest `MAX_PLANS`) from protein, carbohydrates, fat."""
    statement = (plans.options(selectinload(NutritionPlan.meals).selectinload(Meal.items).options(
        selectinload(MealItem.ingredient), selectinload(MealItem.weight_unit)))
        .order_by(NutritionPlan.creation_date.desc(), NutritionPlan.id.desc()).limit(MAX_PLANS))
    rows = []
    for plan in db.session.scalars(statement):
        split = values.of_plan(plan).energy_split
        rows.append((plan.description or f"Plan {plan.id}",
                     [(label, split[name]) for name, label in MACRONUTRIENTS.items()]))
    return [Split("Energy from protein, carbohydrates and fat", "kcal", rows, row_label="plan")]
