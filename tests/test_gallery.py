"""Progress photos through HTTP: multipart uploads only, sizes read from the image, private files."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from catalog_factories import make_ingredient, png, png_declaring
from PIL import Image

from wger.database import db
from wger.models import IngredientImage

URL = "/api/v2/gallery/"


@pytest.fixture
def owner(make_user, auth_headers):
    make_user("owner")
    return auth_headers("owner")


@pytest.fixture
def other(make_user, auth_headers):
    make_user("other")
    return auth_headers("other")


def upload(client, headers, status=201, **fields):
    data = {"image": (png(8, 5), "progress.png"), **fields}
    response = client.post(URL, data=data, headers=headers)
    assert response.status_code == status, response.json
    return response.json


def stored_file(app, url):
    return Path(app.config["MEDIA_FOLDER"]) / url.split("/media/", 1)[1]


def test_an_upload_returns_the_contract_fields_with_the_images_size(client, owner):
    photo = upload(client, owner, description="Week 1")
    assert list(photo) == ["id", "date", "image", "description", "height", "width"]
    assert (photo["width"], photo["height"], photo["description"]) == (8, 5, "Week 1")
    assert photo["date"] == dt.datetime.now(dt.UTC).date().isoformat()
    assert photo["image"].startswith("http://localhost/media/gallery/")
    assert photo["image"].endswith(".png")


def test_json_is_an_unsupported_media_type(client, owner):
    response = client.post(URL, json={"description": "no file"}, headers=owner)
    assert response.status_code == 415
    assert response.json == {"detail": 'Unsupported media type "application/json" in request.'}
    photo = upload(client, owner)
    assert client.patch(f"{URL}{photo['id']}/", json={"description": "x"}, headers=owner).status_code == 415


def test_options_say_only_forms_are_read(client, owner):
    assert client.options(URL, headers=owner).json["parses"] == [
        "multipart/form-data", "application/x-www-form-urlencoded"]


def test_the_openapi_document_describes_a_multipart_body(client):
    operation = client.get("/api/v2/schema").json["paths"][URL]["post"]
    assert list(operation["requestBody"]["content"]) == ["multipart/form-data"]


def test_a_file_that_is_not_an_image_is_a_field_error(client, owner):
    response = client.post(URL, data={"image": (io.BytesIO(b"GIF89a but not really"), "x.gif")}, headers=owner)
    assert response.status_code == 400
    assert response.json == {"image": [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."]}


@pytest.mark.parametrize("size", [(60_000, 60_000), (10_000, 10_000)])
def test_an_image_declaring_too_many_pixels_is_a_field_error(app, client, owner, size):
    """60,000 x 60,000 trips Pillow's decompression-bomb error; 10,000 x 10,000 only its warning, which is
    refused all the same: its thumbnails would need gigabytes."""
    response = client.post(URL, data={"image": (png_declaring(*size), "bomb.png")}, headers=owner)
    assert response.status_code == 400
    assert response.json == {"image": ["The image has too many pixels: at most 89478485 are accepted."]}
    assert client.get(URL, headers=owner).json["count"] == 0


def test_a_missing_image_is_required(client, owner):
    response = client.post(URL, data={"description": "no file"}, headers=owner)
    assert response.status_code == 400
    assert response.json == {"image": ["This field is required."]}


def test_an_image_above_the_size_limit_is_413(app, client, owner, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_IMAGE_SIZE", 100)
    response = client.post(URL, data={"image": (png(300, 300), "big.png")}, headers=owner)
    assert response.status_code == 413
    assert list(response.json) == ["detail"]


def test_the_newest_photo_comes_first_and_dates_filter(client, owner):
    for day in ("2024-01-01", "2024-03-01", "2024-02-01"):
        upload(client, owner, date=day)
    listing = client.get(URL, headers=owner).json
    assert [photo["date"] for photo in listing["results"]] == ["2024-03-01", "2024-02-01", "2024-01-01"]
    assert client.get(f"{URL}?date=2024-02-01", headers=owner).json["count"] == 1


def test_the_file_is_served_to_its_owner_only(client, owner, other):
    photo = upload(client, owner)
    path = photo["image"].removeprefix("http://localhost")
    served = client.get(path, headers=owner)
    assert served.status_code == 200
    assert Image.open(io.BytesIO(served.data)).size == (8, 5)
    assert "private" in served.headers["Cache-Control"]
    assert client.get(path, headers=other).status_code == 404
    assert client.get(path).status_code == 404


def test_a_detour_through_a_public_folder_does_not_reach_a_private_file(client, owner):
    photo = upload(client, owner)
    inside = photo["image"].split("/media/", 1)[1]
    assert client.get(f"/media/exercise-images/../{inside}").status_code == 404
    assert client.get(f"/media/exercise-images/../{inside}", headers=owner).status_code == 200


def test_catalog_images_stay_public(app, client, catalog):
    folder = Path(app.config["MEDIA_FOLDER"]) / "ingredients"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "oats.png").write_bytes(png().getvalue())
    with app.app_context():
        oats = make_ingredient("Rolled oats")
        db.session.add(IngredientImage(ingredient=oats, image="ingredients/oats.png", width=4, height=3))
        db.session.commit()
    assert client.get("/media/ingredients/oats.png").status_code == 200


def test_deleting_a_photo_deletes_its_file(app, client, owner):
    photo = upload(client, owner)
    file = stored_file(app, photo["image"])
    assert file.is_file()
    assert client.delete(f"{URL}{photo['id']}/", headers=owner).status_code == 204
    assert not file.exists()


def test_replacing_the_image_deletes_the_old_file_and_a_failed_change_keeps_it(app, client, owner):
    photo = upload(client, owner)
    old_file = stored_file(app, photo["image"])
    refused = client.patch(f"{URL}{photo['id']}/", headers=owner,
                           data={"image": (png(6, 6), "new.png"), "description": "x" * 1001})
    assert refused.status_code == 400
    assert old_file.is_file()
    replaced = client.patch(f"{URL}{photo['id']}/", data={"image": (png(6, 6), "new.png")}, headers=owner)
    assert replaced.status_code == 200
    assert (replaced.json["width"], replaced.json["height"]) == (6, 6)
    assert not old_file.exists()
    assert stored_file(app, replaced.json["image"]).is_file()


def test_a_description_change_keeps_the_image(client, owner):
    photo = upload(client, owner)
    patched = client.patch(f"{URL}{photo['id']}/", data={"description": "Week 2"}, headers=owner)
    assert patched.status_code == 200
    assert (patched.json["image"], patched.json["description"]) == (photo["image"], "Week 2")


def test_another_users_photo_is_a_404_naming_the_image(client, owner, other):
    photo = upload(client, owner)
    response = client.get(f"{URL}{photo['id']}/", headers=other)
    assert response.status_code == 404
    assert response.json == {"detail": "No Image matches the given query."}


def test_a_photo_that_cannot_be_saved_leaves_no_file(app, client, make_user, auth_headers, monkeypatch):
    user_id = make_user("unlucky")
    monkeypatch.setattr("wger.api.resource.Resource.check_unique", _refuse)
    response = client.post(URL, data={"image": (png(), "a.png")}, headers=auth_headers("unlucky"))
    assert response.status_code == 400
    folder = Path(app.config["MEDIA_FOLDER"]) / "gallery" / str(user_id)
    assert [path.name for path in folder.glob("*")] == []


def _refuse(resource, obj):
    from marshmallow import ValidationError

    raise ValidationError({"non_field_errors": ["refused"]})


HTML = {"Accept": "text/html"}


def _form_token(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html)[1]


def test_the_browsable_form_uploads_a_file(client, make_user, log_in):
    make_user("owner")
    log_in("owner")
    html = client.get(URL, headers=HTML).get_data(as_text=True)
    assert f'action="{URL}?_method=POST" enctype="multipart/form-data"' in html
    assert '<input id="field-image" type="file" name="image" value="">' in html
    assert '<option selected>application/x-www-form-urlencoded</option>' in html
    assert "<option>application/json</option>" not in html
    created = client.post(f"{URL}?_method=POST", headers=HTML, data={
        "csrf_token": _form_token(html), "image": (png(5, 7), "me.png"), "description": "Day one"})
    assert created.status_code == 201
    assert "Day one" in created.get_data(as_text=True)
    (photo,) = client.get(URL).json["results"]
    assert (photo["width"], photo["height"]) == (5, 7)
    detail = client.get(f"{URL}{photo['id']}/", headers=HTML).get_data(as_text=True)
    assert f'action="{URL}{photo["id"]}/?_method=PUT" enctype="multipart/form-data"' in detail
    replaced = client.post(f"{URL}{photo['id']}/?_method=PUT", headers=HTML, data={
        "csrf_token": _form_token(detail), "image": (png(9, 9), "me.png"), "date": "2024-05-01"})
    assert replaced.status_code == 200
    assert client.get(f"{URL}{photo['id']}/").json["width"] == 9


def test_an_upload_form_refused_comes_back_with_its_errors(client, make_user, log_in):
    make_user("owner")
    log_in("owner")
    token = _form_token(client.get(URL, headers=HTML).get_data(as_text=True))
    refused = client.post(f"{URL}?_method=POST", headers=HTML, data={"csrf_token": token, "description": "kept"},
                          content_type="multipart/form-data")
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert '<span class="error" role="alert">This field is required.</span>' in html
    assert 'name="description" value="kept"' in html


def test_an_upload_form_needs_the_csrf_token(client, make_user, log_in):
    make_user("owner")
    log_in("owner")
    response = client.post(f"{URL}?_method=POST", data={"image": (png(), "me.png")})
    assert response.status_code == 403
    assert client.get(URL).json["count"] == 0


def test_empty_inputs_of_a_form_mean_not_given(client, owner):
    photo = upload(client, owner, date="", description="")
    assert photo["date"] == dt.datetime.now(dt.UTC).date().isoformat()
    no_file = client.patch(f"{URL}{photo['id']}/", headers=owner, content_type="multipart/form-data",
                           data={"image": (io.BytesIO(b""), ""), "description": "Week 3"})
    assert no_file.status_code == 200
    assert (no_file.json["image"], no_file.json["description"]) == (photo["image"], "Week 3")
