"""`flask --app wger sync` against a second instance of this app, served over real HTTP on 127.0.0.1.

The upstream is another `create_app` with its own SQLite database and media folder, run by werkzeug's
`make_server` in a thread: the sync goes through requests, pagination links, JSON and image downloads
exactly as it would against a remote server.
"""

import io
import threading

import pytest
import requests
from catalog_factories import make_base, make_ingredient, make_translation
from flask_migrate import upgrade
from PIL import Image
from werkzeug.serving import make_server

from wger import create_app
from wger.catalog import media, sync
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
    assert "Error: Cannot reach http://127.0.0.1:9/api/v2/: Connection refused\n" == result.output
