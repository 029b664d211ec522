"""A quick yes/no check compiled from a JSON Schema, so valid documents skip ``jsonschema``.

``jsonschema`` stays the judge: a value the pre-check rejects is validated again with it, and
only its errors are reported. The pre-check covers the keywords the committed schemas use (type,
properties, required, additionalProperties, items, anyOf, enum of strings, minimum, maximum,
pattern, format, local ``$ref``); a schema with any other keyword compiles to None and every
value goes to ``jsonschema``. Formats are checked by the same ``FormatChecker``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from jsonschema import FormatChecker

Check = Callable[[Any], bool]

_ANNOTATIONS = {"title", "description", "default", "examples", "$id", "$schema", "$defs"}
_KEYWORDS = {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "anyOf",
    "enum",
    "minimum",
    "maximum",
    "pattern",
    "format",
    "$ref",
}
_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
}


class _Unsupported(Exception):
    pass


def compile_check(schema: Mapping[str, Any], formats: FormatChecker) -> Check | None:
    """A predicate equal to ``jsonschema`` validity for ``schema``, or None if not supported."""
    compiler = _Compiler(schema, formats)
    try:
        return compiler.compile(schema)
    except _Unsupported:
        return None


class _Compiler:
    def __init__(self, root: Mapping[str, Any], formats: FormatChecker) -> None:
        self.root = root
        self.formats = formats
        self.refs: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return _accept
        if schema is False:
            return _reject
        if not isinstance(schema, dict) or set(schema) - _KEYWORDS - _ANNOTATIONS:
            raise _Unsupported(schema)
        fast = self._nullable(schema) or self._object(schema)
        if fast is not None:
            return fast
        checks = [self._keyword(key, value, schema) for key, value in schema.items()]
        parts = tuple(c for c in checks if c is not None)
        if not parts:
            return _accept
        if len(parts) == 1:
            return parts[0]

        def every(v: Any) -> bool:
            for check in parts:  # noqa: SIM110 - hot path: a loop beats a generator
                if not check(v):
                    return False
            return True

        return every

    # Two shapes make up most of the schemas; one closure each instead of several.

    def _nullable(self, schema: dict[str, Any]) -> Check | None:
        """``anyOf: [A, {type: null}]``: None, or valid against A."""
        branches = schema.get("anyOf")
        if set(schema) - _ANNOTATIONS != {"anyOf"} or not isinstance(branches, list):
            return None
        if len(branches) != 2 or {"type": "null"} not in branches:
            return None
        other = self.compile(branches[0] if branches[1] == {"type": "null"} else branches[1])
        return lambda v: v is None or other(v)

    def _object(self, schema: dict[str, Any]) -> Check | None:
        """``type: object`` with properties, required and additionalProperties."""
        keys = set(schema) - _ANNOTATIONS
        if schema.get("type") != "object" or "properties" not in keys:
            return None
        if keys - {"type", "properties", "required", "additionalProperties"}:
            return None
        properties = schema["properties"]
        required = schema.get("required", [])
        if not isinstance(properties, dict) or not isinstance(required, list):
            raise _Unsupported(schema)
        if not all(isinstance(n, str) for n in required):
            raise _Unsupported(schema)
        checks = {name: self.compile(sub) for name, sub in properties.items()}
        extra = self.compile(schema.get("additionalProperties", True))
        names = frozenset(required)

        def check(v: Any) -> bool:
            if not isinstance(v, dict) or not names <= v.keys():
                return False
            for key, item in v.items():  # noqa: SIM110 - hot path
                if not checks.get(key, extra)(item):
                    return False
            return True

        return check

    def _keyword(self, key: str, value: Any, schema: dict[str, Any]) -> Check | None:
        if key in _ANNOTATIONS:
            return None
        builders: dict[str, Callable[[Any, dict[str, Any]], Check | None]] = {
            "type": self._type,
            "properties": self._properties,
            "required": self._required,
            "additionalProperties": self._additional,
            "items": self._items,
            "anyOf": self._any_of,
            "enum": self._enum,
            "minimum": self._minimum,
            "maximum": self._maximum,
            "pattern": self._pattern,
            "format": self._format,
            "$ref": self._ref,
        }
        return builders[key](value, schema)

    def _type(self, value: Any, _: dict[str, Any]) -> Check:
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or any(n not in _TYPES for n in names):
            raise _Unsupported(value)
        if len(names) == 1:
            return _TYPES[names[0]]
        tests = tuple(_TYPES[n] for n in names)
        return lambda v: any(test(v) for test in tests)

    def _properties(self, value: Any, schema: dict[str, Any]) -> Check:
        if not isinstance(value, dict):
            raise _Unsupported(value)
        checks = {name: self.compile(sub) for name, sub in value.items()}
        extra = self.compile(schema.get("additionalProperties", True))
        # properties and additionalProperties in one pass over the object's items.

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for key, item in v.items():  # noqa: SIM110 - hot path
                if not checks.get(key, extra)(item):
                    return False
            return True

        return check

    def _required(self, value: Any, _: dict[str, Any]) -> Check:
        if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
            raise _Unsupported(value)
        names = frozenset(value)
        return lambda v: not isinstance(v, dict) or names <= v.keys()

    def _additional(self, value: Any, schema: dict[str, Any]) -> Check | None:
        if "properties" in schema:
            return None  # checked with the properties
        extra = self.compile(value)

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            return all(map(extra, v.values()))

        return check

    def _items(self, value: Any, _: dict[str, Any]) -> Check:
        item = self.compile(value)

        def check(v: Any) -> bool:
            if not isinstance(v, list):
                return True
            return all(map(item, v))

        return check

    def _any_of(self, value: Any, _: dict[str, Any]) -> Check:
        if not isinstance(value, list) or not value:
            raise _Unsupported(value)
        branches = tuple(self.compile(sub) for sub in value)

        def check(v: Any) -> bool:
            for branch in branches:  # noqa: SIM110 - hot path
                if branch(v):
                    return True
            return False

        return check

    def _enum(self, value: Any, _: dict[str, Any]) -> Check:
        if not isinstance(value, list) or not all(isinstance(e, str) for e in value):
            raise _Unsupported(value)  # strings only: no bool/number equality subtleties
        members = frozenset(value)
        return lambda v: isinstance(v, str) and v in members

    def _minimum(self, value: Any, _: dict[str, Any]) -> Check:
        bound = _number(value)
        return lambda v: not _TYPES["number"](v) or v >= bound

    def _maximum(self, value: Any, _: dict[str, Any]) -> Check:
        bound = _number(value)
        return lambda v: not _TYPES["number"](v) or v <= bound

    def _pattern(self, value: Any, _: dict[str, Any]) -> Check:
        if not isinstance(value, str):
            raise _Unsupported(value)
        regex = re.compile(value)
        return lambda v: not isinstance(v, str) or regex.search(v) is not None

    def _format(self, value: Any, _: dict[str, Any]) -> Check:
        if not isinstance(value, str):
            raise _Unsupported(value)
        formats = self.formats
        return lambda v: formats.conforms(v, value)

    def _ref(self, value: Any, _: dict[str, Any]) -> Check:
        if not isinstance(value, str) or not value.startswith("#/$defs/"):
            raise _Unsupported(value)
        name = value.removeprefix("#/$defs/")
        defs = self.root.get("$defs")
        if not isinstance(defs, dict) or name not in defs or "/" in name or "~" in name:
            raise _Unsupported(value)
        if name not in self.refs:
            slot: list[Check] = []
            self.refs[name] = lambda v: slot[0](v)  # a placeholder while compiling recursion
            slot.append(self.compile(defs[name]))
            self.refs[name] = slot[0]
        return self.refs[name]


def _accept(_: Any) -> bool:
    return True


def _reject(_: Any) -> bool:
    return False


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Unsupported(value)
    return value
