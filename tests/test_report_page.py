"""The reviewer's page, tested like a page: structure and accessibility, then in headless Chromium.

The static checks parse ``reports/index.html`` with the standard library. The browser test serves
the project on 127.0.0.1, opens the page in Debian's Chromium inside a same-origin harness, and
checks that every image loads, every local link resolves, and the page fits a 640-pixel-wide
viewport (a 1280-pixel window at 200% zoom) without sideways scrolling.
"""

import csv
import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser

import pytest

from analysis.config import PROCESSED_DATA_DIR, PROJECT_DIR, REPORTS_DIR
from analysis.present.colours import contrast_ratio

pytestmark = pytest.mark.slow

INDEX = REPORTS_DIR / "index.html"
SOURCES = REPORTS_DIR / "sources"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.links, self.tables, self.scripts = [], [], 0, 0
        self.th_without_scope = 0
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "img":
            self.images.append(attrs)
        elif tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        elif tag == "table":
            self.tables += 1
        elif tag == "th" and "scope" not in attrs:
            self.th_without_scope += 1
        elif tag == "script":
            self.scripts += 1


@pytest.fixture(scope="module")
def page():
    if not INDEX.is_file():
        pytest.skip("reports/index.html is built by `make reports`")
    parsed = _Page()
    parsed.feed(INDEX.read_text(encoding="utf-8"))
    return parsed


def test_page_has_language_alt_text_and_table_headers(page):
    assert page.lang == "en-GB"
    assert len(page.images) >= 7
    for img in page.images:
        assert len(img.get("alt", "")) > 40, img
        assert "No description" not in img["alt"]
    assert page.tables >= 3 and page.th_without_scope == 0
    assert page.scripts == 0


def test_every_local_link_and_image_exists(page):
    targets = [i["src"] for i in page.images] + page.links
    local = [t for t in targets if not t.startswith(("#", "http:", "https:", "mailto:"))]
    missing = [t for t in local if not (INDEX.parent / t.split("#")[0]).resolve().exists()]
    assert not missing


def test_page_colours_meet_contrast():
    css = INDEX.read_text(encoding="utf-8") if INDEX.is_file() else ""
    for name in ("--text", "--muted", "--link"):
        match = re.search(rf"{name}: (#[0-9a-fA-F]{{6}})", css)
        if match:
            assert contrast_ratio(match.group(1), "#FFFFFF") >= 4.5, name


#: The page at 640 pixels wide (a 1280-pixel window at 200% zoom): every image loaded, every local
#: link answered, no sideways scrolling. Run in the shared harness (:data:`HARNESS_HEAD`).
ZOOMED_PAGE = """
  const narrow = document.createElement('iframe');
  narrow.style = 'width:640px;height:900px';
  await new Promise(r => { narrow.onload = r; narrow.src = '/reports/index.html';
                           document.body.appendChild(narrow); });
  await new Promise(r => setTimeout(r, 500));
  const doc = narrow.contentDocument;
  const imgs = [...doc.images].map(i => ({src: i.getAttribute('src'),
      ok: i.complete && i.naturalWidth > 0}));
  const hrefs = [...doc.querySelectorAll('a[href]')].map(a => a.href)
      .filter(h => h.startsWith(location.origin) && !h.includes('#'));
  const answers = [];
  for (const href of hrefs) {
    try { const r = await fetch(href, {method: 'HEAD'}); answers.push({href, status: r.status}); }
    catch (e) { answers.push({href, status: 0}); }
  }
  const el = doc.documentElement;
  const widths = {scrollWidth: el.scrollWidth, clientWidth: el.clientWidth};
  narrow.remove();  // after measuring: a removed frame's document measures 0
  return {imgs, links: answers, ...widths};
"""


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def served():
    if not INDEX.is_file():
        pytest.skip("reports/index.html is built by `make reports`")
    if not _chromium():
        pytest.skip("Chromium is not installed (`make browser` installs Debian's chromium as root)")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Handler, directory=str(PROJECT_DIR))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_page_in_headless_chromium(in_browser):
    result = in_browser["zoomed"]
    assert len(result["imgs"]) >= 7
    assert all(i["ok"] for i in result["imgs"]), [i for i in result["imgs"] if not i["ok"]]
    assert result["links"] and all(r["status"] == 200 for r in result["links"]), result["links"]
    assert result["scrollWidth"] <= result["clientWidth"], "sideways scrolling at 200% zoom"


@pytest.mark.review
def test_screenshot_for_review(served, tmp_path):
    shot = PROJECT_DIR / "build" / "index-screenshot.png"
    shot.parent.mkdir(exist_ok=True)
    cmd = [
        _chromium(),
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}",
        "--window-size=1280,3000",
        "--hide-scrollbars",
        f"{served}/reports/index.html",
    ]
    subprocess.run(cmd, capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000


AXE = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"

HARNESS_HEAD = """<!DOCTYPE html><html><body><iframe id="f" style="width:1000px;height:800px">
</iframe><pre id="out">pending</pre><script>
const f = document.getElementById('f');
const load = (src) => new Promise(r => { f.onload = () => setTimeout(r, 300); f.src = src; });
const report = (value) => {
  document.getElementById('out').textContent = 'RESULT@@' + JSON.stringify(value) + '@@END';
};
"""


def _run_harness(served: str, tmp_path, body: str) -> object:
    """Run ``body`` (JavaScript ending in ``report(value)``) in a page beside the project."""
    harness = PROJECT_DIR / "build" / "browser-checks.html"
    harness.parent.mkdir(exist_ok=True)
    harness.write_text(
        HARNESS_HEAD + "(async () => {\n" + body + "\n})();\n</script></body></html>"
    )
    cmd = [
        _chromium(),
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=80000",
        "--dump-dom",
        f"{served}/build/{harness.name}",
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=180).stdout
    match = re.search(r"RESULT@@(.*?)@@END", out, re.S)
    assert match, "the harness did not report: " + out[-500:]
    return json.loads(html.unescape(match.group(1)))


#: A KPI link and a grade link of the summary, followed: the words they point at, highlighted.
FOLLOWED_LINKS = """
  await load('/reports/index.html');
  const links = [...f.contentDocument.querySelectorAll('ul.summary a')];
  const picks = [links.find(a => a.textContent.startsWith('KPI')),
                 links.find(a => a.textContent.endsWith('grade'))];
  const results = [];
  for (const a of picks) {
    const href = a.getAttribute('href');
    await load('/reports/' + href);
    const d = f.contentDocument, t = d.querySelector(':target');
    const box = t ? t.getBoundingClientRect() : null;
    results.push({href, text: t ? t.textContent : null,
      background: t ? getComputedStyle(t).backgroundColor : null,
      visible: !!box && box.height > 0 && box.bottom > 0 && box.top < f.contentWindow.innerHeight});
  }
  return results;
"""


def _axe_check(pages: list[str]) -> str:
    """JavaScript returning each page's serious and critical axe-core violations."""
    return f"""
  const pages = {json.dumps(pages)};
  const found = {{}};
  for (const page of pages) {{
    await load('/reports/' + page);
    const d = f.contentDocument, s = d.createElement('script');
    s.src = '/node_modules/axe-core/axe.min.js';
    await new Promise(r => {{ s.onload = r; d.head.appendChild(s); }});
    const result = await f.contentWindow.axe.run(d, {{resultTypes: ['violations']}});
    found[page] = result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
      .map(v => ({{id: v.id, impact: v.impact, nodes: v.nodes.length,
                   first: v.nodes[0].target.join(' ')}}));
  }}
  return found;
"""


def _axe_pages() -> list[str]:
    """The report's pages: the index, every source page and every rendered notebook."""
    pages = ["index.html"] + [f"sources/{p.name}" for p in sorted(SOURCES.glob("*.html"))]
    notebooks = sorted((REPORTS_DIR / "notebooks").glob("*.html"))
    return pages + [f"notebooks/{p.name}" for p in notebooks]


@pytest.fixture(scope="module")
def in_browser(served, tmp_path_factory) -> dict:
    """The browser checks' results, from one Chromium run (a run costs about a second of CPU).

    ``zoomed``: :data:`ZOOMED_PAGE`; ``followed``: :data:`FOLLOWED_LINKS`; ``axe``: each page's
    serious and critical violations, or ``None`` when axe-core is not installed.
    """
    checks = {"zoomed": ZOOMED_PAGE, "followed": FOLLOWED_LINKS}
    if AXE.is_file():
        checks["axe"] = _axe_check(_axe_pages())
    body = "const results = {};\n" + "".join(
        f"results[{json.dumps(name)}] = await (async () => {{{js}}})();\n"
        for name, js in checks.items()
    )
    results = _run_harness(served, tmp_path_factory.mktemp("browser"), body + "report(results);")
    return {"axe": None} | results


def _processed_rows(table: str) -> list[dict[str, str]]:
    """A processed table's rows as text, read with the standard library (this module runs in a
    process of its own, which need not import pandas)."""
    with open(PROCESSED_DATA_DIR / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_kpi_link_and_a_grade_link_open_their_words_highlighted(in_browser):
    results = in_browser["followed"]
    evidence = {
        row["source_url"]: row["evidence"]
        for table in ("indicators", "judgements")
        for row in _processed_rows(table)
    }
    assert len(results) == 2
    for result in results:
        assert result["text"] == evidence[result["href"]], result
        assert result["background"] == "rgb(255, 221, 0)", result
        assert result["visible"], result


@pytest.mark.review
def test_a_source_page_screenshot_for_review(served, tmp_path):
    url = next(row["source_url"] for row in _processed_rows("indicators") if row["origin"] == "kpi")
    frame = PROJECT_DIR / "build" / "source-page-frame.html"
    frame.write_text(
        '<!DOCTYPE html><html><body style="margin:0"><iframe title="source page" '
        f'src="/reports/{url}" style="border:0;width:1280px;height:900px"></iframe></body></html>'
    )
    shot = PROJECT_DIR / "build" / "source-page-screenshot.png"
    cmd = [
        _chromium(),
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=10000",
        f"--screenshot={shot}",
        "--window-size=1280,900",
        f"{served}/build/{frame.name}",
    ]
    subprocess.run(cmd, capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000


def test_pages_pass_axe_with_no_serious_or_critical_violation(in_browser):
    if in_browser["axe"] is None:
        reason = "axe-core is missing: `make node_modules/.installed` installs it with npm"
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI must run the accessibility check)")
        pytest.skip(reason)
    found = in_browser["axe"]
    assert set(found) == set(_axe_pages())
    assert not any(found.values()), {page: v for page, v in found.items() if v}


def test_a_rendered_notebook_lets_a_reviewer_hide_the_code():
    page = (REPORTS_DIR / "notebooks" / "03_compare_judgements.html").read_text(encoding="utf-8")
    assert re.search(r'<input (?=[^>]*id="hide-code")(?=[^>]*type="checkbox")', page)
    assert 'for="hide-code"' in page
    assert "#hide-code:checked ~ main .jp-Cell-inputWrapper" in page
