"""A stenographic version cut into turns: who speaks (as written), what they say, under
which agenda item; stage directions (``(Aplausos)``, ``(VOTACIÓN FAVORABLE)``, recess)
kept as their own procedural turns.

Three shapes are read: the congresses' (``-La C. Presidenta: …`` at the start of a
paragraph), state congresses' (``LA C. PRESIDENTA.- …``) and the SCJN's versión
taquigráfica (``SEÑORA MINISTRA PRESIDENTA: …``, in capitals, often glued to the previous
page's last sentence by the PDF's text)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.analysis import fold_keyword
from indexer.speeches.chair import chair_change_at, chair_gender
from indexer.speeches.collective import collective_speaker_at
from indexer.speeches.roles import body_of
from indexer.speeches.roll_call import named_sides_at, roll_call_at, voiced_votes_at
from indexer.speeches.sections import section_at
from indexer.speeches.unread_heading import unread_heading
from indexer.spots import matches_at, occurrences

_UP = "A-ZÁÉÍÓÚÑÜ"
# (a board's member by rank, as some state congresses head them: "Primera Secretaria",
# "Segundo Vicepresidente")
_RANK = r"(?i:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa])\s+(?=(?i:vicepresident|secretari))"
# (a legislator's title abbreviated too: "La Dip. Ana Ruiz (PAN): …", "El Sen. …")
_ROLE = (
    rf"(?:C\.|CC\.|(?:{_RANK})?(?i:president[ae]|vicepresident[ae]"
    r"|secretari[oa](?:\s+t[eé]cnic[oa])?|diputad[oa]|senador[a]?|ciudadan[oa]|moderador[a]?"
    r"|dip\.|sen\.))"
)
# a degree before a name after a comma ("La Secretaria de Gobernación, licenciada Rosa
# Icela Rodríguez Velázquez: …"): no part of the name, and no sentence either
_DEGREE = (
    r"(?:licenciad[oa]|lic\.|licda\.|doctor(?:a)?|dr\.|dra\.|maestr[oa]|mtr[oa]\.|ingenier[oa]"
    r"|ing\.|profesor(?:a)?|prof\.|profa\.|arquitect[oa]|arq\.|contador(?:a)?|general|almirante)"
)
# What a heading may say after the speaker's role and name and a comma, of the
# circumstance of the turn, never who speaks: the seat ("…(PRI), desde su escaño:"), the
# chair held for the moment ("…, en funciones:", "…, en funciones de Presidente:"), or on
# whose behalf ("…, a nombre de la Comisión de Salud:", "…, a nombre de la diputada Ana
# Ruiz:"; the speaker is the one named first). Only a body's or a person's words follow
# "a nombre de" (capitalised words, a name's particles, a legislator's or a body's word):
# no verb, so "El Senador Ortega, a nombre de todos, dijo: …" is no heading.
_ON_BEHALF_WORD = (
    rf"(?:[{_UP}][\w.'-]*+|de|del|la|las|los|y|e|el|su|sus|(?i:diputad[oa]s?|senador(?:a|es|as)?"
    r"|legislador(?:a|es|as)?|grupo|parlamentari[oa]s?|comisi[oó]n|comisiones|unidas|ciudadan[oa]s?"
    r"|integrantes?|junta|mesa|directiva|coordinaci[oó]n|pol[ií]tica))"
)
_CIRCUMSTANCE = (
    r"(?:(?i:desde\s+(?:su|la|el)\s+(?:escaño|escano|curul|lugar|tribuna)"
    # (at the rostrum, as the Cámara's record sets it: "…(PRI), en tribuna:")
    r"|en\s+(?:la\s+)?tribuna"
    r"|en\s+funciones(?:\s+de\s+(?:vice)?president[ae](?:\s+de\s+la\s+mesa\s+directiva)?)?)"
    # (no bench, as the record says it: "…, sin grupo parlamentario:", "…, independiente:")
    r"|(?i:(?:diputad[oa]\s+|senador(?:a)?\s+)?(?:sin\s+(?:grupo\s+parlamentario|partido)"
    r"|independiente))(?=\s*[:(])"
    r"|(?i:(?:a|en)\s+nombre|en\s+representaci[oó]n)\s+(?i:de|del)"
    rf"(?:\s+{_ON_BEHALF_WORD}){{1,16}}+)"
)
# "-La C. Presidenta: …" (a dash opens the turn), in capitals too; without the dash, a
# role must follow the article and only a name the role ("La presidenta diputada María
# Teresa Castell de Oro Palacios: …"), so "La propuesta es: …" stays speech. A name's word
# is taken whole (possessive), so a long word in capitals is never tried cut in pieces.
_CONGRESS_SPEAKER = re.compile(
    r"^\s*(?:[-–—]\s*(?P<who>(?:El|La|Los|Las|Una|Varias|EL|LA|LOS|LAS|UNA|VARIAS)\s+"
    # an hour's colon is no heading's end ("-El Presidente (a las 13:04 horas): …")
    r"(?:[^:\n]|(?<=\d):(?=\d\d)){2,160}?"
    r"|Voces(?: a coro)?|VOCES(?: A CORO)?)"
    rf"|(?P<bare>(?:El|La|EL|LA)\s++(?:{_ROLE}\s*+)+(?:(?:[{_UP}][\w.'-]*+|de|del|la|los|las|y)\s*+){{0,12}}"
    rf"(?:,\s*+(?:{_DEGREE}\s++)?(?:(?:[{_UP}][\w.'-]*+|{_ROLE}|de|del|la|los|las|y|e)\s*+){{1,10}})?"
    # (the party in square brackets too, as some records set it: "… Baños [PRI]:")
    r"(?:\s*+(?:\([^()\n]{0,40}\)|\[[^\[\]\n]{0,40}\])){0,2}"
    rf"(?:\s*+,\s*+{_CIRCUMSTANCE}(?:\s*+\([^()\n]{{0,40}}\)){{0,2}})?))\s*+:\s+",
    re.MULTILINE,
)
# The Diario de los Debates as older pages and scans print it: the heading alone on its
# line, the words on the next ("El Presidente:⏎Ruego a la Secretaría…", "El secretario
# Adrián Rivera Pérez:⏎Se informa…", "El Presidente (a las 13:04 horas):⏎Se abre…"). Only
# an article, the chamber's roles and a name (never "de" or an office after the role: "La
# presidenta de la Comisión de Salud:", "El Presidente Municipal:" describe someone a
# speech quotes).
_HEADING_NAME = (
    rf"(?:El|La|EL|LA)\s++(?:{_ROLE}\s*+)+(?!\s*(?i:de|del|municipal|general|ejecutiv[oa]"
    r"|constitucional|nacional|estatal|federal|electoral)\b)"
    rf"(?:(?:[{_UP}][\w.'-]*+|de|del|la|los|las|y)\s*+){{0,12}}"
)
_HEADING_ALONE = re.compile(
    rf"^\s*(?:[-–—]\s*)?(?P<who>{_HEADING_NAME}(?:\s*+\([^()\n]{{0,40}}\)){{0,2}}"
    # (a circumstance after a comma, as on one line: "…(PRI), desde su escaño:")
    rf"(?:\s*+,\s*+{_CIRCUMSTANCE}(?:\s*+\([^()\n]{{0,40}}\)){{0,2}})?)\s*+:\s*$"
)
# The Cámara's versión estenográfica stamps the hour the chair opens the sitting after
# the name, and sometimes the colon is lost after it ("El presidente diputado Sergio
# Carlos Gutiérrez Luna (17:17 horas) Se abre la sesión…"): the hour closes the heading.
_HEADING_TIMED = re.compile(
    rf"^\s*(?:[-–—]\s*)?(?P<who>{_HEADING_NAME}\((?:a\s+las\s+)?\d{{1,2}}[:.]\d{{2}}\s+horas\))"
    r"\s+(?=[¿¡«“\"A-ZÁÉÍÓÚÑ])"
)
# State congresses' shape: the speaker in capitals, closed by a full stop and a dash
# ("LA C. PRESIDENTA.- Gracias.", "EL C. DIPUTADO JUAN PÉREZ LÓPEZ.- Con su venia",
# "DIP. ANA RUIZ (MORENA).- …"); an article and a role, or a legislator's title, opens it
# ("SECRETARÍA DE GOBERNACIÓN.- Oficio…" is a heading of what is read, no speaker), and
# neither a letter's "C. DIP. PRESIDENTE….- PRESENTE" nor a signature's "DIP. ANA
# RUIZ.- RÚBRICA" is a turn.
_DOTTED_ROLE = (
    r"(?:C\.|CC\.|DIP\.|SEN\.|PRESIDENT[AE]|VICEPRESIDENT[AE]|SECRETARI[OA]|DIPUTAD[OA]"
    r"|SENADOR[A]?|CIUDADAN[OA])"
)
_DOTTED_ABBREVIATION = r"(?:C\.|CC\.|DIP\.|SEN\.)"
_BARE_ROLE = (
    rf"(?:(?:EL|LA)\s+)?(?:{_RANK})?(?:(?:VICE)?PRESIDENT[AE]|SECRETAR[IÍ][OA])(?:\s+T[EÉ]CNIC[OA])?"
    rf"|(?:(?:El|La)\s+(?:C\.\s+)?)?(?:{_RANK})?(?:(?:Vicep|P)resident[ae]|Secretari[oa])"
)
_DOTTED_SPEAKER = re.compile(
    rf"^\s*(?P<who>(?:(?:EL|LA|El|La)\s+{_DOTTED_ROLE}|C\.|CC\.|DIP\.|SEN\.|DIPUTAD[OA]|SENADOR[A]?)"
    rf"(?:\s+(?:{_DOTTED_ROLE}|[{_UP}][{_UP}'-]*+"
    rf"|DE|DEL|LA|LOS|LAS|Y)){{0,10}}(?:\s*\([^()\n]{{0,40}}\)){{0,2}}"
    # the chair's or the secretary's role alone ("PRESIDENTE.-", "La Presidenta.-"), or
    # with a name ("PRESIDENTA DIP. ANA RUIZ.-"), never an office's heading ("SECRETARÍA
    # DE GOBERNACIÓN.- Oficio…": no "de" after the role)
    # (a word in capitals covers the roles and particles: one way to read each word)
    rf"|(?:{_BARE_ROLE})(?:\s+(?!DE\b|DEL\b)(?:{_DOTTED_ABBREVIATION}|[{_UP}][{_UP}'-]*+)"
    rf"(?:\s+(?:{_DOTTED_ABBREVIATION}|[{_UP}][{_UP}'-]*+)){{0,8}})?)"
    r"\s*\.\s*[-–—]\s*(?!\s*(?:PRESENTE|R[ÚU]BRICA|R[úu]brica)\b)"
)
# The same shape in mixed case, as some state congresses write it ("La Presidenta Ana
# Ruiz.- …", "El Diputado Juan Pérez López (PAN).- …", "C. Presidente.- …", "La Secretaria
# Dip. María López.- …"): a chamber's role, then only names (each word capitalised, the
# particles of a name between them) up to the full stop and dash. An office is no
# speaker: "El Secretario de Finanzas.- Oficio…", "El Presidente Municipal de X.- …".
_MIXED_ROLE = (
    rf"(?:(?:{_RANK})?(?:(?:Vicep|P)resident[ae]|Secretari[oa])"
    r"|Diputad[oa]|Senador(?:a)?|Dip\.|Sen\.)"
)
_MIXED_DOTTED_SPEAKER = re.compile(
    rf"^\s*(?P<who>(?:(?:El|La)\s+(?:C\.\s+)?|C\.\s+)?{_MIXED_ROLE}"
    r"(?!\s+(?:de|del|Municipal|General|Ejecutiv[oa]|Constitucional|Nacional|Estatal|Federal"
    r"|Electoral|Administrativ[oa]|Particular|Parlamentari[oa])\b)"
    rf"(?:\s+(?:{_MIXED_ROLE}|diputad[oa]|senador(?:a)?|dip\.|sen\.|[{_UP}][\w'-]*+\.?"
    r"|de|del|la|las|los|y)){0,10}(?:\s*\([^()\n]{0,40}\)){0,2})"
    r"\s*\.\s*[-–—]\s*(?!\s*(?i:presente|r[uú]brica)\b)"
)
# The Estado de México's Diario writes the role and the legislator's title before the
# name in capitals, closed by a bare full stop ("PRESIDENTA DIP. MARTHA ANGÉLICA
# BERNARDINO ROJAS. Buenas tardes.", "SECRETARIO DIP. MIGUEL ÁNGEL XOLALPA MOLINA.
# Ábrase el sistema…", "DIP. ANA RUIZ (MORENA). Con su venia…"). The words go on in
# sentence case on the same line: a name alone on its line, or one followed by an
# office alone ("DIP. ANA RUIZ. Presidenta.", "… Presidenta de la Comisión…", a
# signature's) or more capitals, is no turn; "Diputada Presidenta, …" addresses the
# chair and is.
_FULL_STOP_SPEAKER = re.compile(
    rf"^\s*(?P<who>(?:(?:(?:VICE)?PRESIDENT[AE]|(?:PRO)?SECRETARI[OA])\s+)?(?:DIP\.|DIPUTAD[OA])"
    rf"(?:\s+[{_UP}][{_UP}'-]*+){{2,8}}(?:\s*\([^()\n]{{0,40}}\))?)\.\s+"
    r"(?!(?i:(?:vice)?president[ae]|secretari[oa]|diputad[oa]|integrante|coordinador[a]?"
    r"|vocal|presentante|r[uú]brica|presente)\b\.?\s*(?:$|(?i:de|del)\b))"
    # nor a signature's bench or district ("DIP. ANA RUIZ. Grupo Parlamentario de Morena.")
    r"(?!(?i:grupo|fracci[oó]n|partido|distrito|representaci[oó]n|sin partido)\b)"
    rf"(?=[¿¡«“\"(]|[{_UP}]?[a-záéíóúñü]|[AYOE]\s+[a-záéíóúñ])"
)
# Words of a sentence, never of a name: capitals holding one are words said.
_SENTENCE_WORD = (
    r"(?:SE|QUE|EN|CON|POR|PARA|SU|SUS|AL|ES|NO|S[IÍ]|UN|UNA|LO|LE|LES|A|ESTA|ESTE|HAY"
    r"|GRACIAS|MUCHAS|BUENOS|BUENAS)\b"
)
# A title or the chair's role with no article before it, closed by a colon, as other
# state congresses write it ("C. PRESIDENTA: …", "DIP. JUAN PÉREZ LÓPEZ (PAN): …", "C.
# Presidenta: …", "PRESIDENTA DIP. ANA RUIZ: …"). A board's list ("PRESIDENTE: DIP. ANA
# RUIZ", "Secretaria: Juan Pérez López") and a letter's "C. PRESIDENTE DE LA MESA…:" are
# no turn: a title, a bare name or "PRESENTE" after the colon (or words in lower case, a
# clause), or "de" after the role.
_TITLED_COLON_SPEAKER = re.compile(
    # a dash may open it as it opens the Diario's turns ("-Dip. Ana Ruiz: …", "-Sen. …")
    r"^\s*(?:[-–—]\s*)?(?P<who>(?:(?:(?:C\.|CC\.)\s+)?(?:DIP\.|SEN\.|Dip\.|Sen\.|DIPUTAD[OA]|SENADOR[A]?"
    rf"|(?:{_RANK})?(?:(?:VICE)?PRESIDENT[AE]|SECRETARI[OA]|(?:Vicep|P)resident[ae]|Secretari[oa]))"
    r"|(?:C\.|CC\.)(?=\s+[A-ZÁÉÍÓÚÑ]))"
    r"(?!\s+(?:DE|DEL|de|del)\b)"
    # a title in lower case after the role ("Secretaria diputada Ana Ruiz: …")
    rf"(?:\s+(?:DIP\.|SEN\.|Dip\.|Sen\.|diputad[oa]|senador(?:a)?|[{_UP}][\w'-]*+|de|del|la|las"
    r"|los|y)){0,10}"
    r"(?:\s*\([^()\n]{0,40}\)){0,2})\s*:\s+"
    r"(?!(?:C\.|CC\.|DIP\.|Dip\.|SEN\.|Sen\.|DIPUTAD|Diputad|SENADOR|Senador|LIC\.|Lic\.)"
    r"|P\s*R\s*E\s*S\s*E\s*N\s*T\s*E\b|Presente\b|[a-záéíóúñ]"
    # capitals to the line's end are a name (a board's list), unless a sentence's word is
    # among them (Nuevo León's Diario writes the words in capitals: "C. PRESIDENTA: SE
    # ABRE LA SESIÓN.")
    rf"|(?!{_SENTENCE_WORD})[{_UP}][{_UP}'.,-]*(?:\s+(?!{_SENTENCE_WORD})[{_UP}][{_UP}'.,-]*)*\s*$"
    rf"|[{_UP}][\w'-]*(?:\s+(?:[{_UP}][\w'-]*|de|del|la|los|las|y))+\s*$)"
)
# A legislator announced by the record rather than headed ("Interviene el senador Rubén
# Salas Medina (PVEM).", alone on its line; or "Interviene la diputada Ana Ruiz: …"):
# only a chamber's role and a name, so "Interviene el senador Pineda y le pido
# brevedad." (a sentence) is no turn. A narrated acta (Nuevo León's) writes it its own
# ways: the role capitalised or abbreviated ("Interviene la C. Dip. Ana Ruiz Garza.",
# "INTERVIENE EL DIPUTADO…"), in the past ("Intervino…"), its bench after a comma
# (", del Grupo Legislativo del PAN."), read as a heading's description.
_ANNOUNCED_ROLE = (
    r"(?:[Dd]iputad[oa]|DIPUTAD[OA]|[Ss]enador(?:a)?|SENADOR(?:A)?|[Ll]egislador(?:a)?"
    r"|LEGISLADOR(?:A)?|Dip\.|DIP\.|Sen\.|SEN\.)"
)
_ANNOUNCED_BENCH = (
    r",\s*(?:integrante\s+|INTEGRANTE\s+)?(?:del|DEL)\s+(?:[Gg]rupo|GRUPO)\s+"
    r"(?:[Ll]egislativo|LEGISLATIVO|[Pp]arlamentario|PARLAMENTARIO)\s+(?:del?|DEL?)\s+"
    rf"[{_UP}][^.:,\n]{{1,60}}"
)
_INTERVENES = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:Interviene|INTERVIENE|Intervino|INTERVINO|Intervenci[oó]n\s+de\s+(?=la\b)"
    r"|INTERVENCI[OÓ]N\s+DE\s+(?=LA\b)|Intervenci[oó]n\s+d(?=el\b)|INTERVENCI[OÓ]N\s+D(?=EL\b))\s*"
    rf"(?P<who>(?:el|la|EL|LA)\s+(?:C\.\s+)?{_ANNOUNCED_ROLE}"
    rf"(?:\s+(?:[{_UP}][\w'-]*+|de|del|la|los|las|y|DE|DEL|LA|LOS|LAS|Y)){{2,12}}"
    rf"(?:\s*\([^()\n]{{0,40}}\)){{0,2}}(?:{_ANNOUNCED_BENCH})?)"
    r"\s*(?:\.\s*$|:\s*(?P<rest>.*)$|$)"
)
# What a record narrates in capitals looks like a heading ("EL C. PRESIDENTE SOLICITÓ A
# LA SECRETARÍA DAR LECTURA:", "EL DIPUTADO ROBERTO FARÍAS DIJO:"): a verb among the
# name's words says the line tells what someone did, and it opens no turn.
_NARRATED = re.compile(
    r"\b(?:[A-ZÁÉÍÓÚÑÜ]+Ó|DIJO|DICE|EXPRESA|MANIFIESTA|SEÑALA|COMENTA|PREGUNTA|RESPONDE"
    r"|AFIRMA|INDICA|MENCIONA|SOLICITA|PIDE|DIO)(?=\s|$|[(:,.])"
)
# A heading a PDF broke where its column ended: the first line opens it (a dash and an
# article, or an article and a role) and says nothing but roles and names; the second
# holds the rest of the name (and a party or seat in brackets) up to the colon.
# (a word ends at a space, a bracket, a colon or the line's end: never read as several)
_NAME_WORD = rf"(?:{_ROLE}|[{_UP}][\w.'-]*|de|del|la|los|las|y)(?=[\s(:]|$)"
_WRAPPED_FIRST = re.compile(
    rf"^\s*(?:[-–—]\s*(?:El|La|EL|LA)\s+|(?:El|La|EL|LA)\s+{_ROLE}\s*+)"
    rf"(?:{_NAME_WORD}\s*+)*(?:\((?:[\w ]{{0,30}}\)?)?)?\s*$"
)
_WRAPPED_REST = re.compile(
    rf"^\s*(?:[\w ]{{0,30}}\)\s*+)?(?:(?:{_NAME_WORD}\s*+){{0,5}}(?:\([^()\n]{{0,40}}\)\s*+)*)?"
    r":(?:\s+|$)"
)
# …or the state congresses' dotted shape, the rest of the name closed by its full stop and
# dash ("LA C. DIPUTADA MARÍA DE LA LUZ⏎HERNÁNDEZ GARZA.- Con su venia.")
_WRAPPED_DOTTED_REST = re.compile(
    rf"^\s*(?:(?:[{_UP}][\w'-]*+|de|del|la|los|las|y)\s++){{0,5}}[{_UP}][\w'-]*+"
    r"(?:\s*+\([^()\n]{0,40}\))?\s*+\.\s*+[-–—]"
)
_MAY_OPEN = frozenset("-–—EL")  # the first letter of a wrapped heading's first line
_COURT_SPEAKER = re.compile(
    r"(?<!PRESIDENTA )(?<!PRESIDENTE )(?<!Y )"
    rf"(?P<who>SE[ÑN]ORA? (?:MINISTR[OA]|MAGISTRAD[OA])(?: PRESIDENT[EA])?(?: [{_UP}][{_UP} ]*?)?"
    rf"|SECRETARI[OA] GENERAL DE ACUERDOS|SECRETARI[OA] (?:DE ESTUDIO Y CUENTA|AUXILIAR DE "
    rf"ACUERDOS)(?: [{_UP}][{_UP} ]*?)?)\s*:(?=\s|$)"
)
# What the session does, in the present ("Se levanta la sesión") or the past ("Se
# levantó la sesión") as transcripts write it: each verb by its stem with either ending.
_SESSION_VERBS = (
    r"ab(?:re|ri[oó])|levant[aoó]|reanud[aoó]|inici[aoó]|clausur[aoó]|suspend[eií]|decret"
    r"|incorpor|retir"
)
_STAGE_WORDS = (
    rf"aplaus|votaci[oó]n|receso|se (?:{_SESSION_VERBS})|"
    r"en este momento|risas|gritos|la asamblea|manifestaci|ingresa|sale del|"
    r"se (?:pone|ponen) de pie|honores|himno|minuto de silencio|campan(?:a|illa)|"
    # what the Diario notes while no one has the floor: a video shown, the hall's noise
    r"se (?:proyecta|presenta|transmite) (?:un |el )?video|video|interrupci[oó]n|desorden|"
    r"silbidos|abucheos|porras|consignas|voces|"
    # what the gallery shouts, as the record notes it ("(Desde las galerías: ¡Fuera!)")
    r"desde\s+(?:la|las|los|el)\s+(?:galer[ií]as?|palcos?|p[uú]blico)|"
    # the roll the secretary calls, noted where it is taken ("(Pasa lista de
    # asistencia)", "(Registro de asistencia)", "(Votación nominal)")
    r"(?:se\s+)?pasa(?:n)?\s+lista|registro de asistencia|lista de asistencia|"
    # the hour the Diario stamps where the chair speaks ("(11:51 horas)"): a note of the
    # record, not words anyone said; the whole bracket is the hour, nothing else (perhaps
    # as a sentence: "(Son las 23:58 horas)", "(Siendo las 00:04 horas)")
    r"(?:(?:a|son|siendo)\s+las\s+)?\d{1,2}[:.]\d{2}\s*(?:horas|hrs?)\.?(?=\))|"
    # …or the hour and what the sitting does then, as a sitting that runs past midnight
    # notes it ("(Siendo las 23:59 horas del 30 de abril, se decreta un receso)")
    r"(?:son|siendo)\s+las\s+\d{1,2}[:.]\d{2}\s*(?:horas|hrs?)(?=[^()]{0,200}?(?:receso|sesi[oó]n))"
)
_STAGE_INLINE = re.compile(
    rf"\s*\((?:{_STAGE_WORDS})[^()]{{0,200}}\)\.?"
    rf"(?-i:\s*QUEDA(?:N)? [{_UP}][{_UP}0-9 ,.;/]*?\.(?=\s|$|[{_UP}]?[a-z¿¡]))?",
    re.IGNORECASE,
)
_OPENING = re.compile(r"^\s*\(se (?:ab(?:re|ri[oó])|inici[aoó]) la sesi[oó]n[^()]*\)\.?\s*$", re.I)
_AGENDA_HEADING = re.compile(r"^\s*(\d{1,2})\s*[.)-]\s+(.{8,})$")
# A matter's title, in capitals, ends at the full stop before the secretary's words go on
# in sentence case ("…ADMINISTRATIVO. Bajo la ponencia…") or the resolutive points begin
# ("…ESTADO. PRIMERO. ES PROCEDENTE…"); a full stop inside the title ("…FRACCIÓN II,
# INCISO A). SUBINCISO 1), PÁRRAFO ÚLTIMO…") does not end it. Read in three linear steps
# (where a title starts, how far the capitals run, the first end in that run), never one
# pattern that could try every end for every start.
_MATTER_START = re.compile(rf"relativ[oa] a (?:la|el|los|las)\s+(?=[{_UP}])")
_CAPITALS_RUN = re.compile(rf"[{_UP}0-9 ,.;/()\n]*")
_MATTER_END = re.compile(
    rf"[{_UP})]\.(?=\s*$|\s+(?:[¿¡«“\"]?[{_UP}][a-záéíóúñü]|(?:PRIMER[OA]?|SEGUND[OA]|TERCER[OA]?"
    r"|ÚNIC[OA])\b))"
)
_CASE_NUMBER = re.compile(r"\d+/\d{4}")
# where the speaker spoke from, written after the heading's colon or dash ("-El Senador
# Juan Pérez: (Desde su escaño) Pido la palabra"): a note on the seat, no one's words;
# it joins the heading, where other shapes write it ("…Pérez (desde la curul):")
_SEAT_NOTE = re.compile(
    r"\(\s*(?:desde\s+(?:su|la|el)\s+(?:curul|escaño|escano|lugar|tribuna)|en\s+(?:la\s+)?tribuna)"
    r"\s*\)[\s.:;,–—-]*",
    re.IGNORECASE,
)


@dataclass
class Turn:
    """One turn as the text has it; ``speaker`` is None for a stage direction."""

    order: int
    speaker: str | None
    text: str
    procedural: bool = False
    agenda_index: int | None = None
    agenda_item: str | None = None
    continued: bool = False
    chair: str | None = None  # who presides from this turn on, as a line before it says
    chair_gender: str | None = None  # "f"/"m" as that line writes it ("de la senadora")
    # …and whether it names a vice-president ("Preside la vicepresidenta diputada …")
    chair_vice: bool = False
    # …and the chamber it names them in ("Preside la senadora …": ``senado``), so that a
    # joint sitting's chair is no member of the other chamber of the same name
    chair_body: str | None = None


def split_turns(text: str, agenda: Sequence[str] = ()) -> list[Turn]:
    """The turns of ``text`` in order (see :func:`split_session`)."""
    return split_session(text, agenda)[0]


def split_session(text: str, agenda: Sequence[str] = ()) -> tuple[list[Turn], str]:
    """The turns of ``text`` in order. ``agenda`` (the session's items) lets numbered
    headings (``3. Presentación de la Iniciativa…``) place each turn under its item;
    without it, the Diario's section headings in capitals (``DICTÁMENES A DISCUSIÓN``) or
    else a court's matters (``…relativo a la ACCIÓN DE INCONSTITUCIONALIDAD 203/2023…``)
    become the items. A section heading ends the turn before it: what follows it until
    the next speaker (a document read into the record, a summary, a list of votes) is
    kept as a procedural turn of no speaker, never the previous speaker's words. The
    text before the first turn (the record's heading, who presides, the attendance; all
    of a text of a shape no reader knows) comes apart, said by no one."""
    text = _court_speakers_apart(
        _without_page_marks(
            _without_page_edges(_without_repeated_heads(_without_running_heads(text)))
        )
    )
    text = _noted(_GLUED_INTERRUPTION.sub(_GLUED_BREAK, text))
    items = list(agenda)
    sections: list[str] = []
    turns: list[Turn] = []
    current: Turn | None = None
    agenda_index: int | None = None
    body: list[str] = []
    previous: str | None = None  # the last line of text read, for a heading's test
    after_section = False
    chair: str | None = None  # a change of presidency, for the next turn
    gender: str | None = None  # …and the grammar of its line
    vice = False  # …and whether it names a vice-president
    chair_body: str | None = None  # …and the chamber it names them in
    preamble: list[str] = []  # the lines before the first turn
    styled = False  # whether a heading put the title before a name ("Diputada Ana Ruiz:")

    def close() -> None:
        nonlocal current, body
        if current is not None:
            current.text = _clean(_joined(body))
            if current.text or current.speaker:
                turns.append(current)
        current, body = None, []

    lines = text.splitlines()
    skip = 0
    for at, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        if (
            current is not None
            and not any(body)
            and current.speaker
            and (seat := _SEAT_NOTE.match(line.strip()))
        ):
            # where the speaker spoke from, on the line under a heading alone (the words
            # perhaps after it: "El diputado Juan Pérez López:⏎(Desde su curul) Gracias.")
            current.speaker = f"{current.speaker} {seat[0].strip(' .:;,–—-')}"
            rest = line.strip()[seat.end() :].strip()
            if rest:
                body.append(rest)
                previous = rest
            continue
        speaker = _speaker_at(line)
        if speaker is None:
            speaker = _title_first(line, styled)
        if speaker is None and line.rstrip().endswith(":"):
            speaker = _titled_alone(line, _next_filled(lines, at))
        if speaker is None and ((tail := line.rstrip()[-1:]).isupper() or tail == ")"):
            speaker = _capitals_alone(lines, at)
        if speaker is None and at + 1 < len(lines) and line.lstrip()[:1] in _MAY_OPEN:
            speaker = _wrapped_speaker(line, lines[at + 1])
            skip = 1 if speaker is not None else 0
            if speaker is None and at + 2 < len(lines):
                speaker = _wrapped_thrice(line, lines[at + 1], lines[at + 2])
                skip = 2 if speaker is not None else 0
        if speaker is not None and _mid_sentence(previous, line, strictly=False):
            speaker, skip = None, 0  # a name the line's end cut from its sentence ("…de la⏎
            # Dip. Ana Ruiz: …" quotes her)
        if speaker is not None and current is not None and _quoting(body, previous, line):
            speaker, skip = None, 0  # a quotation the speaker reads ("…como dijo en esta
            # tribuna:⏎El diputado X: …", "«…⏎La Presidenta: …»")
        if speaker is not None:
            close()
            who, rest = speaker
            styled = styled or _TITLED_NAME.match(who) is not None
            if seat := _SEAT_NOTE.match(rest):
                who, rest = f"{who} {seat[0].strip(' .:;,–—-')}", rest[seat.end() :]
            current = Turn(
                0, who, "", agenda_index=agenda_index, chair=chair, chair_gender=gender,
                chair_vice=vice, chair_body=chair_body,
            )  # fmt: skip
            body, chair, gender, vice, chair_body = [rest], None, None, False, None
            previous = rest or None
            continue
        change = chair_change_at(lines, at, previous) if turns or current else None
        if change is not None:
            close()  # the line is no one's words
            chair, taken = change
            gender = chair_gender(" ".join(lines[at : at + taken]))
            vice = _VICE.search(" ".join(lines[at : at + taken])) is not None
            chair_body = body_of(" ".join(lines[at : at + taken]))
            skip, previous = taken - 1, None
            continue
        listed = (
            roll_call_at(lines, at, previous)
            or voiced_votes_at(lines, at, previous, current is not None and bool(current.speaker))
            or named_sides_at(lines, at, previous)
            if turns or current
            else None
        )
        if listed is not None:
            close()  # a vote's list is the record's, no one's words
            turns.append(
                Turn(0, None, " · ".join(_listed(lines[at : at + listed])), True, agenda_index)
            )
            skip, previous, after_section = listed - 1, None, True
            continue
        heading = _agenda_heading(line, items)
        if heading is not None:
            close()
            agenda_index = heading
            # the rest of a numbered item's title wrapped to the next line is no turn
            previous, after_section = None, False
            continue
        section = section_at(lines, at, previous, _opens_turn) if turns or current else None
        if section is not None:
            stacked = after_section and current is None and previous is None
            close()
            title, taken = section
            skip = taken - 1
            if not items:
                if stacked and sections:
                    sections[-1] = f"{sections[-1]} · {title}"  # a heading under a heading
                else:
                    sections.append(title)
                agenda_index = len(sections) - 1
            after_section, previous = True, None
            continue
        if (
            current is not None
            and current.speaker
            and unread_heading(line)
            and not _mid_sentence(previous, line, strictly=True)
            and not _quoting(body, previous, line)
        ):
            # someone's heading of a shape not read: their words are no one's, never the
            # previous speaker's (the line is kept whole, the name as the record writes it)
            close()
            current, body = Turn(0, None, "", agenda_index=agenda_index), [line.strip()]
            previous = line
            continue
        if current is None and _OPENING.match(line):
            turns.append(Turn(0, None, line.strip(), True, agenda_index))
            continue
        if current is None and after_section and line.strip():
            current = Turn(0, None, "", True, agenda_index)
        if current is not None:
            body.append(line.strip())
            previous = line if line.strip() else previous
        elif not turns and line.strip():
            preamble.append(line.strip())
    close()
    turns = _inline_stages(turns)
    if not items:
        items = sections or _court_matters(turns)
    for order, turn in enumerate(turns, start=1):
        turn.order = order
        if turn.agenda_index is not None and turn.agenda_index < len(items):
            turn.agenda_item = items[turn.agenda_index]
    return [t for t in turns if t.text or t.speaker], _clean(_joined(preamble))


_VICE = re.compile(r"\bvicepresident[ae]\b", re.IGNORECASE)

# A line that leaves its sentence open: a word that needs the next one (an article, a
# preposition, a conjunction, a possessive or a demonstrative) at its end ("…como lo
# señaló la⏎", "…como lo ha dicho nuestro⏎Presidente …: …"), or a verb of saying that
# announces whom it quotes ("…respondo a lo que señaló⏎El diputado …: …"); the next line
# goes on with that sentence, so a name and a colon opening it are no heading. A word
# that is also a noun ending a sentence ("pregunta", "cita", "escrito") is not read so: a
# turn's last line may lack its full stop. (A comma is no such end: the SCJN's record
# heads a minister's turn after the chair's "Ministra Ortiz,")
_SAYING = (
    r"dij(?:o|eron)|dice|dicen|dec[ií]a|dicho|señal(?:ó|a|aron|ado)|expres(?:ó|a|ado)"
    r"|afirm(?:ó|a|ado)|declar(?:ó|a|ado)|mencion(?:ó|a|ado)|coment(?:ó|ado)|pregunt[óo]"
    r"|respondi[óo]|contest[óo]|sostuvo|sostiene|asegur(?:ó|a)|advirti[óo]|advierte"
    r"|manifest(?:ó|a|ado)|indic(?:ó|a|ado)|cit(?:ó|o|ado)|record(?:ó|aba)|escribi[óo]"
    r"|subray[óo]|insisti[óo]|plante[óo]|denunci[óo]|explic[óo]|reconoci[óo]"
    r"|agreg[óo]|añadi[óo]|puntualiz[óo]|tuite[óo]|public[óo]"
)
_SENTENCE_OPEN = re.compile(
    r"(?:(?<![\w-])(?i:a|al|de|del|la|las|el|los|lo|y|e|o|u|en|con|por|para|que|su|sus"
    r"|un|una|se|como|ante|entre|sobre|seg[uú]n|tras|hacia|desde|hasta"
    r"|mi|mis|tu|tus|nuestr[oa]s?|vuestr[oa]s?|est[ea]s?|este|es[ea]s?|aquel|aquell[oa]s?"
    rf"|dich[oa]s?|cada|{_SAYING}))[^\S\n]*$"
)
# …and, for a line of a shape no reader knows, any word in lower case: "…como lo dijo
# el senador⏎Ricardo Monreal Ávila: «…»" quotes him, and the words after it are still the
# speaker's, never a turn of no one's
_LOWER_END = re.compile(r"[a-záéíóúñü,;][^\S\n]*$")


def _mid_sentence(previous: str | None, line: str, strictly: bool) -> bool:
    """Whether ``line`` goes on with the sentence of ``previous`` (the last line of words
    read in the turn; None at a turn's start): then it opens no turn. A line opened by a
    dash is a heading wherever it falls (the record's own mark). ``strictly``: any word in
    lower case at the end of ``previous`` leaves the sentence open (for the headings of
    shapes no reader knows, see :func:`unread_heading`)."""
    if not previous or line.lstrip()[:1] in "-–—":
        return False
    tail = previous.rstrip()[-40:]
    return bool(_SENTENCE_OPEN.search(tail) or (strictly and _LOWER_END.search(tail)))


# A line that announces a quotation at its end: a verb of saying, or a word that says the
# words read are another's ("…como lo dijo aquí el diputado Pérez en su momento:", "cito
# textualmente:", "…que a la letra dice:"); a heading-shaped line after it is what is read.
_QUOTE_ANNOUNCED = re.compile(
    rf"\b(?:{_SAYING}|cito|citar|textual(?:mente)?|letra|leo|leer[ée]?|palabras)\b"
    r"[^.!?:\n]{0,60}:[^\S\n]*$",
    re.IGNORECASE,
)
# the opening and closing marks of a quotation; a straight one opens and closes alike
_QUOTE_PAIRS = (("«", "»"), ("“", "”"))
_QUOTE_REACH = 400  # characters back a quotation left open is still read open


def _quoting(body: Sequence[str], previous: str | None, line: str) -> bool:
    """Whether ``line`` is read inside a quotation of the turn so far: one left open in
    its last words (a quoted transcript, «…⏎El diputado X: …»), or announced at the end of
    the line before ("…cito textualmente:⏎-El diputado X: …", the dash read too). Only
    the last :data:`_QUOTE_REACH` characters count, so a mark the text lost to its
    printing does not hold every turn after it."""
    if previous and _QUOTE_ANNOUNCED.search(previous):
        return True
    tail = _tail(body, _QUOTE_REACH)
    if any(tail.rfind(opening) > tail.rfind(closing) for opening, closing in _QUOTE_PAIRS):
        return True
    return tail.count('"') % 2 == 1


def _tail(lines: Sequence[str], reach: int) -> str:
    """The last ``reach`` characters of ``lines`` joined, reading only the lines they
    take (a turn of many lines is not joined whole at each of its lines)."""
    taken: list[str] = []
    size = 0
    for line in reversed(lines):
        taken.append(line)
        size += len(line) + 1
        if size >= reach:
            break
    return " ".join(reversed(taken))[-reach:]


# Someone who breaks in, glued by the text to the end of the words before it ("…¿Acepta
# una pregunta? —La diputada Ana Ruiz Garza (PAN) (desde la curul): No, gracias."): after a
# finished sentence, a long dash, a capitalised article, the chamber's role and only a
# name's words (and brackets) up to the colon; the break goes before the dash, so the
# words after it are theirs, not the previous speaker's. A quotation inside a speech
# ("…como dijo —el diputado Ruiz: …") has no capital article and stays. The sentence's
# last mark is matched (and written back: ``_GLUED_BREAK``), not looked behind for: a
# pattern opening with a class is searched for that class's characters first, in C (a
# look behind is tried at every character: 39 µs a 3 KB session against 16). The same
# breaks: a match ends in spaces, never on such a mark, so no mark serves two of them.
_GLUED_INTERRUPTION = re.compile(
    r"([.?!…»”)])[^\S\n]++(?=[—–][^\S\n]*+(?:El|La)[^\S\n]++(?:C\.[^\S\n]++)?"
    r"(?:[Dd]iputad[oa]|[Ss]enador(?:a)?|(?:[Vv]ice)?[Pp]resident[ae]|[Ss]ecretari[oa])"
    rf"(?:[^\S\n]++(?:[{_UP}][\w.'-]*+|de|del|la|los|las|y|diputad[oa]|senador(?:a)?)){{0,8}}"
    r"(?:[^\S\n]*+\([^()\n]{0,40}\)){0,2}[^\S\n]*+:[^\S\n]"
    # …or the chair or a secretary as the Cámara heads them, with no dash ("…Termino
    # aquí. La presidenta diputada Ana Ruiz: Gracias…"): the board's role and the
    # chamber's title before the name say a heading, never words said of someone
    r"|(?:El|La)[^\S\n]++(?:(?:[Vv]ice)?[Pp]resident[ae]|[Ss]ecretari[oa])[^\S\n]++"
    rf"(?:diputad[oa]|senador(?:a)?)(?:[^\S\n]++(?:[{_UP}][\w.'-]*+|de|del|la|los|las|y)){{1,8}}"
    r"(?:[^\S\n]*+\([^()\n]{0,40}\)){0,2}[^\S\n]*+:[^\S\n]"
    # …or a state congress's dotted heading glued the same way ("…Se levanta la sesión.
    # EL C. SECRETARIO.- Se cita…"): the article, "C." and the chamber's role in capitals,
    # only capitals after them, then the full stop and dash
    r"|(?:EL|LA)[^\S\n]++C\.[^\S\n]++(?:(?:VICE)?PRESIDENT[AE]|SECRETARI[OA]|DIPUTAD[OA]"
    rf"|SENADOR(?:A)?)(?:[^\S\n]++[{_UP}][{_UP}.'-]*+){{0,8}}(?:[^\S\n]*+\([^()\n]{{0,40}}\))?"
    r"[^\S\n]*+\.[^\S\n]*+[-–—])"
)
# the sentence's mark kept, the spaces after it a line break
_GLUED_BREAK = "\\1\n"


# The Senado's versión estenográfica notes the hall's noise after a long dash, without
# brackets ("—Aplausos.", "—Risas y aplausos.", alone on its line or after a finished
# sentence): the record's note, read as the bracketed one ("(Aplausos)"), never the
# speaker's words. Only the hall's noises, and no colon ("—Aplausos para todos: …" is
# someone's words).
_NOISE = r"(?:(?i:aplausos?|risas|gritos|silbidos|abucheos|porras|consignas|desorden)\b)"
_NOTE_WORDS = r"(" + _NOISE + r"[^\n.:;()¿?¡!—–]{0,80}?)"
_DASHED_NOTE_LINE = re.compile(
    r"^([^\S\n]*+)[-—–][^\S\n]*+" + _NOTE_WORDS + r"\.?[^\S\n]*+$", re.MULTILINE
)
_DASHED_NOTE_INLINE = re.compile(
    r"(?<=[.?!…»”])([^\S\n]++)[—–][^\S\n]*+" + _NOTE_WORDS + r"\.(?=\s|$)"
)


def _noted(text: str) -> str:
    """Dashed notes of the hall (see ``_NOTE_WORDS``) in the record's brackets."""
    if "—" not in text and "–" not in text and "-" not in text:
        return text
    text = _DASHED_NOTE_LINE.sub(r"\1(\2)", text)
    if "—" not in text and "–" not in text:  # a glued note's own dash (a hyphen is none)
        return text
    return _DASHED_NOTE_INLINE.sub(r"\1(\2)", text)


def _listed(lines: Sequence[str]) -> list[str]:
    return [" ".join(line.split()) for line in lines if line.strip()]


def _opens_turn(line: str) -> bool:
    return _speaker_at(line) is not None


def _court_speakers_apart(text: str) -> str:
    """Each court speaker (``SEÑORA MINISTRA PRESIDENTA:``) on a line of its own; the
    pattern is tried only where such a speaker can start."""
    starts = occurrences(text, "SEÑOR", "SENOR", "SECRETARI")
    if not starts:
        return text
    text = _court_headings_unwrapped(text, starts)
    pieces: list[str] = []
    last = 0
    for match in matches_at(_COURT_SPEAKER, text, starts):
        pieces += [text[last : match.start()], "\n", match[0]]
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


# A court speaker's heading broken where the line ended, the rest of the name (or of the
# title) on the next line up to the colon ("SEÑOR MINISTRO GONZÁLEZ ALCÁNTARA⏎CARRANCÁ:",
# "SEÑORA MINISTRA⏎PRESIDENTA:", "SECRETARIO GENERAL DE⏎ACUERDOS:"). Only at a line's or a
# sentence's start, with a name's words alone on both lines (never "Y", a second "SEÑOR"
# or "MINISTRO": the heading's list of attendance "SEÑORA MINISTRA Y SEÑOR⏎MINISTRO:"),
# and only when the joined line is a court speaker's heading.
_COURT_WRAPPED = re.compile(
    rf"(?:^|(?<=[\n\f])|(?<=[.)?!»”\"…])|(?<=[.)?!»”\"…] ))"
    r"(?:SE[ÑN]ORA? (?:MINISTR[OA]|MAGISTRAD[OA])(?: PRESIDENT[EA])?|SECRETARI[OA])"
    rf"(?: (?!Y |SE[ÑN]OR|MINISTR|MAGISTRAD)[{_UP}]++)*+ *+\n *+"
    rf"(?!SE[ÑN]OR|SECRETARI|MINISTR|Y )[{_UP}]++(?: [{_UP}]++){{0,3}} *+:(?=\s|$)"
)


def _court_headings_unwrapped(text: str, starts: list[int]) -> str:
    """``text`` with each court heading broken over two lines (see
    :data:`_COURT_WRAPPED`) joined on one."""
    breaks = []
    for match in matches_at(_COURT_WRAPPED, text, starts):
        joined = " ".join(match[0].split())
        if _COURT_SPEAKER.fullmatch(joined):
            breaks.append(text.index("\n", match.start(), match.end()))
    if not breaks:
        return text
    pieces, last = [], 0
    for at in breaks:
        pieces += [text[last:at], " "]
        last = at + 1
    pieces.append(text[last:])
    return "".join(pieces)


def _without_running_heads(text: str) -> str:
    """The text without the heading a PDF repeats at the top of every page (``H.
    CONGRESO DEL ESTADO … LXVI LEGISLATURA``): a capitalised line that starts every
    page but perhaps the first (pages are separated by form feeds)."""
    tops: dict[str, int] = {}
    pages = text.split("\f")
    # a head repeats: a line at the top of one page alone is the record's (a heading
    # "SEÑOR MINISTRO PARDO REBOLLEDO:", a resolutive point read in capitals), unless the
    # text has but two pages
    needed = 2 if len(pages) > 2 else 1
    for page in pages[1:]:
        first = page.lstrip("\n").split("\n", 1)[0].strip()
        if len(first) >= 20 and first.isupper() and not first.startswith("("):
            tops[first] = tops.get(first, 0) + 1
    for head, seen in tops.items():
        if seen >= needed and seen + 1 >= text.count(head):
            text = text.replace(head, "\n")
    return text


# What a page's running head or foot says of the record, in any case: its name ("Diario
# de los Debates", "Versión estenográfica", "Cámara de Diputados del H. Congreso de la
# Unión", "H. Congreso del Estado de Jalisco", "LXVI Legislatura"), its period ("Año I",
# "Primer Periodo de Sesiones Ordinarias", "Comisión Permanente", "Sesión No. 12"), its
# date ("jueves 12 de septiembre de 2024") and its page. Folded (no accents, lower case).
_MONTH = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?ptiembre|octubre|noviembre"
    r"|diciembre)"
)
_ORDINAL = (
    r"(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|1er\.?|2do\.?|3er\.?)"
)
# a session's rank, as state congresses number them in their running heads ("Tercera
# Sesión", "Décima Segunda Sesión", "Vigésima Sesión", "12a. Sesión")
_SESSION_RANK = (
    r"(?:(?:(?:septim|setim|octav|noven|decim|undecim|duodecim|vigesim|trigesim|cuadragesim"
    rf"|quincuagesim|sexagesim)[oa]\s+)?{_ORDINAL}|(?:septim|setim|octav|noven|decim|undecim"
    r"|duodecim|vigesim|trigesim|cuadragesim|quincuagesim|sexagesim)[oa]|\d{1,3}\s*[ao]\.?)"
)
_HEAD_PIECE = re.compile(
    "|".join(
        (
            r"(?:h\.\s*|honorable\s+)?(?:diario\s+de\s+(?:los\s+)?debates"
            r"|version\s+(?:estenografica|taquigrafica)|gaceta\s+parlamentaria"
            r"|camara\s+de\s+(?:diputados|senadores)|senado\s+de\s+la\s+republica"
            r"|congreso\s+(?:general\s+)?(?:de\s+los\s+estados\s+unidos\s+mexicanos"
            r"|de\s+la\s+union|de\s+la\s+ciudad\s+de\s+mexico"
            r"|del\s+estado(?:\s+libre\s+y\s+soberano)?\s+de\s+[a-z]+(?:\s+(?:de\s+)?[a-z]+){0,3}))",
            r"[lxvi]{2,8}\s+legislatura|legislatura\s+[lxvi]{2,8}|comision\s+permanente",
            rf"ano\s+[ivx]{{1,4}}\b|{_ORDINAL}\s+ano(?:\s+de\s+ejercicio(?:\s+constitucional)?)?",
            rf"(?:{_ORDINAL}\s+)?periodo(?:\s+(?:ordinario|extraordinario))?"
            r"(?:\s+de\s+sesiones(?:\s+(?:ordinarias|extraordinarias))?)?(?:\s+de\s+receso)?",
            rf"(?:{_SESSION_RANK}\s+)?sesion(?:\s+(?:publica|ordinaria|extraordinaria|solemne"
            r"|vespertina|matutina|permanente)){0,2}(?:\s+(?:no\.?|num\.?|numero)\s*\d{1,4})?",
            r"(?:(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)\s+)?\d{1,2}\s+de\s+"
            rf"{_MONTH}\s+(?:de|del)\s+\d{{4}}",
            # (a page's or a number's piece names nothing of the record by itself)
            r"(?P<page>pag(?:ina|\.)?\s*\d{1,4}(?:\s*(?:de|/)\s*\d{1,4})?"
            r"|(?:no\.?|num\.?|numero|volumen|tomo)\s*[ivx\d]{1,4}\b)",
        )
    )
)
# what may stand between a head's pieces: separators, connecting words, a bare number
_HEAD_GLUE = re.compile(r"(?:[\s,.;:|/·•—–-]|\b(?:de|del|de\s+la|la|el|y|celebrada|\d{1,4})\b)*")
_NUMBER_LINE = re.compile(r"\d{1,4}")
# (a line is folded and read piece by piece only when it holds one of these)
_HEAD_HINT = re.compile(
    r"(?i:debates|estenogr|taquigr|c[aá]mara|senado|congreso|legislatura|per[ií]odo|a[ñn]o\s"
    r"|gaceta|sesi[oó]n|permanente|\d\s+de\s+[a-z]+\s+del?\s+\d)"
)


def _head_line_key(line: str) -> str | None:
    """The key (folded, digits masked) of a line made only of a running head's pieces
    (see :data:`_HEAD_PIECE`), one naming the record, its period or its date at least;
    None for any other line (words of a sentence among them: "Diario de los Debates del
    Congreso, como dijo el informe." is someone's)."""
    if not 4 <= len(line) <= 140 or line.startswith("("):
        return None
    if _HEAD_HINT.search(line) is None:
        return None
    folded = fold_keyword(line)
    rest, found, at = [], False, 0
    for piece in _HEAD_PIECE.finditer(folded):
        found = found or piece["page"] is None
        rest.append(folded[at : piece.start()])
        at = piece.end()
    rest.append(folded[at:])
    if not found or not all(_HEAD_GLUE.fullmatch(gap) for gap in rest):
        return None
    return " ".join(_DIGIT.sub("#", folded).split())


def _without_repeated_heads(text: str) -> str:
    """The text without the running heads and feet a PDF repeats on every page, where
    no page break tells the pages apart (the text a site serves, a PDF's text joined):
    a line made only of the record's name, its period, its date and a page number (see
    :func:`_head_line_key`) that the text holds twice at least, its digits aside
    ("Diario de los Debates", "Año I, Primer Periodo, 12 de septiembre de 2024"), and a
    bare page number beside one. A turn a page's head fell into is whole again
    ("…la refor-⏎[head]⏎ma…" → "la reforma")."""
    lines = text.split("\n")
    # (a line is read piece by piece only when it repeats, its page number aside: a
    # text's lines are counted once, each repeated one read once)
    written: list[str | None] = []
    counts: dict[str, int] = {}
    sample: dict[str, str] = {}
    for line in lines:
        line = line.strip(" \t\r\f")
        key = None
        if 4 <= len(line) <= 140:
            key = _DIGIT.sub("#", line) if line[:1].isdigit() or line[-1:].isdigit() else line
            counts[key] = counts.get(key, 0) + 1
            sample.setdefault(key, line)
        written.append(key)
    repeated = {
        key for key, seen in counts.items() if seen >= 2 and _head_line_key(sample[key]) is not None
    }
    heads = {at for at, key in enumerate(written) if key in repeated}
    if not heads:
        return text

    def head_piece(at: int) -> bool:
        return _head_line_key(lines[at].strip(" \t\r\f")) is not None

    # a line of a head's pieces once only, next to a repeated one, is of the same head
    # ("Cámara de Diputados…, LXVI Legislatura" over the repeated lines), and a bare
    # number next to a head (past blank lines) is its page's number
    for at in sorted(heads):
        near = at - 1
        while near >= 0 and near not in heads and head_piece(near):
            heads.add(near)
            near -= 1
        near = at + 1
        while near < len(lines) and near not in heads and head_piece(near):
            heads.add(near)
            near += 1
    for at in sorted(heads):
        for step in (-1, 1):
            near = at + step
            while 0 <= near < len(lines) and not lines[near].strip(" \t\r\f"):
                near += step
            while 0 <= near < len(lines) and near in heads:
                near += step
            if 0 <= near < len(lines) and _NUMBER_LINE.fullmatch(lines[near].strip(" \t\r\f")):
                heads.add(near)
    kept: list[str] = []
    page_break = False  # a page break a removed line held stays, between the lines kept
    for at, line in enumerate(lines):
        if at in heads:
            page_break = page_break or "\f" in line
            continue
        if page_break and kept:
            kept[-1] += "\f" + line  # (as the page's edges leave it: no blank line)
        else:
            kept.append(("\f" if page_break else "") + line)
        page_break = False
    if page_break:
        kept.append("\f")
    return "\n".join(kept)


# A page's running line as a text without page breaks keeps it between two lines of a
# turn ("Cámara de Diputados — Versión estenográfica — página 12", "Página 3 de 40",
# "- 12 -", "Pág. 7"): a page number, perhaps after the record's name and a separator,
# and nothing else on the line. The record's name with it is read only when the same
# line, its number aside, repeats (a line of speech never ends in "página 12" twice).
_PAGE_MARK = re.compile(
    r"(?P<head>[^\n]{0,120}?(?:[—–|·•-]|[^\S\n]{3})[^\S\n]*)?(?i:p[aá]g(?:ina|\.)?)[^\S\n]*\d{1,4}"
    r"(?:[^\S\n]*(?:de|/)[^\S\n]*\d{1,4})?[^\S\n]*"
)
_PAGE_NUMBER_ALONE = re.compile(r"[^\S\n]*[-–—][^\S\n]*\d{1,4}[^\S\n]*[-–—][^\S\n]*")


def _without_page_marks(text: str) -> str:
    """``text`` without the page marks its pages left among the lines (see
    :data:`_PAGE_MARK`) where no page break tells the page's edges."""
    marks: list[tuple[int, int, str, re.Match[str] | None]] = []
    keys: dict[str, int] = {}
    # (only the lines that could be one are looked at: "pág" in them, or a dash first)
    starts: set[int] = set()
    start = end = -1  # the line of the last occurrence, each line's bounds found once
    for at in occurrences(text, *_PAGE_LITERALS):
        if at >= end:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            if text[at] not in "pPaA" and not text[start:at].strip(" \t\f\r"):
                starts.add(start)  # a dash first on its line
        if text[at] in "pPaA":
            starts.add(start)
    for start in sorted(starts):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        stripped = text[start:end].strip("\f \t\r")
        if len(stripped) > 160:
            continue
        match = _PAGE_MARK.fullmatch(stripped)
        if match is not None or _PAGE_NUMBER_ALONE.fullmatch(stripped):
            key = _DIGIT.sub("#", fold_keyword(stripped))
            keys[key] = keys.get(key, 0) + 1
            marks.append((start, end, key, match))
    pieces, last = [], 0
    for start, end, key, match in marks:
        # "Página 14 de 40", or the record's name and its page: a page's mark even once;
        # a bare "página 12" (a speech's line may end so), or "- 12 -", only repeated
        alone = match is not None and (
            _PAGES_OF.search(match[0]) or bool(match["head"] and _RECORD.search(match["head"]))
        )
        if alone or keys[key] >= 2:
            page_break = "\f" if text.startswith("\f", start) else ""
            # the record's name in capitals on its own line beside the mark ("DIARIO DE LOS
            # DEBATES" under "Martes 8 de octubre — Página 23") is the page's head too
            before = text.rfind("\n", 0, max(start - 1, 0)) + 1
            if start and before >= last and _record_line(text[before : start - 1]):
                start = before
            after = text.find("\n", end + 1)
            after = len(text) if after < 0 else after
            if end < len(text) and _record_line(text[end + 1 : after]):
                end = after
            pieces += [text[last:start], page_break]
            last = end + 1  # the line's own end goes with it
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


_PAGE_LITERALS = ("pág", "Pág", "PÁG", "pag", "Pag", "PAG", "-", "–", "—")
_PAGE_WORD = re.compile(r"(?i:p[aá]g)")


_PAGES_OF = re.compile(r"\d[^\S\n]*(?:de|/)[^\S\n]*\d+[^\S\n]*$")
# the record's own name at a page's edge ("Cámara de Diputados — Versión estenográfica")
_RECORD = re.compile(
    r"(?i:versi[oó]n\s+(?:estenogr[aá]fica|taquigr[aá]fica)|diario\s+de\s+(?:los\s+)?debates"
    r"|c[aá]mara\s+de\s+(?:diputados|senadores)|senado\s+de\s+la\s+rep[uú]blica|congreso\s+del?"
    r"|legislatura|gaceta\s+parlamentaria)"
)
_RECORD_ALONE = re.compile(rf"(?:{_RECORD.pattern})[A-ZÁÉÍÓÚÑÜ ,.]{{0,40}}")


def _record_line(line: str) -> bool:
    """A line that is only a running head naming the record, in capitals."""
    line = line.strip(" \t\r\f")
    return 0 < len(line) <= 80 and line.isupper() and _RECORD_ALONE.fullmatch(line) is not None


# a word a line's end broke with a hyphen, its rest opening the next line ("la refor-⏎ma")
_HYPHENS = ("-", "\u2010", "\u00ad")
_BROKEN_WORD = re.compile(r"[^\W\d_][a-záéíóúñü][-\u2010\u00ad]$")


def _joined(lines: Sequence[str]) -> str:
    """A turn's lines as one text, a word broken over two lines with a hyphen whole again
    ("refor-⏎ma es" → "reforma es"): only where the next line goes on in lower case."""
    pieces: list[str] = []
    for line in lines:
        if not line:
            continue
        if (
            pieces
            and pieces[-1].endswith(_HYPHENS)
            and line[:1].islower()
            and _BROKEN_WORD.search(pieces[-1])
        ):
            pieces[-1] = pieces[-1][:-1] + line
        else:
            pieces.append(line)
    return " ".join(pieces)


def _next_filled(lines: Sequence[str], at: int) -> str:
    for line in lines[at + 1 : at + 4]:
        if line.strip():
            return line
    return ""


# A legislator's title with no article before the name, alone on its line, the words on
# the next ("Senador Ortega:⏎Gracias, presidenta.", "Diputada María López Ruiz (PAN):⏎…",
# "Senadora Ana Ruiz, desde su escaño:⏎…"): the title, then only a name's words. Read only
# alone on its line and before words that open a sentence (see ``_titled_alone``): on one
# line with words, "Senador Ortega: ¿me permite?" is someone addressing him.
_TITLE_ALONE = re.compile(
    r"^\s*(?:[-–—]\s*)?(?P<who>(?:Senador(?:a)?|Diputad[oa]|Legislador(?:a)?)"
    rf"\s+[{_UP}][\w'-]*+(?:(?:\s+(?:de|del|la|los|las|y))*\s+[{_UP}][\w'-]*+){{0,6}}"
    r"(?:\s*+\([^()\n]{0,40}\)){0,2}"
    rf"(?:\s*+,\s*+{_CIRCUMSTANCE}(?:\s*+\([^()\n]{{0,40}}\)){{0,2}})?)\s*+:\s*$"
)
# A heading that puts the legislator's title before the board's role and the name, on one
# line with the words, as state congresses write it (Coahuila: "Diputada Presidenta Luz
# Elena Guillén Vicente: Continúe.", "Diputado Secretario Jesús María Montemayor Garza:
# …", "Presidente, diputado Eduardo Olmos Castro: …"): a title and a role, then a name of
# two words at least, and words that open a sentence. Without the role ("Diputada Martha
# Loera Arámbula: Con su permiso.") it is read only once the session has headed a turn
# this way (see ``split_turns``): before that, a vocative opening a line is as likely.
_TITLE_FIRST_NAME = (
    rf"(?:\s+[{_UP}][\w'-]*+(?:(?:\s+(?:de|del|la|los|las|y)){{0,3}}\s+[{_UP}][\w'-]*+){{1,6}})"
    r"(?:\s*+\([^()\n]{0,40}\)){0,2}"
    rf"(?:\s*+,\s*+{_CIRCUMSTANCE}(?:\s*+\([^()\n]{{0,40}}\)){{0,2}})?"
)
_TITLE = r"(?:Diputad[oa]|Senador(?:a)?|Legislador(?:a)?)"
_BOARD = rf"(?:{_RANK})?(?:(?:Vicep|P)resident[ae]|Secretari[oa])"
_WORDS_OPEN = rf"\s*+:\s+(?=[¿¡«“\"(]|[{_UP}][a-záéíóúñü ]|[AYOE]\s)"
_TITLE_ROLE_FIRST = re.compile(
    rf"^\s*(?:[-–—]\s*)?(?P<who>(?:{_TITLE}\s+{_BOARD}|{_BOARD}\s*,?\s+(?i:{_TITLE}))"
    rf"{_TITLE_FIRST_NAME}){_WORDS_OPEN}"
)
_TITLE_NAME_FIRST = re.compile(
    rf"^\s*(?:[-–—]\s*)?(?P<who>{_TITLE}(?!\s+(?:{_BOARD}|de|del)\b){_TITLE_FIRST_NAME}){_WORDS_OPEN}"
)


def _title_first(line: str, styled: bool) -> tuple[str, str] | None:
    """A one-line heading with the title first (see :data:`_TITLE_ROLE_FIRST`); one
    without the board's role only when ``styled`` (the session heads turns so)."""
    match = _TITLE_ROLE_FIRST.match(line) or (styled and _TITLE_NAME_FIRST.match(line)) or None
    if match is None or _NARRATED.search(match["who"]):
        return None
    return " ".join(match["who"].split()), line[match.end() :].strip()


# a speaker's heading with the title before a name, no article ("Diputada Ana Ruiz",
# "Diputado Secretario Juan Pérez", "Presidente, diputado Juan Pérez"): the session's way
_TITLED_NAME = re.compile(
    rf"(?:{_TITLE}\s+(?:{_BOARD}\s+)?|{_BOARD}\s*,?\s+(?i:{_TITLE})\s+)[{_UP}][a-záéíóúñü]"
)


# A heading in capitals alone on its line with no colon nor dash, as state congresses'
# Diarios print it in bold above the words ("C. SENADORA ANA RUIZ GARZA⏎Muchas gracias.",
# "EL C. PRESIDENTE DIPUTADO JUAN PÉREZ LÓPEZ⏎Se abre la sesión."): a chamber's role, then
# only a name's words in capitals (and a party in brackets). Read only between a
# finished sentence (or nothing) and words in sentence case (see ``_capitals_alone``): a
# signature block («ATENTAMENTE⏎DIP. ANA RUIZ GARZA⏎RÚBRICA») or a list of names is none.
_CAPITALS_ALONE = re.compile(
    r"^\s*(?:[-–—]\s*)?(?P<who>(?:(?:EL|LA)\s+)?(?:C\.\s+)?"
    r"(?:(?:VICE)?PRESIDENT[AE]|SECRETARI[OA]|SENADOR[A]?|DIPUTAD[OA])"
    r"(?:\s+(?:SENADOR[A]?|DIPUTAD[OA]|DIP\.|SEN\.))?"
    # (an office's words after the role: "SECRETARIO GENERAL DE ACUERDOS" is no name)
    r"(?!\s+(?:DE|DEL|GENERAL|T[EÉ]CNIC[OA]|EJECUTIV[OA]|MUNICIPAL|PARLAMENTARI[OA]"
    r"|CONSTITUCIONAL|SUPLENTE|PROPIETARI[OA])\b)"
    rf"(?:\s+[{_UP}][{_UP}'-]*+)(?:\s+(?:[{_UP}][{_UP}'-]*+)){{1,7}}"
    r"(?:\s*\([^()\n]{1,40}\))?)\s*$"
)
_SENTENCE_DONE = re.compile(r"[.!?…»”\")]\s*$")
_SENTENCE_CASE = re.compile(rf"[¿¡«“\"]?[{_UP}][a-záéíóúñü]")


def _capitals_alone(lines: Sequence[str], at: int) -> tuple[str, str] | None:
    """A heading in capitals alone on line ``at`` (see :data:`_CAPITALS_ALONE`)."""
    match = _CAPITALS_ALONE.match(lines[at])
    if match is None or _NARRATED.search(match["who"]) or _SENTENCE_WORDS.search(match["who"]):
        return None
    before = next((line for line in reversed(lines[max(0, at - 3) : at]) if line.strip()), "")
    if before and not _SENTENCE_DONE.search(before):
        return None
    after = _next_filled(lines, at).strip()
    if not _SENTENCE_CASE.match(after) or _LETTER_OPENING.match(after):
        return None
    if _SIGNED_OFFICE.match(after):  # a signature's office under the name
        return None
    if _speaker_at(after) is not None:
        return None
    return " ".join(match["who"].split()), ""


_SENTENCE_WORDS = re.compile(rf"\b{_SENTENCE_WORD}")
_SIGNED_OFFICE = re.compile(
    r"(?i:(?:vice)?president[ae]|secretari[oa]|diputad[oa]|senador[a]?|integrante"
    r"|coordinador[a]?|vocal|grupo|fracci[oó]n|partido|distrito|representante|r[uú]brica)\b"
)


# what follows a letter's salutation ("Senadora Ana Ruiz:⏎Por este conducto…"), never a turn
_LETTER_OPENING = re.compile(
    r"(?i:p\s*r\s*e\s*s\s*e\s*n\s*t\s*e\b|por\s+(?:este|medio)\b|con\s+fundamento\b"
    r"|me\s+permito\b|estimad[oa]|distinguid[oa]|en\s+atenci[oó]n\b|por\s+instrucciones\b)"
)


def _titled_alone(line: str, after: str) -> tuple[str, str] | None:
    """A title or the chair's role alone on its line before the words ("C. PRESIDENTA:⏎
    “SOLICITO…”", "PRESIDENTA DIP. ANA RUIZ:⏎Buenos días.", "Senador Ortega:⏎Gracias."):
    read as one line with the next, so a board's list ("PRESIDENTA:⏎DIP. ANA RUIZ")
    stays none, as on one line."""
    head, after = line.rstrip(), after.strip()
    # a board's roles one under another ("PRESIDENTA:⏎SECRETARIOS:") head no words
    if not after or len(head) > 160 or (after.endswith(":") and after.isupper()):
        return None
    titled = _TITLE_ALONE.match(head)
    if titled is not None:
        # the words open a sentence: a capital, an opening mark, a stage note; a letter's
        # salutation and a list of names under a title head no one's words
        if _LETTER_OPENING.match(after) or not re.match(rf"[¿¡«“\"(]|[{_UP}][a-záéíóúñü ]", after):
            return None
        if _speaker_at(after) is not None or _NARRATED.search(titled["who"]):
            return None
        return " ".join(titled["who"].split()), ""
    match = _TITLED_COLON_SPEAKER.match(f"{head} {after}")
    if match is None or match.end("who") > len(head) or _NARRATED.search(match["who"]):
        return None
    return " ".join(match["who"].split()), ""


def _without_page_edges(text: str) -> str:
    """The text without the lines a PDF repeats at the top or the bottom of its pages
    (a chamber's name, the Diario's date and period, "Página 3 de 4", a bare page
    number), which fell inside the turn a page break cut in two. A line is the page's
    when, its digits masked, it stands among the first or last three lines of at least
    half the pages (two at least), is in capitals or holds a number, and ends in no
    punctuation; a speaker's heading or a stage note is never one, and a page is never
    left empty."""
    pages = [page.split("\n") for page in text.split("\f")]
    filled = [lines for lines in pages if any(line.strip() for line in lines)]
    if len(filled) < 2:
        return text
    counts: dict[str, int] = {}
    sample: dict[str, str] = {}
    for lines in filled:
        keyed = {_edge_key(line): line for line in dict.fromkeys(_edge_lines(lines))}
        for key, line in keyed.items():
            if key is not None:
                counts[key] = counts.get(key, 0) + 1
                sample.setdefault(key, line)
    needed = max(2, math.ceil(len(filled) / 2))
    # (a heading is looked for once per repeated line, not at every page's edge)
    edges = {
        key
        for key, seen in counts.items()
        if seen >= needed and _speaker_at(sample[key].strip()) is None
    }
    if not edges:
        return text
    return "\f".join("\n".join(_trimmed(lines, edges, sample)) for lines in pages)


_EDGE = 3


def _edge_lines(lines: list[str]) -> list[str]:
    filled = [line for line in lines if line.strip()]
    return filled[:_EDGE] + filled[-_EDGE:]


def _edge_key(line: str) -> str | None:
    line = line.strip()
    if not line or line.startswith("(") or not (line.isupper() or _DIGIT.search(line)):
        return None
    if _SAID_END.search(line) or _HOUR_ONLY.fullmatch(line):  # someone's words, a stamp
        return None
    return " ".join(_DIGIT.sub("#", fold_keyword(line)).split())


def _trimmed(lines: list[str], edges: set[str], sample: dict[str, str]) -> list[str]:
    """``lines`` (one page) without the edge lines at its top and bottom (``sample``: a
    line of each key, so a line written the same way is not keyed again)."""
    written = {sample[key] for key in edges}

    def edge(line: str) -> bool:
        return line in written or _edge_key(line) in edges

    start, end = 0, len(lines)
    for _ in range(_EDGE):
        while start < end and not lines[start].strip():
            start += 1
        if start < end and edge(lines[start]):
            start += 1
    for _ in range(_EDGE):
        while end > start and not lines[end - 1].strip():
            end -= 1
        if end > start and edge(lines[end - 1]):
            end -= 1
    kept = lines[start:end]
    return kept if any(line.strip() for line in kept) else lines  # a page is not all edge


_DIGIT = re.compile(r"\d+")
_SAID_END = re.compile(r"[.!?:;,»”\"'…)]$")
_HOUR_ONLY = re.compile(r"\(?\d{1,2}[:.]\d{2}\s*(?:horas|hrs?)?\.?\)?", re.IGNORECASE)


def _speaker_at(line: str) -> tuple[str, str] | None:
    found = _headed_at(line)
    if found is not None and _NARRATED.search(_PARENS.sub(" ", found[0])):
        return None
    return found


_PARENS = re.compile(r"\([^()]*\)")


def _headed_at(line: str) -> tuple[str, str] | None:
    match = (
        _CONGRESS_SPEAKER.match(line)
        or _DOTTED_SPEAKER.match(line)
        or _MIXED_DOTTED_SPEAKER.match(line)
        or _FULL_STOP_SPEAKER.match(line)
        or _TITLED_COLON_SPEAKER.match(line)
        or _HEADING_ALONE.match(line)
        or _HEADING_TIMED.match(line)
    )
    if (
        match is not None
        and match.re is _CONGRESS_SPEAKER
        and match["bare"]
        and line[match.end() : match.end() + 1].islower()
    ):
        # a role and a name in apposition that the sentence goes on after, in lower case
        # ("La presidenta Claudia Sheinbaum Pardo: no habrá impunidad…"): words said of
        # her, never a heading (a record's words open with a capital)
        return None
    if match is None and (intervenes := _INTERVENES.match(line)):
        return " ".join(intervenes["who"].split()), (intervenes["rest"] or "").strip()
    if match is None:
        match = _COURT_SPEAKER.match(line.lstrip())
        if match is None:
            return collective_speaker_at(line)
        return " ".join(match["who"].split()), line.lstrip()[match.end() :].strip()
    return " ".join((match["who"] or match["bare"]).split()), line[match.end() :].strip()


def _wrapped_speaker(first: str, second: str) -> tuple[str, str] | None:
    """A heading broken over ``first`` and ``second`` (``—El diputado Juan Pérez⏎García
    (PRI): …``, ``LA C. DIPUTADA ANA⏎RUIZ.- …``), read as one line; None unless the first
    holds only the heading's start (roles and names, no colon) and the second only the
    rest of a name before its colon (or its full stop and dash), so two lines of speech
    ("El diputado Juan Pérez⏎propuso lo siguiente: …") never make a speaker."""
    if ":" in first or len(first) > 120 or not _WRAPPED_FIRST.match(first):
        return None
    if _speaker_at(second) is not None:
        return None
    first, second = first.rstrip(), second.lstrip()
    if _BROKEN_WORD.search(first) and (broken := _WORD_REST.match(second)):
        # a name's word the line's end broke with a hyphen ("…Pérez Ber-⏎múdez (PAN): …"):
        # whole again, and the rest after it is a heading's
        rest = second[broken.end() :]
        if not (_WRAPPED_REST.match(rest) or _DOTTED_END.match(rest)):
            return None
        return _speaker_at(f"{first[:-1]}{second}")
    if first.isupper() and _BROKEN_CAPITALS.search(first):
        # …or one in capitals, as state congresses print the heading ("LA C. DIPUTADA
        # MARÍA HERNÁN-⏎DEZ GARZA.- …"): whole again, never a name «Hernán- Dez»
        broken = _CAPITALS_REST.match(second)
        rest = second[broken.end() :] if broken else ""
        if broken is None or not (
            _WRAPPED_REST.match(rest) or _WRAPPED_DOTTED_REST.match(rest) or _DOTTED_END.match(rest)
        ):
            return None
        return _speaker_at(f"{first[:-1]}{second}")
    if not (_WRAPPED_REST.match(second) or _WRAPPED_DOTTED_REST.match(second)):
        return None
    return _speaker_at(f"{first} {second}")


# A heading's middle line: only a name's words, the last perhaps broken with a hyphen
_NAME_MIDDLE = re.compile(
    rf"\s*(?:[{_UP}][\w'-]*+|de|del|la|los|las|y)(?:\s++(?:[{_UP}][\w'-]*+|de|del|la|los|las|y)){{0,5}}\s*"
)


def _wrapped_thrice(first: str, middle: str, last: str) -> tuple[str, str] | None:
    """A heading broken over three lines, as a page break and a line's end break a long
    name ("El diputado José Luis Montes de⏎[page]⏎Oca Ber-⏎múdez (PAN): Gracias."):
    the middle line only a name's words, then read as :func:`_wrapped_speaker` reads
    two; None otherwise."""
    if ":" in first or not _NAME_MIDDLE.fullmatch(middle) or not _WRAPPED_FIRST.match(first):
        return None
    first, middle = first.rstrip(), middle.strip()
    if _BROKEN_WORD.search(first) and middle[:1].islower():
        joined = f"{first[:-1]}{middle}"
    else:
        joined = f"{first} {middle}"
    return _wrapped_speaker(joined, last)


# the rest of a broken word, in lower case, opening the next line
_WORD_REST = re.compile(r"[a-záéíóúñü]+")
# …and in capitals: a word of two capitals at least broken at a line's end, its rest
_BROKEN_CAPITALS = re.compile(rf"[{_UP}]{{2}}[-\u2010\u00ad]$")
_CAPITALS_REST = re.compile(rf"[{_UP}]+(?=[\s.(:]|$)")
# …and a dotted heading's end after it ("…HERNÁN-⏎dez.- ", "…(PAN).- ")
_DOTTED_END = re.compile(r"(?:\s*\([^()\n]{0,40}\))?\s*\.\s*[-–—]")


def _agenda_heading(line: str, items: list[str]) -> int | None:
    match = _AGENDA_HEADING.match(line)
    if match is None or not items:
        return None
    index = int(match[1]) - 1
    if not 0 <= index < len(items):
        return None
    said = fold_keyword(match[2])[:40]
    return index if fold_keyword(items[index]).startswith(said[: max(8, len(said) - 2)]) else None


def _inline_stages(turns: list[Turn]) -> list[Turn]:
    """A stage direction inside a turn (``…en votación económica (VOTACIÓN FAVORABLE).
    QUEDAN APROBADOS…``) becomes its own procedural turn; the speaker's words after it
    are the same speaker's continued turn."""
    out: list[Turn] = []
    for turn in turns:
        if turn.procedural or turn.speaker is None:
            out.append(turn)
            continue
        rest = turn.text
        said = False  # a piece of the speaker's words is out: the next one continues it
        start = len(out)
        while True:
            match = _STAGE_INLINE.search(rest)
            if match is None:
                break
            before = rest[: match.start()].strip()
            if before:  # a turn opening with one ("…: (11:51 horas) Se reanuda…") has
                out.append(_piece(turn, before, continued=said))  # no empty words before
                said = True
            out.append(Turn(0, None, match[0].strip(), True, turn.agenda_index))
            rest = rest[match.end() :].strip()
        if rest:
            out.append(_piece(turn, rest, continued=said))
        elif not said:  # a heading and a note alone: the heading's turn, then the note
            out.insert(start, _piece(turn, "", continued=False))
    return out


def _piece(turn: Turn, text: str, continued: bool) -> Turn:
    return Turn(
        0,
        turn.speaker,
        text,
        False,
        turn.agenda_index,
        continued=continued or turn.continued,
        chair=None if continued else turn.chair,
        chair_gender=None if continued else turn.chair_gender,
        chair_vice=False if continued else turn.chair_vice,
        chair_body=None if continued else turn.chair_body,
    )


def _court_matters(turns: list[Turn]) -> list[str]:
    """The matters a court's secretary puts to the vote, as agenda items; each turn from
    the one that states a matter on belongs to it."""
    items: list[str] = []
    for turn in turns:
        item = _court_matter(turn.text) if turn.speaker else None
        if item is not None:
            items.append(" ".join(item.split()))
        if items:
            turn.agenda_index = len(items) - 1
    return items


def _court_matter(text: str) -> str | None:
    """The first matter's title a turn states (``…relativo a la ACCIÓN DE
    INCONSTITUCIONALIDAD 203/2023…``): a run of capitals holding a case number, up to its
    end; None when there is none."""
    for start in _MATTER_START.finditer(text):
        title = start.end()
        run = _CAPITALS_RUN.match(text, title).end()
        # the end's look past the run sees the words after it, never the whole text
        segment = text[title : run + 40]
        number = _CASE_NUMBER.search(segment, 0, run - title)
        end = _MATTER_END.search(segment, number.end()) if number else None
        if end is not None and title + end.start() < run:
            return segment[: end.start() + 1]
    return None


def _clean(text: str) -> str:
    return " ".join(text.split())
