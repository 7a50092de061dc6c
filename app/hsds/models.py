"""HSDS 3.0 objects as this API answers them, with the profile's `rcm_*` extension properties.

Every field is optional here: an absent value is left out of the answer (HSDS types do not allow null), and
which fields are filled depends on the endpoint (a list item is flat, a single object is fully nested). The
official schemas allow additional properties, so the `rcm_*` extensions never break validation; they are
documented in docs/hsds-profile.md.
"""

from datetime import date, datetime
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

TRANSLATIONS_DESCRIPTION = (
    "Profile extension: every stored translation of the text fields, by field then BCP 47 tag. The field itself "
    "carries the text in the language asked for (with ?lang= or Accept-Language)."
)
TEXT_LANGUAGES_DESCRIPTION = "Profile extension: the language of the text each translated field carries."

# The profile's translation extension, declared last in each model that has text fields.
Translations = Annotated[dict[str, dict[str, str]] | None, Field(description=TRANSLATIONS_DESCRIPTION)]
TextLanguages = Annotated[dict[str, str] | None, Field(description=TEXT_LANGUAGES_DESCRIPTION)]


class HsdsModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HsdsApiInfo(HsdsModel):
    version: str = Field(description="HSDS version of this API.", examples=["3.0"])
    profile: str = Field(description="URL of the documentation of this API's HSDS profile.")
    openapi_url: str = Field(description="URL of the OpenAPI document that defines this API.")


class HsdsTaxonomy(HsdsModel):
    id: str
    name: str
    description: str
    uri: str | None = None
    version: str | None = None
    rcm_translations: Translations = None
    rcm_text_languages: TextLanguages = None


class HsdsTaxonomyTerm(HsdsModel):
    id: str
    code: str | None = None
    name: str
    description: str
    parent_id: str | None = None
    taxonomy: str | None = None
    taxonomy_detail: HsdsTaxonomy | None = None
    language: str | None = None
    taxonomy_id: str | None = None
    rcm_translations: Translations = None
    rcm_text_languages: TextLanguages = None


class HsdsAttribute(HsdsModel):
    id: str
    link_id: str | None = None
    taxonomy_term_id: str | None = None
    link_type: str | None = None
    link_entity: str | None = None
    value: str | None = None
    taxonomy_term: HsdsTaxonomyTerm | None = None


class HsdsLanguage(HsdsModel):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    code: str | None = None


class HsdsPhone(HsdsModel):
    id: str
    location_id: str | None = None
    service_id: str | None = None
    organization_id: str | None = None
    contact_id: str | None = None
    number: str
    type: str | None = None
    description: str | None = None


class HsdsContact(HsdsModel):
    id: str
    organization_id: str | None = None
    name: str | None = None
    title: str | None = None
    email: str | None = None
    phones: list[HsdsPhone] | None = None


class HsdsAddress(HsdsModel):
    id: str
    location_id: str | None = None
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str = Field(description="ISO 3166-1 alpha-2 code.")
    address_type: str


class HsdsLocation(HsdsModel):
    id: str
    location_type: str
    organization_id: str | None = None
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[HsdsAddress] | None = None
    rcm_location_confidential: bool | None = Field(
        default=None,
        description="Profile extension: true for a confidential location (a shelter), which publishes only its "
        "city and area: no street address and no coordinates.",
    )


class HsdsSchedule(HsdsModel):
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
    rcm_translations: Translations = None
    rcm_text_languages: TextLanguages = None


class HsdsServiceArea(HsdsModel):
    id: str
    service_id: str | None = None
    name: str | None = None
    extent_type: str | None = None
    rcm_translations: Translations = None
    rcm_text_languages: TextLanguages = None


class HsdsServiceAtLocation(HsdsModel):
    id: str
    service_id: str | None = None
    location_id: str | None = None
    location: HsdsLocation | None = None
    service: "HsdsService | None" = None


class HsdsOrganization(HsdsModel):
    id: str
    name: str
    alternate_name: str | None = None
    description: str
    email: str | None = None
    website: str | None = None
    contacts: list[HsdsContact] | None = None
    phones: list[HsdsPhone] | None = None
    locations: list[HsdsLocation] | None = None
    services: "list[HsdsService] | None" = None
    rcm_country_code: str | None = Field(default=None, description="Profile extension: ISO 3166-1 alpha-2 code.")
    rcm_kind: str | None = Field(
        default=None,
        description="Profile extension: the kind of institution (government, ngo, consulate...); `service` for an "
        "organization that stands for an emergency service with no published institution.",
    )
    rcm_demo: bool | None = Field(default=None, description="Profile extension: true for fictitious demo data.")
    rcm_translations: Translations = None
    rcm_text_languages: TextLanguages = None


class HsdsService(HsdsModel):
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
    phones: list[HsdsPhone] | None = None
    schedules: list[HsdsSchedule] | None = None
    service_areas: list[HsdsServiceArea] | None = None
    service_at_locations: list[HsdsServiceAtLocation] | None = None
    languages: list[HsdsLanguage] | None = None
    organization: HsdsOrganization | None = None
    attributes: list[HsdsAttribute] | None = None
    rcm_country_code: str | None = Field(default=None, description="Profile extension: ISO 3166-1 alpha-2 code.")
    rcm_demo: bool | None = Field(default=None, description="Profile extension: true for fictitious demo data.")
    rcm_translations: Translations = None
    rcm_text_languages: TextLanguages = None


HsdsServiceAtLocation.model_rebuild()
HsdsOrganization.model_rebuild()


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
