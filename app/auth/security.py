"""Password hashing (Argon2, off the event loop) and signed, expiring bearer tokens (PyJWT, HS256 only)."""

from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

import jwt
from anyio import to_thread
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from app.core.config import Settings
from app.core.types import utcnow

# The one algorithm tokens are signed and checked with: a token naming another one ("none", RS256) is refused.
TOKEN_ALGORITHM = "HS256"  # noqa: S105  (an algorithm name, not a secret)
_hasher = PasswordHash((Argon2Hasher(),))


async def hash_password(password: str) -> str:
    return await to_thread.run_sync(_hasher.hash, password)


async def verify_password(password: str, password_hash: str) -> bool:
    return await to_thread.run_sync(_hasher.verify, password, password_hash)


@lru_cache
def _dummy_hash() -> str:
    return _hasher.hash("a password nobody has, checked so that unknown accounts take as long as known ones")


async def verify_against_dummy(password: str) -> None:
    """Spend the same time as a real check, so the answer's timing does not reveal whether an account exists."""
    await verify_password(password, await to_thread.run_sync(_dummy_hash))


def create_access_token(user_id: str, token_generation: int, settings: Settings) -> str:
    now = utcnow()
    expires = now + timedelta(minutes=settings.access_token_minutes)
    claims = {"sub": user_id, "gen": token_generation, "iat": now, "exp": expires}
    return jwt.encode(claims, settings.secret_key.get_secret_value(), algorithm=TOKEN_ALGORITHM)


@dataclass(frozen=True)
class TokenClaims:
    user_id: str
    token_generation: int


def claims_from_token(token: str, settings: Settings) -> TokenClaims | None:
    """Who a valid token names and when it was issued; None when it is malformed, tampered with, or expired."""
    try:
        claims = jwt.decode(
            token,
            settings.secret_key.get_secret_value(),
            algorithms=[TOKEN_ALGORITHM],
            options={"require": ["sub", "exp", "iat", "gen"]},
        )
    except jwt.PyJWTError:
        return None
    subject, generation = claims.get("sub"), claims.get("gen")
    if not isinstance(subject, str) or not isinstance(generation, int) or isinstance(generation, bool):
        return None
    return TokenClaims(user_id=subject, token_generation=generation)
