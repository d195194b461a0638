"""Request and response bodies of ``/v1/alerts``."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Rate = Literal["inmediata", "diaria", "semanal"]
QUERY_HELP = (
    "The parameters of a /v1/search, as an object: q and any filter (kind, matter, "
    "ponente, court, expediente, year…; a list for several values), date_from, date_to. "
    'E.g. {"q": "\\"pensión alimenticia\\"", "matter": "familiar"}. Validated exactly '
    "as /v1/search validates them."
)


class Delivery(BaseModel):
    """Where matches go: exactly one of a webhook URL or an e-mail address."""

    model_config = ConfigDict(extra="forbid")

    webhook: str | None = Field(
        None,
        max_length=2000,
        description="https URL that receives each match as signed JSON (needs an API key).",
    )
    email: str | None = Field(
        None, max_length=254, description="Address that receives the matches after confirming."
    )


class AlertRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # each value a text or a list of texts: checked after the names, so an unknown
    # parameter is said as such (``routers.alerts._alert_search``)
    query: dict[str, Any] = Field(default_factory=dict, description=QUERY_HELP)
    delivery: Delivery
    rate: Rate = Field(
        "inmediata",
        description="inmediata (as matches happen), diaria or semanal (one digest per "
        "period, none when nothing matched). Webhooks are always inmediata.",
    )


class AlertEdit(BaseModel):
    """What an alert's owner may change: its search and its frequency (not where it is
    delivered: a new address or webhook is a new alert, confirmed or checked as one)."""

    model_config = ConfigDict(extra="forbid")

    query: dict[str, Any] | None = Field(
        None, description=QUERY_HELP + " Replaces the whole saved search."
    )
    rate: Rate | None = Field(None, description="The new frequency (webhooks: inmediata).")


class DeliveryAttempt(BaseModel):
    attempted_at: dt.datetime
    status: str = Field(
        description="entregada, fallida, omitida (document withheld since), aviso (its "
        "owner was told it is suspended) or aviso-reactivada (told it is active again)."
    )
    cause: str | None = None
    http_status: int | None = None
    matches: int = Field(description="How many matches the attempt carried.")


class AlertView(BaseModel):
    id: str
    status: str = Field(
        description="pendiente (e-mail not confirmed yet), activa, desactivada (see reason), "
        "suspendida (its saved search is no longer admitted: not matched; reason says why; "
        "change its search with PATCH, or wait: re-admitted by a later version it is active "
        "again and its owner told) or baja (unsubscribed)."
    )
    reason: str | None = Field(None, description="Why the alert is not active, in Spanish.")
    channel: Literal["webhook", "email"]
    target: str
    rate: Rate
    query: dict[str, Any]
    created_at: dt.datetime
    edited_at: dt.datetime | None = Field(
        None, description="When its search or frequency was last changed (None: never)."
    )
    active_since: dt.datetime | None = None
    consecutive_failures: int = 0
    next_attempt_at: dt.datetime | None = None
    matches: int = Field(0, description="Documents matched since the alert became active.")
    undelivered: int = Field(0, description="Matches not delivered yet.")
    deliveries: list[DeliveryAttempt] = Field(
        default_factory=list, description="The latest delivery attempts, newest first."
    )


class AlertCreated(AlertView):
    secret: str | None = Field(
        None,
        description="The webhook's signing secret: shown only now. Verify each delivery's "
        "X-Abierto-Signature with it (see the README).",
    )
    manage_token: str | None = Field(
        None,
        description="For an e-mail alert made without a key: send it as X-Alert-Token to "
        "read or delete the alert. Shown only now.",
    )
    matching_now: int = Field(description="Documents in the library that match today.")
    mensaje: str = Field(description="What happens next, in Spanish.")


class AlertList(BaseModel):
    alerts: list[AlertView]
