"""The Spanish legal readers: what a published string or text says, as controlled values.

Dates, case numbers (expedientes), courts, judgments, sessions, legislatures, videos and
signature blocks are read here, and each reader leaves a field empty when it is unsure;
the rest of ``indexer`` keeps documents (model, database, stores, archive, library).
"""

# The version of what these readers produce. A developer bumps it in the commit that
# changes what a reader reads from a text or a title (a court's name, a case number, a
# date, a ponente…): each document is stamped with the version that read its fields
# (``documents.readers``, migration 0024), and ``abierto reextract --releer`` reads again
# the stored documents stamped older, so a library gets what the readers read now.
# (A change that reads nothing differently — a refactor, a faster reader — is no bump.)
# 2: a session's legislative period (``period``) read from its transcript's heading
# 3: TFJA appeals numbered by section, unitarios named in their closing, one-word circuit
#    ordinals written in two, a caption's case number cut before the court's name
# 4: a series' capitals glued to a case number kept in it ("JL-12/2024" is not "12/2024");
#    a session's period given by its source read as the heading's label (none if unsure)
# 5: a value naming two matters ("Penal y Civil"), two legislatures ("LXIV y LXV") or two
#    kinds of sitting ("Ordinaria y Solemne") gives none, not the first; "N/A" is no matter
# 6: a ponente's or secretary's office off the name ("Ministra Presidenta Ana Ruiz" is Ana
#    Ruiz); no ponente where the caption names an engrose by another; a scanned caption's
#    label mended ("SECRETARlA;"); a date in words with one slip ("agsoto"); a shouting
#    copy's votes on the points ("EN RELACIÓN CON EL PUNTO RESOLUTIVO PRIMERO:") no point; a vote
#    published after the sentence ("VOTO PARTICULAR QUE FORMULA…") is not read as it
# 7: a session's type read from a title: «Junta Previa» (junta_previa) and the joint
#    sitting («Sesión de Congreso General», congreso_general) named, which gave none
# 8: a bare «Sesión Permanente» is no session of the recess body unless the text says so
#    (the heading's «…de la Comisión Permanente», the row's chamber); a sitting declared
#    permanent («se declara en sesión permanente») is of its own kind; a caption's ponente
#    or secretario label without its colon («SECRETARIO CARLOS…», «MINISTRO PONENTE⏎…»)
# 9: a sentence caption's case type split at a line's end read whole ("AMPARO DIRECTO EN
#    REVI-⏎SIÓN": not "amparo directo"); a page's footer among the caption's lines skipped
#    and a name split at its line's end joined in lower case (none in capitals); the
#    engrose's approval marks on the labels' line ("VISTO BUENO SR. MINISTRO PONENTE: …",
#    "COTEJÓ SECRETARIA: …"); a label's two-digit year ("TOCA: 123/24"); a state court's
#    "H." no end of its name in a closing; a juicio named by its kind on its number's line
#    («JUICIO ORDINARIO CIVIL: 345/2023»); «Vistos para dictar sentencia definitiva los
#    autos del expediente…» as the opening's statement; a longer type's name broken
#    («REVISIÃ“N», «REVISI?N») no type, never the shorter; a short sentence dated by its
#    closing after the points; a state high court's Pleno its closing names; a page's
#    number or running header inside a closing paragraph skipped;
#    a session heading's type with its number in words or an ordinal first («SESIÓN
#    ORDINARIA NÚMERO TREINTA Y DOS», «Trigésima Segunda Sesión Ordinaria»: no second
#    sitting); a sitting over up to three days dated by the day it began; «1er. Año» a
#    year of exercise; a video link whose label names another day goes to that day;
#    a state sala named for civil matters («SEGUNDA SALA CIVIL») gives «civil» where the
#    opening names nothing of commerce nor of family law; an initiative's authors
#    without the legislator's title («Dip. Ana Ruiz» is Ana Ruiz, «Dip.» alone none);
#    a closing's SCJN sala by its initials or with its «H.» («la 1a. Sala de la
#    S.C.J.N.»), and no SCJN sala the
#    closing cites after the court that resolved; a closing's date line in lower case
#    («ciudad de México, a veintiocho…»)
# 10: a first page that is a table of contents («I. ANTECEDENTES …… 2») no background:
#    the caption under it and the formula's date read; any court's opening «…, en sesión
#    de <día>, emite la siguiente» (a Pleno Regional's, a circuit court's) its date and
#    court; a title «Toca 52/2025 — SÉPTIMA SALA…» its court after the dash, and a civil
#    sala's name with no opening no matter; the SCJN's own asuntos (facultad de atracción,
#    impedimento, conflicto competencial…) their proceeding; «Revisión de la
#    Constitucionalidad de la Materia de Consulta Popular» a case type (constitucional);
#    a Pleno Regional's region on the caption's next line joined, «de la Región» with no
#    name no court; a sitting over two days dated by its first after a weekday or a
#    title's comma («…Cámara de Diputados, 17 y 18 de junio de 2025» began on the 17th);
#    a caption's name whose accents a wrong encoding broke whole put back
#    («MÃ‰NDEZ»: MÉNDEZ), one that lost a letter («ADRIÃ?N», «YASMÃN») none; the SCJN's
#    compound asuntos their own series («RECURSO DE REVISIÓN EN INCIDENTE DE SUSPENSIÓN
#    (CONTROVERSIA CONSTITUCIONAL) 12/2024», «RECURSO DE QUEJA EN CONTROVERSIA…»)
# 11: an SCJN recurso or incidente (or a state toca) named by the asunto it is in, with no
#    number of its own («RECURSO DE QUEJA EN LA CONTROVERSIA CONSTITUCIONAL 3/2024»,
#    «…DERIVADO DE LA…», «…RELATIVO A LA…», over two lines) no case (it was the CC's) and
#    its kind the proceeding; a collegiate court's code after another type's name («TOCA:
#    R.C. 7/2024») or in a court that numbers by none («R.C. 7/2024» of a state sala) no
#    amparo; citations of either link to no case; a sitting over three days listed with
#    commas («de los días 14, 15 y 16 de marzo de 2023») dated by its first day; a toca's
#    one-letter series in the opening («el toca civil número T-45/2024») its number; a
#    cited case's court broken by the PDF (a line's end, a split word, a page's number or
#    running header between) named whole, or none where a heading sits inside its name
# 12: an opening's court read over a page's gap with its number and running header
#    between («…de Justicia⏎⏎- 2 -⏎⏎AMPARO DIRECTO EN REVISIÓN 4410/2024⏎⏎de la Nación, en
#    sesión…»); a bare «PRIMERA SALA» with the Suprema Corte's name on the caption's next
#    line the Court's sala; «CONSIDERANDO» ends a caption (no secretary named «… MORALES
#    CONSIDERANDO»); a cited court followed by a section heading named as written; a
#    running header's case, and a caption's typed case where the own number is bare, no
#    case the sentence cites; a closing run over a page (its number, the case's header, a
#    letterhead the text repeats on three pages, a form feed) names its court whole; the
#    day a closing states in a clause of its own («…, por unanimidad de votos, el
#    veinticinco de mayo…», «…, en Zapopan, Jalisco, a veinticinco de…») its date
# 13: the court and day a VISTOS paragraph gives as its own («VISTOS para resolver…, el
#    Tribunal Pleno de la Suprema Corte…, en sesión de…, y», «VISTOS, para resolver, en
#    sesión de…, por el Pleno del Tribunal Electoral del Estado…»), never a court it only
#    names or a session it tells of; a state electoral or administrative court's Pleno
#    signing the closing («lo resolvieron y firmaron … integrantes del Pleno del Tribunal
#    Electoral del Estado de…»); a cited case's court written before it as the clause's
#    subject («el Tercer Tribunal Colegiado … del Primer Circuito, en el amparo directo
#    123/2020», or right after the case its clause opens with: «En el amparo directo…, el
#    Cuarto Tribunal Colegiado… sostuvo»), and a colegiado's two-word ordinal («Décimo
#    Tercer») read whole; an auxiliary colegiado named up to its region, one named by its
#    kind alone («Segundo Tribunal Colegiado de Circuito») no court; a singular
#    «VISTO»/«Visto» opening («VISTO para resolver…», «Visto el expediente…»)
#    and «VISTOS los autos, en sesión de…, por el Pleno…» read as VISTOS is; a federal
#    juzgado de distrito named whole (its seat: «…en la Ciudad de México», «…en el Estado
#    de Jalisco», an auxiliary one's region) a cited case's court as a colegiado is; a
#    caption naming the juicio de la ciudadanía (long name, «JUICIO DE LA CIUDADANÍA»,
#    «JDC») with its local number gives its proceeding and expediente
# 14: a local electoral key alone («JDC-12/2023», «TEEM-RAP-3/2024», «PES-…») its
#    proceeding (a code of several means in the states, «RA», none), and «JUICIO DE LA
#    CIUDADANÍA: 12/2023» its expediente and an electoral matter; a juzgado's closing by its
#    judge's office with the seat and no ordinal («Juez de Distrito en Materia Penal con
#    residencia en Toluca») or its matter before the seat («Jueza Primera Civil con sede
#    en…») its court, a juzgado that names one of several (an ordinal with no kind,
#    «Juzgado Primero con sede en Toluca»; «Juzgado de lo Civil» alone) no court, and a
#    juzgado's «con Sede en» in lower case; the parties a caption names by their role
#    (``Sentencia.parties``, «role: name»; a redacted or masked name never one)
READERS_VERSION = 14
