"""A textbook Django REST Framework rendering of the public filtered listing, over the benchmark's SQLite file.

The benchmark's peer (issue #11): the same rows, the same filters and order, the same fields, served by gunicorn
with Django's ORM, a ModelSerializer and LimitOffsetPagination, as a DRF project would write it. Benchmark-only:
its dependencies are in the `bench` dependency group, and nothing in app/ imports it.
"""
