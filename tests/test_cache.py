"""Cached public reads and kept private answers: served from memory, yet never stale after a change."""

import datetime as dt

import pytest
from catalog_factories import make_base, make_ingredient, make_translation

from wger import auth
from wger.api import owners
from wger.database import db
from wger.models import Group, Ingredient, Muscle, User


def test_a_repeated_read_costs_one_query(client, catalog, count_queries):
    first, cold = count_queries(lambda: client.get("/api/v2/muscle/?limit=3"))
    second, warm = count_queries(lambda: client.get("/api/v2/muscle/?limit=3"))
    assert second.json == first.json
    assert (cold, warm) == (2, 1)


def test_a_change_through_the_orm_is_seen_on_the_next_read(app, client, catalog):
    assert client.get("/api/v2/muscle/1/").json["name_en"] == "Biceps"
    with app.app_context():
        db.session.get(Muscle, 1).name_en = "Guns"
        db.session.commit()
    assert client.get("/api/v2/muscle/1/").json["name_en"] == "Guns"


def test_a_rolled_back_change_keeps_the_cache(app, client, catalog, count_queries):
    client.get("/api/v2/muscle/1/")
    with app.app_context():
        db.session.get(Muscle, 1).name_en = "Guns"
        db.session.flush()
        db.session.rollback()
    response, queries = count_queries(lambda: client.get("/api/v2/muscle/1/"))
    assert (response.json["name_en"], queries) == ("Biceps", 1)


def test_a_contribution_through_the_api_is_seen_at_once(app, client, catalog, contributor):
    with app.app_context():
        translation = make_translation(make_base(9), "Squat")
        db.session.commit()
        translation_id = translation.id
    assert client.get(f"/api/v2/exercisealias/?exercise={translation_id}").json["count"] == 0
    contributor.is_trustworthy = True
    created = client.post("/api/v2/exercisealias/", json={"exercise": translation_id, "alias": "Back Squat"})
    assert created.status_code == 201
    assert client.get(f"/api/v2/exercisealias/?exercise={translation_id}").json["count"] == 1


def test_the_url_is_the_key(client, catalog):
    assert client.get("/api/v2/muscle/?limit=1").json["next"].endswith("offset=1")
    assert len(client.get("/api/v2/muscle/?limit=2").json["results"]) == 2
    page = client.get("/api/v2/muscle/?limit=2", base_url="http://127.0.0.1:8123")
    assert page.json["next"].startswith("http://127.0.0.1:8123/")
    secure = client.get("/api/v2/muscle/?limit=2", base_url="https://127.0.0.1:8123")
    assert secure.json["next"].startswith("https://127.0.0.1:8123/")


def test_html_is_rendered_from_a_cached_body(client, catalog):
    client.get("/api/v2/muscle/1/")
    page = client.get("/api/v2/muscle/1/", headers={"Accept": "text/html"})
    assert page.mimetype == "text/html"
    assert "Biceps brachii" in page.get_data(as_text=True)


def test_the_cache_can_be_turned_off(app, client, catalog, count_queries):
    app.config["READ_CACHE_DISABLED"] = True
    try:
        client.get("/api/v2/muscle/?limit=3")
        _, queries = count_queries(lambda: client.get("/api/v2/muscle/?limit=3"))
    finally:
        app.config["READ_CACHE_DISABLED"] = False
    assert queries == 1


def test_searches_are_cached_and_see_new_names(app, client, catalog, count_queries):
    url = "/api/v2/ingredient/search/?term=oat"
    assert client.get(url).json["suggestions"] == []
    _, warm = count_queries(lambda: client.get(url))
    assert warm == 1
    with app.app_context():
        make_ingredient("Rolled oats")
        db.session.commit()
    assert [s["value"] for s in client.get(url).json["suggestions"]] == ["Rolled oats"]


def test_a_users_own_writes_leave_the_catalog_cache_be(client, catalog, make_user, auth_headers, count_queries):
    make_user("owner")
    client.get("/api/v2/muscle/1/")
    written = client.post("/api/v2/weightentry/", json={"date": "2024-03-01", "weight": "80.5"},
                          headers=auth_headers("owner"))
    assert written.status_code == 201
    _, queries = count_queries(lambda: client.get("/api/v2/muscle/1/"))
    assert queries == 1


def test_private_nutrition_writes_keep_the_catalog_cache(app, client, catalog, make_user, auth_headers,
                                                         count_queries):
    with app.app_context():
        oats = make_ingredient("Rolled oats").id
        db.session.commit()
    make_user("eater")
    headers = auth_headers("eater")
    client.get(f"/api/v2/ingredient/{oats}/")
    plan = client.post("/api/v2/nutritionplan/", json={"description": "Cut"}, headers=headers).json["id"]
    meal = client.post("/api/v2/meal/", json={"plan": plan}, headers=headers).json["id"]
    item = client.post("/api/v2/mealitem/", json={"meal": meal, "ingredient": oats, "amount": 50}, headers=headers)
    assert item.status_code == 201
    client.post("/api/v2/nutritiondiary/", json={"plan": plan, "ingredient": oats, "amount": 50}, headers=headers)
    _, queries = count_queries(lambda: client.get(f"/api/v2/ingredient/{oats}/"))
    assert queries == 1


def test_a_cached_answer_carries_an_etag_and_answers_304_to_it(client, catalog):
    first = client.get("/api/v2/muscle/?limit=2")
    etag = first.headers["ETag"]
    again = client.get("/api/v2/muscle/?limit=2", headers={"If-None-Match": etag})
    assert (again.status_code, again.data, again.headers["ETag"]) == (304, b"", etag)
    other = client.get("/api/v2/muscle/?limit=3", headers={"If-None-Match": etag})
    assert other.status_code == 200
    assert other.headers["ETag"] != etag


def test_a_changed_catalog_changes_the_etag(app, client, catalog):
    etag = client.get("/api/v2/muscle/1/").headers["ETag"]
    with app.app_context():
        db.session.get(Muscle, 1).name_en = "Guns"
        db.session.commit()
    changed = client.get("/api/v2/muscle/1/", headers={"If-None-Match": etag})
    assert (changed.status_code, changed.json["name_en"]) == (200, "Guns")


def test_other_representations_carry_no_etag(client, catalog):
    client.get("/api/v2/muscle/1/")
    etag = client.get("/api/v2/muscle/1/").headers["ETag"]
    for headers in ({"Accept": "text/html"}, {"Accept": "application/json; indent=4"}):
        page = client.get("/api/v2/muscle/1/", headers={**headers, "If-None-Match": etag})
        assert page.status_code == 200
        assert "ETag" not in page.headers


def _answer(response):
    return response.status_code, response.headers.to_wsgi_list(), response.data


def test_an_anonymous_json_read_is_replayed_as_it_was_answered(client, catalog, flask_requests, count_queries):
    first = client.get("/api/v2/muscle/?limit=2&ordering=-id")
    again, queries = count_queries(lambda: client.get("/api/v2/muscle/?limit=2&ordering=-id"))
    assert flask_requests == ["/api/v2/muscle/"]
    assert _answer(again) == _answer(first)
    assert queries == 1


def test_a_replayed_answer_is_never_stale(app, client, catalog, flask_requests):
    client.get("/api/v2/muscle/1/")
    flask_requests.clear()
    assert client.get("/api/v2/muscle/1/").json["name_en"] == "Biceps"
    with app.app_context():
        db.session.get(Muscle, 1).name_en = "Guns"
        db.session.commit()
    assert client.get("/api/v2/muscle/1/").json["name_en"] == "Guns"
    assert flask_requests == ["/api/v2/muscle/1/"]


def test_a_304_is_replayed_as_a_304(client, catalog, flask_requests):
    etag = client.get("/api/v2/muscle/2/").headers["ETag"]
    flask_requests.clear()
    answers = [client.get("/api/v2/muscle/2/", headers={"If-None-Match": etag}) for _ in range(2)]
    assert [(answer.status_code, answer.headers["ETag"]) for answer in answers] == [(304, etag)] * 2
    assert flask_requests == ["/api/v2/muscle/2/"]


def test_requests_with_credentials_reach_flask(client, catalog, flask_requests):
    client.get("/api/v2/muscle/1/")
    flask_requests.clear()
    assert client.get("/api/v2/muscle/1/", headers={"Authorization": "Token not-a-key"}).status_code == 401
    assert flask_requests == ["/api/v2/muscle/1/"]


def test_requests_with_cookies_reach_flask(client, catalog, flask_requests):
    client.get("/api/v2/muscle/1/")
    flask_requests.clear()
    client.set_cookie("session", "forged")
    assert client.get("/api/v2/muscle/1/").status_code == 200
    assert flask_requests == ["/api/v2/muscle/1/"]


def test_a_get_with_a_body_reaches_flask(client, catalog, flask_requests):
    client.get("/api/v2/muscle/1/")
    flask_requests.clear()
    with_body = client.get("/api/v2/muscle/1/", data="name=%00", content_type="application/x-www-form-urlencoded")
    assert with_body.status_code == 400
    assert flask_requests == ["/api/v2/muscle/1/"]


@pytest.mark.parametrize("headers, mimetype", [
    ({"Accept": "text/html"}, "text/html"),
    ({"Accept": "application/json; indent=4"}, "application/json"),
], ids=["html", "indented"])
def test_each_representation_is_answered_as_asked(client, catalog, headers, mimetype):
    plain = client.get("/api/v2/muscle/1/").data
    for _ in range(2):
        other = client.get("/api/v2/muscle/1/", headers=headers)
        assert (other.status_code, other.mimetype) == (200, mimetype)
        assert other.data != plain


# Private answers: kept for the permanent key's user, under their data version and the catalog version.

WEIGHTS, CATEGORIES, MEASUREMENTS = "/api/v2/weightentry/", "/api/v2/measurement-category/", "/api/v2/measurement/"


def _weigh(client, headers, date, weight="80.0"):
    response = client.post(WEIGHTS, json={"date": date, "weight": weight}, headers=headers)
    assert response.status_code == 201
    return response.json["id"]


def test_a_private_page_is_replayed_to_its_owner(client, make_user, key_headers, flask_requests, count_queries):
    make_user("lifter")
    headers = key_headers("lifter")
    _weigh(client, headers, "2024-03-01")
    first = client.get(f"{WEIGHTS}?limit=20", headers=headers)
    flask_requests.clear()
    again, queries = count_queries(lambda: client.get(f"{WEIGHTS}?limit=20", headers=headers))
    assert _answer(again) == _answer(first)
    assert [entry["date"] for entry in again.json["results"]] == ["2024-03-01"]
    assert (flask_requests, queries) == ([], 1)


def test_a_private_answer_is_never_stale_after_its_owners_writes(client, make_user, key_headers):
    make_user("lifter")
    headers = key_headers("lifter")
    entry = _weigh(client, headers, "2024-03-01")

    def weights():
        return [item["weight"] for item in client.get(WEIGHTS, headers=headers).json["results"]]

    assert weights() == ["80.00"]
    assert client.patch(f"{WEIGHTS}{entry}/", json={"weight": "79.5"}, headers=headers).status_code == 200
    assert weights() == ["79.50"]
    _weigh(client, headers, "2024-03-02", "79.0")
    assert weights() == ["79.50", "79.00"]
    assert client.delete(f"{WEIGHTS}{entry}/", headers=headers).status_code == 204
    assert weights() == ["79.00"]
    assert client.get(f"{WEIGHTS}{entry}/", headers=headers).status_code == 404


def test_a_change_deep_in_an_owner_path_counts_for_the_owner(client, make_user, key_headers, flask_requests):
    make_user("lifter")
    headers = key_headers("lifter")
    category = client.post(CATEGORIES, json={"name": "Waist", "unit": "cm"}, headers=headers).json["id"]
    client.get(CATEGORIES, headers=headers)
    client.get(CATEGORIES, headers=headers)
    flask_requests.clear()
    measured = client.post(MEASUREMENTS, json={"category": category, "date": "2024-03-01", "value": 80},
                           headers=headers)
    assert measured.status_code == 201
    assert client.get(CATEGORIES, headers=headers).status_code == 200
    assert flask_requests == [MEASUREMENTS, CATEGORIES]


def test_a_private_answer_is_kept_for_its_user_only(client, make_user, key_headers, flask_requests):
    make_user("lifter")
    make_user("runner")
    lifter, runner = key_headers("lifter"), key_headers("runner")
    _weigh(client, lifter, "2024-03-01", "90.0")
    _weigh(client, runner, "2024-03-01", "60.0")
    for _ in range(2):
        assert client.get(WEIGHTS, headers=lifter).json["results"][0]["weight"] == "90.00"
        assert client.get(WEIGHTS, headers=runner).json["results"][0]["weight"] == "60.00"
    assert flask_requests.count(WEIGHTS) == 4  # the two writes and each user's first read
    flask_requests.clear()
    _weigh(client, runner, "2024-03-02", "61.0")
    client.get(WEIGHTS, headers=lifter)
    assert flask_requests == [WEIGHTS]  # the runner's write left the lifter's answer be


@pytest.mark.parametrize("credentials", ["key_headers", "auth_headers"])
def test_credentials_that_stop_working_are_refused_though_their_answer_was_kept(app, client, make_user, request,
                                                                                credentials):
    user_id = make_user("lifter")
    headers = request.getfixturevalue(credentials)("lifter")
    assert client.get(WEIGHTS, headers=headers).status_code == 200
    assert client.get(WEIGHTS, headers=headers).status_code == 200
    with app.app_context():
        db.session.get(User, user_id).is_active = False
        db.session.commit()
    assert client.get(WEIGHTS, headers=headers).status_code == 401


def test_a_catalog_change_renews_private_answers_that_nest_it(app, client, catalog, make_user, key_headers):
    with app.app_context():
        oats = make_ingredient("Rolled oats").id
        db.session.commit()
    make_user("eater")
    headers = key_headers("eater")
    plan = client.post("/api/v2/nutritionplan/", json={"description": "Cut"}, headers=headers).json["id"]
    meal = client.post("/api/v2/meal/", json={"plan": plan}, headers=headers).json["id"]
    client.post("/api/v2/mealitem/", json={"meal": meal, "ingredient": oats, "amount": 50}, headers=headers)

    def ingredient_name():
        info = client.get(f"/api/v2/nutritionplaninfo/{plan}/", headers=headers).json
        return info["meals"][0]["meal_items"][0]["ingredient_obj"]["name"]

    assert ingredient_name() == ingredient_name() == "Rolled oats"
    with app.app_context():
        db.session.get(Ingredient, oats).name = "Porridge oats"
        db.session.commit()
    assert ingredient_name() == "Porridge oats"


def test_a_change_nobody_owns_renews_every_kept_answer(app, client, catalog, make_user, key_headers,
                                                        flask_requests):
    user_id = make_user("lifter")
    headers = key_headers("lifter")
    client.get(WEIGHTS, headers=headers)
    client.get("/api/v2/muscle/1/")

    def data_version():
        with app.app_context():
            return db.session.get(User, user_id).data_version

    before = data_version()
    with app.app_context():
        db.session.add(Group(name="coaches"))
        db.session.commit()
    flask_requests.clear()
    client.get(WEIGHTS, headers=headers)
    client.get("/api/v2/muscle/1/")
    assert flask_requests == [WEIGHTS, "/api/v2/muscle/1/"]
    assert data_version() == before


@pytest.mark.parametrize("extra, cookie", [
    ({"Accept": "text/html"}, None), ({"Accept": "application/json; indent=4"}, None), ({}, "forged"),
], ids=["html", "indented", "cookie"])
def test_other_private_requests_reach_flask(client, make_user, key_headers, flask_requests, extra, cookie):
    make_user("lifter")
    headers = key_headers("lifter")
    client.get(WEIGHTS, headers=headers)
    flask_requests.clear()
    if cookie:
        client.set_cookie("session", cookie)
    for _ in range(2):
        assert client.get(WEIGHTS, headers=headers | extra).status_code == 200
    assert flask_requests == [WEIGHTS, WEIGHTS]


def test_a_private_answer_is_kept_for_access_tokens_while_they_are_valid(app, client, make_user, auth_headers,
                                                                          key_headers, flask_requests):
    user_id = make_user("lifter")
    _weigh(client, key_headers("lifter"), "2024-03-01")
    flask_requests.clear()
    answers = [client.get(WEIGHTS, headers=auth_headers("lifter")) for _ in range(2)]
    assert [_answer(answer) for answer in answers[1:]] == [_answer(answers[0])]
    assert flask_requests == [WEIGHTS]
    with app.app_context():
        expired = auth.encode(user_id, "access", lifetime=dt.timedelta(seconds=-1))
        refresh = auth.encode(user_id, "refresh")
    for token in (expired, refresh, "not.a.token"):
        refused = client.get(WEIGHTS, headers={"Authorization": f"Bearer {token}"})
        assert (refused.status_code, refused.json["code"]) == (401, "token_not_valid")


def test_kept_answers_stay_within_their_byte_budget(app, client, make_user, key_headers, flask_requests,
                                                     monkeypatch):
    make_user("lifter")
    headers = key_headers("lifter")
    _weigh(client, headers, "2024-03-01")
    pages = [f"{WEIGHTS}?limit={limit}" for limit in (1, 2)]
    one_page = len(client.get(pages[0], headers=headers).data)
    monkeypatch.setattr(app.wsgi_app.private_answers, "budget", one_page * 3 // 2)
    app.wsgi_app.private_answers.clear()
    flask_requests.clear()
    for page in (*pages, *pages):
        assert client.get(page, headers=headers).status_code == 200
    assert len(flask_requests) == 4  # each page pushed the other out
    assert app.wsgi_app.private_answers.weight <= one_page * 3 // 2


def test_an_answer_is_not_kept_when_its_user_changed_after_being_read(app, client, make_user, key_headers,
                                                                      flask_requests):
    """A write that commits between reading the caller and reading the versions leaves the caller's row older
    than the versions: an answer built from it is not kept under them."""
    user_id = make_user("lifter")
    headers = key_headers("lifter")

    def concurrent_write():
        with db.engine.begin() as connection:
            owners.bump(connection, {user_id})

    app.before_request_funcs.setdefault(None, []).append(concurrent_write)
    try:
        client.get(WEIGHTS, headers=headers)
    finally:
        app.before_request_funcs[None].remove(concurrent_write)
    flask_requests.clear()
    client.get(WEIGHTS, headers=headers)
    assert flask_requests == [WEIGHTS]
