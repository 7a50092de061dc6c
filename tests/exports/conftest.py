from tests.curation.conftest import (  # noqa: F401  (fixtures)
    account,
    admin,
    editor_gt,
    make_user,
    sign_in,
    store,
    viewer_gt,
)
