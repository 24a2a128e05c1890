"""The weight log's chart on the browsable page: body weight over time."""

from wger import auth
from wger.api.charts import TimeSeries
from wger.database import db
from wger.models import WeightEntry

MAX_POINTS = 2000


def weight_over_time(entries):
    """The weight of the entries the page selects (the newest `MAX_POINTS`), in the caller's unit."""
    rows = db.session.execute(
        entries.with_only_columns(WeightEntry.date, WeightEntry.weight)
        .order_by(WeightEntry.date.desc()).limit(MAX_POINTS)
    ).all()
    unit = auth.current_user().profile.weight_unit
    return [TimeSeries("Body weight", unit, {"weight": [tuple(row) for row in reversed(rows)]})]
