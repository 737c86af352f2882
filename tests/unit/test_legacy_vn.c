/* SPDX-License-Identifier: MIT */
/* legacy_vn: TCVN3 and VNI decoding, font classification, round trips,
 * and the real-world strings of ../shared/spec/domain.md 4.3. */
#include <glib.h>
#include <string.h>

#include "core/buf.h"
#include "parsers/legacy_vn.h"
#include "tests/check.h"

/* Decodes `in` as `kind`; the result is static until the next call. */
static const char *
dec(enum legacy_vn_kind kind, const char *in)
{
	static struct buf b;

	buf_fini(&b);
	buf_init(&b, 0);
	if (legacy_vn_decode(kind, in, strlen(in), &b) != ERR_OK)
		return "(error)";
	return buf_str(&b);
}

static const char *
fix(enum legacy_vn_kind kind, const char *in, bool *decoded)
{
	static struct buf b;

	buf_fini(&b);
	buf_init(&b, 0);
	if (legacy_vn_fix(kind, in, strlen(in), &b, decoded) != ERR_OK)
		return "(error)";
	return buf_str(&b);
}

/* Unicode -> legacy -> Unicode must give back `text` exactly. */
static bool
round_trip(enum legacy_vn_kind enc_kind, enum legacy_vn_kind dec_kind,
    const char *text)
{
	struct buf e, d;
	bool ok;

	buf_init(&e, 0);
	buf_init(&d, 0);
	ok = legacy_vn_encode(enc_kind, text, strlen(text), &e) == ERR_OK &&
	    legacy_vn_decode(dec_kind, buf_str(&e), e.len, &d) == ERR_OK &&
	    strcmp(buf_str(&d), text) == 0;
	if (!ok)
		fprintf(stderr, "round trip %s: \"%s\" -> \"%s\" -> \"%s\"\n",
		    legacy_vn_kind_name(dec_kind), text, buf_str(&e),
		    buf_str(&d));
	buf_fini(&e);
	buf_fini(&d);
	return ok;
}

static void
test_legacy_vn_font_names(void)
{
#define K(s) legacy_vn_kind_for_font(s, strlen(s))
	CHECK(K(".VnTime") == LEGACY_VN_TCVN3);
	CHECK(K(".VnArial") == LEGACY_VN_TCVN3);
	CHECK(K("VnTime") == LEGACY_VN_TCVN3);
	CHECK(K(".VnTimeH") == LEGACY_VN_TCVN3_UPPER);
	CHECK(K(" .vntimeh ") == LEGACY_VN_TCVN3_UPPER);
	CHECK(K(".VnTimeH,Bold") == LEGACY_VN_TCVN3_UPPER);
	CHECK(K(".VnTime,Bold") == LEGACY_VN_TCVN3);
	CHECK(K("ABCDEF+.VnTime") == LEGACY_VN_TCVN3);
	CHECK(K("QWERTY+.VnTimeH") == LEGACY_VN_TCVN3_UPPER);
	CHECK(K("VNI-Times") == LEGACY_VN_VNI);
	CHECK(K("vni-helve") == LEGACY_VN_VNI);
	CHECK(K("Times New Roman") == LEGACY_VN_NONE);
	CHECK(K("Times New Roman Bold") == LEGACY_VN_NONE);
	CHECK(K("Verdana") == LEGACY_VN_NONE);
	CHECK(K("Vn") == LEGACY_VN_NONE);
	CHECK(K("") == LEGACY_VN_NONE);
	CHECK(legacy_vn_kind_for_font(NULL, 0) == LEGACY_VN_NONE);
#undef K
}

static void
test_legacy_vn_tcvn3_real_strings(void)
{
	/* A MATLAB plot script using 'FontName','.VnTime'. */
	CHECK_STR(dec(LEGACY_VN_TCVN3, "X\u00b8c su\u00cat l\u00e7i Pe"),
	    "Xác suất lỗi Pe");
	CHECK_STR(dec(LEGACY_VN_TCVN3,
		      "So s\u00b8nh x\u00b8c su\u00cat l\u00e7i bit h\u00d6 "
		      "th\u00e8ng BPSK tr\u00f9c giao v\u00b5 \u00ae\u00e8i "
		      "c\u00f9c trong k\u00aanh AWGN"),
	    "So sánh xác suất lỗi bit hệ thống BPSK trực giao và đối cực "
	    "trong kênh AWGN");
	CHECK_STR(dec(LEGACY_VN_TCVN3, "\u00a7\u00e8i c\u00f9c"), "Đối cực");
	CHECK_STR(dec(LEGACY_VN_TCVN3,
		      "T\u00ddnh ch\u00ddnh x\u00b8c c\u00f1a k\u00d5t "
		      "qu\u00b6 m\u00ab ph\u00e1ng"),
	    "Tính chính xác của kết quả mô phỏng");
	/* An unrelated C# converter's test expectations. */
	CHECK_STR(dec(LEGACY_VN_TCVN3, "V\u00b8n b\u00b6n"), "Ván bản");
	CHECK_STR(dec(LEGACY_VN_TCVN3_UPPER, "VI\u00d6T NAM"), "VIỆT NAM");
	/* .VnTimeh stores lower case and draws capitals. */
	CHECK_STR(dec(LEGACY_VN_TCVN3_UPPER,
		      "M\u00ab h\u00d7nh h\u00e3a v\u00b5 m\u00ab ph\u00e1ng"),
	    "MÔ HÌNH HÓA VÀ MÔ PHỎNG");
}

static void
test_legacy_vn_vni_real_strings(void)
{
	CHECK_STR(dec(LEGACY_VN_VNI, "Ho\u00f8"), "Hò");
	CHECK_STR(
	    dec(LEGACY_VN_VNI,
		"Vie\u00e4t Nam, Co\u00e4ng ho\u00f8a xa\u00f5 ho\u00e4i "
		"chu\u00fb ngh\u00f3a; U\u00dbY BAN NHA\u00c2N DA\u00c2N"),
	    "Việt Nam, Cộng hòa xã hội chủ nghĩa; ỦY BAN NHÂN DÂN");
	/* Longest match: o + E2 is ô, the single byte F4 is ơ. */
	CHECK_STR(dec(LEGACY_VN_VNI, "o\u00e2 \u00f4"), "ô ơ");
	/* The .doc in ../shared/real: "UÛY BAN NHAÂN DAÂN ... Caên cöù". */
	CHECK_STR(dec(LEGACY_VN_VNI, "Ca\u00ean c\u00f6\u00f9"), "Căn cứ");
}

static void
test_legacy_vn_soft_hyphen_and_aliases(void)
{
	/* TCVN3 ư is byte AD, the soft hyphen: never stripped first. */
	CHECK_STR(dec(LEGACY_VN_TCVN3, "ph\u00ad\u00eang"), "phường");
	/* Acrobat Distiller writes the same byte as U+2212. */
	CHECK_STR(dec(LEGACY_VN_TCVN3, "ph\u2212\u00eang"), "phường");
	/* Symbol-font private use: U+F0B8 is byte B8. */
	CHECK_STR(dec(LEGACY_VN_TCVN3, "c\uf0b8c"), "các");
	/* cp1252 symbols and other characters pass through. */
	CHECK_STR(dec(LEGACY_VN_TCVN3, "a\u2026b \u20ac"), "a…b €");
	CHECK_STR(dec(LEGACY_VN_VNI, "\u2013 x"), "– x");
	/* Invalid UTF-8 becomes U+FFFD rather than being dropped. */
	CHECK_STR(dec(LEGACY_VN_TCVN3,
		      "a\xff"
		      "b"),
	    "a\uFFFDb");
}

static void
test_legacy_vn_round_trips(void)
{
	static const char *lower[] = {
		"báo cáo cải cách hành chính quý i năm 2024 của ủy ban nhân "
		"dân phường vĩnh hòa",
		"tỷ lệ hồ sơ được giải quyết đúng hạn đạt 99,75%; đường bưu "
		"chính công ích; thủ tục ngữ ỹ ỵ ữ ợ ẵ ặ",
	};
	static const char *upper[] = {
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"ĐỘC LẬP - TỰ DO - HẠNH PHÚC, ỦY BAN NHÂN DÂN HUYỆN CẨM XUYÊN",
	};
	const char *mixed = "Ủy ban nhân dân Phường Điện Biên: Kế hoạch số "
			    "09/KH-UBND ... Ưu tiên Ơn Ấn Ặc Ễ Ỗ Ự Ỹ";
	size_t i;

	for (i = 0; i < 2; i++) {
		CHECK(round_trip(LEGACY_VN_TCVN3, LEGACY_VN_TCVN3, lower[i]));
		CHECK(round_trip(LEGACY_VN_VNI, LEGACY_VN_VNI, lower[i]));
		CHECK(round_trip(LEGACY_VN_VNI, LEGACY_VN_VNI, upper[i]));
		CHECK(round_trip(
		    LEGACY_VN_TCVN3, LEGACY_VN_TCVN3_UPPER, upper[i]));
	}
	CHECK(round_trip(LEGACY_VN_VNI, LEGACY_VN_VNI, mixed));
	/* In a normal TCVN3 font the capitals cannot be told apart; that
	 * is the encoding's limit, and decoding must not pretend. */
	CHECK(!round_trip(LEGACY_VN_TCVN3, LEGACY_VN_TCVN3, upper[0]));
}

/* All 134 letters, one by one, from the 12 vowel bases x 6 tones + đ. */
static void
test_legacy_vn_every_letter(void)
{
	static const char *bases[] = { "a", "ă", "â", "e", "ê", "i", "o", "ô",
		"ơ", "u", "ư", "y" };
	static const char *tones[] = { "", "\u0301", "\u0300", "\u0309",
		"\u0303", "\u0323" };
	int nletters = 0, nok = 0;
	size_t i, j;
	int up;

	for (up = 0; up < 2; up++) {
		for (i = 0; i < 12; i++) {
			for (j = 0; j < 6; j++) {
				gchar *s =
				    g_strconcat(bases[i], tones[j], NULL);
				gchar *nfc =
				    g_utf8_normalize(s, -1, G_NORMALIZE_NFC);
				gchar *l =
				    up ? g_utf8_strup(nfc, -1) : g_strdup(nfc);

				if (g_utf8_strlen(l, -1) == 1 &&
				    (unsigned char)l[0] >= 0x80) {
					nletters++;
					nok += round_trip(LEGACY_VN_VNI,
						   LEGACY_VN_VNI, l) &&
					    round_trip(LEGACY_VN_TCVN3,
						up ? LEGACY_VN_TCVN3_UPPER
						   : LEGACY_VN_TCVN3,
						l);
				}
				g_free(s);
				g_free(nfc);
				g_free(l);
			}
		}
		nletters++;
		nok +=
		    round_trip(LEGACY_VN_VNI, LEGACY_VN_VNI, up ? "Đ" : "đ") &&
		    round_trip(LEGACY_VN_TCVN3,
			up ? LEGACY_VN_TCVN3_UPPER : LEGACY_VN_TCVN3,
			up ? "Đ" : "đ");
	}
	CHECK(nletters == 134);
	CHECK(nok == 134);
}

static void
test_legacy_vn_fix_keeps_unicode(void)
{
	bool decoded = true;

	/* Unicode text in a run whose font name says .VnTime (old
	 * templates leave it in styles.xml): kept as it is. */
	CHECK_STR(fix(LEGACY_VN_TCVN3, "Phường Vĩnh Hòa", &decoded),
	    "Phường Vĩnh Hòa");
	CHECK(!decoded);
	CHECK_STR(
	    fix(LEGACY_VN_VNI, "Cộng hòa xã hội", &decoded), "Cộng hòa xã hội");
	CHECK(!decoded);
	/* NFD text (combining marks) is Unicode too. */
	CHECK_STR(fix(LEGACY_VN_TCVN3, "Ho\u0300a", &decoded), "Ho\u0300a");
	CHECK(!decoded);
	/* Real legacy text is decoded. */
	CHECK_STR(
	    fix(LEGACY_VN_TCVN3, "V\u00b8n b\u00b6n", &decoded), "Ván bản");
	CHECK(decoded);
	CHECK_STR(fix(LEGACY_VN_VNI, "Vie\u00e4t Nam", &decoded), "Việt Nam");
	CHECK(decoded);
	/* H fonts upper-case plain ASCII too. */
	CHECK_STR(
	    fix(LEGACY_VN_TCVN3_UPPER, "hanh phuc", &decoded), "HANH PHUC");
	CHECK(decoded);
	CHECK_STR(fix(LEGACY_VN_NONE, "V\u00b8n", &decoded), "V\u00b8n");
	CHECK(!decoded);
}

int
main(void)
{
	RUN(test_legacy_vn_font_names);
	RUN(test_legacy_vn_tcvn3_real_strings);
	RUN(test_legacy_vn_vni_real_strings);
	RUN(test_legacy_vn_soft_hyphen_and_aliases);
	RUN(test_legacy_vn_round_trips);
	RUN(test_legacy_vn_every_letter);
	RUN(test_legacy_vn_fix_keeps_unicode);
	return check_done();
}
