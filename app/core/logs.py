"""What the logs may hold: query values stay out of the access log, since `near=` can be a child's location and
`q=` what a person searched for."""

import logging
from urllib.parse import parse_qsl

ACCESS_LOGGER = "uvicorn.access"
# uvicorn logs each request as (client, method, path with query string, HTTP version, status).
_PATH_ARGUMENT = 2


def without_query_values(path_with_query: str) -> str:
    """ "/api/v1/institutions?near=14.6,-90.5&q=casa" -> "/api/v1/institutions?near&q" """
    path, separator, query = path_with_query.partition("?")
    if not separator:
        return path
    names = dict.fromkeys(name for name, _ in parse_qsl(query, keep_blank_values=True))
    return f"{path}?{'&'.join(names)}" if names else path


class AccessLogQueryFilter(logging.Filter):
    """Rewrites uvicorn's access log records to show the query parameters' names, not their values."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) > _PATH_ARGUMENT:
            path = args[_PATH_ARGUMENT]
            if isinstance(path, str):
                record.args = (*args[:_PATH_ARGUMENT], without_query_values(path), *args[_PATH_ARGUMENT + 1 :])
        return True
