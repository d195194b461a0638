"""An e-mail address a person gives us, read strictly: a bare ``local@domain``.

Mail headers read more than a bare address: ``(comment)`` is dropped, ``name:`` starts a
group, quotes and brackets change what the mailbox is. An address with any of them
would be counted (per-address limits, one owner's alerts) under one spelling and
delivered to another: ``victim@example.org(1)``, ``(2)victim@example.org`` and
``x:victim@example.org;`` all reach ``victim@example.org``. So the local part is a
dot-atom (RFC 5322 atext, and letters or digits of any script), the domain dot-separated
labels of letters, digits and inner hyphens ending in a name, and nothing else is
accepted: what is counted is what a message is sent to.

A domain, too, has many spellings a mail system reads as one (IDNA): full-width letters
(``ｅｘａｍｐｌｅ.org``), capitals, a letter composed or with a combining mark
(``bücher``), and the ASCII form (``xn--bcher-kva``). So the domain is read in that one
ASCII form (each label normalised, NFKC, in lower case, and written in Punycode when it
is not ASCII), and that is what is counted and what a message is sent to; the local part
is the mailbox's own business and stays as written.
"""

from __future__ import annotations

import re
import unicodedata

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
    labels = [_ascii_label(label) for label in domain.split(".")]
    if len(labels) < 2 or not all(labels) or not _TLD.fullmatch(labels[-1] or ""):
        return None
    found = f"{local}@{'.'.join(labels)}"  # type: ignore[arg-type]
    return found if len(found) <= MAX_ADDRESS else None


def _ascii_label(label: str) -> str | None:
    """A domain's label in its one ASCII form (the IDNA one), or None when it is no label:
    normalised as IDNA maps it (NFKC: full-width letters are the ASCII ones, a letter and
    its combining mark the composed letter), in lower case, then Punycode when not ASCII;
    a label that normalises into a dot or a space is refused, not read as two."""
    normal = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", label).lower())
    if not _label(normal):
        return None
    if normal.isascii():
        return normal
    try:
        encoded = "xn--" + normal.encode("punycode").decode("ascii")
    except UnicodeError:
        return None
    return encoded if len(encoded) <= 63 else None


def mailbox_key(text: str) -> str:
    """The mailbox an address reaches, as the per-address bounds count it: the address
    (its domain in ASCII) in lower case, without an RFC 5233 sub-address (the ``+tag``
    of ``ana+alertas@example.org``, which reaches ``ana@example.org`` at most providers
    and which whoever writes the address picks at will). Counting every tag as its
    mailbox only ever counts more: mail is still sent to the address as given."""
    address = (mailbox(text) or text.strip()).lower()
    local, at, domain = address.rpartition("@")
    base = local.split("+", 1)[0]
    return f"{base}{at}{domain}" if base else address


# providers whose mailboxes ignore the dots of their local part (``a.na@`` is ``ana@``),
# with the domain each is one with; whoever writes the address picks where the dots go
DOTLESS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def inbox_key(text: str) -> str:
    """The inbox an address reaches, as the alerts' bound on confirmation e-mails counts
    it: :func:`mailbox_key`, and a Gmail address without the dots of its local part, in
    the one domain (``a.n.a@googlemail.com`` is ``ana@gmail.com``'s inbox: an address of
    ten letters has 512 spellings, each a fresh address to a bound counted by
    ``mailbox_key``). Only ever counts more; mail is sent to the address as given."""
    key = mailbox_key(text)
    local, at, domain = key.rpartition("@")
    if at and domain in DOTLESS:
        return f"{local.replace('.', '')}@{DOTLESS[domain]}"
    return key


def like_escaped(text: str) -> str:
    """``text`` as a literal in a SQL ``LIKE`` pattern escaped with a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
