from typing import Any

from fastapi import APIRouter, Request, Response

from app.auth import service
from app.auth.dependencies import CurrentUser, LoginThrottleDep, SignInDep, client_address
from app.auth.models import PasswordForm, SignIn, Token, UserPublic
from app.core.config import SettingsDep
from app.core.db import SessionDep
from app.core.errors import error_responses

auth_router = APIRouter(prefix="/auth", tags=["Authentication"])

# The body is read by the SignInDep dependency, which takes either content type; this documents both.
SIGN_IN_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/x-www-form-urlencoded": {"schema": PasswordForm.model_json_schema()},
        "application/json": {"schema": SignIn.model_json_schema()},
    },
}


@auth_router.post(
    "/token",
    summary="Sign in",
    description="Send `username` (your e-mail) and `password` as a form (the OAuth2 password flow, "
    '`application/x-www-form-urlencoded`), or `{"email": ..., "password": ...}` as `application/json`; use the '
    "`access_token` as `Authorization: Bearer <token>`. A client address that fails too often, for one account or "
    "for any, gets 429 with Retry-After; many failures for one account from anywhere only slow its sign-ins down, so "
    "strangers cannot lock its owner out. The answer never tells whether an account exists.",
    responses=error_responses(401, 422, 429),
    openapi_extra={"requestBody": SIGN_IN_BODY},
)
async def issue_token(
    credentials: SignInDep,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    throttle: LoginThrottleDep,
    response: Response,
) -> Token:
    address = client_address(request, settings.trusted_proxies)
    token, limits = await service.sign_in(session, settings, throttle, credentials.email, credentials.password, address)
    response.headers.update(limits)
    return token


@auth_router.get("/me", summary="Who am I", responses=error_responses(401))
async def read_me(user: CurrentUser) -> UserPublic:
    return UserPublic.build(user)
