"""The suite never touches a database it did not create: it ignores `DATABASE_URL` and refuses a
`TEST_DATABASE_URL` whose name does not say it is for tests."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from database_names import database_name

ROOT = Path(__file__).resolve().parent.parent
ONE_QUICK_TEST = "tests/test_core.py::test_days_of_week_have_no_id_and_keep_their_order"


def _run_suite(tmp_path, **environment):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "TEST_DATABASE_URL")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", ONE_QUICK_TEST],
                          cwd=ROOT, env={**env, **environment}, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("url", "name"), [
    ("postgresql://postgres@127.0.0.1:5432/wger_test", "wger_test"),
    ("postgresql+psycopg://u:p@db/wger", "wger"),
    ("sqlite:////srv/instance/test.sqlite", "test.sqlite"),
    ("sqlite:////srv/test/wger.sqlite", "wger.sqlite"),
])
def test_database_name_is_the_database_or_the_file_name(url, name):
    assert database_name(url) == name


def test_refuses_a_database_not_named_for_tests(tmp_path):
    # Port 1 has no server: should the guard ever fail, the run fails to connect instead of emptying a database.
    completed = _run_suite(tmp_path, TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:1/wger")
    assert completed.returncode == 4
    assert "TEST_DATABASE_URL names the database 'wger'" in completed.stdout + completed.stderr


def test_ignores_the_servers_database_url(tmp_path):
    production = tmp_path / "production.sqlite"
    completed = _run_suite(tmp_path, DATABASE_URL=f"sqlite:///{production}")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert not production.exists()
