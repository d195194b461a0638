"""An e-mail address a person gives us, read strictly: a bare ``local@domain``.

Mail headers read more than a bare address: ``(comment)`` is dropped, ``name:`` starts a
group, quotes and brackets change what the mailbox is. An address with any of them
would be counted (per-address limits, one owner's alerts) under one spelling and
delivered to another: ``victim@example.org(1)``, ``(2)victim@example.org`` and
``x:victim@example.org;`` all reach ``victim@example.org``. So the local part is a
dot-atom (RFC 5322 atext, and letters or digits of any script), the domain dot-separated
labels of letters, digits and inner hyphens ending in a name, and nothing else is
accepted: what is counted is what a message is sent to.
"""

from __future__ import annotations

import re

_ATEXT = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]")
_TLD = re.compile(r"[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59}", re.IGNORECASE)
MAX_LOCAL = 64
MAX_ADDRESS = 254


def _atom_char(char: str) -> bool:
    return bool(_ATEXT.fullmatch(char)) or (not char.isascii() and char.isalnum())


def _label(label: str) -> bool:
    return (
        0 < len(label) <= 63
        and all(c == "-" or (c.isalnum() and (c.isascii() or not c.isdigit())) for c in label)
        and not label.startswith("-")
        and not label.endswith("-")
    )


def mailbox(text: str) -> str | None:
    """``text`` trimmed, if it is a bare address a message can be sent to; else None."""
    address = text.strip()
    if len(address) > MAX_ADDRESS or address.count("@") != 1:
        return None
    local, domain = address.split("@")
    atoms = local.split(".")
    if not 0 < len(local) <= MAX_LOCAL or not all(a and all(map(_atom_char, a)) for a in atoms):
        return None
    labels = domain.split(".")
    if len(labels) < 2 or not all(map(_label, labels)) or not _TLD.fullmatch(labels[-1]):
        return None
    return address
