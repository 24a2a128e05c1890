"""Fill the configured database with a large synthetic catalog, on top of the sample data.

    python -m bench.generate --ingredients 100000 --exercises 10000

Rows are written with bulk INSERTs (no ORM objects), so 100,000 ingredients take seconds. Every run adds
new rows with fresh uuids; run it on a database holding the sample data (`flask --app wger sample-data`).
"""

import datetime as dt
import decimal
import random
import uuid

import click
import sqlalchemy as sa

from wger import create_app
from wger.api.cache import bump_version
from wger.catalog.upsert import advance_id_sequence
from wger.database import db
from wger.models import Alias, Exercise, ExerciseBase, Ingredient, IngredientWeightUnit
from wger.models.exercises import base_equipment, base_muscles, base_muscles_secondary
from wger.text import search_key

BATCH = 5000
WORDS = ("bench", "press", "squat", "curl", "row", "pull", "push", "lunge", "raise", "fly", "deadlift", "dip",
         "cable", "dumbbell", "barbell", "kettlebell", "incline", "decline", "seated", "standing", "single-arm",
         "wide", "close-grip", "reverse", "hammer", "front", "lateral", "overhead", "split", "sumo")
FOODS = ("oat", "rice", "bread", "cheese", "milk", "yogurt", "apple", "banana", "chicken", "beef", "salmon",
         "bean", "lentil", "pasta", "potato", "tomato", "carrot", "almond", "walnut", "egg", "tofu", "butter",
         "honey", "chocolate", "coffee", "orange", "pepper", "spinach", "corn", "pea")
STYLES = ("raw", "cooked", "dried", "smoked", "organic", "low-fat", "whole", "sliced", "frozen", "fresh")
DESCRIPTION = "<p>A generated exercise for load tests: keep the movement controlled and breathe steadily.</p>"


def _now():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _insert(model_or_table, rows):
    table = getattr(model_or_table, "__table__", model_or_table)
    for start in range(0, len(rows), BATCH):
        db.session.execute(sa.insert(table), rows[start:start + BATCH])


def _new_ids(model, count):
    first = (db.session.scalar(sa.select(sa.func.max(model.id))) or 0) + 1
    return list(range(first, first + count))


def generate_exercises(count, rng):
    now = _now()
    base_ids = _new_ids(ExerciseBase, count)
    _insert(ExerciseBase, [{"id": pk, "uuid": uuid.uuid4(), "created": now, "last_update": now,
                            "category_id": rng.randint(8, 15), "license_id": 2, "license_author": "bench",
                            "license_title": "", "license_object_url": "", "license_author_url": "",
                            "license_derivative_source_url": ""} for pk in base_ids])
    for table, per_base in ((base_muscles, 2), (base_muscles_secondary, 1)):
        _insert(table, [{"exercisebase_id": pk, "muscle_id": muscle}
                        for pk in base_ids for muscle in rng.sample(range(1, 17), per_base)])
    _insert(base_equipment, [{"exercisebase_id": pk, "equipment_id": rng.randint(1, 12)} for pk in base_ids])
    translation_ids = _new_ids(Exercise, count)
    translations = []
    for pk, base_id in zip(translation_ids, base_ids, strict=True):
        name = " ".join(rng.sample(WORDS, 3)).title() + f" {base_id}"
        translations.append({"id": pk, "uuid": uuid.uuid4(), "name": name, "name_search": search_key(name),
                             "exercise_base_id": base_id, "description": DESCRIPTION, "created": now,
                             "last_update": now, "language_id": 2, "license_id": 2, "license_author": "bench",
                             "license_title": "", "license_object_url": "", "license_author_url": "",
                             "license_derivative_source_url": ""})
    _insert(Exercise, translations)
    _insert(Alias, [{"uuid": uuid.uuid4(), "exercise_id": pk, "alias": f"Alias {pk}",
                     "alias_search": f"alias {pk}"} for pk in translation_ids[::3]])


def generate_ingredients(count, rng):
    now = _now()
    ids = _new_ids(Ingredient, count)
    rows = []
    for pk in ids:
        name = f"{rng.choice(FOODS).title()} {rng.choice(STYLES)} {rng.choice(FOODS)} {pk}"
        protein, carbohydrates, fat = (decimal.Decimal(rng.randint(0, 30000)) / 1000 for _ in range(3))
        rows.append({"id": pk, "uuid": uuid.uuid4(), "name": name, "name_search": search_key(name),
                     "created": now, "last_update": now, "energy": rng.randint(0, 900), "protein": protein,
                     "carbohydrates": carbohydrates, "fat": fat, "carbohydrates_sugar": carbohydrates / 3,
                     "fat_saturated": fat / 3, "fiber": None, "sodium": None, "code": f"bench{pk:09d}",
                     "language_id": rng.choice((1, 2, 2, 2)), "license_id": 5, "source_name": "bench",
                     "license_title": "", "license_object_url": "", "license_author": "bench",
                     "license_author_url": "", "license_derivative_source_url": ""})
    _insert(Ingredient, rows)
    _insert(IngredientWeightUnit, [{"ingredient_id": pk, "unit_id": unit, "amount": decimal.Decimal(1),
                                    "gram": rng.randint(5, 300)}
                                   for pk in ids for unit in rng.sample(range(1, 10), 2)])


def _advance_sequences():
    for model in (ExerciseBase, Exercise, Alias, Ingredient, IngredientWeightUnit):
        advance_id_sequence(model)


@click.command()
@click.option("--ingredients", default=100_000, show_default=True)
@click.option("--exercises", default=10_000, show_default=True)
@click.option("--seed", default=1, show_default=True)
def main(ingredients, exercises, seed):
    """Add `--exercises` bases (one English translation each) and `--ingredients` ingredients."""
    app = create_app()
    rng = random.Random(seed)
    with app.app_context():
        generate_exercises(exercises, rng)
        generate_ingredients(ingredients, rng)
        _advance_sequences()
        bump_version(db.session.connection())
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(sa.text("VACUUM ANALYZE"))
    click.echo(f"Added {exercises} exercises and {ingredients} ingredients.")


if __name__ == "__main__":
    main()
