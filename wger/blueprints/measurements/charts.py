"""The measurements' charts on the browsable page: one chart per category, its values over time."""

from collections import defaultdict

import sqlalchemy as sa

from wger.api.charts import TimeSeries
from wger.database import db
from wger.models import Measurement, MeasurementCategory

MAX_POINTS = 5000


def values_by_category(measurements):
    """The values the page selects (the newest `MAX_POINTS`), one time series per category."""
    rows = db.session.execute(
        measurements.with_only_columns(Measurement.category_id, Measurement.date, Measurement.value)
        .order_by(Measurement.date.desc()).limit(MAX_POINTS)
    ).all()
    points = defaultdict(list)
    for category_id, day, value in reversed(rows):
        points[category_id].append((day, value))
    categories = db.session.scalars(
        sa.select(MeasurementCategory).where(MeasurementCategory.id.in_(points)).order_by(MeasurementCategory.name)
    )
    return [TimeSeries(category.name, category.unit, {category.name: points[category.id]}) for category in categories]
