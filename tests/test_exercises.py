"""The exercise catalog through HTTP: reads, the hand-parsed filters, contributions, images, search."""

import io
import json

import pytest
import sqlalchemy as sa
from catalog_factories import make_base, make_exercises, make_translation, png_declaring
from marshmallow import Schema
from PIL import Image

from wger.api import views
from wger.api.dump import CompiledSchema
from wger.blueprints.exercises.resources import BASE_INFO_ROWS
from wger.blueprints.exercises.schemas import ExerciseBaseInfoSchema
from wger.database import db
from wger.models import ExerciseBase, ExerciseImage, ExerciseVideo, Variation

FIELDS = {
    "exercise": ["id", "uuid", "name", "exercise_base", "description", "created", "category", "muscles",
                 "muscles_secondary", "equipment", "language", "license", "license_author", "variations",
                 "author_history"],
    "exerciseinfo": ["id", "name", "aliases", "uuid", "exercise_base_id", "description", "created", "category",
                     "muscles", "muscles_secondary", "equipment", "language", "license", "license_author", "images",
                     "videos", "comments", "variations", "author_history"],
    "exercisebaseinfo": ["id", "uuid", "created", "last_update", "last_update_global", "category", "muscles",
                         "muscles_secondary", "equipment", "license", "license_author", "images", "exercises",
                         "variations", "videos", "author_history", "total_authors_history"],
    "exercise-base": ["id", "uuid", "created", "last_update", "category", "muscles", "muscles_secondary",
                      "equipment", "variations", "license_author"],
    "exercise-translation": ["id", "uuid", "name", "exercise_base", "description", "created", "language",
                             "license_author"],
    "exercisealias": ["id", "uuid", "exercise", "alias"],
    "exercisecomment": ["id", "uuid", "exercise", "comment"],
    "variation": ["id"],
}
WRITABLE = ["exercise-translation", "exercise-base", "exercisealias", "exercisecomment", "exerciseimage", "video",
            "variation"]


@pytest.fixture
def exercises(app, catalog):
    """Two variations of a press with aliases and notes, and an unrelated squat."""
    with app.app_context():
        group = Variation()
        press = make_base(11, muscles=(4, 2), muscles_secondary=(5,), equipment=(1, 8), variation=group)
        incline = make_base(11, muscles=(4,), equipment=(1, 9), variation=group)
        squat = make_base(9, muscles=(10,), muscles_secondary=(8,), equipment=(1,))
        make_base(10)
        make_translation(press, "Bench Press", aliases=["Flat Bench"], notes=["Feet on the floor."])
        make_translation(press, "Bankdrücken", language_id=1)
        make_translation(incline, "Incline Bench Press")
        make_translation(squat, "Squat")
        db.session.commit()
        return {"press": press.id, "incline": incline.id, "squat": squat.id, "group": group.id}


def png_bytes(size=(64, 48), color="red"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("name", FIELDS)
def test_lists_are_public_with_the_contract_fields(client, exercises, name):
    response = client.get(f"/api/v2/{name}/")
    assert response.status_code == 200
    assert response.json["count"] > 0
    assert list(response.json["results"][0]) == FIELDS[name]


def test_exercise_shows_its_base_classification_and_variations(client, exercises):
    press = client.get("/api/v2/exercise/?name=Bench%20Press").json["results"][0]
    incline = client.get("/api/v2/exercise/?name=Incline%20Bench%20Press").json["results"][0]
    assert press["category"] == 11
    assert press["muscles"] == [2, 4]
    assert press["equipment"] == [1, 8]
    assert sorted(press["variations"]) == sorted([press["id"], incline["id"]])
    squat = client.get("/api/v2/exercise/?name=Squat").json["results"][0]
    assert squat["variations"] == []


@pytest.mark.parametrize(("query", "names"), [
    ("muscles=2,4", ["Bankdrücken", "Bench Press", "Incline Bench Press"]),
    ("muscles=10&equipment=1", ["Squat"]),
    ("category=9,11&language=2", ["Bench Press", "Incline Bench Press", "Squat"]),
    ("equipment=8,9", ["Bankdrücken", "Bench Press", "Incline Bench Press"]),
    ("muscles_secondary=5", ["Bankdrücken", "Bench Press"]),
    ("muscles=abc", ["Bankdrücken", "Bench Press", "Incline Bench Press", "Squat"]),
    ("license=2&muscles=10", ["Squat"]),
    ("license=1", []),
])
def test_exercise_comma_filters_or_their_ids_and_list_each_match_once(client, exercises, query, names):
    response = client.get(f"/api/v2/exercise/?{query}")
    assert response.status_code == 200
    assert sorted(item["name"] for item in response.json["results"]) == names
    assert response.json["count"] == len(names)


def test_exercisebaseinfo_nests_translations_with_aliases_and_notes(client, exercises):
    base = client.get(f"/api/v2/exercisebaseinfo/{exercises['press']}/").json
    assert base["category"] == {"id": 11, "name": "Chest"}
    assert [muscle["id"] for muscle in base["muscles"]] == [2, 4]
    assert list(base["muscles"][0]) == ["id", "name", "name_en", "is_front", "image_url_main", "image_url_secondary"]
    assert list(base["license"]) == ["id", "full_name", "short_name", "url"]
    assert base["variations"] == exercises["group"]
    english = next(item for item in base["exercises"] if item["language"] == 2)
    assert [alias["alias"] for alias in english["aliases"]] == ["Flat Bench"]
    assert [(note["comment"], note["exercise"]) for note in english["notes"]] == [("Feet on the floor.", english["id"])]


def test_exercisebaseinfo_filters_many_to_many_by_repeated_ids(client, exercises):
    response = client.get("/api/v2/exercisebaseinfo/?muscles=10&muscles=4")
    assert response.json["count"] == 3
    invalid = client.get("/api/v2/exercisebaseinfo/?muscles=2,7")
    assert invalid.json == {"muscles": ["\u201c2,7\u201d is not a valid value."]}


def test_exercise_base_lists_only_bases_with_a_translation(client, exercises):
    assert client.get("/api/v2/exercisebaseinfo/").json["count"] == 4
    assert client.get("/api/v2/exercise-base/").json["count"] == 3


def test_comments_filter_by_language_and_reject_a_non_number(client, exercises):
    assert client.get("/api/v2/exercisecomment/?language=2").json["count"] == 1
    assert client.get("/api/v2/exercisecomment/?language=1").json["count"] == 0
    response = client.get("/api/v2/exercisecomment/?language=en")
    assert response.status_code == 400
    assert response.json == {"language": ["Enter a number."]}


@pytest.mark.parametrize("name", WRITABLE)
@pytest.mark.parametrize(("method", "detail"), [("post", False), ("put", True), ("patch", True), ("delete", True)])
def test_anonymous_writes_are_401(client, exercises, name, method, detail):
    url = f"/api/v2/{name}/1/" if detail else f"/api/v2/{name}/"
    response = getattr(client, method)(url, json={})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize("name", ["exercise", "exerciseinfo", "exercisebaseinfo", "deletion-log"])
def test_read_only_exercise_resources_refuse_writes(client, exercises, name, contributor):
    contributor.is_trustworthy = True
    before = client.get(f"/api/v2/{name}/").json
    response = client.post(f"/api/v2/{name}/", json={"name": "Lunge", "exercise_base": exercises["squat"]})
    assert response.status_code == 405
    assert response.json == {"detail": 'Method "POST" not allowed.'}
    assert client.get(f"/api/v2/{name}/").json == before


def test_untrusted_users_may_not_write(client, exercises, contributor):
    response = client.post("/api/v2/variation/", json={})
    assert response.status_code == 403
    assert response.json == {"detail": "You do not have permission to perform this action."}


@pytest.mark.parametrize(("trustworthy", "permissions"), [(True, ()), (False, ("exercises.add_exercise",))])
def test_trusted_users_or_permitted_ones_create(client, exercises, contributor, trustworthy, permissions):
    contributor.is_trustworthy, contributor.permissions = trustworthy, permissions
    translation = client.get("/api/v2/exercise/?name=Squat").json["results"][0]["id"]
    response = client.post("/api/v2/exercisealias/", json={"exercise": translation, "alias": "Back Squat"})
    assert response.status_code == 201
    assert response.json["alias"] == "Back Squat"


def test_deleting_needs_the_delete_permission_and_is_logged(client, exercises, contributor):
    contributor.is_trustworthy = True
    translation = client.get("/api/v2/exercise/?name=Squat").json["results"][0]
    assert client.delete(f"/api/v2/exercise-translation/{translation['id']}/").status_code == 403
    contributor.permissions = ("exercises.delete_exercise",)
    assert client.delete(f"/api/v2/exercise-translation/{translation['id']}/").status_code == 204
    log = client.get("/api/v2/deletion-log/?model_type=translation").json["results"]
    assert [(entry["uuid"], entry["replaced_by"]) for entry in log] == [(translation["uuid"], None)]
    assert list(log[0]) == ["model_type", "uuid", "replaced_by", "timestamp", "comment"]


def test_deleting_a_base_logs_its_replacement(client, exercises, contributor):
    contributor.permissions = ("exercises.delete_exercise",)
    incline = client.get(f"/api/v2/exercise-base/{exercises['incline']}/").json
    press = client.get(f"/api/v2/exercise-base/{exercises['press']}/").json
    bad = client.delete(f"/api/v2/exercise-base/{incline['id']}/?replaced_by=nope")
    assert bad.status_code == 400
    assert bad.json == {"replaced_by": ["Must be a valid UUID."]}
    response = client.delete(f"/api/v2/exercise-base/{incline['id']}/?replaced_by={press['uuid']}")
    assert response.status_code == 204
    entries = client.get("/api/v2/deletion-log/").json["results"]
    assert {(entry["model_type"], entry["replaced_by"]) for entry in entries} == {
        ("base", press["uuid"]), ("translation", None)}


def test_translation_description_is_sanitised_and_unique_per_language(client, exercises, contributor):
    contributor.is_trustworthy = True
    body = {"exercise_base": exercises["squat"], "language": 1, "name": "Kniebeuge",
            "description": '<p onclick="x()">Stand tall, <script>alert(1)</script><b>sit back</b> and '
                           '<a href="http://x">rise</a> again.</p>'}
    response = client.post("/api/v2/exercise-translation/", json=body)
    assert response.status_code == 201
    assert response.json["description"] == "<p>Stand tall, <b>sit back</b> and rise again.</p>"
    again = client.post("/api/v2/exercise-translation/", json=body)
    assert again.status_code == 400
    assert again.json == {"non_field_errors": ["The fields exercise_base, language must make a unique set."]}


def test_translation_update_keeps_its_base_and_language(client, exercises, contributor):
    contributor.is_trustworthy = True
    translation = client.get("/api/v2/exercise/?name=Squat").json["results"][0]
    response = client.patch(f"/api/v2/exercise-translation/{translation['id']}/",
                            json={"exercise_base": exercises["press"], "language": 1, "name": "Back Squat"})
    assert response.status_code == 200
    assert (response.json["exercise_base"], response.json["language"], response.json["name"]) == (
        exercises["squat"], 2, "Back Squat")


def test_short_description_is_a_field_error(client, exercises, contributor):
    contributor.is_trustworthy = True
    response = client.post("/api/v2/exercise-translation/", json={
        "exercise_base": exercises["squat"], "language": 1, "name": "Kniebeuge", "description": "short"})
    assert response.status_code == 400
    assert list(response.json) == ["description"]


def test_an_image_declaring_too_many_pixels_is_a_field_error(client, exercises, contributor):
    contributor.is_trustworthy = True
    response = client.post("/api/v2/exerciseimage/", data={
        "exercise_base": str(exercises["squat"]), "image": (png_declaring(60_000, 60_000), "bomb.png")})
    assert response.status_code == 400
    assert response.json == {"image": ["The image has too many pixels: at most 89478485 are accepted."]}
    assert client.get("/api/v2/exerciseimage/").json["count"] == 0


def test_image_upload_stores_the_file_makes_it_main_and_serves_thumbnails(client, exercises, contributor):
    contributor.is_trustworthy = True
    response = client.post("/api/v2/exerciseimage/", data={
        "exercise_base": str(exercises["squat"]), "image": (io.BytesIO(png_bytes()), "squat.png"),
        "license_author": "Me"}, content_type="multipart/form-data")
    assert response.status_code == 201, response.json
    image = response.json
    assert image["is_main"] is True
    assert image["style"] == "4"
    assert image["image"].startswith(f"http://localhost/media/exercise-images/{exercises['squat']}/")
    assert image["image"].endswith(".png")
    served = client.get(image["image"].removeprefix("http://localhost"))
    assert served.status_code == 200
    assert served.data == png_bytes()
    thumbnails = client.get(f"/api/v2/exerciseimage/{image['id']}/thumbnails/").json
    assert thumbnails["original"] == image["image"]
    assert thumbnails["large"]["settings"] == {"size": [800, 800], "quality": 90}
    assert thumbnails["micro_cropped"]["settings"] == {"size": [30, 30], "crop": "smart"}
    micro = client.get(thumbnails["micro_cropped"]["url"].removeprefix("http://localhost"))
    assert Image.open(io.BytesIO(micro.data)).size == (30, 30)
    small = client.get(thumbnails["small"]["url"].removeprefix("http://localhost"))
    assert Image.open(io.BytesIO(small.data)).size == (64, 48)


def test_a_new_main_image_demotes_the_old_one_and_deleting_it_promotes_another(app, client, exercises, contributor):
    contributor.is_trustworthy, contributor.permissions = True, ("exercises.delete_exercise",)
    ids = []
    for is_main in ("false", "true"):
        response = client.post("/api/v2/exerciseimage/", data={
            "exercise_base": str(exercises["squat"]), "image": (io.BytesIO(png_bytes()), "a.png"),
            "is_main": is_main}, content_type="multipart/form-data")
        ids.append(response.json["id"])
    with app.app_context():
        assert [db.session.get(ExerciseImage, pk).is_main for pk in ids] == [False, True]
    assert client.delete(f"/api/v2/exerciseimage/{ids[1]}/").status_code == 204
    assert client.get(f"/api/v2/exerciseimage/{ids[0]}/").json["is_main"] is True


def test_an_upload_that_is_not_an_image_is_a_field_error(client, exercises, contributor):
    contributor.is_trustworthy = True
    response = client.post("/api/v2/exerciseimage/", data={
        "exercise_base": str(exercises["squat"]), "image": (io.BytesIO(b"not an image at all"), "x.png")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert response.json == {"image": [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."]}


def test_an_image_above_the_size_limit_is_413(app, client, exercises, contributor, monkeypatch):
    contributor.is_trustworthy = True
    monkeypatch.setitem(app.config, "MAX_IMAGE_SIZE", 100)
    response = client.post("/api/v2/exerciseimage/", data={
        "exercise_base": str(exercises["squat"]), "image": (io.BytesIO(png_bytes((300, 300))), "x.png")},
        content_type="multipart/form-data")
    assert response.status_code == 413
    assert list(response.json) == ["detail"]


def test_thumbnails_of_an_unknown_image_are_an_empty_list(client, exercises):
    response = client.get("/api/v2/exerciseimage/999/thumbnails/")
    assert response.status_code == 200
    assert response.json == []


def _search(client, **params):
    response = client.get("/api/v2/exercise/search/", query_string=params)
    assert response.status_code == 200
    return response.json


def test_search_without_a_term_is_empty(client, exercises):
    assert _search(client) == {}


def test_search_matches_names_and_aliases_in_the_shape_of_the_contract(client, exercises):
    suggestions = _search(client, term="flat")["suggestions"]
    assert [item["value"] for item in suggestions] == ["Bench Press"]
    assert list(suggestions[0]["data"]) == ["id", "base_id", "name", "category", "image", "image_thumbnail"]
    assert suggestions[0]["data"]["category"] == "Chest"
    assert suggestions[0]["data"]["base_id"] == exercises["press"]


@pytest.mark.parametrize(("params", "names"), [
    ({"term": "BENCH"}, ["Bench Press", "Incline Bench Press"]),
    ({"term": "bankdrucken", "language": "de"}, ["Bankdrücken"]),
    ({"term": "bankdrücken"}, []),
    ({"term": "bank", "language": "*"}, ["Bankdrücken"]),
    ({"term": "bench", "language": "xx"}, ["Bench Press", "Incline Bench Press"]),
    ({"term": "e", "language": "de,en"}, ["Bankdrücken", "Bench Press", "Incline Bench Press"]),
])
def test_search_is_case_and_accent_insensitive_within_the_languages(client, exercises, params, names):
    assert sorted(item["value"] for item in _search(client, **params)["suggestions"]) == names


def test_search_ranks_a_misspelt_term_by_similarity_on_postgresql(app, client, exercises):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("ranking by trigram similarity needs PostgreSQL (TEST_DATABASE_URL); SQLite matches substrings")
    suggestions = _search(client, term="bech press")["suggestions"]
    assert suggestions[0]["value"] == "Bench Press"


@pytest.mark.parametrize("url", ["exercisebaseinfo", "exercise", "exerciseinfo", "exercise-base"])
def test_list_pages_cost_the_same_queries_whatever_their_size(app, client, catalog, count_queries, url):
    with app.app_context():
        make_exercises(30)
        db.session.commit()
    small, small_count = count_queries(lambda: client.get(f"/api/v2/{url}/?limit=1"))
    large, large_count = count_queries(lambda: client.get(f"/api/v2/{url}/?limit=100"))
    assert (small.status_code, large.status_code) == (200, 200)
    assert len(large.json["results"]) >= 30
    assert small_count == large_count


def test_the_comma_list_filters_are_documented_and_offered_in_the_filters_panel(client, exercises):
    operation = client.get("/api/v2/schema").json["paths"]["/api/v2/exercise/"]["get"]
    documented = {parameter["name"]: parameter["schema"] for parameter in operation["parameters"]}
    for name in ("category", "muscles", "muscles_secondary", "equipment", "license"):
        assert documented[name] == {"type": "string", "description": "comma-separated ids, any of which matches"}
    html = client.get("/api/v2/exercise/?muscles=2,4", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'name="muscles" value="2,4"' in html
    assert 'name="muscles_secondary"' in html


@pytest.fixture
def varied_bases(app, catalog, exercises):
    """The sample catalog, and bases that differ in all a nested document holds: several translations with
    several aliases and notes, or none; main and other images, videos, or none; authors, none or empty ones."""
    assert app.test_cli_runner().invoke(args=["sample-data"]).exit_code == 0
    with app.app_context():
        crowded = make_base(10, muscles=(1, 2, 3), muscles_secondary=(4, 5), equipment=(2, 3, 4),
                            variation=Variation(), license_author="Base Author", license_title="Title")
        for language_id, name in ((2, "Row"), (1, "Rudern"), (3, "Aviron")):
            make_translation(crowded, name, language_id=language_id, aliases=[f"{name} A", f"{name} B"],
                             notes=[f"{name} note 1", f"{name} note 2"], license_author=f"{name} Author")
        bare = make_base(9, license_author="")
        make_translation(bare, "Plank", license_author=None)
        make_base(8, license_author=None)  # no translation, muscle, equipment, image or video
        db.session.add_all([
            ExerciseImage(exercise_base=crowded, image="exercise-images/1/side.png", is_main=False, style="1"),
            ExerciseImage(exercise_base=crowded, image="exercise-images/1/main.png", is_main=True,
                          license_author="Photographer"),
            ExerciseImage(exercise_base=bare, image="exercise-images/2/only.png", license_author=""),
            ExerciseVideo(exercise_base=crowded, video="exercise-video/1/a.mp4", duration=12.5, codec="h264",
                          size=1000, width=640, height=480, license_author="Filmmaker"),
            ExerciseVideo(exercise_base=crowded, video="exercise-video/1/b.mp4", is_main=True),
        ])
        db.session.commit()
        return db.session.scalars(sa.select(ExerciseBase.id).order_by(ExerciseBase.id)).all()


def _as_marshmallow_dumps_orm_objects(ids, monkeypatch):
    """Every base by the ORM, dumped by marshmallow's own `Schema.dump` (field order kept, as JSON)."""
    with monkeypatch.context() as patch:
        patch.setattr(CompiledSchema, "dump", Schema.dump)
        bases = db.session.scalars(sa.select(ExerciseBase).where(ExerciseBase.id.in_(ids)).order_by(ExerciseBase.id))
        return [json.dumps(item) for item in ExerciseBaseInfoSchema(many=True).dump(bases.all())]


def test_exercisebaseinfo_rows_dump_as_marshmallow_dumps_the_orm_objects(app, varied_bases, monkeypatch):
    with app.test_request_context("/api/v2/"):
        light = sorted(BASE_INFO_ROWS.load(ExerciseBase.id.in_(varied_bases)), key=lambda base: base.id)
        fast = [json.dumps(item) for item in ExerciseBaseInfoSchema(many=True).dump(light)]
        assert fast == _as_marshmallow_dumps_orm_objects(varied_bases, monkeypatch)
    assert len(fast) > 20


def test_exercisebaseinfo_pages_and_objects_are_the_orm_objects_dumped(app, client, varied_bases, monkeypatch):
    page = client.get("/api/v2/exercisebaseinfo/?limit=1000").json
    details = [client.get(f"/api/v2/exercisebaseinfo/{pk}/").json for pk in varied_bases]
    with app.test_request_context("/api/v2/"):
        expected = _as_marshmallow_dumps_orm_objects(varied_bases, monkeypatch)
    assert [json.dumps(item) for item in page["results"]] == expected
    assert [json.dumps(item) for item in details] == expected


@pytest.mark.parametrize("query", [
    "", "?limit=3", "?limit=4&offset=5", "?offset=1000", "?ordering=-id", "?ordering=category,-last_update",
    "?ordering=license_author&limit=7", "?muscles=4", "?muscles=1&muscles=10", "?muscles_secondary=5",
    "?equipment=3", "?category=10", "?license=2", "?license_author=Base%20Author", "?muscles=abc",
    "?format=api&limit=2", "1/", "{last}/", "{last}/?format=api", "999999/",
])
def test_exercisebaseinfo_answers_as_when_read_by_the_orm(app, client, varied_bases, monkeypatch, query):
    """The same bytes as the generic ORM read gives, for pages, filters, ordering, HTML and unknown ids."""
    monkeypatch.setitem(app.config, "READ_CACHE_DISABLED", True)
    url = "/api/v2/exercisebaseinfo/" + query.format(last=varied_bases[-1])
    by_rows = client.get(url)
    resource = next(resource for resource in views.registry if resource.name == "exercisebaseinfo")
    monkeypatch.setattr(resource, "loader", None)
    monkeypatch.setattr(views, "_built_page_statements", {})
    by_orm = client.get(url)
    assert (by_rows.status_code, by_rows.get_data()) == (by_orm.status_code, by_orm.get_data())


def test_exercisebaseinfo_reads_cost_one_query_per_collection(app, client, varied_bases, count_queries,
                                                              monkeypatch):
    monkeypatch.setitem(app.config, "READ_CACHE_DISABLED", True)
    _, small_count = count_queries(lambda: client.get("/api/v2/exercisebaseinfo/?limit=1"))
    large, large_count = count_queries(lambda: client.get("/api/v2/exercisebaseinfo/?limit=1000"))
    _, detail_count = count_queries(lambda: client.get(f"/api/v2/exercisebaseinfo/{varied_bases[0]}/"))
    assert len(large.json["results"]) == len(varied_bases)
    # the page (its bases, categories and licenses), 3 many-to-many, images, videos, translations, aliases, notes
    assert small_count == large_count == detail_count == 9
