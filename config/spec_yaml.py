"""Reading a spec file's YAML within bounds: plain YAML only (no ``!!python/…`` or other
tags), nesting and the values that anchors and aliases expand to counted before anything
is built, so a file nested 50,000 deep or a "billion laughs" of aliases is refused in
moments instead of exhausting the stack or the memory of a crawl."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
)

MAX_DEPTH = 32
MAX_VALUES = 20_000
MAX_NUMBER_DIGITS = 100
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
} | {"!"}
_MERGE = "tag:yaml.org,2002:merge"
_NUMBER = re.compile(r"[-+]?[0-9_]+(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?")


class SpecYamlError(ValueError):
    """YAML a spec file may not hold; the message says why and where, in Spanish (the
    operator reads it in ``abierto``'s output)."""


def _where(event: Any) -> str:
    mark = event.start_mark
    return f"línea {mark.line + 1}, columna {mark.column + 1}" if mark else "?"


def yaml_problem(exc: yaml.YAMLError) -> str:
    """Where PyYAML stopped reading, in Spanish (its own words are English)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f" cerca de la línea {mark.line + 1}, columna {mark.column + 1}" if mark else ""
    return f"no se puede leer{where}: revise la sangría, los dos puntos y las comillas"


def _check_events(text: str) -> None:
    """Depth, tags, long numbers and the size aliases expand to, from the event stream
    (the parser keeps its own stack: it does not recurse however deep the nesting)."""
    sizes: list[int] = [0]  # values counted per open collection, the document at the bottom
    anchored: list[str | None] = [None]
    anchors: dict[str, int] = {}
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        tag = getattr(event, "tag", None)
        if isinstance(event, NodeEvent) and tag is not None and tag not in _PLAIN_TAGS:
            raise SpecYamlError(
                f"{_where(event)}: la etiqueta {tag!r} no se admite: las especificaciones son "
                "YAML simple (objetos, listas, textos, números)"
            )
        if isinstance(event, CollectionStartEvent):
            if len(sizes) > MAX_DEPTH:
                raise SpecYamlError(f"{_where(event)}: está anidado a más de {MAX_DEPTH} niveles")
            sizes.append(1)
            anchored.append(event.anchor)
            continue
        if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            size, anchor = sizes.pop(), anchored.pop()
        elif isinstance(event, AliasEvent):
            size, anchor = anchors.get(event.anchor or "", 1), None
        elif isinstance(event, ScalarEvent):
            _check_scalar(event)
            size, anchor = 1, event.anchor
        else:
            continue
        if anchor:
            anchors[anchor] = size
        sizes[-1] += size
        if sum(sizes) > MAX_VALUES:
            raise SpecYamlError(
                f"{_where(event)}: tiene más de {MAX_VALUES} valores al expandir anclas y alias"
            )


def _check_scalar(event: ScalarEvent) -> None:
    value = event.value
    digits = sum(c.isdigit() for c in value)
    if event.style is None and digits > MAX_NUMBER_DIGITS and _NUMBER.fullmatch(value):
        raise SpecYamlError(
            f"{_where(event)}: un número de {digits} cifras: ningún campo lo admite"
        )


class _SpecLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a key written twice in one mapping: PyYAML keeps the
    last silently, so a second ``listing:`` block would drop the first unseen (a merge
    ``<<:`` may still be overridden, as YAML means it)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                continue
            key = self.construct_object(key_node)
            if key in seen:
                raise SpecYamlError(
                    f"{_where(key_node)}: la clave «{str(key)[:80]}» se escribió dos veces en "
                    "el mismo objeto: déjela una vez"
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str) -> Any:
    """The data in a spec file's text (raises SpecYamlError or yaml.YAMLError)."""
    _check_events(text)
    try:
        return yaml.load(text, Loader=_SpecLoader)
    except SpecYamlError:
        raise
    except (ValueError, RecursionError) as exc:  # numbers Python will not convert, and the like
        raise SpecYamlError(
            "un valor no se puede leer (un número demasiado largo, una fecha imposible u "
            "otro valor que no se convierte)"
        ) from exc
