"""The command-line tools."""

import re

import pytest


@pytest.fixture
def fresh_install(app, catalog):
    """An empty database, as right after `flask db upgrade` (the core catalog is put back after the test)."""
    with app.app_context():
        catalog.remove()


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
