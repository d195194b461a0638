"""Mexican jurisdictions as ISO 3166-2:MX codes (``MX`` stands for the federation)."""

from __future__ import annotations

from config.spanish_errors import Invalid, shown

JURISDICTIONS: dict[str, str] = {
    "MX": "Federación",
    "MX-AGU": "Aguascalientes",
    "MX-BCN": "Baja California",
    "MX-BCS": "Baja California Sur",
    "MX-CAM": "Campeche",
    "MX-CHP": "Chiapas",
    "MX-CHH": "Chihuahua",
    "MX-CMX": "Ciudad de México",
    "MX-COA": "Coahuila de Zaragoza",
    "MX-COL": "Colima",
    "MX-DUR": "Durango",
    "MX-GUA": "Guanajuato",
    "MX-GRO": "Guerrero",
    "MX-HID": "Hidalgo",
    "MX-JAL": "Jalisco",
    "MX-MEX": "Estado de México",
    "MX-MIC": "Michoacán de Ocampo",
    "MX-MOR": "Morelos",
    "MX-NAY": "Nayarit",
    "MX-NLE": "Nuevo León",
    "MX-OAX": "Oaxaca",
    "MX-PUE": "Puebla",
    "MX-QUE": "Querétaro",
    "MX-ROO": "Quintana Roo",
    "MX-SLP": "San Luis Potosí",
    "MX-SIN": "Sinaloa",
    "MX-SON": "Sonora",
    "MX-TAB": "Tabasco",
    "MX-TAM": "Tamaulipas",
    "MX-TLA": "Tlaxcala",
    "MX-VER": "Veracruz de Ignacio de la Llave",
    "MX-YUC": "Yucatán",
    "MX-ZAC": "Zacatecas",
}


def check_jurisdiction(code: str) -> str:
    """Return the code upper-cased, or raise ValueError naming the valid form."""
    normalised = code.strip().upper()
    if normalised not in JURISDICTIONS:
        raise Invalid(
            f"unknown jurisdiction {shown(code)!r}: expected an ISO 3166-2:MX code such as "
            "'MX' (federal) or 'MX-GUA' (Guanajuato)",
            f"la jurisdicción «{shown(code)}» no existe: escriba un código ISO 3166-2:MX "
            "como 'MX' (la Federación) o 'MX-GUA' (Guanajuato)",
        )
    return normalised
