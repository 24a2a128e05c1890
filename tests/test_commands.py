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
    assert "demo_weight_entries 41 changed" in runner.invoke(args=["sample-data"]).output
    token = client.post("/api/v2/login/", json={"username": "demo", "password": "demodemo"}).json["token"]
    headers = {"Authorization": f"Token {token}"}
    entries = client.get("/api/v2/weightentry/?ordering=date&limit=100", headers=headers).json
    assert entries["count"] == 41
    dates = [dt.date.fromisoformat(entry["date"]) for entry in entries["results"]]
    assert dates[-1] == dt.date.today() and (dates[-1] - dates[0]).days == 120
    assert {(later - earlier).days for earlier, later in itertools.pairwise(dates)} == {3}
    weights = [Decimal(entry["weight"]) for entry in entries["results"]]
    assert Decimal("80") < min(weights) and max(weights) < Decimal("85") and weights[-1] < weights[0]
    assert "demo_weight_entries 0 changed" in runner.invoke(args=["sample-data"]).output
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
