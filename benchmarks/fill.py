"""Fill a migrated database with N synthetic institutions, fast and deterministically.

    uv run python -m benchmarks.fill --database-url sqlite+aiosqlite:///./bench.db --count 100000

The schema must already be at the latest migration (countries and the service-type taxonomy come from it).
Rows go in with SQLAlchemy Core executemany in batches; the same seed always gives the same rows and ids.
Existing institutions are left alone unless --replace is given.
"""

import argparse
import asyncio
import itertools
import random
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, delete, select, text

from app.core.config import Settings
from app.core.db import create_engine, refresh_statistics
from app.core.models import delimited_codes
from app.core.text import search_document, words
from app.core.vocabulary import Population
from app.institutions.models import Institution, InstitutionKind, InstitutionServiceType
from app.service_types.models import ServiceType

INSTITUTION: Table = Institution.__table__  # type: ignore[attr-defined]
LINK: Table = InstitutionServiceType.__table__  # type: ignore[attr-defined]
SOURCE = "Synthetic benchmark data (benchmarks/fill.py)"
BASE_TIME = datetime(2026, 6, 1, tzinfo=UTC)


@dataclass(frozen=True)
class CountryInfo:
    name_es: str
    name_en: str
    english: bool
    dial: str
    time_zone: str
    places: tuple[tuple[str, str], ...]  # (city, admin area)
    extra_languages: tuple[str, ...] = ()


COUNTRIES: dict[str, CountryInfo] = {
    "BZ": CountryInfo(
        "Belice",
        "Belize",
        True,
        "+501",
        "America/Belize",
        (("Belize City", "Belize"), ("Belmopan", "Cayo"), ("San Ignacio", "Cayo"), ("Orange Walk", "Orange Walk")),
        ("kek",),
    ),
    "CA": CountryInfo(
        "Canadá",
        "Canada",
        True,
        "+1",
        "America/Toronto",
        (("Toronto", "Ontario"), ("Montréal", "Québec"), ("Vancouver", "British Columbia"), ("Ottawa", "Ontario")),
        ("fr",),
    ),
    "CR": CountryInfo(
        "Costa Rica",
        "Costa Rica",
        False,
        "+506",
        "America/Costa_Rica",
        (("San José", "San José"), ("Liberia", "Guanacaste"), ("Upala", "Alajuela"), ("Limón", "Limón")),
    ),
    "DO": CountryInfo(
        "República Dominicana",
        "Dominican Republic",
        False,
        "+1809",
        "America/Santo_Domingo",
        (("Santo Domingo", "Distrito Nacional"), ("Santiago", "Santiago"), ("Dajabón", "Dajabón")),
    ),
    "SV": CountryInfo(
        "El Salvador",
        "El Salvador",
        False,
        "+503",
        "America/El_Salvador",
        (("San Salvador", "San Salvador"), ("Santa Ana", "Santa Ana"), ("San Miguel", "San Miguel")),
    ),
    "GT": CountryInfo(
        "Guatemala",
        "Guatemala",
        False,
        "+502",
        "America/Guatemala",
        (
            ("Ciudad de Guatemala", "Guatemala"),
            ("Quetzaltenango", "Quetzaltenango"),
            ("Tecún Umán", "San Marcos"),
            ("Huehuetenango", "Huehuetenango"),
            ("Cobán", "Alta Verapaz"),
        ),
        ("quc", "mam"),
    ),
    "HN": CountryInfo(
        "Honduras",
        "Honduras",
        False,
        "+504",
        "America/Tegucigalpa",
        (("Tegucigalpa", "Francisco Morazán"), ("San Pedro Sula", "Cortés"), ("Choluteca", "Choluteca")),
    ),
    "MX": CountryInfo(
        "México",
        "Mexico",
        False,
        "+52",
        "America/Mexico_City",
        (
            ("Ciudad de México", "Ciudad de México"),
            ("Tapachula", "Chiapas"),
            ("Tijuana", "Baja California"),
            ("Ciudad Juárez", "Chihuahua"),
            ("Monterrey", "Nuevo León"),
        ),
        ("tzo",),
    ),
    "NI": CountryInfo(
        "Nicaragua",
        "Nicaragua",
        False,
        "+505",
        "America/Managua",
        (("Managua", "Managua"), ("León", "León"), ("Chinandega", "Chinandega")),
        ("miq",),
    ),
    "PA": CountryInfo(
        "Panamá",
        "Panama",
        False,
        "+507",
        "America/Panama",
        (("Ciudad de Panamá", "Panamá"), ("David", "Chiriquí"), ("Metetí", "Darién")),
        ("gym",),
    ),
    "US": CountryInfo(
        "Estados Unidos",
        "United States",
        True,
        "+1",
        "America/Chicago",
        (("Houston", "Texas"), ("Los Angeles", "California"), ("Miami", "Florida"), ("New York", "New York")),
    ),
}

# Where each city is (latitude, longitude of its centre). An institution is placed uniformly in a box of
# +/- CITY_SPREAD_DEGREES around its city (about 66 x 64 km near the tropics), so cities are dense, as in life.
CITY_CENTRES: dict[str, tuple[float, float]] = {
    "Belize City": (17.504, -88.196),
    "Belmopan": (17.251, -88.759),
    "San Ignacio": (17.156, -89.069),
    "Orange Walk": (18.081, -88.563),
    "Toronto": (43.653, -79.383),
    "Montréal": (45.502, -73.567),
    "Vancouver": (49.283, -123.121),
    "Ottawa": (45.421, -75.697),
    "San José": (9.928, -84.091),
    "Liberia": (10.635, -85.437),
    "Upala": (10.898, -85.016),
    "Limón": (9.990, -83.035),
    "Santo Domingo": (18.486, -69.931),
    "Santiago": (19.451, -70.697),
    "Dajabón": (19.548, -71.708),
    "San Salvador": (13.692, -89.218),
    "Santa Ana": (13.994, -89.559),
    "San Miguel": (13.481, -88.177),
    "Ciudad de Guatemala": (14.634, -90.507),
    "Quetzaltenango": (14.834, -91.518),
    "Tecún Umán": (14.677, -92.138),
    "Huehuetenango": (15.319, -91.471),
    "Cobán": (15.470, -90.370),
    "Tegucigalpa": (14.072, -87.192),
    "San Pedro Sula": (15.506, -88.025),
    "Choluteca": (13.301, -87.192),
    "Ciudad de México": (19.433, -99.133),
    "Tapachula": (14.905, -92.263),
    "Tijuana": (32.514, -117.038),
    "Ciudad Juárez": (31.690, -106.424),
    "Monterrey": (25.686, -100.316),
    "Managua": (12.114, -86.236),
    "León": (12.435, -86.878),
    "Chinandega": (12.629, -87.131),
    "Ciudad de Panamá": (8.983, -79.517),
    "David": (8.427, -82.431),
    "Metetí": (8.500, -77.983),
    "Houston": (29.760, -95.370),
    "Los Angeles": (34.052, -118.244),
    "Miami": (25.762, -80.192),
    "New York": (40.713, -74.006),
}
CITY_SPREAD_DEGREES = 0.3

# How often each service type is drawn, relative to 1. Types not listed weigh 1.
SERVICE_WEIGHTS: dict[str, int] = {
    "legal_assistance": 5,
    "psychosocial_support": 4,
    "health_care": 4,
    "information_orientation": 4,
    "shelter": 3,
    "basic_needs": 3,
    "education": 3,
    "emergency_response": 2,
    "emergency_hotline": 2,
    "documentation": 2,
}
EMERGENCY_CODES = {"emergency_response", "emergency_hotline", "mobile_response_team", "emergency_shelter"}

# What each service type looks like in a description, in Spanish and English.
SERVICE_PHRASES: dict[str, tuple[str, str]] = {
    "emergency_response": ("atención inmediata en situaciones de riesgo", "immediate help in situations of risk"),
    "emergency_hotline": ("una línea de emergencia gratuita las 24 horas", "a free 24-hour emergency hotline"),
    "mobile_response_team": ("equipos móviles en fronteras y rutas migratorias", "mobile teams on borders and routes"),
    "shelter": ("albergue temporal seguro", "safe temporary shelter"),
    "emergency_shelter": ("acogida de emergencia a cualquier hora", "emergency shelter at any hour"),
    "legal_assistance": ("orientación y representación jurídica gratuita", "free legal advice and representation"),
    "international_protection": (
        "acompañamiento en solicitudes de asilo y refugio",
        "support with asylum and refugee claims",
    ),
    "best_interests_procedures": (
        "evaluación y determinación del interés superior",
        "best-interests assessment and determination",
    ),
    "family_tracing": ("búsqueda de familiares desaparecidos", "tracing of missing relatives"),
    "family_reunification": ("reunificación familiar segura", "safe family reunification"),
    "health_care": ("atención médica y salud sexual y reproductiva", "medical care and sexual and reproductive health"),
    "psychosocial_support": ("apoyo psicosocial y salud mental", "psychosocial support and mental health"),
    "education": ("acceso a la escuela y educación no formal", "access to school and non-formal education"),
    "documentation": ("trámites de documentación y registro civil", "documentation and civil registration"),
    "consular_assistance": ("asistencia consular a connacionales", "consular assistance to nationals"),
    "reception_of_returned_children": (
        "recepción de niñez retornada en puntos fronterizos",
        "reception of returned children at border points",
    ),
    "reintegration_support": ("acompañamiento para la reintegración comunitaria", "support for reintegration"),
    "violence_response": ("atención a víctimas de violencia", "care for victims of violence"),
    "anti_trafficking": ("protección a víctimas de trata de personas", "protection for victims of trafficking"),
    "basic_needs": ("alimentación, ropa y kits de higiene", "food, clothing and hygiene kits"),
    "information_orientation": ("información y orientación sobre derechos", "information and guidance on rights"),
}

POPULATION_PHRASES: dict[str, tuple[str, str]] = {
    "unaccompanied_children": ("niñas, niños y adolescentes no acompañados", "unaccompanied children"),
    "separated_children": ("niñez separada de su familia", "separated children"),
    "adolescents": ("adolescentes", "adolescents"),
    "families_with_children": ("familias con hijos", "families with children"),
    "asylum_seekers_and_refugees": ("personas solicitantes de asilo y refugiadas", "asylum seekers and refugees"),
    "returnees": ("personas retornadas", "returnees"),
    "internally_displaced": ("personas desplazadas internas", "internally displaced people"),
    "lgbtiq": ("personas LGBTIQ+", "LGBTIQ+ people"),
    "persons_with_disabilities": ("personas con discapacidad", "persons with disabilities"),
    "indigenous_peoples": ("pueblos indígenas", "indigenous peoples"),
}

# Name stems per kind: (Spanish, English, acronym).
NAME_STEMS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "government": (
        ("Procuraduría de Protección de la Niñez", "Child Protection Office", "PPN"),
        ("Dirección de Atención al Migrante", "Migrant Services Directorate", "DAM"),
        ("Defensoría de la Niñez y la Adolescencia", "Office of the Child Advocate", "DNA"),
        ("Oficina Municipal de la Niñez", "Municipal Children's Office", "OMN"),
    ),
    "ngo": (
        ("Casa del Migrante", "Migrant House", "CDM"),
        ("Fundación Pasos Seguros", "Safe Steps Foundation", "FPS"),
        ("Asociación Caminos de Esperanza", "Paths of Hope Association", "ACE"),
        ("Centro de Derechos Humanos", "Human Rights Center", "CDH"),
        ("Red de Acogida Familiar", "Family Care Network", "RAF"),
    ),
    "international_organization": (
        ("Oficina Regional de Protección", "Regional Protection Office", "ORP"),
        ("Programa Regional de Movilidad Humana", "Regional Human Mobility Programme", "PRMH"),
    ),
    "un_agency": (
        ("Oficina de Terreno de la Agencia de la ONU para los Refugiados", "UN Refugee Agency Field Office", "ACNUR"),
        ("Oficina de Campo de UNICEF", "UNICEF Field Office", "UNICEF"),
    ),
    "consulate": (
        ("Consulado General", "Consulate General", "CG"),
        ("Sección Consular", "Consular Section", "SC"),
    ),
    "civil_society": (
        ("Colectivo Niñez Sin Fronteras", "Children Without Borders Collective", "CNSF"),
        ("Mesa de Protección Comunitaria", "Community Protection Roundtable", "MPC"),
    ),
    "faith_based": (
        ("Pastoral de Movilidad Humana", "Human Mobility Ministry", "PMH"),
        ("Albergue Misionero", "Mission Shelter", "AM"),
    ),
    "academic": (
        ("Clínica Jurídica Universitaria", "University Legal Clinic", "CJU"),
        ("Observatorio de Migración y Niñez", "Observatory on Migration and Childhood", "OMN"),
    ),
    "other": (("Servicio Comunitario", "Community Service", "SC"),),
}
KIND_WEIGHTS: dict[str, int] = {
    "government": 4,
    "ngo": 8,
    "international_organization": 1,
    "un_agency": 1,
    "consulate": 1,
    "civil_society": 3,
    "faith_based": 2,
    "academic": 1,
    "other": 1,
}
QUALIFIERS = (
    "San José",
    "Santa María",
    "Nueva Esperanza",
    "Buen Pastor",
    "La Paz",
    "Sagrada Familia",
    "San Juan",
    "Los Ángeles",
    "Amanecer",
    "Horizontes",
    "Puentes",
    "Raíces",
    "Semillas",
    "Caminantes",
    "Esperanza Viva",
    "Nuevo Amanecer",
)
INTRO = (("Brinda", "Provides"), ("Ofrece", "Offers"), ("Presta", "Delivers"), ("Coordina", "Coordinates"))
EXTRAS: tuple[tuple[str, str], ...] = (
    ("Atención gratuita y confidencial.", "Free and confidential."),
    ("Cuenta con personal bilingüe.", "Bilingual staff."),
    ("Coordina con las autoridades de protección de la niñez.", "Works with child-protection authorities."),
    ("Atiende sin cita previa.", "No appointment needed."),
    ("Trabaja con enfoque de género e interculturalidad.", "Gender-sensitive and intercultural approach."),
    ("Acompaña a las familias durante todo el proceso.", "Accompanies families throughout the process."),
    ("Dispone de intérpretes de idiomas indígenas.", "Interpreters for indigenous languages available."),
    ("Refiere casos a la red de servicios local.", "Refers cases to the local service network."),
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def _weighted_pick(rng: random.Random, weights: dict[str, int], k: int) -> list[str]:
    names = list(weights)
    values = list(weights.values())
    chosen: list[str] = []
    while len(chosen) < k:
        pick = rng.choices(names, values)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _join(items: Sequence[str], conjunction: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


# words() folds per character and splits at every space, so splitting first and caching each piece gives the same
# text much faster: the vocabulary is small. synthetic_rows() checks this against search_document() on its first rows.
_words_of = lru_cache(maxsize=None)(words)
CHECKED_ROWS = 500


def _search_text(parts: Sequence[str | None]) -> str:
    lines = (" ".join(word for piece in part.split() for word in _words_of(piece)) for part in parts if part)
    return "\n".join(line for line in lines if line)


def _phone(rng: random.Random, dial: str) -> str:
    return f"{dial}{rng.randrange(10**7, 10**8)}"


def synthetic_rows(
    count: int, seed: int, service_codes: Sequence[str]
) -> Iterator[tuple[dict[str, Any], list[dict[str, str]]]]:
    """Yield (institution row, its service-type link rows), `count` times, the same for the same seed."""
    rng = random.Random(seed)
    codes = list(COUNTRIES)
    weights = {code: SERVICE_WEIGHTS.get(code, 1) for code in service_codes}
    populations = [p.value for p in Population]
    for index in range(count):
        identifier = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        country_code = codes[rng.randrange(len(codes))]
        country = COUNTRIES[country_code]
        kind = _weighted_pick(rng, KIND_WEIGHTS, 1)[0]
        stem_es, stem_en, acronym = rng.choice(NAME_STEMS[kind])
        city, admin_area = rng.choice(country.places)
        stem = stem_en if country.english else stem_es
        place = f", {city}" if country.english else f" de {city}"
        name = f"{stem} — {city}" if kind == "consulate" else f"{stem} {rng.choice(QUALIFIERS)}{place}"
        services = _weighted_pick(rng, weights, rng.randint(1, 3))
        served = rng.sample(populations, rng.randint(1, 4))
        intro_es, intro_en = rng.choice(INTRO)
        extras = rng.sample(EXTRAS, rng.randint(1, 2))
        description = {
            "es": f"{intro_es} {_join([SERVICE_PHRASES[s][0] for s in services], 'y')} para "
            f"{_join([POPULATION_PHRASES[p][0] for p in served], 'y')} en {city}, {country.name_es}. "
            + " ".join(extra[0] for extra in extras),
            "en": f"{intro_en} {_join([SERVICE_PHRASES[s][1] for s in services], 'and')} for "
            f"{_join([POPULATION_PHRASES[p][1] for p in served], 'and')} in {city}, {country.name_en}. "
            + " ".join(extra[1] for extra in extras),
        }
        with_acronym = rng.random() < 0.5
        parts = [name, acronym if with_acronym else None, *description.values()]
        search_text = _search_text(parts)
        if index < CHECKED_ROWS and search_text != search_document(parts):
            raise AssertionError(f"splitting into words piece by piece differs from search_document() for {parts!r}")
        created_at = BASE_TIME - timedelta(days=rng.randint(30, 900), seconds=rng.randint(0, 86_399))
        updated_at = created_at + timedelta(days=rng.randint(0, 29))
        phones = [{"number": _phone(rng, country.dial), "kind": "voice", "label": None}]
        if rng.random() < 0.4:
            phones.append({"number": _phone(rng, country.dial), "kind": "whatsapp", "label": {"es": "WhatsApp"}})
        emergency = bool(EMERGENCY_CODES.intersection(services))
        if emergency:
            # Phone labels are stored per language (migration 0016).
            label = {"en": "24-hour line"} if country.english else {"es": "Línea 24 horas"}
            phones.append({"number": _phone(rng, country.dial), "kind": "hotline", "label": label})
        opening_hours = None
        if rng.random() < 0.6:
            closes = rng.choice(("15:00", "16:00", "17:00", "18:00"))
            opening_hours = {
                "periods": [{"day": day, "opens": "08:00", "closes": closes} for day in WEEKDAYS],
                "note": {"es": "Cerrado los días festivos.", "en": "Closed on public holidays."},
            }
        languages = ["en", "es"] if country.english else ["es"]
        if country.extra_languages and rng.random() < 0.3:
            languages.append(rng.choice(country.extra_languages))
        min_age = rng.choice((None, 0, 0, 12))
        confidential = "shelter" in services and rng.random() < 0.5
        row: dict[str, Any] = {
            "id": identifier,
            "created_at": created_at,
            "updated_at": updated_at,
            "version": 1,
            "deleted_at": None,
            "search_text": search_text,
            "status": "active",
            "valid_until": None,
            "last_verified_at": updated_at,
            "source": SOURCE,
            "is_demo": True,
            "name": name,
            "acronym": acronym if with_acronym else None,
            "kind": InstitutionKind(kind).value,
            "country_code": country_code,
            "description": description,
            "populations": served,
            "min_age": min_age,
            "max_age": None if min_age is None else 17,
            "address": f"{rng.randint(1, 40)}a Calle {rng.randint(1, 30)}-{rng.randint(10, 99)}, {city}",
            "city": city,
            "admin_area": admin_area,
            "latitude": round(CITY_CENTRES[city][0] + rng.uniform(-CITY_SPREAD_DEGREES, CITY_SPREAD_DEGREES), 6),
            "longitude": round(CITY_CENTRES[city][1] + rng.uniform(-CITY_SPREAD_DEGREES, CITY_SPREAD_DEGREES), 6),
            "location_confidential": confidential,
            "phones": phones,
            "email": f"contacto{rng.randrange(10**6)}@example.org",
            "website": f"https://example.org/{identifier[:8]}",
            "opening_hours": opening_hours,
            "time_zone": country.time_zone,
            "languages": languages,
            "emergency_response": emergency,
            "nationalities_served": [rng.choice(codes)] if kind == "consulate" else [],
            "service_type_codes": delimited_codes(sorted(services)),
        }
        links = [{"institution_id": identifier, "service_type_code": code} for code in services]
        yield row, links


Batch = tuple[list[dict[str, Any]], list[dict[str, str]]]


def _next_batch(rows: Iterator[tuple[dict[str, Any], list[dict[str, str]]]], size: int) -> Batch:
    batch: list[dict[str, Any]] = []
    links: list[dict[str, str]] = []
    for row, row_links in itertools.islice(rows, size):
        batch.append(row)
        links.extend(row_links)
    return batch, links


async def fill(
    database_url: str, count: int, seed: int = 20261128, batch_size: int = 5000, replace: bool = False
) -> float:
    """Insert `count` institutions; returns the seconds it took. The tables are analyzed afterwards."""
    engine = create_engine(Settings(database_url=database_url))
    started = time.perf_counter()
    try:
        async with engine.connect() as connection:
            query = select(ServiceType.code).order_by(ServiceType.code)
            service_codes = list((await connection.scalars(query)).all())
            if not service_codes:
                raise SystemExit("The service_type table is empty: run the migrations first.")
            if replace:
                await connection.execute(delete(LINK))
                await connection.execute(delete(INSTITUTION))
            source = synthetic_rows(count, seed, service_codes)
            batch, links = _next_batch(source, batch_size)
            while batch:
                # Build the next batch in a thread while the database stores this one.
                upcoming = asyncio.create_task(asyncio.to_thread(_next_batch, source, batch_size))
                try:
                    await connection.execute(INSTITUTION.insert(), batch)
                    await connection.execute(LINK.insert(), links)
                finally:
                    batch, links = await upcoming
            await connection.commit()
        if engine.dialect.name == "postgresql":
            # What autovacuum would soon do on a live database: fresh statistics, a visibility map.
            async with engine.connect() as connection:
                autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
                await autocommit.execute(text("VACUUM ANALYZE institution"))
                await autocommit.execute(text("VACUUM ANALYZE institution_service_type"))
        else:
            # As the command line does after migrating or loading data: SQLite plans well only with statistics.
            await refresh_statistics(engine)
    finally:
        await engine.dispose()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="SQLAlchemy async URL of a migrated database.")
    parser.add_argument("--count", type=int, default=1000, help="How many institutions to add.")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--replace", action="store_true", help="Delete every institution first.")
    args = parser.parse_args()
    seconds = asyncio.run(fill(args.database_url, args.count, args.seed, args.batch_size, args.replace))
    print(f"filled {args.count} institutions in {seconds:.1f} s")


if __name__ == "__main__":
    main()
