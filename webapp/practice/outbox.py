"""Statements on their way to the organisation's Learning Record Store (``XAPI_ENDPOINT``).

A page never waits for the LRS: it puts its statements in this process's outbox and moves
on; one background thread sends them, in batches, POST ``<endpoint>/statements`` with Basic
auth and ``X-Experience-API-Version: 1.0.3``. A batch the LRS did not take (it is down, slow
beyond the timeout, or answers 5xx, 401, 403 or 429) stays at the head of the outbox and is
sent again after a pause that doubles from one second up to ``retry_max`` seconds, for as
long as it takes: a statement is never lost while the outbox has room. A batch the LRS
refuses as malformed (another 4xx) would be refused forever: each statement in it is then
sent alone, so one bad statement does not hold back the rest, and the one it refuses is
dropped and logged. Statement ids are fixed (webapp/practice/xapi.py), and a conforming LRS
stores a statement sent twice once, so a reply lost on the way costs nothing.

The outbox holds at most ``size`` statements. When it is full, what does not fit is not
queued: it is logged and counted (``dropped``, on the class's dashboard), and a class's
statements are still all in its statements.json, which can be imported into the LRS later.
"""

import base64
import json
import logging
import threading
import time
import urllib.error
import urllib.request
from collections import deque

log = logging.getLogger(__name__)

BATCH = 50
FIRST_PAUSE = 1.0
# Answers that say "not now" rather than "never".
RETRY_STATUSES = {401, 403, 408, 425, 429}


class Outbox:
    def __init__(self, endpoint, username="", password="", size=10_000, timeout=5.0,
                 retry_max=60.0):
        self.url = endpoint.rstrip("/") + "/statements"
        self.headers = {"Content-Type": "application/json",
                        "X-Experience-API-Version": "1.0.3"}
        if username or password:
            pair = f"{username}:{password}".encode()
            self.headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        self.size, self.timeout, self.retry_max = size, timeout, retry_max
        self._queue = deque()
        self._condition = threading.Condition()
        self._sending = 0  # statements taken from the queue and not yet settled
        self._thread = None
        self._stopping = False
        self.sent = self.dropped = self.rejected = 0
        self.last_error = None

    def __len__(self):
        with self._condition:
            return len(self._queue) + self._sending

    def put(self, statements):
        """Queue ``statements`` to send; those that do not fit are dropped (and counted).
        Returns how many were queued."""
        with self._condition:
            room = max(0, self.size - len(self._queue) - self._sending)
            taken, left = statements[:room], statements[room:]
            self._queue.extend(taken)
            if left:
                self.dropped += len(left)
                log.warning("xAPI outbox full (%d statements): %d not queued", self.size,
                            len(left))
            if taken:
                self._start()
                self._condition.notify_all()
            return len(taken)

    def flush(self, timeout):
        """Wait until every queued statement was settled (sent, or refused for good), for at
        most ``timeout`` seconds. Returns whether the outbox is empty."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while self._queue or self._sending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._condition.wait(min(left, 0.05))
            return True

    def stop(self):
        with self._condition:
            self._stopping = True
            self._condition.notify_all()

    def _start(self):
        # Started on the first statement, in the process that has it (after a fork).
        if self._thread is None or not self._thread.is_alive():
            self._stopping = False
            self._thread = threading.Thread(target=self._run, name="xapi-outbox", daemon=True)
            self._thread.start()

    def _run(self):
        pause = FIRST_PAUSE
        while True:
            with self._condition:
                while not self._queue and not self._stopping:
                    self._condition.wait()
                if self._stopping:
                    return
                batch = [self._queue.popleft() for _ in range(min(BATCH, len(self._queue)))]
                self._sending = len(batch)
            settled = self._send(batch)
            with self._condition:
                self._sending = 0
                if not settled:
                    self._queue.extendleft(reversed(batch))
                self._condition.notify_all()
            if settled:
                pause = FIRST_PAUSE
                continue
            with self._condition:
                self._condition.wait_for(lambda: self._stopping, timeout=pause)
            pause = min(self.retry_max, pause * 2)

    def _send(self, batch):
        """Whether the batch is settled: taken by the LRS, or refused for good."""
        status = self._post(batch)
        if status is None or status >= 500 or status in RETRY_STATUSES:
            return False
        if status < 300:
            self.sent += len(batch)
            return True
        if len(batch) > 1:
            # Malformed, says the LRS: each alone, so that only the bad one is left out.
            return all(self._send([statement]) for statement in batch)
        self.rejected += 1
        log.error("xAPI statement %s refused by the LRS (%s): dropped",
                  batch[0].get("id"), status)
        return True

    def _post(self, batch):
        """The LRS's HTTP status, or None when it could not be reached in time."""
        body = json.dumps(batch, ensure_ascii=False).encode()
        request = urllib.request.Request(self.url, data=body, headers=self.headers,
                                         method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            error.close()
            self.last_error = f"HTTP {error.code}"
            return error.code
        except (urllib.error.URLError, OSError, ValueError) as error:
            self.last_error = str(error)
            return None
