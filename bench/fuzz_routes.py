"""Hostile input to every public route of a running server: status counts and latency.

Usage: python bench/fuzz_routes.py --base http://127.0.0.1:8000 [--key KEY] [--pid PID]
                                   [--slow-s 2] [--json PATH]

Lists the routes from the server's ``/openapi.json`` (JSON ``/v1/*``, feeds, exports)
and adds the HTML pages, then sends each: hostile values for every query parameter it
declares (the query language's worst for the word parameters: deep nesting, thousands of
terms, long phrases, huge proximities, wildcards, unknown fields, NUL, lone surrogates,
RTL marks, combining marks, fullwidth forms), bad dates, negative and huge sizes, forged
and truncated cursors, repeated parameters, hostile path segments, ``Accept``,
``If-None-Match``, ``If-Modified-Since`` and ``Range`` headers, ``HEAD``, and very long
URLs. A finding is an answer ``>= 500``, one whose body shows a traceback, one slower
than ``--slow-s``, or a connection error; with ``--pid`` the server's RSS is read before
and after. Prints one line per route (requests, status counts, max latency) and the
findings; writes JSON (default ``bench/results/fuzz_routes.json``).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import base64  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from urllib.parse import quote  # noqa: E402

import httpx  # noqa: E402

from bench.results import keep  # noqa: E402

PAGES = [
    "/",
    "/buscar",
    "/sesiones",
    "/sesiones/{congress_slug}",
    "/d/{doc_id}",
    "/documentos/{doc_id}",
    "/ayuda",
    "/acerca",
    "/fuentes",
    "/lectores/confirmar",
    "/docs",
    "/static/{name}",
    "/docs-assets/{name}",
]
MAX_URL = 60_000
FIRST_BYTES = 65_536
WORD_PARAMS = {"q", "agenda", "name", "speaker", "cita", "expediente", "ponente", "party"}


def _b64(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


# raw (already percent-encoded where it matters) values, so encoding errors get through
def _q(text: str) -> str:
    return quote(text, safe="")


QUERIES: dict[str, str] = {
    "unbalanced": _q('((amparo OR "daño moral'),
    "10k terms": _q(" ".join(f"p{i:x}" for i in range(10_000))),
    "5k ORs": _q(" OR ".join(["amparo"] * 5_000)),
    "5k NOTs": _q("NOT " * 5_000 + "amparo"),
    "5k minus": _q("-" * 5_000 + "amparo"),
    "deep nesting": _q("(" * 3_000 + "amparo" + ")" * 3_000),
    "nested ops": _q("(amparo OR " * 1_000 + "x" + ")" * 1_000),
    "long phrase": _q('"' + " ".join(["amparo", "revisión"] * 1_500) + '"'),
    "phrase 40 words ~50": _q('"' + " ".join(f"w{i}" for i in range(40)) + '"~50'),
    "repeated-word phrase ~50": _q('"' + " ".join(["amparo"] * 30) + '"~50'),
    "phrase ~huge": _q('"amparo revisión"~99999999999999999999999'),
    "phrase ~neg": _q('"amparo revisión"~-5'),
    "phrase ~float": _q('"amparo revisión"~1e9'),
    "fuzzy": _q("amparo~2"),
    "fuzzy huge": _q("amparo~999999999999"),
    "wildcard *a*": _q("*a*"),
    "wildcard *": _q("*"),
    "wildcard ?": _q("amp?ro"),
    "many prefixes": _q(
        " OR ".join(f"{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}*" for i in range(600))
    ),
    "prefix in field": _q("titulo:amp*"),
    "regex": _q("/am.*ro/"),
    "range": _q("year:[2000 TO 2030]"),
    "boost": _q("amparo^99999"),
    "unknown field": _q("juez:López"),
    "empty field": _q("titulo:"),
    "colon only": _q(":"),
    "year 99999": _q("year:99999"),
    "año 0000": _q("año:0000"),
    "kind bogus": _q("tipo:nada"),
    "cita odd": _q('cita:"AR 99999999999999999999/2023"'),
    "cita art huge": _q('cita:"artículo 99999999999999999999 constitucional"'),
    "expediente huge": _q('expediente:"99999999999999999999999/99999"'),
    "quotes 1001": _q('"' * 1001),
    "empty phrase": _q('""'),
    "backslashes": _q("\\" * 1000),
    "NUL": "amparo%00penal",
    "lone surrogate": "amparo%ED%A0%80",
    "invalid utf8": "amparo%FF%FE",
    "overlong utf8": "%C0%80amparo",
    "bad percent": "%zz%",
    "RTL marks": _q("\u202eamparo\u202c \u200fpenal"),
    "combining x5000": _q("a" + "\u0301" * 5_000),
    "fullwidth": _q("ａｍｐａｒｏ　ＯＲ　ｒｅｖｉｓｉóｎ"),
    "fullwidth field": _q("ｔｉｔｕｌｏ：amparo"),
    "zero width": _q("am\u200bparo\ufeff"),
    "emoji": _q("⚖️👩🏽‍⚖️ amparo"),
    "control chars": _q("amparo\x01\x1b[31m\x7f"),
    "newlines": _q("amparo\r\npenal\ttab"),
    "html": _q("<script>alert(1)</script>"),
    "long word": _q("a" * 20_000),
    "many digits": _q("1" * 20_000),
    "lower ops": _q("amparo or revisión and not penal"),
}
GENERIC: dict[str, str] = {
    "empty": "",
    "negative": "-1",
    "zero": "0",
    "huge": "99999999999999999999999999",
    "float": "1.5",
    "exp": "1e3",
    "word": "abc",
    "arabic digit": _q("٣"),
    "fullwidth digit": _q("５"),
    "spaces": "%20%205",
    "NUL": "%00",
    "lone surrogate": "%ED%A0%80",
    "bad percent": "%zz",
    "long": "x" * 8_000,
    "list": "a,b,c," * 500,
}
DATES = {
    "year 0": "0000-01-01",
    "year 99999": "99999-01-01",
    "feb 30": "2023-02-30",
    "month 13": "2023-13-01",
    "short": "2023-1-1",
    "datetime": "2023-01-01T00:00:00",
    "negative year": "-2023-01-01",
    "plus year": "%2B2023-01-01",
    "fullwidth": _q("２０２３-01-01"),
    "text": "hoy",
}
FACETS = {
    "unknown": "juez",
    "10k facets": ",".join(["year"] * 10_000),
    "empty": ",,,",
    "all": "kind,jurisdiction,institution,court,matter,ponente,session_type,congress,"
    "legislature,chamber,doc_type,year,source",
}
SORTS = {"unknown": "juez", "two": "relevance,date_desc", "upper": "DATE_DESC"}
CURSORS = {
    "forged": _b64({"o": 10**30, "f": "x"}),
    "huge": "A" * 30_000,
    "binary": "%00%FF" * 50,
    "not b64": "!!!!",
    "forged list": _b64([1, 2, 3]),
    "forged deep": _b64([[[[[]]]]] * 1000),
}
PATH_VALUES = {
    "bad percent": "%zz",
    "lone surrogate": "%ED%A0%80",
    "NUL": "%00",
    "dotdot": "..%2F..%2Fapp.py",
    "long": "a" * 10_000,
    "unicode": _q("ａ\u202e"),
    "slash": "a%2Fb",
    "spaces": "%20",
    "invalid utf8": "%FF",
}
HEADERS: dict[str, dict[str, str]] = {
    "accept html": {"Accept": "text/html"},
    "accept xml": {"Accept": "application/xml"},
    "accept none": {"Accept": "*/*;q=0"},
    "accept garbage": {"Accept": "(((;;;==="},
    "accept long": {"Accept": ",".join(["text/html;q=0.5"] * 2_000)},
    "inm star": {"If-None-Match": "*"},
    "inm weak": {"If-None-Match": 'W/"x", "y"'},
    "inm garbage": {"If-None-Match": '"' * 3_000},
    "inm many": {"If-None-Match": ", ".join(f'"{i}"' for i in range(3_000))},
    "ims garbage": {"If-Modified-Since": "ayer"},
    "ims year 0": {"If-Modified-Since": "Sat, 01 Jan 0000 00:00:00 GMT"},
    "ims future": {"If-Modified-Since": "Fri, 31 Dec 9999 23:59:59 GMT"},
    "ims epoch": {"If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT"},
    "ius garbage": {"If-Unmodified-Since": "%%%"},
    "range one": {"Range": "bytes=0-0"},
    "range suffix 0": {"Range": "bytes=-0"},
    "range huge": {"Range": "bytes=99999999999999999999999-"},
    "range many": {"Range": "bytes=" + ",".join(f"{i}-{i}" for i in range(2_000))},
    "range garbage": {"Range": "bytes=a-b"},
    "range items": {"Range": "items=0-1"},
    "if-range": {"Range": "bytes=0-1", "If-Range": "garbage"},
    "accept-encoding": {"Accept-Encoding": ",".join(["gzip;q=0.1"] * 1000)},
    "accept-language": {"Accept-Language": "zz-" + "x" * 3000},
    "cookie garbage": {"Cookie": "sesion=" + "%" * 3000},
    "origin": {"Origin": "null"},
    "authorization garbage": {"Authorization": "Bearer " + "x" * 3000},
    "api key garbage": {"X-API-Key": "%00"},
    "alert token": {"X-Alert-Token": "a" * 3000},
    "forwarded": {"X-Forwarded-For": ", ".join(["1.2.3.4"] * 1000)},
}


@dataclass
class RouteStats:
    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    max_s: float = 0.0
    max_case: str = ""


@dataclass
class Finding:
    route: str
    case: str
    method: str
    status: int | str
    seconds: float
    body: str


class Fuzzer:
    def __init__(self, base: str, key: str | None, slow_s: float) -> None:
        self.base = base.rstrip("/")
        self.key = key
        self.slow_s = slow_s
        self.client = httpx.Client(timeout=60.0)
        self.stats: dict[str, RouteStats] = defaultdict(RouteStats)
        self.findings: list[Finding] = []
        self.always: dict[str, str] = {}  # headers every request of the route carries

    def send(
        self,
        route: str,
        case: str,
        raw: str,
        method: str = "GET",
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
    ) -> int | None:
        if len(raw) > MAX_URL:  # past the 64 KB head uvicorn takes (a 431 of its own)
            raw = raw[:MAX_URL]
        started = time.monotonic()
        try:
            target = httpx.URL(self.base).copy_with(raw_path=raw.encode("latin-1"))
            headers = self.always | (headers or {})
            request = self.client.build_request(method, target, headers=headers, content=body)
            # the time to the first 64 KB: an export of every document is long, and not slow
            with self.client.stream(
                request.method, request.url, headers=request.headers, content=body
            ) as response:
                status: int | str = response.status_code
                head = b""
                for chunk in response.iter_bytes():
                    head += chunk
                    if len(head) >= FIRST_BYTES:
                        break
                text = head[:20_000].decode("utf-8", "replace")
        except (httpx.HTTPError, UnicodeError) as exc:
            status, text = type(exc).__name__, str(exc)
        seconds = time.monotonic() - started
        stats = self.stats[route]
        stats.requests += 1
        stats.statuses[status if isinstance(status, int) else 0] += 1
        if seconds > stats.max_s:
            stats.max_s, stats.max_case = seconds, f"{method} {case}"
        bad = not isinstance(status, int) or status >= 500 or seconds > self.slow_s
        if bad or "Traceback" in text or 'File "/' in text:
            self.findings.append(
                Finding(route, case, method, status, round(seconds, 3), text[:400])
            )
        return status if isinstance(status, int) else None

    def ids(self) -> dict[str, str]:
        """Real ids for the path parameters, read from the library the server holds."""
        found = {"name": "estilo.css", "token": "x" * 40}
        hits = self.client.get(f"{self.base}/v1/search", params={"limit": 100}).json()["hits"]
        found["doc_id"] = hits[0]["id"] if hits else "x"
        sessions = self.client.get(f"{self.base}/v1/sessions").json().get("sessions", [])
        found["session_id"] = sessions[0]["id"] if sessions else found["doc_id"]
        speeches = self.client.get(f"{self.base}/v1/speeches").json().get("speeches", [])
        person = speeches[0]["speech"].get("person_id") if speeches else None
        found["person_id"] = person or "x"
        found["alert_id"] = "x"
        found["source_id"] = "x"
        found["congress_slug"] = "guanajuato"
        return found


def _expand(path: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: ids.get(m.group(1), "x"), path)


def routes(client: httpx.Client, base: str) -> list[tuple[str, str, list[str]]]:
    """(method, path template, query parameter names) for every route."""
    spec = client.get(f"{base}/openapi.json").json()
    found = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            found.append((method.upper(), path, names))
    search = next(names for _, path, names in found if path == "/v1/search")
    for page in PAGES:
        found.append(("GET", page, search if page in ("/", "/buscar") else []))
    return found


def fuzz(fuzzer: Fuzzer, only: str = "") -> None:
    ids = fuzzer.ids()
    cursor = fuzzer.client.get(f"{fuzzer.base}/v1/search", params={"limit": 1}).json()
    real_cursor = cursor.get("next_cursor") or ""
    auth = {"Authorization": f"Bearer {fuzzer.key}"} if fuzzer.key else {}
    for method, template, names in routes(fuzzer.client, fuzzer.base):
        if not template.startswith(only):
            continue
        route = f"{method} {template}"
        path = _expand(template, ids)
        # an institution's routes are asked with its key, or nothing past the key is tried
        fuzzer.always = auth if template.startswith("/v1/sources") else {}
        if method != "GET":
            for case, body in _bodies().items():
                fuzzer.send(
                    route, case, path, method, {"Content-Type": "application/json"} | auth, body
                )
            continue
        fuzzer.send(route, "plain", path)
        fuzzer.send(route, "HEAD", path, "HEAD")
        for case, headers in HEADERS.items():
            fuzzer.send(route, case, path, headers=headers)
        fuzzer.send(route, "long url", path + "?q=" + "a" * 60_000)
        fuzzer.send(route, "unknown param", path + "?juez=x")
        for placeholder in re.findall(r"\{(\w+)\}", template):
            for case, value in PATH_VALUES.items():
                raw = template.replace("{" + placeholder + "}", value)
                fuzzer.send(route, f"path {placeholder} {case}", _expand(raw, ids))
        for name in names:
            values = dict(GENERIC)
            if name in WORD_PARAMS:
                values |= QUERIES
            if name.startswith("date") or name in ("before", "after"):
                values |= DATES
            if name == "facets":
                values |= FACETS
            if name == "sort":
                values |= SORTS
            if name == "cursor":
                values |= CURSORS | {
                    "truncated": real_cursor[: len(real_cursor) // 2],
                    "real plus": real_cursor + "AA",
                }
            for case, value in values.items():
                fuzzer.send(route, f"{name}={case}", f"{path}?{name}={value}")
            fuzzer.send(route, f"{name} twice", f"{path}?{name}=1&{name}=2")
            fuzzer.send(route, f"{name} x1000", f"{path}?" + "&".join([f"{name}=a"] * 1000))
        if template == "/v1/documents/{doc_id}/file":
            for case, headers in HEADERS.items():
                fuzzer.send(route, f"authed {case}", path, headers=headers | auth)


def _bodies() -> dict[str, bytes]:
    query = {"q": "(" * 3_000 + "amparo" + ")" * 3_000}
    return {
        "empty": b"",
        "not json": b"{{{",
        "nul": b'{"a":"\x00"}',
        "lone surrogate": b'{"email":"\\ud800@x.mx"}',
        "deep": b'{"a":' * 50_000 + b'"x"' + b"}" * 50_000,
        "deep list": b"[" * 100_000 + b"]" * 100_000,
        "huge number": b'{"limit": 1' + b"0" * 50_000 + b"}",
        "alert deep query": json.dumps({"query": query, "delivery": {"email": "a@b.mx"}}).encode(),
        "alert 10k terms": json.dumps(
            {"query": {"q": " ".join(["amparo"] * 10_000)}, "delivery": {"email": "a@b.mx"}}
        ).encode(),
        "alert bad date": json.dumps(
            {"query": {"date_from": "2023-02-30"}, "delivery": {"email": "a@b.mx"}}
        ).encode(),
        "alert list values": json.dumps(
            {"query": {"matter": [["x"]] * 60, "q": ["a", "b"]}, "delivery": {"email": "a@b.mx"}}
        ).encode(),
        "alert objects": json.dumps({"query": {"q": {"a": 1}}, "delivery": {"email": 5}}).encode(),
        "reader key": json.dumps({"email": "a" * 300 + "@x.mx", "name": "\u202e" * 500}).encode(),
    }


def _rss_kb(pid: int | None) -> int | None:
    if pid is None:
        return None
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--key")
    parser.add_argument("--pid", type=int, help="the server's process, for its RSS")
    parser.add_argument("--slow-s", type=float, default=2.0)
    parser.add_argument("--only", default="", help="only the routes whose path begins so")
    parser.add_argument("--json", type=Path, default=REPO / "bench/results/fuzz_routes.json")
    args = parser.parse_args()
    fuzzer = Fuzzer(args.base, args.key, args.slow_s)
    rss_before = _rss_kb(args.pid)
    started = time.monotonic()
    fuzz(fuzzer, args.only)
    rss_after = _rss_kb(args.pid)
    print(f"{'route':<48} {'reqs':>5} {'max s':>6}  statuses / slowest case")
    for route, stats in sorted(fuzzer.stats.items()):
        counts = " ".join(f"{s}:{n}" for s, n in sorted(stats.statuses.items()))
        print(f"{route:<48} {stats.requests:>5} {stats.max_s:>6.2f}  {counts}  [{stats.max_case}]")
    print(
        f"\n{sum(s.requests for s in fuzzer.stats.values())} requests in "
        f"{time.monotonic() - started:.0f} s; server RSS {rss_before} → {rss_after} kB"
    )
    print(f"{len(fuzzer.findings)} findings")
    for finding in fuzzer.findings:
        print(
            f"  {finding.route} · {finding.case} · {finding.status} · {finding.seconds} s"
            f" · {finding.body[:160]!r}"
        )
    keep(
        args.json,
        args.base,
        {
            "routes": {
                r: {
                    "requests": s.requests,
                    "statuses": dict(s.statuses),
                    "max_s": s.max_s,
                    "max_case": s.max_case,
                }
                for r, s in fuzzer.stats.items()
            },
            "findings": [vars(f) for f in fuzzer.findings],
            "rss_kb": [rss_before, rss_after],
        },
    )
    return 1 if fuzzer.findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
