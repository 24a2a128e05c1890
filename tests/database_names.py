"""What a database URL calls its database, for the suite's refusal to empty one not named for tests."""

from pathlib import PurePath

from sqlalchemy.engine import make_url


def database_name(url):
    """The name a database URL gives its database: the file name for SQLite, the database for the others."""
    database = make_url(url).database or ""
    return PurePath(database).name if url.startswith("sqlite") else database
