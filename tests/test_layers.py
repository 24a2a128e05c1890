"""Imports go one way: models, the database handle and the extensions never load the API machinery; and
every view and hook is a plain function, as `wger.SyncFlask` runs them without an event loop."""

import inspect
import itertools
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


def test_no_view_or_hook_is_a_coroutine_function(app):
    hooks = itertools.chain(
        app.view_functions.values(), app.teardown_appcontext_funcs,
        *app.before_request_funcs.values(), *app.after_request_funcs.values(), *app.teardown_request_funcs.values(),
    )
    assert [hook for hook in hooks if inspect.iscoroutinefunction(inspect.unwrap(hook))] == []
