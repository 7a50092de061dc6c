"""The accounts of the curation tests (users stored directly, tokens from the sign-in route), shared here."""

from tests.curation.conftest import account, admin, editor_gt, make_user, sign_in, viewer_gt

__all__ = ["account", "admin", "editor_gt", "make_user", "sign_in", "viewer_gt"]
