import zipfile, io, os, sys, shutil, warnings
warnings.simplefilter("ignore")
root = sys.argv[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NS = (W + ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
      ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
      ' xmlns:v="urn:schemas-microsoft-com:vml"')
def doc(body):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ' + NS +
            '><w:body>' + body + '<w:sectPr/></w:body></w:document>')
def P(t, ppr='', rpr=''):
    return '<w:p>%s<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (
        ('<w:pPr>%s</w:pPr>' % ppr) if ppr else '', ('<w:rPr>%s</w:rPr>' % rpr) if rpr else '', t)
def TC(t, props=''):
    return '<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>' % (props, P(t))
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
def docrels(parts):
    r = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    for i, (t, target) in enumerate(parts):
        r += '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/%s" Target="%s"/>' % (i + 1, t, target)
    return r + '</Relationships>'
def zipbytes(entries, method=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, 'w', method) as z:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, (2024, 3, 13, 0, 0, 0))
            zi.compress_type = method
            z.writestr(zi, data)
    return b.getvalue()
def docx(body_xml, styles=None, numbering=None, footnotes=None, extra=()):
    rels = []
    e = [('[Content_Types].xml', CT), ('_rels/.rels', RELS)]
    if styles: rels.append(('styles', 'styles.xml'))
    if numbering: rels.append(('numbering', 'numbering.xml'))
    if footnotes: rels.append(('footnotes', 'footnotes.xml'))
    e.append(('word/_rels/document.xml.rels', docrels(rels)))
    e.append(('word/document.xml', body_xml))
    if styles: e.append(('word/styles.xml', styles))
    if numbering: e.append(('word/numbering.xml', numbering))
    if footnotes: e.append(('word/footnotes.xml', footnotes))
    e.extend(extra)
    return zipbytes(e)
def w(sub, name, data):
    d = os.path.join(root, sub); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode('utf-8'))

spans = ('<w:tbl><w:tr>' + TC('STT', '<w:vMerge w:val="restart"/>') + TC('Kết quả', '<w:gridSpan w:val="2"/>') + '</w:tr>'
         '<w:tr>' + TC('', '<w:vMerge/>') + TC('Đơn vị tính') + TC('Số liệu') + '</w:tr>'
         '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + TC('7.972', '<w:gridSpan w:val="2"/>') + '</w:tr></w:tbl>')
nested = '<w:tbl><w:tr><w:tc>' + P('ngoài') + '<w:tbl><w:tr>' + TC('trong') + '</w:tr></w:tbl></w:tc></w:tr></w:tbl>'
textbox = ('<w:p><w:r><w:t>Neo</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
           + P('Hộp chữ') + '</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
           + P('Hộp chữ') + '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
fields = ('<w:p><w:r><w:t xml:space="preserve">Trang </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
          '<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>13/3/2024</w:t></w:r></w:fldSimple></w:p>')
runs = ('<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:br w:type="page"/><w:noBreakHyphen/><w:softHyphen/><w:sym w:font="Symbol" w:char="F0B7"/>'
        '<w:lastRenderedPageBreak/></w:r><w:del><w:r><w:delText>xóa</w:delText></w:r></w:del><w:ins><w:r><w:t>thêm</w:t></w:r></w:ins></w:p>')
legacy = (P('V\u00b8n b\u00b6n', rpr='<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>')
          + P('Vie\u00e4t Nam', rpr='<w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/>')
          + P('c\u00e9ng h\u00dfa', rpr='<w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/>'))
nfd = P('Ho\u0300a Vie\u0323\u0302t')
styles = ('<?xml version="1.0" encoding="UTF-8"?><w:styles ' + W + '><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsi=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="u1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="x"/><w:basedOn w:val="Loop"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style></w:styles>')
numbering = ('<?xml version="1.0" encoding="UTF-8"?><w:numbering ' + W + '><w:abstractNum w:abstractNumId="0">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>')
headings = (P('Mở đầu', ppr='<w:pStyle w:val="u1"/>') + P('mục', ppr='<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>')
            + P('vòng', ppr='<w:pStyle w:val="Loop"/>'))
footnotes = ('<w:footnotes ' + W + '><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1">' + P('Chú thích.') + '</w:footnote></w:footnotes>')
fnbody = '<w:p><w:r><w:t>Xem</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'

# wordml: raw document.xml
for name, body in [('minimal.xml', P('Báo cáo')), ('spans.xml', spans), ('nested.xml', nested), ('textbox.xml', textbox),
                   ('fields.xml', fields), ('runs.xml', runs), ('legacy.xml', legacy), ('nfd.xml', nfd), ('headings.xml', headings)]:
    w('wordml', name, doc(body))
w('wordml', 'doctype.xml', '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document ' + W + '><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
w('wordml', 'utf16.xml', b'\xff\xfe' + doc(P('Mười sáu')).replace('UTF-8', 'UTF-16').encode('utf-16-le'))

# docx: whole packages
w('docx', 'minimal.docx', docx(doc(P('Báo cáo cải cách hành chính'))))
w('docx', 'spans.docx', docx(doc(spans + nested)))
w('docx', 'textbox-fields.docx', docx(doc(textbox + fields + runs)))
w('docx', 'styles-numbering.docx', docx(doc(headings + legacy + fnbody), styles, numbering, footnotes))
w('docx', 'xxe.docx', docx('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document ' + W + '><w:body>' + P('&x;') + '</w:body></w:document>'))
w('docx', 'slip.docx', docx(doc(P('x')), extra=[('../../evil.xml', '<x/>')]))

# zip: the container alone
w('zip', 'deflated.zip', zipbytes([('word/document.xml', doc(P('x'))), ('a/b.txt', 'hello' * 50)]))
w('zip', 'stored.zip', zipbytes([('word/document.xml', doc(P('x')))], zipfile.ZIP_STORED))
w('zip', 'empty.zip', zipbytes([]))
w('zip', 'dup.zip', zipbytes([('word/document.xml', 'a'), ('WORD/document.xml', 'b')]))
w('zip', 'slip.zip', zipbytes([('../x', 'a'), ('/abs', 'b')]))
bad = bytearray(zipbytes([('word/document.xml', 'stored text to damage')], zipfile.ZIP_STORED))
i = bad.find(b'damage'); bad[i] ^= 0x20
w('zip', 'badcrc.zip', bytes(bad))
w('zip', 'truncated.zip', zipbytes([('word/document.xml', doc(P('x' * 200)))])[:150])

# legacy_vn: first byte picks the encoding (0 none, 1 TCVN3, 2 TCVN3 H font, 3 VNI)
for name, k, t in [('tcvn3.txt', 1, 'So s\u00b8nh x\u00b8c su\u00cat l\u00e7i bit h\u00d6 th\u00e8ng; ph\u00ad\u00eang; ph\u2212\u00eang; c\uf0b8c'),
                   ('tcvn3h.txt', 2, 'M\u00ab h\u00d7nh h\u00e3a v\u00b5 m\u00ab ph\u00e1ng VI\u00d6T NAM'),
                   ('vni.txt', 3, 'Vie\u00e4t Nam, Co\u00e4ng ho\u00f8a xa\u00f5 ho\u00e4i chu\u00fb ngh\u00f3a; U\u00dbY BAN NHA\u00c2N DA\u00c2N'),
                   ('unicode.txt', 1, 'Phường Vĩnh Hòa, Ho\u0300a'),
                   ('font.txt', 0, 'ABCDEF+.VnTimeH,Bold')]:
    w('legacy_vn', name, bytes([k]) + t.encode('utf-8'))
w('legacy_vn', 'invalid.txt', bytes([3]) + b'a\xff\xfe\xc3')
