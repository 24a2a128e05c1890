"""The ingredient catalog through HTTP: reads, nested info, weight units, values of an amount, search."""

import pytest
from catalog_factories import make_ingredient

from wger.database import db
from wger.models import IngredientImage

INGREDIENT_FIELDS = ["id", "uuid", "remote_id", "source_name", "source_url", "code", "name", "created",
                     "last_update", "last_imported", "energy", "protein", "carbohydrates", "carbohydrates_sugar",
                     "fat", "fat_saturated", "fiber", "sodium"]
LICENSE_FIELDS = ["license", "license_title", "license_object_url", "license_author", "license_author_url",
                  "license_derivative_source_url"]


@pytest.fixture
def ingredients(app, catalog):
    with app.app_context():
        oats = make_ingredient("Oats, rolled", units=[(2, 81), (4, 5)], energy=379, code="123",
                               carbohydrates_sugar=None)
        make_ingredient("Crème fraîche", units=[(2, 230)])
        make_ingredient("Haferflocken", language_id=1)
        db.session.add(IngredientImage(ingredient=oats, image="ingredients/oats.jpg", width=10, height=10))
        db.session.commit()
        return {"oats": oats.id, "oats_cup": oats.weight_units[0].id, "oats_spoon": oats.weight_units[1].id}


def test_ingredient_fields_in_contract_order(client, ingredients):
    item = client.get(f"/api/v2/ingredient/{ingredients['oats']}/").json
    assert list(item) == [*INGREDIENT_FIELDS, *LICENSE_FIELDS, "language"]
    assert (item["energy"], item["protein"], item["carbohydrates_sugar"], item["language"]) == (379, "10.000", None, 2)


def test_ingredientinfo_nests_units_language_image_and_license(client, ingredients):
    item = client.get(f"/api/v2/ingredientinfo/{ingredients['oats']}/").json
    assert list(item) == [*INGREDIENT_FIELDS, "weight_units", "language", "image", *LICENSE_FIELDS]
    assert item["weight_units"][0] == {"gram": 81, "amount": "1.00", "unit": {"id": 2, "language": 2, "name": "cup"}}
    assert item["language"] == {"id": 2, "short_name": "en", "full_name": "English", "full_name_en": "English"}
    assert item["image"]["image"] == "http://localhost/media/ingredients/oats.jpg"
    assert list(item["image"])[:4] == ["id", "uuid", "ingredient_id", "ingredient_uuid"]
    assert item["image"]["ingredient_uuid"] == item["uuid"]
    assert list(item["license"]) == ["id", "full_name", "short_name", "url"]


@pytest.mark.parametrize(("query", "count"), [
    ("language=1", 1), ("language__in=1,2", 3), ("code=123", 1), ("energy=379", 1), ("name=Haferflocken", 1),
    ("id__in={oats},999999", 1), ("created__gt=2000-01-01T00:00:00Z", 3), ("language=99", None),
])
def test_ingredient_filters(client, ingredients, query, count):
    response = client.get("/api/v2/ingredient/?" + query.format(**ingredients))
    if count is None:
        assert response.status_code == 400
        assert list(response.json) == ["language"]
    else:
        assert response.json["count"] == count


@pytest.mark.parametrize("name", ["ingredientweightunit", "ingredienttoweightunit"])
def test_ingredient_weight_units_are_served_under_both_names(client, ingredients, name):
    response = client.get(f"/api/v2/{name}/?ingredient={ingredients['oats']}")
    assert response.status_code == 200
    assert response.json["results"][0] == {
        "id": ingredients["oats_cup"], "amount": "1.00", "gram": 81, "ingredient": ingredients["oats"], "unit": 2}


def test_ingredient_image_filters_by_ingredient_uuid(client, ingredients):
    oats = client.get(f"/api/v2/ingredient/{ingredients['oats']}/").json
    response = client.get(f"/api/v2/ingredient-image/?ingredient__uuid={oats['uuid']}")
    assert response.json["count"] == 1
    assert response.json["results"][0]["ingredient_id"] == oats["id"]


@pytest.mark.parametrize(("query", "energy", "protein"), [
    ("amount=150", 568.5, 15.0),
    ("amount=2&unit={oats_cup}", 613.98, 16.2),
])
def test_get_values_for_grams_or_a_unit(client, ingredients, query, energy, protein):
    url = f"/api/v2/ingredient/{ingredients['oats']}/get_values/?" + query.format(**ingredients)
    values = client.get(url).json
    assert list(values) == ["energy", "protein", "carbohydrates", "carbohydrates_sugar", "fat", "fat_saturated",
                            "fiber", "sodium"]
    assert (values["energy"], values["protein"], values["carbohydrates_sugar"]) == (energy, protein, None)


@pytest.mark.parametrize(("query", "errors"), [
    ("", {"amount": ["This field is required."]}),
    ("amount=lots", {"amount": ["Enter a number."]}),
    ("amount=1&unit=999", {"unit": ["Select a valid choice. That choice is not one of the available choices."]}),
])
def test_get_values_with_bad_input_reports_errors_and_zeros(client, ingredients, query, errors):
    values = client.get(f"/api/v2/ingredientinfo/{ingredients['oats']}/get_values/?{query}").json
    assert values["errors"] == errors
    assert values["energy"] == 0


def test_get_values_of_an_unknown_ingredient_is_404(client, ingredients):
    response = client.get("/api/v2/ingredient/999/get_values/?amount=1")
    assert response.status_code == 404
    assert response.json == {"detail": "No Ingredient matches the given query."}


@pytest.mark.parametrize(("params", "names"), [
    ({"term": "OATS"}, ["Oats, rolled"]),
    ({"term": "creme"}, ["Crème fraîche"]),
    ({"term": "hafer"}, []),
    ({"term": "hafer", "language": "de"}, ["Haferflocken"]),
    ({"term": "r", "language": "*"}, ["Crème fraîche", "Haferflocken", "Oats, rolled"]),
])
def test_ingredient_search(client, ingredients, params, names):
    response = client.get("/api/v2/ingredient/search/", query_string=params)
    assert sorted(item["value"] for item in response.json["suggestions"]) == names


def test_ingredient_search_shape(client, ingredients):
    (oats,) = client.get("/api/v2/ingredient/search/?term=oats").json["suggestions"]
    assert oats == {"value": "Oats, rolled", "data": {
        "id": ingredients["oats"], "name": "Oats, rolled", "image": "http://localhost/media/ingredients/oats.jpg",
        "image_thumbnail": "http://localhost/media/ingredients/oats.thumbnail.jpg"}}
    assert client.get("/api/v2/ingredient/search/").json == {}


def _searched_names(client, term):
    response = client.get("/api/v2/ingredient/search/", query_string={"term": term})
    return [item["value"] for item in response.json["suggestions"]]


def test_ingredient_search_ranks_by_similarity_on_postgresql_and_by_name_elsewhere(app, client, catalog):
    with app.app_context():
        for name in ("Goat cheese, semi-hard, from the mountains", "Oat bran", "Oat"):
            make_ingredient(name)
        db.session.commit()
        postgresql = db.engine.dialect.name == "postgresql"
    ranked = ["Oat", "Oat bran", "Goat cheese, semi-hard, from the mountains"]
    assert _searched_names(client, "oat") == (ranked if postgresql else sorted(ranked))


def test_ingredient_search_keeps_the_best_150_with_ties_broken_by_name(app, client, catalog):
    with app.app_context():
        for number in reversed(range(320)):
            make_ingredient(f"Rice {number:03d}")
        make_ingredient("Rice")
        db.session.commit()
    assert _searched_names(client, "rice") == ["Rice", *(f"Rice {number:03d}" for number in range(149))]


@pytest.mark.parametrize("url", ["ingredient", "ingredientinfo"])
def test_list_pages_cost_the_same_queries_whatever_their_size(app, client, catalog, count_queries, url):
    with app.app_context():
        for number in range(30):
            make_ingredient(f"Food {number}", units=[(1, 30), (2, 200)])
        db.session.commit()
    _, small_count = count_queries(lambda: client.get(f"/api/v2/{url}/?limit=1"))
    large, large_count = count_queries(lambda: client.get(f"/api/v2/{url}/?limit=100"))
    assert len(large.json["results"]) == 30
    assert small_count == large_count
