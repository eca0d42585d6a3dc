"""JSON Patch (RFC 6902) and JSON Merge Patch (RFC 7396) on parsed JSON, for scenario files.

A scenario names a base document and the few changes that make its case; :func:`apply_patch`
applies them. Every refusal is a :class:`~post65.errors.Problem` located at the operation
(``/patch/2``), collected into one :class:`~post65.errors.InvalidDocument`.

>>> base = {"measures": [{"id": "m1", "uses": ["iv"]}], "year": 2024}
>>> apply_patch(base, [{"op": "replace", "path": "/measures/0/uses", "value": []}])
{'measures': [{'id': 'm1', 'uses': []}], 'year': 2024}
>>> apply_patch(base, {"year": 2025, "measures": None})
{'year': 2025}
>>> base["measures"][0]["uses"]  # the base is never changed
['iv']
"""

from __future__ import annotations

import copy
from typing import Any

from post65.errors import InvalidDocument, Problem
from post65.text import msg

__all__ = ["apply_patch", "merge_patch"]

_OPS = ("add", "remove", "replace", "move", "copy", "test")

DYNAMIC_KEYS = (
    "scenario.patch.pointer",
    "scenario.patch.index",
    "scenario.patch.missing",
    "scenario.patch.root",
    "scenario.patch.op",
    "scenario.patch.value",
    "scenario.patch.test",
    "scenario.patch.move_into",
)
"""The messages of refused operations, chosen by reason at run time."""


class _Refused(Exception):
    def __init__(self, reason: str, **args: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.args_ = args


def _tokens(pointer: object) -> list[str]:
    if not isinstance(pointer, str) or (pointer and not pointer.startswith("/")):
        raise _Refused("pointer", pointer=str(pointer)[:80])
    if pointer == "":
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def _index(container: list[Any], step: str, *, adding: bool) -> int:
    if adding and step == "-":
        return len(container)
    if not step.isdigit() or (step != "0" and step.startswith("0")):
        raise _Refused("index", token=step[:40])
    i = int(step)
    if i > len(container) or (i == len(container) and not adding):
        raise _Refused("index", token=step[:40])
    return i


def _parent(doc: Any, tokens: list[str]) -> Any:
    node = doc
    for t in tokens[:-1]:
        if isinstance(node, dict) and t in node:
            node = node[t]
        elif isinstance(node, list):
            node = node[_index(node, t, adding=False)]
        else:
            raise _Refused("missing", token=t[:40])
    return node


def _get(doc: Any, tokens: list[str]) -> Any:
    if not tokens:
        return doc
    parent = _parent(doc, tokens)
    last = tokens[-1]
    if isinstance(parent, dict) and last in parent:
        return parent[last]
    if isinstance(parent, list):
        return parent[_index(parent, last, adding=False)]
    raise _Refused("missing", token=last[:40])


def _remove(doc: Any, tokens: list[str]) -> Any:
    if not tokens:
        raise _Refused("root")
    parent = _parent(doc, tokens)
    last = tokens[-1]
    if isinstance(parent, dict) and last in parent:
        return parent.pop(last)
    if isinstance(parent, list):
        return parent.pop(_index(parent, last, adding=False))
    raise _Refused("missing", token=last[:40])


def _add(doc: Any, tokens: list[str], value: Any) -> Any:
    if not tokens:
        return value
    parent = _parent(doc, tokens)
    last = tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        parent.insert(_index(parent, last, adding=True), value)
    else:
        raise _Refused("missing", token=last[:40])
    return doc


def _one(doc: Any, op: object) -> Any:
    if not isinstance(op, dict) or op.get("op") not in _OPS:
        raise _Refused("op")
    name = op["op"]
    path = _tokens(op.get("path"))
    if name in ("add", "replace", "test") and "value" not in op:
        raise _Refused("value")
    if name == "add":
        return _add(doc, path, copy.deepcopy(op["value"]))
    if name == "remove":
        _remove(doc, path)
        return doc
    if name == "replace":
        _get(doc, path)  # the target must exist
        if not path:
            return copy.deepcopy(op["value"])
        _remove(doc, path)
        return _add(doc, path, copy.deepcopy(op["value"]))
    if name == "test":
        if _get(doc, path) != op["value"]:
            raise _Refused("test")
        return doc
    source = _tokens(op.get("from"))
    if name == "move":
        if path[: len(source)] == source and len(path) > len(source):
            raise _Refused("move_into")
        return _add(doc, path, _remove(doc, source))
    return _add(doc, path, copy.deepcopy(_get(doc, source)))  # copy


def merge_patch(target: Any, patch: Any) -> Any:
    """``target`` with the JSON Merge Patch ``patch`` applied (RFC 7396); a new value."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def apply_patch(document: Any, patch: Any, *, where: str = "/patch") -> Any:
    """``document`` changed by ``patch``: a list is a JSON Patch (RFC 6902), an object a JSON
    Merge Patch (RFC 7396). ``document`` itself is never changed; a refused operation raises
    :class:`~post65.errors.InvalidDocument` located at ``where/N``."""
    if isinstance(patch, dict):
        return merge_patch(document, patch)
    if not isinstance(patch, list):
        raise InvalidDocument([Problem(where, msg("scenario.patch.kind"))])
    doc = copy.deepcopy(document)
    for i, op in enumerate(patch):
        try:
            doc = _one(doc, op)
        except _Refused as exc:
            key = f"scenario.patch.{exc.reason}"
            raise InvalidDocument([Problem(f"{where}/{i}", msg(key, **exc.args_))]) from None
    return doc
