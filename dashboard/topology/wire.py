"""Records to JSON-ready dicts and back, read off their dataclass fields: the wire format is
defined once, by the records themselves.

A field travels under its own name, as JSON has it (a tuple as a list, a record as a dict),
unless its metadata says otherwise (the helpers below). Facts a record derives, and that
readers want without deriving them again (`live`, `usable_ipv4`, …), travel too: a record
class names them in `wire_extras`, {key: attribute}; they are dropped on the way back, where
the record computes them.
"""

import dataclasses
import types
import typing
from collections.abc import Callable
from functools import cache

_KEY = "wire.key"
_PAIRS = "wire.pairs"
_SHAPE = "wire.shape"


def key(name: str) -> dict:
    """Field metadata: the field travels under another key."""
    return {_KEY: name}


def left_out() -> dict:
    """Field metadata: the field does not travel (and takes its default on the way back)."""
    return {_KEY: None}


def pairs(*keys: str) -> dict:
    """Field metadata: a tuple of tuples, each member travelling as a dict with these keys."""
    return {_PAIRS: keys}


def shaped(name: str, encode: Callable, decode: Callable) -> dict:
    """Field metadata: a field that travels in a shape of its own under `name`:
    `encode(record)` gives the value sent, `decode(dict)` the field's value back."""
    return {_KEY: name, _SHAPE: (encode, decode)}


def encode(record) -> dict:
    """The record as a dict of JSON values."""
    return _codec(type(record)).encode(record)


def decode(cls: type, d: dict):
    """The record of class `cls` that `d` (from `encode`) describes. A key the dict lacks
    gives the field's default: messages from an older process still decode."""
    return _codec(cls).decode(d)


@dataclasses.dataclass(frozen=True, slots=True)
class _Field:
    key: str
    name: str
    to_wire: Callable | None  # the field's value -> the value sent; None: as it is
    from_wire: Callable | None  # the value received -> the field's value; None: as it is
    shaped: bool = False  # to_wire takes the record and from_wire the whole dict
    default: Callable | None = None  # makes the field's default; None: it has none


class _Codec:
    """A record class's encoder and decoder, written out as Python once per class (as
    dataclasses writes `__init__`): they run for every record of every message."""

    def __init__(self, cls: type):
        hints = typing.get_type_hints(cls)
        found = (_field(f, hints[f.name]) for f in dataclasses.fields(cls))
        fields = [f for f in found if f is not None]
        extras = getattr(cls, "wire_extras", {})
        scope = {"cls": cls}
        sent, taken = [], []
        for i, f in enumerate(fields):
            scope |= {f"to{i}": f.to_wire, f"from{i}": f.from_wire, f"default{i}": f.default}
            value = "r" if f.shaped else f"r.{f.name}"
            sent.append(f"{f.key!r}: {value if f.to_wire is None else f'to{i}({value})'}")
            got = f"d[{f.key!r}]" if f.from_wire is None else f"from{i}(d[{f.key!r}])"
            if f.shaped:
                got = f"from{i}(d)"
            elif f.default is not None:
                got = f"({got} if {f.key!r} in d else default{i}())"
            taken.append(f"{f.name}={got}")
        sent += [f"{key!r}: r.{attribute}" for key, attribute in extras.items()]
        source = (
            f"def encode(r):\n    return {{{', '.join(sent)}}}\n"
            f"def decode(d):\n    return cls({', '.join(taken)})\n"
        )
        exec(source, scope)  # noqa: S102 - code made from the class's own field names
        self.encode, self.decode = scope["encode"], scope["decode"]


@cache
def _codec(cls: type) -> _Codec:
    return _Codec(cls)


def _field(f: dataclasses.Field, hint) -> _Field | None:
    meta, name = f.metadata, f.name
    key = meta.get(_KEY, name)
    if key is None:
        return None
    default = None
    if f.default is not dataclasses.MISSING:
        default = lambda value=f.default: value  # noqa: E731
    elif f.default_factory is not dataclasses.MISSING:
        default = f.default_factory
    if _SHAPE in meta:
        encode_shape, decode_shape = meta[_SHAPE]
        return _Field(key, name, encode_shape, decode_shape, shaped=True)
    if _PAIRS in meta:
        keys = meta[_PAIRS]
        to_json = lambda v: [dict(zip(keys, m, strict=True)) for m in v]  # noqa: E731
        from_json = lambda v: tuple(tuple(m[k] for k in keys) for m in v)  # noqa: E731
    else:
        to_json, from_json = _converters(hint)
    return _Field(key, name, to_json, from_json, default=default)


def _converters(hint) -> tuple[Callable, Callable]:
    """How a value of this type goes to JSON and back."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is dict or origin is dict:
        return dict, dict
    if dataclasses.is_dataclass(hint):
        return encode, lambda v: decode(hint, v)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        member = args[0]
        if dataclasses.is_dataclass(member):
            return (
                lambda v: [encode(m) for m in v],
                lambda v: tuple(decode(member, m) for m in v),
            )
        return list, tuple
    if hint is tuple:
        return list, tuple
    if origin in (typing.Union, types.UnionType) or hint in (str, int, float, bool):
        return None, None  # JSON's own
    raise TypeError(f"no wire form for {hint!r}")
