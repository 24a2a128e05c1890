"""What a person does with the browsable API in a real browser, from the root to a deleted object."""

import re

import pytest

pytestmark = pytest.mark.usefixtures("catalog")


def test_read_walk(live_server, browser_page, screenshot):
    page = browser_page
    page.goto(f"{live_server.url}/api/v2/")
    assert page.locator("h1").inner_text() == "API Root"
    assert page.locator(".endpoints .badge.public").count() == page.locator(".endpoints tbody tr").count()
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


def log_in(page, server):
    """Sign in. Until the accounts branch lands, the `signed_in` fixture stands in for the login form."""
    page.goto(f"{server.url}/api/v2/")
    assert page.get_by_role("button", name="Log out").count() == 1


def log_out(page):
    """Sign out. Until the accounts branch lands, only check that the logout form is there to press."""
    assert page.locator('form[action="/accounts/logout/"] input[name="csrf_token"]').count() == 1


@pytest.mark.usefixtures("signed_in")
def test_write_walk(writable_server, browser_page, screenshot):
    page = browser_page
    log_in(page, writable_server)

    page.goto(f"{writable_server.url}/api/v2/testweightunit/")
    form = page.locator("form.schema-form")
    form.get_by_label("name").fill("Browser cup")
    form.get_by_label("language").select_option("1")
    screenshot("form-page")
    form.get_by_role("button", name="POST").click()
    assert page.locator(".status").inner_text() == "HTTP 201 Created"
    pk = re.search(r'"id": (\d+)', page.locator("pre.json").inner_text())[1]

    form = page.locator("form.schema-form")
    form.get_by_label("name").fill("")
    form.get_by_label("language").select_option("2")
    form.get_by_role("button", name="POST").click()
    assert page.locator(".status").inner_text() == "HTTP 400 Bad Request"
    assert page.locator(".field.has-error .error").first.is_visible()
    assert page.locator("form.schema-form").get_by_label("language").input_value() == "2"
    screenshot("form-error")

    page.goto(f"{writable_server.url}/api/v2/testweightunit/{pk}/")
    assert page.locator("form.schema-form").get_by_label("name").input_value() == "Browser cup"
    page.locator("details.delete summary").click()
    page.get_by_role("button", name="Yes, delete it").click()
    assert page.url == f"{writable_server.url}/api/v2/testweightunit/"
    assert f"DELETE /api/v2/testweightunit/{pk}/" in page.locator(".notice").first.inner_text()
    assert page.goto(f"{writable_server.url}/api/v2/testweightunit/{pk}/").status == 404

    log_out(page)
