"""The names of the catalogue the project ships (``config/sources`` and its
``catalogue/`` folder): an institution's source may not take one of their ids or identity
scopes, whichever catalogue the operator crawls today. The operator may switch to the
shipped catalogue (or one of its specs) at any time, and its documents would then be filed
under the institution's source, or the institution's under the catalogue's (``abierto``
stops crawling both: ``cli.registry.catalogue_clashes``). Only the institution a shipped
spec publishes for (same name and jurisdiction) may register it as its own."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from config.specs import SourceSpec, bundled_sources_dir, read_specs

# an honorific a congress's name may begin with, or not («H. Congreso del Estado …»)
_HONORIFIC = re.compile(r"^(?:h\.\s*|honorable\s+)")


@lru_cache(maxsize=1)
def shipped_specs() -> tuple[SourceSpec, ...]:
    """The specs shipped with the project (read once: they change with a release)."""
    folder = bundled_sources_dir()
    return tuple(read_specs(folder)[0] + read_specs(folder / "catalogue")[0])


def shipped_claim(name: str, institution: str, jurisdiction: str) -> SourceSpec | None:
    """The shipped spec whose id or identity scope ``name`` is, when it is not the
    publication of ``institution`` (in ``jurisdiction``); None when ``name`` is free."""
    for spec in shipped_specs():
        scope = spec.identity.scope if spec.identity and spec.identity.scope else spec.id
        if name not in (spec.id, scope):
            continue
        own = _folded(spec.institution) == _folded(institution)
        if not (own and spec.jurisdiction == jurisdiction):
            return spec
    return None


def _folded(name: str) -> str:
    """A name as compared with another: case, accents, runs of spaces and an honorific
    «H.» or «Honorable» before it aside («H. Congreso del Estado de Guanajuato» is the
    «Congreso del Estado de Guanajuato»)."""
    letters = unicodedata.normalize("NFKD", name.casefold())
    folded = " ".join("".join(c for c in letters if not unicodedata.combining(c)).split())
    return _HONORIFIC.sub("", folded)
