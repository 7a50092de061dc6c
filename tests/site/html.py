"""A small reading of a page's HTML for the tests: language, links, headings, landmarks, form controls, text."""

from html.parser import HTMLParser
from itertools import pairwise
from urllib.parse import parse_qs, urlsplit

LANDMARKS = ("header", "nav", "main", "footer")
CONTROLS = ("input", "select", "textarea")


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.links: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.landmarks: set[str] = set()
        self.controls: list[dict[str, str | None]] = []
        self.label_targets: set[str] = set()
        self.ids: list[str] = []
        self.stylesheets: list[str] = []
        self.text_parts: list[str] = []
        self._heading: int | None = None
        self._heading_text: list[str] = []

    @classmethod
    def of(cls, html: str) -> "Page":
        page = cls()
        page.feed(html)
        page.close()
        return page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes.get("href") or "")
        elif tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        elif tag in LANDMARKS:
            self.landmarks.add(tag)
        elif tag == "label" and attributes.get("for"):
            self.label_targets.add(attributes["for"] or "")
        elif tag in CONTROLS:
            self.controls.append({"tag": tag, **attributes})
        elif len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self._heading, self._heading_text = int(tag[1]), []

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._heading}":
            self.headings.append((self._heading, " ".join("".join(self._heading_text).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)
        if self._heading is not None:
            self._heading_text.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def css(self) -> str:
        return next(link for link in self.stylesheets)

    def site_links(self) -> list[str]:
        return [link for link in self.links if link.startswith("/directory")]

    def unlabelled_controls(self) -> list[dict[str, str | None]]:
        return [
            control
            for control in self.controls
            if control.get("type") not in ("hidden", "submit") and control.get("id") not in self.label_targets
        ]

    def heading_jumps(self) -> list[tuple[int, int]]:
        """Places where a heading goes down more than one level (h2 then h4); the first must be h1."""
        levels = [0, *(level for level, _ in self.headings)]
        return [(a, b) for a, b in pairwise(levels) if b > a + 1]


def query_of(link: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(link).query)
