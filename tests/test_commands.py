"""The command-line tools."""

import pytest


@pytest.fixture
def fresh_install(app, catalog):
    """An empty database, as right after `flask db upgrade` (the core catalog is put back after the test)."""
    with app.app_context():
        catalog.remove()


def test_sample_data_loads_and_a_second_run_changes_nothing(app, client, fresh_install):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["sample-data"])
    assert first.exit_code == 0, first.output
    assert "muscles 16 changed" in first.output
    second = runner.invoke(args=["sample-data"])
    assert second.exit_code == 0
    assert "muscles 0 changed" in second.output
    assert " 1 changed" not in second.output
    assert client.get("/api/v2/muscle/").json["count"] == 16
    assert client.get("/api/v2/language/").json["count"] >= 10
    assert client.get("/api/v2/equipment/").json["count"] >= 10
    assert client.get("/api/v2/exercisecategory/").json["count"] == 8
    assert client.get("/api/v2/daysofweek/").json["count"] == 7
