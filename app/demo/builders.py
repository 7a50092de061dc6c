"""The shapes of the demo records and the functions that build them (app/demo/data.py holds the records).

The builders make every contact visibly fictitious (see data.py): numbers in reserved or all-zero ranges, labels
that say "demo", e-mails at example.org, addresses that end in "(demo)".
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from app.core.text import fold

Text = dict[str, str]
PhoneData = dict[str, Any]
Hours = dict[str, Any]

# Populations, shortened for the tables of app/demo/data.py.
UAC = "unaccompanied_children"
SEP = "separated_children"
ADO = "adolescents"
FAM = "families_with_children"
ASY = "asylum_seekers_and_refugees"
RET = "returnees"
IDP = "internally_displaced"
LGBT = "lgbtiq"
DIS = "persons_with_disabilities"
IND = "indigenous_peoples"

# Countries whose records are named in English first.
ENGLISH_FIRST = frozenset({"BZ", "CA", "US"})

COUNTRY_NAMES: dict[str, tuple[str, str]] = {
    "BZ": ("Belice", "Belize"),
    "CA": ("Canadá", "Canada"),
    "CR": ("Costa Rica", "Costa Rica"),
    "DO": ("República Dominicana", "the Dominican Republic"),
    "SV": ("El Salvador", "El Salvador"),
    "GT": ("Guatemala", "Guatemala"),
    "HN": ("Honduras", "Honduras"),
    "MX": ("México", "Mexico"),
    "NI": ("Nicaragua", "Nicaragua"),
    "PA": ("Panamá", "Panama"),
    "US": ("Estados Unidos", "the United States"),
}


# --- Building blocks ------------------------------------------------------------------------------------------


def t(es: str, en: str, fr: str | None = None, **others: str) -> Text:
    """A text per language: Spanish and English always, French and other languages when given."""
    text = {"es": es, "en": en}
    if fr:
        text["fr"] = fr
    text.update(others)
    return text


@dataclass(frozen=True)
class Dialing:
    code: str
    digits: int = 8  # length of the national number
    area: str = ""  # NANP only: the area code in front of 555-01xx
    offset: int = 0  # NANP only: keeps Canada and the United States apart inside 555-0100..0199


DIALING: dict[str, Dialing] = {
    "BZ": Dialing("501", 7),
    "CR": Dialing("506"),
    "SV": Dialing("503"),
    "GT": Dialing("502"),
    "HN": Dialing("504"),
    "MX": Dialing("52", 10),
    "NI": Dialing("505"),
    "PA": Dialing("507"),
    "DO": Dialing("1", area="809"),
    "US": Dialing("1", area="555"),
    "CA": Dialing("1", area="555", offset=50),
}


def number(cc: str, n: int) -> str:
    """A visibly fictitious E.164 number: +504 0000 0001, +52 000 000 0001, +1 809 555 0101, ..."""
    dialing = DIALING[cc]
    if dialing.area:
        line = dialing.offset + n
        assert 0 <= line <= 99, "NANP demo numbers stay inside 555-0100..0199"
        return f"+1{dialing.area}55501{line:02d}"
    return f"+{dialing.code}{n:0{dialing.digits}d}"


_DEFAULT_LABELS = {
    "es": {"voice": "Teléfono", "hotline": "Línea de atención", "whatsapp": "WhatsApp", "sms": "SMS"},
    "en": {"voice": "Phone", "hotline": "Helpline", "whatsapp": "WhatsApp", "sms": "Text messages"},
}


def tel(cc: str, n: int, kind: str = "voice", label: str | None = None, language: str | None = None) -> PhoneData:
    """A phone dict whose label (in the country's first language unless told) says it is a demonstration number."""
    if label is None:
        label = _DEFAULT_LABELS["en" if cc in ENGLISH_FIRST else "es"][kind]
    if "demo" not in fold(label):
        label = f"{label} (número de demostración)" if cc not in ENGLISH_FIRST else f"{label} (demo number)"
    return {
        "number": number(cc, n),
        "kind": kind,
        "label": {language or ("en" if cc in ENGLISH_FIRST else "es"): label},
    }


def mail(slug: str) -> str:
    return f"{slug}.demo@example.org"


def site(path: str) -> str:
    return f"https://example.org/demo/{path}"


def on(year: int, month: int, day: int) -> datetime:
    """When a record was last verified (UTC)."""
    return datetime(year, month, day, 15, 0, tzinfo=UTC)


DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def hours(*blocks: tuple[str, str, str, str], note: Text | None = None) -> Hours:
    """Opening hours from (first day, last day, opens, closes) blocks; closes < opens runs past midnight."""
    periods = [
        {"day": day, "opens": opens, "closes": closes}
        for first, last, opens, closes in blocks
        for day in DAYS[DAYS.index(first) : DAYS.index(last) + 1]
    ]
    return {"periods": periods, "note": note or {}}


def office(opens: str = "08:00", closes: str = "16:00", note: Text | None = None) -> Hours:
    return hours(
        ("monday", "friday", opens, closes),
        note=note
        or t(
            "Horario de oficina. Fuera de este horario, llame a la línea de emergencia.",
            "Office hours. Outside these hours, call the emergency line.",
        ),
    )


@dataclass(frozen=True)
class Place:
    city: str
    admin_area: str
    latitude: float
    longitude: float
    address: str | None = None
    confidential: bool = False
    time_zone: str | None = None  # when it differs from the country's


def at(
    city: str,
    admin_area: str,
    latitude: float,
    longitude: float,
    street: str,
    *,
    confidential: bool = False,
    time_zone: str | None = None,
) -> Place:
    return Place(city, admin_area, latitude, longitude, f"{street} (demo)", confidential, time_zone)


# --- Record shapes ------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class _RecordDemo:
    status: str = "active"
    verified: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class _ProviderDemo(_RecordDemo):
    """What institutions and emergency services have alike."""

    name: str
    description: Text
    services: tuple[str, ...]
    phones: tuple[PhoneData, ...] = ()
    hours: Hours | None = None
    languages: tuple[str, ...] = ("es",)
    valid_until: date | None = None


@dataclass(frozen=True, kw_only=True)
class InstitutionDemo(_ProviderDemo):
    key: str  # how the other records of the same country refer to it
    kind: str
    place: Place
    acronym: str | None = None
    populations: tuple[str, ...] = ()
    ages: tuple[int | None, int | None] = (None, None)
    email: str | None = None
    website: str | None = None
    emergency_response: bool = False
    nationalities_served: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class EmergencyDemo(_ProviderDemo):
    phones: tuple[PhoneData, ...]  # required: an emergency service is its numbers
    institution: str | None = None
    place: Place | None = None
    available_24h: bool = True
    hours: Hours | None = None  # None when available 24/7
    free_of_charge: bool = True
    coverage_areas: tuple[str, ...] = ()  # empty: national coverage


@dataclass(frozen=True, kw_only=True)
class SystemDemo(_RecordDemo):
    key: str
    name: str
    description: Text
    lead: str | None = None
    website: str | None = None


@dataclass(frozen=True, kw_only=True)
class FocalDemo(_RecordDemo):
    full_name: str
    position: str
    system: str
    institution: str | None
    topics: tuple[str, ...]
    public_email: str
    public_phone: str
    personal_email: str
    personal_phone: str


@dataclass(frozen=True, kw_only=True)
class CountryDemo:
    code: str
    time_zone: str
    institutions: tuple[InstitutionDemo, ...]
    emergency_services: tuple[EmergencyDemo, ...]
    protection_systems: tuple[SystemDemo, ...]
    focal_points: tuple[FocalDemo, ...]


# --- Helpers for what repeats across countries ----------------------------------------------------------


def _named(cc: str, es: str, en: str) -> str:
    return en if cc in ENGLISH_FIRST else es


def unicef(cc: str, place: Place, n: int, *, verified: datetime | None = None) -> InstitutionDemo:
    es, en = COUNTRY_NAMES[cc]
    return InstitutionDemo(
        key="unicef",
        name=_named(cc, f"UNICEF {es}", f"UNICEF {en.removeprefix('the ')}"),
        acronym="UNICEF",
        kind="un_agency",
        description=t(
            f"Fondo de las Naciones Unidas para la Infancia en {es}. Apoya la protección de la niñez migrante: "
            "atención psicosocial, educación y fortalecimiento de los sistemas de protección.",
            f"United Nations Children's Fund in {en}. Supports the protection of migrant children: psychosocial "
            "care, education and stronger child-protection systems.",
        ),
        services=("psychosocial_support", "education", "information_orientation"),
        place=place,
        populations=(UAC, SEP, FAM, RET),
        ages=(0, 17),
        phones=(tel(cc, n),),
        email=mail(f"unicef.{cc.lower()}"),
        website=site(f"{cc.lower()}/unicef"),
        hours=office(),
        languages=("en", "es") if cc in ENGLISH_FIRST else ("es", "en"),
        verified=verified,
    )


def unhcr(cc: str, place: Place, n: int, *, verified: datetime | None = None) -> InstitutionDemo:
    es, en = COUNTRY_NAMES[cc]
    english = cc in ENGLISH_FIRST
    return InstitutionDemo(
        key="unhcr",
        name=_named(cc, f"ACNUR {es}", f"UNHCR {en.removeprefix('the ')}"),
        acronym="UNHCR" if english else "ACNUR",
        kind="un_agency",
        description=t(
            f"Agencia de la ONU para los Refugiados (ACNUR) en {es}. Orientación sobre el asilo y la protección "
            "internacional; apoyo a niñas, niños y familias refugiados o desplazados.",
            f"The UN Refugee Agency (UNHCR) in {en}. Guidance on asylum and international protection; support "
            "for refugee and displaced children and families.",
            "Agence des Nations Unies pour les réfugiés (HCR) au Canada. Information sur l'asile et la protection "
            "internationale; soutien aux enfants et aux familles réfugiés ou déplacés."
            if cc == "CA"
            else None,
        ),
        services=("international_protection", "legal_assistance", "information_orientation"),
        place=place,
        populations=(ASY, IDP, FAM, UAC),
        phones=(tel(cc, n), tel(cc, n + 1, "whatsapp")),
        email=mail(f"unhcr.{cc.lower()}"),
        website=site(f"{cc.lower()}/unhcr"),
        hours=office("08:30", "16:30"),
        languages=("en", "es") if english else ("es", "en"),
        verified=verified,
    )


def iom(cc: str, place: Place, n: int, *, verified: datetime | None = None) -> InstitutionDemo:
    es, en = COUNTRY_NAMES[cc]
    return InstitutionDemo(
        key="iom",
        name=_named(cc, f"OIM {es}", f"IOM {en.removeprefix('the ')}"),
        acronym="IOM" if cc in ENGLISH_FIRST else "OIM",
        kind="international_organization",
        description=t(
            f"Organización Internacional para las Migraciones en {es}. Asistencia a migrantes retornados, "
            "orientación, documentación y apoyo a la reintegración de la niñez y sus familias.",
            f"International Organization for Migration in {en}. Assistance to returned migrants, guidance, "
            "documentation and reintegration support for children and their families.",
        ),
        services=(
            "reception_of_returned_children",
            "reintegration_support",
            "documentation",
            "information_orientation",
        ),
        place=place,
        populations=(RET, FAM, UAC),
        phones=(tel(cc, n),),
        email=mail(f"iom.{cc.lower()}"),
        website=site(f"{cc.lower()}/iom"),
        hours=office(),
        languages=("es", "en"),
        verified=verified,
    )


def red_cross(cc: str, name: str, place: Place, n: int, *, verified: datetime | None = None) -> InstitutionDemo:
    return InstitutionDemo(
        key="red_cross",
        name=name,
        kind="ngo",
        description=t(
            "Sociedad nacional de la Cruz Roja. Primeros auxilios, ayuda humanitaria, apoyo psicosocial y "
            "restablecimiento del contacto entre familiares separados durante la migración.",
            "National Red Cross society. First aid, humanitarian aid, psychosocial support and restoring contact "
            "between family members separated during migration.",
        ),
        services=("basic_needs", "health_care", "psychosocial_support", "family_tracing"),
        place=place,
        populations=(FAM, UAC, SEP, ASY),
        phones=(tel(cc, n), tel(cc, n + 1, "whatsapp")),
        email=mail(f"redcross.{cc.lower()}"),
        website=site(f"{cc.lower()}/red-cross"),
        hours=hours(
            ("monday", "saturday", "07:00", "19:00"),
            note=t("Atención sin cita previa.", "No appointment needed."),
        ),
        languages=("en", "es") if cc in ENGLISH_FIRST else ("es", "en"),
        emergency_response=True,
        verified=verified,
    )


def consulate(
    cc: str,
    of: str,
    city_es: str,
    city_en: str,
    place: Place,
    n: int,
    *,
    languages: tuple[str, ...] = ("es", "en"),
    verified: datetime | None = None,
) -> InstitutionDemo:
    """A consulate of country `of`, in country `cc`, assisting `of`'s nationals."""
    of_es, of_en = COUNTRY_NAMES[of]
    return InstitutionDemo(
        key=f"consulate_{of.lower()}",
        name=_named(cc, f"Consulado General de {of_es} en {city_es}", f"Consulate General of {of_en} in {city_en}"),
        kind="consulate",
        description=t(
            f"Protección consular para niñas, niños y adolescentes de {of_es}: documentos de identidad, "
            "notificación a la familia, acompañamiento en audiencias y coordinación del retorno seguro.",
            f"Consular protection for children and adolescents from {of_en}: identity documents, notifying the "
            "family, accompaniment at hearings and coordination of a safe return.",
        ),
        services=("consular_assistance", "documentation", "family_reunification", "legal_assistance"),
        place=place,
        populations=(UAC, SEP, FAM, RET),
        ages=(0, 17),
        phones=(
            tel(cc, n),
            tel(cc, n + 1, "hotline", "Emergencias consulares" if cc not in ENGLISH_FIRST else "Consular emergencies"),
        ),
        email=mail(f"consulate.{of.lower()}.{cc.lower()}"),
        website=site(f"{cc.lower()}/consulate-{of.lower()}"),
        hours=office("09:00", "15:00"),
        languages=languages,
        nationalities_served=(of,),
        verified=verified,
    )


def child_line(
    cc: str,
    name: str,
    institution: str,
    n: int,
    *,
    place: Place | None = None,
    languages: tuple[str, ...] = ("es",),
    extra: tuple[PhoneData, ...] = (),
    description: Text | None = None,
    verified: datetime | None = None,
) -> EmergencyDemo:
    """A free, national, 24/7 child-protection hotline."""
    english = cc in ENGLISH_FIRST
    return EmergencyDemo(
        name=name,
        institution=institution,
        description=description
        or t(
            "Línea gratuita y confidencial, las 24 horas, para pedir ayuda o denunciar situaciones de riesgo de "
            "niñas, niños y adolescentes, incluida la niñez migrante no acompañada. Atención inmediata y "
            "derivación a los servicios de protección.",
            "Free, confidential 24-hour line to ask for help or report children and adolescents at risk, "
            "including unaccompanied migrant children. Immediate help and referral to protection services.",
        ),
        services=("emergency_response", "emergency_hotline"),
        phones=(tel(cc, n, "hotline", "24-hour line" if english else "Línea gratuita 24 horas"), *extra),
        place=place,
        languages=languages,
        verified=verified,
    )


def focal(
    cc: str,
    full_name: str,
    position: str,
    system: str,
    institution: str | None,
    topics: tuple[str, ...],
    n: int,
    *,
    status: str = "active",
    verified: datetime | None = None,
) -> FocalDemo:
    """A focal point: institutional contact for the public, personal contact for the network only."""
    first, *_, last = fold(full_name).split()
    return FocalDemo(
        full_name=full_name,
        position=position,
        system=system,
        institution=institution,
        topics=topics,
        public_email=mail(f"focal.{system.replace('_', '-')}.{cc.lower()}"),
        public_phone=number(cc, n),
        personal_email=f"{first}.{last}.personal.demo@example.org",
        personal_phone=number(cc, n + 10),
        status=status,
        verified=verified,
    )
