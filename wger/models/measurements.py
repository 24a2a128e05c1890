"""Body measurements: the user's own categories (biceps in cm, body fat in %) and dated values."""

import datetime as dt
import decimal

from sqlalchemy import ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wger.database import db
from wger.models.accounts import User
from wger.models.nutrition import utctoday


class MeasurementCategory(db.Model):
    """What is measured and in which unit; each user keeps their own."""

    __tablename__ = "measurements_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("auth_user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    unit: Mapped[str] = mapped_column(String(30))

    user: Mapped[User] = relationship()
    measurements: Mapped[list["Measurement"]] = relationship(
        back_populates="category", cascade="all, delete-orphan", passive_deletes=True
    )


class Measurement(db.Model):
    """One value of a category on one day."""

    __tablename__ = "measurements_measurement"
    __table_args__ = (UniqueConstraint("category_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("measurements_category.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(default=utctoday)
    value: Mapped[decimal.Decimal] = mapped_column(Numeric(6, 2))
    notes: Mapped[str] = mapped_column(String(100), default="")

    category: Mapped[MeasurementCategory] = relationship(back_populates="measurements")
