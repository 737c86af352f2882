/* SPDX-License-Identifier: MIT */
/*
 * Reading corpus truth files (<base>.truth.json, ../shared/corpus
 * README.md): the rule by which a flag finds a planted inconsistency;
 * their members are read with core/jsonget.h.  Shared by reportd-score and the
 * tests that score the checks on the truth files, so both count the
 * same way.
 */
#ifndef TOOLS_TRUTH_H
#define TOOLS_TRUTH_H

#include <json-glib/json-glib.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/jsonget.h"

/* True when the array `a` (may be NULL) holds the string `s`. */
bool truth_has(JsonArray *a, const char *s);

/* True for the flag classes truth files plant (planted[].class): flags
 * of other classes are not judged by them. */
bool truth_is_planted_class(const char *rule);

/*
 * True when a flag of rule `rule` naming the ids `ids` (`nids` of them)
 * finds the planted inconsistency `p`: its class, a class in its
 * also_detectable_as or one of its expected_flags, and one of its ids;
 * when either side names no id, the class alone decides.
 */
bool truth_finds(
    JsonObject *p, const char *rule, const char *const *ids, size_t nids);

#endif
