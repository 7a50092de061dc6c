"""HSDS 3.0 objects as this API answers them, with the profile's `rcm_*` extension properties.

Every field is optional here: an absent value is left out of the answer (HSDS types do not allow null), and
which fields are filled depends on the endpoint (a list item is flat, a single object is fully nested). The
official schemas allow additional properties, so the `rcm_*` extensions never break validation; they are
documented in docs/hsds-profile.md.
"""

from datetime import date, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

Translations = dict[str, dict[str, str]]
TextLanguages = dict[str, str]

TRANSLATIONS_DESCRIPTION = (
    "Profile extension: every stored translation of the text fields, by field then BCP 47 tag. The field itself "
    "carries the text in the language asked for (with ?lang= or Accept-Language)."
)
TEXT_LANGUAGES_DESCRIPTION = "Profile extension: the language of the text each translated field carries."


class HsdsModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Translated(HsdsModel):
    rcm_translations: Translations | None = Field(default=None, description=TRANSLATIONS_DESCRIPTION)
    rcm_text_languages: TextLanguages | None = Field(default=None, description=TEXT_LANGUAGES_DESCRIPTION)


class ApiInfo(HsdsModel):
    version: str = Field(description="HSDS version of this API.", examples=["3.0"])
    profile: str = Field(description="URL of the documentation of this API's HSDS profile.")
    openapi_url: str = Field(description="URL of the OpenAPI document that defines this API.")


class Taxonomy(Translated):
    id: str
    name: str
    description: str
    uri: str | None = None
    version: str | None = None


class TaxonomyTerm(Translated):
    id: str
    code: str | None = None
    name: str
    description: str
    parent_id: str | None = None
    taxonomy: str | None = None
    taxonomy_detail: Taxonomy | None = None
    language: str | None = None
    taxonomy_id: str | None = None


class Attribute(HsdsModel):
    id: str
    link_id: str | None = None
    taxonomy_term_id: str | None = None
    link_type: str | None = None
    link_entity: str | None = None
    value: str | None = None
    taxonomy_term: TaxonomyTerm | None = None


class Language(HsdsModel):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    code: str | None = None


class Phone(HsdsModel):
    id: str
    location_id: str | None = None
    service_id: str | None = None
    organization_id: str | None = None
    contact_id: str | None = None
    number: str
    type: str | None = None
    description: str | None = None


class Contact(HsdsModel):
    id: str
    organization_id: str | None = None
    name: str | None = None
    title: str | None = None
    email: str | None = None
    phones: list[Phone] | None = None


class Address(HsdsModel):
    id: str
    location_id: str | None = None
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str = Field(description="ISO 3166-1 alpha-2 code.")
    address_type: str


class Location(HsdsModel):
    id: str
    location_type: str
    organization_id: str | None = None
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[Address] | None = None
    rcm_location_confidential: bool | None = Field(
        default=None,
        description="Profile extension: true for a confidential location (a shelter), which publishes only its "
        "city and area: no street address and no coordinates.",
    )


class Schedule(Translated):
    id: str
    service_id: str | None = None
    freq: str | None = None
    wkst: str | None = None
    byday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    description: str | None = None
    rcm_time_zone: str | None = Field(
        default=None, description="Profile extension: the IANA time zone of opens_at and closes_at."
    )


class ServiceArea(Translated):
    id: str
    service_id: str | None = None
    name: str | None = None
    extent_type: str | None = None


class ServiceAtLocation(HsdsModel):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    location: Location | None = None
    service: "Service | None" = None


class Organization(Translated):
    id: str
    name: str
    alternate_name: str | None = None
    description: str
    email: str | None = None
    website: str | None = None
    contacts: list[Contact] | None = None
    phones: list[Phone] | None = None
    locations: list[Location] | None = None
    services: "list[Service] | None" = None
    rcm_country_code: str | None = Field(default=None, description="Profile extension: ISO 3166-1 alpha-2 code.")
    rcm_kind: str | None = Field(
        default=None,
        description="Profile extension: the kind of institution (government, ngo, consulate...); `service` for an "
        "organization that stands for an emergency service with no published institution.",
    )
    rcm_demo: bool | None = Field(default=None, description="Profile extension: true for fictitious demo data.")


class Service(Translated):
    id: str
    organization_id: str | None = None
    name: str
    alternate_name: str | None = None
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str
    fees_description: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    assured_date: date | None = None
    last_modified: datetime | None = None
    phones: list[Phone] | None = None
    schedules: list[Schedule] | None = None
    service_areas: list[ServiceArea] | None = None
    service_at_locations: list[ServiceAtLocation] | None = None
    languages: list[Language] | None = None
    organization: Organization | None = None
    attributes: list[Attribute] | None = None
    rcm_country_code: str | None = Field(default=None, description="Profile extension: ISO 3166-1 alpha-2 code.")
    rcm_demo: bool | None = Field(default=None, description="Profile extension: true for fictitious demo data.")


ServiceAtLocation.model_rebuild()
Organization.model_rebuild()


class HsdsPage(HsdsModel, Generic[T]):
    """The HSDS page shape. Pages are numbered from 1."""

    total_items: int = Field(description="How many items match, over all pages.")
    total_pages: int
    page_number: int
    size: int = Field(description="How many items this page holds.")
    first_page: bool
    last_page: bool
    empty: bool = Field(description="True when this page holds no item.")
    contents: list[T]
