"""The reviewer's page, tested like a page: structure and accessibility, then in headless Chromium.

The static checks parse ``reports/index.html`` with the standard library. The browser test serves
the project on 127.0.0.1, opens the page in Debian's Chromium inside a same-origin harness, and
checks that every image loads, every local link resolves, and the page fits a 640-pixel-wide
viewport (a 1280-pixel window at 200% zoom) without sideways scrolling.
"""

import functools
import html
import http.server
import json
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser

import pytest

from analysis.config import PROJECT_DIR, REPORTS_DIR
from analysis.present.charts import contrast_ratio

INDEX = REPORTS_DIR / "index.html"
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


HARNESS = """<!DOCTYPE html><html><body><iframe id="f" src="/reports/index.html"
style="width:640px;height:900px"></iframe><pre id="out">pending</pre><script>
const f = document.getElementById('f');
f.onload = async () => {
  const doc = f.contentDocument;
  await new Promise(r => setTimeout(r, 500));
  const imgs = [...doc.images].map(i => ({src: i.getAttribute('src'),
      ok: i.complete && i.naturalWidth > 0}));
  const links = [...doc.querySelectorAll('a[href]')].map(a => a.href)
      .filter(h => h.startsWith(location.origin) && !h.includes('#'));
  const results = [];
  for (const href of links) {
    try { const r = await fetch(href, {method: 'HEAD'}); results.push({href, status: r.status}); }
    catch (e) { results.push({href, status: 0}); }
  }
  const el = doc.documentElement;
  document.getElementById('out').textContent = 'RESULT@@' + JSON.stringify({imgs, links: results,
      scrollWidth: el.scrollWidth, clientWidth: el.clientWidth}) + '@@END';
};
</script></body></html>"""


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if not INDEX.is_file():
        pytest.skip("reports/index.html is built by `make reports`")
    if not _chromium():
        pytest.skip("Chromium is not installed (`make browser` installs Debian's chromium as root)")
    harness_dir = tmp_path_factory.mktemp("harness")
    (harness_dir / "harness.html").write_text(HARNESS)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            if path.startswith("/harness.html"):
                return str(harness_dir / "harness.html")
            return super().translate_path(path)

        def log_message(self, *args):
            pass

    handler = functools.partial(Handler, directory=str(PROJECT_DIR))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_page_in_headless_chromium(served, tmp_path):
    cmd = [
        _chromium(),
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=20000",
        "--dump-dom",
        f"{served}/harness.html",
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    match = re.search(r"RESULT@@(.*?)@@END", out, re.S)
    assert match, "the harness did not report: " + out[-500:]
    result = json.loads(html.unescape(match.group(1)))
    assert len(result["imgs"]) >= 7
    assert all(i["ok"] for i in result["imgs"]), [i for i in result["imgs"] if not i["ok"]]
    assert result["links"] and all(r["status"] == 200 for r in result["links"]), result["links"]
    assert result["scrollWidth"] <= result["clientWidth"], "sideways scrolling at 200% zoom"


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
