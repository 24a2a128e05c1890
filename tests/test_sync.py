"""`flask --app wger sync` against real HTTP upstreams of every generation of the wger API.

This project's generation is a second instance of this app with its own SQLite database and media
folder, run by werkzeug's `make_server` in a thread. The original wger 2.1 is replayed from answers
recorded from a running 2.1 server, and today's public wger from rows written after its published
serializers (`tests/upstreams/`, served by `replay_upstream`). The sync goes through requests, pagination
links, JSON and file downloads exactly as it would against a remote server.
"""

import io
import re
import threading
import uuid

import pytest
import requests
from catalog_factories import make_base, make_ingredient, make_translation
from flask_migrate import upgrade
from PIL import Image
from replay_upstream import ReplayedUpstream, recording
from werkzeug.serving import make_server

from wger import create_app
from wger.catalog import media, progress, sync
from wger.commands import load_core
from wger.database import db
from wger.models import ExerciseImage, IngredientImage, Variation


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), "blue").save(buffer, format="PNG")
    return media.PendingFile(buffer.getvalue(), ".png")


@pytest.fixture
def upstream(tmp_path):
    upstream_app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'upstream.sqlite'}",
        "SECRET_KEY": "upstream-secret-key-of-sufficient-length",
        "MEDIA_FOLDER": str(tmp_path / "upstream-media"),
    })
    with upstream_app.app_context():
        upgrade()
        load_core()
        group = Variation()
        press = make_base(11, muscles=(4,), muscles_secondary=(2, 5), equipment=(1, 8), variation=group,
                          license_author="Upstream Author")
        incline = make_base(11, muscles=(4,), equipment=(9,), variation=group)
        make_translation(press, "Bench Press", aliases=["Flat Bench"], notes=["Feet down."])
        make_translation(press, "Bankdrücken", language_id=1)
        make_translation(incline, "Incline Bench Press")
        db.session.add(ExerciseImage(exercise_base=press, image=media.store("exercise-images/1", _png()),
                                     is_main=True, license_author="Photographer"))
        oats = make_ingredient("Oats", units=[(2, 81)])
        make_ingredient("Milk", units=[(2, 240), (3, 30)])
        db.session.add(IngredientImage(ingredient=oats, image=media.store("ingredients", _png())))
        db.session.commit()
    server = make_server("127.0.0.1", 0, upstream_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def _sync(app, *args):
    result = app.test_cli_runner().invoke(args=["sync", *args])
    return result


def test_sync_copies_exercises_and_ingredients_with_their_images(app, client, upstream):
    result = _sync(app, "all", "--from", upstream)
    assert result.exit_code == 0, result.output
    assert "exercise bases: 2 added, 0 updated, 0 unchanged" in result.output
    assert "translations: 3 added" in result.output
    assert "ingredients: 2 added" in result.output
    assert "ingredient weight units: 3 added" in result.output
    bases = client.get("/api/v2/exercisebaseinfo/").json["results"]
    (base,) = [item for item in bases if item["license_author"] == "Upstream Author"]
    assert base["category"]["name"] == "Chest"
    assert [muscle["name"] for muscle in base["muscles_secondary"]] == ["Anterior deltoid", "Triceps brachii"]
    assert [item["alias"] for item in base["exercises"][0]["aliases"]] == ["Flat Bench"]
    assert base["variations"] is not None
    assert client.get(f"/api/v2/exercise-base/?category={base['category']['id']}").json["count"] == 2
    (image,) = base["images"]
    assert image["license_author"] == "Photographer"
    downloaded = client.get(image["image"].removeprefix("http://localhost"))
    assert Image.open(io.BytesIO(downloaded.data)).size == (120, 90)
    thumbnails = client.get(f"/api/v2/exerciseimage/{image['id']}/thumbnails/").json
    assert client.get(thumbnails["thumbnail"]["url"].removeprefix("http://localhost")).status_code == 200
    oats = client.get("/api/v2/ingredientinfo/?name=Oats").json["results"][0]
    assert oats["weight_units"][0]["gram"] == 81
    assert oats["image"] is not None
    press = client.get("/api/v2/exercise/?name=Bench%20Press").json["results"][0]
    assert len(press["variations"]) == 2


def test_a_second_sync_changes_nothing(app, upstream):
    assert _sync(app, "all", "--from", upstream).exit_code == 0
    second = _sync(app, "all", "--from", upstream)
    assert second.exit_code == 0
    assert " added" in second.output
    for line in second.output.splitlines():
        if ":" in line and "added" in line:
            assert line.split(": ", 1)[1].startswith("0 added, 0 updated"), line


def test_an_interrupted_sync_resumes_where_it_stopped(app, client, upstream, monkeypatch):
    monkeypatch.setattr(sync, "PAGE_SIZE", 1)

    class DropsTheSecondPage(requests.Session):
        def get(self, url, params=None, **kwargs):
            if (params or {}).get("offset") == 1:
                raise requests.ConnectionError("connection reset")
            return super().get(url, params=params, **kwargs)

    monkeypatch.setattr(sync, "make_session", DropsTheSecondPage)
    interrupted = _sync(app, "exercises", "--from", upstream)
    assert interrupted.exit_code == 1
    assert "Cannot reach" in interrupted.output
    assert client.get("/api/v2/exercisebaseinfo/").json["count"] == 1

    monkeypatch.setattr(sync, "make_session", requests.Session)
    resumed = _sync(app, "exercises", "--from", upstream)
    assert resumed.exit_code == 0, resumed.output
    assert "Resuming the exercises sync at offset 1." in resumed.output
    assert "exercise bases: 1 added" in resumed.output
    bases = client.get("/api/v2/exercisebaseinfo/").json["results"]
    assert len(bases) == 2
    assert bases[0]["variations"] == bases[1]["variations"] is not None


def test_an_unreachable_upstream_is_a_clear_error(app):
    result = _sync(app, "ingredients", "--from", "http://127.0.0.1:9")
    assert result.exit_code == 1
    assert result.output == "Error: Cannot reach http://127.0.0.1:9/api/v2/: Connection refused\n"


@pytest.fixture
def replayed():
    """Return `replayed(name, files=None, change=None)`: a recording served over HTTP, `change`d first."""
    servers = []

    def serve(name, files=None, change=None):
        recorded = recording(name)
        if change is not None:
            change(recorded)
        servers.append(ReplayedUpstream(recorded, files))
        return servers[-1].url

    yield serve
    for server in servers:
        server.stop()


def _report(output):
    """The report's lines per kind: {"ingredients": "3 added, 0 updated, 0 unchanged, 0 skipped"}."""
    return dict(re.findall(r"^([a-z ]+): (\d+ added, \d+ updated, \d+ unchanged, \d+ skipped)$", output, re.M))


def test_sync_from_wger_2_1_into_an_empty_database(app, client, fresh_install, replayed):
    upstream = replayed("wger-2.1")
    result = _sync(app, "all", "--from", upstream)
    assert result.exit_code == 0, result.output
    report = _report(result.output)
    assert report["languages"] == "16 added, 0 updated, 0 unchanged, 0 skipped"
    assert report["exercise bases"] == "4 added, 0 updated, 0 unchanged, 0 skipped"
    assert report["translations"] == "6 added, 0 updated, 0 unchanged, 0 skipped"
    assert report["notes"] == "3 added, 0 updated, 0 unchanged, 0 skipped"
    assert report["ingredients"] == "3 added, 0 updated, 0 unchanged, 0 skipped"
    german = client.get("/api/v2/language/?short_name=de").json["results"][0]
    assert german == {"id": german["id"], "short_name": "de", "full_name": "Deutsch", "full_name_en": "German"}
    butter = client.get("/api/v2/ingredientinfo/?name=Butter,%20salted").json["results"][0]
    assert butter["uuid"] == str(uuid.uuid5(uuid.NAMESPACE_URL, f"{upstream}/api/v2/ingredient/2/"))
    assert (butter["energy"], butter["fat"], butter["fiber"]) == (717, "81.110", "0.000")
    assert butter["license"]["short_name"] == "CC-BY-SA 3" and butter["license_author"] == "wger.de"
    bases = client.get("/api/v2/exercisebaseinfo/?limit=10").json["results"]
    bench = next(base for base in bases if any(item["name"] == "Bankdrücken LH" for item in base["exercises"]))
    english = client.get("/api/v2/language/?short_name=en").json["results"][0]["id"]
    assert {item["name"]: item["language"] for item in bench["exercises"]} == {
        "Bankdrücken LH": german["id"], "Bench Press": english}
    assert [note["comment"] for item in bench["exercises"] for note in item["notes"]] == [
        "Arme oben nicht ganz ausstrecken", "Handgelenke möglichst gerade halten", "Don't stretch your arms completly"]
    groups = {base["exercises"][0]["name"]: base["variations"] for base in bases}
    assert groups["Arnold Press"] == groups["Diagonal Shoulder Press"] is not None
    assert groups["Bankdrücken LH"] not in (None, groups["Arnold Press"])
    assert groups["2 Handed Kettlebell Swing"] is None


def test_a_second_sync_from_wger_2_1_changes_nothing(app, catalog, replayed):
    upstream = replayed("wger-2.1")
    first = _report(_sync(app, "all", "--from", upstream).output)
    assert first["languages"] == "0 added, 0 updated, 16 unchanged, 0 skipped"
    assert first["ingredients"] == "3 added, 0 updated, 0 unchanged, 0 skipped"
    second = _report(_sync(app, "all", "--from", upstream).output)
    assert second and all(line.startswith("0 added, 0 updated") for line in second.values()), second


def _png_bytes():
    return _png().data


def test_sync_from_todays_public_wger(app, client, catalog, replayed):
    files = {"/media/exercise-images/1/press.png": _png_bytes(), "/media/ingredients/101/oats.png": _png_bytes()}
    upstream = replayed("wger-current", files)
    result = _sync(app, "all", "--from", upstream)
    assert result.exit_code == 0, result.output
    assert "exerciseinfo/" in result.output
    report = _report(result.output)
    assert report["exercise bases"] == "2 added, 0 updated, 0 unchanged, 0 skipped"
    assert report["translations"] == "3 added, 0 updated, 0 unchanged, 0 skipped"
    assert report["aliases"] == report["notes"] == report["images"] == "1 added, 0 updated, 0 unchanged, 0 skipped"
    assert report["ingredient weight units"] == "2 added, 0 updated, 0 unchanged, 0 skipped"
    assert report["ingredient images"] == "1 added, 0 updated, 0 unchanged, 0 skipped"
    press = client.get("/api/v2/exercise/?name=Bench%20Press").json["results"][0]
    assert len(press["variations"]) == 2
    base = client.get(f"/api/v2/exercisebaseinfo/{press['exercise_base']}/").json
    assert base["uuid"] == "0ec76f5d-1c49-4e2e-9d2f-1b1fe6ab3f0b" and base["license_author"] == "Public Author"
    assert base["images"][0]["license_author"] == "Photographer"
    oats = client.get("/api/v2/ingredientinfo/?name=Rolled%20oats").json["results"][0]
    assert oats["weight_units"][0]["unit"]["name"] == "cup" and oats["weight_units"][0]["gram"] == 40
    assert (oats["code"], oats["source_name"], oats["license"]["short_name"]) == ("3017620422003", "Open Food Facts",
                                                                                  "ODbL")
    second = _report(_sync(app, "all", "--from", upstream).output)
    assert all(line.startswith("0 added, 0 updated") for line in second.values()), second


def _unreadable_rows(recorded):
    good = recorded["lists"]["ingredientinfo"][0]
    recorded["lists"]["ingredientinfo"] += [
        {**good, "id": 900, "name": "x" * 201},
        {**good, "id": 901, "name": "y" * 300},
        {key: value for key, value in {**good, "id": 902}.items() if key != "energy"},
        {**good, "id": 903, "language": {"id": 99, "short_name": "xx", "full_name": "?"}},
    ]
    recorded["lists"]["exercisebaseinfo"][1]["exercises"][0]["notes"].append({"exercise": 1, "comment": "no id"})


def test_rows_that_cannot_be_stored_are_counted_with_their_reasons(app, client, catalog, replayed):
    result = _sync(app, "all", "--from", replayed("wger-2.1", change=_unreadable_rows))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    at = lines.index("ingredients: 3 added, 0 updated, 0 unchanged, 4 skipped")
    assert lines[at + 1:at + 4] == [
        "  2 skipped: name longer than 200 characters",
        "  1 skipped: no energy",
        "  1 skipped: an unknown language",
    ]
    assert "  1 skipped: neither a uuid nor an id" in lines
    assert client.get("/api/v2/ingredient/").json["count"] == 3


def test_progress_is_reported_in_plain_lines_off_a_terminal(app, catalog, replayed, monkeypatch):
    monkeypatch.setattr(sync, "PAGE_SIZE", 1)
    monkeypatch.setattr(progress, "INTERVAL", 0)
    output = _sync(app, "ingredients", "--from", replayed("wger-2.1")).output
    lines = [line for line in output.splitlines() if line.startswith("ingredients: ") and "/" in line]
    assert lines[0].startswith("ingredients: 1/3 (33%), about ") and lines[0].endswith(" s left")
    assert lines[-1] == "ingredients: 3/3 (100%)"
