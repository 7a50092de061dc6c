from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, EmailStr, SecretStr
from pydantic import Field as PydanticField
from sqlalchemy import String
from sqlmodel import Field

from app.core.models import ReadModel, Timestamped, new_id
from app.core.types import JSONType
from app.core.validation import CountryCode, PatchModel, WriteModel

Role = StrEnum("Role", ["admin", "editor", "reviewer", "viewer"])


class User(Timestamped, table=True):
    """An account of the Technical Secretariat or a country officer. `user` is reserved in SQL, hence the name."""

    __tablename__ = "user_account"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    email: str = Field(sa_type=String(254), unique=True, nullable=False)
    full_name: str = Field(max_length=200)
    password_hash: str = Field(sa_type=String(255), nullable=False)
    role: str = Field(sa_type=String(16), nullable=False)
    countries: list[str] = Field(default_factory=list, sa_type=JSONType, nullable=False)
    is_active: bool = Field(default=True, nullable=False)
    # Every token carries the generation it was issued in and works only while it is current: one more when the
    # password changes or the account is reactivated stops every earlier token, whatever the clocks say.
    token_generation: int = Field(default=0, nullable=False)

    def may_read_country(self, country_code: str) -> bool:
        return self.is_active and (self.role == Role.admin or country_code in self.countries)

    def may_edit_country(self, country_code: str) -> bool:
        return self.role in (Role.admin, Role.editor) and self.may_read_country(country_code)

    def may_review_country(self, country_code: str) -> bool:
        """Approve or reject the proposals of a country: its reviewers, and administrators."""
        return self.role in (Role.admin, Role.reviewer) and self.may_read_country(country_code)


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


class UserCreate(WriteModel):
    # A password is kept exactly as typed: no stripping of spaces.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    email: Annotated[EmailStr, BeforeValidator(_strip)] = PydanticField(examples=["editor.gt@example.org"])
    full_name: Annotated[str, BeforeValidator(_strip)] = PydanticField(
        min_length=1, max_length=200, examples=["Ana Editora"]
    )
    password: SecretStr = PydanticField(description="At least MIN_PASSWORD_LENGTH (12) characters.")
    role: Role = PydanticField(examples=[Role.editor])
    countries: list[CountryCode] = PydanticField(
        default=[],
        description="Countries this account may read privately, and edit (editors) or review (reviewers).",
        examples=[["GT"]],
    )


class UserUpdate(PatchModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    non_nullable = frozenset({"full_name", "password", "role", "countries", "is_active"})

    full_name: Annotated[str | None, BeforeValidator(_strip)] = PydanticField(
        default=None, min_length=1, max_length=200
    )
    password: SecretStr | None = None
    role: Role | None = None
    countries: list[CountryCode] | None = None
    is_active: bool | None = PydanticField(default=None, description="False deactivates the account at once.")


class UserPublic(ReadModel):
    id: str
    email: str
    full_name: str
    role: Role
    countries: list[str]
    is_active: bool
    created_at: datetime
    updated_at: datetime
    version: int


class PasswordForm(BaseModel):
    """Sign-in as the OAuth2 password flow's form (Swagger UI's Authorize button sends it)."""

    grant_type: str | None = PydanticField(default=None, pattern="^password$")
    username: str = PydanticField(description="Your e-mail.", examples=["editor.gt@example.org"])
    password: str = PydanticField(json_schema_extra={"format": "password"})
    scope: str = ""
    client_id: str | None = None
    client_secret: str | None = PydanticField(default=None, json_schema_extra={"format": "password"})


class SignIn(BaseModel):
    """Sign-in as JSON."""

    model_config = ConfigDict(extra="forbid")

    email: str = PydanticField(examples=["editor.gt@example.org"])
    password: str = PydanticField(json_schema_extra={"format": "password"})


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105  (the OAuth2 token type, not a secret)
    expires_in: int = PydanticField(description="Seconds until the token expires.")
