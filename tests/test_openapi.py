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


def test_errors_are_documented_in_the_shapes_served(client):
    document = client.get("/api/v2/schema").json
    assert document["components"]["schemas"]["Detail"]["required"] == ["detail"]
    bad_request = document["components"]["responses"]["BAD_REQUEST"]["content"]["application/json"]["schema"]
    assert bad_request == {"anyOf": [{"$ref": "#/components/schemas/FieldErrors"},
                                     {"$ref": "#/components/schemas/Detail"}]}
    field_errors = document["components"]["schemas"]["FieldErrors"]
    assert field_errors["additionalProperties"] == {"type": "array", "items": {"type": "string"}}
    not_found = document["components"]["responses"]["NOT_FOUND"]["content"]["application/json"]["schema"]
    assert not_found == {"$ref": "#/components/schemas/Detail"}
    assert "UNPROCESSABLE_ENTITY" not in document["components"]["responses"]


def test_every_operation_documents_the_503_of_an_unavailable_database(client):
    document = client.get("/api/v2/schema").json
    unavailable = document["components"]["responses"]["SERVICE_UNAVAILABLE"]["content"]["application/json"]["schema"]
    assert unavailable == {"$ref": "#/components/schemas/Detail"}
    answered_without_the_database = {"/api/v2/", "/api/v2/version/", "/api/v2/min-app-version/"}
    operations = [(path, method, operation) for path, item in document["paths"].items()
                  for method, operation in item.items()
                  if method != "parameters" and path not in answered_without_the_database]
    assert len(operations) > 100
    assert [(path, method) for path, method, operation in operations if "503" not in operation["responses"]] == []


def test_private_operations_document_their_refusals_and_security(client):
    paths = client.get("/api/v2/schema").json["paths"]
    authenticated = [{"jwtAuth": []}, {"tokenAuth": []}, {"sessionAuth": []}]
    for method in ("get", "put", "patch", "delete"):
        operation = paths["/api/v2/weightentry/{pk}/"][method]
        assert {"400", "401", "404", "406"} <= set(operation["responses"]), method
        assert operation["security"] == authenticated
    assert {"413", "415"} <= set(paths["/api/v2/weightentry/"]["post"]["responses"])
    public = paths["/api/v2/muscle/"]["get"]
    assert ("401" in public["responses"], public["security"]) == (True, [])  # wrong credentials are refused
    contributed = paths["/api/v2/exercise-translation/"]
    assert ("403" in contributed["get"]["responses"], "403" in contributed["post"]["responses"]) == (False, True)


def test_actions_are_documented_from_their_declaration(client):
    paths = client.get("/api/v2/schema").json["paths"]
    values = paths["/api/v2/ingredient/{pk}/get_values/"]["get"]
    assert values["summary"] == "Compute the nutritional values of an amount of an ingredient"
    assert {parameter["name"] for parameter in values["parameters"]} == {"amount", "unit", "ingredient"}
    assert values["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/NutritionalValues"}
    assert "404" in values["responses"]
    search = paths["/api/v2/exercise/search/"]["get"]
    assert "404" not in search["responses"]
    thumbnails = paths["/api/v2/exerciseimage/{pk}/thumbnails/"]["get"]["responses"]
    assert "404" not in thumbnails
    assert thumbnails["200"]["content"]["application/json"]["schema"]["anyOf"][1] == {"type": "array", "maxItems": 0}


def test_security_schemes_name_the_three_ways_to_authenticate(client):
    schemes = client.get("/api/v2/schema").json["components"]["securitySchemes"]
    assert schemes["jwtAuth"] == {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                                  "description": schemes["jwtAuth"]["description"]}
    assert (schemes["tokenAuth"]["in"], schemes["tokenAuth"]["name"]) == ("header", "Authorization")
    assert (schemes["sessionAuth"]["in"], schemes["sessionAuth"]["name"]) == ("cookie", "session")


def test_relations_are_documented_as_ids(client):
    schemas = client.get("/api/v2/schema").json["components"]["schemas"]
    assert schemas["Setting"]["properties"]["set"] == {"type": "integer"}
    assert schemas["Day"]["properties"]["day"] == {"type": "array", "items": {"type": "integer"}}
    assert schemas["WeightEntry"]["properties"]["user"] == {"type": "integer", "readOnly": True}


def test_the_token_operations_document_simplejwts_refusals(client):
    spec = client.get("/api/v2/schema").json
    assert spec["components"]["schemas"]["Detail"]["properties"] == {
        "detail": {"type": "string"}, "code": {"type": "string"},
        "messages": {"type": "array", "items": {"type": "object", "additionalProperties": {"type": "string"}}},
    }
    unauthorized = spec["components"]["responses"]["UNAUTHORIZED"]["content"]["application/json"]["schema"]
    assert unauthorized == {"$ref": "#/components/schemas/Detail"}
    for path in ("/api/v2/token", "/api/v2/token/refresh", "/api/v2/token/verify"):
        assert {"400", "401"} <= set(spec["paths"][path]["post"]["responses"])
    obtain = spec["components"]["schemas"]["TokenObtain"]
    assert list(obtain["properties"]) == ["username", "email", "password"]
    assert "email address" in obtain["properties"]["username"]["description"]


def test_check_permission_documents_both_of_its_400_bodies(client):
    spec = client.get("/api/v2/schema").json
    refusal = spec["paths"]["/api/v2/check-permission/"]["get"]["responses"]["400"]["content"]["application/json"]
    assert refusal["schema"] == {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/FieldErrors"}]}
