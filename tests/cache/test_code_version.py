"""The code versions in cache keys follow every file the cached work runs (``reach``)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cache import memo, reach
from generator.cache import store as cache
from tests.helpers import REPO, modules_loaded

# renders a two-report story (so the comparison runs, with its lazy imports) and a search
# bundle of its pages, in this process: what the render workers run
RENDER_A_STORY = """
import tempfile
from pathlib import Path
from generator.cache import shards
from generator.render import pages as render
from generator.cache import store as cache
from tests.helpers import article, site_config, story
tmp = Path(tempfile.mkdtemp())
one = article("one", source="Reuters", body="The ministry said 69 fighters were killed. "
              "The war lasted two years.\\n\\nOfficials met on Monday in Herat.")
two = article("two", source="AP", body="The ministry said 69 fighters were killed in Herat. "
              "The war lasted 20 years, an official said.")
pages = render.site([story("s1", one, two)], site_config(tmp))
assert "How the reports compare" in pages["stories/s1/index.html"].decode()
with cache.Cache(None) as store:
    shards.bundle_of(pages, "en", store, {})
"""


def package_files(modules: list[str]) -> set[str]:
    """The package's source files (relative paths) of the loaded ``generator.*`` modules."""
    found = (reach.module_file(m) for m in modules if m.split(".")[0] == "generator")
    return {p.relative_to(reach.PACKAGE).as_posix() for p in found if p is not None}


def relative(paths: tuple[Path, ...]) -> set[str]:
    return {p.relative_to(reach.PACKAGE).as_posix() for p in paths}


def test_the_rendering_version_covers_every_module_rendering_runs() -> None:
    ran = package_files(modules_loaded(RENDER_A_STORY))
    assert {"tfidf.py", "sparse.py", "compare/comparison.py"} <= ran  # lazy imports, reached at run time
    assert ran <= relative(reach.reached(cache.RENDERING))


def test_the_memo_versions_cover_every_module_their_work_runs() -> None:
    loading = package_files(modules_loaded(
        "from generator import content\ncontent.load_articles(Path('content/articles'))"
        .replace("Path(", "__import__('pathlib').Path(")))
    assert loading <= relative(reach.reached(memo.LOADING))
    choosing = package_files(modules_loaded(
        "from generator.cluster import stories\nfrom tests.helpers import article\n"
        "stories.choose_all([[article('a', body='One two. Three four.'), "
        "article('b', body='One two. Five six.')]])"))
    assert "cluster/pipeline.py" in choosing
    assert choosing <= relative(reach.reached(memo.CHOOSING))


def test_imports_are_read_in_every_form(tmp_path: Path) -> None:
    pkg = tmp_path / "generator"
    (pkg / "sub").mkdir(parents=True)
    for name in ("__init__", "a", "b", "c", "d", "e", "h", "sub/__init__", "sub/f", "sub/g"):
        (pkg / f"{name}.py").write_text("")
    (pkg / "b.py").write_text(  # a package's face: names for the type checker only
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from generator import h\n"
        "\n    from generator.h import thing\nx = 1\n")
    (pkg / "a.py").write_text(
        "from generator import (\n    b,  # why\n    c as see,\n)\n"
        "def later():\n    import generator.d\n    from generator.sub import f\n"
        "    from . import e\n")
    (pkg / "sub" / "f.py").write_text("from .g import thing\nfrom .. import b\n")
    code = (f"import sys; sys.path.insert(0, {str(tmp_path)!r})\n"
            f"sys.modules.pop('generator', None)\n"
            "import importlib.util, pathlib\n"
            f"spec = importlib.util.spec_from_file_location('reach', {str(reach.__file__)!r})\n"
            "r = importlib.util.module_from_spec(spec); spec.loader.exec_module(r)\n"
            f"r.PACKAGE = pathlib.Path({str(pkg)!r})\n"
            "print(sorted(p.relative_to(r.PACKAGE).as_posix() for p in r.reached(('generator.a',))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert json.loads(out.replace("'", '"')) == [
        "__init__.py", "a.py", "b.py", "c.py", "d.py", "e.py", "sub/__init__.py", "sub/f.py",
        "sub/g.py"]


# edits each file of the copied package in turn and prints which versions changed
EDIT_EACH = """
import json, sys
from pathlib import Path
from generator.cache import store as cache
from generator.cache import memo
from generator.cache import reach
def versions():
    for f in (reach.reached, reach.imports_of, cache.source_version):
        f.cache_clear()
    return {"rendering": cache.code_version(),
            **{k: memo.version(getattr(memo, k)) for k in ("LOADING", "CHOOSING", "FEEDS",
                                                           "TERMS")}}
before = versions()
changed = {}
for path in sorted(reach.PACKAGE.rglob("*.py")):
    text = path.read_text()
    path.write_text(text + "\\n# edited\\n")
    after = versions()
    path.write_text(text)
    name = path.relative_to(reach.PACKAGE).as_posix()
    changed[name] = sorted(k for k in before if after[k] != before[k])
assert versions() == before
print(json.dumps(changed))
"""


@pytest.fixture(scope="module")
def changed_by_edit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """file -> the versions an edit of it changes, measured on a copy of the package."""
    copy = tmp_path_factory.mktemp("pkg")
    shutil.copytree(REPO / "generator", copy / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    out = subprocess.run([sys.executable, "-c", EDIT_EACH], capture_output=True, text=True,
                         check=True, cwd=copy, env={"PYTHONPATH": str(copy),
                                                    "PATH": "/usr/bin:/bin"}).stdout
    result: dict[str, list[str]] = json.loads(out)
    return result


def test_an_edit_of_any_file_rendering_reaches_changes_the_rendering_version(
        changed_by_edit: dict[str, list[str]]) -> None:
    for name in relative(reach.reached(cache.RENDERING)) | {"cache/memo.py"}:
        assert "rendering" in changed_by_edit[name], name
    for name in ("tfidf.py", "sparse.py", "compare/align.py", "render/workers.py"):
        assert "rendering" in changed_by_edit[name], name


def test_loading_and_clustering_code_leave_the_page_cache_alone(
        changed_by_edit: dict[str, list[str]]) -> None:
    assert "rendering" not in changed_by_edit["ingest/junk.py"]
    assert "rendering" not in changed_by_edit["cluster/graph.py"]
    assert changed_by_edit["cluster/graph.py"] == ["CHOOSING"]
    assert "LOADING" in changed_by_edit["util/frontmatter.py"]
    assert "LOADING" in changed_by_edit["content.py"]
    assert changed_by_edit["cli.py"] == []


def test_an_upgrade_of_the_package_or_a_library_changes_every_version(
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = reach.library_versions()
    assert any(v.startswith("news-digest=") for v in before)
    assert any(v.startswith("jinja2=") for v in before)
    from importlib import metadata

    real = metadata.version
    monkeypatch.setattr(metadata, "version",
                        lambda name: "99.0" if name == "news-digest" else real(name))
    reach.library_versions.cache_clear()
    try:
        assert reach.library_versions() != before
    finally:
        reach.library_versions.cache_clear()
