"""Hand messages to an SMTP server, one connection per batch."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterable
from email.message import EmailMessage

from config.settings import Settings


class MailError(Exception):
    """A message was not accepted. Its text says why for the operator's log (the relay's
    host, port and replies); ``causa`` says it in Spanish for the alert's owner, who reads
    it in the delivery record (GET /v1/alerts/{id}) and must learn nothing of the relay."""

    def __init__(self, message: str, causa: str) -> None:
        super().__init__(message)
        self.causa = causa


class Mailer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def configured(self) -> bool:
        return bool(self.settings.smtp_host)

    @property
    def sender(self) -> str:
        return self.settings.smtp_sender

    def send(self, message: EmailMessage) -> None:
        self.send_all([message])

    def send_all(self, messages: Iterable[EmailMessage]) -> None:
        """Send every message over one connection; the first refusal stops the batch."""
        s = self.settings
        if not s.smtp_host:
            raise MailError(
                "no SMTP server is configured (ABIERTO_SMTP_HOST)",
                "el servicio no tiene configurado el envío de correo",
            )
        try:
            with self._connect() as smtp:
                if s.smtp_username:
                    smtp.login(s.smtp_username, s.smtp_password or "")
                for message in messages:
                    refused = smtp.send_message(message)
                    if refused:
                        raise MailError(
                            f"recipients refused: {', '.join(sorted(refused))}",
                            _refused(refused),
                        )
        except MailError:
            raise
        except smtplib.SMTPRecipientsRefused as exc:
            raise MailError(
                f"recipients refused: {', '.join(sorted(exc.recipients))}",
                _refused(exc.recipients),
            ) from exc
        except smtplib.SMTPAuthenticationError as exc:
            raise MailError(
                f"the SMTP server refused the login ({exc.smtp_code})",
                "el servidor de correo del servicio no aceptó su usuario y contraseña",
            ) from exc
        except smtplib.SMTPResponseException as exc:
            detail = exc.smtp_error.decode("utf-8", "replace")[:200]
            raise MailError(
                f"the SMTP server answered {exc.smtp_code}: {detail}",
                f"el servidor de correo del servicio no aceptó el mensaje (código {exc.smtp_code})",
            ) from exc
        except smtplib.SMTPException as exc:
            raise MailError(
                f"SMTP error: {exc}", "el servidor de correo del servicio cortó el envío"
            ) from exc
        except TimeoutError as exc:
            raise MailError(
                f"the SMTP server did not answer in {s.smtp_timeout_s:g} s",
                f"el servidor de correo del servicio no respondió en {s.smtp_timeout_s:g} s",
            ) from exc
        except OSError as exc:
            raise MailError(
                f"cannot reach the SMTP server {s.smtp_host}:{s.smtp_port}: {exc}",
                "no se pudo conectar con el servidor de correo del servicio",
            ) from exc

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        assert s.smtp_host
        if s.smtp_security == "tls":
            return smtplib.SMTP_SSL(
                s.smtp_host,
                s.smtp_port,
                timeout=s.smtp_timeout_s,
                context=ssl.create_default_context(),
            )
        smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_s)
        if s.smtp_security == "starttls":
            try:
                smtp.starttls(context=ssl.create_default_context())
            except BaseException:
                smtp.close()
                raise
        return smtp


def _refused(recipients: Iterable[str]) -> str:
    addresses = sorted(recipients)
    if len(addresses) == 1:
        return f"el servidor de correo rechazó la dirección {addresses[0]}"
    return f"el servidor de correo rechazó las direcciones {', '.join(addresses)}"
