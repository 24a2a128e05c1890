"""Body weight entries, one per user and day."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Numeric, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wger.database import db
from wger.models.accounts import User


class WeightEntry(db.Model):
    __tablename__ = "weight_weightentry"
    __table_args__ = (UniqueConstraint("date", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    weight: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    user_id: Mapped[int] = mapped_column(ForeignKey("auth_user.id", ondelete="CASCADE"), index=True)
    user: Mapped[User] = relationship()
