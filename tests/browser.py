"""Drive headless Chromium over its DevTools pipe: load a page, run expressions, screenshot.

No driver and no package: Chromium's ``--remote-debugging-pipe`` reads DevTools commands
(JSON, each ended by a NUL byte) on file descriptor 3 and answers on 4. The expressions run
as DevTools does, outside the page's Content-Security-Policy, which stays in force for the
page's own content.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

REPLY_TIMEOUT = 120.0  # seconds; a hung browser fails the test instead of hanging it
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(RuntimeError):
    pass


class Chromium:
    """One headless Chromium with an empty profile; ``close()`` ends it."""

    def __init__(self, binary: str, profile: Path, *, width: int = 1280, height: int = 1000):
        to_read, self._to = os.pipe()
        self._from, from_write = os.pipe()
        # Above 10, so that moving them to 3 and 4 in the child cannot overwrite one another.
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_read, from_write)]
        os.close(to_read)
        os.close(from_write)

        def to_fds_3_and_4() -> None:
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(
            [
                binary,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=to_fds_3_and_4,
            pass_fds=(3, 4),
        )
        for fd in high:
            os.close(fd)
        self._buffer = b""
        self._id = 0
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        attached = self.send("Target.attachToTarget", targetId=target, flatten=True)
        self._session: str = attached["sessionId"]
        self.resize(width, height)

    def resize(self, width: int, height: int) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            self._session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                ready, _, _ = select.select([self._from], [], [], REPLY_TIMEOUT)
                if not ready:
                    raise BrowserError(f"no reply to {method} in {REPLY_TIMEOUT} s")
                chunk = os.read(self._from, 1 << 16)
                if not chunk:
                    raise BrowserError(f"Chromium closed the pipe during {method}")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result

    def open(self, page: Path, timeout: float = 90.0) -> None:
        """Load ``page`` and wait until it and its script are done."""
        url = page.as_uri()
        self.send("Page.navigate", self._session, url=url)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.eval(f"document.readyState === 'complete' && location.href === {url!r}"):
                return
            time.sleep(0.1)
        raise BrowserError(f"{url} did not load in {timeout} s")

    def eval(self, expression: str) -> Any:
        reply = self.send(
            "Runtime.evaluate", self._session, expression=expression, returnByValue=True
        )
        if "exceptionDetails" in reply:
            raise BrowserError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def screenshot(self, path: Path, *, full_page: bool = False) -> bytes:
        """A PNG of what the window shows (or of the whole page, when not too long)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            width, height = self.eval("[innerWidth, document.scrollingElement.scrollHeight]")
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": width,
                "height": min(height, 8000),
                "scale": 1,
            }
        data = base64.b64decode(
            self.send("Page.captureScreenshot", self._session, **params)["data"]
        )
        path.write_bytes(data)
        return data

    def close(self) -> None:
        with contextlib.suppress(BrowserError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to)
        os.close(self._from)
