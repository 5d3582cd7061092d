"""The package's stages import only the stages beneath them (docs/architecture.md)."""

import ast
from pathlib import Path

from analysis.config import PROJECT_DIR

PACKAGE = PROJECT_DIR / "analysis"

#: The stages from the bottom up; a module may import its own stage and any stage listed before it.
LAYERS = [
    {"config", "files", "contract"},
    {"sources"},
    {"parse"},
    {"readings"},
    {"tables"},
    {"compare"},
    {"evaluation"},
    {"present"},
    {"run"},
    {"cli", "__main__"},
]
RANK = {stage: rank for rank, stage_set in enumerate(LAYERS) for stage in stage_set}


def _stage(module_path: Path) -> str:
    return module_path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imported_stages(module_path: Path) -> set[str]:
    """Stages a module imports, at the top or inside functions."""
    stages = set()
    for node in ast.walk(ast.parse(module_path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "analysis" and len(parts) > 1 and parts[1] in RANK:
                stages.add(parts[1])
    return stages


def _modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE
    )


def test_every_module_belongs_to_a_declared_stage():
    unknown = {_stage(p) for p in _modules()} - set(RANK)
    assert not unknown, f"modules outside the declared stages: {sorted(unknown)}"


def test_a_stage_imports_only_the_stages_beneath_it():
    upward = []
    for path in _modules():
        own = _stage(path)
        for stage in _imported_stages(path):
            if RANK[stage] > RANK[own]:
                upward.append(f"{path.relative_to(PROJECT_DIR)} ({own}) imports {stage}")
    assert not upward, "\n".join(upward)


def test_the_contract_imports_nothing_else_of_the_package():
    for path in sorted((PACKAGE / "contract").glob("*.py")):
        assert _imported_stages(path) <= {"contract"}, path


def test_the_rule_catches_an_upward_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from analysis.present import charts\n")
    assert _imported_stages(module) == {"present"}
