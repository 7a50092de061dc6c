"""The micro-site's pages under /directory: thin routes that gather a page's data and render it.

Errors are pages too: a route class turns the API's errors (404, 422) into HTML in the reader's language.
"""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from app.auth.dependencies import client_address
from app.core.config import Settings, SettingsDep, settings_of
from app.core.db import SessionDep
from app.core.errors import AppError, NotFoundError, reject_nul_characters
from app.core.i18n import is_language_tag, normalize_tag, parse_accept_language
from app.reports.dependencies import ReportThrottleDep
from app.reports.records import RecordType
from app.site import service
from app.site.dependencies import (
    PageLanguage,
    PageLanguageDep,
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


@router.get("")
async def home(request: Request, session: SessionDep, language: PageLanguageDep) -> Response:
    page = await service.home_page(session, language.localizer)
    layout = await service.layout(session)
    return render(request, "home.html", language, demo=layout.demo, page=page)


@router.get("/search")
async def search(request: Request, session: SessionDep, language: PageLanguageDep, params: SearchParamsDep) -> Response:
    page = await service.search_page(session, params, language.localizer)
    layout = await service.layout(session)
    return render(request, "search.html", language, demo=layout.demo, page=page)


@router.get("/countries/{code}")
async def country(request: Request, session: SessionDep, language: PageLanguageDep, found: SiteCountryDep) -> Response:
    page = await service.country_page(session, found, language.localizer)
    layout = await service.layout(session)
    return render(request, "country.html", language, demo=layout.demo, page=page)


@router.get("/institutions/{institution_id}")
async def institution(
    request: Request, session: SessionDep, language: PageLanguageDep, found: SiteInstitutionDep
) -> Response:
    page = await service.institution_page(session, found, language.localizer)
    layout = await service.layout(session)
    return render(request, "institution.html", language, demo=layout.demo, page=page)


@router.get("/emergency-services/{service_id}")
async def emergency_service(
    request: Request, session: SessionDep, language: PageLanguageDep, found: SiteEmergencyServiceDep
) -> Response:
    page = await service.emergency_service_page(session, found, language.localizer)
    layout = await service.layout(session)
    return render(request, "emergency_service.html", language, demo=layout.demo, page=page)


@router.post("/institutions/{institution_id}/report", dependencies=[SameOriginDep])
async def report_institution(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    throttle: ReportThrottleDep,
    language: PageLanguageDep,
    found: SiteInstitutionDep,
    form: ReportFormDep,
) -> Response:
    await service.submit_report(session, settings, throttle, RecordType.institution, found.id, form, _address(request))
    return _report_sent(request, language, Links(request, language).institution(found.id), found.name)


@router.post("/emergency-services/{service_id}/report", dependencies=[SameOriginDep])
async def report_emergency_service(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    throttle: ReportThrottleDep,
    language: PageLanguageDep,
    found: SiteEmergencyServiceDep,
    form: ReportFormDep,
) -> Response:
    record_type = RecordType.emergency_service
    await service.submit_report(session, settings, throttle, record_type, found.id, form, _address(request))
    return _report_sent(request, language, Links(request, language).emergency_service(found.id), found.name)


def _address(request: Request) -> str:
    settings: Settings = request.app.state.settings
    return client_address(request, settings.trusted_proxies)


def _report_sent(request: Request, language: PageLanguage, record_page: str, record_name: str) -> Response:
    response = render(
        request, "report_sent.html", language, demo=False, record_page=record_page, record_name=record_name
    )
    response.headers["Cache-Control"] = "no-store"
    return response


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
