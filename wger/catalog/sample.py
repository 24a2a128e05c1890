"""Load the bundled exercises and ingredients (`exercises.json`, `ingredients.json`); uuids are the keys.

Aliases and notes have no uuid in the files, so theirs are derived from the translation's uuid and their
text: loading twice finds the same rows. Variation groups are numbered in the file and keep that id.
"""

import decimal
import uuid

import sqlalchemy as sa

from wger.catalog.upsert import Tally, advance_id_sequence, as_uuid, upsert
from wger.database import db
from wger.models import (
    Alias,
    Equipment,
    Exercise,
    ExerciseBase,
    ExerciseComment,
    Ingredient,
    IngredientWeightUnit,
    Language,
    Muscle,
    Variation,
)

NUTRIENTS = ("protein", "carbohydrates", "carbohydrates_sugar", "fat", "fat_saturated", "fiber", "sodium")


def _language_ids():
    return {language.short_name: language.id for language in db.session.scalars(sa.select(Language))}


def _by_ids(model, ids):
    found = {obj.id: obj for obj in db.session.scalars(sa.select(model).where(model.id.in_(ids)))}
    return [found[pk] for pk in ids]


def _derived_uuid(parent, kind, text):
    return uuid.uuid5(as_uuid(parent), f"{kind}:{text}")


def _sync_children(tally, kind, model, translation, parent_uuid, texts, column):
    """Upsert a translation's aliases or notes from their texts and delete the ones no longer listed."""
    keep = set()
    for text in texts:
        child_uuid = _derived_uuid(parent_uuid, kind, text)
        keep.add(child_uuid)
        _, outcome = upsert(model, {"uuid": child_uuid}, {"exercise": translation, column: text})
        tally.add(kind, outcome)
    for child in list(getattr(translation, "aliases" if model is Alias else "comments")):
        if child.uuid not in keep:
            db.session.delete(child)
            tally.add(kind, "updated")


def load_exercises(rows, tally):
    languages = _language_ids()
    for group in sorted({row["variation"] for row in rows if row.get("variation")}):
        if db.session.get(Variation, group) is None:
            db.session.add(Variation(id=group))
    db.session.flush()
    advance_id_sequence(Variation)
    for row in rows:
        base, outcome = upsert(ExerciseBase, {"uuid": as_uuid(row["uuid"])}, {
            "category_id": row["category"],
            "variations_id": row.get("variation"),
            "license_author": row.get("license_author"),
            "muscles": _by_ids(Muscle, row["muscles"]),
            "muscles_secondary": _by_ids(Muscle, row["muscles_secondary"]),
            "equipment": _by_ids(Equipment, row["equipment"]),
        })
        tally.add("exercise bases", outcome)
        db.session.flush()
        for item in row["translations"]:
            translation, outcome = upsert(Exercise, {"uuid": as_uuid(item["uuid"])}, {
                "exercise_base_id": base.id,
                "language_id": languages[item["language"]],
                "name": item["name"],
                "description": item["description"],
                "license_author": row.get("license_author"),
            })
            tally.add("exercise translations", outcome)
            db.session.flush()
            _sync_children(tally, "aliases", Alias, translation, item["uuid"], item.get("aliases", []), "alias")
            _sync_children(tally, "notes", ExerciseComment, translation, item["uuid"], item.get("notes", []),
                           "comment")


def _decimal(value):
    return None if value is None else decimal.Decimal(str(value))


def load_ingredients(rows, tally):
    languages = _language_ids()
    for row in rows:
        ingredient, outcome = upsert(Ingredient, {"uuid": as_uuid(row["uuid"])}, {
            "name": row["name"],
            "language_id": languages[row["language"]],
            "energy": row["energy"],
            "code": row.get("code"),
            "source_name": "wger-py sample data",
            **{name: _decimal(row.get(name)) for name in NUTRIENTS},
        })
        tally.add("ingredients", outcome)
        db.session.flush()
        for unit in row.get("weight_units", []):
            _, outcome = upsert(IngredientWeightUnit, {"ingredient_id": ingredient.id, "unit_id": unit["unit"]}, {
                "amount": _decimal(unit["amount"]),
                "gram": unit["gram"],
            })
            tally.add("ingredient weight units", outcome)


def load_catalog(read_sample):
    """Load both files; returns the tally (a second run reports only `unchanged`)."""
    tally = Tally()
    load_exercises(read_sample("exercises"), tally)
    load_ingredients(read_sample("ingredients"), tally)
    db.session.flush()
    return tally
