"""Runtime settings, read from ``ABIERTO_*`` environment variables.

Everything has a default that works on one machine with zero set-up: one data folder
holding the SQLite database, the Tantivy index and the archive of original files.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from config.child_environment import (
    database_client,
    named_in_specs,
    operator_choices,
    system_environment,
)

# window steps a search's proximity phrases may take on the embedded index beyond those
# its words' positions allow (``indexer.stores.tantivy_native``), some 40 ms of CPU: the
# phrases people ask never go beyond (their steps stay under what their positions allow,
# at any size of the index), a long phrase of common words soon does (bench/phrase_budget.py);
# set, it brings a cap on the steps in all too (``tantivy_native.PHRASE_MAX_STEPS``)
PHRASE_WORK = 1 << 22

# what a crawl's process is never given: the mail account (crawls send no mail) and the
# key ``serve`` signs /fuentes sign-ins with when it hands it to its workers
NOT_FOR_CRAWLS = ("ABIERTO_SMTP_", "ABIERTO_PAGES_SECRET")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ABIERTO_", extra="ignore")

    data_dir: Path = Field(Path("data"), description="Folder for the database, index and files.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL of the source of truth; default: SQLite in data_dir."
    )
    sources_dir: Path | None = Field(
        None, description="Folder of source spec YAML files; default: the bundled catalogue."
    )
    allow_loopback: bool = Field(
        False,
        description="Let the crawler fetch loopback addresses (only for tests and the demo); "
        "private, link-local and other non-public addresses are refused regardless.",
    )
    dns_timeout_s: float = Field(
        3.0,
        gt=0,
        le=30,
        description="Longest wait, in all, for the host names one API request looks up "
        "(a source's start URLs, a webhook): a host whose DNS has not answered by then is "
        "refused with a 422 naming it.",
    )
    dns_max_lookups: int = Field(
        32,
        ge=1,
        le=512,
        description="Host-name lookups in flight at once in one server process (a slow DNS "
        "keeps one busy until the resolver gives up); past it a request gets a 503.",
    )
    dns_lookups_per_institution: int = Field(
        10,
        ge=1,
        le=512,
        description="Of those, how many one institution's requests may hold at once.",
    )
    user_agent: str = "EstadoAbiertoBot/0.1 (+https://estadoabierto.mx/bot; datos@estadoabierto.mx)"
    concurrency_per_domain: int = Field(4, ge=1, le=32)
    download_timeout_s: float = Field(30.0, gt=0)
    max_file_bytes: int = Field(50 * 1024 * 1024, gt=0)
    max_page_bytes: int = Field(
        10 * 1024 * 1024,
        gt=0,
        description="Largest page read whole by a parser: an HTML listing's page in a crawl "
        "(a larger one is a counted too_large error of that page; a document's page or file "
        "keeps max_file_bytes) and every answer of a preview. A gzipped sitemap inflates to "
        "five times it at most (50 MB, the sitemap protocol's own, at the default).",
    )
    extract_timeout_s: float = Field(60.0, gt=0)
    extract_max_pages: int = Field(
        2000, ge=1, description="Pages of a PDF whose text is read; past them it is marked."
    )
    index_workers: int = Field(
        0,
        ge=0,
        le=64,
        description="Processes preparing documents for the embedded index while the indexer "
        "writes it (citations, pair terms); 0: prepared in the indexing process.",
    )
    crawl_workers: int | None = Field(
        None,
        ge=0,
        le=64,
        description="Processes building a crawl's documents (main text, readers, privacy) "
        "while the crawl process downloads and saves; default: one per core but one (at "
        "most 4); 0: built in the crawl process (in one worker under build_timeout_s).",
    )
    build_timeout_s: float = Field(
        120.0,
        ge=0,
        description="Longest one document's build (main text, readers, privacy) may take: "
        "then its worker is killed and the item is a build_timeout error; 0: no limit.",
    )
    crawl_indexer: bool = Field(
        True,
        description="A crawl that has built 250 documents indexes them in a process of "
        "its own while it goes on fetching; false: in the crawl process.",
    )
    ocr_enabled: bool = Field(True, description="Read PDF pages without a text layer by OCR.")
    ocr_dpi: int = Field(300, ge=100, le=600, description="Resolution pages are read at.")
    ocr_page_timeout_s: float = Field(30.0, gt=0, description="OCR time per page.")
    ocr_file_timeout_s: float = Field(240.0, gt=0, description="OCR time per file in all.")
    ocr_max_pages: int = Field(100, ge=1, description="Pages of one file read by OCR.")
    ocr_min_confidence: float = Field(
        60.0, ge=0, le=100, description="Pages under this mean confidence are flagged."
    )
    serve_masked_originals: bool = Field(
        False,
        description="Serve the archived original of a document whose personal data were "
        "masked (it still shows them); off by default.",
    )
    crawl_max_seconds: float = Field(
        6 * 3600.0,
        gt=0,
        description="Longest a scheduled crawl may run: it is asked to stop then, and "
        "killed a minute later if it cannot (a page or pattern holding it).",
    )
    parse_timeout_s: float = Field(
        60.0,
        gt=0,
        description="Longest one page's reading (the spec's selectors) may hold a crawl; "
        "then the crawl stops and its run fails with the cause parse_timeout.",
    )
    crawl_max_memory_mb: int = Field(
        2048,
        ge=1,
        description="Peak memory a crawl process may reach (a site that makes it schedule "
        "millions of links); then the crawl stops and its run fails with memory_limit.",
    )
    preview_max_memory_mb: int = Field(
        512,
        ge=128,
        description="Address space a preview's own process may take (RLIMIT_AS): a page "
        "within the download size limit that builds millions of elements (10 MB of <p> "
        "took 650 MB) stops that preview with a Spanish error, not the server's memory.",
    )
    autothrottle: bool = True
    crawl_delay_s: float = Field(
        0.5, ge=0, le=60, description="Initial delay between requests to one site (AutoThrottle)."
    )
    obey_robots: bool = True
    max_crawl_delay_s: float = Field(
        10.0,
        ge=0,
        le=600,
        description="Longest robots.txt Crawl-delay honoured between two requests to one "
        "site; a longer one is waited this long, and the run says so (crawl_delay).",
    )
    robots_ttl_s: float = Field(
        3600.0,
        gt=0,
        le=86_400,
        description="How long a crawl keeps a site's robots.txt before reading it again "
        "(RFC 9309: at most 24 h), so a rule changed during a long crawl is obeyed.",
    )
    robots_retry_s: float = Field(
        600.0,
        gt=0,
        le=86_400,
        description="How long a site whose robots.txt answered a server error (5xx, 429) "
        "is taken as wholly disallowed before its robots.txt is asked for again.",
    )
    backoff_retries: int = Field(
        3, ge=0, le=10, description="Retries of a request a site answered 429/503."
    )
    max_retry_after_s: float = Field(
        120.0, gt=0, description="Longest Retry-After honoured; a longer one is an error."
    )
    preview_timeout_s: float = Field(20.0, gt=0, le=120)
    max_body_bytes: int = Field(
        1024 * 1024,
        ge=1024,
        description="Largest request body the API reads (a spec, an alert, a form); a "
        "larger one is a 413 before it is read whole.",
    )
    body_timeout_s: float = Field(
        30.0,
        gt=0,
        le=600,
        description="Seconds a request body has to arrive whole; a client that stops "
        "sending (a body shorter than its length, chunks without the last) gets a 408 "
        "instead of holding a connection forever.",
    )
    max_sources_per_institution: int = Field(
        200,
        ge=1,
        description="Sources one institution may register through the API; each is a stored "
        "spec, a crawl per schedule and a row on the public /fuentes page.",
    )
    write_rate_per_minute: int = Field(
        30,
        ge=1,
        description="Source changes allowed per minute, per API key (per client address "
        "for calls without a key).",
    )
    source_read_rate_per_minute: int = Field(
        120,
        ge=1,
        description="Reads of /v1/sources (the list, a source, its runs, its audit log) "
        "allowed per minute, per API key; a list costs one more per 20 sources it holds.",
    )
    read_limit_anonymous: int = Field(
        600, ge=1, description="Public reads per minute per client address without a key."
    )
    read_limit_reader: int = Field(
        6000, ge=1, description="Public reads per minute per reader key."
    )
    read_limit_institution: int = Field(
        12000, ge=1, description="Public reads per minute per institution API key."
    )
    export_cost: int = Field(
        10,
        ge=1,
        description="Reads an export spends when it starts (plus one per 1,000 rows it sends).",
    )
    read_limit_settle_s: float = Field(
        0.5, gt=0, le=60, description="Seconds between settlements of the shared counters."
    )
    read_limit_settle_requests: int = Field(
        50,
        ge=1,
        description="Reads one process counts for a bucket before settling it early (at "
        "most a tenth of the bucket's limit); bounds how far several processes overshoot.",
    )
    key_cache_s: float = Field(
        5.0, ge=0, le=300, description="Seconds a process trusts a key lookup (revocation delay)."
    )
    reader_key_requests_per_hour: int = Field(
        5,
        ge=1,
        description="Reader-key e-mails per hour per e-mail address and per client address.",
    )
    trusted_proxies: str = Field(
        "",
        description="Reverse proxies whose X-Forwarded-For (and, by the server, "
        "X-Forwarded-Proto) is believed: addresses or CIDRs, comma-separated (e.g. "
        "10.0.0.5,172.16.0.0/12). Empty: the headers are ignored, from 127.0.0.1 too.",
    )
    public_url: str | None = Field(
        None,
        description="Address people reach the service at (e.g. https://estadoabierto.mx), "
        "for links in e-mails, webhooks and every absolute link in answers; unset: the "
        "address of the request (answers with such links then say Vary: Host).",
    )
    smtp_host: str | None = Field(None, description="SMTP server for e-mail; unset: no e-mail.")
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_security: Literal["starttls", "tls", "none"] = Field(
        "starttls", description="starttls (port 587), tls (port 465) or none (local relay only)."
    )
    smtp_username: str | None = None
    smtp_password: str | None = Field(None, repr=False)
    smtp_sender: str = Field(
        "Estado Abierto <avisos@estadoabierto.mx>", description="From: of every e-mail sent."
    )
    smtp_timeout_s: float = Field(20.0, gt=0, le=300)
    alerts_per_owner: int = Field(
        50, ge=1, description="Alerts one API key's holder (or one e-mail address) may have."
    )
    # bench/alerts.py (20 documents, load 12-16 on 2 cores): matching cost grows with the
    # alerts, 73 ms per new document with 2,000 and 561 ms with 20,000 (webhook p95 9 s
    # and 47 s, under the 60 s goal); with no bound, 200,000 would be ~5.6 s a document
    alerts_total: int = Field(
        20_000,
        ge=1,
        description="Self-service alerts (reader keys', e-mail addresses') the whole "
        "service keeps, every such owner's together: each is a search run at every "
        "indexing batch, and reader keys are self-service; past it a new one is refused "
        "(409). An institution's alerts are bounded by alerts_per_owner alone, so no "
        "number of reader keys can refuse them.",
    )
    alert_query_chars: int = Field(500, ge=1, le=10_000, description="Longest q of an alert.")
    alert_confirmations_per_hour: int = Field(
        5,
        ge=1,
        description="Confirmation e-mails an hour to one address, whoever asks (an alert "
        "made and deleted again sends no more).",
    )
    alert_confirmations_per_requester: int = Field(
        30,
        ge=1,
        description="Confirmation e-mails an hour one requester may cause, whatever the "
        "addresses (an institution's API key; a client address without one; a reader key "
        "spends its own and its client address's): each address's own bound let one client "
        "write to a new stranger every few seconds (600 an hour).",
    )
    alert_pending_days: int = Field(
        14,
        ge=7,
        le=365,
        description="Days an e-mail alert awaiting confirmation is kept after its last "
        "link was sent; then the delivery job removes it (anyone may make them for any "
        "address). At least the link's own 7 days; the default leaves 7 more in which the "
        "expired link's page still sends a new one.",
    )
    alert_rate_per_minute: int = Field(
        10, ge=1, description="Alerts created per minute, per API key or client address."
    )
    alert_max_failures: int = Field(
        8, ge=1, le=100, description="Failed deliveries in a row before an alert is disabled."
    )
    alert_retry_s: float = Field(
        30.0, ge=0, description="Wait after a first failed delivery; doubled after each."
    )
    alert_retry_cap_s: float = Field(3600.0, ge=0, description="Longest wait between retries.")
    alert_webhook_deadline_s: float = Field(
        15.0,
        gt=0,
        le=300,
        description="A webhook delivery's whole time, from connecting to the answer's end "
        "(a receiver that answers slower fails it, and it is retried as any failure).",
    )
    alert_poll_s: float = Field(
        2.0, gt=0, le=300, description="How often the delivery loop looks for new matches."
    )
    host: str = "127.0.0.1"
    port: int = 8000
    phrase_work: int = Field(
        PHRASE_WORK,
        ge=0,
        description="Steps a search's proximity phrases of three words or more (or with "
        "a repeated word) may take on the embedded index beyond those the positions of "
        "their words allow; past it the search is refused in Spanish (a 422), never "
        "answered in part; 0: no limit.",
    )
    # The search index on an engine (scale-out). Without a URL the embedded Tantivy store.
    search_url: str | None = Field(
        None, description="Elasticsearch/OpenSearch URL; unset: the embedded Tantivy index."
    )
    search_engine: Literal["elasticsearch", "opensearch"] = Field(
        "elasticsearch", description="Which client speaks to search_url."
    )
    search_index: str = Field(
        "abierto",
        pattern=r"^[a-z0-9][a-z0-9_.-]{0,100}$",
        description="Alias the service searches; each rebuild makes a new index behind it.",
    )
    search_username: str | None = None
    search_password: str | None = Field(None, repr=False)
    search_ca_certs: Path | None = Field(None, description="CA bundle for an https engine.")
    search_verify_certs: bool = True
    search_timeout_s: float = Field(30.0, gt=0)
    search_shards: int = Field(1, ge=1, le=64)
    search_replicas: int = Field(0, ge=0, le=8)

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: str) -> str:
        for part in _parts(value):
            try:
                ipaddress.ip_network(part, strict=False)
            except ValueError as exc:
                raise ValueError(f"{part!r} is not an IP address or CIDR network") from exc
        return value

    @property
    def proxy_networks(self) -> tuple[IPNetwork, ...]:
        return _networks(self.trusted_proxies)

    def as_environment(self, **overrides: object) -> dict[str, str]:
        """These settings as ``ABIERTO_*`` variables, for a child process to read back."""
        values = self.model_dump(exclude_none=True) | {"database_url": self.database}
        values |= overrides
        return {
            f"ABIERTO_{name.upper()}": str(value)
            for name, value in values.items()
            if value is not None
        }

    def crawl_environment(self, **overrides: object) -> dict[str, str]:
        """The environment of a process that crawls (an institution's spec, on whatever
        its site answers): an allow-list of the server's (``config.child_environment``:
        the system's variables, an operator's choices, libpq's settings for the database,
        what the operator's spec files name), these settings, but not the mail account,
        which no crawl uses, nor the sign-in key; no other program's account."""
        settled = self.as_environment(**overrides)
        folder = Path(settled.get("ABIERTO_SOURCES_DIR") or Path(__file__).parent / "sources")
        env = (
            system_environment()
            | operator_choices()
            | database_client()
            | named_in_specs(folder)
            | settled
        )
        return {k: v for k, v in env.items() if not k.startswith(NOT_FOR_CRAWLS)}

    @property
    def database(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'abierto.db').resolve()}"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"


IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def _parts(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


@lru_cache(maxsize=16)
def _networks(value: str) -> tuple[IPNetwork, ...]:
    """The networks a ``trusted_proxies`` value names, read once: every read-limited
    request asks whether its peer is one of them."""
    return tuple(ipaddress.ip_network(part, strict=False) for part in _parts(value))


@lru_cache
def get_settings() -> Settings:
    return Settings()
