"""Users, their profiles and permanent API keys, and the permissions users hold directly or through groups.

Table names follow the original's (`auth_user`, `core_userprofile`, `authtoken_token`), so data exported
from it maps one to one. Permissions are named `app_label.codename` as there (`exercises.add_exercise`).
"""

import datetime as dt
import secrets

from flask import current_app
from sqlalchemy import Boolean, Column, Date, DateTime, Float, ForeignKey, Integer, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wger import passwords
from wger.database import db
from wger.models.core import Language


def utcnow():
    """Now, as the naive UTC datetime the database keeps."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


user_groups = Table(
    "auth_user_groups",
    db.metadata,
    Column("user_id", ForeignKey("auth_user.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", ForeignKey("auth_group.id", ondelete="CASCADE"), primary_key=True),
)
user_permissions = Table(
    "auth_user_user_permissions",
    db.metadata,
    Column("user_id", ForeignKey("auth_user.id", ondelete="CASCADE"), primary_key=True),
    Column("permission_id", ForeignKey("auth_permission.id", ondelete="CASCADE"), primary_key=True),
)
group_permissions = Table(
    "auth_group_permissions",
    db.metadata,
    Column("group_id", ForeignKey("auth_group.id", ondelete="CASCADE"), primary_key=True),
    Column("permission_id", ForeignKey("auth_permission.id", ondelete="CASCADE"), primary_key=True),
)


class Permission(db.Model):
    """A named right, `app_label.codename`; granted to users directly or through their groups."""

    __tablename__ = "auth_permission"
    __table_args__ = (UniqueConstraint("app_label", "codename"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    app_label: Mapped[str] = mapped_column(String(100))
    codename: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(255), default="")

    @property
    def full_name(self):
        return f"{self.app_label}.{self.codename}"


class Group(db.Model):
    __tablename__ = "auth_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150), unique=True)
    permissions: Mapped[list[Permission]] = relationship(secondary=group_permissions)


class User(db.Model):
    """An account. `failed_logins` and `locked_until` implement the per-account lockout; `data_version`
    counts every change to the user's own data (`wger.api.owners`), so answers kept for them are never stale."""

    __tablename__ = "auth_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password: Mapped[str] = mapped_column(String(255))
    is_superuser: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    date_joined: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_login: Mapped[dt.datetime | None] = mapped_column(DateTime)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    data_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    groups: Mapped[list[Group]] = relationship(secondary=user_groups)
    permissions: Mapped[list[Permission]] = relationship(secondary=user_permissions)
    profile: Mapped["UserProfile"] = relationship(back_populates="user", cascade="all, delete-orphan")

    def set_password(self, raw_password):
        self.password = passwords.make_hash(raw_password)

    def check_password(self, raw_password):
        """Whether `raw_password` is this user's; an outdated hash is replaced by an argon2 one."""
        valid, outdated = passwords.verify(self.password, raw_password)
        if valid and outdated:
            self.set_password(raw_password)
        return valid

    @property
    def comes_of_age(self):
        """When the account is old enough to be trusted: `is_trustworthy` may change then without any write."""
        return self.date_joined + dt.timedelta(days=current_app.config["MIN_ACCOUNT_AGE_TO_TRUST"])

    @property
    def is_trustworthy(self):
        """Superusers, and accounts old enough with a verified email, may contribute exercises."""
        if self.is_superuser:
            return True
        profile = self.profile
        return (
            not profile.is_temporary
            and profile.email_verified
            and utcnow() > self.comes_of_age
        )

    def has_perm(self, permission_name):
        """Whether the user holds `app_label.codename`, directly or through a group; superusers hold all."""
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        held = {permission.full_name for permission in self.permissions}
        for group in self.groups:
            held.update(permission.full_name for permission in group.permissions)
        return permission_name in held


class UserProfile(db.Model):
    """Per-user settings, created with every user; `gym` of the contract is always null here."""

    __tablename__ = "core_userprofile"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("auth_user.id", ondelete="CASCADE"), unique=True)
    user: Mapped[User] = relationship(back_populates="profile")
    email_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    is_temporary: Mapped[bool] = mapped_column(Boolean, default=False)
    show_comments: Mapped[bool] = mapped_column(Boolean, default=True)
    show_english_ingredients: Mapped[bool] = mapped_column(Boolean, default=True)
    workout_reminder_active: Mapped[bool] = mapped_column(Boolean, default=False)
    workout_reminder: Mapped[int] = mapped_column(Integer, default=14)
    workout_duration: Mapped[int] = mapped_column(Integer, default=12)
    last_workout_notification: Mapped[dt.date | None] = mapped_column(Date)
    notification_language_id: Mapped[int | None] = mapped_column(ForeignKey("core_language.id"))
    notification_language: Mapped[Language | None] = relationship()
    age: Mapped[int | None] = mapped_column(Integer)
    birthdate: Mapped[dt.date | None] = mapped_column(Date)
    height: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str | None] = mapped_column(String(1), default="1")
    sleep_hours: Mapped[int | None] = mapped_column(Integer, default=7)
    work_hours: Mapped[int | None] = mapped_column(Integer, default=8)
    work_intensity: Mapped[str | None] = mapped_column(String(1), default="1")
    sport_hours: Mapped[int | None] = mapped_column(Integer, default=3)
    sport_intensity: Mapped[str | None] = mapped_column(String(1), default="2")
    freetime_hours: Mapped[int | None] = mapped_column(Integer, default=8)
    freetime_intensity: Mapped[str | None] = mapped_column(String(1), default="1")
    calories: Mapped[int | None] = mapped_column(Integer, default=2500)
    weight_unit: Mapped[str] = mapped_column(String(2), default="kg")
    ro_access: Mapped[bool] = mapped_column(Boolean, default=False)
    num_days_weight_reminder: Mapped[int] = mapped_column(Integer, default=0)


class Token(db.Model):
    """A user's permanent API key (`Authorization: Token <key>`); one per user, replaced to revoke it."""

    __tablename__ = "authtoken_token"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("auth_user.id", ondelete="CASCADE"), unique=True)
    user: Mapped[User] = relationship()
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    @staticmethod
    def new_key():
        return secrets.token_hex(20)


class RateLimitCounter(db.Model):
    """One rate limit window of one client on one view (`wger.rate_limits`): every worker counts in this row,
    so a limit holds across workers and servers without Redis. `expires_at` is in seconds since the epoch."""

    __tablename__ = "rate_limit_counter"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[float] = mapped_column(Float, index=True)
