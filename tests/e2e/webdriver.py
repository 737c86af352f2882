# SPDX-License-Identifier: MIT
"""A minimal W3C WebDriver client over chromedriver's HTTP API (stdlib
only), enough to open pages, find elements, type, click, read text and
take screenshots in headless Chromium."""
import base64
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
CHROME_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu",
    "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--window-size=1400,1700",
]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class WebDriverError(Exception):
    pass


class Browser:
    """Starts chromedriver and one headless Chromium session; use as a
    context manager so both are always stopped."""

    def __init__(self, chromium="/usr/bin/chromium",
                 driver="/usr/bin/chromedriver"):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="reportd-e2e-profile-")
        self.proc = subprocess.Popen(
            [driver, "--port=%d" % self.port],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = "http://127.0.0.1:%d" % self.port
        deadline = time.time() + 20
        while True:
            try:
                self._call("GET", "/status")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.time() > deadline:
                    self.close()
                    raise WebDriverError("chromedriver did not start")
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": CHROME_ARGS + ["--user-data-dir=" + self.profile],
            }}}}
        value = self._call("POST", "/session", caps)
        self.session = value["sessionId"]

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.base + path, data=data, method=method,
            headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                out = json.loads(r.read().decode())
        except urllib.error.HTTPError as e:
            out = json.loads(e.read().decode() or "{}")
            raise WebDriverError(out.get("value", out))
        return out.get("value")

    def _s(self, method, path, body=None):
        return self._call(method, "/session/%s%s" % (self.session, path),
                          body)

    def get(self, url):
        self._s("POST", "/url", {"url": url})

    def refresh(self):
        self._s("POST", "/refresh", {})

    def url(self):
        return self._s("GET", "/url")

    def find(self, css):
        v = self._s("POST", "/element", {"using": "css selector",
                                          "value": css})
        return v[ELEMENT]

    def find_all(self, css):
        v = self._s("POST", "/elements", {"using": "css selector",
                                           "value": css})
        return [e[ELEMENT] for e in v]

    def text(self, el):
        return self._s("GET", "/element/%s/text" % el)

    def attr(self, el, name):
        return self._s("GET", "/element/%s/attribute/%s" % (el, name))

    def click(self, el):
        self._s("POST", "/element/%s/click" % el, {})

    def type(self, el, text):
        self._s("POST", "/element/%s/value" % el, {"text": text})

    def script(self, js, *args):
        return self._s("POST", "/execute/sync", {"script": js,
                                                  "args": list(args)})

    def alert_open(self):
        try:
            self._s("GET", "/alert/text")
            return True
        except WebDriverError:
            return False

    def screenshot(self, path):
        png = base64.b64decode(self._s("GET", "/screenshot"))
        with open(path, "wb") as f:
            f.write(png)

    def full_screenshot(self, path):
        """The whole page: the window is made as tall as the document."""
        h = self.script("return Math.ceil(document.documentElement"
                        ".scrollHeight);")
        self._s("POST", "/window/rect", {"width": 1400,
                                          "height": min(int(h) + 140, 6000)})
        self.screenshot(path)

    def view_screenshot(self, path, el=None):
        """The window at its usual size, scrolled to element `el`."""
        self._s("POST", "/window/rect", {"width": 1400, "height": 1700})
        if el is not None:
            self.script("arguments[0].scrollIntoView();", {ELEMENT: el})
        self.screenshot(path)

    def close(self):
        try:
            if getattr(self, "session", None):
                self._call("DELETE", "/session/" + self.session)
        except Exception:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        subprocess.run(["rm", "-rf", self.profile], check=False)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def wait_for(fn, timeout=10.0, what="condition"):
    deadline = time.time() + timeout
    while True:
        try:
            v = fn()
            if v:
                return v
        except WebDriverError:
            pass
        if time.time() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.1)


def chromium_available():
    return all(os.access(p, os.X_OK)
               for p in ("/usr/bin/chromium", "/usr/bin/chromedriver"))
