"""Uploaded and downloaded media: validation, storage under `MEDIA_FOLDER`, URLs and thumbnails.

Files are stored under random names below `MEDIA_FOLDER` and their paths, relative to it, are what the
database keeps. `MEDIA_URL` says where clients fetch them: a path (`/media/`, the default) is served by the
app itself, an absolute URL points at the web server or bucket that serves the folder in production.

Catalog media are public. A folder registered with `private_folder` (the users' progress photos) is served
only to callers its check accepts; everyone else gets the same 404 as for a missing file. A file whose row
is deleted or replaced goes once the transaction commits (`delete_after_commit`), never before; a file
stored for a transaction that then fails goes with it (`delete_unless_committed`).
"""

import io
import posixpath
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from flask import Flask, abort, current_app, has_request_context, request, send_from_directory
from marshmallow import ValidationError, fields
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import event
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
VIDEO_SUFFIXES = {".mp4", ".webm", ".mov", ".m4v", ".ogv", ".avi", ".mkv"}
THUMBNAIL_ALIASES = {
    "micro": {"size": [30, 30]},
    "micro_cropped": {"size": [30, 30], "crop": "smart"},
    "thumbnail": {"size": [80, 80]},
    "thumbnail_cropped": {"size": [80, 80], "crop": "smart"},
    "small": {"size": [200, 200]},
    "small_cropped": {"size": [200, 200], "crop": "smart"},
    "medium": {"size": [400, 400]},
    "medium_cropped": {"size": [400, 400], "crop": "smart"},
    "large": {"size": [800, 800], "quality": 90},
    "large_cropped": {"size": [800, 800], "crop": "smart", "quality": 90},
}


PENDING_DELETIONS = "wger.media.pending_deletions"
UNCOMMITTED_FILES = "wger.media.uncommitted_files"
_private_folders = {}


@dataclass
class PendingFile:
    """A checked upload not stored yet: it gets its final name once the object it belongs to has an id."""

    data: bytes
    suffix: str
    width: int = 0
    height: int = 0


def media_root():
    return Path(current_app.config["MEDIA_FOLDER"])


def media_url(path):
    """Return the URL of a stored file: absolute inside a request, as the original's API does."""
    if not path:
        return None
    prefix = current_app.config["MEDIA_URL"]
    url = prefix.rstrip("/") + "/" + path
    if prefix.startswith(("http://", "https://")) or not has_request_context():
        return url
    return request.host_url.rstrip("/") + url


def _read(upload, limit):
    if isinstance(upload, FileStorage):
        data = upload.stream.read(limit + 1)
    elif isinstance(upload, bytes):
        data = upload
    else:
        raise ValidationError("The submitted data was not a file. Check the encoding type on the form.")
    if len(data) > limit:
        raise RequestEntityTooLarge(f"The file is larger than {limit} bytes.")
    if not data:
        raise ValidationError("The submitted file is empty.")
    return data


def check_image(upload):
    """Return a `PendingFile` for an upload Pillow recognises as an image, or raise a field error (413 if big).

    An image declaring more pixels than Pillow's decompression-bomb limit is refused before it is decoded,
    also between the limit and twice it, where Pillow only warns: its thumbnails would need gigabytes.
    """
    data = _read(upload, current_app.config["MAX_IMAGE_SIZE"])
    too_many_pixels = f"The image has too many pixels: at most {Image.MAX_IMAGE_PIXELS} are accepted."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
                image_format, (width, height) = image.format, image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(too_many_pixels) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
        ) from None
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(f"Image format {image_format} is not supported.")
    return PendingFile(data, IMAGE_FORMATS[image_format], width, height)


def check_video(upload):
    """Return a `PendingFile` for an upload with a video file name, within the size limit."""
    suffix = PurePosixPath(getattr(upload, "filename", "") or "").suffix.lower()
    if suffix not in VIDEO_SUFFIXES:
        raise ValidationError(f"Upload a video file ({', '.join(sorted(VIDEO_SUFFIXES))}).")
    return PendingFile(_read(upload, current_app.config["MAX_CONTENT_LENGTH"]), suffix)


def store(folder, pending):
    """Write a pending file under `folder` with a random name; return its path relative to the media root."""
    relative = f"{folder}/{secrets.token_hex(16)}{pending.suffix}"
    target = media_root() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pending.data)
    return relative


def delete_after_commit(session, path):
    """Delete the stored file at `path` once `session` commits; a rollback keeps it."""
    session.info.setdefault(PENDING_DELETIONS, []).append((media_root(), path))


def delete_unless_committed(session, path):
    """Delete the file just stored at `path` should `session` end without committing the row naming it."""
    session.info.setdefault(UNCOMMITTED_FILES, []).append((media_root(), path))


def _unlink(files):
    for root, path in files:
        (root / path).unlink(missing_ok=True)


@event.listens_for(Session, "after_commit")
def _delete_committed(session):
    _unlink(session.info.pop(PENDING_DELETIONS, []))
    session.info.pop(UNCOMMITTED_FILES, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_uncommitted(session, transaction):
    """A transaction that ended without a commit (rolled back, or closed) keeps the files it was to delete
    and loses the ones it stored."""
    if transaction.parent is None:
        session.info.pop(PENDING_DELETIONS, None)
        _unlink(session.info.pop(UNCOMMITTED_FILES, []))


def private_folder(folder, may_read):
    """Serve the files under `folder` only when `may_read(path)` says the caller may see that file."""
    _private_folders[folder] = may_read


def _thumbnail_path(path, name):
    original = PurePosixPath(path)
    return str(original.with_name(f"{original.stem}.{name}{original.suffix}"))


def make_thumbnails(path):
    """Write every thumbnail alias of a stored image next to it; existing ones are kept."""
    source = media_root() / path
    with Image.open(source) as image:
        image.load()
        for name, settings in THUMBNAIL_ALIASES.items():
            target = media_root() / _thumbnail_path(path, name)
            if target.exists():
                continue
            size = tuple(settings["size"])
            if "crop" in settings:
                thumbnail = ImageOps.fit(image, size)
            else:
                thumbnail = image.copy()
                thumbnail.thumbnail(size)
            if image.format == "JPEG" and thumbnail.mode not in ("RGB", "L"):
                thumbnail = thumbnail.convert("RGB")
            thumbnail.save(target, format=image.format, quality=settings.get("quality", 85))


def thumbnail_urls(path):
    """The contract's thumbnails object for a stored image, generating missing files first."""
    if (media_root() / path).exists():
        make_thumbnails(path)
    urls = {name: {"url": media_url(_thumbnail_path(path, name)), "settings": settings}
            for name, settings in THUMBNAIL_ALIASES.items()}
    return {**urls, "original": media_url(path)}


def thumbnail_url(path, name="thumbnail"):
    return media_url(_thumbnail_path(path, name)) if path else None


class MediaFile(fields.Field):
    """A stored file: written as its URL, read as a multipart upload that `check` validates."""

    is_upload = True

    def __init__(self, check, **kwargs):
        super().__init__(**kwargs)
        self.check = check

    def _serialize(self, value, attr, obj, **kwargs):
        return media_url(value)

    def _deserialize(self, value, attr, data, **kwargs):
        return self.check(value)


def register_media(app: Flask):
    """Serve `MEDIA_FOLDER` at `MEDIA_URL` when that is a local path (development and small setups)."""
    prefix = app.config["MEDIA_URL"]
    if prefix.startswith(("http://", "https://")):
        return

    def serve_media(filename):
        path = posixpath.normpath(filename)
        if path.startswith(("..", "/")) or not (media_root() / path).is_file():
            abort(404)
        may_read = _private_folders.get(path.split("/", 1)[0])
        if may_read is None:
            return send_from_directory(media_root(), path)
        if not may_read(path):
            abort(404)
        response = send_from_directory(media_root(), path)
        response.headers["Cache-Control"] = "private, no-cache"
        return response

    app.add_url_rule(prefix.rstrip("/") + "/<path:filename>", "media", serve_media)
