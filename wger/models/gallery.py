"""Progress photos: a user's images, private to that user (files included)."""

import datetime as dt

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wger.database import db
from wger.models.accounts import User
from wger.models.nutrition import utctoday

GALLERY_FOLDER = "gallery"


class GalleryImage(db.Model):
    """One photo, stored under `gallery/<user id>/` in the media folder."""

    __tablename__ = "gallery_image"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("auth_user.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(default=utctoday)
    image: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(1000), default="")
    height: Mapped[int] = mapped_column(default=0)
    width: Mapped[int] = mapped_column(default=0)

    user: Mapped[User] = relationship()
