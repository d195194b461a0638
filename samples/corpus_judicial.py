"""Invented judicial content: courts, case templates and reasoning fragments.

Every case template carries a ``phrase`` that appears in no other generated document,
so a phrase query can be asserted to match exactly one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Court:
    name: str
    code: str
    city: str
    matter: str
    appeal: bool = False


COURTS: tuple[Court, ...] = (
    Court("Juzgado Primero Civil de Partido de León", "jpcl", "León", "civil"),
    Court("Juzgado Tercero Civil de Partido de Irapuato", "jtci", "Irapuato", "civil"),
    Court("Juzgado Segundo Civil de Partido de Celaya", "jscc", "Celaya", "civil"),
    Court(
        "Segunda Sala Civil del Supremo Tribunal de Justicia", "ssc", "Guanajuato", "civil", True
    ),
    Court("Juzgado de Oralidad Familiar de Partido de Celaya", "jofc", "Celaya", "familiar"),
    Court("Juzgado Segundo de Oralidad Familiar de Partido de León", "jsofl", "León", "familiar"),
    Court("Juzgado de Oralidad Mercantil de Partido de León", "joml", "León", "mercantil"),
    Court("Juzgado Cuarto Civil de Partido de Salamanca", "jccs", "Salamanca", "mercantil"),
    Court(
        "Séptima Sala Penal del Supremo Tribunal de Justicia", "sspe", "Guanajuato", "penal", True
    ),
    Court(
        "Tercera Sala Penal del Supremo Tribunal de Justicia", "tspe", "Guanajuato", "penal", True
    ),
    Court(
        "Tribunal de Enjuiciamiento de la Región Penal de Salamanca", "tejs", "Salamanca", "penal"
    ),
    Court("Juzgado Administrativo de Partido de León", "jadl", "León", "administrativa"),
    Court("Tribunal Laboral de Partido de León", "tlal", "León", "laboral"),
    Court("Tribunal Laboral de Partido de Celaya", "tlac", "Celaya", "laboral"),
)

PROCEDURAL_LAW = {
    "civil": "Código de Procedimientos Civiles para el Estado de Guanajuato",
    "familiar": "Código de Procedimientos Civiles para el Estado de Guanajuato",
    "mercantil": "Código de Comercio",
    "penal": "Código Nacional de Procedimientos Penales",
    "administrativa": (
        "Código de Procedimiento y Justicia Administrativa para el Estado y los Municipios de "
        "Guanajuato"
    ),
    "laboral": "Ley Federal del Trabajo",
}

COMPETENCE = {
    "civil": (
        "Este órgano jurisdiccional es competente para conocer y resolver el presente asunto, de "
        "conformidad con lo dispuesto por los artículos 17 de la Constitución Política de los "
        "Estados Unidos Mexicanos, 89 de la Constitución Política para el Estado de Guanajuato, "
        "así como por las disposiciones relativas de la Ley Orgánica del Poder Judicial del Estado "
        "y del Código de Procedimientos Civiles para el Estado de Guanajuato, toda vez que el "
        "inmueble o el domicilio de la parte demandada se ubica dentro de la circunscripción "
        "territorial de este Partido Judicial y las partes se sometieron expresamente a su "
        "jurisdicción."
    ),
    "familiar": (
        "Este Juzgado es competente para conocer de la presente controversia, en términos de los "
        "artículos 1, 4 y 17 de la Constitución Política de los Estados Unidos Mexicanos y de la "
        "Ley Orgánica del Poder Judicial del Estado de Guanajuato, por tratarse de una cuestión "
        "relativa al orden familiar y porque el domicilio de las personas involucradas se localiza "
        "dentro de este Partido Judicial. Las cuestiones familiares son de orden público, por lo "
        "que este órgano se encuentra facultado para allegarse oficiosamente de los elementos "
        "necesarios para resolver."
    ),
    "mercantil": (
        "Este Juzgado es competente para conocer del presente juicio, de conformidad con los "
        "artículos 104, fracción II, de la Constitución Política de los Estados Unidos Mexicanos, "
        "que establece la jurisdicción concurrente en materia mercantil, y 1090, 1092 y 1104 del "
        "Código de Comercio, en virtud de que el lugar de pago pactado y el domicilio de la parte "
        "demandada se encuentran dentro de esta circunscripción."
    ),
    "penal": (
        "Este Tribunal es competente para resolver, de conformidad con los artículos 14, 16, 20 y "
        "21 de la Constitución Política de los Estados Unidos Mexicanos y con las disposiciones "
        "aplicables del Código Nacional de Procedimientos Penales, toda vez que los hechos materia "
        "de la acusación ocurrieron dentro del territorio del Estado de Guanajuato y el asunto "
        "corresponde a la región judicial asignada."
    ),
    "administrativa": (
        "Este Juzgado es competente para conocer y resolver el presente proceso administrativo, en "
        "términos de los artículos 17 y 116, fracción V, de la Constitución Política de los "
        "Estados Unidos Mexicanos y del Código de Procedimiento y Justicia Administrativa para el "
        "Estado y los Municipios de Guanajuato, por tratarse de un acto emitido por una autoridad "
        "municipal de este Partido Judicial."
    ),
    "laboral": (
        "Este Tribunal es competente para conocer del presente juicio, de conformidad con los "
        "artículos 123, apartado A, fracción XX, de la Constitución Política de los Estados Unidos "
        "Mexicanos y 527, 698 y 700 de la Ley Federal del Trabajo, toda vez que la relación de "
        "trabajo se desarrolló en el territorio de este Partido Judicial y la actividad de la "
        "parte demandada no es de competencia federal."
    ),
}

# --- procedural history (RESULTANDOS) per procedure style ------------------------------

RESULTANDOS = {
    "escrito": (
        "Mediante escrito presentado el {fecha_demanda} ante la Oficialía Común de Partes de este "
        "Partido Judicial, ****, por su propio derecho, promovió juicio {juicio_lower} en contra "
        "de ****, de quien reclamó {objeto}, fundándose para ello en los hechos y consideraciones "
        "de derecho que estimó aplicables.",
        "{hechos}",
        "Por auto de fecha {fecha_admision} se admitió a trámite la demanda en la vía y forma "
        "propuestas, ordenándose emplazar a la parte demandada para que dentro del término de "
        "{dias} días diera contestación, con el apercibimiento de ley para el caso de no hacerlo.",
        "Practicado el emplazamiento el {fecha_emplazamiento}, la parte demandada dio contestación "
        "a la demanda instaurada en su contra, negó la procedencia de las prestaciones reclamadas "
        "y opuso las excepciones que consideró pertinentes, entre ellas la de falta de acción y de "
        "derecho.",
        "Abierto el juicio a prueba, se admitieron y desahogaron las ofrecidas por las partes; "
        "concluido el periodo probatorio y formulados los alegatos, por auto de {fecha_citacion} "
        "se citó a las partes para oír sentencia, la que ahora se pronuncia.",
    ),
    "oral": (
        "Mediante escrito presentado el {fecha_demanda}, ****, por su propio derecho, demandó en "
        "la vía {juicio_lower} a ****, de quien reclamó {objeto}.",
        "{hechos}",
        "Admitida la demanda y emplazada la parte demandada, ésta produjo su contestación en "
        "tiempo. El {fecha_admision} se celebró la audiencia preliminar, en la que se depuró el "
        "procedimiento, se fijaron los hechos no controvertidos y se admitieron las pruebas "
        "ofrecidas por las partes.",
        "El {fecha_citacion} tuvo verificativo la audiencia de juicio, en la que se desahogaron "
        "las pruebas admitidas, se escucharon los alegatos de las partes y se declaró cerrada la "
        "etapa de debate, por lo que se procede a dictar la sentencia correspondiente.",
    ),
    "alzada": (
        "El {fecha_primera}, el {juez_origen} dictó sentencia en {origen}, en la que resolvió "
        "sobre {objeto}.",
        "{hechos}",
        "Inconforme con dicha resolución, {apelante} interpuso recurso de apelación, el cual fue "
        "admitido en el efecto devolutivo; remitidas las constancias a este Tribunal de Alzada, se "
        "radicó el toca y se turnó a la ponencia respectiva para la formulación del proyecto de "
        "resolución.",
        "Celebrada la audiencia de vista el {fecha_citacion}, en la que las partes expusieron "
        "oralmente sus agravios y contestaciones, quedó el asunto en estado de dictar sentencia, "
        "lo que se hace al tenor de los siguientes considerandos.",
    ),
    "penal": (
        "El Ministerio Público formuló acusación en contra de **** por el hecho que la ley señala "
        "como delito de {delito}, solicitando la imposición de las penas previstas en la "
        "legislación aplicable, así como la condena a la reparación del daño en favor de la "
        "víctima.",
        "{hechos}",
        "Por auto de apertura a juicio oral dictado el {fecha_admision} por el Juez de Control, se "
        "remitieron los registros a este Tribunal de Enjuiciamiento, precisándose los acuerdos "
        "probatorios y los medios de prueba admitidos a las partes.",
        "La audiencia de debate inició el {fecha_citacion} y se desarrolló en sesiones continuas, "
        "en las que se desahogaron los medios de prueba, se escucharon los alegatos de clausura y "
        "la última palabra de la persona acusada, emitiéndose el fallo en forma oral y dándose "
        "lectura posterior a la presente sentencia.",
    ),
    "nulidad": (
        "Mediante escrito presentado el {fecha_demanda}, ****, por conducto de su representante "
        "legal, promovió proceso administrativo en contra de {autoridad}, demandando {objeto}.",
        "{hechos}",
        "Por auto de {fecha_admision} se admitió la demanda y se ordenó correr traslado a la "
        "autoridad demandada, la cual produjo su contestación sosteniendo la legalidad del acto "
        "impugnado y ofreciendo las pruebas que estimó pertinentes.",
        "Desahogadas las pruebas y transcurrido el plazo para formular alegatos, por acuerdo de "
        "{fecha_citacion} se declaró cerrada la instrucción, quedando los autos en estado de "
        "dictar sentencia.",
    ),
}


@dataclass(frozen=True)
class Case:
    key: str
    matter: str
    style: str  # escrito | oral | alzada | penal | nulidad
    juicio: str
    title: str
    phrase: str
    objeto: str
    hechos: str
    litis: str
    reasoning: tuple[str, ...]
    resolutivos: tuple[str, ...]
    extra: dict[str, str] = field(default_factory=dict)


CASES: tuple[Case, ...] = (
    Case(
        "dano-moral",
        "civil",
        "escrito",
        "ORDINARIO CIVIL",
        "Indemnización por publicaciones difamatorias en redes sociales",
        "daño moral",
        "el pago de una indemnización por daño moral, así como la publicación de un extracto de la "
        "sentencia",
        "La parte actora narró que a partir del {fecha_hechos} la demandada difundió, en una red "
        "social y en un grupo de mensajería vecinal, diversas publicaciones en las que le atribuía "
        "la sustracción de los fondos de la asociación de colonos de la que era tesorera, sin "
        "aportar sustento alguno, lo que afectó su reputación ante vecinos, clientes y familiares.",
        "determinar si las expresiones difundidas por la demandada constituyen un hecho ilícito "
        "que lesionó el honor y la reputación de la actora, y en su caso, la cuantía de la "
        "indemnización que corresponde",
        (
            "El daño moral se configura cuando un hecho u omisión ilícitos afectan a una persona "
            "en sus sentimientos, afectos, creencias, decoro, honor, reputación o en la "
            "consideración que de sí misma tienen los demás. Para su procedencia, la actora debía "
            "acreditar la existencia del hecho ilícito, la afectación a alguno de los bienes "
            "extrapatrimoniales tutelados y el nexo causal entre ambos.",
            "La libertad de expresión reconocida por los artículos 6 y 7 de la Constitución "
            "Política de los Estados Unidos Mexicanos no es absoluta; encuentra límite en los "
            "derechos de terceros, entre ellos el derecho al honor. En el caso, las publicaciones "
            "no constituyen una opinión sobre un asunto de interés público, sino la imputación "
            "concreta de un hecho delictivo cuya falsedad quedó evidenciada con el informe de la "
            "institución bancaria que da cuenta del manejo regular de la cuenta de la asociación.",
            "Para cuantificar la indemnización se atiende a los derechos lesionados, el grado de "
            "responsabilidad, la situación económica de las partes y las demás circunstancias del "
            "caso, de modo que se fija prudencialmente en la cantidad de {monto}, suma que se "
            "estima proporcional y que no genera un enriquecimiento injustificado.",
        ),
        (
            "La parte actora probó su acción y la demandada no justificó sus excepciones.",
            "Se condena a la parte demandada a pagar a la actora la cantidad de {monto} por "
            "concepto de indemnización, dentro del plazo de cinco días contados a partir de que "
            "cause ejecutoria la presente sentencia.",
            "Se condena a la demandada a publicar, a su costa, un extracto de esta resolución en "
            "los mismos medios electrónicos en que difundió las expresiones materia del juicio.",
        ),
    ),
    Case(
        "prescripcion",
        "civil",
        "escrito",
        "ORDINARIO CIVIL",
        "Usucapión de predio rústico por posesión de más de diez años",
        "prescripción positiva",
        "la declaración de que ha operado en su favor la prescripción positiva respecto del predio "
        "rústico ubicado en {inmueble}, así como la cancelación de la inscripción existente en el "
        "Registro Público de la Propiedad",
        "Señaló la parte actora que desde el {fecha_hechos} posee el predio en concepto de "
        "propietaria, en virtud de un contrato privado de compraventa celebrado con el titular "
        "registral, y que desde entonces ha realizado actos de dominio como el cercado del "
        "terreno, el pago del impuesto predial y la siembra de temporal, de manera pacífica, "
        "continua y pública.",
        "establecer si la actora acreditó haber poseído el inmueble con los requisitos que la ley "
        "exige para adquirir la propiedad por el transcurso del tiempo",
        (
            "La usucapión es un medio de adquirir la propiedad mediante la posesión de un bien "
            "durante el tiempo y con las condiciones establecidas por la ley. Quien pretenda "
            "adquirir por esta vía debe demostrar que posee en concepto de propietario, de forma "
            "pacífica, continua y pública, y que ha transcurrido el plazo legal, el cual es de "
            "cinco años si la posesión es de buena fe y de diez años si es de mala fe.",
            "La causa generadora de la posesión quedó acreditada con el contrato privado de "
            "compraventa de fecha cierta, cuya autenticidad no fue controvertida; los testigos "
            "presentados por la actora fueron contestes en señalar que la conocen como dueña del "
            "predio desde hace más de {anios} años y que nadie le ha disputado la posesión, lo que "
            "se corrobora con la inspección judicial practicada en el inmueble.",
            "Al quedar demostrados todos los elementos de la acción, procede declarar que la "
            "actora se ha convertido en propietaria del inmueble y que la sentencia ejecutoriada "
            "le servirá de título de propiedad, para lo cual deberá inscribirse en el Registro "
            "Público de la Propiedad.",
        ),
        (
            "Ha procedido la vía ordinaria civil y la actora acreditó los elementos de su acción.",
            "Se declara que ha operado la usucapión en favor de la parte actora respecto del "
            "predio ubicado en {inmueble}, con la superficie, medidas y colindancias descritas en "
            "el escrito inicial.",
            "Una vez que cause ejecutoria esta resolución, gírese oficio al Registro Público de la "
            "Propiedad para la cancelación del asiento a nombre del demandado y la inscripción "
            "correspondiente.",
        ),
    ),
    Case(
        "arrendamiento",
        "civil",
        "escrito",
        "ORDINARIO CIVIL DE ARRENDAMIENTO",
        "Falta de pago de rentas de local comercial",
        "rescisión del contrato de arrendamiento",
        "la rescisión del contrato de arrendamiento del local comercial ubicado en {inmueble}, la "
        "desocupación y entrega del inmueble y el pago de las rentas vencidas",
        "Expuso el actor que el {fecha_hechos} celebró con el demandado un contrato de "
        "arrendamiento por tiempo determinado respecto del local comercial, con una renta mensual "
        "de {monto2}, y que el arrendatario dejó de cubrir las mensualidades a partir del mes "
        "siguiente, no obstante los requerimientos extrajudiciales que se le hicieron.",
        "determinar si el arrendatario incumplió con la obligación de pago de la renta y si tal "
        "incumplimiento justifica la terminación anticipada del vínculo contractual",
        (
            "El arrendamiento es un contrato por el cual las dos partes se obligan recíprocamente, "
            "una a conceder el uso o goce temporal de una cosa y la otra a pagar por ese uso o "
            "goce un precio cierto. La falta de pago de la renta en los términos convenidos "
            "faculta al arrendador para exigir la terminación del contrato.",
            "El demandado sostuvo haber entregado las rentas en efectivo; sin embargo, no exhibió "
            "recibo alguno ni ofreció medio de convicción idóneo para demostrar el pago, el cual, "
            "al ser un hecho positivo, le correspondía acreditar. Por tanto, se tiene por "
            "demostrado el incumplimiento de {anios} mensualidades.",
            "En consecuencia, procede declarar la rescisión del contrato de arrendamiento y "
            "condenar al demandado a la desocupación y entrega del local, así como al pago de las "
            "rentas vencidas y de las que se sigan venciendo hasta la entrega material del "
            "inmueble.",
        ),
        (
            "El actor probó su acción y el demandado no acreditó sus excepciones.",
            "Se declara rescindido el contrato base de la acción y se condena al demandado a "
            "desocupar y entregar el local comercial dentro del plazo de treinta días, apercibido "
            "de lanzamiento a su costa en caso de no hacerlo.",
            "Se condena al demandado al pago de las rentas vencidas, cuyo importe se cuantificará "
            "en ejecución de sentencia.",
        ),
    ),
    Case(
        "hipotecario",
        "civil",
        "alzada",
        "ESPECIAL HIPOTECARIO",
        "Apelación en juicio hipotecario por crédito para vivienda",
        "garantía hipotecaria",
        "el vencimiento anticipado del crédito para adquisición de vivienda, el pago del saldo "
        "insoluto de {monto} y la ejecución de la garantía hipotecaria constituida sobre el "
        "inmueble ubicado en {inmueble}",
        "En primera instancia se condenó a la parte demandada al pago del saldo insoluto y se "
        "ordenó el remate del inmueble hipotecado. La apelante sostiene que el juzgador omitió "
        "analizar su excepción relativa a que la institución acreedora no le notificó la cesión "
        "del crédito, y que el estado de cuenta certificado carece de los requisitos legales.",
        "examinar si los agravios expresados por la apelante demuestran la ilegalidad de la "
        "sentencia recurrida",
        (
            "Es infundado el primer agravio. La cesión de créditos con garantía hipotecaria surte "
            "efectos contra el deudor desde que se le notifica, pero la falta de notificación "
            "previa no extingue la obligación ni impide el ejercicio de la acción; en todo caso, "
            "el emplazamiento al juicio hace las veces de notificación de la cesión, como lo ha "
            "sostenido reiteradamente la jurisprudencia.",
            "Es infundado también el segundo agravio, porque el estado de cuenta exhibido se "
            "encuentra certificado por contador facultado por la institución, contiene el desglose "
            "del capital, intereses ordinarios y moratorios, y la deudora no ofreció prueba "
            "pericial contable para desvirtuarlo.",
            "Al resultar infundados los agravios, procede confirmar la sentencia apelada, sin que "
            "se advierta alguna violación que deba repararse de oficio.",
        ),
        (
            "Son infundados los agravios expresados por la parte apelante.",
            "Se confirma la sentencia definitiva dictada por el juez de origen en el expediente "
            "{exp_origen}.",
            "Con testimonio de la presente resolución, devuélvanse los autos al juzgado de su "
            "procedencia y, en su oportunidad, archívese el toca como asunto concluido.",
        ),
        {"apelante": "la parte demandada"},
    ),
    Case(
        "alimentos",
        "familiar",
        "oral",
        "ORAL FAMILIAR DE ALIMENTOS",
        "Fijación de alimentos a favor de dos hijos menores de edad",
        "pensión alimenticia",
        "el pago y aseguramiento de una pensión alimenticia a favor de sus dos hijos menores de "
        "edad",
        "Refirió la actora que procreó dos hijos con el demandado, con quien vivió en unión libre "
        "hasta el {fecha_hechos}, fecha a partir de la cual el demandado dejó de aportar cantidad "
        "alguna para la manutención de los niños, no obstante que trabaja como supervisor en una "
        "empresa de autopartes de la zona industrial de la ciudad.",
        "resolver sobre el monto de los alimentos que deben fijarse a favor de los acreedores y la "
        "forma de garantizarlos",
        (
            "La obligación alimentaria se rige por el principio de proporcionalidad: los alimentos "
            "han de ser proporcionados a la posibilidad de quien debe darlos y a la necesidad de "
            "quien debe recibirlos. Tratándose de menores de edad, la necesidad se presume, por lo "
            "que corresponde al deudor demostrar que cumple con su obligación o que carece de "
            "recursos.",
            "Con el informe rendido por la empresa empleadora quedó acreditado que el demandado "
            "percibe un salario mensual de {monto2}, además de prestaciones ordinarias. Ponderando "
            "el número de acreedores, el costo de la educación, salud y vestido que requieren y "
            "las propias necesidades del deudor, se fija la pensión alimenticia definitiva en el "
            "{porcentaje} por ciento de sus percepciones ordinarias y extraordinarias.",
            "Para garantizar su cumplimiento, se ordena girar oficio a la fuente de trabajo a fin "
            "de que descuente el porcentaje fijado y lo entregue a la actora por los medios que se "
            "precisan en los resolutivos, con el apercibimiento de que en caso de incumplimiento "
            "el patrón responderá solidariamente.",
        ),
        (
            "La actora acreditó su acción y el demandado no justificó sus excepciones.",
            "Se condena al demandado al pago de alimentos definitivos a favor de sus dos hijos, "
            "equivalentes al {porcentaje} por ciento de sus percepciones ordinarias y "
            "extraordinarias.",
            "Gírese oficio a la fuente de trabajo del deudor para que realice el descuento "
            "correspondiente.",
        ),
    ),
    Case(
        "custodia",
        "familiar",
        "oral",
        "ORAL FAMILIAR DE GUARDA Y CUSTODIA",
        "Guarda y custodia y régimen de convivencias",
        "interés superior de la niñez",
        "la guarda y custodia definitiva de su hija menor de edad y la fijación de un régimen de "
        "convivencias",
        "Refirió el actor que a partir del {fecha_hechos} la niña ha vivido con él y con sus "
        "abuelos paternos, quienes se han hecho cargo de su cuidado cotidiano, escolar y médico, "
        "mientras que la madre se mudó a otra entidad federativa y mantiene comunicación "
        "esporádica con la menor.",
        "determinar cuál de los progenitores debe conservar la guarda y custodia y bajo qué "
        "condiciones se desarrollarán las convivencias con el otro",
        (
            "En los asuntos que involucran a niñas, niños y adolescentes, el interés superior de "
            "la niñez, previsto en el artículo 4 de la Constitución Política de los Estados Unidos "
            "Mexicanos, debe ser la consideración primordial. Ello obliga a analizar las "
            "circunstancias concretas del caso y no a aplicar presunciones abstractas a favor de "
            "alguno de los progenitores.",
            "La niña fue escuchada en audiencia, con la asistencia de la psicóloga adscrita y en "
            "un entorno adecuado a su edad; manifestó sentirse segura en el domicilio paterno y "
            "expresó su deseo de convivir con su madre durante los periodos vacacionales. Su "
            "opinión fue valorada atendiendo a su grado de madurez y se adminiculó con la "
            "evaluación psicológica practicada a ambos progenitores.",
            "Por tanto, se decreta la guarda y custodia definitiva a favor del padre, y se "
            "establece un régimen de convivencias con la madre que comprende la mitad de los "
            "periodos vacacionales y videollamadas dos veces por semana, sin perjuicio de "
            "ampliarlo cuando las circunstancias lo permitan.",
        ),
        (
            "Se decreta la guarda y custodia definitiva de la niña a favor del actor.",
            "Se fija un régimen de convivencias con la demandada en los términos precisados en el "
            "último considerando de esta resolución.",
            "Se apercibe a ambas partes para que se abstengan de realizar actos de alienación "
            "parental.",
        ),
    ),
    Case(
        "divorcio",
        "familiar",
        "oral",
        "DIVORCIO SIN EXPRESIÓN DE CAUSA",
        "Divorcio sin expresión de causa y aprobación de propuesta de convenio",
        "convenio regulador",
        "la disolución del vínculo matrimonial y la aprobación de la propuesta de convenio "
        "regulador de las consecuencias del divorcio",
        "El solicitante manifestó su voluntad de no continuar con el matrimonio celebrado el "
        "{fecha_hechos} bajo el régimen de sociedad conyugal, y exhibió una propuesta sobre la "
        "liquidación de los bienes comunes, el uso del domicilio conyugal y la compensación a "
        "favor del cónyuge que se dedicó preponderantemente a las labores del hogar.",
        "decretar la disolución del vínculo matrimonial y pronunciarse sobre la propuesta "
        "presentada y la contrapropuesta de la cónyuge",
        (
            "La sola voluntad de uno de los cónyuges es suficiente para decretar el divorcio, sin "
            "necesidad de expresar causa, pues el libre desarrollo de la personalidad comprende la "
            "decisión de no continuar casado. El juzgador no puede condicionar la disolución del "
            "vínculo a que exista acuerdo sobre las demás cuestiones inherentes.",
            "Respecto de las consecuencias del divorcio, las partes alcanzaron acuerdo parcial en "
            "la audiencia de conciliación, por lo que se aprueba el convenio regulador en lo "
            "relativo al uso del domicilio y a la liquidación de la sociedad conyugal, al no "
            "contener cláusulas contrarias a la moral ni al derecho.",
            "Por lo que hace a la compensación, quedó demostrado que la cónyuge se dedicó durante "
            "{anios} años al cuidado del hogar, lo que le impidió desarrollarse profesionalmente "
            "en igualdad de condiciones; en consecuencia, procede fijarla en el {porcentaje} por "
            "ciento del valor de los bienes adquiridos durante el matrimonio.",
        ),
        (
            "Se decreta la disolución del vínculo matrimonial celebrado entre las partes.",
            "Se aprueba parcialmente la propuesta de convenio en los términos precisados en esta "
            "resolución.",
            "Una vez que cause ejecutoria, gírese oficio al Registro Civil para las anotaciones "
            "marginales correspondientes.",
        ),
    ),
    Case(
        "paternidad",
        "familiar",
        "oral",
        "ORAL FAMILIAR DE RECONOCIMIENTO DE PATERNIDAD",
        "Reconocimiento de paternidad y derecho a la identidad",
        "prueba pericial en genética",
        "el reconocimiento de la paternidad respecto de su hijo, la rectificación del acta de "
        "nacimiento y el pago de alimentos retroactivos",
        "La actora expuso que mantuvo una relación de noviazgo con el demandado hasta el "
        "{fecha_hechos}, que de dicha relación nació su hijo y que el demandado se negó a "
        "reconocerlo, por lo que el niño fue registrado únicamente con los apellidos maternos.",
        "establecer si existe vínculo biológico entre el niño y el demandado y, en su caso, las "
        "consecuencias jurídicas de su reconocimiento",
        (
            "El derecho a la identidad de niñas y niños comprende el derecho a conocer su origen "
            "biológico y a contar con los apellidos de ambos progenitores. Para su tutela, la "
            "prueba idónea es la prueba pericial en genética, cuyo resultado, cuando es practicada "
            "conforme a los protocolos científicos, tiene un alto grado de fiabilidad.",
            "El dictamen rendido por el laboratorio designado concluyó una probabilidad de "
            "paternidad superior al noventa y nueve punto noventa y nueve por ciento, sin que el "
            "demandado formulara objeción técnica alguna; además, se negó inicialmente a "
            "comparecer a la toma de muestras, conducta que genera una presunción en su contra.",
            "En consecuencia, se declara la paternidad del demandado, se ordena la expedición de "
            "una nueva acta de nacimiento con los apellidos de ambos progenitores y se le condena "
            "al pago de alimentos, incluidos los generados desde el nacimiento.",
        ),
        (
            "Se declara que el demandado es padre biológico del niño registrado por la actora.",
            "Gírese oficio a la Dirección del Registro Civil para el levantamiento de una nueva "
            "acta de nacimiento.",
            "Se condena al demandado al pago de alimentos en los términos fijados en esta "
            "resolución.",
        ),
    ),
    Case(
        "pagare",
        "mercantil",
        "escrito",
        "EJECUTIVO MERCANTIL",
        "Cobro de pagaré suscrito para préstamo personal",
        "título de crédito",
        "el pago de la suerte principal de {monto} amparada en un pagaré, más intereses moratorios "
        "y gastos y costas",
        "El endosatario en procuración señaló que el demandado suscribió el {fecha_hechos} un "
        "pagaré a favor de su endosante, con vencimiento a treinta días, y que llegada la fecha de "
        "pago no cubrió el importe consignado, por lo que se le requirió de pago y se embargaron "
        "bienes suficientes para garantizar el adeudo.",
        "determinar si el documento base de la acción reúne los requisitos para traer aparejada "
        "ejecución y si el demandado acreditó la excepción de pago parcial que hizo valer",
        (
            "Conforme al artículo 1391, fracción IV, del Código de Comercio, los títulos de "
            "crédito traen aparejada ejecución. El pagaré exhibido contiene la mención de ser "
            "pagaré, la promesa incondicional de pagar una suma determinada, el nombre del "
            "beneficiario, la fecha y lugar de suscripción y de pago, y la firma del suscriptor, "
            "de modo que satisface los requisitos del artículo 170 de la Ley General de Títulos y "
            "Operaciones de Crédito.",
            "El documento es un título de crédito que constituye una prueba preconstituida de la "
            "acción, por lo que corresponde al demandado acreditar sus excepciones. La excepción "
            "de pago parcial no quedó demostrada, ya que los comprobantes de transferencia "
            "exhibidos corresponden a una cuenta distinta a la del beneficiario y a fechas "
            "anteriores a la suscripción del documento.",
            "Por lo que hace a los intereses moratorios pactados, se analizan de oficio en "
            "términos del artículo 174 de la misma ley y se estima que la tasa convenida no "
            "resulta excesiva, por lo que procede condenar a su pago en los términos pactados.",
        ),
        (
            "Procedió la vía ejecutiva mercantil y la parte actora acreditó su acción.",
            "Se condena al demandado al pago de {monto} por concepto de suerte principal, más los "
            "intereses moratorios pactados, que se cuantificarán en ejecución de sentencia.",
            "De no hacerse el pago dentro del plazo legal, hágase trance y remate de los bienes "
            "embargados y con su producto páguese a la actora.",
        ),
    ),
    Case(
        "usura",
        "mercantil",
        "oral",
        "ORAL MERCANTIL",
        "Reducción de intereses en adeudo de tarjeta departamental",
        "interés usurario",
        "el pago del saldo deudor de una tarjeta departamental por {monto}, intereses ordinarios y "
        "moratorios",
        "La institución actora narró que el {fecha_hechos} otorgó a la demandada una línea de "
        "crédito revolvente a través de una tarjeta departamental, que ésta dejó de efectuar los "
        "pagos mínimos mensuales y que, conforme al contrato, se generaron intereses ordinarios y "
        "moratorios sobre el saldo insoluto.",
        "determinar la procedencia del saldo reclamado y si las tasas de interés pactadas deben "
        "reducirse",
        (
            "Los juzgadores están obligados a analizar de oficio si la tasa de interés pactada "
            "resulta notoriamente excesiva, en atención a la prohibición de la usura como forma de "
            "explotación del hombre por el hombre, contenida en la Convención Americana sobre "
            "Derechos Humanos y aplicable en términos del artículo 1 de la Constitución Política "
            "de los Estados Unidos Mexicanos.",
            "Comparadas las tasas contratadas con la tasa efectiva promedio que el Banco de México "
            "publica para tarjetas de crédito, la suma de la tasa ordinaria y la moratoria supera "
            "en más del doble el promedio del mercado, sin que la actora justificara un riesgo "
            "especial de la operación. Por tanto, se configura un interés usurario que debe "
            "reducirse prudencialmente.",
            "En consecuencia, se condena al pago del capital adeudado y de intereses a la tasa "
            "anual equivalente a la tasa efectiva promedio del mercado vigente en la fecha de la "
            "contratación, dejando sin efecto la tasa moratoria pactada.",
        ),
        (
            "La actora acreditó parcialmente su acción.",
            "Se condena a la demandada al pago de {monto} por concepto de capital, más intereses "
            "reducidos conforme a lo razonado en esta resolución.",
            "Se absuelve a la demandada del pago de los intereses moratorios reclamados.",
        ),
    ),
    Case(
        "robo",
        "penal",
        "alzada",
        "PENAL",
        "Apelación contra sentencia condenatoria por robo a comercio",
        "robo calificado",
        "la responsabilidad penal del acusado por el delito de robo calificado cometido en agravio "
        "de una tienda de conveniencia",
        "En primera instancia se tuvo por acreditado que el {fecha_hechos}, aproximadamente a las "
        "veintidós horas, el acusado ingresó a una tienda de conveniencia y, mediante amenazas con "
        "un arma blanca, se apoderó del dinero de la caja registradora, siendo detenido minutos "
        "después por elementos de la policía municipal a dos calles del lugar.",
        "analizar si los agravios de la defensa evidencian una incorrecta valoración de la prueba "
        "o una violación al debido proceso que amerite revocar o modificar la sentencia",
        (
            "La defensa alega que la detención fue ilegal porque no se actualizó la flagrancia. El "
            "agravio es infundado: los agentes aprehensores declararon que recibieron el reporte "
            "por radio, que la descripción proporcionada por la cajera coincidía con la del "
            "acusado y que lo detuvieron inmediatamente después de cometido el hecho, en "
            "persecución material, lo que se ajusta al artículo 146 del Código Nacional de "
            "Procedimientos Penales.",
            "El delito de robo calificado quedó acreditado con el testimonio de la víctima, quien "
            "reconoció al acusado en audiencia sin titubeos, el video de la cámara de seguridad "
            "del establecimiento y el aseguramiento del arma y del numerario. La calificativa de "
            "violencia moral se actualiza porque la amenaza con el arma fue el medio para vencer "
            "la resistencia de la víctima.",
            "En cuanto a la individualización de la pena, el Tribunal de Enjuiciamiento ubicó el "
            "grado de culpabilidad en una mínima con tendencia a la media, sin explicar las "
            "razones del incremento; por ello, este órgano de alzada modifica la pena para "
            "ajustarla a la mínima prevista por la ley.",
        ),
        (
            "Es parcialmente fundado el recurso de apelación interpuesto por la defensa.",
            "Se modifica la sentencia recurrida únicamente por lo que hace a la individualización "
            "de la pena, que se fija en la mínima prevista por la ley, confirmándose en todo lo "
            "demás.",
            "Comuníquese esta resolución al Juez de Ejecución para los efectos legales "
            "conducentes.",
        ),
        {
            "apelante": "la persona sentenciada, por conducto de su defensa",
            "delito": "ROBO CALIFICADO",
        },
    ),
    Case(
        "violencia",
        "penal",
        "alzada",
        "PENAL",
        "Apelación del Ministerio Público contra sentencia absolutoria",
        "violencia familiar",
        "la responsabilidad del acusado por el delito de violencia familiar cometido en agravio de "
        "su cónyuge",
        "El Tribunal de Enjuiciamiento absolvió al acusado al considerar que el dicho de la "
        "víctima no se encontraba corroborado. El Ministerio Público y la asesoría jurídica de la "
        "víctima sostienen que se omitió juzgar con perspectiva de género y que se restó valor "
        "injustificadamente a los dictámenes psicológicos que documentaron agresiones reiteradas "
        "desde el {fecha_hechos}.",
        "determinar si el tribunal de origen valoró las pruebas conforme a los estándares "
        "aplicables en asuntos de violencia contra las mujeres",
        (
            "La obligación de juzgar con perspectiva de género exige identificar situaciones de "
            "poder que generen desequilibrio entre las partes y cuestionar la neutralidad de las "
            "pruebas. En los delitos que suelen cometerse en ausencia de testigos, como la "
            "violencia familiar, la declaración de la víctima adquiere un valor preponderante, "
            "siempre que sea coherente y se encuentre corroborada por otros indicios.",
            "El tribunal de origen exigió un testigo presencial de las agresiones, lo cual es un "
            "estándar indebido. El dictamen psicológico concluyó que la víctima presenta un cuadro "
            "de afectación emocional compatible con maltrato sostenido, y los mensajes de texto "
            "incorporados en audiencia confirman el patrón de control y amenazas descrito por "
            "ella.",
            "Por tanto, se revoca la sentencia absolutoria, se tiene por acreditado el delito y la "
            "responsabilidad penal del acusado, y se le imponen las penas previstas en la ley, "
            "además de la obligación de someterse a tratamiento psicológico especializado.",
        ),
        (
            "Son fundados los agravios del Ministerio Público y de la asesoría jurídica de la "
            "víctima.",
            "Se revoca la sentencia absolutoria y en su lugar se dicta sentencia condenatoria en "
            "los términos precisados en el último considerando.",
            "Se decretan medidas de protección a favor de la víctima y se ordena su notificación a "
            "la autoridad municipal competente.",
        ),
        {"apelante": "el Ministerio Público", "delito": "VIOLENCIA FAMILIAR"},
    ),
    Case(
        "homicidio",
        "penal",
        "penal",
        "PENAL",
        "Sentencia condenatoria por hecho de tránsito con resultado de muerte",
        "homicidio culposo",
        "",
        "La acusación refiere que el {fecha_hechos}, alrededor de las seis horas, el acusado "
        "conducía un tractocamión por la carretera federal a una velocidad superior a la "
        "permitida, invadió el carril contrario en una curva y se impactó contra un vehículo "
        "compacto, lo que provocó la muerte de su conductor.",
        "determinar si se acreditaron los elementos del delito y la responsabilidad penal del "
        "acusado más allá de toda duda razonable",
        (
            "El homicidio culposo se configura cuando el resultado de muerte se produce por la "
            "violación de un deber de cuidado que el agente debía y podía observar según las "
            "circunstancias. El perito en hechos de tránsito determinó, a partir de las huellas de "
            "frenado y la posición final de los vehículos, que el tractocamión circulaba a una "
            "velocidad aproximada de noventa kilómetros por hora en una zona limitada a sesenta.",
            "La defensa sostuvo que la causa determinante fue el mal estado del pavimento; sin "
            "embargo, el perito de la defensa reconoció en el contrainterrogatorio que el bache "
            "referido se ubicaba a más de cien metros del punto de impacto, por lo que su versión "
            "no genera duda razonable.",
            "Respecto de la reparación del daño, se condena al sentenciado al pago de la "
            "indemnización por muerte conforme a la Ley Federal del Trabajo, de los gastos "
            "funerarios acreditados y de la atención psicológica que requieran las víctimas "
            "indirectas.",
        ),
        (
            "Se acreditó el delito y la plena responsabilidad penal del acusado.",
            "Se impone al sentenciado la pena de prisión y la suspensión del derecho a conducir "
            "vehículos motorizados por el término que se precisa en esta resolución.",
            "Se condena al sentenciado al pago de la reparación del daño a favor de las víctimas "
            "indirectas.",
        ),
        {"delito": "HOMICIDIO CULPOSO"},
    ),
    Case(
        "clausura",
        "administrativa",
        "nulidad",
        "PROCESO ADMINISTRATIVO",
        "Nulidad de clausura de restaurante por supuesta falta de licencia",
        "clausura del establecimiento",
        "la nulidad de la resolución que ordenó la clausura del establecimiento mercantil con giro "
        "de restaurante, así como la devolución de la multa pagada",
        "La parte actora señaló que el {fecha_hechos} inspectores de la Dirección de Fiscalización "
        "municipal se presentaron en su restaurante, levantaron un acta por no exhibir la licencia "
        "de funcionamiento y colocaron sellos, sin considerar que la renovación se encontraba en "
        "trámite y que contaba con el acuse de recibo correspondiente.",
        "examinar la legalidad de la visita de inspección y de la resolución que impuso la sanción",
        (
            "El artículo 16 de la Constitución Política de los Estados Unidos Mexicanos exige que "
            "todo acto de molestia conste en mandamiento escrito de autoridad competente, que "
            "funde y motive la causa legal del procedimiento. La orden de visita exhibida no "
            "precisa el objeto de la inspección ni el nombre de los inspectores autorizados, por "
            "lo que carece de la debida fundamentación y motivación.",
            "Además, la autoridad no valoró el acuse de solicitud de renovación de la licencia "
            "presentado por la actora, documento que acredita que la falta de exhibición del "
            "permiso obedecía a un trámite pendiente imputable a la propia administración "
            "municipal.",
            "Al actualizarse vicios de forma en la orden de visita que trascienden al sentido del "
            "acto, procede declarar la nulidad total de la resolución impugnada y condenar a la "
            "autoridad a la devolución de la multa de {monto2} debidamente actualizada.",
        ),
        (
            "Se decreta la nulidad total de la resolución impugnada.",
            "Se condena a la autoridad demandada a retirar los sellos colocados y a devolver a la "
            "actora la cantidad pagada por concepto de multa.",
            "Se concede a la autoridad un plazo de quince días para informar sobre el "
            "cumplimiento.",
        ),
        {"autoridad": "la Dirección General de Fiscalización y Control del Municipio de León"},
    ),
    Case(
        "despido",
        "laboral",
        "oral",
        "ORDINARIO LABORAL",
        "Reclamación de indemnización constitucional por separación",
        "despido injustificado",
        "el pago de la indemnización constitucional, salarios vencidos, vacaciones, prima "
        "vacacional y aguinaldo, con motivo del despido injustificado de que fue objeto",
        "El trabajador refirió que laboraba como operador de montacargas en una empresa de "
        "logística desde hacía {anios} años, y que el {fecha_hechos} el gerente de recursos "
        "humanos le comunicó verbalmente que estaba despedido sin entregarle aviso escrito de la "
        "causa de rescisión.",
        "determinar si existió el despido alegado y, en su caso, las prestaciones que resultan "
        "procedentes",
        (
            "La demandada negó el despido y afirmó que el trabajador abandonó el empleo. Conforme "
            "al artículo 784 de la Ley Federal del Trabajo, corresponde al patrón acreditar la "
            "causa de terminación de la relación laboral; además, el artículo 47 exige que el "
            "aviso de rescisión se entregue al trabajador o se comunique al Tribunal dentro de los "
            "cinco días siguientes.",
            "La demandada no exhibió el aviso de rescisión ni acreditó haberlo hecho del "
            "conocimiento del Tribunal; los registros de asistencia que ofreció fueron objetados "
            "por carecer de firma del trabajador y no fueron perfeccionados. En cambio, dos "
            "compañeros de trabajo declararon haber presenciado la conversación en la que se le "
            "indicó que ya no se presentara.",
            "Al no acreditar la patronal la causa justificada, la separación se considera despido "
            "injustificado, por lo que procede condenar al pago de tres meses de salario por "
            "concepto de indemnización y de los salarios vencidos en los términos y con los "
            "límites previstos en el artículo 48 de la ley laboral.",
        ),
        (
            "El actor acreditó su acción y la demandada no justificó sus excepciones.",
            "Se condena a la demandada al pago de la indemnización constitucional, salarios "
            "vencidos y prestaciones proporcionales, cuyo monto asciende a {monto}.",
            "Se absuelve a la demandada del pago de horas extraordinarias por no haberse "
            "acreditado.",
        ),
    ),
    Case(
        "riesgo",
        "laboral",
        "oral",
        "ORDINARIO LABORAL",
        "Reconocimiento de enfermedad profesional por exposición a solventes",
        "riesgo de trabajo",
        "el reconocimiento de que el padecimiento respiratorio que presenta es un riesgo de "
        "trabajo y el pago de la indemnización por incapacidad permanente parcial",
        "La trabajadora narró que desde el {fecha_hechos} se desempeñó en el área de acabados de "
        "una fábrica de calzado, donde manipulaba pegamentos y solventes sin equipo de protección "
        "adecuado, y que con el tiempo desarrolló una enfermedad pulmonar que le impide realizar "
        "esfuerzos.",
        "determinar si el padecimiento tiene relación causal con el trabajo desempeñado y el grado "
        "de incapacidad que genera",
        (
            "Los riesgos de trabajo son los accidentes y enfermedades a que están expuestos los "
            "trabajadores en ejercicio o con motivo del trabajo, de acuerdo con el artículo 473 de "
            "la Ley Federal del Trabajo. Para calificar una enfermedad como profesional debe "
            "demostrarse el padecimiento, el medio ambiente laboral y la relación causal entre "
            "ambos.",
            "La perita médica designada por este Tribunal dictaminó que la trabajadora presenta "
            "una enfermedad pulmonar obstructiva compatible con la exposición prolongada a vapores "
            "orgánicos, y la inspección en el centro de trabajo confirmó la ausencia de extracción "
            "localizada de vapores en el área de acabados.",
            "En consecuencia, se declara que el padecimiento constituye un riesgo de trabajo que "
            "genera una incapacidad permanente parcial del {porcentaje} por ciento, y se condena "
            "al pago de la indemnización correspondiente conforme a la tabla de valuación de "
            "incapacidades.",
        ),
        (
            "La actora acreditó su acción.",
            "Se declara que el padecimiento de la actora es de origen profesional y se condena a "
            "la demandada al pago de la indemnización por incapacidad permanente parcial.",
            "Se ordena a la demandada implementar medidas de protección en el área de acabados y "
            "dar aviso a la autoridad de seguridad social.",
        ),
    ),
)

EVIDENCE = {
    "civil": (
        "documental pública consistente en la copia certificada expedida por el Registro Público",
        "documental privada consistente en el contrato base de la acción",
        "confesional a cargo de la contraparte",
        "testimonial a cargo de dos personas cuyos nombres se suprimen en esta versión pública",
        "inspección judicial practicada en el lugar de los hechos",
        "pericial en materia de valuación",
    ),
    "familiar": (
        "declaración de parte a cargo de la contraparte",
        "testimonial a cargo de familiares de las partes",
        "evaluación psicológica practicada por el área especializada del Juzgado",
        "documental consistente en constancias escolares y médicas",
        "informe rendido por la fuente de trabajo",
    ),
    "mercantil": (
        "documental privada consistente en el contrato de apertura de crédito",
        "confesional a cargo de la parte demandada",
        "documental consistente en los estados de cuenta certificados",
        "pericial en materia de contabilidad",
    ),
    "penal": (
        "testimonial de la víctima",
        "testimonial de los agentes de policía que intervinieron",
        "pericial en materia de criminalística de campo",
        "documental consistente en el registro de cadena de custodia",
        "videograbación incorporada por conducto del perito en informática",
    ),
    "administrativa": (
        "documental pública consistente en el acta de visita de inspección",
        "documental consistente en el acuse de solicitud de licencia",
        "testimonial a cargo de los empleados del establecimiento",
        "documental consistente en el recibo de pago de la multa",
    ),
    "laboral": (
        "documental consistente en los recibos de nómina",
        "testimonial a cargo de compañeros de trabajo",
        "inspección sobre los controles de asistencia",
        "pericial médica rendida por la perita designada por el Tribunal",
        "confesional a cargo del representante legal de la demandada",
    ),
}

EVIDENCE_INTRO = (
    "En cuanto a la prueba {prueba}, ofrecida por la parte {parte} y desahogada en la audiencia "
    "celebrada el {fecha}, se le concede valor probatorio {valor} en términos de lo dispuesto por "
    "el {ley}."
)

EVIDENCE_VALUE = ("pleno", "de indicio", "relativo", "suficiente para los fines que se precisan")

REASONING_SENTENCES = (
    "Ello es así, porque de su contenido se desprende de manera clara la circunstancia que con "
    "ella se pretende acreditar, sin que la contraparte la hubiese objetado en tiempo y forma.",
    "No pasa inadvertido para quien resuelve que la contraparte formuló objeción en cuanto a su "
    "alcance y valor probatorio; sin embargo, tal objeción resulta insuficiente, pues no expresó "
    "las razones concretas en que la apoyaba ni ofreció medio de convicción alguno para "
    "demostrarla.",
    "La valoración de los medios de prueba se realiza de manera libre y lógica, atendiendo a las "
    "reglas de la sana crítica y a las máximas de la experiencia, según lo dispone la legislación "
    "procesal aplicable.",
    "Debe precisarse que la apreciación de las pruebas no se efectúa de manera aislada, sino en su "
    "conjunto, relacionándolas entre sí para arribar a una convicción sobre los hechos "
    "controvertidos.",
    "Los declarantes fueron coincidentes en lo esencial respecto de las circunstancias de tiempo, "
    "modo y lugar, y dieron razón suficiente de su dicho, por lo que su testimonio merece "
    "credibilidad.",
    "La prueba fue desahogada con las formalidades previstas por la ley, en presencia de las "
    "partes y con la oportunidad de formular las preguntas y repreguntas que estimaron "
    "pertinentes.",
    "Cabe señalar que la carga de la prueba corresponde a quien afirma un hecho y no al que lo "
    "niega, salvo que la negación envuelva la afirmación expresa de otro hecho.",
    "Resulta orientador el criterio de los tribunales federales en el sentido de que el juzgador "
    "goza de amplio arbitrio para valorar las probanzas, siempre que exponga los fundamentos y "
    "motivos de su decisión.",
    "Dicha circunstancia no fue desvirtuada con prueba alguna en contrario, por lo que se tiene "
    "por demostrada para los efectos de esta resolución.",
    "La instrumental de actuaciones y la presuncional legal y humana favorecen a la parte oferente "
    "en la medida en que del conjunto de constancias que integran el sumario se desprenden "
    "elementos que robustecen su pretensión.",
    "La objeción relativa a que el documento carece de firma autógrafa se desestima, ya que en la "
    "diligencia respectiva se exhibió el original para su cotejo y no se advirtieron alteraciones.",
    "El perito designado rindió su dictamen de manera fundada, explicando el método empleado y las "
    "conclusiones a las que arribó, las cuales resultan congruentes con el resto del material "
    "probatorio.",
    "Esta autoridad no advierte contradicción entre lo declarado en audiencia y lo manifestado en "
    "los escritos iniciales, de modo que la versión de los hechos se mantiene uniforme a lo largo "
    "del procedimiento.",
    "No obstante, dicho medio de convicción resulta insuficiente por sí solo, pues se trata de un "
    "indicio que requiere ser adminiculado con otros elementos de prueba.",
    "La notificación de la audiencia se practicó de manera personal y con la anticipación que "
    "exige la ley, por lo que no existe violación alguna a las formalidades esenciales del "
    "procedimiento.",
    "Las constancias exhibidas merecen valor probatorio pleno por haber sido expedidas por "
    "servidores públicos en ejercicio de sus funciones y dentro del ámbito de su competencia.",
    "Lo anterior guarda congruencia con el principio de igualdad procesal, conforme al cual ambas "
    "partes tuvieron la misma oportunidad de ofrecer pruebas, objetar las de su contraria y "
    "formular alegatos.",
    "El informe rendido por la institución requerida fue claro al precisar los datos solicitados, "
    "sin que las partes formularan manifestación alguna en su contra dentro del plazo concedido "
    "para ello.",
    "La decisión que se adopta en este considerando no implica prejuzgar sobre cuestiones ajenas a "
    "la litis, pues se limita a valorar los elementos aportados por las partes.",
    "En el caso no se actualiza ninguna causa que obligue a suplir la deficiencia de los "
    "planteamientos, por lo que el estudio se ciñe a lo expresamente alegado.",
    "Las manifestaciones vertidas en vía de alegatos no aportan elementos novedosos, pues reiteran "
    "los argumentos expuestos en los escritos que fijaron la litis.",
    "La circunstancia de que la diligencia se haya practicado fuera del horario ordinario no la "
    "invalida, ya que se habilitó el tiempo necesario mediante acuerdo debidamente notificado a "
    "las partes.",
    "Del análisis de las actuaciones se advierte que las partes fueron debidamente emplazadas y "
    "que el procedimiento se siguió conforme a las formalidades esenciales previstas en el "
    "artículo 14 constitucional.",
    "Las copias simples exhibidas carecen por sí mismas de valor probatorio pleno, pero al no "
    "haber sido objetadas y guardar relación con otros elementos, generan un indicio que se toma "
    "en consideración.",
)

JURISPRUDENCE = (
    "PRUEBAS. SU VALORACIÓN CONJUNTA NO IMPLICA SUPLIR LA DEFICIENCIA DE LOS PLANTEAMIENTOS DE LAS "
    "PARTES.",
    "TESTIGOS. LA COINCIDENCIA EN LO ESENCIAL DE SUS DECLARACIONES BASTA PARA OTORGARLES "
    "CREDIBILIDAD.",
    "DOCUMENTOS PRIVADOS. SU ALCANCE PROBATORIO CUANDO NO SON OBJETADOS OPORTUNAMENTE.",
    "CARGA DE LA PRUEBA. CORRESPONDE A QUIEN AFIRMA LOS HECHOS CONSTITUTIVOS DE SU PRETENSIÓN.",
    "FUNDAMENTACIÓN Y MOTIVACIÓN. SU CUMPLIMIENTO EN LAS RESOLUCIONES JURISDICCIONALES.",
    "DICTAMEN PERICIAL. EL JUZGADOR NO ESTÁ OBLIGADO A ACOGER SUS CONCLUSIONES SI NO SE ENCUENTRAN "
    "SUSTENTADAS.",
)

CLOSING = {
    "primera": (
        "Hágase la notificación personal de la presente decisión a las partes y, en su "
        "oportunidad, archívese el expediente como asunto total y definitivamente concluido."
    ),
    "alzada": (
        "Hágase la notificación personal de la presente decisión a las partes, remítase testimonio "
        "al órgano de origen y cúmplase."
    ),
}

PUBLIC_VERSION_NOTE = (
    "VERSIÓN PÚBLICA. En términos de la legislación en materia de transparencia y protección de "
    "datos personales, en esta versión pública se suprimió la información considerada legalmente "
    "como confidencial, consistente en nombres, domicilios y demás datos que hacen identificables "
    "a las partes, sustituyéndose por asteriscos (****). La sentencia original obra en el archivo "
    "del órgano jurisdiccional."
)
