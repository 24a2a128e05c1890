"""Give the bench account a nutrition plan of 6 meals x 10 items and a year of diary entries.

    python -m bench.nutrition            # after `flask --app wger sample-data` (and optionally bench.generate)

The account `bench` (password `BENCH_PASSWORD`) is created once; every run replaces its plans, so the
figures of `bench.run` always measure the same shape. Diary rows are bulk inserted.
"""

import datetime as dt
import decimal
import random

import click
import sqlalchemy as sa

from wger import accounts, create_app
from wger.database import db
from wger.models import Ingredient, IngredientWeightUnit, LogItem, Meal, MealItem, NutritionPlan

BENCH_USERNAME, BENCH_PASSWORD = "bench", "bench-password-1"
MEALS, ITEMS_PER_MEAL = 6, 10
DIARY_DAYS, ENTRIES_PER_DAY = 365, 12
DIARY_END = dt.date(2025, 12, 31)


def bench_user():
    return accounts.find_user(username=BENCH_USERNAME) or accounts.create_user(BENCH_USERNAME, BENCH_PASSWORD)


def _portions(rng, count):
    """`count` (ingredient, weight unit or None) pairs from ingredients that have portions."""
    statement = sa.select(IngredientWeightUnit).order_by(IngredientWeightUnit.id).limit(count * 5)
    units = db.session.scalars(statement).all()
    chosen = rng.sample(units, count)
    return [(unit.ingredient_id, unit.id if index % 2 else None) for index, unit in enumerate(chosen)]


def make_plan(user, rng):
    plan = NutritionPlan(user_id=user.id, description="Bench plan", goal_energy=2500)
    portions = _portions(rng, MEALS * ITEMS_PER_MEAL)
    for number in range(MEALS):
        meal = Meal(time=dt.time(7 + 2 * number, 0), name=f"Meal {number + 1}")
        for ingredient_id, unit_id in portions[number * ITEMS_PER_MEAL:(number + 1) * ITEMS_PER_MEAL]:
            amount = decimal.Decimal(rng.randint(1, 3) if unit_id else rng.randint(20, 250))
            meal.items.append(MealItem(ingredient_id=ingredient_id, weight_unit_id=unit_id, amount=amount))
        plan.meals.append(meal)
    db.session.add(plan)
    db.session.flush()
    return plan


def make_diary(plan, rng):
    items = [item for meal in plan.meals for item in meal.items]
    rows = []
    for days_ago in range(DIARY_DAYS):
        day = DIARY_END - dt.timedelta(days=days_ago)
        for entry in range(ENTRIES_PER_DAY):
            item = rng.choice(items)
            rows.append({"plan_id": plan.id, "meal_id": item.meal_id, "ingredient_id": item.ingredient_id,
                         "weight_unit_id": item.weight_unit_id, "amount": item.amount,
                         "datetime": dt.datetime.combine(day, dt.time(6 + entry, rng.randint(0, 59)))})
    db.session.execute(sa.insert(LogItem), rows)
    return len(rows)


@click.command()
@click.option("--seed", default=1, show_default=True)
def main(seed):
    """Replace the bench account's plans with one of 6 x 10 items and a year of diary entries."""
    app = create_app()
    rng = random.Random(seed)
    with app.app_context():
        if db.session.scalar(sa.select(sa.func.count()).select_from(Ingredient)) < MEALS * ITEMS_PER_MEAL:
            raise click.ClickException("Load the sample data first: flask --app wger sample-data")
        user = bench_user()
        for plan in db.session.scalars(sa.select(NutritionPlan).where(NutritionPlan.user_id == user.id)):
            db.session.delete(plan)
        db.session.flush()
        plan = make_plan(user, rng)
        entries = make_diary(plan, rng)
        plan_id = plan.id
        db.session.commit()
    click.echo(f"Plan {plan_id}: {MEALS} meals x {ITEMS_PER_MEAL} items; {entries} diary entries.")


if __name__ == "__main__":
    main()
