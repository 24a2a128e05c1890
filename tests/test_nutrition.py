"""Nutrition through HTTP: the ingredient catalog (reads, nested info, weight units, values of an amount,
search), and each user's plans, meals, meal items and diary with their nutritional values."""

import datetime as dt
import decimal
import re

import pytest
from catalog_factories import make_ingredient

from wger.api import cache
from wger.database import db
from wger.models import Ingredient, IngredientImage, IngredientWeightUnit

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
    ("amount=1e308", {"amount": ["Ensure this value is between 0 and 1000000."]}),
    ("amount=1e400", {"amount": ["Ensure this value is between 0 and 1000000."]}),
    ("amount=nan", {"amount": ["Enter a number."]}),
    ("amount=-inf", {"amount": ["Enter a number."]}),
    (f"amount=1&unit={2**70}", {"unit": ["Ensure this value is between -2147483648 and 2147483647."]}),
    (f"amount=1&ingredient={2**70}", {"ingredient": ["Ensure this value is between -2147483648 and 2147483647."]}),
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


# Plans, meals, meal items and the diary

PLAN_FIELDS = ["id", "creation_date", "description", "only_logging", "goal_energy", "goal_protein",
               "goal_carbohydrates", "goal_fat", "goal_fiber"]
NUTRIENTS = ["energy", "protein", "carbohydrates", "carbohydrates_sugar", "fat", "fat_saturated", "fiber", "sodium"]
NOTHING = {"energy": 0.0, "protein": 0.0, "carbohydrates": 0.0, "carbohydrates_sugar": None, "fat": 0.0,
           "fat_saturated": None, "fiber": None, "sodium": None}


@pytest.fixture
def eater(make_user, auth_headers):
    make_user("eater")
    return auth_headers("eater")


@pytest.fixture
def foods(app, catalog):
    """Oats with every value and a half-cup portion of 81 g per cup; milk without saturated fat or fiber."""
    with app.app_context():
        oats = make_ingredient(
            "Oats", units=[(2, 81, "0.50")], energy=379, protein=decimal.Decimal("13.150"),
            carbohydrates=decimal.Decimal("67.700"), carbohydrates_sugar=decimal.Decimal("0.990"),
            fat=decimal.Decimal("6.520"), fat_saturated=decimal.Decimal("1.110"), fiber=decimal.Decimal("10.100"),
            sodium=decimal.Decimal("0.006"))
        milk = make_ingredient(
            "Milk", units=[(1, 240)], energy=64, protein=decimal.Decimal("3.300"),
            carbohydrates=decimal.Decimal("4.800"), carbohydrates_sugar=decimal.Decimal("4.800"),
            fat=decimal.Decimal("3.600"), sodium=decimal.Decimal("0.044"))
        db.session.commit()
        return {"oats": oats.id, "half_cup": oats.weight_units[0].id, "milk": milk.id,
                "glass": milk.weight_units[0].id}


def post(client, headers, resource, status=201, **body):
    response = client.post(f"/api/v2/{resource}/", json=body, headers=headers)
    assert response.status_code == status, response.json
    return response.json


@pytest.fixture
def breakfast(client, eater, foods):
    """A plan whose breakfast is two half cups of oats (81 g) and 250 g of milk."""
    plan = post(client, eater, "nutritionplan", description="Cut")["id"]
    meal = post(client, eater, "meal", plan=plan, time="07:30", name="Breakfast")["id"]
    oats = post(client, eater, "mealitem", meal=meal, ingredient=foods["oats"], weight_unit=foods["half_cup"],
                amount="2")["id"]
    milk = post(client, eater, "mealitem", meal=meal, ingredient=foods["milk"], amount="250")["id"]
    return {"plan": plan, "meal": meal, "oats": oats, "milk": milk}


BREAKFAST = {"energy": 466.99, "protein": 18.9015, "carbohydrates": 66.837, "carbohydrates_sugar": 12.8019,
             "fat": 14.2812, "fat_saturated": 0.8991, "fiber": 8.181, "sodium": 0.11486}


def test_a_plan_has_the_contract_fields_and_defaults(client, eater):
    plan = post(client, eater, "nutritionplan", creation_date="2001-01-01", goal_energy=2500)
    assert list(plan) == PLAN_FIELDS
    assert plan["creation_date"] == dt.datetime.now(dt.UTC).date().isoformat()
    assert (plan["description"], plan["only_logging"], plan["goal_energy"], plan["goal_fat"]) == ("", False, 2500, None)


def test_plans_filter_by_a_calorie_goal_and_description(client, eater):
    post(client, eater, "nutritionplan", description="Bulk", goal_energy=3200)
    post(client, eater, "nutritionplan", description="Log only", only_logging=True)
    assert client.get("/api/v2/nutritionplan/?has_goal_calories=true", headers=eater).json["count"] == 1
    assert client.get("/api/v2/nutritionplan/?has_goal_calories=0", headers=eater).json["count"] == 1
    found = client.get("/api/v2/nutritionplan/?description=Bulk", headers=eater).json["results"]
    assert [plan["goal_energy"] for plan in found] == [3200]


def test_a_description_is_bounded(client, eater):
    refused = post(client, eater, "nutritionplan", status=400, description="x" * 81)
    assert refused == {"description": ["Ensure this field has no more than 80 characters."]}


def test_a_meals_order_is_always_1_and_its_time_has_seconds(client, eater, breakfast):
    meal = client.get(f"/api/v2/meal/{breakfast['meal']}/", headers=eater).json
    assert meal == {"id": breakfast["meal"], "plan": breakfast["plan"], "order": 1, "time": "07:30:00",
                    "name": "Breakfast"}
    later = post(client, eater, "meal", plan=breakfast["plan"], order=5, time=None)
    assert (later["order"], later["time"], later["name"]) == (1, None, "")


@pytest.mark.parametrize(("body", "errors"), [
    ({"time": "25:00"}, {"time": ["Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]]."]}),
    ({"name": "x" * 26}, {"name": ["Ensure this field has no more than 25 characters."]}),
    ({"plan": "abc"}, {"plan": ['Invalid pk "abc" - object does not exist.']}),
])
def test_bad_meals_are_refused_naming_the_field(client, eater, breakfast, body, errors):
    assert post(client, eater, "meal", status=400, **{"plan": breakfast["plan"], **body}) == errors


def test_meals_filter_by_time_and_plan(client, eater, breakfast):
    post(client, eater, "meal", plan=breakfast["plan"], time="12:00:00")
    assert client.get("/api/v2/meal/?time=07:30", headers=eater).json["count"] == 1
    assert client.get(f"/api/v2/meal/?plan={breakfast['plan']}", headers=eater).json["count"] == 2
    assert client.get("/api/v2/meal/?time=noon", headers=eater).json == {"time": ["Enter a valid time."]}


def test_a_meal_item_has_the_contract_fields(client, eater, foods, breakfast):
    item = client.get(f"/api/v2/mealitem/{breakfast['oats']}/", headers=eater).json
    assert item == {"id": breakfast["oats"], "meal": breakfast["meal"], "ingredient": foods["oats"],
                    "weight_unit": foods["half_cup"], "order": 1, "amount": "2.00"}


@pytest.mark.parametrize(("amount", "message"), [
    ("0.5", "Ensure this value is greater than or equal to 1."),
    ("1000.5", "Ensure this value is less than or equal to 1000."),
    ("much", "A valid number is required."),
])
def test_an_amount_is_between_1_and_1000(client, eater, foods, breakfast, amount, message):
    refused = post(client, eater, "mealitem", status=400, meal=breakfast["meal"], ingredient=foods["milk"],
                   amount=amount)
    assert refused == {"amount": [message]}


def test_a_weight_unit_must_be_a_portion_of_the_items_ingredient(client, eater, foods, breakfast):
    refused = post(client, eater, "mealitem", status=400, meal=breakfast["meal"], ingredient=foods["milk"],
                   weight_unit=foods["half_cup"], amount=1)
    assert refused == {"weight_unit": [f"Weight unit {foods['half_cup']} is not a portion of ingredient "
                                       f"{foods['milk']}."]}
    changed = client.patch(f"/api/v2/mealitem/{breakfast['oats']}/", json={"ingredient": foods["milk"]},
                           headers=eater)
    assert changed.status_code == 400
    assert list(changed.json) == ["weight_unit"]
    both = client.patch(f"/api/v2/mealitem/{breakfast['oats']}/", headers=eater,
                        json={"ingredient": foods["milk"], "weight_unit": foods["glass"]})
    assert both.status_code == 200
    grams = client.patch(f"/api/v2/mealitem/{breakfast['oats']}/", json={"weight_unit": None}, headers=eater)
    assert grams.json["weight_unit"] is None


def test_meal_items_filter_by_meal_and_ingredient(client, eater, foods, breakfast):
    assert client.get(f"/api/v2/mealitem/?meal={breakfast['meal']}", headers=eater).json["count"] == 2
    found = client.get(f"/api/v2/mealitem/?ingredient={foods['milk']}", headers=eater).json["results"]
    assert [item["id"] for item in found] == [breakfast["milk"]]


def test_the_plan_info_nests_meals_items_ingredients_portions_and_values(client, eater, foods, breakfast):
    info = client.get(f"/api/v2/nutritionplaninfo/{breakfast['plan']}/", headers=eater).json
    assert list(info) == [*PLAN_FIELDS, "meals"]
    (meal,) = info["meals"]
    assert list(meal) == ["id", "plan", "order", "time", "name", "meal_items", "nutritional_values"]
    assert meal["nutritional_values"] == BREAKFAST
    oats, milk = meal["meal_items"]
    assert list(oats) == ["id", "meal", "ingredient", "ingredient_obj", "weight_unit", "weight_unit_obj", "image",
                          "order", "amount"]
    assert oats["ingredient_obj"] == client.get(f"/api/v2/ingredientinfo/{foods['oats']}/").json
    assert oats["weight_unit_obj"] == client.get(f"/api/v2/ingredientweightunit/{foods['half_cup']}/").json
    assert oats["weight_unit_obj"]["amount"] == "0.50"
    assert (oats["image"], milk["weight_unit"], milk["weight_unit_obj"]) == (None, None, None)


def test_an_empty_meal_is_worth_zeros_and_nulls(client, eater, breakfast):
    post(client, eater, "meal", plan=breakfast["plan"], time="23:00")
    meals = client.get(f"/api/v2/nutritionplaninfo/{breakfast['plan']}/", headers=eater).json["meals"]
    assert [meal["nutritional_values"] for meal in meals] == [BREAKFAST, NOTHING]


def test_a_meal_of_grams_without_optional_values_keeps_them_null(client, eater, foods, breakfast):
    meal = post(client, eater, "meal", plan=breakfast["plan"], time="10:00")["id"]
    post(client, eater, "mealitem", meal=meal, ingredient=foods["milk"], amount="100")
    values = client.get(f"/api/v2/nutritionplaninfo/{breakfast['plan']}/", headers=eater).json["meals"][1]
    assert values["nutritional_values"] == {
        "energy": 64.0, "protein": 3.3, "carbohydrates": 4.8, "carbohydrates_sugar": 4.8, "fat": 3.6,
        "fat_saturated": None, "fiber": None, "sodium": 0.044}


def test_values_follow_every_change_at_once(app, client, eater, foods, breakfast):
    def energy():
        info = client.get(f"/api/v2/nutritionplaninfo/{breakfast['plan']}/", headers=eater).json
        return info["meals"][0]["nutritional_values"]["energy"]

    assert energy() == 466.99
    client.patch(f"/api/v2/mealitem/{breakfast['milk']}/", json={"amount": "500"}, headers=eater)
    assert energy() == 626.99
    with app.app_context():
        db.session.get(IngredientWeightUnit, foods["half_cup"]).gram = 100
        db.session.get(Ingredient, foods["milk"]).energy = 40
        db.session.commit()
    assert energy() == 579.0
    client.delete(f"/api/v2/mealitem/{breakfast['oats']}/", headers=eater)
    assert energy() == 200.0


def _plan_of(client, headers, foods, meals, items):
    plan = post(client, headers, "nutritionplan")["id"]
    for number in range(meals):
        meal = post(client, headers, "meal", plan=plan, time=f"{8 + number:02d}:00")["id"]
        for index in range(items):
            unit = {"weight_unit": foods["half_cup"]} if index % 2 else {}
            post(client, headers, "mealitem", meal=meal, ingredient=foods["oats" if index % 2 else "milk"],
                 amount=str(10 + index), **unit)
    return plan


def test_the_plan_info_costs_the_same_queries_whatever_its_size(app, client, eater, foods, count_queries):
    """The first read after a catalog change loads the ingredients missing from memory, all at once; later
    reads take them from memory."""
    small = _plan_of(client, eater, foods, meals=1, items=2)
    large = _plan_of(client, eater, foods, meals=6, items=10)
    costs = []
    for plan in (small, large):
        with app.app_context():
            cache.bump_version(db.session.connection())
            db.session.commit()
        first, cold = count_queries(lambda plan=plan: client.get(f"/api/v2/nutritionplaninfo/{plan}/", headers=eater))
        app.wsgi_app.private_answers.clear()  # built again, not replayed (`wger.api.replay`)
        again, warm = count_queries(lambda plan=plan: client.get(f"/api/v2/nutritionplaninfo/{plan}/", headers=eater))
        assert again.get_data() == first.get_data()
        costs.append((cold, warm))
    assert sum(len(meal["meal_items"]) for meal in again.json["meals"]) == 60
    assert costs[0] == costs[1]
    assert costs[0][1] < costs[0][0]
    _, list_count = count_queries(lambda: client.get("/api/v2/nutritionplaninfo/", headers=eater))
    assert list_count == costs[1][1]  # the page brings its count along


def test_the_plan_info_list_costs_the_same_queries_whatever_its_size(app, client, eater, foods, count_queries):
    """Read cold (just after a catalog change), a page of plans loads their ingredients together, however
    many plans name however many ingredients."""
    def plan_of_its_own_ingredient(number):
        with app.app_context():
            ingredient = make_ingredient(f"Food {number}")
            db.session.commit()
            ingredient_id = ingredient.id
        plan = post(client, eater, "nutritionplan")["id"]
        meal = post(client, eater, "meal", plan=plan, time="08:00")["id"]
        post(client, eater, "mealitem", meal=meal, ingredient=ingredient_id, amount="50")

    def cold_list_cost():
        with app.app_context():
            cache.bump_version(db.session.connection())
            db.session.commit()
        response, cost = count_queries(lambda: client.get("/api/v2/nutritionplaninfo/", headers=eater))
        return len(response.json["results"]), cost

    plan_of_its_own_ingredient(1)
    one = cold_list_cost()
    for number in range(2, 6):
        plan_of_its_own_ingredient(number)
    five = cold_list_cost()
    assert (one[0], five[0]) == (1, 5)
    assert one[1] == five[1]


def test_the_plan_info_shows_an_ingredient_changed_in_the_database_at_once(app, client, eater, foods, breakfast):
    def oats_item():
        return client.get(f"/api/v2/nutritionplaninfo/{breakfast['plan']}/", headers=eater).json["meals"][0][
            "meal_items"][0]

    assert (oats_item()["ingredient_obj"]["name"], oats_item()["image"]) == ("Oats", None)
    with app.app_context():
        oats = db.session.get(Ingredient, foods["oats"])
        oats.name = "Rolled oats"
        db.session.add(IngredientImage(ingredient=oats, image="ingredients/oats.jpg", width=10, height=10))
        db.session.commit()
    item = oats_item()
    assert item["ingredient_obj"] == client.get(f"/api/v2/ingredientinfo/{foods['oats']}/").json
    assert item["ingredient_obj"]["name"] == "Rolled oats"
    assert item["image"] == item["ingredient_obj"]["image"]
    assert item["image"]["image"] == "http://localhost/media/ingredients/oats.jpg"


def test_a_diary_entry_defaults_to_now_in_utc(client, eater, foods, breakfast):
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    entry = post(client, eater, "nutritiondiary", plan=breakfast["plan"], ingredient=foods["oats"], amount="40")
    assert list(entry) == ["id", "plan", "meal", "ingredient", "weight_unit", "datetime", "amount"]
    assert entry["datetime"].endswith("Z")
    logged = dt.datetime.fromisoformat(entry["datetime"].removesuffix("Z"))
    assert before <= logged <= dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert (entry["meal"], entry["weight_unit"], entry["amount"]) == (None, None, "40.00")


def test_a_diary_offset_is_normalised_to_utc(client, eater, foods, breakfast):
    entry = post(client, eater, "nutritiondiary", plan=breakfast["plan"], ingredient=foods["oats"], amount="40",
                 datetime="2024-03-01T00:30:00+02:00")
    assert entry["datetime"] == "2024-02-29T22:30:00Z"
    refused = post(client, eater, "nutritiondiary", status=400, plan=breakfast["plan"], ingredient=foods["oats"],
                   amount="40", datetime="yesterday")
    assert list(refused) == ["datetime"]


def test_the_diary_lists_newest_first_and_filters_by_day(client, eater, foods, breakfast):
    for moment in ("2024-03-01T07:00:00Z", "2024-03-02T07:00:00Z", "2024-03-01T19:00:00Z", "2024-02-29T23:59:59Z"):
        post(client, eater, "nutritiondiary", plan=breakfast["plan"], ingredient=foods["oats"], amount="40",
             datetime=moment)
    day = client.get("/api/v2/nutritiondiary/?datetime__date=2024-03-01", headers=eater).json["results"]
    assert [entry["datetime"] for entry in day] == ["2024-03-01T19:00:00Z", "2024-03-01T07:00:00Z"]
    everything = client.get("/api/v2/nutritiondiary/", headers=eater).json["results"]
    assert everything[0]["datetime"] == "2024-03-02T07:00:00Z"
    assert client.get("/api/v2/nutritiondiary/?datetime__date=March", headers=eater).status_code == 400


def test_a_diary_meal_must_be_a_meal_of_the_entrys_plan(client, eater, foods, breakfast):
    with_meal = post(client, eater, "nutritiondiary", plan=breakfast["plan"], meal=breakfast["meal"],
                     ingredient=foods["milk"], weight_unit=foods["glass"], amount="1")
    assert with_meal["meal"] == breakfast["meal"]
    other_plan = post(client, eater, "nutritionplan")["id"]
    refused = post(client, eater, "nutritiondiary", status=400, plan=other_plan, meal=breakfast["meal"],
                   ingredient=foods["milk"], amount="100")
    assert refused == {"meal": [f"Meal {breakfast['meal']} is not a meal of plan {other_plan}."]}
    moved = client.patch(f"/api/v2/nutritiondiary/{with_meal['id']}/", json={"plan": other_plan}, headers=eater)
    assert moved.status_code == 400
    assert list(moved.json) == ["meal"]


def test_another_users_meal_is_an_invalid_pk_in_the_diary(client, eater, foods, breakfast, make_user,
                                                          auth_headers):
    make_user("stranger")
    stranger = auth_headers("stranger")
    plan = post(client, stranger, "nutritionplan")["id"]
    refused = post(client, stranger, "nutritiondiary", status=400, plan=plan, meal=breakfast["meal"],
                   ingredient=foods["milk"], amount="100")
    assert refused == {"meal": [f'Invalid pk "{breakfast["meal"]}" - object does not exist.']}


def test_deleting_a_meal_keeps_its_diary_entries(client, eater, foods, breakfast):
    entry = post(client, eater, "nutritiondiary", plan=breakfast["plan"], meal=breakfast["meal"],
                 ingredient=foods["milk"], amount="100")
    assert client.delete(f"/api/v2/meal/{breakfast['meal']}/", headers=eater).status_code == 204
    assert client.get(f"/api/v2/nutritiondiary/{entry['id']}/", headers=eater).json["meal"] is None
    assert client.get(f"/api/v2/mealitem/{breakfast['oats']}/", headers=eater).status_code == 404


def values_of(client, headers, path):
    response = client.get(f"/api/v2/{path}/nutritional_values/", headers=headers)
    assert response.status_code == 200, response.json
    assert list(response.json) == NUTRIENTS
    return response.json


def test_an_empty_plan_is_worth_the_contracts_zeros_and_nulls(client, eater):
    plan = post(client, eater, "nutritionplan")["id"]
    response = client.get(f"/api/v2/nutritionplan/{plan}/nutritional_values/", headers=eater)
    assert response.json == NOTHING
    assert response.get_data(as_text=True).replace(" ", "").startswith('{"energy":0.0,"protein":0.0,')


def test_the_values_of_a_plan_meal_item_and_diary_entry(client, eater, foods, breakfast):
    snack = post(client, eater, "meal", plan=breakfast["plan"], time="16:00")["id"]
    post(client, eater, "mealitem", meal=snack, ingredient=foods["milk"], amount="100")
    entry = post(client, eater, "nutritiondiary", plan=breakfast["plan"], ingredient=foods["milk"],
                 weight_unit=foods["glass"], amount="1")["id"]
    plan = {"energy": 530.99, "protein": 22.2015, "carbohydrates": 71.637, "carbohydrates_sugar": 17.6019,
            "fat": 17.8812, "fat_saturated": 0.8991, "fiber": 8.181, "sodium": 0.15886}
    assert values_of(client, eater, f"nutritionplan/{breakfast['plan']}") == plan
    assert values_of(client, eater, f"nutritionplaninfo/{breakfast['plan']}") == plan
    assert values_of(client, eater, f"meal/{breakfast['meal']}") == BREAKFAST
    assert values_of(client, eater, f"mealitem/{breakfast['oats']}") == {
        "energy": 306.99, "protein": 10.6515, "carbohydrates": 54.837, "carbohydrates_sugar": 0.8019,
        "fat": 5.2812, "fat_saturated": 0.8991, "fiber": 8.181, "sodium": 0.00486}
    assert values_of(client, eater, f"nutritiondiary/{entry}") == {
        "energy": 153.6, "protein": 7.92, "carbohydrates": 11.52, "carbohydrates_sugar": 11.52, "fat": 8.64,
        "fat_saturated": None, "fiber": None, "sodium": 0.1056}


def test_plan_values_are_never_stale(app, client, eater, foods, breakfast):
    plan = f"nutritionplan/{breakfast['plan']}"
    assert values_of(client, eater, plan)["energy"] == 466.99
    client.patch(f"/api/v2/mealitem/{breakfast['oats']}/", json={"amount": "4"}, headers=eater)
    assert values_of(client, eater, plan)["energy"] == 773.98
    with app.app_context():
        db.session.get(IngredientWeightUnit, foods["half_cup"]).amount = decimal.Decimal("0.25")
        db.session.commit()
    assert values_of(client, eater, plan)["energy"] == 466.99


def test_plan_values_cost_the_same_queries_whatever_the_plans_size(client, eater, foods, count_queries):
    small = _plan_of(client, eater, foods, meals=1, items=2)
    large = _plan_of(client, eater, foods, meals=6, items=10)
    _, small_count = count_queries(lambda: values_of(client, eater, f"nutritionplan/{small}"))
    _, large_count = count_queries(lambda: values_of(client, eater, f"nutritionplan/{large}"))
    assert small_count == large_count


def test_browsable_forms_offer_only_the_callers_plans_and_meals(client, foods, make_user, auth_headers, log_in):
    make_user("stranger")
    foreign_plan = post(client, auth_headers("stranger"), "nutritionplan", description="Not yours")["id"]
    make_user("owner")
    own_plan = post(client, auth_headers("owner"), "nutritionplan", description="Mine")["id"]
    own_meal = post(client, auth_headers("owner"), "meal", plan=own_plan, name="Lunch")["id"]
    log_in("owner")
    meal_page = client.get("/api/v2/meal/", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert f'<option value="{own_plan}">{own_plan} — Mine</option>' in meal_page
    assert "Not yours" not in meal_page and f'value="{foreign_plan}"' not in meal_page
    diary_page = client.get("/api/v2/nutritiondiary/", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert f'<option value="{own_meal}">{own_meal} — Lunch</option>' in diary_page
    assert '<input id="field-datetime" type="datetime-local"' in diary_page


def test_the_diary_page_charts_energy_and_macronutrients_per_day(client, eater, foods, breakfast):
    for moment, amount in (("2024-03-01T07:00:00Z", "100"), ("2024-03-01T19:00:00Z", "100"),
                           ("2024-03-02T08:00:00Z", "50")):
        post(client, eater, "nutritiondiary", plan=breakfast["plan"], ingredient=foods["oats"], amount=amount,
             datetime=moment)
    page = client.get("/api/v2/nutritiondiary/", headers={**eater, "Accept": "text/html"}).get_data(as_text=True)
    assert re.findall(r"<figcaption>([\w ]+) <span", page) == ["Energy per day", "Macronutrients per day"]
    assert [len(points.split()) for points in re.findall(r'<polyline [^>]*points="([^"]*)"', page)] == [2, 2, 2, 2]
    assert "Protein: 6.58</li>" in page and "Fat: 3.26</li>" in page


def test_the_plan_info_page_splits_the_energy(client, eater, breakfast):
    page = client.get(f"/api/v2/nutritionplaninfo/{breakfast['plan']}/",
                      headers={**eater, "Accept": "text/html"}).get_data(as_text=True)
    assert "Energy from protein, carbohydrates and fat" in page
    assert ("<td>Cut</td><td>75.61 kcal (16%)</td><td>267.35 kcal (57%)</td><td>128.53 kcal (27%)</td>"
            "<td>471.48 kcal</td>") in page
    assert "<script" not in page and " style=" not in page
