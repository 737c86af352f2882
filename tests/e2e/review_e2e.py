#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""End to end in headless Chromium against a running daemon with its
real worker (reportd-worker, found beside the binary as in production):
real reports are dropped into the inbox of `reportd run`, read, mapped
and checked by the pipeline, and the clerk reviews them on the page.

- corpus/samples/dev-04-tinh-ha-m9-2024.pdf (its truth plants
  pct_mismatch and missing_required): the clerk opens its page from the
  overview, sees the pct_mismatch flag, its evidence (15%, 26, 35, the
  sentence and page 1) and the picture of page 1 the worker drew, then
  dismisses it with a comment, reloads and sees it dismissed, also
  through /api/flags.  The daemon's flags are those `reportd extract`
  gives for the same file.
- A DOCX made here whose letterhead names the issuer
  "UBND XÃ <script>alert(1)</script>" and that prints its period without
  dates: its text shows as text, and its period is listed once on the
  overview beside the PDF's dated one.
- corpus/samples/dev-08-vinh-hoa-q2-2024.docx: a unit that reported
  before, so the period view of "9 tháng đầu năm 2024" shows it as not
  having sent that report.
- A file named .pdf that is not a report: stored as failed, not shown
  as a report.
- With the shared corpus ($SHARED/corpus, as in CI):
  dev-06-tran-phu-hd-year-2021.pdf, whose breakdown_sum flag cites
  appendix rows: the page picture carries a highlighted box per row,
  and each row is on the page the record names (its appendix runs over
  pages 6 to 8; checked against the PDF's own text with pdftotext).
  (dev-04's evidence is a sentence of the body, which has no row box.)

No test hook is needed: every situation above comes from the real
pipeline.  Screenshots go to $BUILD/e2e/.

Environment: REPORTD (the binary), BUILD (the build folder), SRC (the
source tree), SHARED (optional)."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import zipfile
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webdriver  # noqa: E402

failures = []
passes = []
# The machine may be loaded and the ASan build is slow: generous but
# bounded waits.
STORE_TIMEOUT = 300
SCRIPT_ISSUER = "UBND XÃ <script>alert(1)</script>"
M9 = "9 tháng đầu năm 2024"


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    (passes if cond else failures).append(what)


def start_daemon(reportd, root):
    log = open(os.path.join(root, "run.log"), "w+")
    # No worker.program: the daemon runs the real worker beside itself.
    proc = subprocess.Popen(
        [reportd, "run", "--root", root,
         "--set", "review.listen=127.0.0.1:0",
         "--set", "inbox.settle_seconds=0"],
        stdout=log, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 60
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


def drop_file(root, src, name):
    """Copies a report beside the inbox and renames it in, as a mail
    client or a scanner would deliver it whole."""
    tmp = os.path.join(root, "." + name)
    shutil.copyfile(src, tmp)
    os.rename(tmp, os.path.join(root, "inbox", name))


def drop_bytes(root, name, data):
    tmp = os.path.join(root, "." + name)
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, os.path.join(root, "inbox", name))


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w_para(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return ('<w:p><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>'
            % (rpr, escape(text)))


def w_cell(lines):
    return ('<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>%s'
            "</w:tc>" % "".join(w_para(x) for x in lines))


def make_docx(issuer, place, period):
    """A minimal Word report: the letterhead as a two-column table
    (issuer and number left, motto and date right), the title naming
    the period (no dates printed) and a short body."""
    header = ("<w:tbl><w:tblGrid><w:gridCol w:w=\"4500\"/>"
              "<w:gridCol w:w=\"4500\"/></w:tblGrid><w:tr>" +
              w_cell([issuer, "Số: 57/BC-UBND"]) +
              w_cell(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                      "Độc lập - Tự do - Hạnh phúc",
                      "%s, ngày 18 tháng 9 năm 2024" % place]) +
              "</w:tr></w:tbl>")
    body = "".join([
        w_para("BÁO CÁO", bold=True),
        w_para("Tình hình, kết quả công tác cải cách hành chính " + period,
               bold=True),
        w_para("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
               bold=True),
        w_para("Ủy ban nhân dân xã đã ban hành kế hoạch cải cách hành "
               "chính năm 2024 và triển khai đến các bộ phận."),
        w_para("Nơi nhận: UBND huyện."),
    ])
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="%s"><w:body>%s%s<w:sectPr/></w:body>'
           "</w:document>" % (W, header, body))
    ctypes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="'
        'application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="'
        "application/vnd.openxmlformats-officedocument.wordprocessingml."
        'document.main+xml"/></Types>')
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://'
        "schemas.openxmlformats.org/officeDocument/2006/relationships/"
        'officeDocument" Target="word/document.xml"/></Relationships>')
    path = tempfile.mktemp(suffix=".docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ctypes)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", doc)
    with open(path, "rb") as f:
        data = f.read()
    os.unlink(path)
    return data


def api(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as r:
        return json.loads(r.read().decode())


def settled(base, n):
    """All n documents stored and none still queued."""
    docs = api(base, "/api/documents?limit=100")
    if docs["total"] < n:
        return False
    return all(d.get("status") != "queued" for d in docs["documents"])


def main():
    if not webdriver.chromium_available():
        msg = "chromium and chromium-driver are not installed"
        if os.environ.get("CI") == "true":
            raise SystemExit("review_e2e: " + msg)
        print("review_e2e: skipped: " + msg)
        return 0
    reportd = os.environ["REPORTD"]
    build = os.environ["BUILD"]
    src = os.environ["SRC"]
    worker = os.path.join(os.path.dirname(os.path.abspath(reportd)),
                          "reportd-worker")
    if not os.access(worker, os.X_OK):
        raise SystemExit("review_e2e: no real worker at " + worker)
    samples = os.path.join(src, "corpus", "samples")
    dev04 = os.path.join(samples, "dev-04-tinh-ha-m9-2024.pdf")
    dev08 = os.path.join(samples, "dev-08-vinh-hoa-q2-2024.docx")
    dev06 = os.path.join(os.environ.get("SHARED", ""), "corpus",
                         "dev-06-tran-phu-hd-year-2021.pdf")
    rows = os.path.exists(dev06)
    if not rows:
        if os.environ.get("CI") == "true":
            raise SystemExit("review_e2e: no shared corpus at " + dev06)
        print("review_e2e: no shared corpus: row boxes not tested")
    shots = os.path.join(build, "e2e")
    os.makedirs(shots, exist_ok=True)
    root = tempfile.mkdtemp(prefix="reportd-e2e-")
    t0 = time.time()
    daemon, base = start_daemon(reportd, root)
    try:
        drop_file(root, dev04, "tinh-ha-9-thang-2024.pdf")
        drop_file(root, dev08, "vinh-hoa-q2-2024.docx")
        drop_bytes(root, "xa-script.docx",
                   make_docx(SCRIPT_ISSUER, "Tịnh Sơn", M9))
        drop_bytes(root, "bao-cao.pdf", b"not a report at all\n")
        ndocs = 4
        if rows:
            drop_file(root, dev06, "tran-phu-2021.pdf")
            ndocs += 1
        webdriver.wait_for(lambda: settled(base, ndocs),
                           timeout=STORE_TIMEOUT,
                           what="the daemon to store %d documents" % ndocs)
        print("review_e2e: %d documents read in %.1f s" %
              (ndocs, time.time() - t0), flush=True)
        same_as_extract(reportd, base, dev04)
        if rows:
            rows_on_their_page(base, dev06)
        stored(base)
        with webdriver.Browser() as b:
            run(b, base, shots, rows)
    finally:
        daemon.terminate()
        daemon.wait(timeout=60)
        subprocess.run(["rm", "-rf", root], check=False)
    print("%d passed, %d failed" % (len(passes), len(failures)))
    return 1 if failures else 0


def doc_id(base, q):
    """The id of the one document matching search `q`, from the API."""
    docs = api(base, "/api/documents?q=" + urllib.parse.quote(q))
    docs = docs["documents"]
    assert len(docs) == 1, "%d documents match %r" % (len(docs), q)
    return docs[0]["id"]


def stored(base):
    """What the pipeline made of the DOCX and of the file that is no
    report, as the page below relies on it."""
    docs = {d["name"]: d for d in
            api(base, "/api/documents?limit=100")["documents"]}
    x = docs.get("xa-script.docx", {})
    p = x.get("period") or {}
    check(x.get("status") == "done" and x.get("issuer") == SCRIPT_ISSUER and
          p.get("label") == M9 and p.get("from") is None,
          "DOCX read: issuer with markup, period without dates: %s %s" %
          (x.get("issuer"), p))
    bad = docs.get("bao-cao.pdf", {})
    check(bad.get("status") not in (None, "done") and
          bad.get("error") is not None,
          "a file that is no report is refused: %s" % bad.get("error"))


def rows_on_their_page(base, pdf):
    """The page each cited appendix row is said to be on holds its label
    and value (the appendix runs over several pages), so the picture
    drawn and the box on it are of that row."""
    rec = api(base, "/api/documents/" + doc_id(base, "TRẦN PHÚ"))["record"]
    ok, seen = True, []
    for f in rec["flags"]:
        for e in f["evidence"]:
            src = e["source"]
            if src.get("row") is None:
                continue
            out = subprocess.run(
                ["pdftotext", "-f", str(src["page"]), "-l",
                 str(src["page"]), pdf, "-"], capture_output=True,
                text=True, timeout=60, check=True).stdout
            # Labels wrap in their cells: compare without white space.
            out = re.sub(r"\s+", "", out)
            here = (re.sub(r"\s+", "", e["label"]) in out and
                    e["raw"] in out)
            ok = ok and here
            seen.append("%s p%d%s" % (e["id"], src["page"],
                                      "" if here else " (not there)"))
    check(ok and len(seen) >= 2,
          "cited rows are on the pages the record names: %s" % seen)


def same_as_extract(reportd, base, pdf):
    """The daemon's record of the PDF carries the flags the pipeline
    gives on the command line: the real worker read it."""
    out = subprocess.run([reportd, "extract", pdf], capture_output=True,
                         timeout=STORE_TIMEOUT, check=True)
    want = [(f["rule"], f["indicators"])
            for f in json.loads(out.stdout)["flags"]]
    rec = api(base, "/api/documents/" + doc_id(base, "TỊNH HÀ"))
    got = [(f["rule"], f["indicators"]) for f in rec["record"]["flags"]]
    check(got == want and ("pct_mismatch", ["plan.done_pct",
          "plan.tasks_done", "plan.tasks_total"]) in got and
          "missing_required" in [g[0] for g in got],
          "daemon flags the PDF as `reportd extract` does: %s" %
          [g[0] for g in got])


def flag_with(b, rule):
    """The id of the flag article whose rule is `rule`."""
    for el in b.find_all("article.flag, article[id^=flag-]"):
        if rule in b.text(el):
            return b.attr(el, "id")
    return None


def picture_loaded(b, img):
    return webdriver.wait_for(lambda: b.script(
        "var i = arguments[0]; return i.complete && i.naturalWidth > 500;",
        {webdriver.ELEMENT: img}), timeout=60, what="the page picture")


def run(b, base, shots, rows):
    # The overview lists the reports, grouped by period.
    b.get(base + "/")
    check("Báo cáo đã nhận" in b.text(b.find("h1")),
          "overview is in Vietnamese")
    groups = [b.text(g) for g in b.find_all("table.docs tr.group")]
    check(groups.count(M9) == 1,
          "each period listed once, even when one report prints no dates")
    b.full_screenshot(os.path.join(shots, "review-overview.png"))

    # The clerk opens the report with the planted inconsistency from the
    # overview; its page shows the flag and its evidence.
    link = [a for a in b.find_all("table.docs a")
            if "TỊNH HÀ" in b.text(a)]
    check(len(link) == 1, "report listed on the overview")
    b.click(link[0])
    webdriver.wait_for(lambda: "/doc/" in b.url(), what="document page")
    doc_url = b.url().split("#")[0]
    doc = doc_url.rstrip("/").rsplit("/", 1)[1]
    fid = flag_with(b, "pct_mismatch")
    check(fid is not None and fid.startswith("flag-"),
          "pct_mismatch flag shown")
    idx = int(fid.split("-")[1])
    sel = "article#" + fid
    flag = b.find(sel)
    text = b.text(flag)
    check("Tỷ lệ" in text and "15%" in text, "flag message shown")
    check(all(i in text for i in ("plan.done_pct", "plan.tasks_done",
                                  "plan.tasks_total")),
          "evidence indicators shown")
    check("15" in text and "26" in text and "35" in text,
          "evidence values shown")
    check("đạt tỷ lệ 15% kế hoạch năm" in text,
          "evidence sentence quoted")
    check("Trang 1" in text, "evidence source page shown")
    check("missing_required" in b.text(b.find("main")),
          "missing_required flag shown too")
    img = b.find(sel + " figure.region img")
    check(picture_loaded(b, img), "page 1 picture drawn by the worker")
    check("/page/1" in b.attr(img, "src"), "the picture is of page 1")
    check("state-open" in b.attr(flag, "class"), "flag starts open")
    b.view_screenshot(os.path.join(shots, "review-doc-open.png"), flag)

    # Dismiss it with a comment.
    comment = b.find(sel + " textarea[name=comment]")
    b.type(comment, "Số liệu đúng, lỗi đánh máy ở tỷ lệ")
    b.click(b.find(sel + " button[value=dismiss]"))
    webdriver.wait_for(lambda: "#" + fid in b.url(), timeout=30,
                       what="redirect")

    # Reload: the flag is dismissed, with the comment and a time.
    b.refresh()
    flag = webdriver.wait_for(lambda: b.find(sel), what="document page")
    check("state-dismissed" in b.attr(flag, "class"),
          "flag dismissed after reload")
    text = b.text(flag)
    check("Đã bỏ qua" in text, "dismissed state shown in Vietnamese")
    check("Số liệu đúng, lỗi đánh máy ở tỷ lệ" in text,
          "review comment shown")
    b.view_screenshot(os.path.join(shots, "review-doc.png"), flag)
    flags = api(base, "/api/flags?document=" + doc)["flags"]
    mine = [f for f in flags if f["index"] == idx]
    check(len(mine) == 1 and mine[0]["rule"] == "pct_mismatch" and
          mine[0]["review"]["state"] == "dismissed" and
          mine[0]["review"]["comment"] ==
          "Số liệu đúng, lỗi đánh máy ở tỷ lệ",
          "dismissal and comment in /api/flags")
    other = [f for f in flags if f["index"] != idx]
    check(len(other) >= 1 and all(f["review"]["state"] == "open"
                                  for f in other),
          "the other flag stays open")

    # English switch.
    b.get(doc_url + "?lang=en")
    check("Dismissed" in b.text(b.find(sel)), "English switch")
    b.get(doc_url + "?lang=vi")

    # Rows an appendix flag cites are boxed on the page picture.
    if rows:
        b.get(base + "/doc/" + doc_id(base, "TRẦN PHÚ"))
        rid = flag_with(b, "breakdown_sum")
        check(rid is not None, "breakdown_sum flag shown")
        fig = b.find("article#%s figure.region" % rid)
        picture_loaded(b, b.find("article#%s figure.region img" % rid))
        boxes = webdriver.wait_for(
            lambda: b.find_all("article#%s figure.region .box" % rid),
            timeout=30, what="the row boxes")
        nrows = len([s for s in b.attr(fig, "data-boxes").split(";") if s])
        check(nrows >= 2 and len(boxes) == nrows and all(b.script(
            "return arguments[0].offsetWidth > 100 && "
            "arguments[0].offsetHeight > 3;",
            {webdriver.ELEMENT: x}) for x in boxes),
            "each cited row boxed on the page picture (%d)" % nrows)
        b.view_screenshot(os.path.join(shots, "review-doc-rows.png"),
                          b.find("article#" + rid))

    # Text from a report that carries markup shows as text.
    b.get(base + "/doc/" + doc_id(base, "<script>"))
    h1 = b.text(b.find("h1"))
    check(SCRIPT_ISSUER in h1, "script tag shown as text")
    check(not b.alert_open(), "no script ran on the document page")
    check(b.script("return document.querySelectorAll('main script')"
                   ".length;") == 0, "no element made from report text")
    b.full_screenshot(os.path.join(shots, "review-doc-script.png"))
    b.get(base + "/")
    check(not b.alert_open(), "no script ran on the overview")
    check(any(SCRIPT_ISSUER in b.text(a)
              for a in b.find_all("table.docs a")),
          "script issuer listed as text on the overview")

    # The period view shows the unit with no report for the period.
    b.get(base + "/periods")
    period = [a for a in b.find_all("table a") if M9 in b.text(a)]
    check(len(period) == 1, "period listed")
    b.click(period[0])
    webdriver.wait_for(lambda: "/period?" in b.url(), what="period view")
    missing = b.find_all("tr.missing")
    vh = [m for m in missing if "VĨNH HÒA" in b.text(m)]
    check(len(vh) == 1 and "Chưa nộp" in b.text(vh[0]),
          "unit without a report visible in the period view")
    sent = [r for r in b.find_all("table.matrix tbody tr")
            if "TỊNH HÀ" in b.text(r)]
    check(len(sent) == 1 and "missing" not in (b.attr(sent[0], "class")
                                               or ""),
          "unit with a report listed with it")
    b.full_screenshot(os.path.join(shots, "review-period.png"))


if __name__ == "__main__":
    sys.exit(main())
