"""What saving a setting or a schedule does beyond storing the body (the Resource hooks)."""

import sqlalchemy as sa

from wger.api import owners
from wger.database import db
from wger.models import Schedule


def new_settings_come_first(setting, created):
    """A new setting gets order 1, whatever the body says, as the original does; updates may reorder it."""
    if created:
        setting.order = 1


def one_active_schedule(schedule, created):
    """Saving an active schedule deactivates the owner's other schedules, in the same transaction.

    A new schedule whose body leaves `is_active` out is active (the column's default).
    """
    if schedule.is_active is False:
        return
    others = sa.update(Schedule).where(Schedule.user_id == schedule.user_id, Schedule.is_active.is_(True))
    if schedule.id is not None:
        others = others.where(Schedule.id != schedule.id)
    db.session.execute(others.values(is_active=False))
    owners.bump(db.session.connection(), {schedule.user_id})
