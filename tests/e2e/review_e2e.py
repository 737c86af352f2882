#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""End to end in headless Chromium: a report with a planted
inconsistency is in the store, the clerk opens its page, sees the flag
and its evidence, dismisses it with a comment, reloads and sees it
dismissed; a report whose text holds <script> shows it as text.
Screenshots go to $BUILD/e2e/.

Environment: REPORTD (the binary), BUILD (the build folder), and
FIXTURE_TOOL (a program that writes the store: `TOOL --make-fixture
FILE`)."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webdriver  # noqa: E402

failures = []
passes = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    (passes if cond else failures).append(what)


def start_server(reportd, db):
    proc = subprocess.Popen(
        [reportd, "serve", "--db", db, "--listen", "127.0.0.1:0"],
        stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 20
    while time.time() < deadline:
        line = proc.stderr.readline()
        m = re.search(r"serving (http://\S+)", line)
        if m:
            return proc, m.group(1).rstrip("/")
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("reportd serve did not start")


def main():
    if not webdriver.chromium_available():
        msg = "chromium and chromium-driver are not installed"
        if os.environ.get("CI") == "true":
            raise SystemExit("review_e2e: " + msg)
        print("review_e2e: skipped: " + msg)
        return 0
    reportd = os.environ["REPORTD"]
    build = os.environ["BUILD"]
    tool = os.environ["FIXTURE_TOOL"]
    shots = os.path.join(build, "e2e")
    os.makedirs(shots, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="reportd-e2e-")
    db = os.path.join(tmp, "reportd.db")
    subprocess.run([tool, "--make-fixture", db], check=True)
    server, base = start_server(reportd, db)
    try:
        with webdriver.Browser() as b:
            run(b, base, shots)
    finally:
        server.terminate()
        server.wait(timeout=10)
        subprocess.run(["rm", "-rf", tmp], check=False)
    print("%d passed, %d failed" % (len(passes), len(failures)))
    return 1 if failures else 0


def doc_id(base, q):
    """The id of the one document matching search `q`, from the API."""
    url = base + "/api/documents?q=" + urllib.parse.quote(q)
    with urllib.request.urlopen(url, timeout=10) as r:
        docs = json.loads(r.read().decode())["documents"]
    assert len(docs) == 1, "%d documents match %r" % (len(docs), q)
    return docs[0]["id"]


def run(b, base, shots):
    # The overview lists the report with its open flags.
    b.get(base + "/")
    check("Báo cáo đã nhận" in b.text(b.find("h1")),
          "overview is in Vietnamese")
    b.full_screenshot(os.path.join(shots, "review-overview.png"))

    # The clerk opens the report with the planted inconsistency from the
    # overview; its page shows the flag and its evidence.
    link = [a for a in b.find_all("table.docs a")
            if "VĨNH HÒA" in b.text(a)]
    check(len(link) == 1, "report listed on the overview")
    b.click(link[0])
    webdriver.wait_for(lambda: "/doc/" in b.url(), what="document page")
    doc_url = b.url().split("#")[0]
    flag = b.find("article#flag-0")
    text = b.text(flag)
    check("7.972/12.175 là 65,5%, báo cáo ghi 4,8%" in text,
          "flag message shown")
    check("pct_mismatch" in text, "flag rule shown")
    check("files.resolved" in text and "12.175" in text and "4,8" in text,
          "evidence values shown")
    check("Trang 3" in text, "evidence source page shown")
    check("state-open" in b.attr(flag, "class"), "flag starts open")
    box = b.find("article#flag-0 figure.region .box")
    check(b.script("var e = arguments[0]; return e.offsetWidth > 0 && "
                   "e.style.top !== '';", {webdriver.ELEMENT: box}),
          "evidence region box drawn on the page image")
    b.full_screenshot(os.path.join(shots, "review-doc-open.png"))

    # Dismiss it with a comment.
    comment = b.find("article#flag-0 textarea[name=comment]")
    b.type(comment, "Số liệu đúng, lỗi đánh máy ở tỷ lệ")
    b.click(b.find("article#flag-0 button[value=dismiss]"))
    webdriver.wait_for(lambda: "#flag-0" in b.url(), what="redirect")

    # Reload: the flag is dismissed, with the comment and a time.
    b.refresh()
    flag = webdriver.wait_for(lambda: b.find("article#flag-0"),
                              what="document page")
    check("state-dismissed" in b.attr(flag, "class"),
          "flag dismissed after reload")
    text = b.text(flag)
    check("Đã bỏ qua" in text, "dismissed state shown in Vietnamese")
    check("Số liệu đúng, lỗi đánh máy ở tỷ lệ" in text,
          "review comment shown")
    other = b.find("article#flag-1")
    check("state-open" in b.attr(other, "class"), "other flag still open")
    b.full_screenshot(os.path.join(shots, "review-doc.png"))

    # English switch.
    b.get(doc_url + "?lang=en")
    check("Dismissed" in b.text(b.find("article#flag-0")),
          "English switch")
    b.get(doc_url + "?lang=vi")

    # Text from a report that carries markup shows as text.
    b.get(base + "/doc/" + doc_id(base, "script"))
    h1 = b.text(b.find("h1"))
    check("<script>alert(1)</script>" in h1, "script tag shown as text")
    check(not b.alert_open(), "no script ran")
    check(b.script("return document.querySelectorAll('main script, "
                   "main img[src=x]').length;") == 0,
          "no element made from report text")

    # The period view shows the unit with no report.
    b.get(base + "/periods")
    b.click(b.find("table a"))
    missing = b.find_all("tr.missing")
    check(len(missing) >= 1 and "Chưa nộp" in b.text(missing[0]),
          "missing report visible in the period view")
    b.full_screenshot(os.path.join(shots, "review-period.png"))


if __name__ == "__main__":
    sys.exit(main())
