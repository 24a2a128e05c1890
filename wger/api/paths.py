"""Field paths: a wire name, or a `__`-joined walk through relationships (`ingredient__uuid`,
`exerciseday__training`), resolved on a model when a resource is declared.

A filter or an ordering on a related field then needs no column of its own on the model: a path filters
through EXISTS subqueries (`has` / `any` along the walk), so a row never appears twice, and orders by a
correlated scalar subquery, so the list query keeps its single FROM. A misspelt path raises `ValueError`
at declaration time.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import RelationshipProperty

SEPARATOR = "__"


def _attribute(model, name):
    attribute = getattr(model, name, None)
    if attribute is None or not hasattr(attribute, "property"):
        raise ValueError(f"{model.__name__} has no field {name!r}")
    return attribute


def _relationship(model, name):
    attribute = _attribute(model, name)
    if not isinstance(attribute.property, RelationshipProperty):
        raise ValueError(f"{model.__name__}.{name} is not a relationship to walk through")
    return attribute


@dataclass(frozen=True)
class FieldPath:
    """Where a wire name leads: the relationships walked (`hops`) and the field reached at the end.

    `column` is the column compared or sorted on (a many-to-one relationship's own foreign key), `related`
    the model a foreign key or many-to-many field points to, and `many` says the end is a many-to-many list.
    """

    name: str
    hops: tuple
    column: object
    related: type | None
    many: bool

    @property
    def python_type(self):
        return self.column.type.python_type

    def where(self, condition):
        """Apply `condition` (on the path's last model) to the resource's rows, walking back the hops."""
        for hop in reversed(self.hops):
            condition = hop.any(condition) if hop.property.uselist else hop.has(condition)
        return condition

    def sort_key(self):
        """The path's value per row, for ORDER BY: the column itself, or a correlated scalar subquery."""
        value = self.column
        for hop in reversed(self.hops):
            (local,) = hop.property.local_columns
            (remote,) = hop.property.remote_side
            value = sa.select(value).where(remote == getattr(hop.class_, local.key)).scalar_subquery()
        return value


def resolve(model, name):
    """Resolve `name` on `model`; raise `ValueError` naming the part that does not exist."""
    *walk, last = name.split(SEPARATOR)
    hops, current = [], model
    for part in walk:
        hop = _relationship(current, part)
        hops.append(hop)
        current = hop.property.mapper.class_
    attribute = _attribute(current, last)
    prop = attribute.property
    if isinstance(prop, RelationshipProperty):
        related = prop.mapper.class_
        if prop.uselist:
            return FieldPath(name, tuple(hops), attribute, related, many=True)
        (column,) = prop.local_columns
        return FieldPath(name, tuple(hops), getattr(current, column.key), related, many=False)
    if not hasattr(prop, "columns"):
        raise ValueError(f"{current.__name__}.{last} is not a column")
    return FieldPath(name, tuple(hops), attribute, None, many=False)


def sortable(model, name):
    """Resolve a path for ordering: every hop must lead to one row, and the end must be a single value."""
    path = resolve(model, name)
    if path.many or any(hop.property.uselist for hop in path.hops):
        raise ValueError(f"{model.__name__}: cannot order by {name!r}, which has many values per row")
    return path
