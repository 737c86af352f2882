#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""End to end in headless Chromium against a running daemon: reports
are dropped into the inbox of `reportd run` (whose worker is the test
build, which turns a "#reportd-test-hook ok" file into a record with a
planted inconsistency, since this build may have no parser), the clerk
opens the report's page from the overview, sees the flag and its
evidence, dismisses it with a comment, reloads and sees it dismissed; a
report whose issuer holds <script> shows it as text; the period view
shows the unit that sent nothing.  Screenshots go to $BUILD/e2e/.

Environment: REPORTD (the binary), BUILD (the build folder)."""
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


def start_daemon(reportd, worker, root):
    log = open(os.path.join(root, "run.log"), "w+")
    proc = subprocess.Popen(
        [reportd, "run", "--root", root,
         "--set", "worker.program=" + worker,
         "--set", "review.listen=127.0.0.1:0",
         "--set", "inbox.settle_seconds=0"],
        stdout=log, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 20
    while time.time() < deadline:
        log.seek(0)
        m = re.search(r"review page: (http://\S+)", log.read())
        if m:
            return proc, m.group(1).rstrip("/")
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    log.seek(0)
    raise SystemExit("reportd run did not serve the review page:\n" +
                     log.read())


def drop(root, name, lines):
    """Writes a report beside the inbox and renames it in, as a mail
    client or a scanner would deliver it whole."""
    tmp = os.path.join(root, "." + name)
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.rename(tmp, os.path.join(root, "inbox", name))


def api(base, path):
    with urllib.request.urlopen(base + path, timeout=10) as r:
        return json.loads(r.read().decode())


def main():
    if not webdriver.chromium_available():
        msg = "chromium and chromium-driver are not installed"
        if os.environ.get("CI") == "true":
            raise SystemExit("review_e2e: " + msg)
        print("review_e2e: skipped: " + msg)
        return 0
    reportd = os.environ["REPORTD"]
    build = os.environ["BUILD"]
    worker = os.path.join(build, "daemon", "reportd-worker-test")
    shots = os.path.join(build, "e2e")
    os.makedirs(shots, exist_ok=True)
    root = tempfile.mkdtemp(prefix="reportd-e2e-")
    daemon, base = start_daemon(reportd, worker, root)
    try:
        drop(root, "vinh-hoa-q1-2024.docx", [
            "#reportd-test-hook ok", "issuer=UBND PHƯỜNG VĨNH HÒA",
            "period=quý I năm 2024", "from=2023-12-15", "to=2024-03-14",
            "value=31"])
        drop(root, "cam-binh-q4-2023.docx", [
            "#reportd-test-hook ok", "issuer=UBND XÃ CAM BÌNH",
            "period=quý IV năm 2023", "from=2023-09-15", "to=2023-12-14",
            "value=12"])
        drop(root, "xa-script.docx", [
            "#reportd-test-hook ok",
            "issuer=UBND XÃ <script>alert(1)</script>",
            "period=quý I năm 2024", "value=8"])
        drop(root, "bao-cao.pdf", ["not a report at all"])
        ndocs = 4
        # A real report's PDF after the hook lines: the worker draws
        # its appendix page, the rows the flag cites are boxed on it.
        pdf = os.path.join(os.environ.get("SHARED", ""), "corpus",
                           "dev-07-tai-son-q2-2022.pdf")
        picture = os.path.exists(pdf)
        if picture:
            with open(pdf, "rb") as f:
                body = f.read()
            head = "\n".join([
                "#reportd-test-hook ok", "issuer=UBND XÃ TÁI SƠN",
                "period=quý II năm 2022", "from=2022-03-15",
                "to=2022-06-14", "value=26", "done=29", "page=7",
                "box1=62,218,552,294", "box2=62,294,552,310"]) + "\n"
            tmp = os.path.join(root, ".tai-son.pdf")
            with open(tmp, "wb") as f:
                f.write(head.encode() + body)
            os.rename(tmp, os.path.join(root, "inbox", "tai-son-q2-2022.pdf"))
            ndocs += 1
        else:
            print("review_e2e: no shared corpus: page pictures not tested")
        webdriver.wait_for(
            lambda: api(base, "/api/documents")["total"] == ndocs,
            timeout=60, what="the daemon to store %d documents" % ndocs)
        with webdriver.Browser() as b:
            run(b, base, shots, picture)
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
        subprocess.run(["rm", "-rf", root], check=False)
    print("%d passed, %d failed" % (len(passes), len(failures)))
    return 1 if failures else 0


def doc_id(base, q):
    """The id of the one document matching search `q`, from the API."""
    url = base + "/api/documents?q=" + urllib.parse.quote(q)
    with urllib.request.urlopen(url, timeout=10) as r:
        docs = json.loads(r.read().decode())["documents"]
    assert len(docs) == 1, "%d documents match %r" % (len(docs), q)
    return docs[0]["id"]


def run(b, base, shots, picture):
    # The overview lists the report with its open flags.
    b.get(base + "/")
    check("Báo cáo đã nhận" in b.text(b.find("h1")),
          "overview is in Vietnamese")
    groups = [b.text(g) for g in b.find_all("table.docs tr.group")]
    check(groups.count("quý I năm 2024") == 1,
          "each period listed once, even when dates are missing")
    b.full_screenshot(os.path.join(shots, "review-overview.png"))

    # The clerk opens the report with the planted inconsistency from the
    # overview; its page shows the flag and its evidence.
    unit = "TÁI SƠN" if picture else "VĨNH HÒA"
    link = [a for a in b.find_all("table.docs a") if unit in b.text(a)]
    check(len(link) == 1, "report listed on the overview")
    b.click(link[0])
    webdriver.wait_for(lambda: "/doc/" in b.url(), what="document page")
    doc_url = b.url().split("#")[0]
    flag = b.find("article#flag-0")
    text = b.text(flag)
    check("Tỷ lệ không khớp" in text, "flag message shown")
    check("pct_mismatch" in text, "flag rule shown")
    check("plan.tasks_done" in text and "plan.tasks_total" in text,
          "evidence indicators shown")
    if picture:
        check("26" in text and "29" in text, "evidence values shown")
        check("Trang 7" in text and "dòng 2" in text,
              "evidence source page and row shown")
        img = b.find("article#flag-0 figure.region img")
        check(webdriver.wait_for(lambda: b.script(
            "var i = arguments[0]; return i.complete && "
            "i.naturalWidth > 500;", {webdriver.ELEMENT: img}),
            what="the page picture"), "page picture drawn by the worker")
        boxes = b.find_all("article#flag-0 figure.region .box")
        check(len(boxes) == 2 and all(b.script(
            "return arguments[0].offsetWidth > 100;",
            {webdriver.ELEMENT: x}) for x in boxes),
            "both cited rows boxed on the picture")
    else:
        check("31" in text and "15,5" in text, "evidence values shown")
        check("Trang 1" in text and "dòng 2" in text,
              "evidence source page and row shown")
    check("state-open" in b.attr(flag, "class"), "flag starts open")
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
    b.full_screenshot(os.path.join(shots, "review-doc.png"))

    # English switch.
    b.get(doc_url + "?lang=en")
    check("Dismissed" in b.text(b.find("article#flag-0")),
          "English switch")
    b.get(doc_url + "?lang=vi")

    # Text from a report that carries markup shows as text.
    b.get(base + "/doc/" + doc_id(base, "<script>"))
    h1 = b.text(b.find("h1"))
    check("<script>alert(1)</script>" in h1, "script tag shown as text")
    b.get(base + "/")
    check(not b.alert_open(), "no script ran on the overview")
    check(not b.alert_open(), "no script ran")
    check(b.script("return document.querySelectorAll('main script, "
                   "main img[src=x]').length;") == 0,
          "no element made from report text")

    # The period view shows the unit with no report.
    b.get(base + "/periods")
    period = [a for a in b.find_all("table a")
              if "quý I năm 2024" in b.text(a)]
    check(len(period) == 1, "period listed")
    b.click(period[0])
    missing = b.find_all("tr.missing")
    cam = [m for m in missing if "CAM BÌNH" in b.text(m)]
    check(len(cam) == 1 and "Chưa nộp" in b.text(cam[0]),
          "unit without a report visible in the period view")
    b.full_screenshot(os.path.join(shots, "review-period.png"))


if __name__ == "__main__":
    sys.exit(main())
