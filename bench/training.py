"""Fill the configured database with training data for `python -m bench.run --suite training`.

    python -m bench.training --users 1000 --logs 10000

Adds the account `bench` (its API key is what the load run sends) with a 7-day workout of 40 sets (every
other set a superset) and `--logs` workout logs over three years, and `--users` other accounts with a
workout, logs, sessions and a schedule each, so that the bench user's rows are a small part of every
table. Rows go in with bulk INSERTs; run it once on a database holding the sample data.
"""

import datetime as dt
import decimal
import random

import click
import sqlalchemy as sa

from bench.generate import _insert, _new_ids
from wger import accounts, create_app
from wger.catalog.upsert import advance_id_sequence
from wger.database import db
from wger.models import (
    Day,
    ExerciseBase,
    Schedule,
    ScheduleStep,
    Set,
    Setting,
    User,
    Workout,
    WorkoutLog,
    WorkoutSession,
)
from wger.models.workouts import day_days

BENCH_USERNAME = "bench"
BENCH_WORKOUT = "Bench: 7 days, 40 sets"
SETS_PER_DAY = (6, 6, 6, 6, 6, 5, 5)
LOGGED_BASES = 8
OTHER_USER_LOGS = 50
OTHER_USER_SESSIONS = 10


def _workout(user_id, name, sets_per_day, bases, rng, today):
    """Insert a workout with days of the given numbers of sets; every other set is a two-exercise superset."""
    (workout_id,) = _new_ids(Workout, 1)
    _insert(Workout, [{"id": workout_id, "user_id": user_id, "name": name, "description": "", "creation_date": today,
                       "is_template": False, "is_public": False}])
    day_ids = _new_ids(Day, len(sets_per_day))
    _insert(Day, [{"id": pk, "training_id": workout_id, "description": f"Day {number + 1}"}
                  for number, pk in enumerate(day_ids)])
    _insert(day_days, [{"day_id": pk, "daysofweek_id": number % 7 + 1} for number, pk in enumerate(day_ids)])
    places = [(day_id, order) for day_id, count in zip(day_ids, sets_per_day, strict=True)
              for order in range(1, count + 1)]
    sets = [{"id": pk, "exerciseday_id": day_id, "sets": 4, "order": order, "comment": ""}
            for pk, (day_id, order) in zip(_new_ids(Set, len(places)), places, strict=True)]
    _insert(Set, sets)
    settings = []
    for number, row in enumerate(sets):
        for base_id in rng.sample(bases, 2 if number % 2 else 1):
            settings.append({"set_id": row["id"], "exercise_base_id": base_id, "repetition_unit_id": 1,
                             "reps": rng.choice((5, 8, 10, 12)), "weight": decimal.Decimal(rng.randint(20, 120)),
                             "weight_unit_id": 1, "rir": rng.choice((None, "1", "2")), "order": 1, "comment": ""})
    _insert(Setting, settings)
    return workout_id


def _logs(user_id, workout_id, bases, count, rng, today):
    _insert(WorkoutLog, [
        {"user_id": user_id, "workout_id": workout_id, "exercise_base_id": rng.choice(bases),
         "date": today - dt.timedelta(days=rng.randint(1, 3 * 365)), "reps": rng.choice((5, 8, 10, 12)),
         "weight": decimal.Decimal(rng.randint(200, 1500)) / 10, "repetition_unit_id": 1,
         "weight_unit_id": rng.choice((1, 1, 1, 2)), "rir": None}
        for _ in range(count)
    ])


def _other_users(count, bases, rng, today):
    user_ids = _new_ids(User, count)
    _insert(User, [{"id": pk, "username": f"bench-other-{pk}", "email": None, "password": "!", "is_superuser": False,
                    "is_active": True, "date_joined": dt.datetime(2024, 1, 1), "failed_logins": 0}
                   for pk in user_ids])
    for user_id in user_ids:
        workout_id = _workout(user_id, "Other", (2, 2, 2), bases, rng, today)
        _logs(user_id, workout_id, bases, OTHER_USER_LOGS, rng, today)
        _insert(WorkoutSession, [{"user_id": user_id, "workout_id": workout_id, "impression": "2", "notes": None,
                                  "date": today - dt.timedelta(days=2 * number + 1)}
                                 for number in range(OTHER_USER_SESSIONS)])
        (schedule_id,) = _new_ids(Schedule, 1)
        _insert(Schedule, [{"id": schedule_id, "user_id": user_id, "name": "Block", "start_date": today,
                            "is_active": True, "is_loop": False}])
        _insert(ScheduleStep, [{"schedule_id": schedule_id, "workout_id": workout_id, "duration": 4, "order": 1}])


@click.command()
@click.option("--users", default=1000, show_default=True, help="Other accounts, each with its own training.")
@click.option("--logs", default=10_000, show_default=True, help="Workout logs of the bench account.")
@click.option("--seed", default=1, show_default=True)
def main(users, logs, seed):
    """Add the bench account's large workout and logs, and other accounts' training."""
    app = create_app()
    rng = random.Random(seed)
    today = dt.datetime.now(dt.UTC).date()
    with app.app_context():
        if accounts.find_user(username=BENCH_USERNAME):
            raise click.ClickException("The bench account exists already: generate into a fresh database.")
        bench = accounts.create_user(BENCH_USERNAME, "bench-password-1")
        db.session.flush()
        bases = list(db.session.scalars(sa.select(ExerciseBase.id).order_by(ExerciseBase.id).limit(200)))
        if len(bases) < LOGGED_BASES:
            raise click.ClickException("Load the sample data first (flask --app wger sample-data).")
        workout_id = _workout(bench.id, BENCH_WORKOUT, SETS_PER_DAY, bases, rng, today)
        logged = db.session.scalars(
            sa.select(Setting.exercise_base_id).join(Set).join(Day).where(Day.training_id == workout_id)
            .distinct().order_by(Setting.exercise_base_id).limit(LOGGED_BASES)
        ).all()
        _logs(bench.id, workout_id, logged, logs, rng, today)
        _other_users(users, bases, rng, today)
        for model in (User, Workout, Day, Set, Setting, WorkoutLog, WorkoutSession, Schedule, ScheduleStep):
            advance_id_sequence(model)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(sa.text("VACUUM ANALYZE"))
    click.echo(f"Added the bench account ({logs} logs) and {users} other accounts with their training.")


if __name__ == "__main__":
    main()
