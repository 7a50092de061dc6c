from datetime import datetime

from pydantic import BaseModel
from pydantic import Field as PydanticField

from app.reports.records import RecordType


class Reconfirmation(BaseModel):
    """A published record whose data is due, or overdue, to be confirmed again."""

    record_type: RecordType
    record_id: str
    name: str
    country_code: str = PydanticField(examples=["GT"])
    last_verified_at: datetime | None = PydanticField(description="Null: never confirmed since it was created.")
    reconfirm_by: datetime = PydanticField(
        description="The re-check interval of its record type after its last confirmation (or its creation)."
    )
    overdue: bool = PydanticField(description="True once `reconfirm_by` has passed; false while it is only due soon.")
