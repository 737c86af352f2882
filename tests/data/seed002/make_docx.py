#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Rebuild seed 002 (the Vinh Hoa ward report, quarter I 2024) as a DOCX.

Reads source.txt (a copy of ../shared/seeds/002_519d5bbcc5ba4511.txt, the
text of the report as issued) and writes seed002.docx: the letterhead as
a two-column layout table, the title, the narrative, the signature block
as a table, then on a landscape page the appendix as a real table with
the merged two-row header ("Kết quả thống kê" over "Đơn vị tính" and
"Số liệu").  WordprocessingML is written by hand with the standard
library only; the zip has fixed timestamps, so running this again gives
the same bytes.

    python3 make_docx.py [source.txt] [seed002.docx]
"""
import re
import sys
import unicodedata
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT = "Times New Roman"
STAMP = (2024, 3, 13, 8, 0, 0)

# Twips: A4 portrait body, A4 landscape appendix.
PORTRAIT = '<w:pgSz w:w="11906" w:h="16838"/>' \
    '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" ' \
    'w:header="709" w:footer="709" w:gutter="0"/>'
LANDSCAPE = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' \
    '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" ' \
    'w:header="709" w:footer="709" w:gutter="0"/>'
APPENDIX_COLS = [900, 8000, 1900, 1900, 1870]

# Word saves where it broke pages (w:lastRenderedPageBreak); readers use
# it for page numbers.  This estimates the same for 14 pt Times New Roman
# (16 pt a line): about 73 characters a line and 45 lines a page on the
# portrait body, 64 characters of the indicator column and 30 lines on
# the landscape appendix; 6 pt after a paragraph, some padding in a cell.
BODY_CHARS, BODY_LINES = 73, 45
APPX_CHARS, APPX_LINES = 64, 30


class Pager:
    def __init__(self, chars, lines):
        self.chars, self.lines, self.used = chars, lines, 0

    def fits(self, text, extra=0.4):
        """True when `text` starts a new page: account for its lines."""
        n = max(1, -(-len(text) // self.chars)) + extra
        if self.used + n > self.lines and self.used > 0:
            self.used = n
            return True
        self.used += n
        return False


BREAK = "<w:r><w:lastRenderedPageBreak/></w:r>"


def run(text, bold=False, italic=False, size=None):
    props = ""
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    if size:
        props += '<w:sz w:val="%d"/>' % size
    rpr = "<w:rPr>%s</w:rPr>" % props if props else ""
    parts = text.split("\n")
    out = []
    for i, part in enumerate(parts):
        if i:
            out.append("<w:br/>")
        out.append('<w:t xml:space="preserve">%s</w:t>' % escape(part))
    return "<w:r>%s%s</w:r>" % (rpr, "".join(out))


def runs_marked(text, bold=False):
    """Runs for text with *italic* and <i>italic</i> marks as the seed has."""
    out = []
    for piece in re.split(r"(\*[^*\n]+\*|<i>.*?</i>)", text):
        if not piece:
            continue
        if piece.startswith("<i>"):
            out.append(run(piece[3:-4], bold=bold, italic=True))
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            out.append(run(piece[1:-1], bold=bold, italic=True))
        else:
            out.append(run(piece, bold=bold))
    return "".join(out)


def para(text, bold=False, align=None, indent=False, sect=None,
         page_break=False, spacing_after=120, rendered_break=False):
    ppr = ""
    if align:
        ppr += '<w:jc w:val="%s"/>' % align
    if indent:
        ppr += '<w:ind w:firstLine="567"/>'
    ppr += '<w:spacing w:after="%d"/>' % spacing_after
    if sect:
        ppr += "<w:sectPr>%s</w:sectPr>" % sect
    body = ""
    if page_break:
        body += '<w:r><w:br w:type="page"/></w:r>'
    if rendered_break:
        body += BREAK
    body += runs_marked(text, bold=bold) if text else ""
    return "<w:p><w:pPr>%s</w:pPr>%s</w:p>" % (ppr, body)


def cell(content, width, span=1, vmerge=None, align=None, bold=False,
         rendered_break=False):
    tcpr = '<w:tcW w:w="%d" w:type="dxa"/>' % width
    if span > 1:
        tcpr += '<w:gridSpan w:val="%d"/>' % span
    if vmerge == "restart":
        tcpr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        tcpr += "<w:vMerge/>"
    paras = []
    for line in content.split("\n") if content else [""]:
        ppr = '<w:spacing w:after="0"/>'
        if align:
            ppr += '<w:jc w:val="%s"/>' % align
        brk = BREAK if rendered_break and not paras else ""
        paras.append("<w:p><w:pPr>%s</w:pPr>%s%s</w:p>" %
                     (ppr, brk, runs_marked(line, bold=bold) if line else ""))
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (tcpr, "".join(paras))


def table(rows, widths, borders=True):
    grid = "".join('<w:gridCol w:w="%d"/>' % w for w in widths)
    b = ""
    if borders:
        b = "<w:tblBorders>" + "".join(
            '<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % s
            for s in ("top", "left", "bottom", "right", "insideH", "insideV")
        ) + "</w:tblBorders>"
    tblpr = '<w:tblPr><w:tblW w:w="%d" w:type="dxa"/>%s' \
        '<w:tblLayout w:type="fixed"/></w:tblPr>' % (sum(widths), b)
    body = "".join("<w:tr>%s</w:tr>" % "".join(r) for r in rows)
    return "<w:tbl>%s<w:tblGrid>%s</w:tblGrid>%s</w:tbl>" % (tblpr, grid, body)


def unbold(s):
    return s.replace("**", "")


def build(lines):
    """The document body XML from the seed's lines."""
    text = [l.rstrip("\n") for l in lines]
    i_title = text.index("BÁO CÁO")
    i_sign = text.index("TM. ỦY BAN NHÂN DÂN")
    i_appx = text.index("Phụ lục 1")
    i_table = next(i for i in range(i_appx, len(text))
                   if text[i].startswith("STT\t"))

    # Letterhead: issuer | motto, then number | place and date.
    head = [l for l in text[:i_title] if l.strip()]
    issuer = unbold(head[0] + "\n" + head[1])
    motto = unbold(head[2] + "\n" + head[3])
    number, place = head[4], head[5]
    pager = Pager(BODY_CHARS, BODY_LINES)
    pager.fits("", extra=5)  # the letterhead
    out = [table([
        [cell(issuer, 4000, align="center", bold=True),
         cell(motto, 5400, align="center", bold=True)],
        [cell(number, 4000, align="center"),
         cell(place, 5400, align="right")],
    ], [4000, 5400], borders=False)]

    # Title block.
    rest = [l for l in text[i_title + 1:i_sign]]
    out.append(para("BÁO CÁO", bold=True, align="center", spacing_after=0))
    k = 0
    while not rest[k].strip():
        k += 1
    out.append(para(rest[k], bold=True, align="center"))
    k += 1

    # Narrative.  A paragraph the page cut in two in the seed ("Công tác
    # rà" / "soát thủ tục") is one paragraph of the document.
    paras = []
    for line in rest[k:]:
        if not line.strip():
            continue
        if paras and paras[-1] and not re.search(r"[.:;,!?)…\"”]\s*$",
                                                 paras[-1]) \
                and line[:1].islower():
            paras[-1] += " " + line
            continue
        paras.append(line)
    for p in paras:
        p = re.sub(r"<(https?://[^>]+)>", r"\1", p)
        brk = pager.fits(p)
        heading = bool(re.match(r"^(I|II|III|IV|V|VI)\. ", p)) or \
            bool(re.match(r"^\d+\. [A-ZĐÂÊÔƠƯÁÀẢÃẠa-zđ]", p) and len(p) < 90)
        if p.startswith("Kính gửi"):
            out.append(para(p, align="center", rendered_break=brk))
        else:
            out.append(para(p, bold=heading, align="both", indent=True,
                            rendered_break=brk))

    # Signature block: recipients | signer.
    sign = [l for l in text[i_sign:i_appx] if l.strip()]
    i_noi = next(i for i, l in enumerate(sign) if l.startswith("Nơi nhận"))
    signer = "\n".join(sign[:i_noi]) + "\n\n\n\n" + sign[-1]
    recipients = "\n".join(sign[i_noi:-1])
    out.append(table([[cell(recipients, 4400),
                       cell(signer, 5000, align="center", bold=True)]],
                     [4400, 5000], borders=False))

    # The body section is portrait; the appendix starts a landscape one.
    out.append(para("", sect=PORTRAIT))
    pager = Pager(APPX_CHARS, APPX_LINES)
    first = True
    for l in text[i_appx:i_table]:
        if l.strip():
            bold = not l.startswith("(")
            pager.fits(l)
            out.append(para(l, bold=bold, align="center", spacing_after=0,
                            rendered_break=first))
            first = False
    pager.fits("", extra=3)  # the table's header rows
    out.append(para(""))

    # Appendix table: two header rows, then one row per line.
    w = APPENDIX_COLS
    rows = [
        [cell("STT", w[0], vmerge="restart", align="center", bold=True),
         cell("Chỉ tiêu Thống kê", w[1], vmerge="restart", align="center",
              bold=True),
         cell("Kết quả thống kê", w[2] + w[3], span=2, align="center",
              bold=True),
         cell("Ghi chú", w[4], vmerge="restart", align="center", bold=True)],
        [cell("", w[0], vmerge="continue"),
         cell("", w[1], vmerge="continue"),
         cell("Đơn vị tính", w[2], align="center", bold=True),
         cell("Số liệu", w[3], align="center", bold=True),
         cell("", w[4], vmerge="continue")],
    ]
    for l in text[i_table + 2:]:
        if not l.strip():
            continue
        f = (l.split("\t") + [""] * 5)[:5]
        stt, label, unit, value, note = f
        group = bool(stt) and not unit and not value and \
            re.match(r"^\d+\.$", stt) is not None
        brk = pager.fits(label, extra=0.3)
        rows.append([cell(stt, w[0], align="center", bold=group,
                          rendered_break=brk),
                     cell(label, w[1], bold=group),
                     cell(unit, w[2], align="center"),
                     cell(value, w[3], align="center"),
                     cell(note, w[4])])
    out.append(table(rows, w))
    return "".join(out)


def document_xml(body):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="%s"><w:body>%s<w:sectPr>%s</w:sectPr>'
            '</w:body></w:document>' % (W_NS, body, LANDSCAPE))


STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault><w:rPr>'
          '<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}"/>'
          '<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/>'
          '</w:rPr></w:rPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
          '<w:name w:val="Normal"/></w:style>'
          '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
          '<w:name w:val="Normal Table"/></w:style>'
          '</w:styles>').replace("{f}", FONT) % W_NS

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/'
    'vnd.openxmlformats-package.core-properties+xml"/>'
    '</Types>')

RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
    'package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    '</Relationships>')

DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '</Relationships>')

CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
    '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/'
    '1.1/"><dc:title>Báo cáo cải cách hành chính quý I năm 2024</dc:title>'
    '<dc:creator>UBND phường Vĩnh Hoà</dc:creator></cp:coreProperties>')


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "source.txt"
    dst = sys.argv[2] if len(sys.argv) > 2 else "seed002.docx"
    with open(src, encoding="utf-8") as fh:
        lines = [unicodedata.normalize("NFC", l) for l in fh]
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/document.xml", document_xml(build(lines))),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/styles.xml", STYLES),
        ("docProps/core.xml", CORE),
    ]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8"))


if __name__ == "__main__":
    main()
