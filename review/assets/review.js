/* SPDX-License-Identifier: MIT */
/* reportd review page: small enhancements; every page works without it. */
"use strict";

/* The boxes of a figure: "x0 y0 x1 y1;..." as fractions of the page. */
function regionBoxes(fig) {
	return (fig.getAttribute("data-boxes") || "").split(";").map(
	    function (s) {
		return s.trim().split(" ").map(Number);
	}).filter(function (b) {
		return b.length === 4 && !b.some(isNaN) && b[2] > b[0] &&
		    b[3] > b[1];
	});
}

/* Draws the highlighted rows over a page picture and, closed, zooms so
 * the rows fill the window's width and scrolls them into view; open, it
 * shows the whole page. */
function placeRegion(fig) {
	var boxes = regionBoxes(fig);
	var frame = fig.querySelector(".frame");
	var sheet = fig.querySelector(".sheet");
	var img = fig.querySelector("img");
	if (!frame || !sheet || !img)
		return;
	sheet.querySelectorAll(".box").forEach(function (m) {
		m.remove();
	});
	var u = [1, 1, 0, 0];
	boxes.forEach(function (b) {
		var m = document.createElement("span");
		m.className = "box";
		m.style.left = (b[0] * 100) + "%";
		m.style.top = (b[1] * 100) + "%";
		m.style.width = ((b[2] - b[0]) * 100) + "%";
		m.style.height = ((b[3] - b[1]) * 100) + "%";
		sheet.appendChild(m);
		u = [Math.min(u[0], b[0]), Math.min(u[1], b[1]),
		    Math.max(u[2], b[2]), Math.max(u[3], b[3])];
	});
	var open = fig.classList.contains("open") || boxes.length === 0;
	var zoom = open ? 1 : Math.min(3, 0.94 / (u[2] - u[0]));
	sheet.style.width = (zoom * 100) + "%";
	function scroll() {
		if (open) {
			frame.scrollTop = 0;
			frame.scrollLeft = 0;
			return;
		}
		var w = sheet.clientWidth, h = sheet.clientHeight;
		frame.scrollLeft = Math.max(0, (u[0] - 0.03 / zoom) * w);
		frame.scrollTop = Math.max(0,
		    (u[1] + u[3]) / 2 * h - frame.clientHeight / 2);
	}
	if (img.complete)
		scroll();
	else
		img.addEventListener("load", scroll, { once: true });
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
