"""A synthetic Spanish legal corpus for benchmarks: deterministic, any size.

Documents of the three kinds (about 60% sentencias, 25% legislativos, 15% sesiones),
~3 KB of text each (or, with ``mix="real"``, a mix of 3 KB, 30 KB and 120 KB texts like
real resolutions, publications and sentences), written from sentence templates over a
legal vocabulary with a skewed word frequency (a few words in most documents, many rare
ones), and metadata with
realistic spreads: most documents federal or from the large states, more recent years
more frequent, a few courts and matters dominating. The same ``seed`` and ``size`` give
the same documents in the same order, generated lazily (100k documents never sit in
memory at once). Ids are numbered (``sen-0000042``) or, with ``ids="hashed"``, made as
the crawlers make them (``indexer.models.document_id``: a hash of the source and the
address), so a library's id-keyed indexes take new keys anywhere, as in a real crawl.

With ``cites="resolving"`` (off by default: the documents are then exactly the ones
made without it) the citations resolve, as in a real judiciary's library: a quarter of the
documents are the Suprema Corte's sentences (an amparo directo en revisión, an amparo en
revisión, an acción de inconstitucionalidad or a contradicción de tesis, numbered so that
no two share a case), and every sentence cites cases as the Court's do (the five real ones
under /work/shared/corpus cite 4 to 19 distinct cases each, most of them several times,
a few with the body that decided them written beside, and tesis by their number): the
Court's own 3 to 12 distinct cases, other courts' 0 to 4, two thirds of them the Court's
sentences of the corpus (saved before the citing one or after it) chosen by a Zipf law
of exponent 1, so the most cited of 10,000 are cited by thousands, and the rest cases no
document of the corpus decides. Every sentence has its expediente normalised, as
``indexer.build`` makes it.

    python bench/legal_corpus.py --size 5 --show   # print a few documents
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import random
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from config.jurisdictions import JURISDICTIONS  # noqa: E402
from indexer.models import Legislativo, Sentencia, Sesion, document_id  # noqa: E402
from indexer.readers.expedientes import expediente_forms, normalise_expediente  # noqa: E402
from samples.es import MONTHS  # noqa: E402

AnyDocument = Sentencia | Sesion | Legislativo
TEXT_BYTES = 3000
POOL_SENTENCES = 6000
# text sizes by share of documents: short resolutions, gazettes, whole sentences
REAL_MIX = {3_000: 0.6, 30_000: 0.3, 120_000: 0.1}
IDS = ("numbered", "hashed")
CITES = ("none", "resolving")
# the Court's sentences: a share of the documents, their kinds of case and bodies
COURT_SHARE = 0.25
COURT_CASES = (
    ("amparo directo en revisión", 0.45),
    ("amparo en revisión", 0.25),
    ("acción de inconstitucionalidad", 0.15),
    ("contradicción de tesis", 0.15),
)
COURT_BODIES = ("Primera Sala", "Segunda Sala", "Pleno")
COURT_NAME = "Suprema Corte de Justicia de la Nación"
RESOLVING = 2 / 3  # of the cases a sentence cites, the share decided by the corpus's
ZIPF = 1.0
CITING_FORMS = (
    "como se resolvió en el {case}",
    "al resolver el {case}",
    "en términos de lo sostenido en el {case}",
    "así lo determinó {body} de la Suprema Corte de Justicia de la Nación en el {case}",
    "criterio reiterado en el {case}",
)

JURISDICTION_WEIGHTS = {"MX": 30, "MX-CMX": 10, "MX-MEX": 8, "MX-JAL": 6, "MX-NLE": 5, "MX-GUA": 5}
MATTERS = {
    "penal": 30,
    "civil": 20,
    "familiar": 15,
    "amparo": 15,
    "administrativa": 8,
    "laboral": 6,
    "mercantil": 4,
    "electoral": 2,
}
COURT_KINDS = [
    "Juzgado Primero {m} de {c}",
    "Juzgado Segundo {m} de {c}",
    "Sala {M}",
    "Tribunal Colegiado en Materia {M} del {n} Circuito",
    "Juzgado de Distrito en {c}",
    "Tribunal de Enjuiciamiento de {c}",
    "Juzgado de Oralidad {M} de {c}",
]
CITIES = [
    "León",
    "Celaya",
    "Guadalajara",
    "Monterrey",
    "Toluca",
    "Puebla",
    "Mérida",
    "Oaxaca",
    "Morelia",
    "Querétaro",
    "Tijuana",
    "Hermosillo",
    "Xalapa",
    "Saltillo",
    "Durango",
]
CIRCUITS = ["Primer", "Segundo", "Tercer", "Cuarto", "Quinto", "Sexto", "Séptimo", "Octavo"]
SESSION_TYPES = {
    "ordinaria": 70,
    "extraordinaria": 12,
    "solemne": 5,
    "comisión": 10,
    "permanente": 3,
}
DOC_TYPES = {
    "gaceta": 15,
    "iniciativa": 35,
    "dictamen": 20,
    "punto de acuerdo": 15,
    "acta": 5,
    "votación": 4,
    "diario de debates": 3,
    "orden del día": 3,
}
LEGISLATURES = ["LXIII", "LXIV", "LXV", "LXVI"]
COMMITTEES = [
    "Justicia",
    "Gobernación",
    "Hacienda y Crédito Público",
    "Medio Ambiente",
    "Derechos Humanos",
    "Igualdad de Género",
    "Educación",
    "Salud",
    "Transparencia",
]

SUBJECTS = (
    "el quejoso",
    "la autoridad responsable",
    "el tribunal de alzada",
    "la parte actora",
    "el ministerio público",
    "la defensa",
    "el juez de primera instancia",
    "la sala",
    "el imputado",
    "la víctima",
    "la comisión dictaminadora",
    "el pleno",
    "la diputada promovente",
    "el senador",
    "la mesa directiva",
    "el congreso del estado",
)
VERBS = (
    "sostiene",
    "resolvió",
    "determina",
    "considera",
    "advierte",
    "solicita",
    "propone",
    "aprobó",
    "declaró",
    "ordena",
    "confirma",
    "revoca",
    "modifica",
    "niega",
    "concede",
    "desecha",
    "sobresee",
    "reitera",
    "analiza",
    "valora",
)
OBJECTS = (
    "la suspensión definitiva",
    "el daño moral",
    "la reparación integral del daño",
    "la pensión alimenticia",
    "el interés superior de la niñez",
    "la prisión preventiva",
    "la prescripción positiva",
    "la nulidad del contrato",
    "el amparo indirecto",
    "la constitucionalidad del artículo",
    "la reforma a la ley orgánica",
    "el principio de presunción de inocencia",
    "la vinculación a proceso",
    "el derecho humano al agua",
    "la guarda y custodia",
    "el régimen de convivencia",
    "la rescisión de la relación laboral",
    "la indemnización constitucional",
    "el recurso de revisión",
    "los conceptos de violación",
    "los agravios expuestos",
    "la iniciativa con proyecto de decreto",
    "el dictamen de la comisión",
    "el punto de acuerdo",
    "la transparencia y rendición de cuentas",
    "el presupuesto de egresos",
    "la ley de ingresos",
    "la cuenta pública",
)
CONNECTORS = (
    "porque",
    "toda vez que",
    "en virtud de que",
    "sin embargo",
    "por lo que",
    "además",
    "de conformidad con",
    "en términos de",
    "atento a que",
    "asimismo",
)
TAILS = (
    "conforme al artículo {n} de la Constitución Política",
    "en la fracción {r} del artículo {n}",
    "según la tesis jurisprudencial {n}/{y}",
    "dentro del expediente {n}/{y}",
    "en la sesión del {d}",
    "con fundamento en el código nacional de procedimientos penales",
    "en los términos del código civil del estado",
    "por unanimidad de votos",
    "por mayoría de {n} votos",
    "con la salvedad de los datos personales ****",
)
RARE = (
    "usucapión",
    "servidumbre",
    "enfiteusis",
    "anatocismo",
    "litisconsorcio",
    "exhorto",
    "apercibimiento",
    "caducidad",
    "perención",
    "reconvención",
    "fideicomiso",
    "comodato",
    "hipoteca",
    "retroactividad",
    "extradición",
    "peculado",
    "cohecho",
    "feminicidio",
    "desaparición",
    "tortura",
    "abigeato",
    "despojo",
    "fraude",
    "extorsión",
    "secuestro",
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _sentence(rng: random.Random) -> str:
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.7:
        parts += [
            rng.choice(CONNECTORS),
            rng.choice(SUBJECTS),
            rng.choice(VERBS),
            rng.choice(OBJECTS),
        ]
    tail = rng.choice(TAILS).format(
        n=rng.randint(1, 1200),
        r=rng.choice(ROMAN),
        y=rng.randint(2000, 2025),
        d=f"{rng.randint(1, 28)} de {rng.choice(MONTHS)} de {rng.randint(2000, 2025)}",
    )
    if rng.random() < 0.15:
        tail += f" relativo al {rng.choice(RARE)}"
    text = " ".join(parts) + " " + tail
    return text[0].upper() + text[1:] + "."


class LegalCorpus:
    """``iter(LegalCorpus(100_000))``: the same documents for the same size and seed.

    ``start`` skips the first documents (made and dropped, so the rest are the very ones
    a run from 0 makes): a library written up to ``start`` grows without repeating an id."""

    def __init__(
        self,
        size: int,
        seed: int = 20250218,
        mix: str = "3k",
        ids: str = "numbered",
        start: int = 0,
        cites: str = "none",
    ) -> None:
        if mix not in ("3k", "real"):
            raise ValueError(f"unknown text mix {mix!r}: 3k or real")
        if ids not in IDS:
            raise ValueError(f"unknown ids {ids!r}: numbered or hashed")
        if cites not in CITES:
            raise ValueError(f"unknown cites {cites!r}: none or resolving")
        if not 0 <= start <= size:
            raise ValueError(f"start {start} outside 0..{size}")
        self.size = size
        self.start = start
        self.ids = ids
        self.seed = seed
        self.mix = mix
        self.cites = cites
        if cites == "resolving":
            self._court_sentences()
        pool_rng = random.Random(seed)
        self.pool = [_sentence(pool_rng) for _ in range(POOL_SENTENCES)]
        others = [code for code in JURISDICTIONS if code not in JURISDICTION_WEIGHTS]
        self.jurisdictions = {**JURISDICTION_WEIGHTS, **dict.fromkeys(others, 1)}

    def __len__(self) -> int:
        return self.size - self.start

    def __iter__(self) -> Iterator[AnyDocument]:
        rng = random.Random(self.seed + 1)
        for n in range(self.size):
            doc = self._document(rng, n)
            if self.cites == "resolving":
                doc = self._citing(doc, n)
            if n >= self.start:
                yield doc

    # -- citations that resolve (``cites="resolving"``) ----------------------------------

    def _is_court(self, n: int) -> bool:
        """Whether document ``n`` is one of the Court's sentences (a hash of its number:
        known without making the document)."""
        return ((n * 0x9E3779B1 + self.seed) & 0xFFFFFFFF) < COURT_SHARE * 2**32

    def _court_sentences(self) -> None:
        """The Court's sentences of the corpus, in an order of fame (shuffled), and the
        cumulative Zipf weights a citation picks one by."""
        held = [n for n in range(self.size) if self._is_court(n)]
        random.Random(self.seed + 2).shuffle(held)
        self.famous = held
        total = 0.0
        self.fame: list[float] = []
        for rank in range(len(held)):
            total += 1 / (rank + 1) ** ZIPF
            self.fame.append(total)

    @staticmethod
    def court_case(n: int) -> tuple[str, str]:
        """Document ``n``'s case as written (its kind's phrase, its number) and its body:
        one number each, so no two of the Court's sentences share a case."""
        roll = (n * 2654435761 % 1000) / 1000
        phrase = COURT_CASES[-1][0]
        for kind, share in COURT_CASES:
            roll -= share
            if roll < 0:
                phrase = kind
                break
        return f"{phrase} {n + 1}/{2000 + n % 25}", COURT_BODIES[n % len(COURT_BODIES)]

    def _citing(self, doc: AnyDocument, n: int) -> AnyDocument:
        """``doc`` as a sentence of the resolving corpus: the Court's own (if ``n`` is one
        of them) and, if it is a sentence, with the cases it cites in its text."""
        rng = random.Random(f"{self.seed}-cites-{n}")
        court = self._is_court(n)
        if court:
            written, body = self.court_case(n)
            doc = Sentencia(
                id=self._id("scjn", n, "scjn", doc.url),
                title=f"Sentencia del {written}",
                date=doc.date,
                institution=COURT_NAME,
                jurisdiction="MX",
                source_id="scjn",
                url=doc.url,
                text=doc.text,
                court=body,
                matter=getattr(doc, "matter", None) or "amparo",
                expediente=written,
                resolution_date=doc.date,
                ponente=getattr(doc, "ponente", None),
            )
        if not isinstance(doc, Sentencia):
            return doc
        distinct = rng.randint(3, 12) if court else rng.randint(0, 4)
        sentences = doc.text.split(". ")
        for _ in range(distinct):
            if self.famous and rng.random() < RESOLVING:
                rank = bisect.bisect_left(self.fame, rng.random() * self.fame[-1])
                cited = self.famous[min(rank, len(self.famous) - 1)]
                if cited == n:
                    continue
                case, body = self.court_case(cited)
            else:  # a case no document of the corpus decides
                case, body = self.court_case(self.size + rng.randrange(10**6))
            for _ in range(rng.choice((1, 1, 2, 3))):
                form = rng.choice(CITING_FORMS).format(case=case, body=body)
                sentences.insert(rng.randrange(len(sentences)), form[0].upper() + form[1:])
        for _ in range(rng.randint(0, 3) if court else 0):
            body = rng.choice(("1a.", "2a.", "P."))
            tesis = f"{body}/J. {rng.randint(1, 200)}/{rng.randint(2000, 2025)} (10a.)"
            sentences.insert(rng.randrange(len(sentences)), f"Resulta aplicable la tesis {tesis}")
        expediente = doc.expediente
        return doc.model_copy(
            update={
                "text": ". ".join(sentences),
                "expediente_normalised": normalise_expediente(expediente),
                "expediente_forms": expediente_forms(expediente),
            }
        )

    def _text(self, rng: random.Random) -> str:
        parts: list[str] = []
        size = 0
        base = TEXT_BYTES
        if self.mix == "real":
            base = rng.choices(list(REAL_MIX), weights=list(REAL_MIX.values()))[0]
        target = int(base * rng.uniform(0.7, 1.3))
        while size < target:
            sentence = rng.choice(self.pool)
            parts.append(sentence)
            size += len(sentence) + 1
        return " ".join(parts)

    def _date(self, rng: random.Random) -> dt.date:
        year = 2025 - min(int(rng.expovariate(0.25)), 24)  # recent years more frequent
        return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))

    def _id(self, prefix: str, n: int, source_id: str, url: str) -> str:
        """A numbered id, or one made as the crawlers make it (from source and address)."""
        return document_id(source_id, url) if self.ids == "hashed" else f"{prefix}-{n:07d}"

    def _document(self, rng: random.Random, n: int) -> AnyDocument:
        roll = rng.random()
        jurisdiction = _weighted(rng, self.jurisdictions)
        state = JURISDICTIONS[jurisdiction]
        day = self._date(rng)
        text = self._text(rng)
        url = f"https://transparencia.example.gob.mx/{jurisdiction.lower()}/{n}"
        if roll < 0.60:
            matter = _weighted(rng, MATTERS)
            court = rng.choice(COURT_KINDS).format(
                m=matter.capitalize(),
                M=matter.capitalize(),
                c=rng.choice(CITIES),
                n=rng.choice(CIRCUITS),
            )
            expediente = f"{rng.randint(1, 4000)}/{day.year}"
            source_id = f"pj-{jurisdiction.lower()}"
            return Sentencia(
                id=self._id("sen", n, source_id, url),
                title=f"Sentencia {matter} del expediente {expediente}",
                date=day,
                institution=f"Poder Judicial de {state}",
                jurisdiction=jurisdiction,
                source_id=source_id,
                url=url,
                text=text,
                court=court,
                matter=matter,
                expediente=expediente,
                resolution_date=day,
                ponente=f"Magistrada {rng.choice(CITIES)} {rng.randint(1, 50)}",
            )
        congress = f"Congreso de {state}" if jurisdiction != "MX" else "Cámara de Diputados"
        legislature = rng.choice(LEGISLATURES)
        if roll < 0.75:
            session_type = _weighted(rng, SESSION_TYPES)
            return Sesion(
                id=self._id("ses", n, f"congreso-{jurisdiction.lower()}", url),
                title=f"Sesión {session_type} del {day:%d/%m/%Y}",
                date=day,
                institution=congress,
                jurisdiction=jurisdiction,
                url=url,
                text=text,
                source_id=f"congreso-{jurisdiction.lower()}",
                congress=congress,
                legislature=legislature,
                session_type=session_type,
                agenda=[rng.choice(OBJECTS) for _ in range(3)],
            )
        doc_type = _weighted(rng, DOC_TYPES)
        return Legislativo(
            id=self._id("leg", n, f"congreso-{jurisdiction.lower()}", url),
            title=f"{doc_type.capitalize()}: {rng.choice(OBJECTS)}",
            date=day,
            institution=congress,
            jurisdiction=jurisdiction,
            url=url,
            text=text,
            source_id=f"congreso-{jurisdiction.lower()}",
            doc_type=doc_type,
            number=f"{rng.randint(1, 900)}/{legislature}",
            legislature=legislature,
            committee=f"Comisión de {rng.choice(COMMITTEES)}",
            authors=[f"Dip. {rng.choice(CITIES)} {rng.randint(1, 99)}"],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="print the documents")
    parser.add_argument("--mix", default="3k", choices=["3k", "real"], help="text sizes")
    parser.add_argument("--ids", default="numbered", choices=IDS, help="documents' ids")
    parser.add_argument("--cites", default="none", choices=CITES, help="citations resolving")
    args = parser.parse_args()
    total = 0
    for doc in LegalCorpus(args.size, mix=args.mix, ids=args.ids, cites=args.cites):
        total += len(doc.text.encode())
        if args.show:
            print(doc.model_dump_json(indent=1, exclude={"text"}), doc.text[:300], "…\n")
    print(f"{args.size} documents, {total / max(args.size, 1):.0f} bytes of text on average")


if __name__ == "__main__":
    main()
