"""The OpenAPI document and the documentation pages, served by the app itself."""

import pytest
import yaml
from openapi_spec_validator import validate


def test_schema_is_openapi_3_json(client):
    response = client.get("/api/v2/schema")
    assert response.status_code == 200
    document = response.json
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "wger"
    assert "/api/v2/muscle/" in document["paths"]
    assert "/api/v2/muscle/{pk}/" in document["paths"]


def test_schema_has_no_suffix_routes(client):
    paths = client.get("/api/v2/schema").json["paths"]
    assert not [path for path in paths if ".json" in path or ".api" in path]


def test_schema_as_yaml(client):
    for response in (
        client.get("/api/v2/schema?format=yaml"),
        client.get("/api/v2/schema", headers={"Accept": "application/yaml"}),
    ):
        assert response.status_code == 200
        assert yaml.safe_load(response.get_data(as_text=True))["info"]["title"] == "wger"


def test_list_response_documents_the_page_envelope(client):
    document = client.get("/api/v2/schema").json
    ok = document["paths"]["/api/v2/muscle/"]["get"]["responses"]["200"]
    reference = ok["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    envelope = document["components"]["schemas"][reference]
    assert set(envelope["properties"]) == {"count", "next", "previous", "results"}


def test_swagger_ui_and_redoc_use_local_assets(client):
    for url in ("/api/v2/schema/ui", "/api/v2/schema/redoc"):
        page = client.get(url)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert "cdn" not in html.lower()
        assert "/static/vendor/" in html
    for asset in (
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/vendor/swagger-ui/swagger-ui.css",
        "/static/vendor/redoc/redoc.standalone.js",
    ):
        assert client.get(asset).status_code == 200


def test_schema_is_a_valid_openapi_document(client):
    validate(client.get("/api/v2/schema").json)


def test_decimals_are_documented_as_strings(client):
    weight = client.get("/api/v2/schema").json["components"]["schemas"]["WeightEntry"]["properties"]["weight"]
    assert (weight["type"], weight["format"]) == ("string", "decimal")
    assert weight["description"] == "A decimal number, at least 30.00 and at most 600.00."


@pytest.mark.parametrize("path", ["/api/v2/schema", "/api/v2/schema/ui", "/api/v2/schema/redoc"])
def test_documentation_answers_with_a_trailing_slash_too(client, path):
    without, with_slash = client.get(path), client.get(f"{path}/")
    assert with_slash.status_code == without.status_code == 200
    assert with_slash.data == without.data
