"""Command-line tools: `flask --app wger sample-data` loads the bundled catalog, `sync` mirrors a server's."""

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from wger.catalog.sample import load_catalog
from wger.catalog.sync import sync
from wger.catalog.upsert import advance_id_sequence
from wger.extensions import db
from wger.models import (
    DaysOfWeek,
    Equipment,
    ExerciseCategory,
    Language,
    License,
    Muscle,
    RepetitionUnit,
    RoutineWeightUnit,
    WeightUnit,
)

SAMPLE_DATA = Path(__file__).resolve().parent / "sample_data"
CORE_TABLES = {
    "languages": Language,
    "licenses": License,
    "days_of_week": DaysOfWeek,
    "repetition_units": RepetitionUnit,
    "routine_weight_units": RoutineWeightUnit,
    "muscles": Muscle,
    "equipment": Equipment,
    "exercise_categories": ExerciseCategory,
}


def read_sample(name):
    return json.loads((SAMPLE_DATA / f"{name}.json").read_text(encoding="utf-8"))


def upsert(model, rows):
    """Insert or update rows by id; returns how many rows changed, so a second run reports 0."""
    changed = 0
    for row in rows:
        obj = db.session.get(model, row["id"]) or model(id=row["id"])
        if obj in db.session and all(getattr(obj, key) == value for key, value in row.items()):
            continue
        for key, value in row.items():
            setattr(obj, key, value)
        db.session.add(obj)
        changed += 1
    db.session.flush()
    advance_id_sequence(model)
    return changed


def load_core():
    core = read_sample("core")
    counts = {name: upsert(model, core[name]) for name, model in CORE_TABLES.items()}
    languages = {language.short_name: language.id for language in db.session.scalars(db.select(Language))}
    counts["weight_units"] = upsert(
        WeightUnit,
        [
            {"id": unit["id"], "name": unit["name"], "language_id": languages[unit["language"]]}
            for unit in read_sample("weightunits")
        ],
    )
    return counts


@click.command("sample-data")
@with_appcontext
def sample_data():
    """Load the bundled sample catalog; running it again changes nothing."""
    counts = load_core()
    tally = load_catalog(read_sample)
    db.session.commit()
    click.echo("Sample data: " + ", ".join(f"{name} {count} changed" for name, count in counts.items()))
    for line in tally.lines():
        click.echo(line)


@click.command("sync")
@click.argument("what", type=click.Choice(["exercises", "ingredients", "all"]))
@click.option("--from", "source", required=True, metavar="URL",
              help="The server to copy from, e.g. https://wger.de or another instance of this project.")
@with_appcontext
def sync_catalog(what, source):
    """Copy exercises and/or ingredients from a wger server; running it again changes nothing."""
    kinds = ["exercises", "ingredients"] if what == "all" else [what]
    tally = sync(kinds, source)
    for line in tally.lines():
        click.echo(line)
