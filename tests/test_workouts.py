"""Workouts through HTTP, beyond the contract test: fields, defaults, messages, templates, schedules,
cascades and what lists cost."""

import datetime as dt
import re

import pytest
import sqlalchemy as sa
from catalog_factories import make_base, make_translation

from wger.database import db
from wger.models import Day, DaysOfWeek, Exercise, ExerciseBase, ExerciseImage, Set, Setting, Workout

API = "/api/v2"


@pytest.fixture
def bases(app, catalog):
    """Three exercise bases: a squat (quads; glutes), a bench press (chest; shoulders, triceps), a curl."""
    with app.app_context():
        made = [make_base(9, muscles=(10,), muscles_secondary=(8,)),
                make_base(11, muscles=(4,), muscles_secondary=(2, 5)),
                make_base(8, muscles=(1,), muscles_secondary=(13,))]
        db.session.commit()
        return [base.id for base in made]


@pytest.fixture
def lifter(make_user, auth_headers):
    make_user("lifter")
    make_user("rival")
    return auth_headers("lifter")


@pytest.fixture
def rival(lifter, auth_headers):
    return auth_headers("rival")


@pytest.fixture
def api(client, lifter):
    """`api(verb, path, body=None, headers=lifter)` → the response; `api.make(name, body)` → a 201's JSON."""

    class Api:
        default_headers = lifter

        def __call__(self, verb, path, body=None, headers=lifter):
            return getattr(client, verb)(f"{API}/{path}", json=body, headers=headers)

        def make(self, name, body, headers=lifter):
            response = self("post", f"{name}/", body, headers)
            assert response.status_code == 201, response.json
            return response.json

    return Api()


@pytest.fixture
def workout(api, bases):
    """A workout with one day (Tuesday and Thursday), one set of three rounds and one setting."""
    made = {"workout": api.make("workout", {"name": "Push"})}
    made["day"] = api.make("day", {"training": made["workout"]["id"], "description": "Chest", "day": [4, 2]})
    made["set"] = api.make("set", {"exerciseday": made["day"]["id"], "sets": 3})
    made["setting"] = api.make("setting", {"set": made["set"]["id"], "exercise_base": bases[1], "reps": 10})
    return made


def _today():
    return dt.datetime.now(dt.UTC).date().isoformat()


def test_objects_have_the_contract_fields_in_order_with_their_defaults(api, workout, bases):
    assert workout["workout"] == {"id": workout["workout"]["id"], "name": "Push", "creation_date": _today(),
                                  "description": ""}
    assert workout["day"] == {"id": workout["day"]["id"], "training": workout["workout"]["id"],
                              "description": "Chest", "day": [2, 4]}
    assert workout["set"] == {"id": workout["set"]["id"], "exerciseday": workout["day"]["id"], "sets": 3,
                              "order": 1, "comment": ""}
    assert workout["setting"] == {"id": workout["setting"]["id"], "set": workout["set"]["id"],
                                  "exercise_base": bases[1], "repetition_unit": 1, "reps": 10, "weight": None,
                                  "weight_unit": 1, "rir": None, "order": 1, "comment": ""}
    log = api.make("workoutlog", {"workout": workout["workout"]["id"], "exercise_base": bases[1],
                                  "date": "2024-03-01", "reps": 8, "weight": 60})
    assert list(log) == ["id", "reps", "weight", "date", "rir", "exercise_base", "workout", "repetition_unit",
                         "weight_unit"]
    assert (log["weight"], log["rir"], log["repetition_unit"], log["weight_unit"]) == ("60.00", None, 1, 1)
    session = api.make("workoutsession", {"workout": workout["workout"]["id"], "date": "2024-03-01",
                                          "time_start": "18:00"})
    assert list(session) == ["id", "user", "workout", "date", "notes", "impression", "time_start", "time_end"]
    assert (session["notes"], session["impression"], session["time_start"], session["time_end"]) == (
        None, "2", "18:00:00", None)
    schedule = api.make("schedule", {"name": "Block"})
    assert schedule == {"id": schedule["id"], "name": "Block", "start_date": _today(), "is_active": True,
                        "is_loop": False}
    step = api.make("schedulestep", {"schedule": schedule["id"], "workout": workout["workout"]["id"]})
    assert step == {"id": step["id"], "schedule": schedule["id"], "workout": workout["workout"]["id"], "duration": 4}


def test_a_new_setting_gets_order_1_and_an_update_may_change_it(api, workout, bases):
    second = api.make("setting", {"set": workout["set"]["id"], "exercise_base": bases[1], "reps": 8, "order": 7})
    assert second["order"] == 1
    assert api("patch", f"setting/{second['id']}/", {"order": 7}).json["order"] == 7
    assert api("put", f"setting/{second['id']}/", {"set": workout["set"]["id"], "exercise_base": bases[1],
                                                   "reps": 8, "order": 3}).json["order"] == 3
    listed = api("get", f"setting/?set={workout['set']['id']}").json["results"]
    assert [(item["id"], item["order"]) for item in listed] == [(workout["setting"]["id"], 1), (second["id"], 3)]


def test_numbers_and_choices_in_their_wire_formats(api, workout, bases):
    setting = api("patch", f"setting/{workout['setting']['id']}/", {"weight": 62.5, "rir": 2}).json
    assert (setting["weight"], setting["rir"]) == ("62.50", "2")
    assert api("patch", f"setting/{workout['setting']['id']}/", {"rir": "0.5"}).json["rir"] == "0.5"
    assert api("patch", f"setting/{workout['setting']['id']}/", {"rir": None, "weight": None}).json["rir"] is None


@pytest.mark.parametrize(("name", "body", "errors"), [
    ("workout", {"name": "x" * 101, "description": None}, {
        "name": ["Ensure this field has no more than 100 characters."],
        "description": ["This field may not be null."]}),
    ("day", {"description": ""}, {
        "training": ["This field is required."], "description": ["This field may not be blank."],
        "day": ["This field is required."]}),
    ("day", {"training": "abc", "description": "Legs", "day": [1, 8]}, {
        "training": ['Invalid pk "abc" - object does not exist.'],
        "day": ['Invalid pk "8" - object does not exist.']}),
    ("set", {"exerciseday": None, "sets": 11}, {
        "exerciseday": ["This field may not be null."], "sets": ["Ensure this value is less than or equal to 10."]}),
    ("setting", {"reps": 601, "weight": "1500.01", "rir": "5", "repetition_unit": 99, "weight_unit": 0}, {
        "set": ["This field is required."], "exercise_base": ["This field is required."],
        "reps": ["Ensure this value is less than or equal to 600."],
        "weight": ["Ensure this value is less than or equal to 1500."], "rir": ['"5" is not a valid choice.'],
        "repetition_unit": ['Invalid pk "99" - object does not exist.'],
        "weight_unit": ['Invalid pk "0" - object does not exist.']}),
    ("setting", {"reps": -1, "weight": "-1", "exercise_base": 987654}, {
        "set": ["This field is required."], "exercise_base": ['Invalid pk "987654" - object does not exist.'],
        "reps": ["Ensure this value is greater than or equal to 0."],
        "weight": ["Ensure this value is greater than or equal to 0."]}),
    ("workoutlog", {"reps": "many", "weight": "1000", "date": "yesterday"}, {
        "reps": ["A valid integer is required."],
        "weight": ["Ensure that there are no more than 3 digits before the decimal point."],
        "date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
        "exercise_base": ["This field is required."], "workout": ["This field is required."]}),
    ("workoutlog", {"weight": "10.555", "rir": 5}, {
        "reps": ["This field is required."], "weight": ["Ensure that there are no more than 2 decimal places."],
        "date": ["This field is required."], "rir": ['"5" is not a valid choice.'],
        "exercise_base": ["This field is required."], "workout": ["This field is required."]}),
    ("workoutsession", {"date": "2024-03-01", "impression": "4", "time_start": "25:00"}, {
        "workout": ["This field is required."], "impression": ['"4" is not a valid choice.'],
        "time_start": ["Time has wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]]."]}),
    ("schedule", {"name": "", "start_date": "2024-02-30", "is_active": "sometimes"}, {
        "name": ["This field may not be blank."],
        "start_date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
        "is_active": ["Must be a valid boolean."]}),
    ("schedulestep", {"duration": 26}, {
        "schedule": ["This field is required."], "workout": ["This field is required."],
        "duration": ["Ensure this value is less than or equal to 25."]}),
    ("schedulestep", {"duration": 0}, {
        "schedule": ["This field is required."], "workout": ["This field is required."],
        "duration": ["Ensure this value is greater than or equal to 1."]}),
])
def test_bad_input_is_a_400_naming_each_field(api, bases, name, body, errors):
    response = api("post", f"{name}/", body)
    assert response.status_code == 400
    assert response.json == errors
    assert api("get", f"{name}/").json["count"] == 0


@pytest.fixture
def templates(app, lifter):
    """The lifter's private and public templates, and the rival's public and private ones."""
    with app.app_context():
        ids = {}
        for owner in ("lifter", "rival"):
            user_id = db.session.scalar(sa.text("SELECT id FROM auth_user WHERE username = :name"), {"name": owner})
            for public in (False, True):
                template = Workout(user_id=user_id, name=f"{owner} {public}", is_template=True, is_public=public)
                db.session.add(template)
                db.session.flush()
                ids[owner, public] = template.id
        db.session.commit()
        return ids


def test_templates_are_listed_apart_from_workouts(api, workout, templates, rival):
    assert [item["id"] for item in api("get", "workout/").json["results"]] == [workout["workout"]["id"]]
    own = api("get", "templates/").json["results"]
    assert [(item["id"], item["is_public"]) for item in own] == [
        (templates["lifter", False], False), (templates["lifter", True], True)]
    assert list(own[0]) == ["id", "name", "creation_date", "description", "is_public"]
    public = api("get", "public-templates/").json["results"]
    assert [item["id"] for item in public] == [templates["lifter", True], templates["rival", True]]
    assert list(public[0]) == ["id", "name", "creation_date", "description"]
    assert api("get", f"public-templates/{templates['rival', False]}/").status_code == 404
    assert api("get", f"templates/{templates['rival', True]}/").status_code == 404


def test_a_template_is_no_workout_to_change_or_attach_to(api, workout, templates, bases):
    template = templates["lifter", False]
    assert api("get", f"workout/{template}/").json == {"detail": "No Workout matches the given query."}
    assert api("patch", f"workout/{template}/", {"name": "changed"}).status_code == 404
    invalid = [f'Invalid pk "{template}" - object does not exist.']
    assert api("post", "day/", {"training": template, "description": "x", "day": [1]}).json == {"training": invalid}
    log = {"workout": template, "exercise_base": bases[0], "date": "2024-03-01", "reps": 5, "weight": 100}
    assert api("post", "workoutlog/", log).json == {"workout": invalid}
    assert api("patch", f"day/{workout['day']['id']}/", {"training": template}).json == {"training": invalid}


def test_saving_an_active_schedule_deactivates_the_others(api, rival):
    theirs = api.make("schedule", {"name": "Theirs"}, headers=rival)
    first = api.make("schedule", {"name": "First"})
    second = api.make("schedule", {"name": "Second", "is_active": True})
    paused = api.make("schedule", {"name": "Paused", "is_active": False})

    def active():
        return {item["name"]: item["is_active"] for item in api("get", "schedule/").json["results"]}

    assert active() == {"First": False, "Second": True, "Paused": False}
    api("patch", f"schedule/{first['id']}/", {"is_active": True})
    assert active() == {"First": True, "Second": False, "Paused": False}
    api("patch", f"schedule/{paused['id']}/", {"name": "Still paused"})
    assert active() == {"First": True, "Second": False, "Still paused": False}
    assert api("get", f"schedule/{theirs['id']}/", headers=rival).json["is_active"] is True
    assert second["is_active"] is True


def test_a_refused_schedule_deactivates_nothing(api):
    first = api.make("schedule", {"name": "First"})
    assert api("post", "schedule/", {"name": "x" * 101, "is_active": True}).status_code == 400
    assert api("put", f"schedule/{first['id']}/", {"name": "", "is_active": True}).status_code == 400
    assert api("get", f"schedule/{first['id']}/").json["is_active"] is True


def test_one_session_per_date(api, workout, rival):
    body = {"workout": workout["workout"]["id"], "date": "2024-03-01"}
    first = api.make("workoutsession", body)
    again = api("post", "workoutsession/", body)
    assert again.status_code == 400
    assert again.json == {"non_field_errors": ["The fields date, user must make a unique set."]}
    later = api.make("workoutsession", {**body, "date": "2024-03-02"})
    moved = api("patch", f"workoutsession/{later['id']}/", {"date": "2024-03-01"})
    assert moved.json == {"non_field_errors": ["The fields date, user must make a unique set."]}
    assert api("patch", f"workoutsession/{first['id']}/", {"date": "2024-03-01", "notes": "ok"}).status_code == 200
    rival_workout = api.make("workout", {}, headers=rival)
    api.make("workoutsession", {"workout": rival_workout["id"], "date": "2024-03-01"}, headers=rival)


def _build(api, workout_id, base_id, days):
    for number in range(days):
        day = api.make("day", {"training": workout_id, "description": f"Day {number}", "day": [number % 7 + 1]})
        for order in range(3):
            exercise_set = api.make("set", {"exerciseday": day["id"], "order": order})
            api.make("setting", {"set": exercise_set["id"], "exercise_base": base_id, "reps": 10})
    api.make("workoutlog", {"workout": workout_id, "exercise_base": base_id, "date": "2024-03-01", "reps": 5,
                            "weight": 100})
    api.make("workoutsession", {"workout": workout_id, "date": f"2024-03-{days + 1:02d}"})


def test_deleting_a_workout_deletes_what_hangs_below_it_in_a_fixed_number_of_queries(api, bases, count_queries):
    schedule = api.make("schedule", {"name": "Block"})
    costs = []
    for days in (1, 4):
        made = api.make("workout", {"name": f"{days} days"})
        _build(api, made["id"], bases[0], days)
        step = api.make("schedulestep", {"schedule": schedule["id"], "workout": made["id"]})
        response, queries = count_queries(lambda made=made: api("delete", f"workout/{made['id']}/"))
        assert response.status_code == 204
        costs.append(queries)
        assert api("get", f"schedulestep/{step['id']}/").status_code == 404
    assert costs[0] == costs[1]
    for name in ("day", "set", "setting", "workoutlog", "workoutsession", "schedulestep"):
        assert api("get", f"{name}/").json["count"] == 0, name
    assert api("get", f"schedule/{schedule['id']}/").status_code == 200
    assert api("get", f"exercisebaseinfo/{bases[0]}/").status_code == 200


def test_deleting_a_day_or_set_takes_its_children_along(api, workout):
    api("delete", f"set/{workout['set']['id']}/")
    assert api("get", f"setting/{workout['setting']['id']}/").status_code == 404
    api("delete", f"day/{workout['day']['id']}/")
    assert api("get", "day/").json["count"] == 0
    assert api("get", f"workout/{workout['workout']['id']}/").status_code == 200


def test_filters(api, workout, bases):
    tuesday, friday = api("get", "day/?day=2").json, api("get", "day/?day=5").json
    assert (tuesday["count"], friday["count"]) == (1, 0)
    assert api("get", "day/?day=9").json == {"day": ["Select a valid choice. 9 is not one of the available choices."]}
    api.make("workoutsession", {"workout": workout["workout"]["id"], "date": "2024-03-01", "time_start": "18:00"})
    assert api("get", "workoutsession/?time_start=18:00:00").json["count"] == 1
    assert api("get", "workoutsession/?time_start=19:00").json["count"] == 0
    assert api("get", "workoutsession/?time_start=late").json == {"time_start": ["Enter a valid time."]}
    assert api("get", f"setting/?exercise_base={bases[1]}").json["count"] == 1
    assert api("get", "workout/?name=Push").json["count"] == 1


def test_default_orders(api, workout, bases):
    for date, reps in (("2024-03-02", 5), ("2024-03-01", 8), ("2024-03-01", 3)):
        api.make("workoutlog", {"workout": workout["workout"]["id"], "exercise_base": bases[0], "date": date,
                                "reps": reps, "weight": 100})
    logs = api("get", "workoutlog/").json["results"]
    assert [(log["date"], log["reps"]) for log in logs] == [("2024-03-01", 3), ("2024-03-01", 8), ("2024-03-02", 5)]
    first = api.make("set", {"exerciseday": workout["day"]["id"], "order": 5})
    api.make("set", {"exerciseday": workout["day"]["id"], "order": 2})
    assert [item["order"] for item in api("get", "set/").json["results"]] == [1, 2, 5]
    assert [item["order"] for item in api("get", "set/?ordering=-order").json["results"]] == [5, 2, 1]
    assert first["order"] == 5


@pytest.mark.parametrize("name", ["day", "set", "setting", "workoutlog", "workoutsession", "schedulestep"])
def test_list_pages_cost_a_fixed_number_of_queries(api, bases, count_queries, name):
    schedule = api.make("schedule", {"name": "Block"})
    costs = []
    for days in (1, 5):
        made = api.make("workout", {})
        _build(api, made["id"], bases[0], days)
        api.make("schedulestep", {"schedule": schedule["id"], "workout": made["id"]})
        response, queries = count_queries(lambda: api("get", f"{name}/?limit=100"))
        assert response.json["count"] > 0
        costs.append(queries)
    assert costs[0] == costs[1]



def _ids(objects):
    return [item["id"] for item in objects]


def _muscle_ids(groups):
    return {side: _ids(muscles) for side, muscles in groups.items()}


@pytest.fixture
def exercise_set(api, workout):
    """`exercise_set(sets, [(base, reps, weight)...])` → the id of a new set of those settings."""

    def make(sets, settings):
        made = api.make("set", {"exerciseday": workout["day"]["id"], "sets": sets})
        ids = [api.make("setting", {"set": made["id"], "exercise_base": base, "reps": reps, "weight": weight})["id"]
               for base, reps, weight in settings]
        return made["id"], ids

    return make


def test_computed_settings_repeat_one_setting_and_interleave_supersets(api, bases, exercise_set):
    squat, bench, curl = bases

    def computed(pk):
        response = api("get", f"set/{pk}/computed_settings/")
        assert list(response.json) == ["results"]
        return _ids(response.json["results"])

    single, (only,) = exercise_set(3, [(squat, 5, 100)])
    assert computed(single) == [only] * 3
    assert api("get", f"set/{single}/computed_settings/").json["results"][0] == api("get", f"setting/{only}/").json
    pyramid, settings = exercise_set(3, [(squat, 8, 100), (squat, 6, 110)])
    assert computed(pyramid) == settings
    superset, (curl_12, bench_8, curl_10, bench_6, _) = exercise_set(4, [
        (curl, 12, 20), (bench, 8, 60), (curl, 10, 22), (bench, 6, 65), (bench, 4, 70)])
    assert computed(superset) == [curl_12, bench_8, curl_10, bench_6]
    mixed, (squat_5, curl_a, curl_b) = exercise_set(4, [(squat, 5, 100), (curl, 12, 20), (curl, 10, 22)])
    assert computed(mixed) == [squat_5, curl_a, squat_5, curl_b]
    api("patch", f"setting/{curl_a}/", {"order": 5})
    assert computed(mixed) == [squat_5, curl_b, squat_5, curl_a]
    none_done, _ = exercise_set(0, [(squat, 5, 100)])
    assert computed(none_done) == []
    empty, _ = exercise_set(4, [])
    assert computed(empty) == []


@pytest.fixture
def bench_image(app, bases):
    with app.app_context():
        db.session.add(ExerciseImage(exercise_base_id=bases[1], image="exercise-images/bench.png", is_main=True))
        db.session.commit()


def test_canonical_representation_matches_a_hand_built_workout(api, bases, bench_image):
    squat, bench, curl = bases
    workout = api.make("workout", {"name": "Split", "description": "Two days"})
    push = api.make("day", {"training": workout["id"], "description": "Push", "day": [4, 2]})
    legs = api.make("day", {"training": workout["id"], "description": "Legs", "day": [1]})
    rest = api.make("day", {"training": workout["id"], "description": "Stretch", "day": []})
    ranges = api.make("set", {"exerciseday": legs["id"], "sets": 5})
    squat_settings = [api.make("setting", {"set": ranges["id"], "exercise_base": squat, **values}) for values in (
        {"reps": 8, "weight": "100"}, {"reps": 10, "weight": "90.50"}, {"reps": 12, "weight": 180, "weight_unit": 2})]
    heavy = api.make("set", {"exerciseday": push["id"], "sets": 3, "order": 1})
    bench_heavy = api.make("setting", {"set": heavy["id"], "exercise_base": bench, "reps": 10, "weight": 60,
                                       "rir": "2"})
    pair = api.make("set", {"exerciseday": push["id"], "sets": 4, "order": 2})
    curl_12 = api.make("setting", {"set": pair["id"], "exercise_base": curl, "reps": 12, "weight": "20.5"})
    bench_fail = api.make("setting", {"set": pair["id"], "exercise_base": bench, "reps": 1, "repetition_unit": 2})
    curl_30s = api.make("setting", {"set": pair["id"], "exercise_base": curl, "reps": 30, "repetition_unit": 3,
                                    "weight": "0", "rir": "0"})

    response = api("get", f"workout/{workout['id']}/canonical_representation/")
    assert response.status_code == 200
    document = response.json
    assert list(document) == ["obj", "day_list", "muscles"]
    assert document["obj"] == api("get", f"workout/{workout['id']}/").json
    assert [day["obj"] for day in document["day_list"]] == [api("get", f"day/{pk}/").json
                                                            for pk in (legs["id"], push["id"], rest["id"])]
    legs_day, push_day, rest_day = document["day_list"]
    assert list(push_day) == ["obj", "set_list", "days_of_week", "muscles"]
    assert push_day["days_of_week"] == {"text": "Tuesday, Thursday",
                                        "day_list": [{"day_of_week": "Tuesday"}, {"day_of_week": "Thursday"}]}
    assert rest_day == {"obj": rest, "set_list": [], "days_of_week": {"text": "", "day_list": []},
                        "muscles": {"front": [], "back": [], "frontsecondary": [], "backsecondary": []}}

    (ranges_set,) = legs_day["set_list"]
    assert list(ranges_set) == ["obj", "exercise_list", "is_superset", "settings_computed", "muscles"]
    assert ranges_set["obj"] == api("get", f"set/{ranges['id']}/").json
    (squat_entry,) = ranges_set["exercise_list"]
    assert list(squat_entry) == ["setting_obj_list", "setting_text", "has_weight", "comment_list", "image_list",
                                 "obj"]
    assert squat_entry["setting_obj_list"] == squat_settings
    assert squat_entry["setting_text"] == "8 (100 kg) \u2013 10 (90.5 kg) \u2013 12 (180 lb)"
    assert (squat_entry["has_weight"], squat_entry["comment_list"], squat_entry["image_list"]) == (True, [], [])
    assert squat_entry["obj"] == api("get", f"exercisebaseinfo/{squat}/").json
    assert ranges_set["is_superset"] is False
    assert ranges_set["settings_computed"] == squat_settings
    assert _muscle_ids(ranges_set["muscles"]) == {"front": [10], "back": [], "frontsecondary": [],
                                                  "backsecondary": [8]}

    heavy_set, pair_set = push_day["set_list"]
    (bench_entry,) = heavy_set["exercise_list"]
    assert bench_entry["setting_text"] == "3 \u00d7 10 (60 kg, 2 RiR)"
    assert bench_entry["image_list"] == [{"image": "http://localhost/media/exercise-images/bench.png",
                                          "is_main": True}]
    assert heavy_set["settings_computed"] == [bench_heavy] * 3
    curl_entry, bench_pair_entry = pair_set["exercise_list"]
    assert curl_entry["setting_obj_list"] == [curl_12, curl_30s]
    assert curl_entry["setting_text"] == "12 (20.5 kg) \u2013 30 Seconds (0 RiR)"
    assert bench_pair_entry["setting_text"] == "4 \u00d7 \u221e"
    assert (curl_entry["has_weight"], bench_pair_entry["has_weight"]) == (True, False)
    assert pair_set["is_superset"] is True
    assert pair_set["settings_computed"] == [curl_12, bench_fail, curl_30s, bench_fail]
    assert _muscle_ids(heavy_set["muscles"]) == {"front": [4], "back": [], "frontsecondary": [2],
                                                 "backsecondary": [5]}
    assert _muscle_ids(pair_set["muscles"]) == {"front": [1, 4], "back": [], "frontsecondary": [13, 2],
                                                "backsecondary": [5]}
    assert _muscle_ids(push_day["muscles"]) == {"front": [4, 1], "back": [], "frontsecondary": [2, 13],
                                                "backsecondary": [5]}
    assert _muscle_ids(document["muscles"]) == {"front": [10, 4, 1], "back": [], "frontsecondary": [2, 13],
                                                "backsecondary": [8, 5]}
    assert document["muscles"]["backsecondary"][0] == api("get", "muscle/8/").json


def _big_workout(app, user, days, sets_per_day):
    """A workout built in the database: `days` days of `sets_per_day` sets, each a superset of two new
    exercises with muscles and an image, so that anything loaded per object would show in the query count."""
    with app.app_context():
        user_id = db.session.scalar(sa.text("SELECT id FROM auth_user WHERE username = :name"), {"name": user})
        workout = Workout(user_id=user_id, name=f"{days} days")
        weekdays = db.session.scalars(sa.select(DaysOfWeek).order_by(DaysOfWeek.id)).all()
        for number in range(days):
            day = Day(description=f"Day {number}", day=[weekdays[number % 7]])
            workout.days.append(day)
            for order in range(sets_per_day):
                exercise_set = Set(sets=4, order=order)
                day.sets.append(exercise_set)
                for muscle in (1 + order % 16, 16 - order % 16):
                    base = make_base(9, muscles=(muscle,), muscles_secondary=(1 + number,), equipment=(1,))
                    make_translation(base, f"Exercise {number}.{order}.{muscle}", notes=["Slowly."])
                    db.session.add(ExerciseImage(exercise_base=base, image=f"exercise-images/{base.id}.png"))
                    exercise_set.settings.append(Setting(exercise_base=base, reps=10, weight=50,
                                                         weight_unit_id=1 + order % 4,
                                                         repetition_unit_id=1 + order % 5))
        db.session.add(workout)
        db.session.commit()
        return workout.id


def test_canonical_representation_costs_the_same_for_any_workout(app, api, catalog, count_queries):
    """The first read loads the bases the memory lacks, all at once; later reads take them from memory."""
    small = _big_workout(app, "lifter", days=1, sets_per_day=1)
    large = _big_workout(app, "lifter", days=7, sets_per_day=6)
    costs = []
    for pk in (small, large):
        first, cold = count_queries(lambda pk=pk: api("get", f"workout/{pk}/canonical_representation/"))
        again, warm = count_queries(lambda pk=pk: api("get", f"workout/{pk}/canonical_representation/"))
        assert (first.status_code, again.get_data()) == (200, first.get_data())
        costs.append((cold, warm))
    assert sum(len(day["set_list"]) for day in again.json["day_list"]) == 42
    assert costs[0] == costs[1]
    assert costs[0][1] < costs[0][0]


@pytest.fixture
def bench_press(app, bases):
    """The id of the bench press's one translation, "Bench press"."""
    with app.app_context():
        translation = make_translation(db.session.get(ExerciseBase, bases[1]), "Bench press")
        db.session.commit()
        return translation.id


def test_canonical_representation_loads_the_bases_on_every_read_with_the_read_cache_off(app, api, catalog,
                                                                                        count_queries, monkeypatch):
    small = _big_workout(app, "lifter", days=1, sets_per_day=1)
    large = _big_workout(app, "lifter", days=7, sets_per_day=6)
    monkeypatch.setitem(app.config, "READ_CACHE_DISABLED", True)
    costs = [count_queries(lambda pk=pk: api("get", f"workout/{pk}/canonical_representation/"))[1]
             for pk in (small, small, large)]
    assert costs == [costs[0]] * 3


def _bench_entry(api, workout):
    document = api("get", f"workout/{workout['workout']['id']}/canonical_representation/").json
    return document["day_list"][0]["set_list"][0]["exercise_list"][0]["obj"], document["muscles"]


def test_canonical_representation_shows_a_base_changed_through_the_api_at_once(api, workout, bases, bench_press,
                                                                               make_user, auth_headers):
    make_user("admin", is_superuser=True)
    before, _ = _bench_entry(api, workout)
    assert [muscle["id"] for muscle in before["muscles"]] == [4]
    response = api("patch", f"exercise-base/{bases[1]}/", {"muscles": [1]}, headers=auth_headers("admin"))
    assert response.status_code == 200
    after, muscles = _bench_entry(api, workout)
    assert [muscle["id"] for muscle in after["muscles"]] == [1]
    assert [muscle["id"] for muscle in muscles["front"]] == [1]
    assert after == api("get", f"exercisebaseinfo/{bases[1]}/").json


def test_canonical_representation_shows_a_translation_changed_in_the_database_at_once(app, api, workout,
                                                                                      bench_press):
    before, _ = _bench_entry(api, workout)
    assert [exercise["name"] for exercise in before["exercises"]] == ["Bench press"]
    with app.app_context():
        db.session.get(Exercise, bench_press).name = "Floor press"
        db.session.commit()
    after, _ = _bench_entry(api, workout)
    assert [exercise["name"] for exercise in after["exercises"]] == ["Floor press"]


@pytest.fixture
def logs(api, workout, bases):
    """The lifter's squat logs: two dates, a lighter and a heavier set of 8 on one of them, and logs that
    `log_data` leaves out (seconds, body weight, another exercise, another workout)."""
    squat, bench, _ = bases
    other_workout = api.make("workout", {"name": "Other"})
    rows = [
        ("2024-03-04", 8, "100", {}), ("2024-03-04", 8, "105", {"rir": "1"}), ("2024-03-04", 10, "90", {}),
        ("2024-03-01", 8, "95", {}), ("2024-03-01", 10, "200", {"weight_unit": 2}),
        ("2024-03-04", 30, "0", {"repetition_unit": 3}), ("2024-03-04", 12, "0", {"weight_unit": 3}),
    ]
    made = [api.make("workoutlog", {"workout": workout["workout"]["id"], "exercise_base": squat, "date": date,
                                    "reps": reps, "weight": weight, **extra}) for date, reps, weight, extra in rows]
    api.make("workoutlog", {"workout": workout["workout"]["id"], "exercise_base": bench, "date": "2024-03-04",
                            "reps": 8, "weight": 60})
    api.make("workoutlog", {"workout": other_workout["id"], "exercise_base": squat, "date": "2024-03-04",
                            "reps": 8, "weight": 150})
    return made


def test_log_data_charts_the_best_weight_per_date_and_repetitions(api, workout, bases, logs):
    response = api("get", f"workout/{workout['workout']['id']}/log_data/?id={bases[0]}")
    assert response.status_code == 200
    assert response.json == {
        "chart_data": [
            [{"date": "2024-03-01", "weight": "95.00", "reps": 8},
             {"date": "2024-03-04", "weight": "105.00", "reps": 8}],
            [{"date": "2024-03-01", "weight": "200.00", "reps": 10},
             {"date": "2024-03-04", "weight": "90.00", "reps": 10}],
        ],
        "logs": {"2024-03-01": [logs[3], logs[4]], "2024-03-04": [logs[0], logs[1], logs[2]]},
    }
    assert list(response.json["logs"]) == ["2024-03-01", "2024-03-04"]
    unlogged = api("get", f"workout/{workout['workout']['id']}/log_data/?id={bases[2]}")
    assert unlogged.json == {"chart_data": [], "logs": {}}


@pytest.mark.parametrize(("query", "status", "body"), [
    ("", 400, {"id": ["This field is required."]}),
    ("?id=", 400, {"id": ["This field is required."]}),
    ("?id=squat", 400, {"id": ["A valid integer is required."]}),
    ("?id=987654", 404, {"detail": "No ExerciseBase matches the given query."}),
])
def test_log_data_needs_an_existing_exercise_base(api, workout, query, status, body):
    response = api("get", f"workout/{workout['workout']['id']}/log_data/{query}")
    assert (response.status_code, response.json) == (status, body)


def test_actions_of_a_template_or_another_users_workout_are_404(api, workout, templates, rival, bases):
    for pk, headers in ((templates["lifter", True], None), (workout["workout"]["id"], rival)):
        for action in ("canonical_representation/", f"log_data/?id={bases[0]}"):
            response = api("get", f"workout/{pk}/{action}", headers=headers or api.default_headers)
            assert response.json == {"detail": "No Workout matches the given query."}


def test_log_data_costs_the_same_for_any_number_of_logs(api, workout, bases, count_queries):
    costs = []
    for count in (1, 30):
        for day in range(count):
            api.make("workoutlog", {"workout": workout["workout"]["id"], "exercise_base": bases[0],
                                    "date": f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}", "reps": 5 + day % 3,
                                    "weight": 100 + day})
        response, queries = count_queries(
            lambda: api("get", f"workout/{workout['workout']['id']}/log_data/?id={bases[0]}"))
        assert response.status_code == 200
        costs.append(queries)
    assert costs[0] == costs[1]


def _options(html, field):
    select = re.search(rf'<select id="field-{field}" name="{field}"[^>]*>(.*?)</select>', html, re.S)[1]
    return re.findall(r'<option value="(\d+)"', select)


def test_forms_offer_only_the_callers_own_parents(client, api, lifter, rival, workout, templates, bases):
    theirs = {"workout": api.make("workout", {"name": "Theirs"}, headers=rival)}
    theirs["day"] = api.make("day", {"training": theirs["workout"]["id"], "description": "Theirs", "day": [1]},
                             headers=rival)
    theirs["set"] = api.make("set", {"exerciseday": theirs["day"]["id"]}, headers=rival)
    schedule = api.make("schedule", {"name": "Mine"})
    api.make("schedule", {"name": "Theirs"}, headers=rival)
    own_workout = [str(workout["workout"]["id"])]
    expected = {
        "day": {"training": own_workout, "day": [str(pk) for pk in range(1, 8)]},
        "set": {"exerciseday": [str(workout["day"]["id"])]},
        "setting": {"set": [str(workout["set"]["id"])], "exercise_base": [str(pk) for pk in bases]},
        "workoutlog": {"workout": own_workout},
        "workoutsession": {"workout": own_workout},
        "schedulestep": {"schedule": [str(schedule["id"])], "workout": own_workout},
    }
    for name, fields in expected.items():
        response = client.get(f"{API}/{name}/", headers={**lifter, "Accept": "text/html"})
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        for field, options in fields.items():
            assert _options(html, field) == options, (name, field)
    raw = client.get(f"{API}/workoutlog/", headers={**lifter, "Accept": "text/html"}).get_data(as_text=True)
    assert "&#34;rir&#34;: null" in raw


def test_read_only_fields_in_a_body_are_ignored(api, workout):
    created = api.make("workout", {"id": 987654, "creation_date": "2001-01-01", "name": "Mine"})
    assert (created["id"] != 987654, created["creation_date"]) == (True, _today())
    patched = api("patch", f"workout/{created['id']}/", {"id": 1, "creation_date": "2001-01-01", "name": "Ours"})
    assert patched.json == {**created, "name": "Ours"}


def test_the_openapi_document_describes_the_actions(client):
    document = client.get(f"{API}/schema").json
    log_data = document["paths"][f"{API}/workout/{{pk}}/log_data/"]["get"]
    assert [(item["name"], item["in"], item["required"]) for item in log_data["parameters"]
            if item["in"] == "query"] == [("id", "query", True)]
    schemas = document["components"]["schemas"]
    assert list(schemas["CanonicalWorkout"]["properties"]) == ["obj", "day_list", "muscles"]
    assert list(schemas["CanonicalExercise"]["properties"]) == [
        "setting_obj_list", "setting_text", "has_weight", "comment_list", "image_list", "obj"]
    assert list(schemas["LogData"]["properties"]) == ["chart_data", "logs"]
    for action in ("workout/{pk}/canonical_representation/", "set/{pk}/computed_settings/"):
        assert document["paths"][f"{API}/{action}"]["get"]["summary"].startswith("Return ")


def test_canonical_representation_is_replayed_until_a_setting_changes(api, workout, key_headers, flask_requests):
    """A change four relationships down from the workout's owner still renews the owner's kept answers."""
    path = f"workout/{workout['workout']['id']}/canonical_representation/"
    headers = key_headers("lifter")

    def reps():
        document = api("get", path, headers=headers).json
        return document["day_list"][0]["set_list"][0]["settings_computed"][0]["reps"]

    flask_requests.clear()
    assert reps() == reps() == 10
    assert len(flask_requests) == 1
    api("patch", f"setting/{workout['setting']['id']}/", {"reps": 8})
    assert reps() == 8
