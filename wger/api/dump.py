"""Dumping for the read path: a schema compiled once into plain dict building.

marshmallow's `Schema.dump` spends most of a nested document's time in its per-field machinery (an
accessor call, a dotted-path parse and a `serialize` call for every field of every object), not in
formatting values. `compiled_dumper(schema)` reads the schema's dump fields once and returns a function
that builds the same dict directly: each value is read with `getattr` and formatted by the field's own
`_serialize`, and nested schemas and lists are compiled likewise. The schema stays the single
declaration; `tests/test_dump.py` checks both ways agree over every registered resource.

What the fast path cannot reproduce exactly is left to marshmallow: schemas with dump hooks, fields that
read their value their own way (`get_value` overridden, as `Computed` does), dotted attributes, missing
values (a field's `dump_default`), and objects that are neither plain objects nor dicts.

`CompiledSchema` is the base of the schemas whose `dump` goes this way: every resource schema, and the
envelope of a page, so that a page is compiled as one document (its results by the item schema's dumper)
instead of marshmallow's list machinery calling the item schema's `dump` once per object.
"""

import contextvars

from marshmallow import Schema, fields, missing
from marshmallow.decorators import POST_DUMP, PRE_DUMP

_NESTED_SERIALIZE = fields.Nested._serialize
_LIST_SERIALIZE = fields.List._serialize

# Fields whose `_serialize` returns a value of this type unchanged: the value is used as it is.
_ALREADY_FORMATTED = {fields.String: str, fields.Integer: int, fields.Float: float, fields.Boolean: bool}

_compiled = {}
# During one top-level dump: (id of a nested object, its dumper) -> (the object, what it dumped to).
_nested_dumps = contextvars.ContextVar("nested_dumps", default=None)


class CompiledSchema(Schema):
    """A schema dumped by its compiled dumper: the same dict as marshmallow's, built several times faster."""

    def dump(self, obj, *, many=None):
        return compiled_dump(self, obj, self.many if many is None else bool(many))


def compiled_dump(schema, obj, many):
    """What `schema.dump(obj, many=many)` returns, built by the schema's compiled dumper where it can be."""
    if _has_dump_hooks(schema):
        return Schema.dump(schema, obj, many=many)
    dump_one = compiled_dumper(schema)
    outermost = _nested_dumps.get() is None
    token = _nested_dumps.set({}) if outermost else None
    try:
        if many and obj is not None:
            return [dump_one(item) for item in obj]
        return dump_one(obj)
    finally:
        if outermost:
            _nested_dumps.reset(token)


def _dumped_once(dump_one):
    """`dump_one` for a nested object that is dumped once per response, however often it is nested (a
    muscle in every base that trains it, a base in every set that uses it): the same object gives the
    same dict. The stored object keeps its id from being reused while the response is built."""

    def dump_nested(obj):
        done = _nested_dumps.get()
        if done is None:
            return dump_one(obj)
        key = (id(obj), dump_one)
        stored = done.get(key)
        if stored is not None and stored[0] is obj:
            return stored[1]
        data = dump_one(obj)
        done[key] = (obj, data)
        return data

    return dump_nested


def compiled_dumper(schema):
    """The dict-building function of `schema`, compiled once per schema class and set of dump fields (the
    instances of a class with the same fields dump alike)."""
    key = (type(schema), tuple(schema.dump_fields))
    dumper = _compiled.get(key)
    if dumper is None:
        dumper = _compiled[key] = _compile(schema)
    return dumper


def _has_dump_hooks(schema):
    return bool(schema._hooks[PRE_DUMP] or schema._hooks[POST_DUMP])


def _compile(schema):
    steps = [_step(name, field, schema) for name, field in schema.dump_fields.items()]
    by_marshmallow = schema._serialize

    def dump_one(obj):
        if type(obj) is dict:
            get_from = _get_from_dict
        elif obj is None or hasattr(obj, "__getitem__"):
            return by_marshmallow(obj)
        else:
            get_from = getattr
        data = {}
        for key, name, reads_plainly, convert, field in steps:
            value = get_from(obj, name, missing) if reads_plainly else missing
            if value is missing:
                value = field.serialize(name, obj, accessor=schema.get_attribute)
                if value is missing:
                    continue
            else:
                value = convert(value, name, obj)
            data[key] = value
        return data

    return dump_one


def _get_from_dict(obj, key, default):
    """A dict's value as marshmallow reads it: the item, else the attribute."""
    return obj[key] if key in obj else getattr(obj, key, default)


def _step(name, field, schema):
    """`(key, attribute, reads_plainly, converter, field)` for one field; a field that does not read plainly
    is left to marshmallow."""
    key = field.data_key if field.data_key is not None else name
    attribute = field.attribute or name
    reads_plainly = (type(field).get_value is fields.Field.get_value and field._CHECK_ATTRIBUTE
                     and "." not in attribute)
    return key, attribute, reads_plainly, _converter(field), field


def _converter(field):
    """`convert(value, attr, obj)` for a value read from the object: the field's own `_serialize`, except
    that nested schemas and lists of them use compiled dumpers too."""
    field_class = type(field)
    if field_class._serialize is _NESTED_SERIALIZE:
        nested = field.schema
        if _has_dump_hooks(nested):
            return field._serialize
        many = nested.many or field.many
        dump_one = _dumped_once(compiled_dumper(nested))
        if many:
            return lambda value, attr, obj: None if value is None else [dump_one(item) for item in value]
        return lambda value, attr, obj: None if value is None else dump_one(value)
    if field_class._serialize is _LIST_SERIALIZE:
        convert_item = _converter(field.inner)
        return lambda value, attr, obj: None if value is None else [
            convert_item(item, attr, obj) for item in value
        ]
    formatted_type = _ALREADY_FORMATTED.get(field_class)
    if formatted_type is not None and not getattr(field, "as_string", False):
        serialize = field._serialize
        return lambda value, attr, obj: value if type(value) is formatted_type else serialize(value, attr, obj)
    return field._serialize
