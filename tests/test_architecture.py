"""The import rules of docs/architecture.md, held against the code: what each package may import,
read from every import statement (those inside functions too), and what importing a package loads."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kg"

#: part of the package -> the parts it may import ("kg" is the package's face: __version__).
ALLOWED = {
    "errors": set(),
    "problems": set(),
    "layout": set(),
    "decisions": {"errors"},  # a curator's typed decision, shared by the two review workflows
    "rdf": {"errors"},  # generic RDF helpers: nothing of ours but the error family
    "query": {"rdf", "errors"},
    "site": {"rdf", "errors"},
    "build": {"rdf", "errors", "problems", "layout", "query", "site"},  # build never imports serve or link
    "serve": {"rdf", "errors", "query", "site", "check", "kg"},  # check: on the first /check, never in a query worker
    "link": {"build", "rdf", "errors", "problems", "layout", "decisions", "kg"},
    "ingest": {"build", "rdf", "errors", "problems", "layout", "decisions"},  # an article in, candidate records out
    "check": {"ingest", "build", "rdf", "errors", "layout"},  # a text in, verdicts out; writes nothing
    "cli": {"build", "rdf", "errors", "problems", "layout", "decisions", "query", "site", "serve", "link", "ingest",
            "check", "kg"},
    "__main__": {"cli"},
    "kg": set(),  # kg/__init__ names the API and loads it on first use
}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "kg"


def _imports() -> dict[str, set[str]]:
    """module -> the modules of ours it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        names = found.setdefault(module, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{module}: relative import; write kg.… in full"
                if node.module and (node.module == "kg" or node.module.startswith("kg.")):
                    names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(a.name for a in node.names if a.name == "kg" or a.name.startswith("kg."))
    return found


def test_every_part_is_known():
    assert {_part(m) for m in _imports()} == set(ALLOWED)


def test_each_package_imports_only_what_it_may():
    broken = sorted(f"{module} imports {name}" for module, names in _imports().items() for name in names
                    if _part(name) != _part(module) and _part(name) not in ALLOWED[_part(module)])
    assert broken == []


def test_the_rule_table_has_no_circle():
    def visit(part: str, path: tuple[str, ...]) -> None:
        assert part not in path, f"circle: {' -> '.join((*path, part))}"
        for nxt in ALLOWED[part]:
            visit(nxt, (*path, part))

    for part in ALLOWED:
        visit(part, ())


@pytest.mark.parametrize("module, never", [
    ("kg.build.pipeline", ("kg.serve", "kg.link", "kg.cli")),
    ("kg.serve.engine", ("kg.build", "kg.link", "kg.cli", "kg.site", "pyshacl", "owlrl")),  # a query worker's process
    ("kg.serve.app", ("kg.build", "kg.link", "kg.cli", "pyshacl", "owlrl")),
    ("kg.rdf.namespaces", ("kg.build", "kg.serve", "kg.link", "kg.query", "kg.site")),
    ("kg.link.publish", ("kg.serve", "kg.cli")),
    ("kg.ingest.propose", ("kg.serve", "kg.link", "kg.cli", "pyshacl", "owlrl")),
    ("kg.check", ("kg.serve", "kg.link", "kg.cli", "pyshacl", "owlrl")),
    ("kg", ("kg.build", "kg.serve", "kg.link", "kg.cli", "rdflib")),
])
def test_importing_a_package_loads_nothing_it_may_not(module, never):
    code = f"import sys, {module}; print('\\n'.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
    assert [m for m in loaded if any(m == n or m.startswith(n + ".") for n in never)] == []


@pytest.mark.parametrize("module", sorted(p.name for p in (PACKAGE / "ingest").glob("*.py")))
def test_each_module_of_the_reader_stays_at_most_400_lines(module):
    """Issue 20 and docs/architecture.md: the reader in modules of at most 400 lines each."""
    assert len((PACKAGE / "ingest" / module).read_text(encoding="utf-8").splitlines()) <= 400
