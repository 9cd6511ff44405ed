"""Time ``digest build`` on synthetic news sites, beside Hugo when it is installed.

    python bench/bench_build.py [--articles 10000] [--runs 3] [--scale 1000 10000 50000]
                                [--cluster 10000 100000] [--unstoried 0.2] [--out FILE]

Generates deterministic articles (``bench/synth.py``) into a temporary folder and measures, as
medians of ``--runs`` runs, with the peak memory of the whole process tree taken in one more run
(workers and Pagefind included, as the sum of their PSS, so pages shared after a fork count
once; sampling it costs CPU, so timed runs are not sampled): a cold build
(empty cache: clustering, feeds and search index included), a rebuild with no change (the
check that finds nothing to do), the same with the whole pipeline run (the record of the last
build dropped, as after a file touched but not changed), after editing one article and after
adding one, the ``digest serve`` edit-to-reload latency, ``digest
cluster`` on ``--cluster`` articles, and the cold build cost per article at each ``--scale``
size, and one more cold build stage by stage (``bench/stages.py``: each stage's wall time
and the machine's cores busy). With ``hugo`` on the PATH the same articles are built with a
minimal Hugo site (pages, tag pages, index, RSS) and our times are divided by Hugo's cold
build; Pagefind is then run over Hugo's article pages, for the time a Hugo site with the
same search index takes. Writes a Markdown table to ``--out`` (default ``bench/RESULTS.md``).
Not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_cluster  # noqa: E402
import stages  # noqa: E402
import synth  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DIGEST = [sys.executable, "-m", "generator"]
THEME = REPO / "themes" / "default"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1900000000", "CI": "1"}
Row = tuple[str, float, float]  # (what, median seconds, peak MB)
SAMPLE_SECONDS = 0.25  # between memory samples (reading PSS costs the machine CPU time)


def tree_rss_mb(pid: int) -> float:
    """Memory of a process and all its descendants, in MB (from /proc): the sum of their
    proportional set sizes (PSS: a page shared by forked workers counts once in all), or of
    their resident sizes where PSS cannot be read."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _pss(current) or rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total / 1_048_576


def _pss(pid: int) -> int | None:
    """Proportional set size of a process in bytes, or None when it cannot be read."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


@contextlib.contextmanager
def peak_memory(pid: int) -> Iterator[list[float]]:
    """Samples the memory of ``pid``'s process tree (``tree_rss_mb``) in a thread while the
    block runs, every ``SAMPLE_SECONDS`` (sampling PSS walks page tables: not too often); the
    list holds the samples, so its max is the peak."""
    samples = [0.0]
    done = threading.Event()

    def sampling() -> None:
        while True:
            samples.append(tree_rss_mb(pid))
            if done.wait(SAMPLE_SECONDS):
                return

    sampler = threading.Thread(target=sampling, daemon=True)
    sampler.start()
    try:
        yield samples
    finally:
        done.set()
        sampler.join()


def timed(command: Sequence[str], cwd: Path | None = None,
          sample: bool = True) -> tuple[float, float]:
    """(seconds, peak MB of the process tree, 0 unless ``sample``) of one command, which must
    succeed. The time runs to the moment the process exits; memory is sampled beside it, in a
    thread (each sample takes 5-45 ms of CPU, up to a sixth of a core: ``median_of`` times
    runs without it)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    with peak_memory(process.pid) if sample else contextlib.nullcontext([0.0]) as samples:
        _, errors = process.communicate()
        seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode()[-2000:]}")
    return seconds, max(samples)


def median_of(runs: int, prepare: Callable[[], None], command: Sequence[str]) -> tuple[float,
                                                                                      float]:
    """Median seconds of ``runs`` runs, and the peak MB of one more run whose memory is
    sampled (sampling would slow the timed runs); ``prepare`` before each run."""
    seconds = []
    for _ in range(runs):
        prepare()
        seconds.append(timed(command, sample=False)[0])
    prepare()
    return statistics.median(seconds), timed(command)[1]


def build_command(site: Path) -> list[str]:
    return [*DIGEST, "build", "--content", str(site / "content"), "--output",
            str(site / "output"), "--theme", str(THEME), "--quiet"]


def clear(site: Path) -> Callable[[], None]:
    """Before a cold build: no output, no cache."""
    def run() -> None:
        shutil.rmtree(site / "output", ignore_errors=True)
        shutil.rmtree(site / "content" / ".digest" / ".cache", ignore_errors=True)
    return run


def edit_one(site: Path) -> Callable[[], None]:
    """Before a rebuild: append a sentence to one article's body."""
    def run() -> None:
        path = sorted((site / "content" / "articles").glob("*.md"))[0]
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nEdited at {time.time_ns()}.\n")
    return run


def forget_last(site: Path) -> Callable[[], None]:
    """Before a rebuild: drop the record of the last build (``cache.fresh``), so that the
    pipeline runs, as after a file touched but not changed."""
    def run() -> None:
        for record in (site / "content" / ".digest" / ".cache").glob("fresh-*.json"):
            record.unlink()
    return run


def add_one(site: Path) -> Callable[[], None]:
    """Before a rebuild: one more article, joining an existing story."""
    def run() -> None:
        first = sorted((site / "content" / "articles").glob("*.md"))[0]
        text = first.read_text(encoding="utf-8").replace('title: "', 'title: "Added: ', 1)
        (site / "content" / "articles" / f"added-{time.time_ns()}.md").write_text(
            text + "\nA new report.\n", encoding="utf-8")
    return run


def build_rows(site: Path, runs: int, cold_runs: int) -> list[Row]:
    """Cold build, then the three kinds of rebuild."""
    command = build_command(site)
    rows = [("cold build (empty cache)", *median_of(cold_runs, clear(site), command))]
    timed(command)  # warm the cache
    rows.append(("rebuild, no change", *median_of(runs, lambda: None, command)))
    rows.append(("rebuild, no change, the whole pipeline (no record of the last build)",
                 *median_of(runs, forget_last(site), command)))
    rows.append(("rebuild, one article edited", *median_of(runs, edit_one(site), command)))
    rows.append(("rebuild, one article added", *median_of(runs, add_one(site), command)))
    return rows


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_latency(site: Path, runs: int) -> list[Row]:
    """Seconds from saving an edit until the server shows it (its preview, or the rebuilt site
    when there is none) and until the whole site is rebuilt; each edit once the server is idle
    (its search index caught up with the last edit, which it does after 1 s without one)."""
    port = free_port()
    command = [*DIGEST, "serve", "--port", str(port), "--content", str(site / "content"),
               "--output", str(site / "output"), "--theme", str(THEME), "--quiet"]
    server = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        with peak_memory(server.pid) as samples:
            version = _wait_status(port, lambda s: s["version"] > 0, 3600)["version"]
            shown, rebuilt = [], []
            for _ in range(runs):
                _wait_status(port, lambda s: not s["search_behind"], 600)  # caught up: idle
                time.sleep(0.5)
                edit_one(site)()
                started = time.perf_counter()
                version = _wait_status(port, lambda s, v=version: s["version"] > v,
                                       600)["version"]
                shown.append(time.perf_counter() - started)
                status = _wait_status(port, lambda s: not s["pending"], 600)
                rebuilt.append(time.perf_counter() - started)
                version = status["version"]
    finally:
        server.terminate()
        server.wait(30)
    return [("`digest serve`: edit to page shown", statistics.median(shown), max(samples)),
            ("`digest serve`: edit to whole site rebuilt", statistics.median(rebuilt),
             max(samples))]


def _wait_status(port: int, done: Callable[[dict[str, Any]], bool],
                 timeout: float) -> dict[str, Any]:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/__digest/status",
                                        timeout=5) as response:
                status: dict[str, Any] = json.load(response)
            if done(status):
                return status
        except OSError:
            pass
        time.sleep(0.01)
    raise SystemExit("digest serve did not rebuild in time")


def cluster_rows(sizes: Sequence[int], folder: Path, runs: int) -> list[Row]:
    """``digest cluster`` on synthetic JSONL streams (bench_cluster's generator), medians of
    ``runs`` runs."""
    rows = []
    for size in sizes:
        path = folder / f"cluster-{size}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for doc in bench_cluster.articles(size, 250, 7):
                handle.write(json.dumps({"id": doc.key, "title": doc.title, "text": doc.text,
                                         "date": doc.date.isoformat() if doc.date else None,
                                         "source": doc.source}) + "\n")
        seconds, peak = median_of(runs, lambda: None,
                                  [*DIGEST, "cluster", "--input", str(path), "--output",
                                   str(folder / f"cluster-{size}.out.jsonl")])
        rows.append((f"`digest cluster`, {size:,} articles", seconds, peak))
    return rows


HUGO_CONFIG = """baseURL = "https://bench.example/"
title = "Bench Digest"
disableKinds = ["sitemap", "robotsTXT"]
[taxonomies]
tag = "tags"
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head>"
                            "<body>{{ block \"main\" . }}{{ end }}</body></html>\n",
    "_default/single.html": "{{ define \"main\" }}<article data-pagefind-body><h1>{{ .Title }}"
                            "</h1>{{ .Content }}</article>{{ range .Params.tags }}"
                            "<a href=\"/tags/{{ . | urlize }}/\">{{ . }}</a>{{ end }}{{ end }}\n",
    "_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}"
                          "<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}\n",
}


def hugo_rows(site: Path, runs: int) -> tuple[Row | None, list[Row]]:
    """Hugo's build of the same articles (None when hugo is not installed), and as reference
    rows: Pagefind indexing Hugo's article pages (marked ``data-pagefind-body`` as ours are;
    the same program and version as ours) and the sum of the two, what a Hugo site with our
    search index takes."""
    hugo = hugo_row(site, runs)
    if hugo is None:
        return None, []
    from generator import search

    public = site / "hugo" / "public"
    bundle = site / "hugo" / "pagefind"
    seconds, peak = median_of(runs, lambda: shutil.rmtree(bundle, ignore_errors=True),
                              [str(search.executable()), "--site", str(public), "--output-path",
                               str(bundle), "--force-language", "en", "--silent"])
    return hugo, [("Pagefind over Hugo's article pages", seconds, peak),
                  ("Hugo cold build + Pagefind", hugo[1] + seconds, max(hugo[2], peak))]


def hugo_row(site: Path, runs: int) -> Row | None:
    """Hugo's build of the same articles, or None when hugo is not installed."""
    hugo = shutil.which("hugo")
    if hugo is None:
        return None
    root = site / "hugo"
    shutil.rmtree(root, ignore_errors=True)
    (root / "content").mkdir(parents=True)
    (root / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (root / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "layouts" / name).write_text(text, encoding="utf-8")
    shutil.copytree(site / "content" / "articles", root / "content" / "articles",
                    ignore=shutil.ignore_patterns(".*"))
    command = [hugo, "--quiet", "-s", str(root), "-d", str(root / "public")]
    seconds, peak = median_of(runs, lambda: shutil.rmtree(root / "public", ignore_errors=True),
                              command)
    return "Hugo: cold build of the same articles", seconds, peak


def table(rows: Sequence[Row], hugo: Row | None, reference: Sequence[Row] = ()) -> list[str]:
    lines = ["| what | seconds (median) | × Hugo cold | peak MB |", "|---|---:|---:|---:|"]
    for what, seconds, peak in [*rows, *([hugo] if hugo else []), *reference]:
        ratio = f"{seconds / hugo[1]:.2f}" if hugo else "hugo not installed"
        lines.append(f"| {what} | {seconds:.2f} | {ratio} | {peak:,.0f} |")
    return lines


def report(articles: int, runs: int, main_table: Sequence[str], scale: Sequence[str],
           cold_stages: Sequence[stages.Stage]) -> list[str]:
    """The results as Markdown lines."""
    return [f"# Build benchmark: {articles:,} synthetic articles, medians of {runs} runs",
            "", f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}; "
            "`digest` times include interpreter start-up and imports.", "",
            *main_table, "", "Cold build cost per article:", "",
            "| articles | seconds | ms per article | peak MB |", "|---:|---:|---:|---:|",
            *scale, "", "One more cold build, stage by stage (machine-wide cores busy):", "",
            *stages.stage_table(cold_stages, os.cpu_count() or 1), ""]


def main() -> None:
    """Generate, measure, print and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, nargs="*", default=[1_000, 10_000, 50_000])
    parser.add_argument("--cluster", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--unstoried", type=float, default=0.2,
                        help="share of articles without story: in the clustering variant")
    parser.add_argument("--cold-runs", type=int, default=None,
                        help="runs of the cold build (default: --runs)")
    parser.add_argument("--work", type=Path, default=None,
                        help="keep the generated sites in this folder and reuse them")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        work = args.work or Path(tmp)
        site = work / "site"
        if not (site / "content" / "articles").is_dir():
            synth.write_site(site, args.articles)
        rows = build_rows(site, args.runs, args.cold_runs or args.runs)
        clear(site)()
        cold_stages = stages.timed_stages(
            [part for part in build_command(site) if part != "--quiet"], ENV)
        hugo, reference = hugo_rows(site, args.runs)
        rows += serve_latency(site, args.runs)
        if args.unstoried > 0:
            variant = work / "unstoried"
            shutil.rmtree(variant, ignore_errors=True)
            synth.write_site(variant, args.articles, unstoried=args.unstoried)
            rows.append((f"cold build, {args.unstoried:.0%} of articles without story "
                         "(clustered)", *timed(build_command(variant))))
        rows += cluster_rows(args.cluster, work, args.runs)
        scale = []
        for size in args.scale:
            folder = work / f"scale-{size}"
            synth.write_site(folder, size)
            seconds, peak = timed(build_command(folder))
            scale.append(f"| {size:,} | {seconds:.1f} | {1000 * seconds / size:.2f} | "
                         f"{peak:,.0f} |")
            shutil.rmtree(folder)
        # written before the temporary folder (hundreds of thousands of files) is removed:
        # a removal that fails must not cost the measurements
        lines = report(args.articles, args.runs, table(rows, hugo, reference), scale,
                       cold_stages)
        print("\n".join(lines))
        args.out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
