"""The database handle and the declarative base, below everything else so models import nothing above them.

Constraint names are fixed by a naming convention, so migrations name them alike on SQLite and PostgreSQL.
Every table with an integer id is created with SQLite's AUTOINCREMENT (`never_reuse_ids`): without it
SQLite hands the id of a deleted newest row to the next insert, and a client that syncs by id would take
the new object for the deleted one. PostgreSQL's sequences never reuse an id.
"""

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Model(DeclarativeBase):
    """The declarative base of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def never_reuse_ids(metadata):
    """Give every table keyed by an integer `id` SQLite's AUTOINCREMENT (call once all models are defined)."""
    for table in metadata.tables.values():
        id_column = table.columns.get("id")
        if id_column is not None and id_column.primary_key and id_column.autoincrement in (True, "auto"):
            table.dialect_options["sqlite"]["autoincrement"] = True


db = SQLAlchemy(model_class=Model)
