"""The architecture holds: the import contracts in pyproject.toml ([tool.importlinter]) are kept.

Layers point down (catalogue <- reports <- roll-ups <- dashboards, reviews, API, workbook), the
roll-up arithmetic knows nothing of pages or exports, and no package has an import circle.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
