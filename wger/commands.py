"""Command-line tools: `flask --app wger sample-data` loads the bundled catalog and the demo account with
its plan, diary, measurements and photos, `sync` mirrors another server's catalog, `user create` adds an
account."""

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from wger import accounts, demo
from wger.catalog.sample import load_catalog
from wger.catalog.sync import sync
from wger.catalog.upsert import UNCHANGED, advance_id_sequence, upsert
from wger.database import db
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
from wger.sample_training import load_training

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


def upsert_by_id(model, rows):
    """Insert or update rows by id; returns how many rows changed, so a second run reports 0."""
    changed = 0
    for row in rows:
        values = dict(row)
        _, outcome = upsert(model, {"id": values.pop("id")}, values)
        changed += outcome != UNCHANGED
    db.session.flush()
    advance_id_sequence(model)
    return changed


def load_core():
    core = read_sample("core")
    counts = {name: upsert_by_id(model, core[name]) for name, model in CORE_TABLES.items()}
    languages = {language.short_name: language.id for language in db.session.scalars(db.select(Language))}
    counts["weight_units"] = upsert_by_id(
        WeightUnit,
        [
            {"id": unit["id"], "name": unit["name"], "language_id": languages[unit["language"]]}
            for unit in read_sample("weightunits")
        ],
    )
    return counts


DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demodemo"


def load_demo_user():
    """Create the demo account the README names, once; an existing one is left as it is."""
    if accounts.find_user(username=DEMO_USERNAME):
        return 0
    user = accounts.create_user(DEMO_USERNAME, DEMO_PASSWORD, email="demo@example.com")
    user.profile.email_verified = True
    return 1


def load_demo_training():
    """Give the demo account its workouts, schedule, templates and training history, once."""
    return load_training(accounts.find_user(username=DEMO_USERNAME), read_sample("training"))


@click.command("sample-data")
@with_appcontext
def sample_data():
    """Load the bundled sample catalog and the demo account; running it again changes nothing."""
    counts = load_core()
    tally = load_catalog(read_sample)
    counts["demo_user"] = load_demo_user()
    counts["demo_workouts"] = load_demo_training()
    demo_counts = demo.load_demo_data(accounts.find_user(username=DEMO_USERNAME))
    db.session.commit()
    click.echo("Sample data: " + ", ".join(f"{name} {count} changed" for name, count in counts.items()))
    click.echo("Demo account: " + ", ".join(f"{name} {count} added" for name, count in demo_counts.items()))
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


@click.group("user")
def user():
    """Manage user accounts."""


UNIQUE = ["This field must be unique."]


@user.command("create")
@click.argument("username")
@click.option("--email", default=None, help="The account's email address.")
@click.password_option(help="Asked for (twice, hidden) when not given.")
@click.option("--admin", is_flag=True, help="Make the account a superuser.")
@with_appcontext
def create_user(username, email, password, admin):
    """Create an account with a profile and a permanent API key."""
    problems = accounts.registration_problems(username, email, password)
    if problems:
        taken = {"username": [f"A user named {username!r} already exists."],
                 "email": [f"The email address {email!r} is already in use."]}
        said = [" ".join(taken[field] if messages == UNIQUE else messages) for field, messages in problems.items()]
        raise click.ClickException(" ".join(said))
    account = accounts.create_user(username, password, email=email, is_superuser=admin)
    db.session.commit()
    click.echo(f"Created {'superuser' if admin else 'user'} {account.username} (id {account.id}).")
