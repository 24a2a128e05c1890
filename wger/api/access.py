"""Who may read and write a resource, derived from one declaration per resource.

`Public()` data is readable by everyone. `Owned("set.exerciseday.training.user")` data belongs to the user
at the end of an owner path: that one path gives the read scope (a join chain ending in the user), the
parent-id guard (an id in a request body only resolves inside the caller's scope) and owner stamping (a
directly owned object gets the caller as its user, whatever the body says). `Contributor()` is the
rule of community data: public reads, writes for trusted contributors only. `Shared(where)` data is what
users publish to each other: every signed-in caller reads the objects `where` selects.
"""

from flask_smorest import abort
from sqlalchemy import bindparam, false
from sqlalchemy.orm import RelationshipProperty

from wger import auth
from wger.api import owners

_owned_models = {}


def _caller_id():
    return auth.current_user().id


def visible(model, statement):
    """Restrict `statement` to the objects of `model` the caller may see or attach to."""
    policy = _owned_models.get(model)
    return policy.scope(statement) if policy else statement


class Public:
    """Reference data: everyone reads it; the resource's method list says which writes exist."""

    private = False

    def bind(self, model):
        self.model = model

    def authorize(self, method):
        """Let every caller through: a public resource only routes the methods it allows."""

    def refusals(self, method):
        """The statuses `authorize(method)` may answer (for the OpenAPI document): none here."""
        return ()

    def scope(self, statement):
        return statement

    def stamp(self, obj):
        """Public objects have no owner to record."""


class Contributor(Public):
    """Community data: everyone reads; trusted users (or holders of `write_permission`) write, holders of
    `delete_permission` delete.

    Trust comes from the user (`is_trustworthy`: an admin, or an old enough account with a verified email).
    Anonymous writers get 401, other users 403.
    """

    READS = ("GET", "HEAD", "OPTIONS")

    def __init__(self, write_permission, delete_permission):
        self.write_permission = write_permission
        self.delete_permission = delete_permission

    def authorize(self, method):
        if method in self.READS:
            return
        user = auth.require_user()
        if method == "DELETE":
            allowed = user.has_perm(self.delete_permission)
        else:
            allowed = user.is_trustworthy or user.has_perm(self.write_permission)
        if not allowed:
            abort(403)

    def refusals(self, method):
        return () if method in self.READS else (401, 403)


class Owned:
    """Objects owned through `owner_path`, a dotted chain of relationships ending in `user`.

    `where` narrows the owner's objects to some of them (a condition on the model). Ids in request bodies
    resolve through one rule per model (`visible`); a second resource over the same model that serves other
    objects of it declares `guards_parents=False`, so it never widens or narrows what those ids may name.
    """

    private = True

    def __init__(self, owner_path, where=None, guards_parents=True):
        self.owner_path = owner_path
        self.where = where
        self.guards_parents = guards_parents

    def bind(self, model):
        """Resolve the owner path on `model`; a misspelt path fails when the resource is declared."""
        self.model = model
        self.joins = []
        current = model
        *hops, last = self.owner_path.split(".")
        for hop in hops:
            relationship = getattr(current, hop, None)
            if relationship is None or not isinstance(relationship.property, RelationshipProperty):
                raise ValueError(f"{model.__name__}: owner path {self.owner_path!r} has no relationship {hop!r}")
            self.joins.append(relationship)
            current = relationship.property.mapper.class_
        user_relationship = getattr(current, last, None)
        if user_relationship is None or not isinstance(user_relationship.property, RelationshipProperty):
            raise ValueError(f"{model.__name__}: owner path {self.owner_path!r} does not end in a relationship")
        (self.user_column,) = user_relationship.property.local_columns
        self.user_column = getattr(current, self.user_column.key)
        self.direct = not hops
        owners.owned_through(model, self.joins, self.user_column.key)
        if self.guards_parents:
            _owned_models[model] = self

    def authorize(self, method):
        auth.require_user()

    def refusals(self, method):
        """401 for anonymous callers; 403 for a browser session's unsafe request without its CSRF token."""
        return (401,) if method in ("GET", "HEAD", "OPTIONS") else (401, 403)

    def scope(self, statement):
        """The owner's objects. The owner's id is a parameter read when the statement runs, never a value
        built into it, so a statement built once may serve every caller (`wger.api.views.list_page`)."""
        if auth.current_user() is None:
            return statement.where(false())
        for relationship in self.joins:
            statement = statement.join(relationship)
        statement = statement.where(self.user_column == bindparam("owner_id", callable_=_caller_id))
        return statement if self.where is None else statement.where(self.where)

    def stamp(self, obj):
        """Make the caller the owner of a directly owned object; deeper objects inherit their parent's."""
        if self.direct:
            setattr(obj, self.user_column.key, auth.current_user().id)


class Shared:
    """Objects users publish to each other: every signed-in caller reads those `where` selects.

    Meant for a read-only resource beside the owner's own, which stays the only way to change them; the rule
    never guards parent ids (`visible`).
    """

    private = True

    def __init__(self, where):
        self.where = where

    def bind(self, model):
        self.model = model

    def authorize(self, method):
        auth.require_user()

    def refusals(self, method):
        """401 for anonymous callers."""
        return (401,)

    def scope(self, statement):
        if auth.current_user() is None:
            return statement.where(false())
        return statement.where(self.where)

    def stamp(self, obj):
        """Shared objects are written only through their owner's resource."""
