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
