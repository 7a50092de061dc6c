"""The demo directory: the real child-protection bodies of the 11 RCM countries, with fictitious contacts.

Institution and system names are real (see DOMAIN.md); invented organisations say "(demo)" in their name.
Every contact is visibly fictitious: phone numbers are the country calling code followed by zeros and a small
counter (the NANP countries use the 555-01xx range reserved for fiction), every label says "demo", e-mails end
in @example.org, web addresses start with https://example.org/demo/, addresses end in "(demo)", and focal
points carry names such as "Ana Demo Martínez".
"""

from dataclasses import replace
from datetime import date

from app.demo.builders import (
    ADO,
    ASY,
    DIS,
    FAM,
    IDP,
    IND,
    LGBT,
    RET,
    SEP,
    UAC,
    CountryDemo,
    EmergencyDemo,
    InstitutionDemo,
    SystemDemo,
    at,
    child_line,
    consulate,
    focal,
    hours,
    iom,
    mail,
    office,
    on,
    red_cross,
    site,
    t,
    tel,
    unhcr,
    unicef,
)

SOURCE = "Demo data: fictitious contacts"


# --- The countries ------------------------------------------------------------------------------------------

_TGU = at("Tegucigalpa", "Francisco Morazán", 14.0723, -87.1921, "Colonia Humuya, bulevar Suyapa")
_SPS = "San Pedro Sula"

HONDURAS = CountryDemo(
    code="HN",
    time_zone="America/Tegucigalpa",
    institutions=(
        InstitutionDemo(
            key="dinaf",
            name="Dirección de Niñez, Adolescencia y Familia",
            acronym="DINAF",
            kind="government",
            description=t(
                "Institución rectora de la protección de la niñez en Honduras. Atención a niñas, niños y "
                "adolescentes migrantes no acompañados y retornados: determinación del interés superior, "
                "búsqueda de familia y reintegración.",
                "Honduras' lead child-protection authority. Care for unaccompanied and returned migrant "
                "children: best-interests determination, family tracing and reintegration.",
            ),
            services=(
                "emergency_response",
                "best_interests_procedures",
                "family_tracing",
                "family_reunification",
                "reception_of_returned_children",
                "reintegration_support",
            ),
            place=_TGU,
            populations=(UAC, SEP, RET, FAM),
            ages=(0, 17),
            phones=(tel("HN", 1, "voice", "Oficina central"), tel("HN", 2, "whatsapp", "WhatsApp de orientación")),
            email=mail("dinaf.hn"),
            website=site("hn/dinaf"),
            hours=office(),
            emergency_response=True,
            verified=on(2026, 10, 20),
        ),
        InstitutionDemo(
            key="belen",
            name="Centro de Atención para la Niñez y Familias Migrantes Belén",
            acronym="CANFM Belén",
            kind="government",
            description=t(
                "Recepción de niñas, niños y familias retornados: atención médica, alimentación, apoyo "
                "psicosocial, documentos y reunificación familiar.",
                "Reception of returned children and families: medical care, food, psychosocial support, "
                "documents and family reunification.",
            ),
            services=(
                "reception_of_returned_children",
                "basic_needs",
                "health_care",
                "psychosocial_support",
                "documentation",
                "family_reunification",
            ),
            place=at(_SPS, "Cortés", 15.5042, -88.0250, "Barrio Medina, 3 calle"),
            populations=(RET, UAC, FAM),
            ages=(0, 17),
            phones=(tel("HN", 3, "voice", "Recepción"),),
            email=mail("belen.hn"),
            hours=hours(
                ("monday", "sunday", "06:00", "22:00"),
                note=t(
                    "Abierto todos los días para recibir los vuelos de retorno.",
                    "Open every day to receive return flights.",
                ),
            ),
            languages=("es", "en"),
            emergency_response=True,
            verified=on(2024, 5, 14),
        ),
        InstitutionDemo(
            key="casa_refugio",
            name="Casa Refugio para Niñas y Adolescentes (demo)",
            kind="ngo",
            description=t(
                "Albergue de ubicación confidencial para niñas y adolescentes que huyen de la violencia, la trata "
                "o el reclutamiento por pandillas. Protección, atención psicosocial y acompañamiento legal.",
                "Confidential-location shelter for girls and adolescents escaping violence, trafficking or gang "
                "recruitment. Protection, psychosocial care and legal accompaniment.",
            ),
            services=("shelter", "emergency_shelter", "violence_response", "anti_trafficking", "psychosocial_support"),
            place=at(_SPS, "Cortés", 15.5161, -88.0312, "Colonia confidencial, casa 7", confidential=True),
            populations=(ADO, UAC, IDP, LGBT),
            ages=(12, 17),
            phones=(tel("HN", 4, "hotline", "Línea de ingreso 24 horas"),),
            email=mail("casarefugio.hn"),
            emergency_response=True,
            verified=on(2026, 11, 2),
        ),
        unicef("HN", at("Tegucigalpa", "Francisco Morazán", 14.0890, -87.1750, "Colonia Palmira"), 5),
        unhcr(
            "HN",
            at("Tegucigalpa", "Francisco Morazán", 14.0950, -87.1870, "Colonia Lomas del Guijarro"),
            6,
            verified=on(2026, 8, 3),
        ),
    ),
    emergency_services=(
        child_line(
            "HN",
            "Línea 24 horas de protección a la niñez (demo)",
            "dinaf",
            10,
            place=_TGU,
            languages=("es", "en"),
            extra=(tel("HN", 11, "whatsapp", "WhatsApp 24 horas"), tel("HN", 12, "sms")),
            verified=on(2026, 10, 20),
        ),
        EmergencyDemo(
            name="Equipo móvil de respuesta en la frontera de Agua Caliente (demo)",
            institution="dinaf",
            description=t(
                "Equipo que identifica y atiende a niñas, niños y adolescentes no acompañados en el paso "
                "fronterizo de Agua Caliente y en la ruta hacia Guatemala.",
                "Team that identifies and assists unaccompanied children at the Agua Caliente border crossing and "
                "on the route to Guatemala.",
            ),
            services=("emergency_response", "mobile_response_team", "family_tracing"),
            phones=(tel("HN", 13, "voice", "Coordinación del equipo"),),
            place=at("Agua Caliente", "Ocotepeque", 14.4372, -89.2131, "Aduana de Agua Caliente"),
            available_24h=False,
            hours=hours(("monday", "sunday", "07:00", "19:00"), note=t("Todos los días.", "Every day.")),
            coverage_areas=("Ocotepeque", "Copán"),
            verified=on(2024, 2, 9),
        ),
        EmergencyDemo(
            name="Albergue de emergencia 24 horas Casa Refugio (demo)",
            institution="casa_refugio",
            description=t(
                "Acogida inmediata, a cualquier hora, de niñas y adolescentes víctimas de violencia o trata. La "
                "ubicación es confidencial: el ingreso se coordina por teléfono.",
                "Immediate care, at any hour, for girls and adolescents who are victims of violence or trafficking. "
                "The location is confidential: admission is arranged by phone.",
            ),
            services=("shelter", "emergency_shelter", "anti_trafficking"),
            phones=(tel("HN", 14, "hotline", "Ingreso de emergencia"),),
            place=at(_SPS, "Cortés", 15.5161, -88.0312, "Colonia confidencial, casa 7", confidential=True),
            coverage_areas=("Cortés", "Santa Bárbara", "Yoro"),
            verified=on(2026, 11, 2),
        ),
    ),
    protection_systems=(
        SystemDemo(
            key="sigadenah",
            name="Sistema Integral de Garantía de Derechos de la Niñez y Adolescencia en Honduras (SIGADENAH)",
            description=t(
                "Sistema nacional que articula a las instituciones públicas, los municipios y la sociedad civil "
                "para la protección integral de la niñez, con rutas de atención para la niñez migrante.",
                "National system that brings together public institutions, municipalities and civil society for "
                "the comprehensive protection of children, with referral pathways for migrant children.",
            ),
            lead="dinaf",
            website=site("hn/sigadenah"),
            verified=on(2026, 10, 20),
        ),
        SystemDemo(
            key="retorno",
            name="Red Interinstitucional de Atención a la Niñez Migrante Retornada",
            description=t(
                "Red de recepción y reintegración: coordina la atención de niños y niñas retornados desde su "
                "llegada hasta su comunidad de origen.",
                "Reception and reintegration network: coordinates care for returned children from arrival to "
                "their home community.",
            ),
            lead="belen",
            verified=on(2024, 5, 14),
        ),
    ),
    focal_points=(
        focal(
            "HN",
            "Ana Demo Martínez",
            "Oficial de enlace, Red de Oficiales de Enlace para la Protección de la Niñez Migrante",
            "sigadenah",
            "dinaf",
            ("niñez migrante", "interés superior", "búsqueda de familia"),
            30,
            verified=on(2026, 10, 20),
        ),
        focal(
            "HN",
            "Carlos Ficticio Reyes",
            "Coordinador de recepción de niñez retornada",
            "retorno",
            "belen",
            ("retorno", "reintegración"),
            31,
            verified=on(2024, 5, 14),
        ),
    ),
)

_GUA = at("Ciudad de Guatemala", "Guatemala", 14.6349, -90.5069, "Zona 1, 15 calle")
_XELA = at("Quetzaltenango", "Quetzaltenango", 14.8347, -91.5180, "Zona 3, 4 avenida")

GUATEMALA = CountryDemo(
    code="GT",
    time_zone="America/Guatemala",
    institutions=(
        InstitutionDemo(
            key="pgn",
            name="Procuraduría General de la Nación — Procuraduría de la Niñez y la Adolescencia",
            acronym="PGN",
            kind="government",
            description=t(
                "Representación legal y protección de niñas, niños y adolescentes migrantes no acompañados: "
                "medidas de protección, interés superior y localización de familiares.",
                "Legal representation and protection of unaccompanied migrant children: protection measures, best "
                "interests and tracing of relatives.",
            ),
            services=("emergency_response", "legal_assistance", "best_interests_procedures", "family_tracing"),
            place=_GUA,
            populations=(UAC, SEP, RET),
            ages=(0, 17),
            phones=(tel("GT", 1),),
            email=mail("pgn.gt"),
            website=site("gt/pgn"),
            hours=office(),
            emergency_response=True,
            verified=on(2026, 9, 18),
        ),
        InstitutionDemo(
            key="sbs",
            name="Secretaría de Bienestar Social de la Presidencia",
            acronym="SBS",
            kind="government",
            description=t(
                "Albergues y programas de reintegración para niñez migrante retornada; atención psicosocial y "
                "educativa con pertinencia cultural.",
                "Shelters and reintegration programmes for returned migrant children; culturally appropriate "
                "psychosocial and educational support.",
            ),
            services=(
                "shelter",
                "reception_of_returned_children",
                "reintegration_support",
                "psychosocial_support",
                "education",
            ),
            place=at("Ciudad de Guatemala", "Guatemala", 14.6211, -90.5146, "Zona 13, avenida Las Américas"),
            populations=(RET, UAC, ADO, IND),
            ages=(0, 17),
            phones=(tel("GT", 2), tel("GT", 3, "whatsapp")),
            email=mail("sbs.gt"),
            website=site("gt/sbs"),
            hours=office("08:00", "16:30"),
            languages=("es", "quc", "mam"),
            verified=on(2026, 6, 12),
        ),
        InstitutionDemo(
            key="acompanamiento",
            name="Centro Comunitario de Acompañamiento a la Niñez Migrante (demo)",
            kind="civil_society",
            description=t(
                "Acompañamiento a niñez y juventud indígena migrante y retornada en Quetzaltenango: atención "
                "psicosocial, educación y orientación, en español, k'iche' y mam.",
                "Support for indigenous migrant and returned children and young people in Quetzaltenango: "
                "psychosocial care, education and guidance, in Spanish, K'iche' and Mam.",
                quc="Kojto'w ri ak'alab' e b'inel. Kojch'aw pa K'iche', Mam xuquje' Kaxla'n Tzij.",
            ),
            services=("psychosocial_support", "reintegration_support", "education", "information_orientation"),
            place=_XELA,
            populations=(RET, IND, ADO, FAM),
            ages=(0, 24),
            phones=(tel("GT", 4), tel("GT", 5, "whatsapp")),
            email=mail("acompanamiento.gt"),
            hours=hours(
                ("tuesday", "saturday", "09:00", "17:00"),
                note=t(
                    "Martes a sábado; atención en k'iche' los martes y jueves.",
                    "Tuesday to Saturday; K'iche' spoken on Tuesdays and Thursdays.",
                    quc="Kojch'aw pa K'iche' pa martes xuquje' jueves.",
                ),
            ),
            languages=("es", "quc", "mam"),
        ),
        iom("GT", _GUA, 6, verified=on(2026, 3, 2)),
        InstitutionDemo(
            key="icrc",
            name="Comité Internacional de la Cruz Roja — Delegación en Guatemala",
            acronym="CICR",
            kind="international_organization",
            description=t(
                "Restablecimiento del contacto entre familiares: búsqueda de niñas, niños y adultos desaparecidos "
                "en la ruta migratoria y llamadas gratuitas a la familia.",
                "Restoring family links: tracing children and adults missing on the migration route and free calls "
                "to relatives.",
            ),
            services=("family_tracing", "family_reunification", "information_orientation"),
            place=at("Ciudad de Guatemala", "Guatemala", 14.5995, -90.5120, "Zona 10, 6 avenida"),
            populations=(UAC, SEP, FAM),
            phones=(tel("GT", 7),),
            email=mail("icrc.gt"),
            website=site("gt/icrc"),
            hours=office(),
            languages=("es", "en"),
            verified=on(2024, 7, 1),
        ),
    ),
    emergency_services=(
        child_line(
            "GT",
            "Línea de atención inmediata a la niñez 24 horas (demo)",
            "pgn",
            10,
            languages=("es", "quc", "mam"),
            verified=on(2026, 9, 18),
        ),
        EmergencyDemo(
            name="Equipo móvil de atención en Tecún Umán (demo)",
            institution="sbs",
            description=t(
                "Atención de niñas, niños y adolescentes no acompañados en la frontera con México; intérpretes de "
                "mam disponibles.",
                "Assistance for unaccompanied children at the border with Mexico; Mam interpreters available.",
            ),
            services=("emergency_response", "mobile_response_team", "reception_of_returned_children"),
            phones=(tel("GT", 11), tel("GT", 12, "whatsapp")),
            place=at("Tecún Umán", "San Marcos", 14.6780, -92.1440, "Puente Rodolfo Robles"),
            available_24h=False,
            hours=hours(("monday", "friday", "08:00", "20:00"), ("saturday", "saturday", "08:00", "14:00")),
            coverage_areas=("San Marcos",),
            languages=("es", "mam"),
            verified=on(2026, 4, 22),
        ),
    ),
    protection_systems=(
        SystemDemo(
            key="pina",
            name="Sistema de Protección Integral de la Niñez y la Adolescencia",
            description=t(
                "Instituciones que, conforme a la Ley de Protección Integral de la Niñez y Adolescencia (Ley PINA), "
                "protegen los derechos de la niñez, incluida la niñez migrante no acompañada.",
                "Institutions that, under the Comprehensive Child and Adolescent Protection Act (Ley PINA), protect "
                "children's rights, including those of unaccompanied migrant children.",
            ),
            lead="pgn",
            website=site("gt/pina"),
            verified=on(2026, 9, 18),
        ),
        SystemDemo(
            key="red_xela",
            name="Red de Protección de la Niñez Migrante de Quetzaltenango (demo)",
            description=t(
                "Red local de organizaciones comunitarias e instituciones que acompaña a la niñez migrante "
                "retornada en el altiplano occidental.",
                "Local network of community organisations and institutions supporting returned migrant children in "
                "the western highlands.",
            ),
            lead="acompanamiento",
        ),
    ),
    focal_points=(
        focal(
            "GT",
            "Lucía Ejemplo Ajcot",
            "Procuradora de enlace para la niñez migrante",
            "pina",
            "pgn",
            ("niñez no acompañada", "representación legal"),
            30,
            verified=on(2026, 9, 18),
        ),
        focal(
            "GT",
            "Marta Demo Tzul",
            "Antigua coordinadora de la red (ya no es punto focal)",
            "red_xela",
            "acompanamiento",
            ("pueblos indígenas", "reintegración"),
            31,
            status="inactive",
            verified=on(2024, 3, 12),
        ),
    ),
)

_SSV = at("San Salvador", "San Salvador", 13.6929, -89.2182, "Colonia Escalón, paseo General Escalón")
_SANTA_ANA = at("Santa Ana", "Santa Ana", 13.9942, -89.5597, "Barrio confidencial, 2a avenida", confidential=True)

EL_SALVADOR = CountryDemo(
    code="SV",
    time_zone="America/El_Salvador",
    institutions=(
        InstitutionDemo(
            key="conna",
            name="Consejo Nacional de la Niñez y de la Adolescencia",
            acronym="CONNA",
            kind="government",
            description=t(
                "Rector del sistema de protección de la niñez en El Salvador. Medidas de protección y atención a "
                "niñas, niños y adolescentes migrantes retornados o no acompañados.",
                "Lead body of El Salvador's child-protection system. Protection measures and care for returned or "
                "unaccompanied migrant children.",
            ),
            services=(
                "emergency_response",
                "best_interests_procedures",
                "legal_assistance",
                "reception_of_returned_children",
            ),
            place=_SSV,
            populations=(UAC, RET, SEP),
            ages=(0, 17),
            phones=(tel("SV", 1),),
            email=mail("conna.sv"),
            website=site("sv/conna"),
            hours=office("07:30", "15:30"),
            emergency_response=True,
            verified=on(2026, 10, 5),
        ),
        InstitutionDemo(
            key="isna",
            name="Instituto Salvadoreño para el Desarrollo Integral de la Niñez y la Adolescencia",
            acronym="ISNA",
            kind="government",
            description=t(
                "Programas de acogimiento, reintegración y educación para niños y niñas retornados, con atención "
                "a la niñez con discapacidad.",
                "Foster care, reintegration and education programmes for returned children, including children with "
                "disabilities.",
            ),
            services=("shelter", "reintegration_support", "psychosocial_support", "education"),
            place=at("San Salvador", "San Salvador", 13.7000, -89.2050, "Colonia Médica, avenida Dr. Emilio Álvarez"),
            populations=(ADO, RET, DIS),
            ages=(0, 17),
            phones=(tel("SV", 2),),
            email=mail("isna.sv"),
            hours=office(),
            verified=on(2024, 9, 30),
        ),
        InstitutionDemo(
            key="save",
            name="Save the Children El Salvador",
            kind="ngo",
            description=t(
                "Protección y educación para niñez desplazada y retornada; espacios amigables y apoyo psicosocial "
                "en comunidades de origen.",
                "Protection and education for displaced and returned children; child-friendly spaces and "
                "psychosocial support in home communities.",
            ),
            services=("psychosocial_support", "education", "reintegration_support", "information_orientation"),
            place=at("San Salvador", "San Salvador", 13.6890, -89.2380, "Colonia San Benito, calle La Reforma"),
            populations=(RET, IDP, FAM, ADO),
            ages=(0, 17),
            phones=(tel("SV", 3), tel("SV", 4, "whatsapp")),
            email=mail("savethechildren.sv"),
            website=site("sv/save-the-children"),
            hours=office(),
            languages=("es", "en"),
            verified=on(2026, 5, 19),
        ),
        InstitutionDemo(
            key="hogar",
            name="Hogar de Acogida Temporal Santa Ana (demo)",
            kind="faith_based",
            description=t(
                "Casa de acogida de ubicación confidencial para adolescentes víctimas de trata o de violencia. "
                "Protección, atención psicosocial y acompañamiento a la denuncia.",
                "Confidential-location shelter for adolescents who are victims of trafficking or violence. "
                "Protection, psychosocial care and support to report the crime.",
            ),
            services=("shelter", "violence_response", "anti_trafficking", "psychosocial_support"),
            place=_SANTA_ANA,
            populations=(ADO, UAC, LGBT),
            ages=(12, 17),
            phones=(tel("SV", 5, "hotline", "Ingreso 24 horas"),),
            email=mail("hogar.santaana.sv"),
            emergency_response=True,
            verified=on(2026, 7, 8),
        ),
    ),
    emergency_services=(
        child_line(
            "SV", "Línea de protección a la niñez 24 horas (demo)", "conna", 10, place=_SSV, verified=on(2026, 10, 5)
        ),
        EmergencyDemo(
            name="Punto de atención temporal a niñez retornada por vía aérea (demo)",
            institution="conna",
            description=t(
                "Servicio temporal de recepción de niñas y niños retornados en el aeropuerto. Cerrado al terminar "
                "su vigencia.",
                "Temporary reception point for returned children at the airport. Closed when its term ended.",
            ),
            services=("emergency_response", "reception_of_returned_children"),
            phones=(tel("SV", 11),),
            place=at(
                "San Luis Talpa",
                "La Paz",
                13.4409,
                -89.0557,
                "Aeropuerto Internacional San Óscar Arnulfo Romero, sala de llegadas",
            ),
            available_24h=False,
            hours=hours(("monday", "saturday", "06:00", "20:00")),
            coverage_areas=("La Paz",),
            valid_until=date(2025, 12, 31),
            verified=on(2025, 7, 1),
        ),
        EmergencyDemo(
            name="Acogida de emergencia 24 horas Santa Ana (demo)",
            institution="hogar",
            description=t(
                "Ingreso de emergencia, a cualquier hora, para adolescentes en riesgo. Ubicación confidencial.",
                "Emergency admission, at any hour, for adolescents at risk. Confidential location.",
            ),
            services=("shelter", "emergency_shelter", "violence_response"),
            phones=(tel("SV", 12, "hotline", "Ingreso de emergencia"),),
            place=_SANTA_ANA,
            coverage_areas=("Santa Ana", "Ahuachapán", "Sonsonate"),
        ),
    ),
    protection_systems=(
        SystemDemo(
            key="snpi",
            name="Sistema Nacional de Protección Integral de la Niñez y de la Adolescencia",
            description=t(
                "Sistema que coordina a las juntas de protección, las instituciones públicas y la sociedad civil "
                "para garantizar los derechos de la niñez, también en el retorno.",
                "System that coordinates protection boards, public institutions and civil society to guarantee "
                "children's rights, including on return.",
            ),
            lead="conna",
            website=site("sv/snpi"),
            verified=on(2026, 10, 5),
        ),
    ),
    focal_points=(
        focal(
            "SV",
            "Rosa Demo Hernández",
            "Jefa de la unidad de niñez migrante",
            "snpi",
            "conna",
            ("retorno", "protección especial"),
            30,
            verified=on(2026, 10, 5),
        ),
    ),
)

_CDMX = at("Ciudad de México", "Ciudad de México", 19.4326, -99.1332, "Colonia Centro, avenida Juárez")
_TAPACHULA = at("Tapachula", "Chiapas", 14.9030, -92.2575, "Colonia Centro, 4a avenida Norte")

MEXICO = CountryDemo(
    code="MX",
    time_zone="America/Mexico_City",
    institutions=(
        InstitutionDemo(
            key="sndif",
            name="Sistema Nacional para el Desarrollo Integral de la Familia",
            acronym="SNDIF",
            kind="government",
            description=t(
                "Atención y alojamiento de niñas, niños y adolescentes migrantes, acompañados o no, en centros de "
                "asistencia social; salud, atención psicosocial y reunificación familiar.",
                "Care and accommodation for accompanied and unaccompanied migrant children in social-assistance "
                "centres; health, psychosocial support and family reunification.",
            ),
            services=(
                "shelter",
                "emergency_shelter",
                "family_reunification",
                "reception_of_returned_children",
                "psychosocial_support",
                "health_care",
            ),
            place=at(
                "Ciudad de México", "Ciudad de México", 19.3570, -99.1620, "Colonia Xoco, Prolongación Xochicalco"
            ),
            populations=(UAC, SEP, FAM, RET, ASY),
            ages=(0, 17),
            phones=(tel("MX", 1),),
            email=mail("sndif.mx"),
            website=site("mx/sndif"),
            hours=office("09:00", "18:00"),
            languages=("es", "en"),
            emergency_response=True,
            verified=on(2026, 11, 10),
        ),
        InstitutionDemo(
            key="pfpnna",
            name="Procuraduría Federal de Protección de Niñas, Niños y Adolescentes",
            acronym="PFPNNA",
            kind="government",
            description=t(
                "Representación jurídica y planes de restitución de derechos para niñez migrante; determinación "
                "del interés superior y acceso a la protección internacional.",
                "Legal representation and rights-restoration plans for migrant children; best-interests "
                "determination and access to international protection.",
            ),
            services=("legal_assistance", "best_interests_procedures", "international_protection", "family_tracing"),
            place=_CDMX,
            populations=(UAC, SEP, ASY),
            ages=(0, 17),
            phones=(tel("MX", 2),),
            email=mail("pfpnna.mx"),
            hours=office("09:00", "18:00"),
            emergency_response=True,
            verified=on(2026, 9, 1),
        ),
        InstitutionDemo(
            key="comar",
            name="Comisión Mexicana de Ayuda a Refugiados",
            acronym="COMAR",
            kind="government",
            description=t(
                "Recibe y resuelve solicitudes de la condición de refugiado. Atención prioritaria a niñas, niños y "
                "familias; orientación en español, inglés, francés y criollo haitiano.",
                "Receives and decides refugee-status claims. Priority for children and families; guidance in "
                "Spanish, English, French and Haitian Creole.",
            ),
            services=("international_protection", "documentation", "information_orientation"),
            place=_TAPACHULA,
            populations=(ASY, FAM, UAC),
            phones=(tel("MX", 3),),
            email=mail("comar.mx"),
            website=site("mx/comar"),
            hours=office(
                "09:00", "15:00", note=t("Entrega de turnos hasta las 13:00.", "Tickets handed out until 13:00.")
            ),
            languages=("es", "en", "fr", "ht"),
            verified=on(2024, 11, 20),
        ),
        consulate(
            "MX",
            "GT",
            "Tapachula",
            "Tapachula",
            _TAPACHULA,
            4,
            languages=("es", "mam", "quc"),
            verified=on(2026, 5, 20),
        ),
        consulate("MX", "SV", "Ciudad de México", "Mexico City", _CDMX, 6),
    ),
    emergency_services=(
        child_line(
            "MX",
            "Línea DIF de protección a la niñez 24 horas (demo)",
            "sndif",
            10,
            languages=("es", "en"),
            extra=(tel("MX", 11, "whatsapp", "WhatsApp 24 horas"),),
            verified=on(2026, 11, 10),
        ),
        EmergencyDemo(
            name="Albergue de emergencia para niñez no acompañada — Tapachula (demo)",
            institution="sndif",
            description=t(
                "Acogida inmediata de niñas, niños y adolescentes no acompañados en la frontera sur. Ubicación "
                "confidencial; el ingreso se coordina con la Procuraduría de Protección.",
                "Immediate care for unaccompanied children at the southern border. Confidential location; admission "
                "is arranged with the Child Protection Office.",
            ),
            services=("shelter", "emergency_shelter", "health_care"),
            phones=(tel("MX", 12, "hotline", "Ingreso de emergencia"),),
            place=at("Tapachula", "Chiapas", 14.9150, -92.2650, "Colonia confidencial", confidential=True),
            coverage_areas=("Chiapas",),
            languages=("es", "en", "fr", "ht"),
            verified=on(2026, 8, 14),
        ),
        EmergencyDemo(
            name="Equipo móvil de protección en la frontera norte, Ciudad Juárez (demo)",
            institution="pfpnna",
            description=t(
                "Equipo temporal que atiende a niñas, niños y familias en la frontera norte, de noche y en fin de "
                "semana.",
                "Temporary team assisting children and families at the northern border, at night and at weekends.",
            ),
            services=("emergency_response", "mobile_response_team", "legal_assistance"),
            phones=(tel("MX", 13), tel("MX", 14, "sms")),
            place=at(
                "Ciudad Juárez",
                "Chihuahua",
                31.6904,
                -106.4245,
                "Puente Paso del Norte",
                time_zone="America/Ciudad_Juarez",
            ),
            available_24h=False,
            hours=hours(
                ("monday", "thursday", "18:00", "23:00"),
                ("friday", "sunday", "18:00", "06:00"),
                note=t(
                    "De viernes a domingo el turno termina a las 6:00.", "Friday to Sunday the shift ends at 06:00."
                ),
            ),
            coverage_areas=("Chihuahua",),
            valid_until=date(2027, 6, 30),
            verified=on(2026, 10, 30),
        ),
    ),
    protection_systems=(
        SystemDemo(
            key="sipinna",
            name="Sistema Nacional de Protección Integral de Niñas, Niños y Adolescentes (SIPINNA)",
            description=t(
                "Sistema que coordina a las autoridades federales, estatales y municipales para la protección de "
                "niñas, niños y adolescentes, con una comisión dedicada a la niñez migrante.",
                "System coordinating federal, state and municipal authorities for the protection of children, with "
                "a commission dedicated to migrant children.",
            ),
            website=site("mx/sipinna"),
            verified=on(2026, 7, 1),
        ),
        SystemDemo(
            key="dif",
            name="Sistema Nacional DIF y Procuradurías de Protección de Niñas, Niños y Adolescentes",
            description=t(
                "Red de sistemas DIF y procuradurías de protección federal y estatales que reciben y representan a "
                "la niñez migrante.",
                "Network of DIF systems and federal and state child-protection offices that receive and represent "
                "migrant children.",
            ),
            lead="sndif",
            website=site("mx/dif"),
            verified=on(2026, 11, 10),
        ),
    ),
    focal_points=(
        focal(
            "MX",
            "Laura Demo Gutiérrez",
            "Directora de enlace para niñez migrante",
            "sipinna",
            None,
            ("niñez migrante", "comisión de protección"),
            30,
            verified=on(2026, 7, 1),
        ),
        focal(
            "MX",
            "Jorge Ficticio Salinas",
            "Subprocurador de protección",
            "dif",
            "pfpnna",
            ("representación jurídica", "interés superior", "asilo"),
            31,
        ),
    ),
)

_SJO = at("San José", "San José", 9.9281, -84.0907, "Barrio Luján, avenida 6")
_ALAJUELA = at("Alajuela", "Alajuela", 10.0163, -84.2116, "Sector confidencial", confidential=True)

COSTA_RICA = CountryDemo(
    code="CR",
    time_zone="America/Costa_Rica",
    institutions=(
        InstitutionDemo(
            key="pani",
            name="Patronato Nacional de la Infancia",
            acronym="PANI",
            kind="government",
            description=t(
                "Institución rectora en niñez y adolescencia. Protección de niñas y niños migrantes no "
                "acompañados o separados, albergues y procedimientos de interés superior.",
                "Lead authority for children and adolescents. Protection of unaccompanied or separated migrant "
                "children, shelters and best-interests procedures.",
            ),
            services=(
                "emergency_response",
                "best_interests_procedures",
                "legal_assistance",
                "shelter",
                "family_reunification",
            ),
            place=_SJO,
            populations=(UAC, SEP, ASY, FAM),
            ages=(0, 17),
            phones=(tel("CR", 1),),
            email=mail("pani.cr"),
            website=site("cr/pani"),
            hours=office("07:00", "15:00"),
            languages=("es", "en"),
            emergency_response=True,
            verified=on(2026, 10, 1),
        ),
        InstitutionDemo(
            key="dgme",
            name="Dirección General de Migración y Extranjería",
            acronym="DGME",
            kind="government",
            description=t(
                "Unidad de Refugio: solicitudes de protección internacional y documentación de personas "
                "refugiadas, con atención prioritaria a la niñez.",
                "Refugee Unit: international protection claims and documentation for refugees, with priority for "
                "children.",
            ),
            services=("international_protection", "documentation", "information_orientation"),
            place=at("San José", "San José", 9.9490, -84.1100, "La Uruca, frente al Hospital México"),
            populations=(ASY, FAM),
            phones=(tel("CR", 2),),
            email=mail("dgme.cr"),
            hours=office(),
            verified=on(2024, 4, 22),
        ),
        consulate("CR", "NI", "San José", "San José", _SJO, 3, verified=on(2026, 2, 14)),
        unhcr("CR", at("San José", "San José", 9.9330, -84.0800, "Barrio Escalante"), 5),
        InstitutionDemo(
            key="alternativa",
            name="Alternativa de Protección para Adolescentes (demo)",
            kind="ngo",
            description=t(
                "Albergue de ubicación confidencial para adolescentes solicitantes de asilo o víctimas de trata. "
                "Atención psicosocial y acompañamiento en el procedimiento de refugio.",
                "Confidential-location shelter for adolescent asylum seekers or trafficking victims. Psychosocial "
                "care and support through the asylum procedure.",
            ),
            services=("shelter", "emergency_shelter", "violence_response", "anti_trafficking"),
            place=_ALAJUELA,
            populations=(ADO, UAC, ASY, LGBT),
            ages=(12, 17),
            phones=(tel("CR", 7, "hotline", "Ingreso 24 horas"),),
            email=mail("alternativa.cr"),
            languages=("es", "en"),
            emergency_response=True,
            verified=on(2026, 9, 27),
        ),
    ),
    emergency_services=(
        child_line(
            "CR",
            "Línea de atención a la niñez 24 horas del PANI (demo)",
            "pani",
            10,
            place=_SJO,
            languages=("es", "en"),
            verified=on(2026, 10, 1),
        ),
        EmergencyDemo(
            name="Equipo móvil de protección en Paso Canoas (demo)",
            institution="pani",
            description=t(
                "Atención a niñas, niños y familias en tránsito en la frontera con Panamá: identificación de "
                "niñez no acompañada y derivación.",
                "Assistance for children and families in transit at the border with Panama: identifying "
                "unaccompanied children and referral.",
            ),
            services=("emergency_response", "mobile_response_team", "information_orientation"),
            phones=(tel("CR", 11), tel("CR", 12, "whatsapp")),
            place=at("Paso Canoas", "Puntarenas", 8.5333, -82.8333, "Puesto fronterizo de Paso Canoas"),
            available_24h=False,
            hours=hours(("monday", "saturday", "07:00", "17:00")),
            coverage_areas=("Puntarenas",),
            languages=("es", "en", "fr"),
        ),
    ),
    protection_systems=(
        SystemDemo(
            key="snpi",
            name="Sistema Nacional de Protección Integral de los Derechos de la Niñez y la Adolescencia",
            description=t(
                "Sistema que articula al PANI, las juntas de protección y las instituciones públicas para la "
                "protección de toda niña, niño o adolescente en el país, sin importar su nacionalidad.",
                "System linking PANI, the protection boards and public institutions to protect every child in the "
                "country, whatever their nationality.",
            ),
            lead="pani",
            website=site("cr/snpi"),
            verified=on(2026, 10, 1),
        ),
    ),
    focal_points=(
        focal(
            "CR",
            "Sofía Demo Vargas",
            "Coordinadora de atención a personas menores de edad migrantes",
            "snpi",
            "pani",
            ("niñez no acompañada", "refugio"),
            30,
            verified=on(2026, 10, 1),
        ),
    ),
)

_PTY = at("Ciudad de Panamá", "Panamá", 8.9824, -79.5199, "Avenida Balboa")
_DARIEN = at("Metetí", "Darién", 8.4937, -77.9776, "Vía Panamericana")

PANAMA = CountryDemo(
    code="PA",
    time_zone="America/Panama",
    institutions=(
        InstitutionDemo(
            key="senniaf",
            name="Secretaría Nacional de Niñez, Adolescencia y Familia",
            acronym="SENNIAF",
            kind="government",
            description=t(
                "Protección de niñas, niños y adolescentes migrantes no acompañados, incluidos los que cruzan la "
                "selva del Darién: albergue, búsqueda de familia e interés superior.",
                "Protection of unaccompanied migrant children, including those crossing the Darién jungle: "
                "shelter, family tracing and best interests.",
            ),
            services=(
                "emergency_response",
                "best_interests_procedures",
                "shelter",
                "family_tracing",
                "legal_assistance",
            ),
            place=_PTY,
            populations=(UAC, SEP, ASY, FAM),
            ages=(0, 17),
            phones=(tel("PA", 1),),
            email=mail("senniaf.pa"),
            website=site("pa/senniaf"),
            hours=office(),
            emergency_response=True,
            verified=on(2026, 8, 25),
        ),
        replace(
            unicef("PA", at("Ciudad de Panamá", "Panamá", 8.9967, -79.5820, "Ciudad del Saber, edificio 102"), 2),
            key="unicef_lacro",
            name="UNICEF — Oficina Regional para América Latina y el Caribe",
            verified=on(2026, 6, 3),
        ),
        red_cross("PA", "Cruz Roja Panameña", _DARIEN, 3, verified=on(2024, 10, 10)),
        iom("PA", _PTY, 5),
    ),
    emergency_services=(
        child_line(
            "PA", "Línea de protección a la niñez 24 horas de SENNIAF (demo)", "senniaf", 10, verified=on(2026, 8, 25)
        ),
        EmergencyDemo(
            name="Punto de atención a la niñez en la Estación de Recepción Migratoria de Lajas Blancas (demo)",
            institution="senniaf",
            description=t(
                "Atención de niñas y niños que salían de la selva del Darién. Sin actividad desde el cierre de la "
                "estación.",
                "Care for children coming out of the Darién jungle. Inactive since the station closed.",
            ),
            services=("emergency_response", "mobile_response_team", "family_tracing"),
            phones=(tel("PA", 11),),
            place=at("Lajas Blancas", "Darién", 8.3080, -77.8200, "Estación de Recepción Migratoria"),
            available_24h=False,
            hours=hours(("monday", "sunday", "07:00", "18:00")),
            coverage_areas=("Darién",),
            languages=("es", "en", "fr", "ht"),
            status="inactive",
            verified=on(2024, 10, 10),
        ),
    ),
    protection_systems=(
        SystemDemo(
            key="garantias",
            name="Sistema de Garantías y Protección Integral de los Derechos de la Niñez y la Adolescencia",
            description=t(
                "Sistema creado por la Ley 285 de 2022 que coordina la protección de la niñez, incluida la niñez "
                "migrante en tránsito por Panamá.",
                "System created by Law 285 of 2022 that coordinates child protection, including migrant children in "
                "transit through Panama.",
            ),
            lead="senniaf",
            website=site("pa/garantias"),
            verified=on(2026, 8, 25),
        ),
    ),
    focal_points=(
        focal(
            "PA",
            "Diego Demo Castillo",
            "Jefe de protección especial",
            "garantias",
            "senniaf",
            ("Darién", "niñez en tránsito"),
            30,
            verified=on(2026, 8, 25),
        ),
    ),
)

_MGA = at("Managua", "Managua", 12.1364, -86.2514, "Bolonia, de la rotonda 2 cuadras al sur")

NICARAGUA = CountryDemo(
    code="NI",
    time_zone="America/Managua",
    institutions=(
        InstitutionDemo(
            key="mifan",
            name="Ministerio de la Familia, Adolescencia y Niñez",
            acronym="MIFAN",
            kind="government",
            description=t(
                "Protección especial de niñas, niños y adolescentes: recepción de niñez retornada, reunificación "
                "familiar y acogimiento temporal.",
                "Special protection for children and adolescents: reception of returned children, family "
                "reunification and temporary care.",
            ),
            services=(
                "emergency_response",
                "best_interests_procedures",
                "reception_of_returned_children",
                "family_reunification",
                "shelter",
            ),
            place=_MGA,
            populations=(UAC, RET, FAM),
            ages=(0, 17),
            phones=(tel("NI", 1),),
            email=mail("mifan.ni"),
            hours=office(),
            emergency_response=True,
            verified=on(2024, 8, 19),
        ),
        red_cross("NI", "Cruz Roja Nicaragüense", at("Managua", "Managua", 12.1270, -86.2700, "Reparto Belmonte"), 2),
        unicef(
            "NI",
            at("Managua", "Managua", 12.1150, -86.2360, "Los Robles, Pista Jean Paul Genie"),
            4,
            verified=on(2026, 2, 2),
        ),
    ),
    emergency_services=(
        child_line(
            "NI", "Línea de atención a la niñez 24 horas (demo)", "mifan", 10, place=_MGA, verified=on(2024, 8, 19)
        ),
        EmergencyDemo(
            name="Atención a niñez retornada en el puesto fronterizo El Guasaule (demo)",
            institution="mifan",
            description=t(
                "Recepción de niñas, niños y adolescentes retornados por tierra desde Honduras; alimentación y "
                "traslado a su familia.",
                "Reception of children returned overland from Honduras; food and transfer to their families.",
            ),
            services=("reception_of_returned_children", "mobile_response_team", "basic_needs"),
            phones=(tel("NI", 11),),
            place=at("Somotillo", "Chinandega", 13.0030, -86.9200, "Puesto fronterizo El Guasaule"),
            available_24h=False,
            hours=hours(("monday", "sunday", "06:00", "18:00")),
            coverage_areas=("Chinandega",),
        ),
    ),
    protection_systems=(
        SystemDemo(
            key="proteccion",
            name="Sistema de Atención y Protección Integral a la Niñez y la Adolescencia",
            description=t(
                "Coordinación de las instituciones del Estado para la protección especial de la niñez, con "
                "atención a la niñez migrante retornada.",
                "Coordination of state institutions for the special protection of children, including returned "
                "migrant children.",
            ),
            lead="mifan",
            verified=on(2024, 8, 19),
        ),
    ),
    focal_points=(
        focal(
            "NI",
            "Elena Ejemplo Mairena",
            "Responsable de protección especial",
            "proteccion",
            "mifan",
            ("retorno", "reunificación familiar"),
            30,
        ),
    ),
)

_SDQ = at("Santo Domingo", "Distrito Nacional", 18.4861, -69.9312, "Gazcue, avenida Máximo Gómez")

DOMINICAN_REPUBLIC = CountryDemo(
    code="DO",
    time_zone="America/Santo_Domingo",
    institutions=(
        InstitutionDemo(
            key="conani",
            name="Consejo Nacional para la Niñez y la Adolescencia",
            acronym="CONANI",
            kind="government",
            description=t(
                "Órgano rector del sistema de protección. Hogares de paso, atención a niñez víctima de violencia o "
                "trata y reunificación familiar, también para niñez migrante.",
                "Lead body of the protection system. Transit homes, care for child victims of violence or "
                "trafficking and family reunification, including for migrant children.",
            ),
            services=(
                "emergency_response",
                "best_interests_procedures",
                "shelter",
                "family_reunification",
                "legal_assistance",
                "violence_response",
            ),
            place=_SDQ,
            populations=(UAC, SEP, FAM, DIS),
            ages=(0, 17),
            phones=(tel("DO", 1),),
            email=mail("conani.do"),
            website=site("do/conani"),
            hours=office(),
            languages=("es", "ht"),
            emergency_response=True,
            verified=on(2026, 9, 9),
        ),
        iom("DO", _SDQ, 2, verified=on(2026, 1, 15)),
        replace(
            iom("DO", at("Dajabón", "Dajabón", 19.5486, -71.7083, "Calle Duarte"), 3),
            key="iom_dajabon",
            name="OIM — Oficina de enlace en Dajabón (demo)",
            description=t(
                "Oficina temporal de orientación en la frontera norte. Cerrada: sus servicios pasaron a la oficina "
                "de Santo Domingo.",
                "Temporary guidance office at the northern border. Closed: its services moved to the Santo Domingo "
                "office.",
            ),
            status="inactive",
            verified=on(2024, 1, 30),
        ),
        red_cross(
            "DO",
            "Cruz Roja Dominicana",
            at("Santo Domingo", "Distrito Nacional", 18.4720, -69.9100, "Ensanche Miraflores"),
            4,
        ),
    ),
    emergency_services=(
        child_line(
            "DO",
            "Línea de protección a la niñez 24 horas de CONANI (demo)",
            "conani",
            10,
            languages=("es", "ht"),
            verified=on(2026, 9, 9),
        ),
        EmergencyDemo(
            name="Hogar de paso de emergencia para niñas, niños y adolescentes (demo)",
            institution="conani",
            description=t(
                "Acogida de emergencia las 24 horas para niñez separada o víctima de trata en la región norte. "
                "Ubicación confidencial.",
                "24-hour emergency care for separated children or trafficking victims in the northern region. "
                "Confidential location.",
            ),
            services=("shelter", "emergency_shelter", "violence_response", "anti_trafficking"),
            phones=(tel("DO", 11, "hotline", "Ingreso de emergencia"),),
            place=at(
                "Santiago de los Caballeros", "Santiago", 19.4517, -70.6970, "Sector confidencial", confidential=True
            ),
            coverage_areas=("Santiago", "Dajabón", "Montecristi"),
            languages=("es", "ht"),
            verified=on(2026, 9, 9),
        ),
    ),
    protection_systems=(
        SystemDemo(
            key="sistema",
            name="Sistema Nacional de Protección de los Derechos de los Niños, Niñas y Adolescentes",
            description=t(
                "Sistema creado por la Ley 136-03 que coordina a las instituciones de protección de la niñez en el "
                "país.",
                "System created by Law 136-03 that coordinates the country's child-protection institutions.",
            ),
            lead="conani",
            website=site("do/sistema"),
            verified=on(2026, 9, 9),
        ),
    ),
    focal_points=(
        focal(
            "DO",
            "Miguel Demo Peña",
            "Encargado de niñez migrante",
            "sistema",
            "conani",
            ("trata", "niñez separada"),
            30,
            verified=on(2026, 9, 9),
        ),
    ),
)

_BMP = at("Belmopan", "Cayo", 17.2510, -88.7590, "Independence Plaza")
_BZE = at("Belize City", "Belize", 17.5046, -88.1962, "Regent Street")

BELIZE = CountryDemo(
    code="BZ",
    time_zone="America/Belize",
    institutions=(
        InstitutionDemo(
            key="dhs",
            name="Department of Human Services",
            acronym="DHS",
            kind="government",
            description=t(
                "Servicios de protección de la niñez de Belice: atención a niñas y niños no acompañados, "
                "acogimiento y procedimientos de interés superior.",
                "Belize's child-protection services: care for unaccompanied children, foster care and "
                "best-interests procedures.",
            ),
            services=(
                "emergency_response",
                "best_interests_procedures",
                "shelter",
                "family_tracing",
                "legal_assistance",
            ),
            place=_BMP,
            populations=(UAC, SEP, ASY, FAM),
            ages=(0, 17),
            phones=(tel("BZ", 1), tel("BZ", 2, "whatsapp")),
            email=mail("dhs.bz"),
            website=site("bz/dhs"),
            hours=office("08:00", "17:00", note=t("Horario de oficina.", "Office hours.")),
            languages=("en", "es", "bzj"),
            emergency_response=True,
            verified=on(2026, 7, 7),
        ),
        unhcr("BZ", _BMP, 3, verified=on(2026, 3, 30)),
        unicef("BZ", _BZE, 5),
        replace(
            red_cross(
                "BZ", "Belize Red Cross Society", at("Belize City", "Belize", 17.4986, -88.1886, "Gabourel Lane"), 6
            ),
            languages=("en", "es", "bzj", "cab"),
        ),
    ),
    emergency_services=(
        child_line(
            "BZ", "Child protection 24-hour line (demo)", "dhs", 10, languages=("en", "es"), verified=on(2026, 7, 7)
        ),
        EmergencyDemo(
            name="Border reception desk, Benque Viejo del Carmen (demo)",
            institution="dhs",
            description=t(
                "Recepción y orientación de niñas, niños y familias que cruzan desde Guatemala; derivación a "
                "protección y asilo.",
                "Reception and guidance for children and families crossing from Guatemala; referral to protection "
                "and asylum.",
            ),
            services=("mobile_response_team", "information_orientation", "international_protection"),
            phones=(tel("BZ", 11),),
            place=at("Benque Viejo del Carmen", "Cayo", 17.0747, -89.1386, "Western Border Station"),
            available_24h=False,
            hours=office("08:00", "17:00", note=t("Lunes a viernes.", "Monday to Friday.")),
            coverage_areas=("Cayo",),
            languages=("en", "es"),
        ),
    ),
    protection_systems=(
        SystemDemo(
            key="ncfc",
            name="Belize Child Protection System (National Committee for Families and Children)",
            description=t(
                "Sistema de protección de la niñez coordinado por el Comité Nacional para las Familias y la Niñez, "
                "con el Department of Human Services como servicio de protección.",
                "Child-protection system coordinated by the National Committee for Families and Children, with the "
                "Department of Human Services as the protection service.",
            ),
            lead="dhs",
            website=site("bz/ncfc"),
            verified=on(2026, 7, 7),
        ),
    ),
    focal_points=(
        focal(
            "BZ",
            "Grace Demo Young",
            "Child protection liaison officer",
            "ncfc",
            "dhs",
            ("unaccompanied children", "asylum"),
            30,
            verified=on(2026, 7, 7),
        ),
    ),
)

_OTTAWA = at("Ottawa", "Ontario", 45.4215, -75.6972, "Laurier Avenue West")
_MONTREAL = at("Montréal", "Québec", 45.5019, -73.5674, "Rue Saint-Denis")

CANADA = CountryDemo(
    code="CA",
    time_zone="America/Toronto",
    institutions=(
        InstitutionDemo(
            key="ircc",
            name="Immigration, Refugees and Citizenship Canada",
            acronym="IRCC",
            kind="government",
            description=t(
                "Solicitudes de asilo presentadas en Canadá, documentos de personas refugiadas y reunificación "
                "familiar; atención prioritaria a la niñez.",
                "In-Canada asylum claims, refugee documents and family reunification; priority for children.",
                "Demandes d'asile présentées au Canada, documents des personnes réfugiées et réunification "
                "familiale; priorité aux enfants.",
            ),
            services=("international_protection", "documentation", "family_reunification", "information_orientation"),
            place=_OTTAWA,
            populations=(ASY, FAM, UAC),
            phones=(tel("CA", 1, "voice", "Client support centre"),),
            email=mail("ircc.ca"),
            website=site("ca/ircc"),
            hours=office(
                "08:00",
                "16:00",
                note=t("Hora del Este.", "Eastern time.", "Heure de l'Est."),
            ),
            languages=("en", "fr"),
            verified=on(2026, 4, 15),
        ),
        InstitutionDemo(
            key="cas",
            name="Children's Aid Society of Toronto",
            acronym="CAST",
            kind="ngo",
            description=t(
                "Agencia de protección de la niñez de Toronto: atención a niñas, niños y adolescentes en riesgo, "
                "incluidos los menores no acompañados que solicitan asilo.",
                "Toronto's child-welfare agency: care for children and youth at risk, including unaccompanied "
                "minors claiming asylum.",
                "Agence de protection de l'enfance de Toronto : aide aux enfants et aux jeunes en danger, y compris "
                "les mineurs non accompagnés demandeurs d'asile.",
            ),
            services=(
                "emergency_response",
                "best_interests_procedures",
                "shelter",
                "psychosocial_support",
                "violence_response",
            ),
            place=at("Toronto", "Ontario", 43.6532, -79.3832, "Charles Street East"),
            populations=(UAC, SEP, ADO, LGBT, IND),
            ages=(0, 17),
            phones=(tel("CA", 2),),
            email=mail("cas.toronto.ca"),
            website=site("ca/cas-toronto"),
            hours=office("08:30", "16:30"),
            languages=("en", "fr"),
            emergency_response=True,
            verified=on(2024, 6, 30),
        ),
        InstitutionDemo(
            key="dpj",
            name="Direction de la protection de la jeunesse de Montréal",
            acronym="DPJ",
            kind="government",
            description=t(
                "Protección de la juventud en Montreal: evaluación de situaciones de riesgo y protección de "
                "menores no acompañados.",
                "Youth protection in Montreal: assessing children at risk and protecting unaccompanied minors.",
                "Protection de la jeunesse à Montréal : évaluation des signalements et protection des mineurs non "
                "accompagnés.",
            ),
            services=("emergency_response", "best_interests_procedures", "violence_response", "family_reunification"),
            place=_MONTREAL,
            populations=(UAC, SEP, ASY),
            ages=(0, 17),
            phones=(tel("CA", 3, "voice", "Accueil (numéro de démonstration)", "fr"),),
            email=mail("dpj.montreal.ca"),
            website=site("ca/dpj"),
            hours=office("08:30", "16:30", note=t("Hora del Este.", "Eastern time.", "Heure de l'Est.")),
            languages=("fr", "en"),
            emergency_response=True,
            verified=on(2026, 10, 28),
        ),
        replace(unhcr("CA", _OTTAWA, 4), languages=("en", "fr")),
    ),
    emergency_services=(
        EmergencyDemo(
            name="Ligne d'urgence jeunesse 24/7 — DPJ Montréal (démo)",
            institution="dpj",
            description=t(
                "Línea de emergencia 24 horas para señalar a un niño o una niña en peligro en Montreal.",
                "24-hour emergency line to report a child in danger in Montreal.",
                "Ligne d'urgence 24 heures sur 24 pour signaler un enfant en danger à Montréal.",
            ),
            services=("emergency_response", "emergency_hotline"),
            phones=(tel("CA", 10, "hotline", "Ligne d'urgence 24/7 (numéro fictif de démonstration)", "fr"),),
            place=_MONTREAL,
            coverage_areas=("Québec",),
            languages=("fr", "en"),
            verified=on(2026, 10, 28),
        ),
        EmergencyDemo(
            name="Children's Aid after-hours emergency line (demo)",
            institution="cas",
            description=t(
                "Línea de emergencia fuera del horario de oficina: noches entre semana y fines de semana completos.",
                "Emergency line outside office hours: weeknights and all weekend.",
                "Ligne d'urgence en dehors des heures de bureau : soirs de semaine et fins de semaine.",
            ),
            services=("emergency_response", "emergency_hotline"),
            phones=(tel("CA", 11, "hotline", "After-hours line"),),
            available_24h=False,
            hours=hours(
                ("monday", "friday", "16:30", "08:30"),
                ("saturday", "sunday", "00:00", "24:00"),
                note=t("Fuera del horario de oficina.", "Outside office hours.", "En dehors des heures de bureau."),
            ),
            coverage_areas=("Ontario",),
            languages=("en", "fr"),
        ),
    ),
    protection_systems=(
        SystemDemo(
            key="asylum",
            name="In-Canada asylum and refugee protection system",
            description=t(
                "Procedimiento de asilo en Canadá, con un representante designado para cada niño o niña no acompañado.",
                "Canada's in-Canada asylum procedure, with a designated representative for every unaccompanied child.",
                "Procédure d'asile au Canada, avec un représentant désigné pour chaque enfant non accompagné.",
            ),
            lead="ircc",
            website=site("ca/asylum"),
            verified=on(2026, 4, 15),
        ),
        SystemDemo(
            key="pj_quebec",
            name="Système de protection de la jeunesse du Québec",
            description=t(
                "Sistema provincial de protección de la juventud de Quebec, aplicado por las direcciones "
                "regionales de protección de la juventud.",
                "Quebec's provincial youth-protection system, run by the regional youth-protection directorates.",
                "Système provincial de protection de la jeunesse, appliqué par les directions régionales de la "
                "protection de la jeunesse.",
            ),
            lead="dpj",
            website=site("ca/pj-quebec"),
        ),
    ),
    focal_points=(
        focal(
            "CA",
            "Jean Exemple Tremblay",
            "Liaison officer, migrant children",
            "asylum",
            "ircc",
            ("asylum", "unaccompanied minors"),
            30,
            verified=on(2026, 4, 15),
        ),
        focal(
            "CA",
            "Émilie Démo Gagnon",
            "Agente de liaison, mineurs non accompagnés",
            "pj_quebec",
            "dpj",
            ("mineurs non accompagnés", "signalements"),
            31,
        ),
    ),
)

_DC = at("Washington", "District of Columbia", 38.8865, -77.0160, "C Street SW")

UNITED_STATES = CountryDemo(
    code="US",
    time_zone="America/New_York",
    institutions=(
        InstitutionDemo(
            key="orr",
            name="Office of Refugee Resettlement — Unaccompanied Children Program",
            acronym="ORR",
            kind="government",
            description=t(
                "Cuidado y custodia de niñas, niños y adolescentes no acompañados: albergue, salud, educación, "
                "servicios legales y entrega segura a un patrocinador.",
                "Care and custody of unaccompanied children: shelter, health care, education, legal services and "
                "safe release to a sponsor.",
            ),
            services=(
                "shelter",
                "best_interests_procedures",
                "family_reunification",
                "health_care",
                "legal_assistance",
                "education",
            ),
            place=_DC,
            populations=(UAC,),
            ages=(0, 17),
            phones=(tel("US", 1),),
            email=mail("orr.us"),
            website=site("us/orr"),
            hours=office("09:00", "17:00"),
            languages=("en", "es", "quc", "mam"),
            emergency_response=True,
            verified=on(2026, 6, 1),
        ),
        InstitutionDemo(
            key="kind",
            name="Kids in Need of Defense",
            acronym="KIND",
            kind="ngo",
            description=t(
                "Representación legal gratuita para niñas, niños y jóvenes no acompañados en procedimientos de "
                "inmigración y asilo.",
                "Free legal representation for unaccompanied children and youth in immigration and asylum proceedings.",
            ),
            services=("legal_assistance", "international_protection", "reintegration_support"),
            place=at("Washington", "District of Columbia", 38.9050, -77.0350, "K Street NW"),
            populations=(UAC, ASY, ADO),
            ages=(0, 21),
            phones=(tel("US", 2), tel("US", 3, "sms")),
            email=mail("kind.us"),
            website=site("us/kind"),
            hours=office("09:00", "17:30"),
            languages=("en", "es"),
            verified=on(2026, 11, 15),
        ),
        consulate(
            "US",
            "HN",
            "Houston",
            "Houston",
            at("Houston", "Texas", 29.7604, -95.3698, "Richmond Avenue", time_zone="America/Chicago"),
            4,
            verified=on(2026, 9, 30),
        ),
        consulate(
            "US",
            "GT",
            "Los Ángeles",
            "Los Angeles",
            at("Los Angeles", "California", 34.0522, -118.2437, "Wilshire Boulevard", time_zone="America/Los_Angeles"),
            6,
            languages=("es", "en", "quc", "mam"),
            verified=on(2024, 2, 20),
        ),
    ),
    emergency_services=(
        child_line(
            "US",
            "ORR National Call Center for unaccompanied children (demo)",
            "orr",
            10,
            place=_DC,
            languages=("en", "es"),
            description=t(
                "Línea gratuita, las 24 horas, para niñas, niños y adolescentes y sus patrocinadores después de la "
                "entrega: preocupaciones de seguridad, acceso a servicios y preguntas sobre el caso.",
                "Free 24-hour line for children and their sponsors after release: safety concerns, access to "
                "services and questions about the case.",
            ),
            verified=on(2026, 6, 1),
        ),
        EmergencyDemo(
            name="Consular emergency line for Honduran children (demo)",
            institution="consulate_hn",
            description=t(
                "Línea consular de emergencia, las 24 horas, para niñas, niños y familias hondureñas detenidos o "
                "en riesgo en Texas y Luisiana.",
                "24-hour consular emergency line for Honduran children and families detained or at risk in Texas "
                "and Louisiana.",
            ),
            services=("emergency_response", "emergency_hotline", "consular_assistance"),
            phones=(tel("US", 11, "hotline", "Consular emergency line"), tel("US", 12, "whatsapp")),
            place=at("Houston", "Texas", 29.7604, -95.3698, "Richmond Avenue", time_zone="America/Chicago"),
            coverage_areas=("Texas", "Louisiana"),
            languages=("es", "en"),
            verified=on(2026, 9, 30),
        ),
    ),
    protection_systems=(
        SystemDemo(
            key="uc_program",
            name="Unaccompanied Children Program (system of care)",
            description=t(
                "Red de albergues, hogares de acogida y proveedores de servicios que cuidan a la niñez no "
                "acompañada bajo la custodia de la Office of Refugee Resettlement.",
                "Network of shelters, foster homes and service providers caring for unaccompanied children in the "
                "custody of the Office of Refugee Resettlement.",
            ),
            lead="orr",
            website=site("us/uc-program"),
            verified=on(2026, 6, 1),
        ),
    ),
    focal_points=(
        focal(
            "US",
            "Jordan Sample Rivera",
            "Liaison officer, Unaccompanied Children Program",
            "uc_program",
            "orr",
            ("unaccompanied children", "sponsors", "family reunification"),
            30,
            verified=on(2026, 6, 1),
        ),
    ),
)

COUNTRIES: tuple[CountryDemo, ...] = (
    BELIZE,
    CANADA,
    COSTA_RICA,
    DOMINICAN_REPUBLIC,
    EL_SALVADOR,
    GUATEMALA,
    HONDURAS,
    MEXICO,
    NICARAGUA,
    PANAMA,
    UNITED_STATES,
)
