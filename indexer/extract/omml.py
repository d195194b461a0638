"""Word's equations (Office Math, OMML: ``m:oMath`` in a body's paragraph) as a line of
text in reading order. Their letters are in ``m:t``, not ``w:t``: read as a Word body,
a sentence's formula (an indemnity «salario diario × 90», a term «(a+b)/2») was lost,
and its words beside it joined across the gap. The structure gives what no letter
holds: a fraction's bar («/»), a power's place («^»), a subscript's («_»), a root's
sign, the brackets of a delimiter (``m:d``: its ``m:begChr``/``m:endChr``, «(» and «)»
when unsaid) and an n-ary operator's sign (``m:nary``: its ``m:chr``, «∫» when
unsaid). A numerator, denominator, exponent or root of more than one term is bracketed,
so «(a+b)/2» is not read «a+b/2» nor ½ «12»."""

from __future__ import annotations

from .model import ExtractionError

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MATH, TEXT = f"{M} oMath", f"{M} t"
_VAL = f"{M} val"
# the properties that hold a delimiter's or an operator's sign
_SIGNS = {f"{M} begChr": "beg", f"{M} endChr": "end", f"{M} sepChr": "sep", f"{M} chr": "chr"}
# a tree this deep, or this large, is no formula: the file is refused as ``too_large``
# (read flat, its fractions and powers would be wrong numbers: «1/2» as «12»)
MAX_DEPTH = 200
MAX_NODES = 100_000
# a run of Word's own text inside a formula (``w:r/w:t``: words between its terms)
WORD_TEXT = "http://schemas.openxmlformats.org/wordprocessingml/2006/main t"


class Node:
    """An element of a formula: its local name, its parts and the signs it said."""

    __slots__ = ("name", "parts", "signs")

    def __init__(self, name: str) -> None:
        self.name = name
        self.parts: list[Node | str] = []
        self.signs: dict[str, str] = {}

    def child(self, name: str) -> Node | None:
        return next((p for p in self.parts if isinstance(p, Node) and p.name == name), None)

    def children(self, name: str) -> list[Node]:
        return [p for p in self.parts if isinstance(p, Node) and p.name == name]


class Formula:
    """Builds one ``m:oMath`` from expat's events (its own start and end excluded)."""

    def __init__(self) -> None:
        self.root = Node("oMath")
        self.stack = [self.root]
        self.deeper = 0  # Word's own elements inside (``w:r``): their text is the node's
        self.nodes = 0
        self.in_text = False

    def start(self, name: str, attrs: list[str]) -> None:
        if name in (TEXT, WORD_TEXT):
            self.in_text = True
            return
        if sign := _SIGNS.get(name):  # (inside the element's properties)
            said = dict(zip(attrs[::2], attrs[1::2], strict=True))
            if len(self.stack) >= 2:
                self.stack[-2].signs[sign] = said.get(_VAL, "")
            return
        if not name.startswith(M):
            self.deeper += 1
            return
        self.nodes += 1
        if len(self.stack) > MAX_DEPTH or self.nodes > MAX_NODES:
            raise ExtractionError(
                "too_large",
                f"una fórmula del documento Word tiene más de {MAX_NODES} elementos o los "
                f"anida más de {MAX_DEPTH} niveles: no es una fórmula que se pueda leer",
            )
        node = Node(name[len(M) + 1 :])
        self.stack[-1].parts.append(node)
        self.stack.append(node)

    def end(self, name: str) -> None:
        if name in (TEXT, WORD_TEXT):
            self.in_text = False
        elif name in _SIGNS:
            return
        elif self.deeper:
            self.deeper -= 1
        elif len(self.stack) > 1:
            self.stack.pop()

    def chars(self, data: str) -> None:
        if self.in_text:
            self.stack[-1].parts.append(data)

    def text(self) -> str:
        return _render(self.root).strip()


def _simple(text: str) -> bool:
    """One term: a number, a name, or already bracketed."""
    text = text.strip()
    if len(text) <= 1 or text.replace(".", "").replace(",", "").isalnum():
        return True
    return text[0] in "([{" and text[-1] in ")]}" and _closes_at_end(text)


def _closes_at_end(text: str) -> bool:
    depth = 0
    for at, char in enumerate(text):
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0 and at < len(text) - 1:
            return False
    return True


def _term(text: str) -> str:
    text = text.strip()
    return text if _simple(text) else f"({text})"


def _part(node: Node, name: str) -> str:
    found = node.child(name)
    return _render(found).strip() if found is not None else ""


def _render(node: Node) -> str:
    name = node.name
    if name.endswith("Pr"):  # properties: no text of their own
        return ""
    if name == "f":
        return f"{_term(_part(node, 'num'))}/{_term(_part(node, 'den'))}"
    if name in ("sSup", "sSub", "sSubSup", "sPre"):
        base = _term(_part(node, "e"))
        sub, sup = _part(node, "sub"), _part(node, "sup")
        scripts = (f"_{_term(sub)}" if sub else "") + (f"^{_term(sup)}" if sup else "")
        return scripts + base if name == "sPre" else base + scripts
    if name == "rad":
        degree = _part(node, "deg")
        return ("" if not degree else f"{_term(degree)}") + f"√{_term(_part(node, 'e'))}"
    if name == "d":
        begin, end = node.signs.get("beg", "("), node.signs.get("end", ")")
        separator = node.signs.get("sep", "|")
        inner = separator.join(_render(e).strip() for e in node.children("e"))
        return f"{begin}{inner}{end}"
    if name == "nary":
        sign = node.signs.get("chr", "∫")
        sub, sup = _part(node, "sub"), _part(node, "sup")
        limits = (f"_{_term(sub)}" if sub else "") + (f"^{_term(sup)}" if sup else "")
        return f"{sign}{limits} {_part(node, 'e')}"
    if name == "func":
        argument = _part(node, "e")
        joint = "" if argument.startswith("(") else " "
        return f"{_part(node, 'fName')}{joint}{argument}"
    if name in ("limLow", "limUpp"):
        mark = "_" if name == "limLow" else "^"
        return f"{_part(node, 'e')}{mark}{_term(_part(node, 'lim'))}"
    if name == "m":  # a matrix: its rows
        rows = [
            " ".join(_render(e).strip() for e in row.children("e")) for row in node.children("mr")
        ]
        return "[" + "; ".join(rows) + "]"
    if name == "eqArr":  # equations one under the other
        return "\n".join(_render(e).strip() for e in node.children("e"))
    return "".join(part if isinstance(part, str) else _render(part) for part in node.parts)
