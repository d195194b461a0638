"""``abierto alerts deliver``: send what alerts matched (for cron, or ``--loop``)."""

from __future__ import annotations

import argparse
import contextlib
import threading

from cli.numbers import whole
from config.settings import Settings


def cmd_deliver(args: argparse.Namespace, settings: Settings) -> int:
    from crawlers.alerts.delivery import Deliverer

    deliverer = Deliverer(settings, concurrency=args.concurrency)
    try:
        if args.loop:
            stop = threading.Event()
            print(f"entregando alertas cada {settings.alert_poll_s:g} s", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                deliverer.run(stop)
            return 0
        done = deliverer.run_once()
        print(
            f"{done.alerts} alertas: {done.delivered} coincidencias entregadas, "
            f"{done.failed} fallidas; {done.expired} sin confirmar borradas "
            f"(pasados {settings.alert_pending_days} días)"
        )
        return 0
    finally:
        deliverer.close()
        deliverer.db.close()


def add_commands(commands: argparse._SubParsersAction) -> None:
    alerts = commands.add_parser("alerts", help="alertas: entrega sus coincidencias")
    actions = alerts.add_subparsers(dest="action", required=True)
    deliver = actions.add_parser(
        "deliver",
        help="envía las coincidencias pendientes: webhooks al momento, correos según su frecuencia",
    )
    deliver.add_argument(
        "--loop", action="store_true", help="sigue entregando hasta que se detenga"
    )
    deliver.add_argument(
        "--concurrency",
        type=whole(1),
        default=8,
        help="alertas entregadas a la vez (por omisión 8)",
    )
    deliver.set_defaults(func=cmd_deliver)
