"""The command-line tools."""

import datetime as dt
import itertools
import re
from decimal import Decimal


def test_sample_data_is_what_the_readme_promises_and_a_second_run_changes_nothing(app, client, fresh_install):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["sample-data"])
    assert first.exit_code == 0, first.output
    assert "muscles 16 changed" in first.output
    assert "demo_user 1 changed" in first.output
    second = runner.invoke(args=["sample-data"])
    assert second.exit_code == 0
    assert set(re.findall(r"(\d+) (?:changed|added|updated)", second.output)) == {"0"}
    assert client.get("/api/v2/muscle/").json["count"] == 16
    assert client.get("/api/v2/language/").json["count"] >= 10
    assert client.get("/api/v2/equipment/").json["count"] >= 10
    assert client.get("/api/v2/exercisecategory/").json["count"] == 8
    assert client.get("/api/v2/daysofweek/").json["count"] == 7
    assert client.get("/api/v2/exercise-base/").json["count"] >= 150
    for category in range(8, 16):
        assert client.get(f"/api/v2/exercise-base/?category={category}").json["count"] > 0
    assert client.get("/api/v2/exercise/?language=1").json["count"] >= 30
    assert client.get("/api/v2/ingredient/").json["count"] >= 400
    demo = client.post("/api/v2/token", json={"username": "demo", "password": "demodemo"})
    assert demo.status_code == 200


def test_the_demo_account_gets_a_weight_history_once(app, client):
    runner = app.test_cli_runner()
    assert "weight entries 41 added" in runner.invoke(args=["sample-data"]).output
    token = client.post("/api/v2/login/", json={"username": "demo", "password": "demodemo"}).json["token"]
    headers = {"Authorization": f"Token {token}"}
    entries = client.get("/api/v2/weightentry/?ordering=date&limit=100", headers=headers).json
    assert entries["count"] == 41
    dates = [dt.date.fromisoformat(entry["date"]) for entry in entries["results"]]
    assert abs(dates[-1] - dt.date.today()).days <= 1 and (dates[-1] - dates[0]).days == 120
    assert {(later - earlier).days for earlier, later in itertools.pairwise(dates)} == {3}
    weights = [Decimal(entry["weight"]) for entry in entries["results"]]
    assert Decimal("80") < min(weights) and max(weights) < Decimal("85") and weights[-1] < weights[0]
    assert "weight entries 0 added" in runner.invoke(args=["sample-data"]).output
    assert client.get("/api/v2/weightentry/", headers=headers).json["count"] == 41


def test_sample_data_gives_the_demo_account_a_training_history(app, client, auth_headers):
    runner = app.test_cli_runner()
    assert "demo_workouts 4 changed" in runner.invoke(args=["sample-data"]).output
    assert "demo_workouts 0 changed" in runner.invoke(args=["sample-data"]).output
    demo = auth_headers("demo")

    def count(name, query=""):
        return client.get(f"/api/v2/{name}/{query}", headers=demo).json["count"]

    assert (count("workout"), count("templates"), count("public-templates")) == (2, 2, 1)
    assert (count("schedule", "?is_active=true"), count("schedulestep")) == (1, 2)
    assert count("workoutsession") >= 24
    (workout,) = client.get("/api/v2/workout/?name=Push, pull, legs", headers=demo).json["results"]
    canonical = client.get(f"/api/v2/workout/{workout['id']}/canonical_representation/", headers=demo).json
    sets = [exercise_set for day in canonical["day_list"] for exercise_set in day["set_list"]]
    assert [day["days_of_week"]["text"] for day in canonical["day_list"]] == ["Monday", "Wednesday", "Friday"]
    assert any(exercise_set["is_superset"] for exercise_set in sets)
    texts = [exercise["setting_text"] for exercise_set in sets for exercise in exercise_set["exercise_list"]]
    assert any(" \u2013 " in text for text in texts)
    squat = canonical["day_list"][2]["set_list"][0]["exercise_list"][0]["obj"]["id"]
    history = client.get(f"/api/v2/workout/{workout['id']}/log_data/?id={squat}", headers=demo).json
    assert len(history["logs"]) in (8, 9)
    best = [point["weight"] for point in history["chart_data"][-1]]
    assert best == sorted(best) and best[0] != best[-1]


def test_the_demo_account_gets_a_plan_diary_measurements_and_photos_once(app, client, log_in):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["sample-data"])
    assert first.exit_code == 0, first.output
    assert "Demo account: plan 1 added, diary entries " in first.output
    second = runner.invoke(args=["sample-data"])
    assert "Demo account: plan 0 added, diary entries 0 added, measurements 0 added, weight entries 0 added, " \
           "photos 0 added" in second.output
    log_in("demo", "demodemo")
    (plan,) = client.get("/api/v2/nutritionplaninfo/").json["results"]
    assert [meal["name"] for meal in plan["meals"]] == ["Breakfast", "Lunch", "Snack", "Dinner"]
    items = [item for meal in plan["meals"] for item in meal["meal_items"]]
    assert len(items) == 15
    assert sum(item["weight_unit"] is not None for item in items) >= 8
    assert all(meal["nutritional_values"]["energy"] > 0 for meal in plan["meals"])
    diary = client.get("/api/v2/nutritiondiary/?limit=1000").json["results"]
    days = {entry["datetime"][:10] for entry in diary}
    assert len(days) == 14
    categories = client.get("/api/v2/measurement-category/").json["results"]
    assert sorted(category["name"] for category in categories) == ["Biceps", "Body fat"]
    values = client.get("/api/v2/measurement/?limit=100").json["results"]
    assert len(values) == 36
    assert values[0]["date"] > values[-1]["date"]
    photos = client.get("/api/v2/gallery/").json["results"]
    assert len(photos) == 2
    assert client.get(photos[0]["image"].removeprefix("http://localhost")).status_code == 200
