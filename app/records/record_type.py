"""The one description of a curated record type, from which its write path, its write routes, the sync, the
spreadsheet layouts and the tests' resources are derived."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from app.core.i18n import Localizer
from app.core.models import Published
from app.core.validation import PatchModel, WriteModel

R = TypeVar("R", bound=Published)
P = TypeVar("P", bound=BaseModel)


def table_noun(table: type[Published]) -> str:
    """How messages name a record of `table`: "protection system"."""
    return str(table.__tablename__).replace("_", " ")


@dataclass(frozen=True, kw_only=True)
class RecordType(Generic[R, P]):
    """Every record type belongs to one country (`country_code`, unique `external_id` within it): editors change
    the records of the countries on their account, administrators all."""

    article: str = "a"  # for the routes' summaries: "an institution"
    table: type[R]
    public: type[P]
    create: type[WriteModel]
    update: type[PatchModel]
    present: Callable[[R, Localizer], P]
    # The service-type link row of a code, for the types that have service types.
    link: Callable[[str], Any] | None = None
    # Fields naming another record by id -> that record's table; checked in this order.
    references: Mapping[str, type[Published]] = field(default_factory=dict)
    # Fields holding lists of country codes, checked against the countries besides `country_code`.
    country_lists: tuple[str, ...] = ()
    # The field people know a record by, for lists that name records of several types (re-confirmation).
    name_field: str = "name"

    @property
    def kind(self) -> str:
        """The audit trail's entity type and the sync's record type: "institution" (the table's name)."""
        return str(self.table.__tablename__)

    @property
    def plural(self) -> str:
        """The spreadsheets' resource type and the settings' suffix: "institutions"."""
        return f"{self.kind}s"

    @property
    def noun(self) -> str:
        return f"{self.article} {table_noun(self.table)}"
