"""The accounts and helpers of the curation tests, shared here."""

from tests.curation.conftest import account, admin, app_client, editor_gt, make_user, sign_in, store, viewer_gt

__all__ = ["account", "admin", "app_client", "editor_gt", "make_user", "sign_in", "store", "viewer_gt"]
