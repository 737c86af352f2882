/* SPDX-License-Identifier: MIT */
/* reportd review page: small enhancements; every page works without it. */
"use strict";

/* Draw the highlighted box over each page image and scroll the crop
 * window to it.  Boxes are fractions of the page (x0 y0 x1 y1). */
function placeRegion(fig) {
	var box = (fig.getAttribute("data-box") || "").split(" ").map(Number);
	var frame = fig.querySelector(".frame");
	var img = fig.querySelector("img");
	var mark = fig.querySelector(".box");
	if (!frame || !img || !mark)
		return;
	if (box.length !== 4 || box.some(isNaN)) {
		mark.hidden = true;
		return;
	}
	mark.style.left = (box[0] * 100) + "%";
	mark.style.top = (box[1] * 100) + "%";
	mark.style.width = ((box[2] - box[0]) * 100) + "%";
	mark.style.height = ((box[3] - box[1]) * 100) + "%";
	function center() {
		var h = img.clientHeight;
		var mid = (box[1] + box[3]) / 2 * h;
		frame.scrollTop = Math.max(0, mid - frame.clientHeight / 2);
	}
	if (img.complete)
		center();
	else
		img.addEventListener("load", center);
}

function init() {
	document.querySelectorAll("figure.region").forEach(function (fig) {
		placeRegion(fig);
		fig.addEventListener("click", function () {
			fig.classList.toggle("open");
			placeRegion(fig);
		});
	});
	/* A whole overview row opens its document. */
	document.querySelectorAll("table.docs tr.row").forEach(function (tr) {
		tr.addEventListener("click", function (ev) {
			var a = tr.querySelector("a");
			if (a && ev.target.tagName !== "A")
				window.location.href = a.href;
		});
	});
	/* Filters apply as soon as a choice changes. */
	document.querySelectorAll("form.filters select, form.filters " +
	    "input[type=checkbox]").forEach(function (el) {
		el.addEventListener("change", function () {
			el.form.submit();
		});
	});
	/* After a review the page reloads at the flag: show it. */
	if (window.location.hash) {
		var el = document.getElementById(
		    window.location.hash.substring(1));
		if (el)
			el.classList.add("focus");
	}
}

document.addEventListener("DOMContentLoaded", init);
