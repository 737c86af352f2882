/* SPDX-License-Identifier: MIT */
/* The on-disk form of a document's metadata: the `.reportd` key file. */
#include "daemon/spool_meta.h"

#include <string.h>

#include "daemon/durable.h"
#include "daemon/spool_int.h"

void
spool_meta_fini(struct spool_meta *m)
{
	if (m == NULL)
		return;
	g_free(m->id);
	g_free(m->name);
	g_free(m->unit);
	g_free(m->origin);
	g_free(m->received);
	g_free(m->last_failure);
	g_free(m->refused);
	g_free(m->refused_message);
	g_free(m->kept_at);
	g_free(m->origin_path);
	g_free(m->reason_code);
	g_free(m->reason);
	memset(m, 0, sizeof *m);
}

static void
kf_set(GKeyFile *kf, const char *key, const char *v)
{
	if (v != NULL)
		g_key_file_set_string(kf, "document", key, v);
}

static char *
meta_text(const struct spool_meta *m, gsize *len)
{
	GKeyFile *kf = g_key_file_new();
	char *text;

	kf_set(kf, "id", m->id);
	kf_set(kf, "name", m->name);
	kf_set(kf, "unit", m->unit);
	kf_set(kf, "origin", m->origin);
	kf_set(kf, "received", m->received);
	g_key_file_set_uint64(kf, "document", "started", m->started);
	g_key_file_set_uint64(kf, "document", "failures", m->failures);
	kf_set(kf, "last_failure", m->last_failure);
	kf_set(kf, "refused", m->refused);
	kf_set(kf, "refused_message", m->refused_message);
	if (m->kept_at != NULL) {
		char *b = g_base64_encode(
		    (const guchar *)m->kept_at, strlen(m->kept_at));

		kf_set(kf, "kept_at", b);
		g_free(b);
	}
	if (m->copied) {
		char *b = g_base64_encode(
		    (const guchar *)m->origin_path, strlen(m->origin_path));

		g_key_file_set_boolean(kf, "document", "copied", TRUE);
		/* Exact bytes: a file name need not be UTF-8. */
		kf_set(kf, "origin_path", b);
		g_free(b);
		g_key_file_set_uint64(
		    kf, "document", "origin_dev", m->origin_dev);
		g_key_file_set_uint64(
		    kf, "document", "origin_ino", m->origin_ino);
		g_key_file_set_uint64(
		    kf, "document", "origin_size", m->origin_size);
		g_key_file_set_int64(
		    kf, "document", "origin_mtime_ns", m->origin_mtime_ns);
	}
	kf_set(kf, "reason_code", m->reason_code);
	kf_set(kf, "reason", m->reason);
	text = g_key_file_to_data(kf, len, NULL);
	g_key_file_free(kf);
	return text;
}

static char *
kf_get(GKeyFile *kf, const char *key)
{
	return g_key_file_get_string(kf, "document", key, NULL);
}

static char *
kf_get_b64(GKeyFile *kf, const char *key)
{
	char *b = kf_get(kf, key);
	guchar *raw;
	gsize n = 0;
	char *s;

	if (b == NULL)
		return NULL;
	raw = g_base64_decode(b, &n);
	g_free(b);
	s = g_strndup((const char *)raw, n);
	g_free(raw);
	return s;
}

enum err
spool_meta_load(const struct spool *sp, enum spool_state s, const char *id,
    struct spool_meta *m, struct diag *dg)
{
	char *dir = spool_doc_dir(sp, s, id);
	char *path = g_build_filename(dir, SPOOL_META, NULL);
	char *data_name = spool_find_data_name(dir);
	GKeyFile *kf = g_key_file_new();
	GError *gerr = NULL;
	enum err e = ERR_OK;

	memset(m, 0, sizeof *m);
	if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &gerr)) {
		/* Only a power loss at the wrong instant leaves a folder
		 * without its metadata: the document is still processed,
		 * its unit hint is lost. */
		if (!g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
			e = diag_set(dg, ERR_IO, "%s: %s", path, gerr->message);
			goto out;
		}
		m->received = spool_now_iso();
	} else {
		m->unit = kf_get(kf, "unit");
		m->origin = kf_get(kf, "origin");
		m->received = kf_get(kf, "received");
		m->name = kf_get(kf, "name");
		m->started = (unsigned)g_key_file_get_uint64(
		    kf, "document", "started", NULL);
		m->failures = (unsigned)g_key_file_get_uint64(
		    kf, "document", "failures", NULL);
		m->last_failure = kf_get(kf, "last_failure");
		m->refused = kf_get(kf, "refused");
		m->refused_message = kf_get(kf, "refused_message");
		m->kept_at = kf_get_b64(kf, "kept_at");
		m->copied =
		    g_key_file_get_boolean(kf, "document", "copied", NULL);
		m->origin_path = kf_get_b64(kf, "origin_path");
		m->origin_dev =
		    g_key_file_get_uint64(kf, "document", "origin_dev", NULL);
		m->origin_ino =
		    g_key_file_get_uint64(kf, "document", "origin_ino", NULL);
		m->origin_size =
		    g_key_file_get_uint64(kf, "document", "origin_size", NULL);
		m->origin_mtime_ns = g_key_file_get_int64(
		    kf, "document", "origin_mtime_ns", NULL);
		m->reason_code = kf_get(kf, "reason_code");
		m->reason = kf_get(kf, "reason");
		if (m->copied && m->origin_path == NULL)
			m->copied = false;
	}
	m->id = g_strdup(id);
	/* The file itself is the truth for its name. */
	if (data_name != NULL) {
		g_free(m->name);
		m->name = g_utf8_make_valid(data_name, -1);
	} else if (m->name == NULL)
		m->name = g_strdup("");
out:
	if (e != ERR_OK)
		spool_meta_fini(m);
	g_clear_error(&gerr);
	g_key_file_free(kf);
	g_free(data_name);
	g_free(path);
	g_free(dir);
	return e;
}

enum err
spool_meta_save(const struct spool *sp, enum spool_state s,
    const struct spool_meta *m, struct diag *dg)
{
	char *dir = spool_doc_dir(sp, s, m->id);
	gsize len = 0;
	char *text = meta_text(m, &len);
	enum err e = durable_write(dir, dir, SPOOL_META, text, len, dg);

	g_free(text);
	g_free(dir);
	return e;
}
