"""Choosing the language of text a person reads: ?lang=, then Accept-Language, then the fallback chain."""

import re
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Response

from app.core.config import Settings, SettingsDep
from app.core.errors import InvalidParameterError
from app.core.http.etags import version_etag

# BCP 47 language tags, loosely: a 2-3 letter language and optional subtags ("es", "en-US", "quc", "mam").
LANGUAGE_TAG_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
_LANGUAGE_TAG = re.compile(LANGUAGE_TAG_PATTERN)

LocalizedText = dict[str, str]
EVERY_LANGUAGE = "*"
TRANSLATIONS_DESCRIPTION = (
    "Only with `lang=*` (for editors of the record's country): each field holding text in several languages, with "
    "every language, in the form a PATCH takes; null otherwise."
)

# An Accept-Language header counts for its first few tags only: what a browser sends fits, and the languages a
# request is answered in (and so the keys of cached answers) stay few and short whatever a client sends.
MAX_PREFERRED_LANGUAGES = 6
MAX_TAG_LENGTH = 35


def is_language_tag(tag: str) -> bool:
    return _LANGUAGE_TAG.match(tag) is not None


def normalize_tag(tag: str) -> str:
    """Canonical case for a language tag: language lower-case, region upper-case ("es-mx" -> "es-MX")."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.upper() if len(part) == 2 else part.lower())
    return "-".join(out)


def parse_accept_language(header: str | None) -> list[str]:
    """Language tags of an Accept-Language header, most wanted first; malformed entries are ignored."""
    if not header:
        return []
    weighted: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")):
        tag, _, params = item.strip().partition(";")
        tag = tag.strip()
        if not tag or tag == "*" or len(tag) > MAX_TAG_LENGTH or not _LANGUAGE_TAG.match(tag):
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            weighted.append((-quality, position, normalize_tag(tag)))
    return [tag for _, _, tag in sorted(weighted)][:MAX_PREFERRED_LANGUAGES]


def language_chain(preferences: list[str], fallbacks: tuple[str, ...]) -> tuple[str, ...]:
    """The languages to look for, in order: each preference, then its base language, then the fallbacks."""
    chain: list[str] = []
    for tag in [*preferences, *fallbacks]:
        for candidate in (tag, tag.split("-")[0]):
            if candidate not in chain:
                chain.append(candidate)
    return tuple(chain)


# Browsers send few distinct headers: parsing each once saves most of the work of a cache hit. At most this many
# headers of at most MAX_HEADER_FIELD_BYTES are held.
@lru_cache(maxsize=128)
def preferred_languages(accept_language: str | None, fallbacks: tuple[str, ...]) -> tuple[str, ...]:
    """The language chain an Accept-Language header is answered in: all of the header an answer depends on."""
    return language_chain(parse_accept_language(accept_language), fallbacks)


class Localizer:
    """Picks one translation per text and records the languages used, for the Content-Language header."""

    def __init__(
        self,
        preferences: list[str],
        fallbacks: tuple[str, ...],
        response: Response | None = None,
        *,
        every_language: bool = False,
    ):
        self.chain = language_chain(preferences, fallbacks)
        # `lang=*`: the answer also carries every translation, once the caller's rights are checked.
        self.every_language = every_language
        self._every_language_granted = False
        self.used: list[str] = []
        self._response = response
        self._version: int | None = None
        if response is not None:
            # The body depends on Accept-Language: shared caches must keep one copy per language asked for.
            response.headers.append("Vary", "Accept-Language")
        self._set_header(self.chain[0])

    @property
    def language(self) -> str:
        return self.chain[0]

    def pick(self, texts: LocalizedText | None) -> tuple[str | None, str | None]:
        """The text in the best available language, and that language; (None, None) when there is none."""
        if not texts:
            return None, None
        for tag in self.chain:
            if texts.get(tag):
                return texts[tag], self._use(tag)
        tag = sorted(texts)[0]
        return texts[tag], self._use(tag)

    def grant_every_language(self) -> None:
        self._every_language_granted = self.every_language

    def translations(self, **texts: Any) -> dict[str, Any] | None:
        """The fields holding text in several languages, whole, when every language was asked for by someone
        allowed to see them (until granted, never: a route that forgets the check leaks nothing)."""
        return texts if self._every_language_granted else None

    def tag_version(self, version: int) -> None:
        """Give the answer the ETag of this version in the languages picked, kept up to date as texts are picked
        (so that routes may set it before or after building the body)."""
        self._version = version
        self._set_etag()

    def _use(self, tag: str) -> str:
        if tag not in self.used:
            self.used.append(tag)
            self._set_header(", ".join(self.used))
            self._set_etag()
        return tag

    def _set_etag(self) -> None:
        if self._response is not None and self._version is not None:
            languages = ["*"] if self.every_language else self.used
            self._response.headers["ETag"] = version_etag(self._version, languages)

    def _set_header(self, value: str) -> None:
        if self._response is not None:
            self._response.headers["Content-Language"] = value


LangQuery = Annotated[
    str | None,
    Query(
        description="Language of the text fields (BCP 47 tag, e.g. `es`, `en`, `fr`, `quc`). Overrides "
        "Accept-Language. Missing translations fall back to Spanish, then English; each text says which "
        "language it is in.",
        examples=["es"],
        max_length=35,
    ),
]
RecordLangQuery = Annotated[
    str | None,
    Query(
        description="Language of the text fields (BCP 47 tag, e.g. `es`, `en`, `fr`, `quc`). Overrides "
        "Accept-Language. Missing translations fall back to Spanish, then English; each text says which "
        "language it is in. `*`, for editors of the record's country (signed in; 422 otherwise): the texts in "
        "the default language, and every translation in `translations`, to change and send back.",
        examples=["es", "*"],
        max_length=35,
    ),
]
AcceptLanguageHeader = Annotated[
    str | None,
    Header(description="Preferred languages, used when `lang` is absent (e.g. `es-MX,es;q=0.9,en;q=0.8`)."),
]


def _negotiate(
    response: Response, settings: Settings, lang: str | None, accept_language: str | None, *, every: bool
) -> Localizer:
    every_language = every and lang == EVERY_LANGUAGE
    if lang is not None and not every_language and not _LANGUAGE_TAG.match(lang):
        also = " (or '*' for every language, on single records)" if every else ""
        raise InvalidParameterError("query", "lang", f"must be a BCP 47 language tag such as 'es' or 'en-US'{also}")
    preferences = [normalize_tag(lang)] if lang and not every_language else parse_accept_language(accept_language)
    return Localizer(preferences, settings.fallback_languages, response, every_language=every_language)


async def _localizer(
    response: Response, settings: SettingsDep, lang: LangQuery = None, accept_language: AcceptLanguageHeader = None
) -> Localizer:
    return _negotiate(response, settings, lang, accept_language, every=False)


async def _record_localizer(
    response: Response,
    settings: SettingsDep,
    lang: RecordLangQuery = None,
    accept_language: AcceptLanguageHeader = None,
) -> Localizer:
    return _negotiate(response, settings, lang, accept_language, every=True)


LocalizerDep = Annotated[Localizer, Depends(_localizer)]
# For one record's read and changes, where `lang=*` may ask for every translation (see app.records.dependencies).
RecordLocalizerDep = Annotated[Localizer, Depends(_record_localizer)]


def validated_language_tags(parameter: str, tags: list[str] | None) -> list[str] | None:
    """Normalized language tags from a repeatable query parameter; 422 naming it when one is malformed."""
    tags = [tag.strip() for tag in tags or () if tag.strip()]
    if not tags:
        return None
    bad = [tag for tag in tags if not _LANGUAGE_TAG.match(tag)]
    if bad:
        raise InvalidParameterError("query", parameter, f"not a BCP 47 language tag: {', '.join(bad)}")
    return sorted({normalize_tag(tag) for tag in tags})
