"""The core reference endpoints and the version endpoints, read through HTTP."""

def test_days_of_week_have_no_id_and_keep_their_order(client, catalog):
    response = client.get("/api/v2/daysofweek/")
    assert response.json["results"][0] == {"day_of_week": "Monday"}
    assert [day["day_of_week"] for day in response.json["results"]][-1] == "Sunday"
    assert client.get("/api/v2/daysofweek/7/").json == {"day_of_week": "Sunday"}


def test_language_fields_in_contract_order(client, catalog):
    language = client.get("/api/v2/language/2/").json
    assert list(language) == ["id", "short_name", "full_name", "full_name_en"]
    assert language == {"id": 2, "short_name": "en", "full_name": "English", "full_name_en": "English"}


def test_language_filter_by_short_name(client, catalog):
    response = client.get("/api/v2/language/?short_name=de")
    assert [language["full_name"] for language in response.json["results"]] == ["Deutsch"]


def test_license_fields_and_default_ordering(client, catalog):
    licenses = client.get("/api/v2/license/").json["results"]
    assert list(licenses[0]) == ["id", "full_name", "short_name", "url"]
    names = [license["full_name"] for license in licenses]
    assert names == sorted(names)


def test_muscle_images_are_served(client, catalog):
    muscle = client.get("/api/v2/muscle/1/").json
    assert list(muscle) == ["id", "name", "name_en", "is_front", "image_url_main", "image_url_secondary"]
    assert muscle["image_url_main"] == "/static/images/muscles/main/muscle-1.svg"
    for url in (muscle["image_url_main"], muscle["image_url_secondary"]):
        image = client.get(url)
        assert image.status_code == 200
        assert image.mimetype == "image/svg+xml"


def test_muscle_filters(client, catalog):
    back = client.get("/api/v2/muscle/?is_front=false").json
    assert back["count"] == 8
    assert all(not muscle["is_front"] for muscle in back["results"])
    assert client.get("/api/v2/muscle/?name_en=Biceps").json["results"][0]["name"] == "Biceps brachii"


def test_exercise_categories_start_at_eight(client, catalog):
    categories = client.get("/api/v2/exercisecategory/?ordering=id").json["results"]
    assert [category["id"] for category in categories] == list(range(8, 16))
    assert categories[0] == {"id": 8, "name": "Arms"}


def test_weightunit_language_filter(client, catalog):
    english = client.get("/api/v2/weightunit/?language=2").json
    assert english["count"] > 0
    assert {unit["language"] for unit in english["results"]} == {2}
    assert list(english["results"][0]) == ["id", "language", "name"]


def test_unknown_detail_is_404_with_model_name(client, catalog):
    response = client.get("/api/v2/muscle/999/")
    assert response.status_code == 404
    assert response.json == {"detail": "No Muscle matches the given query."}


def test_version_endpoints(client):
    assert client.get("/api/v2/version/").json == "2.3.0a3"
    assert client.get("/api/v2/min-app-version/").json == "1.7.4"


def test_api_root_lists_every_endpoint_with_absolute_urls(client):
    root = client.get("/api/v2/").json
    assert root["muscle"] == "http://localhost/api/v2/muscle/"
    assert list(root)[:13] == ["day", "set", "setting", "workout", "templates", "public-templates",
                               "workoutsession", "workoutlog", "schedulestep", "schedule", "daysofweek", "language",
                               "license"]
    for name in ("equipment", "exercisecategory", "setting-repetitionunit", "setting-weightunit", "weightunit"):
        assert root[name] == f"http://localhost/api/v2/{name}/"


CONTRACT_ORDER = (
    "day", "set", "setting", "workout", "templates", "public-templates", "workoutsession", "workoutlog",
    "schedulestep", "schedule", "daysofweek", "language", "license", "userprofile", "setting-repetitionunit",
    "setting-weightunit", "exerciseinfo", "exercisebaseinfo", "exercise", "exercise-translation", "exercise-base",
    "equipment", "deletion-log", "exercisecategory", "video", "exerciseimage", "exercisecomment", "exercisealias",
    "muscle", "variation", "ingredient", "ingredientinfo", "weightunit", "ingredientweightunit", "nutritionplan",
    "nutritionplaninfo", "nutritiondiary", "meal", "mealitem", "ingredient-image", "weightentry", "gallery",
    "measurement", "measurement-category",
)


def test_api_root_keeps_the_contracts_order(client):
    names = list(client.get("/api/v2/").json)
    assert [name for name in names if name in CONTRACT_ORDER] == [name for name in CONTRACT_ORDER if name in names]
    assert names[names.index("ingredientweightunit"):] == [
        "ingredientweightunit", "ingredienttoweightunit", "nutritionplan", "nutritionplaninfo", "nutritiondiary",
        "meal", "mealitem", "ingredient-image", "weightentry", "gallery", "measurement", "measurement-category",
    ]
