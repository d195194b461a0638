"""Which reading of a session's text its stored speeches come from.

A session's speeches are cut and attributed once, when the session is indexed
(``process_sessions``): a better speech reader (the splitter, the speaker lines, who
presides, how names resolve) changes nothing of the speeches already stored. Each stored
speech says which version of the speech reader made it (``speeches.reader``, migration
0026); rows made before versions were counted are NULL, older than any. Bump
:data:`SPEECH_READERS_VERSION` whenever the reader's output changes for a text already
stored: the health probe and ``abierto reextract --releer --contar`` then tell the
operator, and ``abierto reextract --releer`` (or ``abierto reindex``) splits those
sessions again from their stored texts.

1: who presides as the record says it, interruptions as their own turns (session 27),
   and a name of one chamber never resolved to someone of another.
2: a change of chair ("Presidencia de la senadora …", "Preside el diputado …") resolved
   in the chamber its line names, never to a member of the other of a like name.
3: the chair the transcript's heading names resolved in the chamber its line names too.
4: page marks left among a turn's lines without page breaks ("… — página 12", "Página 3
   de 40") and a vote's sides naming members ("A favor: Ana…, Juan…") are no one's words;
   a word a line's end broke with a hyphen is whole; "(Son las 23:58 horas)" is a note;
   a bracket naming the bench with the party ("(GP-Morena)", "(Grupo Parlamentario del
   PAN)") states the party.
5: a guest named and then described by office after a comma ("El C. Arturo Zaldívar Lelo
   de Larrea, Coordinador General de Política y Gobierno:", "El señor …, canciller:") is
   a compareciente of that name, not a name holding the office; the Senado's dashed notes
   ("—Aplausos.", alone or after a sentence) are notes, not the speaker's words; a roll
   call's names in sentence case are the list's; a page's running head naming the record
   ("DIARIO DE LOS DEBATES") beside its page mark is no one's words; the Senado Diario's
   vote headed by its side ("VOTARON EN PRO LOS CC. SENADORES:") is the record's list; the
   Cámara's section titles in sentence case ("Orden del día") head the turns after them.
6: the gallery's shouts ("Voces desde las galerías: ¡Fuera!", "Una voz desde las
   galerías: …", "(Desde las galerías: …)") are a chorus's or a note, never the speaker's
   before; a party in square brackets ("… Baños [PRI]:") is read as one in round ones; a
   heading a page break and a hyphen cut over three lines ("El diputado José Luis Montes
   de⏎Oca Ber-⏎múdez (PAN):") opens its turn; a sitting held past midnight notes its
   recess ("(Siendo las 23:59 horas del 30 de abril, se decreta un receso)") as the
   record's; the chair or a secretary glued to the words before ("…Termino. La presidenta
   diputada Ana Ruiz: Gracias.", "…la sesión. EL C. SECRETARIO.- Se cita…") speaks for
   themself; a name in capitals a line's end broke with a hyphen ("HERNÁN-⏎DEZ GARZA.-")
   is whole again.
7: a text without page breaks loses the page heads and feet it repeats ("Diario de los
   Debates", "Año I, Primer Periodo, 12 de septiembre de 2024", the page's number) from
   its speeches, a word they cut whole again; a name and a colon a line's end put first
   on its line mid-sentence ("…como lo señaló el senador⏎Octavio Benítez Alarcón: «…»",
   "…dijo la⏎Dip. Ana Ruiz: …") open no turn, the words stay the speaker's; "…, en
   tribuna:" and "(en tribuna)" close a heading as "desde la curul" does, and the seat
   note opening the words under a heading alone ("(Desde su curul) Se informa…") joins
   the heading; a name of two words ("El diputado José Pérez (desde la curul):") is the
   person the session names whole later, when only one can be.
8: a heading-shaped line after one that leaves its sentence open on a possessive or a
   verb of saying ("…como lo ha dicho nuestro⏎Presidente …: …", "…a lo que señaló⏎El
   diputado …: …") is the speaker's words, not the quoted one's turn; someone addressed
   or named in apposition with the words going on in lower case ("Diputado Moreira:
   usted votó…", "La presidenta Claudia Sheinbaum Pardo: no habrá…") stays the
   speaker's; a board member by rank ("Primera Secretaria Dip. …:", "LA SEGUNDA
   SECRETARIA DIP. ….-") is the secretary named without it; a state's local parties
   ("(UDC)", "Hagamos", "Futuro", …) are read; a state's running head naming the
   session by its rank ("Tercera Sesión del Segundo Período Ordinario, 12 de marzo de
   2024") is no one's words; an abbreviated title after the article ("La Dip. Ana Ruiz
   (PAN): …", "El Sen. …") heads a turn (it was dropped, or left to no one); a guest
   named by office, then a degree and the name ("La Secretaria de Gobernación,
   licenciada Rosa Icela Rodríguez Velázquez: …") speaks for themself, never inside the
   turn before.
9: a one-line heading with the title first ("Diputada Presidenta Luz Elena Guillén
   Vicente: Continúe.", "Diputado Secretario …: …", "Presidente, diputado …: …") opens
   the turn of the one it names, and once a session heads turns so, a title and a name
   ("Diputada Martha Loera Arámbula: …") do too; a heading-shaped line inside a
   quotation (left open in the last words, or announced: "…cito textualmente:") is the
   speaker's words; a short name met before the whole one ("El diputado Ramírez:" then
   "El diputado Juan Ramírez Pérez:") is that person when the session names only one
   such; "…, sin grupo parlamentario:", "…, sin partido:", "…, independiente:" state no
   bench (SP, IND), apart from an unknown party; the record's text before anyone speaks,
   or all of a text of no known shape, is kept as a part of no one at order 0; a chair
   named on a line ending in a full stop is not joined to the next line's words.
"""

from __future__ import annotations

SPEECH_READERS_VERSION = 9
