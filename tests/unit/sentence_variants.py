"""Sentences written for these tests, modelled on the structure of real Mexican court
sentences (SCJN engroses with a long thematic index, circuit courts' amparos, recursos de
queja and revisiones fiscales, state tocas and oral trials, public versions and OCR'd
copies). No real sentence is copied: parties, judges and numbers are made up.

Each variant is a text and the fields it must give, as a document stores them; a field
set to ``None`` must come out empty (the text does not say it, or says it too unsurely).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    name: str
    text: str
    expected: dict[str, str | None]


def _index(paragraphs: int) -> str:
    """A modern SCJN engrose's ÍNDICE TEMÁTICO and synopsis: other cases, other dates,
    other courts, paragraph after paragraph, before the sentence's own opening."""
    block = (
        "Esta Primera Sala, al resolver el amparo directo en revisión 4883/2017 en sesión "
        "de veintiocho de febrero de dos mil dieciocho, sostuvo que la compensación "
        "económica tiene una finalidad resarcitoria; criterio reiterado en el amparo "
        "directo en revisión 7470/2019, fallado el diez de marzo de dos mil veintiuno, y en "
        "la contradicción de criterios 147/2022 resuelta por el Pleno de la Suprema Corte "
        "de Justicia de la Nación el dos de mayo de dos mil veintitrés. El Segundo Tribunal "
        "Colegiado en Materia Civil del Tercer Circuito, en el amparo directo 512/2021, "
        "resolvió en sentido contrario el quince de junio de dos mil veintidós.\n\n"
    )
    return block * paragraphs


def _page(header: str, number: int) -> str:
    """A page break as a converted Word or PDF file keeps it: the case number repeated
    as the running header and the page number alone on its line."""
    return f"\n\n{number}\n\n{header}\n\n"


SCJN_LONG_INDEX = Variant(
    "scjn-adr-long-index",
    "AMPARO DIRECTO EN REVISIÓN 2714/2024\n\n"
    "QUEJOSA Y RECURRENTE: **********\n\n"
    "PONENTE: MINISTRO JULIÁN ESTRADA VALDIVIA\n\n"
    "COTEJÓ\n\n"
    "SECRETARIA: ANA LUISA CORONADO FUENTES\n\n"
    "ÍNDICE TEMÁTICO\n\n"
    "Hechos. La quejosa demandó en la vía ordinaria civil la compensación económica.\n\n"
    + _index(60)
    + "| | Apartado | Criterio y decisión | Págs. |\n| I. | COMPETENCIA | La Primera Sala "
    "es competente. | 6 |\n| II. | OPORTUNIDAD | El recurso es oportuno. | 7 |\n\n"
    + _page("AMPARO DIRECTO EN REVISIÓN 2714/2024", 2)
    + "VISTO BUENO\n\nSR. MINISTRO\n\n"
    "PONENTE: MINISTRO JULIÁN ESTRADA VALDIVIA\n\n"
    "SECRETARIA: ANA LUISA CORONADO FUENTES\n\n"
    "Ciudad de México. La Primera Sala de la Suprema Corte de Justicia de la Nación, en "
    "sesión correspondiente al veintidós de enero de dos mil veinticinco, emite la "
    "siguiente:\n\nS E N T E N C I A\n\n"
    "Mediante la cual se resuelve el amparo directo en revisión 2714/2024, interpuesto en "
    "contra de la sentencia dictada el nueve de mayo de dos mil veinticuatro por el Tercer "
    "Tribunal Colegiado en Materia Civil del Primer Circuito en el juicio de amparo directo "
    "**********.\n\n"
    "I. ANTECEDENTES\n\n"
    "1. La quejosa promovió juicio ordinario civil.\n\n"
    + _page("AMPARO DIRECTO EN REVISIÓN 2714/2024", 3)
    + "Por lo expuesto y fundado, esta Primera Sala resuelve:\n\n"
    "PRIMERO. En la materia de la revisión, se revoca la sentencia recurrida.\n\n"
    "SEGUNDO. Devuélvanse los autos al Tribunal Colegiado de origen.\n\n"
    "Notifíquese; con testimonio de esta resolución.\n\n"
    "Así lo resolvió la Primera Sala de la Suprema Corte de Justicia de la Nación, por "
    "unanimidad de cinco votos.\n",
    {
        "expediente": "ADR 2714/2024",
        "court": "Primera Sala de la SCJN",
        "resolution_date": "2025-01-22",
        "ponente": "Julián Estrada Valdivia",
        "secretario": "Ana Luisa Coronado Fuentes",
    },
)


TCC_AMPARO_DIRECTO = Variant(
    "tcc-amparo-directo-relacionado",
    "AMPARO DIRECTO 345/2023\nRELACIONADO CON EL AMPARO DIRECTO 346/2023\n"
    "QUEJOSO: [ELIMINADO]\n"
    "MAGISTRADO PONENTE: ROGELIO TAMAYO IBARRA\n"
    "SECRETARIA: MARTHA ELENA QUIROZ PEÑA\n\n"
    "Ciudad de México. Sentencia del Cuarto Tribunal Colegiado en Materia Civil del Primer "
    "Circuito, correspondiente a la sesión de catorce de septiembre de dos mil veintitrés.\n\n"
    "V I S T O S, para resolver, los autos del juicio de amparo directo 345/2023, "
    "relacionado con el amparo directo 346/2023; y,\n\n"
    "R E S U L T A N D O :\n\n"
    "PRIMERO. Por escrito presentado el dos de febrero de dos mil veintitrés, la parte "
    "quejosa demandó el amparo contra la sentencia de la Cuarta Sala Civil del Tribunal "
    "Superior de Justicia de la Ciudad de México en el toca 1123/2022.\n\n"
    "C O N S I D E R A N D O :\n\nPRIMERO. Este tribunal es competente.\n\n"
    "Por lo expuesto y fundado, se resuelve:\n\n"
    "ÚNICO. La Justicia de la Unión ampara y protege a la parte quejosa.\n\n"
    "Notifíquese. Así, por unanimidad de votos, lo resolvió el Cuarto Tribunal Colegiado "
    "en Materia Civil del Primer Circuito, siendo ponente el Magistrado Rogelio Tamayo "
    "Ibarra, quien firma con la secretaria que autoriza y da fe.\n",
    {
        "expediente": "AD 345/2023",
        "court": "Cuarto Tribunal Colegiado en Materia Civil del Primer Circuito",
        "resolution_date": "2023-09-14",
        "ponente": "Rogelio Tamayo Ibarra",
        "secretario": "Martha Elena Quiroz Peña",
    },
)


TCC_REVISION_ACUMULADO = Variant(
    "tcc-amparo-revision-acumulado",
    "AMPARO EN REVISIÓN ADMINISTRATIVA 88/2024 Y SU ACUMULADO 90/2024.\n"
    "RECURRENTES: ***.\n"
    "MAGISTRADA PONENTE: LUCÍA ARÉVALO MONTES.\n"
    "SECRETARIO: JORGE IVÁN SALDAÑA RUIZ.\n\n"
    "Monterrey, Nuevo León. Acuerdo del Segundo Tribunal Colegiado en Materia "
    "Administrativa del Cuarto Circuito, correspondiente a la sesión del día once de "
    "julio de dos mil veinticuatro.\n\n"
    "V I S T O S, para resolver, los autos del amparo en revisión 88/2024 y su acumulado "
    "90/2024, interpuestos contra la sentencia dictada el veinte de febrero de dos mil "
    "veinticuatro por el Juez Primero de Distrito en Materia Administrativa en el Estado "
    "de Nuevo León en el juicio de amparo indirecto 1540/2023; y,\n\n"
    "RESULTANDO:\n\nPRIMERO. Demanda.\n\nCONSIDERANDO:\n\nPRIMERO. Competencia.\n\n"
    "Por lo expuesto, se resuelve:\n\nPRIMERO. Se confirma la sentencia recurrida.\n\n"
    "Notifíquese. Así lo resolvió el Segundo Tribunal Colegiado en Materia Administrativa "
    "del Cuarto Circuito, por unanimidad de votos.\n",
    {
        "expediente": "AR 88/2024, AR 90/2024",
        "court": "Segundo Tribunal Colegiado en Materia Administrativa del Cuarto Circuito",
        "resolution_date": "2024-07-11",
        "ponente": "Lucía Arévalo Montes",
        "secretario": "Jorge Iván Saldaña Ruiz",
    },
)


TCC_QUEJA = Variant(
    "tcc-queja",
    "QUEJA 212/2024.\nQUEJOSA Y RECURRENTE: ELIMINADO.\n"
    "PONENTE: MAGISTRADO ERNESTO VILLANUEVA SOLÍS.\n"
    "SECRETARIA: DIANA PAOLA MEDINA RÍOS.\n\n"
    "Guadalajara, Jalisco. Acuerdo del Tercer Tribunal Colegiado en Materia Penal del "
    "Tercer Circuito, correspondiente a la sesión de tres de octubre de dos mil "
    "veinticuatro.\n\n"
    "VISTOS para resolver los autos del recurso de queja 212/2024, interpuesto contra el "
    "auto de doce de agosto de dos mil veinticuatro dictado por el Juez Quinto de Distrito "
    "de Amparo en Materia Penal en el Estado de Jalisco en el juicio de amparo indirecto "
    "877/2024; y,\n\nRESULTANDO:\n\nÚNICO. Trámite.\n\nCONSIDERANDO:\n\nPRIMERO. "
    "Competencia.\n\nPor lo expuesto, se resuelve:\n\nÚNICO. Es fundado el recurso de "
    "queja.\n\nNotifíquese. Así lo resolvió el Tercer Tribunal Colegiado en Materia Penal "
    "del Tercer Circuito.\n",
    {
        "expediente": "Recurso de Queja 212/2024",
        "court": "Tercer Tribunal Colegiado en Materia Penal del Tercer Circuito",
        "resolution_date": "2024-10-03",
        "ponente": "Ernesto Villanueva Solís",
        "secretario": "Diana Paola Medina Ríos",
    },
)


TCC_REVISION_FISCAL = Variant(
    "tcc-revision-fiscal-relacionada",
    "REVISIÓN FISCAL 401/2023\n(RELACIONADA CON EL AMPARO DIRECTO 612/2023)\n"
    "RECURRENTE: ADMINISTRADOR DESCONCENTRADO JURÍDICO, EN REPRESENTACIÓN DE LA AUTORIDAD "
    "DEMANDADA.\n"
    "MAGISTRADO PONENTE: HÉCTOR ARMANDO ZÚÑIGA LEAL.\n"
    "SECRETARIO: PABLO CÉSAR OCHOA VIDAL.\n\n"
    "Ciudad de México. Acuerdo del Décimo Quinto Tribunal Colegiado en Materia "
    "Administrativa del Primer Circuito, correspondiente a la sesión de veintiséis de "
    "enero de dos mil veinticuatro.\n\n"
    "V I S T O S, para resolver, los autos del recurso de revisión fiscal 401/2023; y,\n\n"
    "RESULTANDO:\n\nPRIMERO. Por sentencia de treinta de mayo de dos mil veintitrés, la "
    "Sala Regional Metropolitana del Tribunal Federal de Justicia Administrativa declaró "
    "la nulidad de la resolución impugnada en el juicio 18321/22-17-05-3.\n\n"
    "CONSIDERANDO:\n\nPRIMERO. Competencia.\n\nPor lo expuesto, se resuelve:\n\n"
    "ÚNICO. Se desecha el recurso de revisión fiscal.\n\n"
    "Notifíquese. Así lo resolvió el Décimo Quinto Tribunal Colegiado en Materia "
    "Administrativa del Primer Circuito.\n",
    {
        "expediente": "RF 401/2023",
        "court": "Décimo Quinto Tribunal Colegiado en Materia Administrativa del Primer Circuito",
        "resolution_date": "2024-01-26",
        "ponente": "Héctor Armando Zúñiga Leal",
        "secretario": "Pablo César Ochoa Vidal",
    },
)


# A circuit court's revisión of a TFJA sala's sentence, captioned by the kind of asunto
# its registry names, the law in brackets: the revisión fiscal, no revisión of the
# Consejo de la Judicatura's decisions (which the SCJN captions "REVISIÓN ADMINISTRATIVA")
TCC_REVISION_ADMINISTRATIVA_LFPCA = Variant(
    "tcc-revision-administrativa-lfpca",
    "REVISIÓN ADMINISTRATIVA (LEY FEDERAL DE PROCEDIMIENTO CONTENCIOSO ADMINISTRATIVO) "
    "538/2023\n"
    "RECURRENTE: TITULAR DE LA UNIDAD DE ASUNTOS JURÍDICOS DE LA SECRETARÍA DE ECONOMÍA.\n"
    "MAGISTRADA PONENTE: LAURA ELENA QUIJANO FIERRO.\n"
    "SECRETARIO: RODRIGO IBARRA MONTES.\n\n"
    "Ciudad de México. Acuerdo del Octavo Tribunal Colegiado en Materia Administrativa del "
    "Primer Circuito, correspondiente a la sesión de catorce de marzo de dos mil "
    "veinticuatro.\n\n"
    "V I S T O S, para resolver, los autos del recurso de revisión 538/2023, interpuesto "
    "contra la sentencia de la Décima Sala Regional Metropolitana del Tribunal Federal de "
    "Justicia Administrativa en el juicio de nulidad 9127/22-17-10-4-OT; y,\n\n"
    "RESULTANDO:\n\nPRIMERO. Trámite.\n\nCONSIDERANDO:\n\nPRIMERO. Competencia.\n\n"
    "Por lo expuesto, se resuelve:\n\nÚNICO. Se desecha el recurso de revisión.\n\n"
    "Notifíquese. Así lo resolvió el Octavo Tribunal Colegiado en Materia Administrativa "
    "del Primer Circuito.\n",
    {
        "expediente": "RF 538/2023",
        "court": "Octavo Tribunal Colegiado en Materia Administrativa del Primer Circuito",
        "resolution_date": "2024-03-14",
        "ponente": "Laura Elena Quijano Fierro",
        "secretario": "Rodrigo Ibarra Montes",
    },
)


# The same kind of asunto under a state's administrative justice law: some revisión, but
# neither the federal revisión fiscal nor the Consejo's: the caption's type is unsure, and
# the case is the one the opening names, a plain "recurso de revisión"
TCC_REVISION_ADMINISTRATIVA_STATE_LAW = Variant(
    "tcc-revision-administrativa-ley-estatal",
    "REVISIÓN ADMINISTRATIVA (LEY DE JUSTICIA ADMINISTRATIVA DEL ESTADO DE NUEVO LEÓN) "
    "77/2024\n"
    "RECURRENTE: DIRECTOR JURÍDICO DE LA SECRETARÍA DE MOVILIDAD.\n"
    "MAGISTRADO PONENTE: JAVIER ESCOBEDO TREVIÑO.\n"
    "SECRETARIA: PAOLA RENTERÍA SALAS.\n\n"
    "Monterrey, Nuevo León. Acuerdo del Primer Tribunal Colegiado en Materia Administrativa "
    "del Cuarto Circuito, correspondiente a la sesión de once de julio de dos mil "
    "veinticuatro.\n\n"
    "V I S T O S, para resolver, los autos del recurso de revisión 77/2024; y,\n\n"
    "RESULTANDO:\n\nPRIMERO. Trámite.\n\nCONSIDERANDO:\n\nPRIMERO. Competencia.\n\n"
    "Por lo expuesto, se resuelve:\n\nÚNICO. Se confirma la sentencia recurrida.\n\n"
    "Notifíquese. Así lo resolvió el Primer Tribunal Colegiado en Materia Administrativa "
    "del Cuarto Circuito.\n",
    {
        "expediente": "Recurso de Revisión 77/2024",
        "court": "Primer Tribunal Colegiado en Materia Administrativa del Cuarto Circuito",
        "resolution_date": "2024-07-11",
    },
)


# The revisión of a suspension's interlocutory as a circuit court's registry names it,
# its bracket spaced as a PDF's text gives it
TCC_INCIDENTE_SUSPENSION_REVISION = Variant(
    "tcc-incidente-de-suspension-revision",
    "INCIDENTE DE SUSPENSIÓN ( REVISIÓN ) 312/2024\n"
    "QUEJOSA: **********.\n"
    "MAGISTRADO PONENTE: ÓSCAR PALOMERA LUGO.\n"
    "SECRETARIA: MÓNICA ZAVALA PEÑA.\n\n"
    "Zapopan, Jalisco. Acuerdo del Segundo Tribunal Colegiado en Materia Civil del Tercer "
    "Circuito, correspondiente a la sesión de veinte de septiembre de dos mil "
    "veinticuatro.\n\n"
    "V I S T O S, para resolver, los autos del recurso de revisión incidental 312/2024, "
    "interpuesto contra la interlocutoria que negó la suspensión definitiva en el juicio "
    "de amparo indirecto 1540/2024; y,\n\n"
    "RESULTANDO:\n\nPRIMERO. Trámite.\n\nCONSIDERANDO:\n\nPRIMERO. Competencia.\n\n"
    "Por lo expuesto, se resuelve:\n\nÚNICO. Se confirma la interlocutoria recurrida.\n\n"
    "Notifíquese. Así lo resolvió el Segundo Tribunal Colegiado en Materia Civil del "
    "Tercer Circuito.\n",
    {
        "expediente": "Incidente de Suspensión (Revisión) 312/2024",
        "court": "Segundo Tribunal Colegiado en Materia Civil del Tercer Circuito",
        "resolution_date": "2024-09-20",
        "ponente": "Óscar Palomera Lugo",
        "secretario": "Mónica Zavala Peña",
    },
)


JALISCO_TOCA_PENAL = Variant(
    "jalisco-toca-penal",
    "SEXTA SALA\nTOCA PENAL 615/2023\n"
    "PROCESO PENAL: 184/2019-B\n"
    "JUZGADO DE ORIGEN: JUEZ TERCERO DE LO PENAL DEL PRIMER PARTIDO JUDICIAL\n"
    "MAGISTRADO PONENTE: LIC. ARMANDO RIVAS CASTELLANOS\n"
    "SECRETARIO DE ACUERDOS: LIC. JOEL PATIÑO OROZCO\n\n"
    "Guadalajara, Jalisco, a primero de febrero del año dos mil veinticuatro.\n\n"
    "V I S T O S para resolver los autos del toca penal 615/2023, formado con motivo del "
    "recurso de apelación interpuesto por el Agente del Ministerio Público en contra de la "
    "sentencia definitiva de once de julio de dos mil veintitrés dictada por el Juez "
    "Tercero de lo Penal del Primer Partido Judicial, en el proceso 184/2019-B; y,\n\n"
    "R E S U L T A N D O:\n\n1. El Juez dictó sentencia absolutoria.\n\n"
    "C O N S I D E R A N D O:\n\nI. Esta Sexta Sala del Supremo Tribunal de Justicia del "
    "Estado es competente.\n\n"
    "Por lo expuesto y fundado, se resuelve:\n\nPRIMERO. Se confirma la sentencia "
    "apelada.\n\n"
    "Así lo resolvió la Sexta Sala del Supremo Tribunal de Justicia del Estado de "
    "Jalisco.\n",
    {
        "expediente": "Toca 615/2023",
        "court": "Sexta Sala del Supremo Tribunal de Justicia del Estado de Jalisco",
        "resolution_date": "2024-02-01",
        "ponente": "Armando Rivas Castellanos",
        "secretario": None,  # the secretario de acuerdos authorises; he drafted nothing
        "matter": "penal",
    },
)


STATE_TOCA_CIVIL_SALA_COLEGIADA = Variant(
    "sala-colegiada-toca-civil",
    "TOCA CIVIL: 1022/2022.\n"
    "APELANTE: [...].\n"
    "MAGISTRADA PONENTE: MARÍA DE LA LUZ ESPINOSA BARRAGÁN.\n\n"
    "Toluca de Lerdo, Estado de México, a treinta y uno de agosto de dos mil veintidós.\n\n"
    "V I S T O S, para resolver, los autos del toca civil 1022/2022, relativo al recurso "
    "de apelación interpuesto contra la sentencia definitiva dictada en el expediente "
    "455/2021 del Juzgado Segundo Civil de Primera Instancia de Toluca; y,\n\n"
    "R E S U L T A N D O\n\nPRIMERO. Sentencia de primera instancia.\n\n"
    "C O N S I D E R A N D O\n\nI. Competencia.\n\n"
    "R E S U E L V E\n\nPRIMERO. Se modifica la sentencia apelada.\n\n"
    "Así, por unanimidad de votos, lo resolvió la Primera Sala Colegiada Civil de Toluca "
    "del Tribunal Superior de Justicia del Estado de México, siendo ponente la Magistrada "
    "María de la Luz Espinosa Barragán, que firma ante el Secretario de Acuerdos "
    "Licenciado Tomás Ugalde Nieto, que da fe.\n",
    {
        "expediente": "Toca 1022/2022",
        "resolution_date": "2022-08-31",
        "ponente": "María de la Luz Espinosa Barragán",
        "matter": "civil",
        "court": (
            "Primera Sala Colegiada Civil de Toluca del Tribunal Superior de Justicia del "
            "Estado de México"
        ),
    },
)


NUEVO_LEON_JUICIO_ORAL = Variant(
    "nuevo-leon-juicio-oral",
    "JUZGADO DE CONTROL Y DE JUICIO ORAL PENAL DEL ESTADO DE NUEVO LEÓN\n"
    "CARPETA JUDICIAL: 2541/2020\n"
    "SENTENCIA DEFINITIVA\n\n"
    "Monterrey, Nuevo León, a 18 dieciocho de marzo del año 2021 dos mil veintiuno.\n\n"
    "Sentencia definitiva que se dicta dentro de la carpeta judicial 2541/2020, seguida en "
    "contra de ********** por el delito de robo con violencia, ante el Tribunal de "
    "Enjuiciamiento integrado por el juez Raúl Cárdenas Treviño.\n\n"
    "R E S U L T A N D O\n\nPRIMERO. Audiencia de juicio.\n\n"
    "C O N S I D E R A N D O\n\nPRIMERO. Competencia.\n\n"
    "R E S O L U T I V O S\n\nPRIMERO. Se dicta sentencia condenatoria.\n\n"
    "Así lo resuelve y firma el Juez de Control y de Juicio Oral Penal del Estado, "
    "licenciado Raúl Cárdenas Treviño.\n",
    {
        "expediente": "Carpeta Judicial 2541/2020",
        "resolution_date": "2021-03-18",
        "matter": "penal",
    },
)


OCR_NOISE = Variant(
    "ocr-hyphens-ligatures-headers",
    "PODER JUDICIAL DE LA FEDERACIÓN\n"
    "AMPARO DIRECTO PENAL 77/2022\n"
    "QUEJOSO: *****\n"
    "MAGISTRADO PONENTE: FEDERICO ALARCÓN MEJÍA\n"
    "SECRETARIO: RAMIRO NÚÑEZ BECERRA\n\n"
    "Hermosillo, Sonora. Acuerdo del Primer Tribunal Colegiado en Materias Penal y "
    "Administrativa del Quinto Circuito, correspondiente a la sesión de veinte de "
    "octubre de dos mil veintidós.\n\n"
    "V I S T O S, para resolver, los autos del juicio de ampa-\nro directo 77/2022, "
    "promovido contra la sentencia de ﬁnal de la Sala Penal del Supremo Tribunal de Jus-\n"
    "ticia del Estado de Sonora; y,\n\n"
    "R E S U L T A N D O:\n\nPRIMERO. Demanda.\n\n"
    "PODER JUDICIAL DE LA FEDERACIÓN\nAMPARO DIRECTO PENAL 77/2022\n- 2 -\n\n"
    "C O N S I D E R A N D O:\n\nPRIMERO. Competencia.\n\n"
    "PODER JUDICIAL DE LA FEDERACIÓN\nAMPARO DIRECTO PENAL 77/2022\n- 3 -\n\n"
    "Por lo expuesto, se resuelve:\n\nÚNICO. La Justicia de la Unión no ampara ni protege "
    "al quejoso.\n\nNotifíquese. Así lo resolvió el Primer Tribunal Colegiado en Materias "
    "Penal y Administrativa del Quinto Circuito.\n",
    {
        "expediente": "AD 77/2022",
        "court": "Primer Tribunal Colegiado en Materias Penal y Administrativa del Quinto Circuito",
        "resolution_date": "2022-10-20",
        "ponente": "Federico Alarcón Mejía",
        "secretario": "Ramiro Núñez Becerra",
    },
)


SPACED_HEADINGS_STATE = Variant(
    "spaced-headings-dates-in-words",
    "S E N T E N C I A\n\n"
    "Culiacán, Sinaloa, a veinticinco de noviembre del año dos mil veinte.\n\n"
    "V I S T O S para resolver en segunda instancia los autos del toca número 318/2020, "
    "formado con motivo del recurso de apelación interpuesto contra la sentencia dictada "
    "el primero de septiembre de dos mil veinte por el Juez Segundo de Primera Instancia "
    "del Ramo Familiar del Distrito Judicial de Culiacán, en el expediente 902/2019, "
    "relativo al juicio ordinario familiar de divorcio; y,\n\n"
    "R E S U L T A N D O :\n\n1/o. Sentencia apelada.\n\n"
    "C O N S I D E R A N D O :\n\nI. Competencia.\n\n"
    "Por lo expuesto y fundado, se resuelve:\n\nPRIMERO. Se confirma la sentencia "
    "recurrida.\n\n"
    "Así lo resolvió y firmó la Sala de Circuito Zona Centro del Supremo Tribunal de "
    "Justicia del Estado de Sinaloa.\n",
    {
        "expediente": "Toca 318/2020",
        "resolution_date": "2020-11-25",
        "ponente": None,
        "secretario": None,
    },
)


REDACTED_NAMES = Variant(
    "public-version-redacted-judges",
    "VERSIÓN PÚBLICA\n"
    "AMPARO DIRECTO 1208/2021\n"
    "QUEJOSO: [ELIMINADO: nombre de la parte quejosa]\n"
    "MAGISTRADO PONENTE: [...]\n"
    "SECRETARIO: ***\n\n"
    "Zapopan, Jalisco. Acuerdo del Segundo Tribunal Colegiado en Materia Civil del "
    "Tercer Circuito, correspondiente a la sesión de dieciséis de marzo de dos mil "
    "veintidós.\n\n"
    "V I S T O S, para resolver, los autos del juicio de amparo directo 1208/2021; y,\n\n"
    "R E S U L T A N D O:\n\nPRIMERO. Demanda.\n\n"
    "Por lo expuesto, se resuelve:\n\nÚNICO. Se niega el amparo.\n\n"
    "Así lo resolvió el Segundo Tribunal Colegiado en Materia Civil del Tercer Circuito.\n",
    {
        "expediente": "AD 1208/2021",
        "court": "Segundo Tribunal Colegiado en Materia Civil del Tercer Circuito",
        "resolution_date": "2022-03-16",
        "ponente": None,
        "secretario": None,
    },
)


NO_DATE_STATED = Variant(
    "no-own-date-only-cited-ones",
    "AMPARO DIRECTO 903/2024\n"
    "QUEJOSA: **********\n\n"
    "V I S T O S, para resolver, los autos del juicio de amparo directo 903/2024, "
    "promovido contra la sentencia de nueve de abril de dos mil veinticuatro dictada por la "
    "Tercera Sala Civil del Tribunal Superior de Justicia de la Ciudad de México en el "
    "toca 311/2024; y,\n\n"
    "R E S U L T A N D O:\n\nPRIMERO. Por auto de veinte de mayo de dos mil veinticuatro "
    "se admitió la demanda.\n\n"
    "Por lo expuesto, se resuelve:\n\nÚNICO. Se sobresee en el juicio.\n",
    {
        "expediente": "AD 903/2024",
        "resolution_date": None,
        "ponente": None,
        "secretario": None,
    },
)


def _wrapped(text: str, width: int = 78) -> str:
    """As a PDF's text layer gives a paragraph: broken into lines of about ``width``."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


OCR_DATE_BROKEN = Variant(
    "ocr-date-broken-across-lines",
    "AMPARO EN REVISIÓN 233/2024\n"
    "RECURRENTE: ***\n"
    "MAGISTRADA PONENTE: SILVIA REGINA OCAMPO DÍAZ\n"
    "SECRETARIA: KARLA YADIRA BELTRÁN SOTO\n\n"
    + _wrapped(
        "Ciudad de México. Acuerdo del Décimo Tribunal Colegiado en Materia Administrativa "
        "del Primer Circuito, correspondiente a la sesión virtual de veintinueve de mayo de "
        "dos mil veinticinco."
    ).replace("dos mil\nveinticinco", "dos mil vein-\nticinco")
    + "\n\nV I S T O S, para resolver, los autos del amparo en revisión 233/2024; y,\n\n"
    "RESULTANDO:\n\nPRIMERO. Demanda presentada el veinte de mayo de dos mil "
    "veinte.\n\nPor lo expuesto, se resuelve:\n\nÚNICO. Se confirma la sentencia "
    "recurrida.\n\nAsí lo resolvió el Décimo Tribunal Colegiado en Materia Administrativa "
    "del Primer Circuito.\n",
    {
        "expediente": "AR 233/2024",
        "court": "Décimo Tribunal Colegiado en Materia Administrativa del Primer Circuito",
        "resolution_date": "2025-05-29",
        "ponente": "Silvia Regina Ocampo Díaz",
        "secretario": "Karla Yadira Beltrán Soto",
    },
)


MIXED_DIGITS_CLOSING_DATE = Variant(
    "closing-date-mixed-digits-and-words",
    "JUZGADO SEGUNDO DE LO CIVIL DEL PRIMER DISTRITO JUDICIAL DEL ESTADO\n"
    "EXPEDIENTE: 1187/2023\n"
    "JUICIO ORDINARIO CIVIL\n\n"
    "Monterrey, Nuevo León, a 5 cinco de abril de 2024 dos mil veinticuatro.\n\n"
    "V I S T O S para dictar sentencia definitiva los autos del expediente 1187/2023, "
    "relativo al juicio ordinario civil promovido por ********** en contra de "
    "**********; y,\n\n"
    "R E S U L T A N D O\n\nPRIMERO. Por escrito de 12 doce de junio de 2023 dos mil "
    "veintitrés se presentó la demanda.\n\n"
    "C O N S I D E R A N D O\n\nPRIMERO. Competencia.\n\n"
    "R E S U E L V E\n\nPRIMERO. Ha procedido la vía.\n\n"
    "Así definitivamente juzgando lo resolvió y firma la Jueza Segundo de lo Civil del "
    "Primer Distrito Judicial del Estado, licenciada Norma Alicia Garza Elizondo, ante el "
    "Secretario que autoriza y da fe.\n",
    {
        "resolution_date": "2024-04-05",
        "matter": "civil",
    },
)


SCJN_PLENO_TOP_DATE = Variant(
    "scjn-pleno-ai-acumulada-mixed-case-caption",
    "ACCIÓN DE INCONSTITUCIONALIDAD 61/2024 Y SU ACUMULADA 64/2024\n"
    "PROMOVENTES: COMISIÓN NACIONAL DE LOS DERECHOS HUMANOS Y OTRO\n\n"
    "Ministro ponente: Saúl Benavides Orozco\n"
    "Secretarios: Luis Felipe Ibarra Cano y Andrea Montaño Ruiz\n"
    "Colaboró: Jimena Ortiz Lara\n\n"
    "ÍNDICE TEMÁTICO\n\n"
    + _index(25)
    + "Ciudad de México. El Tribunal Pleno de la Suprema Corte de Justicia de la Nación, en "
    "sesión del día primero de abril de dos mil veinticinco, emite la siguiente:\n\n"
    "S E N T E N C I A\n\n"
    "Mediante la que se resuelve la acción de inconstitucionalidad 61/2024 y su acumulada "
    "64/2024, promovidas contra el Decreto publicado el diez de enero de dos mil "
    "veinticuatro.\n\n"
    "I. TRÁMITE\n\n1. Presentación.\n\n"
    "Por lo expuesto y fundado, se resuelve:\n\n"
    "PRIMERO. Es procedente y fundada la presente acción de inconstitucionalidad y su "
    "acumulada.\n\n"
    "Notifíquese.\n\nAsí lo resolvió el Pleno de la Suprema Corte de Justicia de la Nación.\n",
    {
        "expediente": "AI 61/2024, AI 64/2024",
        "court": "Pleno de la SCJN",
        "resolution_date": "2025-04-01",
        "ponente": "Saúl Benavides Orozco",
        "secretario": None,
    },
)


DISTRICT_AMPARO_INDIRECTO = Variant(
    "district-amparo-indirecto-top-date",
    "JUICIO DE AMPARO INDIRECTO 1540/2023\n"
    "QUEJOSO: ELIMINADO\n\n"
    "Monterrey, Nuevo León, a veinte de febrero de dos mil veinticuatro.\n\n"
    "V I S T O S, para resolver, los autos del juicio de amparo indirecto 1540/2023, "
    "promovido contra actos del Congreso del Estado de Nuevo León y otras autoridades; "
    "y,\n\nR E S U L T A N D O:\n\nPRIMERO. Demanda.\n\n"
    "C O N S I D E R A N D O:\n\nPRIMERO. Competencia. Este Juzgado Primero de Distrito en "
    "Materia Administrativa en el Estado de Nuevo León es competente.\n\n"
    "Por lo expuesto, se resuelve:\n\nÚNICO. La Justicia de la Unión ampara y protege a la "
    "parte quejosa.\n\n"
    "Así lo resolvió y firma Tomás Aguirre Salinas, Juez Primero de Distrito en Materia "
    "Administrativa en el Estado de Nuevo León, asistido de la secretaria Irma Yolanda "
    "Cantú Leal, que autoriza y da fe.\n",
    {
        "expediente": "AMP 1540/2023",
        "resolution_date": "2024-02-20",
        "court": "Juzgado Primero de Distrito en Materia Administrativa en el Estado de Nuevo León",
    },
)


YEAR_CUT_AT_LINE_END = Variant(
    "place-date-year-cut-at-line-end",
    "TOCA PENAL 77/2025\n"
    "MAGISTRADO PONENTE: GILBERTO LUNA OSUNA\n\n"
    "Ciudad de México, a veintiuno de junio de dos mil\nveinticinco.\n\n"
    "V I S T O S, para resolver, los autos del toca penal 77/2025, relativo al recurso de "
    "apelación interpuesto contra la sentencia de dos de marzo de dos mil veinticinco; "
    "y,\n\nR E S U L T A N D O\n\nPRIMERO. Sentencia.\n\nR E S U E L V E\n\n"
    "PRIMERO. Se confirma la sentencia apelada.\n",
    {"expediente": "Toca 77/2025", "resolution_date": "2025-06-21", "matter": "penal"},
)


YEAR_CUT_IN_CAPITALS = Variant(
    "place-date-capitals-year-and-day-split",
    "TOCA CIVIL 1340/2024\n\n"
    "TLAXCALA DE XICOHTÉNCATL, TLAXCALA, A TRE-\nCE DE MAYO DE DOS MIL\nVEINTICINCO.\n\n"
    "V I S T O S, para resolver, los autos del toca civil 1340/2024; y,\n\n"
    "R E S U L T A N D O\n\nPRIMERO. Sentencia.\n\nR E S U E L V E\n\n"
    "PRIMERO. Se revoca la sentencia apelada.\n",
    {"expediente": "Toca 1340/2024", "resolution_date": "2025-05-13", "matter": "civil"},
)


def _signature_evidence(signers: tuple[str, ...]) -> str:
    """The electronic signatures' evidence a federal court's public version ends with:
    per signer its certificate's serial, dates and a long chain of hex pairs."""
    block = (
        "FIRMANTE\nNombre: {name} Validez: OK Vigente\nFIRMA\n"
        "No. serie: 70.6a.66.20.00.00.00.00.00.00.00.00.00.00.00.00.00.00.13.23 "
        "Revocación: OK No revocado\n"
        "Fecha: (UTC/CDMX) 03/10/24 18:21:45 - 03/10/24 12:21:45 Status: OK Valida\n"
        "Algoritmo: RSA - SHA256\nCadena de firma:\n" + "3f 9c 0a 7e 51 d2 88 14 " * 24 + "\n"
    )
    return (
        "\n\nEVIDENCIA CRIPTOGRÁFICA · TRANSACCIÓN\n"
        "Archivo Firmado: 30870000041234560012.p7m\n"
        "Autoridad Certificadora: Autoridad Certificadora Intermedia del Consejo de la "
        "Judicatura Federal\n"
        f"Firmante(s): {len(signers)}\n" + "".join(block.format(name=n) for n in signers)
    )


TCC_SHORT_SIGNED = Variant(
    "tcc-short-queja-signature-evidence",
    "QUEJA 640/2024.\nQUEJOSO: ***.\n"
    "MAGISTRADA PONENTE: IRENE CASTAÑEDA LUGO.\n"
    "SECRETARIO: ALDO RENÉ FIERRO SOTO.\n\n"
    "V I S T O S, para resolver, los autos del recurso de queja 640/2024; y,\n\n"
    "R E S U L T A N D O:\n\nÚNICO. Trámite.\n\nC O N S I D E R A N D O:\n\nÚNICO. "
    "El recurso es infundado.\n\nPor lo expuesto, se resuelve:\n\nÚNICO. Es infundado el "
    "recurso de queja.\n\n"
    "Notifíquese. Así lo resolvió el Segundo Tribunal Colegiado en Materia Civil del "
    "Séptimo Circuito, por unanimidad de votos.\n"
    + _signature_evidence(("IRENE CASTAÑEDA LUGO", "LUIS ORTA PÉREZ", "ALDO RENÉ FIERRO SOTO")),
    {
        "expediente": "Recurso de Queja 640/2024",
        "court": "Segundo Tribunal Colegiado en Materia Civil del Séptimo Circuito",
        "resolution_date": None,
        "ponente": "Irene Castañeda Lugo",
        "secretario": "Aldo René Fierro Soto",
    },
)


PRESENT_TENSE_CLOSING = Variant(
    "juzgado-familiar-present-tense-closing",
    "EXPEDIENTE: 2210/2024\nJUICIO ORAL FAMILIAR\n\n"
    "Guadalupe, Nuevo León, a 9 nueve de mayo de 2025 dos mil veinticinco.\n\n"
    "V I S T O para resolver en definitiva el expediente judicial número 2210/2024, "
    "relativo al juicio oral de alimentos promovido por ********** en contra de "
    "**********; y,\n\nR E S U L T A N D O\n\nÚNICO. Demanda.\n\n"
    "C O N S I D E R A N D O\n\nPRIMERO. Competencia.\n\n"
    "R E S U E L V E\n\nPRIMERO. Se condena al demandado al pago de alimentos.\n\n"
    "Notifíquese personalmente. Así lo resuelve y firma la Licenciada Rosa Elvira Garza "
    "Cantú, Jueza Tercero de Juicio Familiar Oral del Tercer Distrito Judicial del Estado, "
    "ante la Secretaria que autoriza y da fe.\n",
    {
        "expediente": "2210/2024",
        "court": "Juzgado Tercero de Juicio Familiar Oral del Tercer Distrito Judicial del Estado",
        "resolution_date": "2025-05-09",
        "ponente": "Rosa Elvira Garza Cantú",
        "secretario": None,
        "matter": "familiar",
    },
)


VARIANTS = (
    SCJN_LONG_INDEX,
    TCC_AMPARO_DIRECTO,
    TCC_REVISION_ACUMULADO,
    TCC_QUEJA,
    TCC_REVISION_FISCAL,
    TCC_REVISION_ADMINISTRATIVA_LFPCA,
    TCC_REVISION_ADMINISTRATIVA_STATE_LAW,
    TCC_INCIDENTE_SUSPENSION_REVISION,
    JALISCO_TOCA_PENAL,
    STATE_TOCA_CIVIL_SALA_COLEGIADA,
    NUEVO_LEON_JUICIO_ORAL,
    OCR_NOISE,
    SPACED_HEADINGS_STATE,
    REDACTED_NAMES,
    NO_DATE_STATED,
    OCR_DATE_BROKEN,
    MIXED_DIGITS_CLOSING_DATE,
    SCJN_PLENO_TOP_DATE,
    DISTRICT_AMPARO_INDIRECTO,
    YEAR_CUT_AT_LINE_END,
    YEAR_CUT_IN_CAPITALS,
    TCC_SHORT_SIGNED,
    PRESENT_TENSE_CLOSING,
)
