"""The browsable page: what a person exploring the API in a browser sees, on every endpoint.

The write side runs on real writable resources (weight entries, the exercise contributions) for an account
signed in through the login page, as a person is, so the session's CSRF token guards every form here.
"""

import re

import pytest
from catalog_factories import DESCRIPTION, make_base, make_translation

from wger import auth
from wger.api import browsable_forms, views
from wger.database import db
from wger.models import License, Muscle

HTML = {"Accept": "text/html"}
WEIGHT = "/api/v2/weightentry/"


def page(client, url, status=200, **kwargs):
    response = client.get(url, headers=HTML, **kwargs)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def csrf_token(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html)[1]


def test_list_page_shows_the_request_and_the_response(client, catalog):
    html = page(client, "/api/v2/muscle/?limit=2")
    assert "<h1>Muscle List</h1>" in html
    assert "The muscles exercises train, with images to overlay on the body outline." in html
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)[0]
    assert re.findall(r"<li[^>]*>(?:<a [^>]+>)?([^<]+)", crumbs) == ["API Root", "Muscle List"]
    assert "GET /api/v2/muscle/?limit=2" in html
    assert "HTTP 200 OK" in html
    assert "<b>Allow:</b> GET, HEAD, OPTIONS" in html
    assert "<b>Vary:</b> Accept" in html
    assert "<b>Content-Type:</b> application/json" in html
    assert '<span class="string">&#34;Anterior deltoid&#34;</span>' in html


def test_detail_page_has_breadcrumbs_to_its_list(client, catalog):
    html = page(client, "/api/v2/muscle/1.api/")
    assert '<li><a href="/api/v2/muscle/">Muscle List</a></li>' in html
    assert '<li aria-current="page">Muscle Instance</li>' in html
    assert "GET /api/v2/muscle/1.api/" in html
    assert "Biceps brachii" in html


def test_urls_in_the_body_are_links(client, catalog):
    html = page(client, "/api/v2/muscle/?limit=2")
    assert '<a href="http://localhost/api/v2/muscle/?limit=2&amp;offset=2" rel="nofollow">' in html
    assert '<a href="/static/images/muscles/main/muscle-2.svg" rel="nofollow">' in html


def test_urls_inside_longer_strings_are_links_but_nothing_else_is(app, client, catalog):
    with app.app_context():
        db.session.add(License(id=90, full_name="<i>see</i> https://example.org/a?b=1&c=2 for <terms>",
                               short_name="x", url="javascript:alert(1)"))
        db.session.commit()
    html = page(client, "/api/v2/license/90/")
    link = "https://example.org/a?b=1&amp;c=2"
    assert f'&lt;i&gt;see&lt;/i&gt; <a href="{link}" rel="nofollow">{link}</a> for &lt;terms&gt;' in html
    assert "<i>" not in html
    assert 'href="javascript' not in html


def test_stored_markup_is_shown_as_text(app, client, catalog):
    with app.app_context():
        db.session.add(Muscle(id=90, name='<script>alert("x")</script>', name_en="<b>bold</b>", is_front=True))
        db.session.commit()
    for url in ("/api/v2/muscle/90/", "/api/v2/muscle/?name=<script>alert(\"x\")</script>"):
        html = page(client, url)
        assert "<script" not in html
        assert "<b>bold" not in html
        assert "&lt;script&gt;" in html


def test_pagination_controls(client, catalog):
    html = page(client, "/api/v2/muscle/?limit=5&offset=5&ordering=id")
    assert "6\u201310 of 16 · page 2 of 4" in html
    assert 'rel="first" href="/api/v2/muscle/?limit=5&amp;ordering=id"' in html
    assert 'rel="prev" href="/api/v2/muscle/?limit=5&amp;ordering=id"' in html
    assert 'rel="next" href="/api/v2/muscle/?limit=5&amp;ordering=id&amp;offset=10"' in html
    assert 'rel="last" href="/api/v2/muscle/?limit=5&amp;ordering=id&amp;offset=15"' in html
    assert '<option value="5" selected>5</option>' in html
    assert '<input type="hidden" name="ordering" value="id">' in html


def test_first_page_has_no_backward_links(client, catalog):
    html = page(client, "/api/v2/muscle/")
    assert 'rel="first"' not in html and 'rel="prev"' not in html
    assert "1\u201316 of 16 · page 1 of 1" in html


def test_filters_panel_lists_filters_and_ordering(client, catalog):
    html = page(client, "/api/v2/muscle/?is_front=true&ordering=-name&limit=5")
    assert '<aside class="filters"' in html
    assert 'name="name" type="text" value=""' in html
    assert '<option value="true" selected>true</option>' in html
    assert '<option value="-name" selected>name (descending)</option>' in html
    assert '<option value="is_front">is_front (ascending)</option>' in html
    assert '<input type="hidden" name="limit" value="5">' in html
    assert 'href="/api/v2/muscle/?limit=5">Clear</a>' in html


def test_filter_on_a_foreign_key_is_a_select(client, catalog):
    html = page(client, "/api/v2/weightunit/?language=2")
    assert '<select id="filter-language" name="language">' in html
    assert re.search(r'<option value="2" selected>2 — \w+</option>', html)


def test_detail_pages_have_no_filters(client, catalog):
    assert '<aside class="filters"' not in page(client, "/api/v2/muscle/1/")


def test_format_switch_and_site_links(client, catalog):
    html = page(client, "/api/v2/muscle/?limit=2")
    assert 'href="/api/v2/muscle/?limit=2&amp;format=json">JSON</a>' in html
    assert 'href="/api/v2/muscle/?limit=2&amp;format=api">API</a>' in html
    assert 'href="/api/v2/schema/ui"' in html
    assert 'href="/user/login?next=/api/v2/muscle/?limit%3D2">Log in</a>' in html
    assert "Log out" not in html and "/user/api-key" not in html


def test_signed_in_person_gets_logout_and_api_key_links(client, catalog, signed_in):
    html = page(client, "/api/v2/muscle/")
    assert '<form class="inline" method="post" action="/user/logout">' in html
    assert 'href="/user/api-key"' in html
    assert "tester" in html
    assert "Log in" not in html


def test_pages_use_local_assets_only(client, catalog):
    html = page(client, "/api/v2/")
    assert "/static/css/browsable.css" in html
    assert client.get("/static/css/browsable.css").status_code == 200
    assert not re.search(r'<(link|script|img|iframe)[^>]+(src|href)="(https?:)?//', html)


def test_pages_forbid_scripts_and_foreign_origins(client, catalog):
    response = client.get("/api/v2/muscle/", headers=HTML)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_root_page_lists_every_endpoint(client, catalog, monkeypatch):
    monkeypatch.setattr(views.registry[0].access, "private", True)
    html = page(client, "/api/v2/")
    assert "<h1>API Root</h1>" in html
    for name in client.get("/api/v2/").json:
        assert f'>{name}</a>' in html
    rows = re.findall(r'<tr>\s*<td><a href="([^"]+)">([^<]+)</a>.*?class="badge (\w+)"', html, re.S)
    assert (views.registry[0].name, "private") in {(name, access) for _, name, access in rows}
    assert ("/api/v2/muscle/", "muscle", "public") in rows


def test_descriptions_show_inline_code(client, catalog):
    html = page(client, "/api/v2/exercisecomment/")
    assert "<code>?language=&lt;id&gt;</code> keeps one language" in html
    root = page(client, "/api/v2/")
    assert "(multipart upload of the <code>image</code> file)" in root
    assert "`" not in re.search(r'<section class="endpoints".*?</section>', root, re.S)[0]


def test_descriptions_let_no_other_markup_through(client, catalog, monkeypatch):
    resource = next(item for item in views.registry if item.name == "muscle")
    monkeypatch.setattr(resource, "description", "Say <b>`<i>x</i>`</b> and `` twice\n\n<script>1</script>")
    html = page(client, "/api/v2/muscle/")
    assert "<p>Say &lt;b&gt;<code>&lt;i&gt;x&lt;/i&gt;</code>&lt;/b&gt; and `` twice</p>" in html
    assert "<p>&lt;script&gt;1&lt;/script&gt;</p>" in html


@pytest.mark.parametrize(
    ("url", "status", "detail"),
    [
        ("/api/v2/nowhere/", 404, "Not found."),
        ("/api/v2/muscle/999/", 404, "No Muscle matches the given query."),
        ("/api/v2/muscle/?format=xml", 404, "Not found."),
    ],
)
def test_errors_are_pages_with_the_real_status(client, catalog, url, status, detail):
    html = page(client, url, status=status)
    assert f"HTTP {status}" in html
    assert f'<span class="string">&#34;{detail}&#34;</span>' in html


def test_405_is_a_page_with_allow(client, catalog):
    response = client.delete("/api/v2/muscle/1/", headers=HTML)
    assert response.status_code == 405
    assert response.mimetype == "text/html"
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    html = response.get_data(as_text=True)
    assert "Method \\&#34;DELETE\\&#34; not allowed." in html
    assert "<b>Allow:</b> GET, HEAD, OPTIONS" in html


@pytest.mark.parametrize(
    ("status", "detail"),
    [
        (401, "Authentication credentials were not provided."),
        (403, "You do not have permission to perform this action."),
    ],
)
def test_auth_errors_are_pages(client, catalog, monkeypatch, status, detail):
    from flask_smorest import abort

    def refuse(resource):
        if status == 401:
            auth.require_user()
        abort(status)

    monkeypatch.setattr(views, "list_page", refuse)
    html = page(client, "/api/v2/muscle/", status=status)
    assert detail in html
    if status == 401:
        assert '<b>WWW-Authenticate:</b> Bearer realm=&#34;api&#34;' in html
        assert "needs you to be signed in" in html


@pytest.mark.parametrize("url", ["/api/v2/muscle/", WEIGHT])
def test_wrong_credentials_get_a_page_for_a_visitor(client, catalog, caplog, url):
    """A 401 on public endpoints too: credentials are checked first, as the original does."""
    response = client.get(url, headers={**HTML, "Authorization": "Bearer not-a-token"})
    assert (response.status_code, response.mimetype) == (401, "text/html")
    assert 'href="/user/login?next=' in response.get_data(as_text=True)
    assert "Could not render" not in caplog.text


def test_a_session_write_without_the_csrf_token_is_a_403_page(client, signed_in, caplog):
    response = client.post(WEIGHT, json={"date": "2024-03-01", "weight": 80}, headers=HTML)
    assert (response.status_code, response.mimetype) == (403, "text/html")
    assert "CSRF Failed: The CSRF token is missing." in response.get_data(as_text=True)
    assert "Could not render" not in caplog.text
    assert client.get(WEIGHT).json["count"] == 0


def test_500_is_a_page_without_internals(client, catalog, monkeypatch):
    def explode(resource):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views, "list_page", explode)
    response = client.get("/api/v2/muscle/", headers=HTML)
    assert response.status_code == 500
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "A server error occurred." in html
    assert response.headers["X-Request-ID"] in html
    assert "secret internals" not in html


@pytest.fixture
def squat(app, catalog):
    """An exercise base (Legs; quadriceps; barbell) with its English translation, as ids."""
    with app.app_context():
        base = make_base(9, muscles=(10,), equipment=(1,))
        translation = make_translation(base, "Squat")
        db.session.commit()
        return {"base": base.id, "translation": translation.id}


def send_json(client, method, url, body):
    """A JSON write from the signed-in session, with the CSRF token its pages carry."""
    token = csrf_token(page(client, WEIGHT))
    return getattr(client, method)(url, json=body, headers={"X-CSRFToken": token})


def add_weight(client, date="2024-03-01", weight="80.50"):
    response = send_json(client, "post", WEIGHT, {"date": date, "weight": weight})
    assert response.status_code == 201
    return response.json


def widget(html, name):
    """The HTML of one field of the schema form."""
    return re.search(rf'<label for="field-{name}">.*?</div>', html, re.S)[0]


def test_anonymous_visitors_get_no_forms(client, catalog):
    html = page(client, "/api/v2/exercise-base/")
    assert "_method" not in html and "csrf_token" not in html
    assert "Set-Cookie" not in client.get("/api/v2/exercise-base/", headers=HTML).headers


def test_read_only_endpoints_get_no_forms(client, catalog, signed_in):
    html = page(client, "/api/v2/muscle/1/")
    assert 'name="_method"' not in html and 'class="schema-form"' not in html


def test_list_page_offers_a_post_form(client, signed_in):
    html = page(client, WEIGHT)
    assert '<input type="hidden" name="_method" value="POST">' in html
    assert '<a class="button" href="#forms">' in html
    assert '<label for="field-date">date <abbr title="required">*</abbr></label>' in html
    assert '<button type="submit" name="_method" value="POST" class="primary">POST</button>' in html
    assert "DELETE" not in html


@pytest.mark.parametrize(("name", "field", "markup"), [
    pytest.param("exercise-base", "category", ['<select id="field-category" name="category">',
                                               '<option value="">---------</option>',
                                               '<option value="8">8 — Arms</option>'], id="foreign key"),
    pytest.param("exercise-base", "muscles", ['<select id="field-muscles" name="muscles" multiple size="6">',
                                              '<option value="1">1 — Biceps brachii</option>'], id="many-to-many"),
    pytest.param("exerciseimage", "style", ['<select id="field-style" name="style">',
                                            '<option value="4">4</option>'], id="choice"),
    pytest.param("exerciseimage", "is_main", ['<input type="hidden" name="is_main" value="false">',
                                              '<input id="field-is_main" type="checkbox" name="is_main" value="true">'],
                 id="boolean"),
    pytest.param("weightentry", "date", ['<input id="field-date" type="date" name="date" value="">'], id="date"),
    pytest.param("weightentry", "weight",
                 ['<input id="field-weight" type="number" name="weight" value="" min="30" max="600" step="0.01">'],
                 id="decimal with a range"),
    pytest.param("exercise-translation", "name",
                 ['<label for="field-name">name <abbr title="required">*</abbr></label>',
                  '<input id="field-name" type="text" name="name" value="" maxlength="200">'], id="bounded text"),
    pytest.param("exerciseimage", "license_author",
                 ['<label for="field-license_author">license_author</label>',
                  '<input id="field-license_author" type="text" name="license_author" value="" maxlength="3500">'],
                 id="optional text"),
])
def test_each_kind_of_field_gets_its_input(client, catalog, signed_in, name, field, markup):
    html = widget(page(client, f"/api/v2/{name}/"), field)
    for piece in markup:
        assert piece in html


def test_large_tables_get_an_id_input_instead_of_a_select(client, catalog, signed_in, monkeypatch):
    monkeypatch.setattr(browsable_forms, "SELECT_LIMIT", 3)
    html = page(client, "/api/v2/exercise-base/")
    assert '<select id="field-category"' not in html
    assert 'type="number" name="category" value="" step="1" min="1">' in widget(html, "category")
    assert "More than 3 to list: enter an id</small>" in widget(html, "category")
    assert "(several ids go through the raw data form)" in widget(html, "muscles")
    assert '<select id="field-variations" name="variations">' in html


def test_detail_page_offers_put_patch_and_delete(client, signed_in):
    entry = add_weight(client)
    html = page(client, f"{WEIGHT}{entry['id']}/")
    assert '<input type="hidden" name="_method" value="PUT">' in html
    assert 'name="date" value="2024-03-01"' in html
    assert 'name="weight" value="80.50"' in html
    assert 'name="_method" value="PATCH"' in html
    assert '<input type="hidden" name="_method" value="DELETE">' in html
    assert "&#34;weight&#34;: &#34;80.50&#34;" in html


def test_detail_form_selects_the_current_choices(client, squat, signed_in):
    html = page(client, f"/api/v2/exercise-base/{squat['base']}/")
    assert re.findall(r'<option value="(\d+)" selected>', widget(html, "category")) == ["9"]
    assert re.findall(r'<option value="(\d+)" selected>', widget(html, "muscles")) == ["10"]
    assert re.findall(r'<option value="(\d+)" selected>', widget(html, "muscles_secondary")) == []
    assert re.findall(r'<option value="(\d+)" selected>', widget(html, "equipment")) == ["1"]


def test_html_form_creates_an_object(client, signed_in):
    token = csrf_token(page(client, WEIGHT))
    response = client.post(WEIGHT, headers=HTML, data={
        "_method": "POST", "csrf_token": token, "date": "2024-03-01", "weight": "80.5"})
    assert response.status_code == 201
    assert response.mimetype == "text/html"
    assert "POST /api/v2/weightentry/" in response.get_data(as_text=True)
    (entry,) = client.get(WEIGHT).json["results"]
    assert entry == {"id": entry["id"], "date": "2024-03-01", "weight": "80.50", "user": signed_in.id}


def test_html_form_sends_every_chosen_id_of_a_many_to_many(client, catalog, signed_in):
    signed_in.is_trustworthy = True
    token = csrf_token(page(client, "/api/v2/exercise-base/"))
    response = client.post("/api/v2/exercise-base/", data={
        "_method": "POST", "csrf_token": token, "category": "9", "muscles": ["4", "2"], "variations": "",
        "license_author": ""})
    assert response.status_code == 201
    assert (response.json["category"], response.json["muscles"], response.json["equipment"]) == (9, [2, 4], [])


def test_form_errors_are_shown_beside_the_fields(client, squat, signed_in):
    signed_in.is_trustworthy = True
    url = "/api/v2/exercise-translation/"
    token = csrf_token(page(client, url))
    response = client.post(url, headers=HTML, data={
        "_method": "POST", "csrf_token": token, "name": "<b>Kniebeuge</b>", "exercise_base": str(squat["base"]),
        "language": "999", "description": DESCRIPTION})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert '<span class="error" role="alert">Invalid pk &#34;999&#34; - object does not exist.</span>' in widget(
        html, "language")
    assert 'name="name" value="&lt;b&gt;Kniebeuge&lt;/b&gt;"' in html
    assert [item["name"] for item in client.get(url).json["results"]] == ["Squat"]


def test_a_refused_form_keeps_every_chosen_id(client, catalog, signed_in):
    signed_in.is_trustworthy = True
    token = csrf_token(page(client, "/api/v2/exercise-base/"))
    response = client.post("/api/v2/exercise-base/", headers=HTML, data={
        "_method": "POST", "csrf_token": token, "category": "999", "muscles": ["4", "2"], "variations": ""})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Invalid pk &#34;999&#34; - object does not exist." in widget(html, "category")
    assert re.findall(r'<option value="(\d+)" selected>', widget(html, "muscles")) == ["2", "4"]


def test_blank_required_field_is_missing(client, signed_in):
    token = csrf_token(page(client, WEIGHT))
    response = client.post(WEIGHT, headers=HTML, data={
        "_method": "POST", "csrf_token": token, "date": "", "weight": "80"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(r'field has-error">\s*<label for="field-date">', html)
    assert '<span class="error" role="alert">This field is required.</span>' in widget(html, "date")
    assert client.get(WEIGHT).json["count"] == 0


def test_raw_json_form_replaces_and_patches(client, signed_in):
    entry = add_weight(client)
    url = f"{WEIGHT}{entry['id']}/"
    token = csrf_token(page(client, url))
    response = client.post(url, headers=HTML, data={
        "_method": "PUT", "csrf_token": token, "_content_type": "application/json",
        "_content": '{"date": "2024-03-02", "weight": 81}'})
    assert response.status_code == 200
    assert f"PUT {url}" in response.get_data(as_text=True)
    response = client.post(url, data={"_method": "PATCH", "csrf_token": token, "_content": '{"weight": "79.25"}'})
    assert response.status_code == 200
    assert response.json == {"id": entry["id"], "date": "2024-03-02", "weight": "79.25", "user": signed_in.id}


def test_raw_form_errors_are_listed_under_the_content(client, signed_in):
    entry = add_weight(client)
    url = f"{WEIGHT}{entry['id']}/"
    token = csrf_token(page(client, url))
    response = client.post(url, headers=HTML, data={
        "_method": "PATCH", "csrf_token": token, "_content": '{"weight": "x"}'})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "<li>weight: A valid number is required.</li>" in html
    assert "{&#34;weight&#34;: &#34;x&#34;}</textarea>" in html
    assert client.get(url).json == entry


def test_delete_button_deletes_and_returns_to_the_list(client, signed_in):
    entry = add_weight(client)
    url = f"{WEIGHT}{entry['id']}/"
    token = csrf_token(page(client, url))
    response = client.post(url, headers=HTML, data={"_method": "DELETE", "csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"] == WEIGHT
    assert client.get(url).status_code == 404
    html = page(client, WEIGHT)
    assert f"DELETE {url} → 204 No Content" in html


@pytest.mark.parametrize("token", [None, "", "forged"])
def test_form_submissions_need_the_csrf_token(client, signed_in, token):
    entry = add_weight(client)
    url = f"{WEIGHT}{entry['id']}/"
    data = {"_method": "DELETE"} | ({"csrf_token": token} if token is not None else {})
    response = client.post(url, data=data)
    assert response.status_code == 403
    assert response.json == {"detail": "CSRF Failed: CSRF token missing or incorrect."}
    assert client.get(url).json == entry


def test_csrf_token_may_come_as_a_header(client, signed_in):
    entry = add_weight(client)
    url = f"{WEIGHT}{entry['id']}/"
    token = csrf_token(page(client, WEIGHT))
    response = client.post(url, data={"_method": "DELETE"}, headers={"X-CSRFToken": token})
    assert response.status_code == 204
    assert client.get(url).status_code == 404
    assert client.get(WEIGHT).json["count"] == 0


def test_ordinary_form_posts_are_not_rewritten(client, make_user, auth_headers):
    make_user("poster")
    response = client.post(WEIGHT, data={"date": "2024-03-01", "weight": "80"}, headers=auth_headers("poster"))
    assert response.status_code == 201
    assert (response.json["date"], response.json["weight"]) == ("2024-03-01", "80.00")


def test_stored_markup_through_the_api_renders_as_text(client, squat, signed_in):
    signed_in.is_trustworthy = True
    created = send_json(client, "post", "/api/v2/exercisealias/",
                        {"exercise": squat["translation"], "alias": "<script>alert(1)</script>"})
    assert created.status_code == 201
    for url in (f"/api/v2/exercisealias/{created.json['id']}/", "/api/v2/exercisealias/"):
        html = page(client, url)
        assert "<script" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
