"""Imports go one way: models, the database handle and the extensions never load the API machinery."""

import subprocess
import sys

import pytest


def _modules_loaded_by(module):
    code = f"import sys\nimport {module}\nprint('\\n'.join(sorted(sys.modules)))"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return completed.stdout.split()


@pytest.mark.parametrize("module", ["wger.models", "wger.database", "wger.extensions"])
def test_lower_layers_load_no_api_machinery(module):
    loaded = _modules_loaded_by(module)
    assert module in loaded
    assert [name for name in loaded if name == "wger.api" or name.startswith(("wger.api.", "wger.blueprints"))] == []
