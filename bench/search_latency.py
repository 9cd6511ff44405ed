"""A reader's first search on a built site: seconds from opening ``search/?q=WORD`` in a new
browser context (cold cache) until the results are listed, and the requests it took.

Serves the site with ``python -m http.server`` (HTTP/1.1) and drives Debian's Chromium with
Playwright (the test extras), optionally adding a latency to every request (Chromium's own
network emulation) as a real network would. Not part of ``make bench`` (it needs Chromium);
bench/RESULTS.md, 2026-12-08, has its figures for the bench's 10,000-article site.

    python bench/search_latency.py SITE_OUTPUT [--words police,market] [--latency-ms 40]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SETTLED = """() => !["", "Searching…"].includes(
  document.getElementById("search-status").textContent)"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def first_searches(site: Path, words: list[str], latency_ms: float
                   ) -> list[tuple[str, float, int, str]]:
    """(word, seconds, requests, the status line) of each word's first search."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "-d", str(site),
                               "-b", "127.0.0.1"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)  # the server's socket
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                        args=["--no-sandbox", "--disable-gpu"])
            found = [one_search(browser, f"http://127.0.0.1:{port}/search/?q={word}",
                                latency_ms) + (word,) for word in words]
            browser.close()
    finally:
        server.kill()
    return [(word, seconds, requests, status) for seconds, requests, status, word in found]


def one_search(browser: Any, url: str, latency_ms: float) -> tuple[float, int, str]:
    """(seconds, requests, status line) of opening ``url`` in a new context of ``browser``."""
    context = browser.new_context()
    page = context.new_page()
    requests: list[object] = []
    page.on("request", lambda request: requests.append(request))  # a function of its own
    if latency_ms:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": latency_ms, "downloadThroughput": 1_250_000,
            "uploadThroughput": 250_000})
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_function(SETTLED, timeout=120_000)
    seconds = time.perf_counter() - started
    status = str(page.inner_text("#search-status"))
    context.close()
    return seconds, len(requests), status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site's output folder")
    parser.add_argument("--words", default="police,market,krakow,tanaka,hospital")
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args()
    rows = first_searches(args.site, args.words.split(","), args.latency_ms)
    for word, seconds, requests, status in rows:
        print(f"{word}: {seconds:.2f} s, {requests} requests ({status})")
    print(f"median {statistics.median(r[1] for r in rows):.2f} s, "
          f"{statistics.median(r[2] for r in rows):.0f} requests")


if __name__ == "__main__":
    main()
