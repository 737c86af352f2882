/* SPDX-License-Identifier: MIT */
/* Result record helpers. */
#include "core/result.h"

const char *
result_status_name(enum result_status s)
{
	switch (s) {
	case RESULT_OK:
		return "ok";
	case RESULT_REJECTED:
		return "rejected";
	case RESULT_FAILED:
		return "failed";
	}
	return "failed";
}
