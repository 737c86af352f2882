#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The review page in headless Chromium (tests/e2e/review_e2e.py).
set -euo pipefail
exec python3 "$SRC/tests/e2e/review_e2e.py"
