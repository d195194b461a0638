"""The alerts' e-mails, in Spanish: the confirmation of a subscription, and the matches
(one message per delivery, listing every document). Plain text and simple HTML; each
carries a one-click unsubscribe link and the RFC 8058 headers that let a mail program
offer it."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from indexer.alerts.book import CONFIRM_DAYS
from indexer.db.alert_tables import AlertRow
from indexer.mail import compose
from indexer.spanish import FILTER_WORDS, KIND_LABELS, date_words

UPDATED = "Documento actualizado: su texto cambió desde que se lo enviamos."
RATE_WORDS = {
    "inmediata": "en cuanto aparecen",
    "diaria": "una vez al día",
    "semanal": "cada semana",
}


@dataclass(frozen=True)
class MatchedDocument:
    """One document of a delivery, as a reader sees it; ``changed``: delivered before, its
    content changed since (an updated document, not a new one)."""

    match_id: int
    document_id: str
    kind: str
    title: str
    date: dt.date | None
    institution: str
    snippet: str
    permalink: str
    changed: bool = False


def describe(query: dict[str, Any]) -> str:
    """The search in words: «pensión definitiva» · materia: penal."""
    words = " ".join((query.get("q") or "").split())
    parts = [f"«{words}»"] if words else []
    for name, values in (query.get("filters") or {}).items():
        named = FILTER_WORDS.get(name, name)
        parts.append(" ".join(f"{named}: {', '.join(values)}".split()))
    if query.get("date_from"):
        parts.append(f"desde el {date_words(dt.date.fromisoformat(query['date_from']), False)}")
    if query.get("date_to"):
        parts.append(f"hasta el {date_words(dt.date.fromisoformat(query['date_to']), False)}")
    return " · ".join(parts) or "todos los documentos nuevos"


def unsubscribe_url(alert: AlertRow, token: str) -> str:
    """The link that ends ``alert``; ``token`` comes from ``AlertBook.unsubscribe_token``
    (the database keeps only its hash)."""
    return f"{alert.base_url}/v1/alerts/unsubscribe/{token}"


def edit_url(alert: AlertRow, token: str) -> str:
    """The page where the address's owner changes the alert's search or frequency: the
    same signed token as the unsubscribe link (only that mailbox receives it)."""
    return f"{alert.base_url}/v1/alerts/editar/{token}"


def _unsubscribe_headers(alert: AlertRow, token: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(alert, token)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def confirmation(
    alert: AlertRow, sender: str, confirm_token: str, unsubscribe: str, full: int | None = None
) -> EmailMessage:
    """Double opt-in: nothing else is sent to the address until the link is followed.
    Only our words: anyone may name any address, so the search they typed (or its filter
    values) would reach a stranger's inbox under this service's name — a spam or phishing
    line from a trusted sender. The link's page shows the search and asks to confirm.
    ``full``: the address already receives that many alerts, as many as allowed; said
    here only, to the address's owner (the API answers whoever asked as for any address:
    its refusal told anyone how many alerts an address held)."""
    link = f"{alert.base_url}/v1/alerts/confirm/{confirm_token}"
    rate = RATE_WORDS.get(alert.rate, "")
    when = f", {rate}," if rate else ""
    limit = (
        f"Esta dirección ya recibe {full} alertas, las que se admiten por dirección: para "
        "confirmar esta, dé antes de baja alguna (con el enlace de sus correos).\n\n"
        if full is not None
        else ""
    )
    said = f"<p>{html.escape(limit.strip())}</p>" if limit else ""
    text = (
        "Hola:\n\n"
        f"Alguien pidió recibir en esta dirección{when} avisos de los documentos nuevos de "
        "Estado Abierto que coincidan con una búsqueda.\n\n"
        f"Para ver la búsqueda y confirmar la alerta, abra este enlace (vale {CONFIRM_DAYS} "
        f"días):\n\n    {link}\n\n"
        f"{limit}"
        "Si no fue usted, no haga nada: sin confirmación no le enviaremos ningún aviso.\n\n"
        "Estado Abierto\n"
    )
    body = (
        "<p>Hola:</p>"
        f"<p>Alguien pidió recibir en esta dirección{html.escape(when)} avisos de los "
        "documentos nuevos de Estado Abierto que coincidan con una búsqueda.</p>"
        f'<p><a href="{html.escape(link)}">Ver la búsqueda y confirmar la alerta</a> '
        f"(el enlace vale {CONFIRM_DAYS} días)</p>"
        f"{said}"
        "<p>Si no fue usted, no haga nada: sin confirmación no le enviaremos ningún aviso.</p>"
        "<p>Estado Abierto</p>"
    )
    return compose(
        sender=sender,
        to=alert.target,
        subject="Confirme su alerta de Estado Abierto",
        text=text,
        html=_page(body),
        headers=_unsubscribe_headers(alert, unsubscribe),
    )


def matches(
    alert: AlertRow,
    sender: str,
    documents: list[MatchedDocument],
    today: dt.date,
    unsubscribe_token: str,
) -> EmailMessage:
    """The documents of one delivery (an immediate notice or a digest)."""
    search = describe(alert.query)
    count = len(documents)
    noun = _counted(
        sum(not doc.changed for doc in documents), sum(doc.changed for doc in documents)
    )
    verb = "coincide" if count == 1 else "coinciden"
    if alert.rate == "inmediata":
        subject = f"{noun}: {search}"
        lead = f"Hay {noun} que {verb} con su búsqueda {search}."
    else:
        period = "del día" if alert.rate == "diaria" else "de la semana"
        subject = f"Resumen {period}: {noun} — {search}"
        lead = (
            f"Su resumen {period}, al {date_words(today)}: {noun} que {verb} "
            f"con su búsqueda {search}."
        )
    unsubscribe = unsubscribe_url(alert, unsubscribe_token)
    lines = [lead, ""]
    items = []
    for number, doc in enumerate(documents, 1):
        when = date_words(doc.date, weekday=False) if doc.date else "sin fecha"
        kind = KIND_LABELS.get(doc.kind, doc.kind)
        lines += [
            f"{number}. {doc.title}",
            f"   {kind} · {doc.institution} · {when}",
            *([f"   {UPDATED}"] if doc.changed else []),
            f"   {doc.snippet}",
            f"   {doc.permalink}",
            "",
        ]
        updated = f"<br><small><strong>{UPDATED}</strong></small>" if doc.changed else ""
        items.append(
            f'<li><p><a href="{html.escape(doc.permalink)}">{html.escape(doc.title)}</a><br>'
            f"<small>{html.escape(kind)} · {html.escape(doc.institution)} · "
            f"{html.escape(when)}</small>{updated}</p><p>{html.escape(doc.snippet)}</p></li>"
        )
    change = edit_url(alert, unsubscribe_token)
    lines += [
        "Recibe este correo porque confirmó una alerta en Estado Abierto.",
        f"Para cambiar su búsqueda o su frecuencia: {change}",
        f"Para no recibir más avisos de esta alerta: {unsubscribe}",
    ]
    body = (
        f"<p>{html.escape(lead)}</p><ol>{''.join(items)}</ol>"
        "<p><small>Recibe este correo porque confirmó una alerta en Estado Abierto. "
        f'<a href="{html.escape(change)}">Cambiar esta alerta</a> · '
        f'<a href="{html.escape(unsubscribe)}">Dejar de recibir esta alerta</a>.</small></p>'
    )
    return compose(
        sender=sender,
        to=alert.target,
        subject=subject[:200],
        text="\n".join(lines) + "\n",
        html=_page(body),
        headers=_unsubscribe_headers(alert, unsubscribe_token),
    )


def suspended(alert: AlertRow, sender: str, unsubscribe_token: str) -> EmailMessage:
    """Told once, when the alert's saved search stopped being admitted (``AlertRow``'s
    ``suspendida``): why, and how to receive its documents again."""
    search = describe(alert.query)
    unsubscribe = unsubscribe_url(alert, unsubscribe_token)
    searching = f"{alert.base_url}/buscar"
    why = (alert.reason or "el servicio ya no admite su búsqueda").strip().rstrip(".")
    lead = f"Su alerta de la búsqueda {search} ya no recibe documentos nuevos."
    why = f"{why[:1].upper()}{why[1:]}."
    change = edit_url(alert, unsubscribe_token)
    fix = (
        f"Puede probar la búsqueda corregida en {searching} y cambiar la de esta alerta en "
        "la página de abajo: volverá a estar activa. Para darla de baja:"
    )
    text = (
        f"Hola:\n\n{lead}\n\n{why}\n\n{fix}\n\n    Cambiar esta alerta: {change}\n"
        f"    Darla de baja: {unsubscribe}\n\n"
        "Solo le escribimos esta vez por este motivo.\n\nEstado Abierto\n"
    )
    body = (
        f"<p>Hola:</p><p>{html.escape(lead)}</p><p>{html.escape(why)}</p>"
        f"<p>{html.escape(fix)}</p>"
        f'<p><a href="{html.escape(change)}">Cambiar esta alerta</a> · '
        f'<a href="{html.escape(unsubscribe)}">Dar de baja esta alerta</a></p>'
        "<p>Solo le escribimos esta vez por este motivo.</p><p>Estado Abierto</p>"
    )
    return compose(
        sender=sender,
        to=alert.target,
        subject=f"Su alerta ya no recibe documentos nuevos: {search}"[:200],
        text=text,
        html=_page(body),
        headers=_unsubscribe_headers(alert, unsubscribe_token),
    )


def readmitted(alert: AlertRow, sender: str, unsubscribe_token: str) -> EmailMessage:
    """Told once, when a suspended alert's saved search is admitted again (a newer
    version of the service): it is active again, and what was published while it was
    suspended is not sent."""
    search = describe(alert.query)
    unsubscribe = unsubscribe_url(alert, unsubscribe_token)
    change = edit_url(alert, unsubscribe_token)
    lead = f"Su alerta de la búsqueda {search} vuelve a estar activa."
    why = (
        "El servicio vuelve a admitir su búsqueda tal como la guardó: desde ahora le "
        "enviaremos sus documentos nuevos. Los publicados mientras estuvo suspendida no se "
        f"buscaron; puede consultarlos en {alert.base_url}/buscar."
    )
    text = (
        f"Hola:\n\n{lead}\n\n{why}\n\n    Cambiar esta alerta: {change}\n"
        f"    Darla de baja: {unsubscribe}\n\nEstado Abierto\n"
    )
    body = (
        f"<p>Hola:</p><p>{html.escape(lead)}</p><p>{html.escape(why)}</p>"
        f'<p><a href="{html.escape(change)}">Cambiar esta alerta</a> · '
        f'<a href="{html.escape(unsubscribe)}">Dar de baja esta alerta</a></p>'
        "<p>Estado Abierto</p>"
    )
    return compose(
        sender=sender,
        to=alert.target,
        subject=f"Su alerta vuelve a estar activa: {search}"[:200],
        text=text,
        html=_page(body),
        headers=_unsubscribe_headers(alert, unsubscribe_token),
    )


def _counted(new: int, updated: int) -> str:
    """«1 documento nuevo», «2 documentos actualizados», «3 documentos nuevos y 1
    actualizado»: a document sent before whose content changed is not called new."""
    parts = []
    if new:
        parts.append(f"{new} {'documento nuevo' if new == 1 else 'documentos nuevos'}")
    if updated:
        word = "actualizado" if updated == 1 else "actualizados"
        noun = "" if new else ("documento " if updated == 1 else "documentos ")
        parts.append(f"{updated} {noun}{word}")
    return " y ".join(parts) or "0 documentos nuevos"


def _page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="es"><meta charset="utf-8"><body>{body}</body></html>'
