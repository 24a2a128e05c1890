"""Charts and photo uploads in a real browser: drawn without scripts under the page's CSP, sent as files."""

import datetime as dt
import io
import re

import pytest
from PIL import Image

from wger.database import db
from wger.models import Ingredient

pytestmark = pytest.mark.usefixtures("catalog")


PASSWORD = "draw-the-charts-1"


def _log_in(page, server, username):
    page.goto(f"{server.url}/user/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _csp_violations(page):
    messages = []
    page.on("console", lambda message: messages.append(message.text)
            if "Content Security Policy" in message.text else None)
    return messages


def _post(client, headers, resource, **body):
    response = client.post(f"/api/v2/{resource}/", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return response.json["id"]


@pytest.fixture
def history(app, make_user, auth_headers):
    """A plan with two meals, a month of diary, weight entries and two measurement categories."""
    make_user("history", password=PASSWORD)
    headers = auth_headers("history")
    client = app.test_client()
    with app.app_context():
        oats = Ingredient(name="Oats", language_id=2, energy=379, protein=13, carbohydrates=68, fat=7)
        db.session.add(oats)
        db.session.commit()
        oats_id = oats.id
    plan = _post(client, headers, "nutritionplan", description="Cut")
    for time, amount in (("07:30", 80), ("12:30", 150)):
        meal = _post(client, headers, "meal", plan=plan, time=time)
        _post(client, headers, "mealitem", meal=meal, ingredient=oats_id, amount=amount)
    start = dt.date(2024, 3, 1)
    biceps = _post(client, headers, "measurement-category", name="Biceps", unit="cm")
    waist = _post(client, headers, "measurement-category", name="Waist", unit="cm")
    for day in range(30):
        date = start + dt.timedelta(days=day)
        _post(client, headers, "nutritiondiary", plan=plan, ingredient=oats_id, amount=100 + day * 5,
              datetime=f"{date.isoformat()}T08:00:00Z")
        if day % 3 == 0:
            _post(client, headers, "weightentry", date=date.isoformat(), weight=f"{82 - day / 10:.2f}")
            _post(client, headers, "measurement", category=biceps, date=date.isoformat(), value=35 + day / 20)
            _post(client, headers, "measurement", category=waist, date=date.isoformat(), value=90 - day / 10)
    return {"plan": plan}


def test_charts_are_drawn_without_scripts(live_server, browser_page, screenshot, history):
    page = browser_page
    violations = _csp_violations(page)
    _log_in(page, live_server, "history")
    for url, titles in (
        ("/api/v2/weightentry/", ["Body weight"]),
        ("/api/v2/measurement/", ["Biceps", "Waist"]),
        ("/api/v2/nutritiondiary/", ["Energy per day", "Macronutrients per day"]),
        (f"/api/v2/nutritionplaninfo/{history['plan']}/", ["Energy from protein, carbohydrates and fat"]),
    ):
        page.goto(f"{live_server.url}{url}")
        captions = page.locator(".chart figcaption").all_inner_texts()
        assert [caption.split(" (")[0] for caption in captions] == titles
        assert page.locator(".chart svg").first.bounding_box()["height"] > 30
        screenshot("chart-" + re.sub(r"\W+", "-", url.strip("/")))
    assert violations == []


def test_a_photo_is_uploaded_through_the_form(live_server, browser_page, make_user, tmp_path):
    page = browser_page
    make_user("photographer", password=PASSWORD)
    _log_in(page, live_server, "photographer")
    photo = tmp_path / "progress.png"
    Image.new("RGB", (12, 8), "green").save(photo)
    page.goto(f"{live_server.url}/api/v2/gallery/")
    form = page.locator("form.schema-form")
    form.get_by_label("image").set_input_files(str(photo))
    form.get_by_label("description").fill("Week one")
    with page.expect_navigation():
        form.get_by_role("button", name="POST").click()
    assert page.locator(".status").inner_text() == "HTTP 201 Created"
    body = page.locator("pre.json").inner_text()
    assert '"width": 12' in body and '"height": 8' in body
    image_url = re.search(r'"image": "([^"]+)"', body)[1]
    served = page.request.get(image_url)
    assert served.status == 200
    assert Image.open(io.BytesIO(served.body())).size == (12, 8)
