"""Invented legislative content: session topics, legislative documents, names."""

from __future__ import annotations

from dataclasses import dataclass

FIRST_F = (
    "María Fernanda",
    "Ana Sofía",
    "Guadalupe",
    "Verónica",
    "Claudia Patricia",
    "Alejandra",
    "Martha Elena",
    "Rocío",
    "Lucía",
    "Norma Angélica",
    "Karla Ivonne",
    "Beatriz",
    "Diana Laura",
    "Itzel",
    "Mónica",
)
FIRST_M = (
    "José Luis",
    "Juan Carlos",
    "Miguel Ángel",
    "Jorge Armando",
    "Ricardo",
    "Héctor",
    "Fernando",
    "Luis Enrique",
    "Óscar",
    "Rubén",
    "Gerardo",
    "Arturo",
    "Sergio Iván",
    "Raúl",
    "Joaquín",
)
SURNAMES = (
    "Rangel",
    "Zavala",
    "Ibarra",
    "Ledesma",
    "Muñoz",
    "Villagómez",
    "Aguilar",
    "Cabrera",
    "Ortiz",
    "Salgado",
    "Pérez",
    "Hernández",
    "Ramírez",
    "Núñez",
    "Godínez",
    "Arredondo",
    "Tovar",
    "Mendoza",
    "Carranza",
    "Quintero",
    "Esquivel",
    "Oñate",
    "Patiño",
    "Vázquez",
    "Barajas",
    "Méndez",
    "Sierra",
    "Olvera",
)

MUNICIPALITIES = (
    "León",
    "Irapuato",
    "Celaya",
    "Salamanca",
    "Guanajuato",
    "Silao de la Victoria",
    "San Miguel de Allende",
    "Dolores Hidalgo",
    "Pénjamo",
    "Valle de Santiago",
    "Acámbaro",
    "San Francisco del Rincón",
    "Moroleón",
)


@dataclass(frozen=True)
class SessionTopic:
    session_type: str  # ordinaria | extraordinaria | solemne | comisión | permanente
    chamber: str
    item: str
    phrase: str
    speech: tuple[str, ...]
    speakers: tuple[str, ...] = ()  # explicit speaker per speech line; default: random deputies


SESSION_TOPICS: tuple[SessionTopic, ...] = (
    SessionTopic(
        "ordinaria",
        "Pleno",
        "Comparecencia de la persona titular de la Secretaría del Agua y Medio Ambiente, en el "
        "marco de la glosa del informe de gobierno, con énfasis en la recarga de acuíferos.",
        "recarga de acuíferos",
        (
            "Agradezco la invitación de esta Soberanía. El estado extrae de sus acuíferos más agua "
            "de la que se infiltra cada año; por ello, la recarga de acuíferos es la prioridad de "
            "la política hídrica. Este año se construyeron bordos de infiltración en las cuencas "
            "altas y se rehabilitaron pozos de absorción en zonas urbanas.",
            "Diputada, con gusto le preciso las cifras: la inversión ejercida fue superior a la "
            "del año anterior y el avance físico de las obras es del ochenta por ciento. "
            "Entregaremos a la comisión el desglose por municipio.",
        ),
        ("La persona titular de la Secretaría del Agua y Medio Ambiente",) * 2,
    ),
    SessionTopic(
        "ordinaria",
        "Pleno",
        "Discusión y, en su caso, aprobación del dictamen relativo a las leyes de ingresos "
        "municipales para el siguiente ejercicio fiscal, incluida la tabla de valores unitarios de "
        "suelo y construcción.",
        "tabla de valores unitarios",
        (
            "El dictamen que hoy se somete a consideración del Pleno revisó cuarenta y seis "
            "propuestas municipales. La comisión cuidó que la actualización de la tabla de valores "
            "unitarios no rebase la inflación esperada y que se mantengan los descuentos para "
            "personas jubiladas y pensionadas.",
            "Votaré a favor, pero solicito que en el próximo ejercicio se acompañe a los "
            "municipios con menor capacidad técnica para que sus catastros estén actualizados.",
        ),
    ),
    SessionTopic(
        "ordinaria",
        "Pleno",
        "Elección y, en su caso, renovación de la Mesa Directiva para el segundo periodo ordinario "
        "de sesiones del primer año de ejercicio.",
        "renovación de la Mesa Directiva",
        (
            "Se procede a la renovación de la Mesa Directiva mediante votación por cédula. Se "
            "solicita a la secretaría distribuir las cédulas y llamar a las diputadas y diputados "
            "por orden alfabético.",
            "Con el resultado de la votación, se declara electa la planilla propuesta; se invita a "
            "sus integrantes a rendir la protesta de ley y a ocupar sus lugares en el presídium.",
        ),
        ("La C. Presidenta",) * 2,
    ),
    SessionTopic(
        "ordinaria",
        "Pleno",
        "Presentación del informe de resultados de la fiscalización de la cuenta pública estatal, "
        "remitido por la Auditoría Superior del Estado.",
        "fiscalización de la cuenta pública",
        (
            "El informe de resultados de la fiscalización de la cuenta pública señala "
            "observaciones por falta de comprobación en obra pública y recomendaciones de control "
            "interno en tres dependencias.",
            "Pido que el informe se turne a la comisión competente y que se dé seguimiento puntual "
            "a las acciones de responsabilidad que se promovieron.",
        ),
    ),
    SessionTopic(
        "ordinaria",
        "Pleno",
        "Propuesta de punto de acuerdo de obvia resolución por el que se exhorta a las autoridades "
        "federales a declarar zona de emergencia por sequía atípica en los municipios del noreste "
        "del estado.",
        "sequía atípica",
        (
            "Las comunidades del noreste llevan dos temporadas con lluvias por debajo del "
            "promedio. La sequía atípica ha reducido la cosecha de frijol y maíz de temporal y ha "
            "obligado a vender ganado a precios bajos.",
            "Por ello pedimos que este exhorto se apruebe de obvia resolución y que se gestionen "
            "apoyos emergentes para productores de autoconsumo.",
        ),
    ),
    SessionTopic(
        "ordinaria",
        "Pleno",
        "Discusión del dictamen que reforma la Ley de Movilidad del Estado en materia de seguridad "
        "en el transporte escolar.",
        "transporte escolar",
        (
            "El dictamen establece requisitos mínimos para las unidades de transporte escolar: "
            "cinturones de seguridad en todos los asientos, capacitación de las personas "
            "conductoras y revisión mecánica semestral.",
            "Celebro que se haya incorporado la obligación de contar con una persona acompañante "
            "cuando se traslade a estudiantes de nivel preescolar.",
        ),
    ),
    SessionTopic(
        "extraordinaria",
        "Pleno",
        "Designación de magistrada propietaria del Supremo Tribunal de Justicia del Estado, a "
        "propuesta del Consejo del Poder Judicial.",
        "designación de magistrada",
        (
            "La comisión dictaminadora entrevistó a las personas aspirantes y verificó el "
            "cumplimiento de los requisitos constitucionales. La propuesta de designación de "
            "magistrada recae en una jueza de carrera con veinte años de experiencia en materia "
            "civil.",
            "Se ha aprobado la designación. Se solicita a la comisión de cortesía acompañar a la "
            "magistrada designada para rendir la protesta de ley.",
        ),
        ("", "La C. Presidenta"),
    ),
    SessionTopic(
        "extraordinaria",
        "Pleno",
        "Discusión y, en su caso, aprobación de la minuta de reforma a la Constitución Política "
        "para el Estado de Guanajuato en materia de paridad sustantiva en la integración de los "
        "órganos autónomos.",
        "paridad sustantiva",
        (
            "La reforma garantiza la paridad sustantiva en la integración de los órganos autónomos "
            "y obliga a alternar el género en sus presidencias.",
            "En términos del procedimiento de reforma constitucional, la minuta se remitirá a los "
            "ayuntamientos para que emitan su voto.",
        ),
    ),
    SessionTopic(
        "solemne",
        "Pleno",
        "Entrega de la Presea al Mérito Ciudadano a una persona promotora de la lectura en "
        "comunidades rurales.",
        "Presea al Mérito Ciudadano",
        (
            "Hoy esta Legislatura entrega la Presea al Mérito Ciudadano a quien durante tres "
            "décadas ha llevado bibliotecas ambulantes a comunidades rurales de la sierra.",
            "Recibo este reconocimiento en nombre de las y los voluntarios que cada sábado cargan "
            "libros en una camioneta y los comparten con niñas y niños que no tienen biblioteca "
            "cerca.",
        ),
        ("La C. Presidenta", "La persona galardonada"),
    ),
    SessionTopic(
        "comisión",
        "Comisión de Justicia",
        "Análisis de la iniciativa que reforma el Código Penal del Estado para tipificar el "
        "ciberacoso.",
        "ciberacoso",
        (
            "La iniciativa propone sancionar el ciberacoso cuando se realice de manera reiterada "
            "mediante plataformas digitales y cause un daño a la integridad emocional de la "
            "víctima.",
            "Sugiero que la comisión solicite la opinión de la Fiscalía y de especialistas en "
            "derechos digitales para precisar la descripción típica y evitar afectar la libertad "
            "de expresión.",
        ),
    ),
    SessionTopic(
        "comisión",
        "Comisión de Salud Pública",
        "Mesa de trabajo con personal directivo de los hospitales generales sobre el abasto de "
        "medicamentos.",
        "abasto de medicamentos",
        (
            "Los directivos informaron que el abasto de medicamentos en los hospitales generales "
            "alcanza el noventa por ciento de las claves del cuadro básico, con faltantes en "
            "oncológicos pediátricos.",
            "La comisión acuerda solicitar un informe mensual y realizar visitas de verificación a "
            "las farmacias hospitalarias.",
        ),
    ),
    SessionTopic(
        "comisión",
        "Comisión de Desarrollo Económico y Social",
        "Opinión sobre el proyecto de ordenamiento del corredor industrial del Bajío y su impacto "
        "en la movilidad regional.",
        "corredor industrial",
        (
            "El corredor industrial concentra la mayor parte del empleo manufacturero del estado; "
            "el reto es ordenar su crecimiento para que los trayectos de las personas trabajadoras "
            "no superen una hora.",
            "Propongo que la opinión de la comisión incluya recomendaciones sobre vivienda cercana "
            "a los parques y transporte de personal con rutas nocturnas.",
        ),
    ),
    SessionTopic(
        "permanente",
        "Diputación Permanente",
        "Informe de las acciones de protección civil ante la temporada invernal y las heladas en "
        "la zona serrana.",
        "temporada invernal",
        (
            "Protección civil instaló albergues temporales y distribuyó cobertores en las "
            "comunidades de la sierra. Durante la temporada invernal se mantendrá el monitoreo de "
            "temperaturas.",
            "Solicito que se incluya a las escuelas rurales en el reparto de calentadores seguros.",
        ),
    ),
    SessionTopic(
        "permanente",
        "Diputación Permanente",
        "Dar cuenta con la solicitud de licencia temporal de un integrante de ayuntamiento y su "
        "turno a la comisión correspondiente.",
        "licencia temporal",
        (
            "Se recibió el oficio mediante el cual el ayuntamiento comunica la solicitud de "
            "licencia temporal por noventa días de una sindicatura, y la llamada al suplente para "
            "rendir protesta.",
            "Se turna a la Comisión de Asuntos Municipales para su estudio y dictamen.",
        ),
        ("La Secretaría", "La C. Presidenta"),
    ),
)

SESSION_TITLES = {
    "ordinaria": "Sesión ordinaria del Pleno",
    "extraordinaria": "Sesión extraordinaria del Pleno",
    "solemne": "Sesión solemne del Pleno",
    "comisión": "Reunión de trabajo de la {chamber}",
    "permanente": "Sesión de la Diputación Permanente",
}

AGENDA_OPENING = (
    "Lista de asistencia y comprobación del quórum.",
    "Lectura y, en su caso, aprobación del orden del día.",
)
AGENDA_MINUTES = "Lectura y, en su caso, aprobación del acta de la sesión anterior."
AGENDA_MAIL = "Dar cuenta con las comunicaciones y correspondencia recibidas."
AGENDA_INITIATIVE = (
    "Presentación de la {number}, formulada por diputadas y diputados de esta Legislatura."
)
AGENDA_SOLEMN = (
    "Honores a la Bandera y entonación del Himno Nacional.",
    "Mensaje de la Presidencia de la Mesa Directiva.",
)
AGENDA_CLOSING = ("Asuntos de interés general.", "Clausura de la sesión.")

TRANSCRIPT_LINES = {
    "open": (
        "Muy buenos días. Se pide a la secretaría certificar el quórum conforme al registro del "
        "sistema electrónico de asistencia.",
        "Presidenta, se registra la asistencia de {present} diputadas y diputados. Hay quórum.",
        "Siendo las {hour} horas con {minute} minutos, se abre la sesión. La secretaría dará "
        "lectura al orden del día.",
    ),
    "vote": (
        "Se somete a votación económica. Quienes estén por la afirmativa, sírvanse manifestarlo en "
        "la forma acostumbrada.",
        "Se registraron {yes} votos a favor y {no} en contra.",
        "Se declara aprobado. Continuamos con el siguiente punto del orden del día.",
    ),
    "close": (
        "Agotados los puntos del orden del día, se levanta la sesión siendo las {end_hour} horas y "
        "se cita a las diputadas y diputados para la próxima sesión, conforme a la convocatoria "
        "que se publicará en la Gaceta Parlamentaria.",
    ),
}

GENERAL_REMARKS = (
    "Quiero referirme a la situación de los caminos rurales de mi distrito. Después de la "
    "temporada de lluvias, varias comunidades quedaron incomunicadas y es necesario que la "
    "Secretaría de Obra Pública atienda los reportes ciudadanos con mayor rapidez.",
    "Hago uso de la voz para reconocer a las y los estudiantes del bachillerato técnico que "
    "obtuvieron el primer lugar en la olimpiada nacional de robótica. Su esfuerzo es ejemplo de lo "
    "que puede lograr la educación pública.",
    "Solicito a la Presidencia que se incluya en la próxima sesión el análisis de la situación de "
    "las estancias infantiles, pues muchas madres trabajadoras no tienen dónde dejar a sus hijos "
    "durante la jornada laboral.",
    "Hago un llamado respetuoso para que las comisiones dictaminen las iniciativas pendientes "
    "antes del cierre del periodo; la ciudadanía espera resultados y no rezagos legislativos.",
    "Me permito informar que esta semana se realizaron foros de consulta con personas con "
    "discapacidad, cuyas conclusiones entregaremos a la comisión competente.",
    "Expreso mi solidaridad con las familias afectadas por el incendio en el mercado municipal y "
    "pido que se revisen los protocolos de prevención en los centros de abasto.",
)


@dataclass(frozen=True)
class LegisTopic:
    doc_type: str  # gaceta | iniciativa | dictamen | punto de acuerdo
    committee: str | None
    title: str
    phrase: str
    summary: str
    body: tuple[str, ...]
    resolution: tuple[str, ...]


LEGIS_TOPICS: tuple[LegisTopic, ...] = (
    LegisTopic(
        "iniciativa",
        "Comisión de Medio Ambiente",
        "Iniciativa que reforma la Ley para la Protección Animal del Estado de Guanajuato en "
        "materia de esterilización gratuita",
        "esterilización gratuita",
        "Propone que los municipios establezcan campañas permanentes de esterilización gratuita de "
        "perros y gatos, con prioridad en colonias con mayor presencia de animales en situación de "
        "calle.",
        (
            "La sobrepoblación de perros y gatos en situación de calle es un problema de salud "
            "pública y de bienestar animal. Los centros de control municipales reportan un aumento "
            "sostenido de animales capturados, y la mayoría de ellos son sacrificados al no "
            "encontrar adopción.",
            "La experiencia de diversos municipios demuestra que las campañas masivas y "
            "permanentes de esterilización gratuita son la medida más eficaz y menos costosa para "
            "reducir la población de animales abandonados a mediano plazo.",
            "La iniciativa obliga a los ayuntamientos a destinar una partida presupuestal "
            "específica, a celebrar convenios con colegios de médicos veterinarios y a publicar "
            "anualmente los resultados de las campañas.",
        ),
        (
            "ARTÍCULO ÚNICO. Se adiciona un artículo a la Ley para la Protección Animal del Estado "
            "de Guanajuato, para quedar como sigue: Los ayuntamientos implementarán campañas "
            "permanentes de esterilización gratuita para perros y gatos, conforme a su "
            "disponibilidad presupuestal.",
            "TRANSITORIO ÚNICO. El presente decreto entrará en vigencia al día siguiente de su "
            "publicación en el Periódico Oficial del Gobierno del Estado.",
        ),
    ),
    LegisTopic(
        "iniciativa",
        "Comisión de Salud Pública",
        "Iniciativa que reforma la Ley de Salud del Estado de Guanajuato en materia de salud "
        "mental en las escuelas",
        "primeros auxilios psicológicos",
        "Busca que el personal docente de educación básica y media superior reciba capacitación en "
        "primeros auxilios psicológicos y que cada plantel cuente con una ruta de atención en "
        "crisis.",
        (
            "Las encuestas de salud mental aplicadas a estudiantes muestran un incremento de "
            "síntomas de ansiedad y depresión. Las maestras y los maestros suelen ser la primera "
            "persona adulta que advierte una situación de riesgo, pero no cuentan con herramientas "
            "para intervenir.",
            "La capacitación en primeros auxilios psicológicos permite contener a una persona en "
            "crisis, reducir el riesgo inmediato y canalizarla a servicios especializados. Se "
            "trata de una intervención breve, que no sustituye la atención clínica.",
            "La propuesta prevé que la Secretaría de Salud y la Secretaría de Educación elaboren "
            "un protocolo conjunto y que los centros de salud reserven horarios de atención para "
            "estudiantes canalizados.",
        ),
        (
            "ARTÍCULO ÚNICO. Se reforma la Ley de Salud del Estado de Guanajuato para establecer "
            "la capacitación obligatoria del personal docente en primeros auxilios psicológicos.",
            "TRANSITORIO PRIMERO. El decreto entrará en vigencia el ciclo escolar siguiente a su "
            "publicación.",
            "TRANSITORIO SEGUNDO. Las secretarías emitirán el protocolo en un plazo de ciento "
            "veinte días.",
        ),
    ),
    LegisTopic(
        "iniciativa",
        "Comisión de Desarrollo Urbano y Obra Pública",
        "Iniciativa que reforma el Código Territorial para el Estado y los Municipios de "
        "Guanajuato en materia de captación de agua pluvial",
        "captación de agua pluvial",
        "Propone que los nuevos desarrollos habitacionales y los edificios públicos incorporen "
        "sistemas de captación de agua pluvial para usos que no requieran potabilización.",
        (
            "Las ciudades del estado enfrentan escasez de agua en los meses de estiaje y, "
            "paradójicamente, inundaciones en temporada de lluvias. El agua de lluvia se conduce "
            "al drenaje sin aprovecharse.",
            "Los sistemas de captación de agua pluvial son una tecnología sencilla: canaletas, "
            "filtros y cisternas que permiten almacenar el agua para sanitarios, riego de áreas "
            "verdes y limpieza.",
            "La iniciativa establece la obligación para fraccionamientos de más de cincuenta "
            "viviendas y para los inmuebles públicos de nueva construcción, y faculta a los "
            "municipios para otorgar estímulos en el impuesto predial a quienes los instalen "
            "voluntariamente.",
        ),
        (
            "ARTÍCULO ÚNICO. Se reforma el Código Territorial para el Estado y los Municipios de "
            "Guanajuato, a efecto de incorporar como requisito de autorización de fraccionamientos "
            "los sistemas de captación de agua pluvial.",
            "TRANSITORIO ÚNICO. El decreto entrará en vigencia noventa días después de su "
            "publicación.",
        ),
    ),
    LegisTopic(
        "iniciativa",
        "Comisión de Desarrollo Urbano y Obra Pública",
        "Iniciativa que reforma la Ley de Movilidad del Estado de Guanajuato y sus Municipios en "
        "materia de infraestructura ciclista",
        "infraestructura ciclista",
        "Plantea que los proyectos de vialidades primarias incluyan infraestructura ciclista "
        "segregada y estacionamientos para bicicletas en edificios públicos.",
        (
            "Miles de personas trabajadoras se trasladan en bicicleta hacia las zonas "
            "industriales, con frecuencia por carreteras y vialidades de alta velocidad sin "
            "espacio seguro para ellas.",
            "La construcción de infraestructura ciclista segregada reduce los siniestros viales y "
            "promueve una movilidad más económica y sustentable.",
            "La iniciativa propone que al menos el cinco por ciento de la inversión anual en "
            "vialidades se destine a este tipo de obras y que los municipios elaboren planes de "
            "movilidad activa.",
        ),
        (
            "ARTÍCULO ÚNICO. Se reforman diversas disposiciones de la Ley de Movilidad del Estado "
            "de Guanajuato y sus Municipios en materia de infraestructura ciclista.",
            "TRANSITORIO ÚNICO. El decreto entrará en vigencia el primero de enero del año "
            "siguiente.",
        ),
    ),
    LegisTopic(
        "iniciativa",
        "Comisión de Medio Ambiente",
        "Iniciativa que reforma la Ley para la Gestión Integral de Residuos del Estado en materia "
        "de plásticos de un solo uso",
        "plásticos de un solo uso",
        "Prohíbe de manera gradual la entrega gratuita de bolsas, popotes y recipientes de unicel "
        "en comercios, e impulsa alternativas reutilizables.",
        (
            "Los residuos plásticos representan una proporción creciente de los desechos que "
            "llegan a los rellenos sanitarios municipales y a los cauces de ríos y arroyos.",
            "Diversas entidades federativas han regulado los plásticos de un solo uso con "
            "resultados positivos, siempre que la prohibición se acompañe de un periodo de "
            "transición para los pequeños comercios.",
            "La propuesta establece una transición de dieciocho meses, programas de sustitución "
            "con productores locales y sanciones graduales que privilegian la amonestación en la "
            "primera falta.",
        ),
        (
            "ARTÍCULO ÚNICO. Se adicionan disposiciones a la Ley para la Gestión Integral de "
            "Residuos del Estado y los Municipios de Guanajuato.",
            "TRANSITORIO ÚNICO. Las prohibiciones serán exigibles dieciocho meses después de la "
            "entrada en vigencia del decreto.",
        ),
    ),
    LegisTopic(
        "dictamen",
        "Comisión de Gobernación y Puntos Constitucionales",
        "Dictamen relativo a la iniciativa de reforma a la Ley de Archivos del Estado de "
        "Guanajuato en materia de archivos históricos municipales",
        "archivos históricos municipales",
        "La comisión dictamina en sentido positivo la obligación de los ayuntamientos de contar "
        "con un área responsable de sus archivos históricos municipales y de digitalizar sus "
        "acervos.",
        (
            "ANTECEDENTES. La iniciativa fue turnada a esta comisión, la cual acordó una "
            "metodología de análisis que incluyó la consulta a las personas cronistas municipales "
            "y al Archivo General del Estado.",
            "CONSIDERACIONES. Los archivos históricos municipales resguardan actas de cabildo, "
            "planos y registros que documentan la historia de las comunidades. En muchos "
            "municipios se encuentran en bodegas sin condiciones de conservación.",
            "La comisión estima procedente la iniciativa con modificaciones, a fin de otorgar un "
            "plazo razonable para la digitalización y permitir convenios intermunicipales.",
        ),
        (
            "Se aprueba el siguiente DECRETO: Se reforma la Ley de Archivos del Estado de "
            "Guanajuato en materia de archivos de los municipios.",
            "Remítase el presente dictamen a la Presidencia del Congreso para su inclusión en el "
            "orden del día.",
        ),
    ),
    LegisTopic(
        "dictamen",
        "Comisión de Juventud y Deporte",
        "Dictamen relativo a la iniciativa de reforma a la Ley de Cultura Física y Deporte del "
        "Estado en materia de deporte adaptado",
        "deporte adaptado",
        "Se propone aprobar la creación de un programa estatal de deporte adaptado y la "
        "accesibilidad en unidades deportivas.",
        (
            "ANTECEDENTES. La iniciativa fue presentada por diputadas y diputados de diversas "
            "expresiones y turnada a esta comisión para su estudio.",
            "CONSIDERACIONES. El deporte adaptado favorece la inclusión de las personas con "
            "discapacidad. Las unidades deportivas del estado carecen en su mayoría de rampas, "
            "vestidores accesibles y equipo especializado.",
            "La comisión coincide con la propuesta y considera necesario que el instituto estatal "
            "del deporte cuente con entrenadoras y entrenadores certificados en la materia.",
        ),
        (
            "Se aprueba el siguiente DECRETO: Se reforman y adicionan diversas disposiciones de la "
            "Ley de Cultura Física y Deporte del Estado de Guanajuato.",
            "Remítase a la Presidencia del Congreso para los efectos conducentes.",
        ),
    ),
    LegisTopic(
        "dictamen",
        "Comisión de Derechos Humanos",
        "Dictamen relativo a la iniciativa de Ley para la Protección de Personas Defensoras de "
        "Derechos Humanos y Periodistas del Estado de Guanajuato",
        "personas defensoras y periodistas",
        "La comisión propone aprobar una ley que crea un mecanismo estatal de protección para "
        "personas defensoras y periodistas en situación de riesgo.",
        (
            "ANTECEDENTES. La comisión celebró mesas de trabajo con organizaciones de la sociedad "
            "civil, asociaciones de periodistas y la Procuraduría de los Derechos Humanos.",
            "CONSIDERACIONES. Las agresiones contra personas defensoras y periodistas afectan no "
            "sólo a las víctimas directas, sino al derecho de la sociedad a estar informada.",
            "El mecanismo contará con una junta de gobierno, un consejo consultivo y una unidad de "
            "análisis de riesgo, y podrá dictar medidas urgentes de protección.",
        ),
        (
            "Se aprueba el siguiente DECRETO: Se expide la Ley para la Protección de Personas "
            "Defensoras de Derechos Humanos y Periodistas del Estado de Guanajuato.",
            "Remítase al Ejecutivo del Estado para los efectos constitucionales de su competencia.",
        ),
    ),
    LegisTopic(
        "punto de acuerdo",
        None,
        "Punto de acuerdo por el que se exhorta a los ayuntamientos a implementar un programa "
        "emergente de bacheo",
        "programa emergente de bacheo",
        "Exhorta a los ayuntamientos de las ciudades con mayor número de reportes a implementar un "
        "programa emergente de bacheo tras la temporada de lluvias.",
        (
            "Las lluvias de las últimas semanas dañaron severamente la carpeta asfáltica de las "
            "principales vialidades, lo que ha provocado accidentes y daños a vehículos "
            "particulares y del transporte público.",
            "Se propone que los ayuntamientos publiquen un programa emergente de bacheo con metas "
            "semanales y un mapa de reportes atendidos.",
        ),
        (
            "ÚNICO. La Sexagésima Sexta Legislatura del Congreso del Estado exhorta "
            "respetuosamente a los ayuntamientos a implementar un programa emergente de bacheo e "
            "informar a esta Soberanía sobre sus avances.",
        ),
    ),
    LegisTopic(
        "punto de acuerdo",
        "Comisión de Salud Pública",
        "Punto de acuerdo por el que se exhorta a la Secretaría de Salud a intensificar las "
        "acciones de prevención del dengue",
        "prevención del dengue",
        "Solicita reforzar la fumigación, la eliminación de criaderos y las campañas informativas "
        "para la prevención del dengue en los municipios del sur del estado.",
        (
            "Los casos confirmados de dengue aumentaron respecto del año anterior, particularmente "
            "en municipios con presas y zonas de cultivo de riego.",
            "La prevención del dengue depende de la participación comunitaria en la eliminación de "
            "recipientes que acumulan agua, y de la oportunidad de las brigadas de nebulización.",
        ),
        (
            "ÚNICO. Se exhorta a la Secretaría de Salud del Estado a intensificar las acciones de "
            "prevención del dengue y a remitir a esta Legislatura un informe sobre los casos "
            "registrados.",
        ),
    ),
    LegisTopic(
        "punto de acuerdo",
        "Comisión de Educación, Investigación, Ciencia y Tecnología y Cultura",
        "Punto de acuerdo por el que se exhorta a la Secretaría de Educación a promover los "
        "huertos escolares",
        "huertos escolares",
        "Propone que las escuelas de educación básica cuenten con huertos escolares como "
        "herramienta pedagógica y de alimentación saludable.",
        (
            "Los huertos escolares permiten enseñar ciencias naturales de manera práctica, "
            "fomentan hábitos de alimentación saludable y fortalecen la convivencia entre "
            "estudiantes y familias.",
            "Diversas escuelas rurales ya cuentan con experiencias exitosas que pueden replicarse "
            "con apoyo técnico de las instituciones agrícolas del estado.",
        ),
        (
            "ÚNICO. Se exhorta a la Secretaría de Educación de Guanajuato a diseñar un programa de "
            "huertos escolares en coordinación con la Secretaría del Campo.",
        ),
    ),
    LegisTopic(
        "gaceta",
        None,
        "Gaceta Parlamentaria de la sesión ordinaria",
        "fe de erratas",
        "Contiene el orden del día, las comunicaciones recibidas, las iniciativas presentadas y "
        "una fe de erratas al dictamen publicado en el número anterior.",
        (
            "SUMARIO. Orden del día. Acta de la sesión anterior. Comunicaciones y correspondencia. "
            "Iniciativas. Dictámenes. Fe de erratas.",
            "FE DE ERRATAS. En el dictamen publicado en el número anterior de esta Gaceta, en la "
            "página doce, donde dice 'artículo 14' debe decir 'artículo 41'. Se publica la "
            "presente fe de erratas para los efectos legales a que haya lugar.",
        ),
        (),
    ),
    LegisTopic(
        "gaceta",
        None,
        "Gaceta Parlamentaria con el calendario de comparecencias",
        "calendario de comparecencias",
        "Publica el acuerdo de la Junta de Gobierno que establece el calendario de comparecencias "
        "de las personas titulares de las dependencias con motivo de la glosa del informe.",
        (
            "SUMARIO. Orden del día. Comunicaciones. Acuerdo de la Junta de Gobierno y "
            "Coordinación Política.",
            "ACUERDO. Se aprueba el calendario de comparecencias de las personas titulares de las "
            "dependencias del Poder Ejecutivo, las cuales se desahogarán ante el Pleno en el "
            "formato de exposición, preguntas y réplica.",
        ),
        (),
    ),
    LegisTopic(
        "gaceta",
        None,
        "Gaceta Parlamentaria con los lineamientos de austeridad del Congreso",
        "lineamientos de austeridad",
        "Incluye el acuerdo de la Comisión de Administración por el que se emiten los lineamientos "
        "de austeridad y disciplina del gasto del Poder Legislativo.",
        (
            "SUMARIO. Orden del día. Comunicaciones. Acuerdos administrativos.",
            "ACUERDO. Se emiten los lineamientos de austeridad y disciplina del gasto del Poder "
            "Legislativo, que restringen la adquisición de vehículos, limitan los viáticos y "
            "promueven el uso de documentos electrónicos.",
        ),
        (),
    ),
)

STATUSES = {
    "iniciativa": ("Turnada a comisión", "En estudio en comisión"),
    "dictamen": ("Aprobado por el Pleno", "Pendiente de discusión en el Pleno"),
    "punto de acuerdo": ("Aprobado de obvia resolución", "Turnado a comisión"),
    "gaceta": ("Publicada",),
}

NUMBER_PREFIX = {
    "iniciativa": "Iniciativa",
    "dictamen": "Dictamen",
    "punto de acuerdo": "Punto de Acuerdo",
    "gaceta": "Gaceta Parlamentaria",
}

INITIATIVE_PREAMBLE = (
    "DIPUTADA PRESIDENTA DE LA MESA DIRECTIVA DEL CONGRESO DEL ESTADO LIBRE Y SOBERANO DE "
    "GUANAJUATO. PRESENTE. Quienes suscribimos, {authors}, diputadas y diputados integrantes de la "
    "Sexagésima Sexta Legislatura, con fundamento en el artículo 56, fracción II, de la "
    "Constitución Política para el Estado de Guanajuato y en las disposiciones aplicables de la "
    "Ley Orgánica del Poder Legislativo, sometemos a la consideración de esta Asamblea la presente "
    "{kind}, al tenor de la siguiente:"
)

IMPACT_NOTE = (
    "EVALUACIÓN DE IMPACTO. Impacto jurídico: se modifica el ordenamiento señalado. Impacto "
    "administrativo: las dependencias involucradas ejercerán las atribuciones con su estructura "
    "actual. Impacto presupuestario: se atenderá con los recursos aprobados en el presupuesto. "
    "Impacto social: la medida beneficia directamente a la población del estado."
)
