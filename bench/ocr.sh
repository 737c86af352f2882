#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# OCR benchmark: reportd's OCR against the `tesseract` command line with
# the same model, the same page images at the same resolution and one
# thread each, on the corpus scans whose text PDF gives the reference.
#
#   bench/ocr.sh [--quick] [--tessdata DIR] [--psm N] [--build DIR]
#                [--keep DIR [--score-only]]
#
# Page images: every page of <base>.scan.pdf rendered at 300 dpi in grey
# (what the PDF reader hands to OCR) and the appendix scans
# <base>.appendix-pN.{png,jpg,tiff} as they are.  Pages before the truth
# file's appendix.first_page_in_text_pdf are narrative, the others
# appendix pages.
#
# Character error rate depends on the order text comes out in, so each
# page has two references from page N of <base>.pdf and each program two
# readings:
#   reading order: `pdftotext` (columns of a letterhead or signature
#     block one after the other), against the CLI's text and reportd's
#     document (blocks in reading order, a table row by row, a cell's
#     lines joined);
#   physical lines: `pdftotext -layout` (a line runs across the page, a
#     table row's cells side by side), against the CLI's text and
#     reportd's words printed as physical lines (ocr_text --geom).
# The share of reference words missing does not depend on order.
#
# For each page both programs run as a new process (model loading
# included, as for a user), with one thread; the timed reportd run is the
# document one (ocr_image_parse, as `reportd extract` runs it).  Printed
# per class: CER with and without diacritics (bench/cer.c), words
# missing, seconds per page wall clock and CPU, reportd/CLI ratios.
# Appendix rows recovered (truth rows found as one table row with code,
# label and value) are counted for reportd, whose output has tables; the
# CLI gives text lines only.
#
# --quick: 2 documents (about 20 pages) instead of all.  --tessdata DIR:
# another model folder for both (e.g. the best_int model fetched by
# bench/ocr_model_best.sh).  --psm N: the CLI's mode (default 3, its own
# default).  --keep DIR keeps the pages, texts and times there (and reuses
# rendered pages); --score-only then prints the scores of that run again.
# Needs poppler-utils, tesseract-ocr-vie, jq and a build
# (default ./build).  Other heavy work on the machine skews the times;
# the CPU figures suffer less from it.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$src/../shared}
build=$src/build
quick=0
tessdata=
psm=3
keep=
score_only=0
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 ;;
	--tessdata) tessdata=$2; shift ;;
	--psm) psm=$2; shift ;;
	--build) build=$2; shift ;;
	--keep) keep=$2; shift ;;
	--score-only) score_only=1 ;;
	*) echo "usage: bench/ocr.sh [--quick] [--tessdata DIR] [--psm N] [--build DIR] [--keep DIR [--score-only]]" >&2; exit 2 ;;
	esac
	shift
done
corpus=$shared/corpus
if [ ! -d "$corpus" ]; then
	echo "bench/ocr.sh: no corpus at $corpus (set SHARED)" >&2
	exit 2
fi
for tool in pdftoppm pdftotext tesseract jq; do
	command -v $tool >/dev/null || { echo "bench/ocr.sh: $tool is missing" >&2; exit 2; }
done

work=${keep:-$(mktemp -d)}
mkdir -p "$work"/pages "$work"/cli "$work"/rd "$work"/geom "$work"/bin
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT

if [ $score_only = 1 ] && [ -z "$keep" ]; then
	echo "bench/ocr.sh: --score-only needs --keep DIR" >&2
	exit 2
fi
if [ $score_only = 0 ]; then
# Tools, linked against the build's static libraries.
"$src"/bench/ocr_tools.sh "$build" "$work"/bin

# Page images and references.
bases=$(cd "$corpus" && ls *.scan.pdf | sed 's/\.scan\.pdf$//')
[ $quick = 1 ] && bases=$(echo "$bases" | grep -E 'dev-10|dev-19' || true)
: > "$work"/pages.txt
for b in $bases; do
	[ -f "$corpus/$b.pdf" ] || continue
	first=$(jq -r '.appendix.first_page_in_text_pdf' "$corpus/$b.truth.json")
	n=$(pdfinfo "$corpus/$b.pdf" | awk '/^Pages:/ {print $2}')
	# Rendered once; a kept folder (--keep) is reused.
	[ -f "$work/pages/$b-p1.png" ] ||
		pdftoppm -r 300 -gray -png "$corpus/$b.scan.pdf" "$work/pages/$b-scan"
	for f in "$work"/pages/$b-scan-*.png; do
		[ -f "$f" ] || continue
		p=${f##*-scan-}; p=$((10#${p%.png}))
		mv "$f" "$work/pages/$b-p$p.png"
	done
	for p in $(seq 1 "$n"); do
		[ -f "$work/pages/$b-p$p.png" ] || continue
		pdftotext -layout -enc UTF-8 -f $p -l $p "$corpus/$b.pdf" "$work/pages/$b-p$p.ref"
		pdftotext -enc UTF-8 -f $p -l $p "$corpus/$b.pdf" "$work/pages/$b-p$p.rref"
		cls=narrative; [ $p -ge $first ] && cls=appendix
		echo "$b-p$p.png $cls $b" >> "$work"/pages.txt
	done
done
if [ $quick = 0 ]; then
	for f in "$corpus"/*.appendix-p*.*; do
		name=$(basename "$f"); b=${name%%.appendix-*}
		[ -f "$corpus/$b.pdf" ] || continue
		p=${name##*.appendix-p}; p=${p%%.*}
		cp "$f" "$work/pages/$name"
		pdftotext -layout -enc UTF-8 -f $p -l $p "$corpus/$b.pdf" "$work/pages/${name%.*}.ref"
		pdftotext -enc UTF-8 -f $p -l $p "$corpus/$b.pdf" "$work/pages/${name%.*}.rref"
		echo "$name appendix $b" >> "$work"/pages.txt
	done
fi
npages=$(wc -l < "$work"/pages.txt)
echo "== $npages page images in $work/pages"

cli_td=(); rd_td=()
if [ -n "$tessdata" ]; then cli_td=(--tessdata-dir "$tessdata"); rd_td=(--tessdata "$tessdata"); fi
export OMP_THREAD_LIMIT=1
: > "$work"/times.txt
while read -r img cls b; do
	stem=${img%.*}
	/usr/bin/time -f "%e %U %S" -o "$work/t.cli" \
	    tesseract "$work/pages/$img" "$work/cli/$stem" -l vie --psm "$psm" "${cli_td[@]}" 2>/dev/null
	/usr/bin/time -f "%e %U %S" -o "$work/t.rd" \
	    "$work"/bin/ocr_text --doc --workers 1 "${rd_td[@]}" "$work/pages/$img" \
	    > "$work/rd/$stem.txt" 2>/dev/null
	"$work"/bin/ocr_text --geom "${rd_td[@]}" "$work/pages/$img" \
	    > "$work/geom/$stem.txt" 2>/dev/null
	echo "$stem $cls $(cat "$work/t.cli") $(cat "$work/t.rd")" >> "$work"/times.txt
	printf '.' >&2
done < "$work"/pages.txt
echo >&2

# Rows: every appendix row of each document, found in reportd's tables
# from its appendix page images (scan pages, then the single scans).
: > "$work"/rows.txt
for b in $(awk '{print $3}' "$work"/pages.txt | sort -u); do
	imgs=$(awk -v b="$b" '$2 == "appendix" && $3 == b && $1 ~ /-p[0-9]+\.png$/ && $1 !~ /appendix/ {print "'"$work"'/pages/" $1}' "$work"/pages.txt)
	[ -n "$imgs" ] || continue
	r=$("$work"/bin/ocr_text --doc --workers 2 "${rd_td[@]}" --truth "$corpus/$b.truth.json" -o "$work" $imgs 2>/dev/null | awk '/^rows/ {print $2, $3}')
	echo "rows $b.scan.pdf: $r" | tee -a "$work"/rows.txt
done
for img in $(awk '$1 ~ /appendix-p/ {print $1}' "$work"/pages.txt); do
	b=${img%%.appendix-*}
	r=$("$work"/bin/ocr_text --doc "${rd_td[@]}" --truth "$corpus/$b.truth.json" --image "$img" -o "$work" "$work/pages/$img" 2>/dev/null | awk '/^rows/ {print $2, $3}')
	echo "rows $img: $r" | tee -a "$work"/rows.txt
done
fi # score_only
rows_found=$(awk '{s += $3} END {print s + 0}' "$work"/rows.txt)
rows_total=$(awk '{s += $4} END {print s + 0}' "$work"/rows.txt)

# Scores per class: "CLASS REF WHO errors chars errors_stripped chars_stripped
# missing_words words" for REF rref (reading order) and ref (lines).
cer=$work/bin/cer
for cls in narrative appendix; do
	awk -v c=$cls '$2 == c {print $1}' "$work"/times.txt > "$work/list.$cls"
	[ -s "$work/list.$cls" ] || continue
	for pair in rref:cli rref:rd ref:cli ref:geom; do
		ref=${pair%:*}; who=${pair#*:}
		e=0; n=0; es=0; ns=0; m=0; w=0
		while read -r stem; do
			hyp="$work/$who/$stem.txt"
			[ -f "$hyp" ] || hyp=/dev/null
			read -r a b _ mm ww _ < <("$cer" "$work/pages/$stem.$ref" "$hyp")
			read -r as bs _ < <("$cer" -s "$work/pages/$stem.$ref" "$hyp")
			e=$((e + a)); n=$((n + b)); es=$((es + as)); ns=$((ns + bs))
			m=$((m + mm)); w=$((w + ww))
		done < "$work/list.$cls"
		echo "$cls $ref ${who/geom/rd} $e $n $es $ns $m $w"
	done
done > "$work"/scores.txt
awk -v rf=$rows_found -v rt=$rows_total '
FNR == NR {
	cls = $2; k[cls]++
	cw[cls] += $3; cc[cls] += $4 + $5; rw[cls] += $6; rc[cls] += $7 + $8
	next
}
{ cer[$1, $2, $3] = $4 / $5; cers[$1, $2, $3] = $6 / $7; if ($2 == "rref") miss[$1, $3] = $8 / $9 }
function ratio(a, b) { return b > 0 ? a / b : 0 }
END {
	printf "%-9s %3s | %-31s | %-31s | %-17s | %-19s | %-19s\n", "pages", "n", "CER reading order cli/rd", "CER physical lines cli/rd", "words missing", "s/page wall", "s/page CPU"
	printf "%-9s %3s | %-31s | %-31s | %-17s | %-19s | %-19s\n", "", "", "(no diacritics)", "(no diacritics)", "cli / rd", "cli / rd ratio", "cli / rd ratio"
	for (c in k) {
		printf "%-9s %3d | %6.2f%% %6.2f%% %5.2fx         | %6.2f%% %6.2f%% %5.2fx         | %6.2f%% %6.2f%%   | %5.2f %5.2f %5.2fx | %5.2f %5.2f %5.2fx\n", c, k[c],
		    100 * cer[c, "rref", "cli"], 100 * cer[c, "rref", "rd"], ratio(cer[c, "rref", "rd"], cer[c, "rref", "cli"]),
		    100 * cer[c, "ref", "cli"], 100 * cer[c, "ref", "rd"], ratio(cer[c, "ref", "rd"], cer[c, "ref", "cli"]),
		    100 * miss[c, "cli"], 100 * miss[c, "rd"],
		    cw[c] / k[c], rw[c] / k[c], ratio(rw[c], cw[c]), cc[c] / k[c], rc[c] / k[c], ratio(rc[c], cc[c])
		printf "%-9s %3s | %6.2f%% %6.2f%% %5.2fx         | %6.2f%% %6.2f%% %5.2fx         |\n", "", "",
		    100 * cers[c, "rref", "cli"], 100 * cers[c, "rref", "rd"], ratio(cers[c, "rref", "rd"], cers[c, "rref", "cli"]),
		    100 * cers[c, "ref", "cli"], 100 * cers[c, "ref", "rd"], ratio(cers[c, "ref", "rd"], cers[c, "ref", "cli"])
	}
	printf "appendix rows recovered by reportd: %d of %d (%.1f%%)\n", rf, rt, (rt > 0 ? 100 * rf / rt : 0)
}' "$work"/times.txt "$work"/scores.txt
