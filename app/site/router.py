"""The micro-site's pages under /directory: thin routes that gather a page's data and render it.

Errors are pages too: a route class turns the API's errors (404, 422) into HTML in the reader's language.
"""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dependencies import client_address
from app.auth.throttle import LoginThrottle
from app.core.config import Settings, SettingsDep, settings_of
from app.core.db import SessionDep
from app.core.errors import AppError, NotFoundError, reject_nul_characters
from app.core.i18n import Localizer, is_language_tag, normalize_tag, parse_accept_language
from app.emergency_services.models import EmergencyService
from app.institutions.models import Institution
from app.reports.dependencies import ReportThrottleDep
from app.reports.records import RecordType
from app.site import service
from app.site.dependencies import (
    PageLanguage,
    PageLanguageDep,
    ReportForm,
    ReportFormDep,
    SameOriginDep,
    SearchParamsDep,
    SiteCountryDep,
    SiteEmergencyServiceDep,
    SiteInstitutionDep,
    page_language,
)
from app.site.templating import CSS, CSS_PATH, CSS_VERSION, Links, render

# The style sheet's address carries its version: browsers may keep it a year.
STATIC_CACHE_CONTROL = "public, max-age=31536000, immutable"


def _error_language(request: Request) -> PageLanguage:
    """The language for an error page, taken leniently: the request may be wrong in its `lang` too."""
    lang = request.query_params.get("lang", "").strip()
    if lang and len(lang) <= 35 and is_language_tag(lang):
        preferences = [normalize_tag(lang)]
    else:
        preferences = parse_accept_language(request.headers.get("accept-language"))
    return page_language(preferences, settings_of(request).fallback_languages)


def error_page(request: Request, status_code: int, messages: list[str]) -> Response:
    language = _error_language(request)
    context = {"error_status": status_code, "messages": messages}
    return render(request, "error.html", language, demo=False, status_code=status_code, **context)


class HtmlPageRoute(APIRoute):
    """Answers the API's errors as HTML pages (never the JSON envelope) on the micro-site's routes."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def html_errors(request: Request) -> Response:
            try:
                return await handler(request)
            except AppError as error:
                messages = [f"{d.field}: {d.message}" for d in error.details] or [error.message]
                response = error_page(request, error.status_code, messages)
                response.headers.update(error.headers or {})
                return response
            except RequestValidationError as error:
                messages = [f"{error_field(detail)}: {detail.get('msg', 'invalid value')}" for detail in error.errors()]
                return error_page(request, status.HTTP_422_UNPROCESSABLE_CONTENT, messages)

        return html_errors


def error_field(detail: dict[str, Any]) -> str:
    location = [str(part) for part in detail.get("loc", ())]
    return location[1] if len(location) > 1 else "request"


router = APIRouter(
    prefix="/directory",
    include_in_schema=False,
    route_class=HtmlPageRoute,
    dependencies=[Depends(reject_nul_characters)],
)


@dataclass(frozen=True)
class _View:
    """What every page is drawn with: the request, its session and the reader's language."""

    request: Request
    session: AsyncSession
    language: PageLanguage

    @property
    def localizer(self) -> Localizer:
        return self.language.localizer

    async def page(self, template: str, page: Any) -> Response:
        """A page of the directory, in the layout every page shares."""
        layout = await service.layout(self.session)
        return render(self.request, template, self.language, demo=layout.demo, page=page)


async def _view(request: Request, session: SessionDep, language: PageLanguageDep) -> _View:
    return _View(request, session, language)


ViewDep = Annotated[_View, Depends(_view)]


@router.get("")
async def home(view: ViewDep) -> Response:
    return await view.page("home.html", await service.home_page(view.session, view.localizer))


@router.get("/search")
async def search(view: ViewDep, params: SearchParamsDep) -> Response:
    return await view.page("search.html", await service.search_page(view.session, params, view.localizer))


@router.get("/countries/{code}")
async def country(view: ViewDep, found: SiteCountryDep) -> Response:
    return await view.page("country.html", await service.country_page(view.session, found, view.localizer))


@router.get("/institutions/{institution_id}")
async def institution(view: ViewDep, found: SiteInstitutionDep) -> Response:
    page = await service.institution_page(view.session, found, view.localizer)
    return await view.page("institution.html", page)


@router.get("/emergency-services/{service_id}")
async def emergency_service(view: ViewDep, found: SiteEmergencyServiceDep) -> Response:
    page = await service.emergency_service_page(view.session, found, view.localizer)
    return await view.page("emergency_service.html", page)


@dataclass(frozen=True)
class _ReportDesk:
    """Where the report forms go: the settings and throttle of POST /api/v1/reports, and the form sent."""

    settings: Settings
    throttle: LoginThrottle
    form: ReportForm

    async def submit(self, view: _View, record_type: RecordType, found: Institution | EmergencyService) -> Response:
        address = client_address(view.request, self.settings.trusted_proxies)
        await service.submit_report(
            view.session, self.settings, self.throttle, record_type, found.id, self.form, address
        )
        links = Links(view.request, view.language)
        record_page = (
            links.institution(found.id) if record_type == RecordType.institution else links.emergency_service(found.id)
        )
        response = render(
            view.request, "report_sent.html", view.language, demo=False, record_page=record_page, record_name=found.name
        )
        response.headers["Cache-Control"] = "no-store"
        return response


async def _report_desk(settings: SettingsDep, throttle: ReportThrottleDep, form: ReportFormDep) -> _ReportDesk:
    return _ReportDesk(settings, throttle, form)


ReportDeskDep = Annotated[_ReportDesk, Depends(_report_desk)]


@router.post("/institutions/{institution_id}/report", dependencies=[SameOriginDep])
async def report_institution(view: ViewDep, found: SiteInstitutionDep, desk: ReportDeskDep) -> Response:
    return await desk.submit(view, RecordType.institution, found)


@router.post("/emergency-services/{service_id}/report", dependencies=[SameOriginDep])
async def report_emergency_service(view: ViewDep, found: SiteEmergencyServiceDep, desk: ReportDeskDep) -> Response:
    return await desk.submit(view, RecordType.emergency_service, found)


@router.get("/{rest:path}")
async def unknown_page(request: Request, rest: str) -> Response:
    if rest == "":
        # Relative, so that it never names a host the client chose (the Host header).
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"{request.url.path.rstrip('/')}{query}", status.HTTP_308_PERMANENT_REDIRECT)
    raise NotFoundError("No such page.")


static_router = APIRouter(include_in_schema=False)


@static_router.get("/")
async def root() -> Response:
    """People who open the bare address find the directory's pages (the API lives under /api/v1)."""
    return RedirectResponse("/directory", status.HTTP_307_TEMPORARY_REDIRECT)


@static_router.get(CSS_PATH)
async def style_sheet(request: Request) -> Response:
    etag = f'"{CSS_VERSION}"'
    headers = {"ETag": etag, "Cache-Control": STATIC_CACHE_CONTROL}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(CSS, media_type="text/css; charset=utf-8", headers=headers)
