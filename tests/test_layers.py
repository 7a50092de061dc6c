"""Dependencies run one way: a package of app/ imports only packages of its own layer or of the layers below it.

Read from the source (every import, also those inside functions), so nothing has to run for an arrow to count.
"""

import ast
from collections import defaultdict
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"

# Lowest first. A package may import its own layer's packages only where said below (record domains) or, for the
# other layers, as long as no two packages import each other, even through others.
LAYERS: list[set[str]] = [
    {"core"},
    {"audit"},
    {"auth"},
    {"countries", "service_types"},  # reference data
    {"proposals"},  # editors' changes kept until approved
    {"records"},  # the write path and the description every record type shares
    {"institutions", "protection_systems", "emergency_services", "focal_points"},  # record domains
    {"registry"},  # the list of the record types
    {
        "accounts",
        "audit_trail",
        "country_directory",
        "docs",
        "exports",
        "health",
        "hsds",
        "imports",
        "reconfirmations",
        "reports",
        "reviews",
        "site",
        "spreadsheets",
        "stats",
        "sync",
    },  # features
    {"tables", "demo"},  # every table (features own some: reports), and the demo data seeded through them
    {"__init__", "__main__", "api", "cli", "main"},  # the application itself
]
# Which record domain may know which: a record names the records it refers to, never the other way round.
RECORD_DOMAIN_REFERENCES = {
    "institutions": set(),
    "protection_systems": {"institutions"},  # the lead institution
    "emergency_services": {"institutions"},  # the institution that runs it
    "focal_points": {"institutions", "protection_systems"},
}
LAYER_OF = {package: index for index, packages in enumerate(LAYERS) for package in packages}


def package_of(path: Path, root: Path = APP) -> str:
    """The package below app/ (for app/main.py and the like: the module)."""
    return path.relative_to(root).with_suffix("").parts[0]


def imported_packages(tree: ast.AST) -> list[tuple[str, int]]:
    """The app packages a module imports, with the line of each import."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        found.extend((name.split(".")[1], node.lineno) for name in names if name.startswith("app."))
    return found


def package_imports(root: Path = APP) -> dict[tuple[str, str], list[str]]:
    """(importing package, imported package) -> where: every arrow between two different packages of app/."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        source = package_of(path, root)
        for target, line in imported_packages(ast.parse(path.read_text(), str(path))):
            if target != source:
                edges[source, target].append(f"{path.relative_to(root.parent)}:{line}")
    return edges


def layer_violations(edges: dict[tuple[str, str], list[str]]) -> list[str]:
    problems = []
    for (source, target), places in sorted(edges.items()):
        upward = LAYER_OF[target] > LAYER_OF[source]
        sideways = source in RECORD_DOMAIN_REFERENCES and target in RECORD_DOMAIN_REFERENCES
        if upward or (sideways and target not in RECORD_DOMAIN_REFERENCES[source]):
            problems.append(f"{source} -> {target} ({', '.join(places)})")
    return problems


def test_every_package_has_a_layer() -> None:
    packages = {package_of(path) for path in APP.rglob("*.py")}
    assert packages - LAYER_OF.keys() == set(), "place the new package in LAYERS"


def test_no_import_runs_up_a_layer_or_between_record_domains_that_do_not_refer_to_each_other() -> None:
    assert layer_violations(package_imports()) == []


def test_no_packages_depend_on_each_other_in_a_cycle() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in package_imports():
        graph[source].add(target)
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        pytest.fail(f"packages that import each other: {' -> '.join(reversed(error.args[1]))}")


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "x.py").write_text("def f():\n    from app.institutions import models\n")
    (tmp_path / "institutions").mkdir()
    (tmp_path / "institutions" / "models.py").write_text("from app.emergency_services.models import Y\n")
    problems = layer_violations(package_imports(tmp_path))
    assert problems == [
        f"core -> institutions ({tmp_path.name}/core/x.py:2)",
        f"institutions -> emergency_services ({tmp_path.name}/institutions/models.py:1)",
    ]
