#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# OCR benchmark: reportd's OCR against the `tesseract` command line with
# the same model, the same page images at the same resolution and one
# thread each, on the corpus scans whose text PDF gives the reference.
#
#   bench/ocr.sh [--quick] [--tessdata DIR] [--psm N] [--build DIR] [--keep DIR]
#
# Page images: every page of <base>.scan.pdf rendered at 300 dpi in grey
# (what the PDF reader hands to OCR) and the appendix scans
# <base>.appendix-pN.{png,jpg,tiff} as they are.  Reference: page N of
# <base>.pdf through `pdftotext -layout` (lines in reading order across
# the page, so a table row stays on one line as OCR reads it).  Pages
# before the truth file's appendix.first_page_in_text_pdf are narrative,
# the others appendix pages.
#
# For each page both programs run as a new process (model loading
# included, as for a user); the script prints per class: character error
# rate with and without diacritics (bench/cer.c), the share of reference
# words missing (order-free), seconds per page wall clock and CPU, and
# reportd/CLI ratios.  Appendix rows recovered (truth rows found as one
# table row with code, label and value) are counted for reportd, whose
# output has tables; the CLI gives text lines only.
#
# --quick: 2 documents (about 20 pages) instead of all.  --tessdata DIR:
# another model folder for both (e.g. the best_int model fetched by
# bench/ocr_model_best.sh).  --psm N: the CLI's mode (default 3, its own
# default).  Needs poppler-utils, tesseract-ocr-vie, jq and a build
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
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 ;;
	--tessdata) tessdata=$2; shift ;;
	--psm) psm=$2; shift ;;
	--build) build=$2; shift ;;
	--keep) keep=$2; shift ;;
	*) echo "usage: bench/ocr.sh [--quick] [--tessdata DIR] [--psm N] [--build DIR] [--keep DIR]" >&2; exit 2 ;;
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
mkdir -p "$work"/pages "$work"/cli "$work"/rd "$work"/bin
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT

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
	pdftoppm -r 300 -gray -png "$corpus/$b.scan.pdf" "$work/pages/$b-scan"
	for f in "$work"/pages/$b-scan-*.png; do
		p=${f##*-scan-}; p=$((10#${p%.png}))
		[ $p -le $n ] || continue
		mv "$f" "$work/pages/$b-p$p.png"
		pdftotext -layout -enc UTF-8 -f $p -l $p "$corpus/$b.pdf" "$work/pages/$b-p$p.ref"
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
	echo "$stem $cls $(cat "$work/t.cli") $(cat "$work/t.rd")" >> "$work"/times.txt
	printf '.' >&2
done < "$work"/pages.txt
echo >&2

# Rows: every appendix row of each document, found in reportd's tables
# from its appendix page images (scan pages, then the single scans).
rows_found=0; rows_total=0
for b in $(awk '{print $3}' "$work"/pages.txt | sort -u); do
	imgs=$(awk -v b="$b" '$2 == "appendix" && $3 == b && $1 ~ /-p[0-9]+\.png$/ && $1 !~ /appendix/ {print "'"$work"'/pages/" $1}' "$work"/pages.txt)
	[ -n "$imgs" ] || continue
	r=$("$work"/bin/ocr_text --doc --workers 2 "${rd_td[@]}" --truth "$corpus/$b.truth.json" -o "$work" $imgs 2>/dev/null | awk '/^rows/ {print $2, $3}')
	echo "rows $b.scan.pdf: $r"
	rows_found=$((rows_found + ${r% *})); rows_total=$((rows_total + ${r#* }))
done
for img in $(awk '$1 ~ /appendix-p/ {print $1}' "$work"/pages.txt); do
	b=${img%%.appendix-*}
	r=$("$work"/bin/ocr_text --doc "${rd_td[@]}" --truth "$corpus/$b.truth.json" --image "$img" -o "$work" "$work/pages/$img" 2>/dev/null | awk '/^rows/ {print $2, $3}')
	echo "rows $img: $r"
	rows_found=$((rows_found + ${r% *})); rows_total=$((rows_total + ${r#* }))
done

# Scores per class.
cer=$work/bin/cer
for cls in narrative appendix; do
	awk -v c=$cls '$2 == c {print $1}' "$work"/times.txt > "$work/list.$cls"
	[ -s "$work/list.$cls" ] || continue
	for who in cli rd; do
		e=0; n=0; es=0; ns=0; m=0; w=0
		while read -r stem; do
			ref="$work/pages/$stem.ref"
			hyp="$work/$who/$stem.txt"
			[ -f "$hyp" ] || hyp=/dev/null
			read -r a b _ mm ww _ < <("$cer" "$ref" "$hyp")
			read -r as bs _ < <("$cer" -s "$ref" "$hyp")
			e=$((e + a)); n=$((n + b)); es=$((es + as)); ns=$((ns + bs))
			m=$((m + mm)); w=$((w + ww))
		done < "$work/list.$cls"
		echo "$cls $who $e $n $es $ns $m $w"
	done
done > "$work"/scores.txt
awk -v rf=$rows_found -v rt=$rows_total '
FNR == NR {
	cls = $2; k[cls]++
	cw[cls] += $3; cc[cls] += $4 + $5; rw[cls] += $6; rc[cls] += $7 + $8
	next
}
{ cer[$1, $2] = $3 / $4; cers[$1, $2] = $5 / $6; miss[$1, $2] = $7 / $8 }
END {
	printf "%-10s %5s | %-23s | %-23s | %-23s | %-23s | %-23s\n", "pages", "n", "CER cli/reportd/ratio", "CER no-diacr. c/r/ratio", "words missing c/r", "s/page wall c/r/ratio", "s/page CPU c/r/ratio"
	for (c in k) {
		printf "%-10s %5d | %6.2f%% %6.2f%% %5.2fx | %6.2f%% %6.2f%% %5.2fx | %6.2f%% %6.2f%%     | %5.2f %5.2f %5.2fx     | %5.2f %5.2f %5.2fx\n", c, k[c],
		    100 * cer[c, "cli"], 100 * cer[c, "rd"], (cer[c, "cli"] > 0 ? cer[c, "rd"] / cer[c, "cli"] : 0),
		    100 * cers[c, "cli"], 100 * cers[c, "rd"], (cers[c, "cli"] > 0 ? cers[c, "rd"] / cers[c, "cli"] : 0),
		    100 * miss[c, "cli"], 100 * miss[c, "rd"],
		    cw[c] / k[c], rw[c] / k[c], rw[c] / cw[c], cc[c] / k[c], rc[c] / k[c], rc[c] / cc[c]
	}
	printf "appendix rows recovered by reportd: %d of %d (%.1f%%)\n", rf, rt, (rt > 0 ? 100 * rf / rt : 0)
}' "$work"/times.txt "$work"/scores.txt
