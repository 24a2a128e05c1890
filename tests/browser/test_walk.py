"""What a person does with the browsable API in a real browser, from the root to a deleted object."""

import re

import pytest
from catalog_factories import make_base, make_translation

from wger.database import db

pytestmark = pytest.mark.usefixtures("catalog")


def test_read_walk(live_server, browser_page, screenshot):
    page = browser_page
    page.goto(f"{live_server.url}/api/v2/")
    assert page.locator("h1").inner_text() == "API Root"
    badges = page.locator(".endpoints .badge.public").count() + page.locator(".endpoints .badge.private").count()
    assert badges == page.locator(".endpoints tbody tr").count()
    assert page.locator(".endpoints tr:has-text('weightentry') .badge.private").count() == 1
    screenshot("root-page")

    page.locator(".endpoints").get_by_role("link", name="muscle", exact=True).click()
    assert page.locator("h1").inner_text() == "Muscle List"
    assert page.locator(".status").inner_text() == "HTTP 200 OK"

    page.locator(".pagination").first.get_by_label("Per page").select_option("10")
    page.locator(".pagination").first.get_by_role("button", name="Show").click()
    assert page.locator(".pagination .range").first.inner_text().startswith("1\u201310 of 16")

    page.locator(".pagination").first.get_by_role("link", name="Next \u203a").click()
    assert page.locator(".pagination .range").first.inner_text().startswith("11\u201316 of 16")
    assert re.search(r"[?&]offset=10\b", page.url)
    screenshot("list-page")

    page.locator("pre.json a", has_text="/api/v2/muscle/").first.click()
    assert page.locator(".request-line").inner_text() == "GET /api/v2/muscle/?limit=10"
    assert page.locator(".pagination .range").first.inner_text().startswith("1\u201310 of 16")

    page.locator(".filters").get_by_label("is_front").select_option("false")
    page.locator(".filters").get_by_label("ordering").select_option("-name")
    page.locator(".filters").get_by_role("button", name="Apply").click()
    assert "is_front=false" in page.url and "offset" not in page.url
    names = re.findall(r'"name": "([^"]+)"', page.locator("pre.json").inner_text())
    assert names and names == sorted(names, reverse=True)
    assert page.locator(".pagination .range").first.inner_text().startswith("1\u2013")

    with page.expect_navigation() as navigation:
        page.get_by_role("link", name="JSON", exact=True).click()
    assert navigation.value.headers["content-type"] == "application/json"


def test_error_pages_in_the_browser(live_server, browser_page):
    page = browser_page
    response = page.goto(f"{live_server.url}/api/v2/muscle/9999/")
    assert response.status == 404
    assert page.locator(".status").inner_text() == "HTTP 404 Not Found"
    assert "No Muscle matches the given query." in page.locator("pre.json").inner_text()
    page.get_by_role("link", name="Muscle List").click()
    assert page.locator("h1").inner_text() == "Muscle List"


def log_in(page, server, make_user):
    """Sign in through the login page, coming from the API root as a person would."""
    make_user("walker", password="walk-the-api-1")
    page.goto(f"{server.url}/api/v2/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("walker")
    page.get_by_label("Password").fill("walk-the-api-1")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{server.url}/api/v2/")
    assert page.get_by_role("button", name="Log out").count() == 1


def log_out(page, server):
    page.get_by_role("button", name="Log out").click()
    page.goto(f"{server.url}/api/v2/weightentry/")
    assert page.locator(".status").inner_text() == "HTTP 401 Unauthorized"


def test_write_walk(live_server, browser_page, screenshot, make_user):
    page = browser_page
    log_in(page, live_server, make_user)

    page.goto(f"{live_server.url}/api/v2/weightentry/")
    form = page.locator("form.schema-form")
    form.get_by_label("date").fill("2024-05-01")
    form.get_by_label("weight").fill("81.5")
    with page.expect_navigation():
        form.get_by_role("button", name="POST").click()
    assert page.locator(".status").inner_text() == "HTTP 201 Created"
    screenshot("form-page")
    pk = re.search(r'"id": (\d+)', page.locator("pre.json").inner_text())[1]

    form = page.locator("form.schema-form")
    form.get_by_label("date").fill("2024-05-02")
    form.get_by_label("weight").fill("5000")
    with page.expect_navigation():
        form.get_by_role("button", name="POST").click()
    assert page.locator(".status").inner_text() == "HTTP 400 Bad Request"
    assert page.locator(".field.has-error .error").first.is_visible()
    assert page.locator("form.schema-form").get_by_label("date").input_value() == "2024-05-02"
    screenshot("form-error")

    page.goto(f"{live_server.url}/api/v2/weightentry/{pk}/")
    assert page.locator("form.schema-form").get_by_label("weight").input_value() == "81.50"
    page.locator("details.delete summary").click()
    page.get_by_role("button", name="Yes, delete it").click()
    assert page.url == f"{live_server.url}/api/v2/weightentry/"
    assert f"DELETE /api/v2/weightentry/{pk}/" in page.locator(".notice").first.inner_text()
    assert page.goto(f"{live_server.url}/api/v2/weightentry/{pk}/").status == 404

    log_out(page, live_server)


def _post_form(page, fields):
    """Fill the page's HTML form (`field: value`, a select's value or values) and send it; return the new id."""
    form = page.locator("form.schema-form")
    for name, value in fields.items():
        control = form.locator(f"#field-{name}")
        if control.evaluate("element => element.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    with page.expect_navigation():
        form.get_by_role("button", name="POST").click()
    assert page.locator(".status").inner_text() == "HTTP 201 Created", page.locator("pre.json").inner_text()
    return re.search(r'"id": (\d+)', page.locator("pre.json").inner_text())[1]


@pytest.fixture
def squat(app):
    with app.app_context():
        base = make_base(9, muscles=(10,), muscles_secondary=(8,))
        make_translation(base, "Squat")
        db.session.commit()
        return str(base.id)


def test_workout_walk(live_server, browser_page, screenshot, make_user, squat):
    page = browser_page
    log_in(page, live_server, make_user)

    page.goto(f"{live_server.url}/api/v2/workout/")
    workout = _post_form(page, {"name": "Walked workout", "description": "Built in the browser"})
    page.goto(f"{live_server.url}/api/v2/day/")
    training = page.locator("form.schema-form #field-training")
    assert training.locator("option").all_inner_texts() == ["---------", f"{workout} \u2014 Walked workout"]
    day = _post_form(page, {"training": workout, "description": "Legs", "day": ["1", "4"]})
    assert '"day": [\n        1,\n        4\n    ]' in page.locator("pre.json").inner_text()
    page.goto(f"{live_server.url}/api/v2/set/")
    exercise_set = _post_form(page, {"exerciseday": day, "sets": "3"})
    page.goto(f"{live_server.url}/api/v2/setting/")
    _post_form(page, {"set": exercise_set, "exercise_base": squat, "reps": "5", "weight": "100", "rir": "2"})
    page.goto(f"{live_server.url}/api/v2/workoutlog/")
    _post_form(page, {"workout": workout, "exercise_base": squat, "date": "2024-05-01", "reps": "5",
                      "weight": "102.5"})
    screenshot("workout-log-form")

    page.goto(f"{live_server.url}/api/v2/workout/{workout}/canonical_representation/")
    assert page.locator(".status").inner_text() == "HTTP 200 OK"
    assert '"setting_text": "3 \u00d7 5 (100 kg, 2 RiR)"' in page.locator("pre.json").inner_text()
    page.goto(f"{live_server.url}/api/v2/workout/{workout}/log_data/?id={squat}")
    assert '"weight": "102.50"' in page.locator("pre.json").inner_text()
    screenshot("log-data-page")

    page.goto(f"{live_server.url}/api/v2/workout/{workout}/")
    page.locator("details.delete summary").click()
    page.get_by_role("button", name="Yes, delete it").click()
    for name in ("day", "set", "setting", "workoutlog"):
        page.goto(f"{live_server.url}/api/v2/{name}/")
        assert '"count": 0' in page.locator("pre.json").inner_text(), name
    log_out(page, live_server)


def test_newcomer_walk(live_server, browser_page, screenshot, make_user):
    """The first pages a person opens, from the address gunicorn prints to a script writing with the token."""
    page = browser_page
    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/api/v2/"
    assert page.locator("h1").inner_text() == "API Root"
    description = page.locator(".endpoints tr:has-text('exerciseimage') td").last
    assert description.locator("code").inner_text() == "image"
    screenshot("newcomer-root")

    page.locator(".endpoints").get_by_role("link", name="muscle", exact=True).click()
    assert page.locator("h1").inner_text() == "Muscle List"
    screenshot("newcomer-list")
    page.goto(f"{live_server.url}/api/v2/muscle/1/")
    assert page.locator("h1").inner_text() == "Muscle Instance"
    page.get_by_role("link", name="Muscle List").click()
    assert page.locator("h1").inner_text() == "Muscle List"

    page.get_by_role("link", name="Log in").click()
    assert page.locator("nav").get_by_role("link", name="Reference").count() == 1
    assert "primary" in page.get_by_role("button", name="Log in").get_attribute("class")
    screenshot("newcomer-login")
    make_user("newcomer", password="first-hour-1")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill("first-hour-1")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/user/api-key")
    assert re.fullmatch(r"[0-9a-f]{40}", page.locator("#api-key").inner_text())
    assert page.locator(".navbar .who").inner_text() == "newcomer"
    screenshot("newcomer-api-key")

    status = page.evaluate("""async () => {
        const token = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/)[1];
        const response = await fetch("/api/v2/weightentry/", {
            method: "POST", body: '{"date": "2024-05-01", "weight": "80.5"}',
            headers: {"Content-Type": "application/json", "X-CSRFToken": token}});
        return response.status;
    }""")
    assert status == 201

    page.goto(f"{live_server.url}/api/v2/schema/ui/")
    page.locator(".opblock").first.wait_for()
    seen = set()
    for _ in range(100):
        seen.update(page.locator(".opblock-summary").all_inner_texts())
        if len(seen) > 50:
            break
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(50)
    assert len(seen) > 50, "Swagger UI renders a long document's operations as they are scrolled to"
    screenshot("newcomer-swagger-ui")
