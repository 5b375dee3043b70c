"""Make the screenshots of the role guides (docs/guides/) again.

Run it against a server holding the demo data, at a desktop width:

    DEBUG=1 .venv/bin/python manage.py migrate
    DEBUG=1 .venv/bin/python manage.py seed_demo
    DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:8010
    .venv/bin/python docs/images/make_screenshots.py http://127.0.0.1:8010

It signs in as the demo accounts (password DEMO_PASSWORD, default `apec-demo`) with headless
Chromium (CHROMIUM, default Debian's /usr/bin/chromium) and writes each PNG beside this file,
cropped to the part of the page that the guide talks about. The pictures change nothing: every
form is opened, never submitted. With Pillow installed (WeasyPrint brings it), each picture is
reduced to 256 colours so that it stays small.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PASSWORD = os.environ.get("DEMO_PASSWORD", "apec-demo")
# Without the networking flags Chromium keeps calling home on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
MAX_HEIGHT = 760  # px: a picture shows one part of a page, not the page


@dataclass
class Shot:
    """One picture: `path` seen by `user`, from the top of `start` (the page's top when empty)
    to the bottom of `end`, at most MAX_HEIGHT high."""

    name: str
    user: str
    path: str
    end: str
    start: str = ""
    fill: dict[str, str] = field(default_factory=dict)  # selector -> text typed, never sent
    height: int = MAX_HEIGHT


SHOTS = [
    # The delegate (docs/guides/delegate.md)
    Shot("delegate-home", "delegate-chl", "/", end="#your-reports + .card-like, .home-panel"),
    Shot("delegate-report", "delegate-chl", "/reports/2026/CHL/", end=".task-list"),
    Shot(
        "delegate-section",
        "delegate-chl",
        "/reports/2026/CHL/sections/3/",
        start="main span.caption",
        end="fieldset.measure select",
        height=700,
    ),
    Shot("delegate-check", "delegate-chl", "/reports/2026/CHL/check/", end=".error-summary"),
    Shot("delegate-returned", "delegate-pe", "/reports/2026/PE/", end=".task-list"),
    Shot(
        "delegate-workbook", "delegate-chl", "/reports/2026/CHL/workbook/upload/", end="main form"
    ),
    # The program director (docs/guides/director.md)
    Shot("director-home", "director", "/", end=".home-panel"),
    Shot("director-queue", "director", "/reports/queue/", end="table", height=640),
    Shot("director-report", "director", "/reports/2026/USA/", end=".actions"),
    Shot(
        "director-return",
        "director",
        "/reports/2026/USA/return/",
        end="main form",
        fill={"textarea[name=comment]": "Please give a source for the figures of area 1."},
    ),
    Shot("director-cycles", "director", "/reports/cycles/", end="table"),
    Shot(
        "director-dashboard",
        "director",
        "/dashboard/2025-2028/",
        start="#areas",
        end="#areas .chart-and-table > :first-child",
    ),
    Shot(
        "director-dashboard-table",
        "director",
        "/dashboard/2025-2028/",
        start="#areas div.table-scroll",
        end="#areas div.table-scroll",
    ),
    Shot(
        "director-measure",
        "director",
        "/dashboard/2025-2028/measures/1/2/",
        end="main table",
        height=700,
    ),
    # The Chair (docs/guides/chair.md)
    Shot(
        "chair-home",
        "chair",
        "/",
        start="#reviews-title",
        end="section[aria-labelledby=annual-title]",
    ),
    Shot("chair-review-top", "chair", "/reviews/2025-2028/midterm/", end="section.downloads"),
    Shot(
        "chair-review",
        "chair",
        "/reviews/2025-2028/midterm/",
        start="#area-1 h2",
        end="#area-1 .review-area__aside",
    ),
    Shot(
        "chair-passages",
        "chair",
        "/reviews/2025-2028/midterm/passages/?area=1",
        end="ol.results > li:nth-child(2)",
    ),
    Shot("chair-annual", "chair", "/reports/annual/2025-2028/2026/", end="#area-1"),
    # The administrator (docs/guides/administrator.md)
    Shot("admin-index", "admin", "/admin/", end="#content-main", height=700),
    Shot("admin-import", "admin", "/admin/plans/strategicplan/import/", end="#content form"),
    Shot("admin-delegate", "admin", "/admin/plans/delegate/add/", end="#content form"),
]


def sign_in(page: Page, base: str, user: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit], main input[type=submit]")
    if "/accounts/login/" in page.url:
        sys.exit(f"Could not sign in as {user}: is the demo data loaded (seed_demo)?")


def edge(page: Page, selectors: str, side: str) -> float | None:
    """The top or bottom (page coordinates) of the first element matching one of `selectors`."""
    for selector in selectors.split(","):
        found = page.query_selector(selector.strip())
        box = found.bounding_box() if found else None
        if box:
            scrolled = page.evaluate("window.scrollY")
            return box["y"] + scrolled + (box["height"] if side == "bottom" else 0)
    return None


def take(page: Page, base: str, shot: Shot) -> bytes:
    response = page.goto(f"{base}{shot.path}")
    if response is None or response.status != 200:
        sys.exit(f"{shot.path} answered {response.status if response else 'nothing'}")
    for selector, text in shot.fill.items():
        page.fill(selector, text)
    top = edge(page, shot.start, "top") if shot.start else 0.0
    bottom = edge(page, shot.end, "bottom")
    if top is None or bottom is None:
        sys.exit(f"{shot.name}: {shot.start or 'the top'} or {shot.end} not found on {shot.path}")
    top = max(0.0, top - 12)
    height = min(shot.height, bottom + 16 - top)
    return page.screenshot(
        clip={"x": 0, "y": top, "width": VIEWPORT["width"], "height": height}, full_page=True
    )


def small(png: bytes) -> bytes:
    """256 colours: text and flat colours look the same at a third of the size."""
    try:
        from PIL import Image
    except ImportError:
        return png
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "base_url", help="the server with the demo data, e.g. http://127.0.0.1:8010"
    )
    parser.add_argument("names", nargs="*", help="only these pictures (default: all)")
    args = parser.parse_args()
    base = args.base_url.rstrip("/")
    shots = [shot for shot in SHOTS if not args.names or shot.name in args.names]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=VIEWPORT).new_page()
        user = ""
        for shot in shots:
            if shot.user != user:
                sign_in(page, base, shot.user)
                user = shot.user
            target = HERE / f"{shot.name}.png"
            target.write_bytes(small(take(page, base, shot)))
            print(f"{target.name}: {target.stat().st_size // 1024} KB")
        browser.close()


if __name__ == "__main__":
    main()
