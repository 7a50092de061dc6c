"""What every page needs from the request: the language (in the URL, as shared links keep it), the search
filters of the API (validated by the API's own dependencies), and the records named in the path."""

from dataclasses import dataclass
from typing import Annotated, TypeVar
from urllib.parse import urlsplit

from fastapi import Depends, Form, Header, Path, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import SettingsDep
from app.core.db import SessionDep
from app.core.errors import ForbiddenError, InvalidParameterError, found
from app.core.i18n import Localizer, is_language_tag, normalize_tag, parse_accept_language
from app.core.models import Published
from app.core.vocabulary import Population
from app.countries import repository as countries
from app.countries.dependencies import CountryFilterDep
from app.countries.models import Country
from app.emergency_services.models import EmergencyService
from app.institutions.models import Institution
from app.records import repository as records
from app.service_types.dependencies import ServiceTypeFilterDep
from app.site.texts import SITE_LANGUAGES

MAX_AGE = 120
MAX_QUERY_LENGTH = 200
MAX_PAGE = 10_000
# Ids are UUIDs; anything longer is no record of ours (a 404 like any unknown id, not a validation error).
MAX_ID_LENGTH = 64

R = TypeVar("R", bound=Published)


@dataclass(frozen=True)
class PageLanguage:
    """`ui`: the language of the page's own words (es or en); `tag`: the language asked for, which every link
    keeps; `localizer`: picks each record's text along the API's fallback chain (the tag, then es, then en)."""

    ui: str
    tag: str
    localizer: Localizer


def page_language(preferences: list[str], fallbacks: tuple[str, ...]) -> PageLanguage:
    localizer = Localizer(preferences, fallbacks)
    ui = next((tag for tag in localizer.chain if tag in SITE_LANGUAGES), SITE_LANGUAGES[0])
    return PageLanguage(ui=ui, tag=localizer.chain[0], localizer=localizer)


async def _page_language(
    settings: SettingsDep,
    lang: Annotated[str | None, Query()] = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> PageLanguage:
    lang = (lang or "").strip()
    if lang and (len(lang) > 35 or not is_language_tag(lang)):
        raise InvalidParameterError("query", "lang", "must be a language tag such as 'es' or 'en'")
    preferences = [normalize_tag(lang)] if lang else parse_accept_language(accept_language)
    return page_language(preferences, settings.fallback_languages)


PageLanguageDep = Annotated[PageLanguage, Depends(_page_language)]


@dataclass(frozen=True)
class SearchParams:
    """The API's institution filters as the search form sends them (an empty field means no filter)."""

    countries: list[str] | None
    chosen_service_types: list[str] | None
    service_types: set[str] | None
    populations: list[str] | None
    age: int | None
    q: str | None
    page: int

    def query(self, page: int | None = None) -> dict[str, str | int | list[str]]:
        """The filters as query parameters (and a page number), for links to other pages of the same results."""
        values: dict[str, str | int | list[str] | None] = {
            "country": self.countries,
            "service_type": self.chosen_service_types,
            "population": self.populations,
            "age": self.age,
            "q": self.q,
            "page": page if page and page > 1 else None,
        }
        return {name: value for name, value in values.items() if value is not None}


def _whole_number(field: str, raw: str | None, low: int, high: int) -> int | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        raise InvalidParameterError("query", field, f"must be a whole number from {low} to {high}")
    return int(raw)


async def _search_params(
    countries: CountryFilterDep,
    service_types: ServiceTypeFilterDep,
    service_type: Annotated[list[str] | None, Query()] = None,
    population: Annotated[list[str] | None, Query()] = None,
    age: Annotated[str | None, Query()] = None,
    q: Annotated[str | None, Query()] = None,
    page: Annotated[str | None, Query()] = None,
) -> SearchParams:
    chosen = sorted({code.strip().lower() for code in service_type or () if code.strip()})
    populations = sorted({value.strip() for value in population or () if value.strip()})
    unknown = [value for value in populations if value not in Population.__members__]
    if unknown:
        raise InvalidParameterError("query", "population", f"unknown population(s): {', '.join(unknown)}")
    text = " ".join((q or "").split())
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidParameterError("query", "q", f"must be at most {MAX_QUERY_LENGTH} characters")
    return SearchParams(
        countries=countries,
        chosen_service_types=chosen or None,
        service_types=service_types,
        populations=populations or None,
        age=_whole_number("age", age, 0, MAX_AGE),
        q=text or None,
        page=_whole_number("page", page, 1, MAX_PAGE) or 1,
    )


SearchParamsDep = Annotated[SearchParams, Depends(_search_params)]


async def _country(session: SessionDep, code: Annotated[str, Path()]) -> Country:
    country = await countries.get_country(session, code.upper()) if len(code) == 2 else None
    return found(country, f"country with code '{code.upper()[:8]}'")


async def _published(session: AsyncSession, table: type[R], record_id: str, noun: str) -> R:
    record = await records.get_public(session, table, record_id) if len(record_id) <= MAX_ID_LENGTH else None
    return found(record, f"published {noun} with this id")


async def _institution(session: SessionDep, institution_id: Annotated[str, Path()]) -> Institution:
    return await _published(session, Institution, institution_id, "institution")


async def _emergency_service(session: SessionDep, service_id: Annotated[str, Path()]) -> EmergencyService:
    return await _published(session, EmergencyService, service_id, "emergency service")


SiteCountryDep = Annotated[Country, Depends(_country)]
SiteInstitutionDep = Annotated[Institution, Depends(_institution)]
SiteEmergencyServiceDep = Annotated[EmergencyService, Depends(_emergency_service)]


async def _same_origin(
    request: Request,
    origin: Annotated[str | None, Header()] = None,
    sec_fetch_site: Annotated[str | None, Header()] = None,
) -> None:
    """A form sent from another site is refused: browsers say where a POST comes from (Origin, Sec-Fetch-Site), so
    a page elsewhere cannot make its visitors send reports. Clients that say nothing (old browsers, scripts) are
    let through: the form is anonymous and rate-limited, and the API takes the same reports anyway."""
    if sec_fetch_site is not None and sec_fetch_site not in ("same-origin", "none"):
        raise ForbiddenError("Send the report from this site's own page.")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise ForbiddenError("Send the report from this site's own page.")


@dataclass(frozen=True)
class ReportForm:
    reason: str
    text: str


async def _report_form(
    reason: Annotated[str, Form(max_length=40)], text: Annotated[str, Form(max_length=4000)] = ""
) -> ReportForm:
    return ReportForm(reason=reason, text=text)


SameOriginDep = Depends(_same_origin)
ReportFormDep = Annotated[ReportForm, Depends(_report_form)]
