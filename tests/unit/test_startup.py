"""What the ``digest`` process loads before its work and does after it: start-up and exit."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from generator import cli
from tests.helpers import REPO, modules_loaded


def test_scipy_sparse_comes_without_the_numpy_submodules_nothing_uses() -> None:
    loaded = modules_loaded("from generator.sparse import sp\nsp.csr_matrix((2, 2)).toarray()")
    assert "scipy.sparse" in loaded
    for unused in ("numpy.f2py.crackfortran", "numpy.testing._private.utils", "numpy.ma.core",
                   "numpy.polynomial.polynomial"):
        assert unused not in loaded  # scipy's ``from numpy import *`` would load each


def test_a_deferred_numpy_submodule_is_the_real_one_when_used() -> None:
    code = ("import numpy, generator.sparse\n"
            "assert numpy.ma.masked_array([1, 2], mask=[0, 1]).sum() == 1\n"
            "from numpy.testing import assert_equal\nassert_equal(1, 1)\n"
            "import numpy.f2py\nassert callable(numpy.f2py.run_main)")
    loaded = modules_loaded(code)
    assert "numpy.ma.core" in loaded and "numpy.testing._private.utils" in loaded


def test_the_command_line_loads_yaml_only_for_the_commands_that_read_a_config() -> None:
    assert "yaml" not in modules_loaded("import generator.cli")


def test_the_console_script_is_main_then_frees_the_exit_from_walking_what_is_alive(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")  # a setting of the user's own is kept
    calls: list[str] = []
    monkeypatch.setattr(cli, "main", lambda: calls.append("main") or 3)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    assert cli.script() == 3 and calls == ["main", "freeze"]
    (digest,) = entry_points(group="console_scripts", name="digest")
    assert digest.value == "generator.cli:script"
    assert os.environ["OPENBLAS_NUM_THREADS"] == "3"


def test_the_console_script_runs_numpy_on_one_blas_thread() -> None:
    code = ("import os\nos.environ.pop('OPENBLAS_NUM_THREADS', None)\n"
            "from generator import cli\n"
            "cli.main = lambda: __import__('numpy') and 0\ncli.script()\n"
            "from threadpoolctl import threadpool_info\n"
            "print([p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas'])")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO)
    assert run.stdout.strip() == "[1]"


def test_a_build_loads_the_markdown_parser_and_the_http_stack_only_to_use_them() -> None:
    """A build with nothing to render (no change) needs neither: importing them is 0.05 s of
    its 1.5 s."""
    loaded = modules_loaded("import generator.cli, generator.build")
    for unused in ("markdown_it", "jinja2", "http.client", "ssl", "urllib.request"):
        assert unused not in loaded
