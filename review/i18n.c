/* SPDX-License-Identifier: MIT */
/* Message catalogue: Vietnamese first, English second. */
#include "review/i18n.h"

#include <glib.h>
#include <string.h>

struct pair {
	const char *vi, *en;
};

static const struct pair messages[M_COUNT] = {
	[M_APP_TITLE] = { "Rà soát báo cáo CCHC", "CCHC report review" },
	[M_NAV_OVERVIEW] = { "Tổng quan", "Overview" },
	[M_NAV_PERIODS] = { "Theo kỳ báo cáo", "By period" },
	[M_NAV_QUARANTINE] = { "Tệp bị cách ly", "Quarantine" },
	[M_NAV_API] = { "API", "API" },
	[M_LANG_SWITCH] = { "English", "Tiếng Việt" },
	[M_DOCUMENTS] = { "Báo cáo đã nhận", "Received reports" },
	[M_FILTER] = { "Lọc", "Filter" },
	[M_FILTER_ALL] = { "Tất cả", "All" },
	[M_PERIOD] = { "Kỳ báo cáo", "Period" },
	[M_UNIT] = { "Đơn vị báo cáo", "Reporting unit" },
	[M_STATUS] = { "Trạng thái", "Status" },
	[M_SEARCH] = { "Tìm kiếm", "Search" },
	[M_SEARCH_HINT] = { "Tên tệp, đơn vị, số hiệu…",
	    "File name, unit, number…" },
	[M_OPEN_FLAGS_ONLY] = { "Chỉ báo cáo còn cảnh báo chưa xử lý",
	    "Only reports with open flags" },
	[M_APPLY] = { "Áp dụng", "Apply" },
	[M_CLEAR] = { "Bỏ lọc", "Clear" },
	[M_FILE] = { "Tệp", "File" },
	[M_DOC_NUMBER] = { "Số hiệu", "Number" },
	[M_DATE] = { "Ngày", "Date" },
	[M_RECEIVED] = { "Nhận lúc", "Received" },
	[M_FLAGS_OPEN] = { "Cảnh báo chưa xử lý", "Open flags" },
	[M_NO_DOCUMENTS] = { "Không có báo cáo nào phù hợp.",
	    "No report matches." },
	[M_NO_PERIOD] = { "(chưa xác định kỳ)", "(period not found)" },
	[M_SHOWN_OF] = { "báo cáo được hiển thị", "reports shown" },
	[M_QUEUE] = { "Đang chờ đọc, đang đọc", "Waiting or being read" },
	[M_ST_QUEUED] = { "Đang chờ", "Queued" },
	[M_ST_PROCESSING] = { "Đang xử lý", "Processing" },
	[M_ST_DONE] = { "Đã xử lý", "Done" },
	[M_ST_QUARANTINED] = { "Bị cách ly", "Quarantined" },
	[M_ST_FAILED] = { "Lỗi", "Failed" },
	[M_QUARANTINE] = { "Tệp bị cách ly", "Quarantined files" },
	[M_QUARANTINE_NONE] = { "Không có tệp nào bị cách ly.",
	    "No file is quarantined." },
	[M_REASON] = { "Lý do", "Reason" },
	[M_TOTAL] = { "Tổng", "Total" },
	[M_METADATA] = { "Thông tin văn bản", "Document details" },
	[M_ISSUER] = { "Cơ quan ban hành", "Issuer" },
	[M_FORMAT] = { "Định dạng", "Format" },
	[M_SIZE] = { "Dung lượng", "Size" },
	[M_SHA256] = { "SHA-256", "SHA-256" },
	[M_PERIOD_RANGE] = { "Từ ngày – đến ngày", "From – to" },
	[M_RECIPIENT] = { "Nơi nhận", "Recipient" },
	[M_SECTIONS] = { "Các phần của báo cáo", "Sections" },
	[M_NO_SECTIONS] = { "Không nhận ra mục nào theo các lĩnh vực cải cách.",
	    "No section matched a reform area." },
	[M_AREA] = { "Lĩnh vực", "Area" },
	[M_HEADING] = { "Tiêu đề mục", "Heading" },
	[M_PAGE] = { "Trang", "Page" },
	[M_INDICATORS] = { "Chỉ tiêu", "Indicators" },
	[M_ID] = { "Mã chỉ tiêu", "Indicator id" },
	[M_CODE] = { "STT", "Code" },
	[M_LABEL] = { "Nội dung (như in)", "Label (as printed)" },
	[M_VALUE] = { "Giá trị", "Value" },
	[M_PRINTED] = { "như in", "as printed" },
	[M_UNIT_OF_MEASURE] = { "Đơn vị tính", "Unit" },
	[M_SOURCE] = { "Nguồn", "Source" },
	[M_ROW] = { "dòng", "row" },
	[M_TABLE] = { "bảng", "table" },
	[M_CONFIDENCE] = { "Độ tin cậy", "Confidence" },
	[M_LOW_CONFIDENCE] = { "Độ tin cậy thấp: hãy đối chiếu với bản gốc",
	    "Low confidence: check against the original" },
	[M_NOT_CANONICAL] = { "(chưa khớp chỉ tiêu chuẩn)",
	    "(no canonical id)" },
	[M_FLAGS] = { "Cảnh báo", "Flags" },
	[M_NO_FLAGS] = { "Không phát hiện điểm bất hợp lý.",
	    "No inconsistency found." },
	[M_RULE] = { "Quy tắc", "Rule" },
	[M_SEVERITY] = { "Mức độ", "Severity" },
	[M_SEV_ERROR] = { "Lỗi", "Error" },
	[M_SEV_WARNING] = { "Cảnh báo", "Warning" },
	[M_SEV_INFO] = { "Lưu ý", "Note" },
	[M_EVIDENCE] = { "Căn cứ", "Evidence" },
	[M_EXPECTED] = { "Giá trị tính được", "Computed value" },
	[M_REVIEW_OPEN] = { "Chưa xử lý", "Open" },
	[M_REVIEW_CONFIRMED] = { "Đã xác nhận", "Confirmed" },
	[M_REVIEW_DISMISSED] = { "Đã bỏ qua", "Dismissed" },
	[M_COMMENT] = { "Ghi chú", "Comment" },
	[M_COMMENT_HINT] = { "Lý do xác nhận hoặc bỏ qua (không bắt buộc)",
	    "Why you confirm or dismiss (optional)" },
	[M_CONFIRM] = { "Xác nhận sai sót", "Confirm" },
	[M_DISMISS] = { "Bỏ qua", "Dismiss" },
	[M_DUPLICATE] = { "Bản trùng", "Duplicate" },
	[M_HISTORY] = { "Lịch sử xử lý", "Review history" },
	[M_PAGES] = { "Trang và cách đọc", "Pages and how they were read" },
	[M_METHOD] = { "Cách đọc", "Method" },
	[M_PAGE_IMAGE] = { "Vùng trên trang gốc",
	    "Region on the original page" },
	[M_NO_PAGE_IMAGE] = { "Không có ảnh trang (tệp DOCX không có trang "
			      "cố định); xem dòng trích ở trên.",
	    "No page image (a DOCX has no fixed pages); see the quoted row "
	    "above." },
	[M_ZOOM_HINT] = { "bấm để xem cả trang", "click for the whole page" },
	[M_ERROR] = { "Lỗi", "Error" },
	[M_NOT_FOUND] = { "Không tìm thấy", "Not found" },
	[M_NOT_FOUND_TEXT] = { "Không có trang hoặc báo cáo này.",
	    "There is no such page or report." },
	[M_FORBIDDEN] = { "Không được phép", "Forbidden" },
	[M_FORBIDDEN_CSRF] = { "Yêu cầu bị từ chối vì không đến từ trang rà "
			       "soát này. Hãy tải lại trang và thử lại.",
	    "The request was refused because it did not come from this "
	    "review page. Reload the page and try again." },
	[M_BAD_REQUEST] = { "Yêu cầu không hợp lệ", "Bad request" },
	[M_SERVER_ERROR] = { "Lỗi máy chủ", "Server error" },
	[M_LOGIN] = { "Đăng nhập", "Sign in" },
	[M_LOGIN_TEXT] = { "Máy chủ này mở trên mạng nội bộ: hãy nhập mã truy "
			   "cập do quản trị viên cung cấp.",
	    "This server is open on the network: enter the access token "
	    "from your administrator." },
	[M_TOKEN] = { "Mã truy cập", "Access token" },
	[M_LOGIN_FAILED] = { "Mã truy cập không đúng.", "Wrong access token." },
	[M_PERIODS] = { "Kỳ báo cáo", "Reporting periods" },
	[M_PERIOD_VIEW] = { "Tổng hợp theo đơn vị", "Units at a glance" },
	[M_MISSING_REPORT] = { "Chưa nộp báo cáo", "No report received" },
	[M_MISSING_VALUE] = { "Không có số liệu", "No value" },
	[M_EXPORT] = { "Xuất dữ liệu", "Export" },
	[M_EXPORT_CSV] = { "Tải CSV (mọi kỳ)", "CSV (all periods)" },
	[M_EXPORT_XLSX] = { "Tải Excel (mỗi kỳ một trang)",
	    "Excel (a sheet per period)" },
	[M_EXPORT_UNAVAILABLE] = { "Chức năng xuất dữ liệu chưa có trong bản "
				   "này.",
	    "Export is not available in this build." },
	[M_RAW_JSON] = { "Bản ghi JSON", "JSON record" },
	[M_BACK] = { "Quay lại", "Back" },
	[M_NDOCS] = { "Số báo cáo", "Reports" },
	[M_NUNITS] = { "Số đơn vị", "Units" },
	[M_FLAGS_TOTAL] = { "Tổng số cảnh báo", "All flags" },
	[M_ERROR_DETAIL] = { "Chi tiết lỗi", "Error detail" },
};

const char *
i18n(enum lang lang, enum msg m)
{
	const struct pair *p;

	if ((unsigned)m >= M_COUNT)
		return "";
	p = &messages[m];
	if (lang == LANG_EN && p->en != NULL)
		return p->en;
	return p->vi != NULL ? p->vi : "";
}

const char *
i18n_code(enum lang lang)
{
	return lang == LANG_EN ? "en" : "vi";
}

enum lang
i18n_parse(const char *code, enum lang fallback)
{
	if (code == NULL)
		return fallback;
	if (g_ascii_strcasecmp(code, "vi") == 0)
		return LANG_VI;
	if (g_ascii_strcasecmp(code, "en") == 0)
		return LANG_EN;
	return fallback;
}

struct named {
	const char *key, *vi, *en;
};

/* The reform areas of DESIGN.md. */
static const struct named areas[] = {
	{ "chi_dao_dieu_hanh", "Chỉ đạo, điều hành",
	    "Direction and management" },
	{ "the_che", "Cải cách thể chế", "Institutions" },
	{ "tthc", "Cải cách thủ tục hành chính", "Administrative procedures" },
	{ "bo_may", "Cải cách tổ chức bộ máy", "Apparatus" },
	{ "cong_vu", "Cải cách công vụ", "Civil service" },
	{ "tai_chinh_cong", "Cải cách tài chính công", "Public finance" },
	{ "chinh_quyen_so", "Chính quyền điện tử, chính quyền số",
	    "E-government and digital government" },
};

/* The core indicators of the catalogue (expected in every appendix):
 * the columns of the period view. */
static const struct named core_ids[] = {
	{ "plan.tasks_total", "Nhiệm vụ KH", "Plan tasks" },
	{ "plan.tasks_done", "Nhiệm vụ đã xong", "Tasks done" },
	{ "tthc.in_force", "TTHC hiệu lực", "Procedures in force" },
	{ "files.received", "Hồ sơ tiếp nhận", "Files received" },
	{ "files.resolved", "Hồ sơ đã giải quyết", "Files resolved" },
	{ "staff.quota", "Biên chế giao", "Staff quota" },
	{ "staff.present", "Biên chế có mặt", "Staff present" },
};

static const char *
lookup(const struct named *t, size_t n, enum lang lang, const char *key)
{
	size_t i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (strcmp(t[i].key, key) == 0)
			return lang == LANG_EN ? t[i].en : t[i].vi;
	return NULL;
}

const char *
i18n_area(enum lang lang, const char *key)
{
	return lookup(areas, G_N_ELEMENTS(areas), lang, key);
}

const char *
i18n_indicator(enum lang lang, const char *id)
{
	return lookup(core_ids, G_N_ELEMENTS(core_ids), lang, id);
}

const char *
i18n_core_id(size_t i)
{
	return i < G_N_ELEMENTS(core_ids) ? core_ids[i].key : NULL;
}
