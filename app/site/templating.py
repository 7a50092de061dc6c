"""Rendering the pages: one Jinja2 environment (autoescaped), the links that keep the language, and the small
formatters the templates share (dates, phones, labels)."""

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import phonenumbers
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from app.core.contact import OpeningHoursPublic, OpeningPeriod, Phone
from app.core.types import utcnow
from app.core.urls import public_request_url
from app.core.vocabulary import PhoneKind, Weekday
from app.site.dependencies import PageLanguage
from app.site.texts import LABELS, LANGUAGE_NAMES, MONTHS, SITE_LANGUAGES, TEXTS

_HERE = Path(__file__).parent
CSS = (_HERE / "static" / "site.css").read_bytes()
# The style sheet's address changes with its content, so browsers may keep it for a year.
CSS_VERSION = hashlib.sha256(CSS).hexdigest()[:16]
# Outside /directory on purpose: the public response cache would cap its lifetime at a minute.
CSS_PATH = "/static/directory/site.css"
# A record confirmed longer ago than this is shown with a warning to check it first.
STALE_AFTER = timedelta(days=365)

environment = Environment(
    loader=FileSystemLoader(_HERE / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def web_link(url: str | None) -> str | None:
    """The address when it is a web page: whatever wrote the record, a page never links to another scheme."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


@lru_cache(maxsize=4096)
def phone_text(number: str) -> str:
    """An E.164 number as its country writes it ("+50422345678" reads "2234-5678"); the page is the country's.
    A number its country's plan does not recognise stays as stored: regrouped, it would only read wrong."""
    try:
        parsed = phonenumbers.parse(number)
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_valid_number(parsed):
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


environment.filters["web_link"] = web_link
environment.filters["phone_text"] = phone_text
environment.filters["label_of"] = lambda value, words, group: words.label(group, value)
environment.filters["language_name"] = lambda tag, words: words.label("language", tag)
environment.filters["country_of"] = lambda code, names: names.get(code, code)

DAYS = list(Weekday)

Params = Mapping[str, str | int | Sequence[str] | None]


class Links:
    """Addresses of the pages, each carrying the reader's language so that a shared link opens in it."""

    def __init__(self, request: Request, language: PageLanguage) -> None:
        self.root = request.scope.get("root_path", "")
        self.path = request.url.path
        self.query = [(name, value) for name, value in request.query_params.multi_items() if name != "lang"]
        self.tag = language.tag

    def _url(self, path: str, params: Params | Sequence[tuple[str, str]] = (), lang: str | None = None) -> str:
        pairs: list[tuple[str, str]] = []
        items = params.items() if isinstance(params, Mapping) else params
        for name, value in items:
            if value is None or value == "":
                continue
            values = [value] if isinstance(value, str | int) else value
            pairs.extend((name, str(item)) for item in values)
        pairs.append(("lang", lang or self.tag))
        return f"{self.root}{path}?{urlencode(pairs)}"

    def home(self) -> str:
        return self._url("/directory")

    def search(self, params: Params | None = None) -> str:
        return self._url("/directory/search", params or {})

    def search_form(self) -> str:
        return f"{self.root}/directory/search"

    def country(self, code: str) -> str:
        return self._url(f"/directory/countries/{code}")

    def institution(self, record_id: str) -> str:
        return self._url(f"/directory/institutions/{record_id}")

    def emergency_service(self, record_id: str) -> str:
        return self._url(f"/directory/emergency-services/{record_id}")

    def report(self, record_page: str) -> str:
        """Where a record page's "report wrong data" form is sent: beside the page, in the same language."""
        return self._url(f"{urlsplit(record_page).path.removeprefix(self.root)}/report")

    def this_page(self, lang: str) -> str:
        """This very page in another language."""
        return self._url(self.path.removeprefix(self.root), self.query, lang)

    def css(self) -> str:
        return f"{self.root}{CSS_PATH}?v={CSS_VERSION}"


def phone_href(phone: Phone) -> str:
    """Tap-to-call for voice and hotlines, a text message for SMS, a chat for WhatsApp."""
    if phone.kind == PhoneKind.whatsapp:
        return f"https://wa.me/{phone.number.lstrip('+')}"
    if phone.kind == PhoneKind.sms:
        return f"sms:{phone.number}"
    return f"tel:{phone.number}"


def map_href(latitude: float, longitude: float) -> str:
    return f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=17/{latitude}/{longitude}"


class Words:
    """The page's own words in its language, and the labels of controlled values."""

    def __init__(self, ui: str) -> None:
        self.ui = ui
        self.texts = TEXTS[ui]
        self.labels = LABELS[ui]

    def __call__(self, key: str, **values: Any) -> str:
        text = self.texts[key]
        return text.format(**values) if values else text

    def label(self, group: str, value: str) -> str:
        return self.labels[group].get(value, value)

    def date(self, moment: datetime) -> str:
        month = MONTHS[self.ui][moment.month - 1]
        if self.ui == "es":
            return f"{moment.day} de {month} de {moment.year}"
        return f"{moment.day} {month} {moment.year}"

    def periods(self, opening: OpeningHoursPublic) -> list[str]:
        """The weekly periods, with consecutive days of the same hours joined: "Monday–Friday 08:00–16:00"."""
        runs: list[list[OpeningPeriod]] = []
        for period in opening.periods:
            last = runs[-1][-1] if runs else None
            follows = last is not None and DAYS.index(period.day) == DAYS.index(last.day) + 1
            if last is not None and follows and (period.opens, period.closes) == (last.opens, last.closes):
                runs[-1].append(period)
            else:
                runs.append([period])
        lines = []
        for run in runs:
            days = self.label("day", run[0].day)
            if len(run) > 1:
                days = f"{days}–{self.label('day', run[-1].day)}"
            lines.append(f"{days} {run[0].opens}–{run[0].closes}")
        return lines

    def is_stale(self, moment: datetime) -> bool:
        return utcnow() - moment > STALE_AFTER

    def ages(self, low: int | None, high: int | None) -> str | None:
        if low is not None and high is not None:
            return self("ages_range", min=low, max=high)
        if low is not None:
            return self("ages_from", min=low)
        if high is not None:
            return self("ages_to", max=high)
        return None


def render(
    request: Request,
    template: str,
    language: PageLanguage,
    *,
    demo: bool,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    body = environment.get_template(template).render(
        ui=language.ui,
        t=Words(language.ui),
        links=Links(request, language),
        languages=[(tag, LANGUAGE_NAMES[tag]) for tag in SITE_LANGUAGES],
        demo=demo,
        page_url=public_request_url(request),
        phone_href=phone_href,
        map_href=map_href,
        **context,
    )
    response = HTMLResponse(body, status_code=status_code)
    response.headers["Content-Language"] = language.ui
    return response
