"""Body weight entries, one per user and day."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Numeric, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wger.database import db
from wger.models.accounts import User


class WeightEntry(db.Model):
    __tablename__ = "weight_weightentry"
    # The list is a user's entries by date: (user_id, date) walks them in order, where the unique
    # (date, user_id) would walk every user's dates before the first of a user who started late.
    __table_args__ = (
        UniqueConstraint("date", "user_id"),
        Index("ix_weight_weightentry_user_id_date", "user_id", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    weight: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    user_id: Mapped[int] = mapped_column(ForeignKey("auth_user.id", ondelete="CASCADE"))
    user: Mapped[User] = relationship()
