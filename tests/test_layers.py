"""The layering the code keeps: engine → topology → live → web/api, nothing pointing back
up, no import circle, and docker imported by the engine layer alone."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dashboard"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(node: ast.AST, here: str, is_package: bool) -> set[str]:
    """The modules an import statement names. `from package import module` names the
    module too, and a relative import is made absolute: a circle may run through either."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names}
    if not isinstance(node, ast.ImportFrom):
        return set()
    base = node.module or ""
    if node.level:
        parts = here.split(".")
        parts = parts if is_package else parts[:-1]
        parts = parts[: len(parts) - node.level + 1]
        base = ".".join(parts + ([base] if base else []))
    return {base} | {f"{base}.{a.name}" for a in node.names}


def imports() -> dict[str, set[str]]:
    """Every dashboard module and the modules it imports, at any depth in its code (in a
    function too)."""
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        here, is_package = module_name(path), path.name == "__init__.py"
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            found |= imported(node, here, is_package)
        graph[here] = found
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    local = {m: {i for i in deps if i in graph} for m, deps in graph.items()}
    found, state = [], {}

    def visit(m, stack):
        state[m] = "open"
        for n in sorted(local[m]):
            if state.get(n) == "open":
                found.append(stack[stack.index(n) :] + [n])
            elif n not in state:
                visit(n, stack + [n])
        state[m] = "done"

    for m in sorted(local):
        if m not in state:
            visit(m, [m])
    return found


def test_it_finds_a_circle_when_there_is_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]


@pytest.mark.parametrize(
    ("code", "here", "is_package", "expected"),
    [
        ("import a.b", "p.m", False, {"a.b"}),
        ("from p import m", "p.n", False, {"p", "p.m"}),
        ("from . import m", "p.n", False, {"p", "p.m"}),
        ("from .m import f", "p", True, {"p.m", "p.m.f"}),
        ("from ..q import f", "p.s.n", False, {"p.q", "p.q.f"}),
    ],
)
def test_it_reads_every_form_of_import(code, here, is_package, expected):
    node = ast.parse(code).body[0]
    assert imported(node, here, is_package) == expected


def test_the_import_graph_has_no_circle():
    assert cycles(imports()) == []


def test_only_the_engine_layer_imports_docker():
    users = {m for m, deps in imports().items() if any(d.split(".")[0] == "docker" for d in deps)}
    assert users == {"dashboard.engine.client"}


@pytest.mark.parametrize(
    ("layer", "may_not_import"),
    [
        (
            "dashboard.topology",
            ("django", "channels", "docker", "dashboard.engine", "dashboard.live"),
        ),
        ("dashboard.engine", ("django", "channels", "dashboard.live", "dashboard.web")),
        ("dashboard.live", ("dashboard.web", "dashboard.api")),
        # The probe is a process of its own beside each engine: none of the server's parts.
        (
            "dashboard.probe",
            ("channels", "dashboard.live", "dashboard.web", "dashboard.api", "dashboard.history"),
        ),
    ],
)
def test_lower_layers_import_nothing_above_them(layer, may_not_import):
    wrong = {
        (m, d)
        for m, deps in imports().items()
        if m.startswith(layer)
        for d in deps
        if any(d == p or d.startswith(p + ".") for p in may_not_import)
    }
    assert wrong == set()


def imports_under(folder: Path) -> dict[str, set[str]]:
    return {
        module_name(path): set().union(
            *(imported(n, module_name(path), path.name == "__init__.py")
              for n in ast.walk(ast.parse(path.read_text())))
        )
        for path in folder.rglob("*.py")
    }  # fmt: skip


def test_the_dashboard_imports_neither_the_tests_nor_the_bench():
    wrong = {
        (m, d)
        for m, deps in imports().items()
        for d in deps
        if d.split(".")[0] in ("tests", "scripts")
    }
    assert wrong == set()


def test_the_shared_harness_imports_nothing_from_the_tests():
    """scripts/harness serves the bench too, which runs without the test suite."""
    for folder in (ROOT / "scripts" / "harness", ROOT / "scripts" / "bench"):
        wrong = {
            (m, d)
            for m, deps in imports_under(folder).items()
            for d in deps
            if d.split(".")[0] == "tests"
        }
        assert wrong == set()
