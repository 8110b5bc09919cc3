#!/usr/bin/python3
"""The student side of './earshot hub loadtest': N students at once, each as a browser would, over loopback only.

For every student, concurrently: log in through the hub's login form (PAM password), get an API token with the same
password, start their server, open their released exercise notebook, start its kernel ('earshot') through the
Jupyter REST API, run every code cell over the kernel's websocket, save the notebook with its outputs, read the
kernel's peak resident memory (VmHWM in /proc), shut the kernel and the server down.

Students marked "solutions" run the solution notebook's code in the exercise's answer cells (same cell layout), so
the grading step after it has full and empty marks to tell apart.

Input (a JSON file, mode 600: it holds passwords): {"url", "notebook" (path in the home), "solutions" (a local
solution notebook), "students": [{"name", "password", "solutions": bool}], "cell_timeout_s"}.
Output: a JSON list, one object per student, written to the path given second. Uses only Debian's python3-tornado
(a dependency of jupyterhub). Exit 0 when it ran (each student's own failure is in its record).
"""
import asyncio
import datetime
import json
import os
import sys
import time
import urllib.parse
import uuid

from tornado.httpclient import AsyncHTTPClient, HTTPRequest, HTTPClientError
from tornado.websocket import websocket_connect

OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error"}


class Student:
    def __init__(self, spec, config, solution_cells):
        self.name = spec["name"]
        self.password = spec["password"]
        self.solutions = bool(spec.get("solutions"))
        self.url = config["url"].rstrip("/")
        self.path = config["notebook"]
        self.cell_timeout = float(config.get("cell_timeout_s", 300))
        self.solution_cells = solution_cells
        self.http = AsyncHTTPClient(force_instance=True, max_clients=4)
        self.token = None
        self.record = {"student": self.name, "solutions": self.solutions, "ok": False, "stage": "login"}

    async def fetch(self, path, method="GET", body=None, headers=None, expect=(200,), timeout=240, **kw):
        h = {"Authorization": "token " + self.token} if self.token else {}
        h.update(headers or {})
        if body is not None and not isinstance(body, (str, bytes)):
            body = json.dumps(body)
            h.setdefault("Content-Type", "application/json")
        req = HTTPRequest(self.url + path, method=method, body=body, headers=h, request_timeout=timeout,
                          connect_timeout=60, follow_redirects=False, **kw)
        try:
            resp = await self.http.fetch(req, raise_error=False)
        except Exception as e:  # connection refused, timeout
            raise RuntimeError("%s %s: %s" % (method, path, e)) from None
        if resp.code not in expect:
            raise RuntimeError("%s %s: HTTP %d %s" % (method, path, resp.code, (resp.body or b"")[:200]))
        return json.loads(resp.body) if resp.body and resp.headers.get("Content-Type", "").startswith(
            "application/json") else resp

    async def run(self):
        r = self.record
        start = time.monotonic()
        try:
            # 1. the login form, as a browser posts it
            form = urllib.parse.urlencode({"username": self.name, "password": self.password})
            await self.fetch("/hub/login", "POST", form, {"Content-Type": "application/x-www-form-urlencoded"},
                             expect=(302,))
            r["stage"] = "token"
            tok = await self.fetch("/hub/api/users/%s/tokens" % self.name, "POST",
                                   {"auth": {"username": self.name, "password": self.password},
                                    "note": "earshot load test", "expires_in": 3600}, expect=(200, 201))
            self.token = tok["token"]
            r["login_s"] = round(time.monotonic() - start, 2)
            # 2. spawn and wait until the hub says the server is ready
            r["stage"] = "spawn"
            t = time.monotonic()
            await self.fetch("/hub/api/users/%s/server" % self.name, "POST", {}, expect=(201, 202, 400))
            while True:
                user = await self.fetch("/hub/api/users/%s" % self.name)
                server = user.get("servers", {}).get("", {})
                if server.get("ready"):
                    break
                if time.monotonic() - t > 300:
                    raise RuntimeError("server not ready after 300 s")
                await asyncio.sleep(0.5)
            r["spawn_s"] = round(time.monotonic() - t, 2)
            base = "/user/%s" % self.name
            # 3. the released notebook, its kernel, every code cell
            r["stage"] = "open notebook"
            model = await self.fetch(base + "/api/contents/" + urllib.parse.quote(self.path) + "?content=1")
            nb = model["content"]
            self.answer(nb)
            r["stage"] = "kernel"
            t0 = self.t0 = time.monotonic()
            kernel = await self.fetch(base + "/api/kernels", "POST", {"name": "earshot"}, expect=(201,))
            r["kernel_start_request_s"] = round(time.monotonic() - t0, 2)
            await self.execute(nb, base, kernel["id"], t0)
            r["peak_rss_mb"] = peak_rss_mb(kernel["id"])
            # 4. save it, as the notebook's Save button does
            r["stage"] = "save"
            await self.fetch(base + "/api/contents/" + urllib.parse.quote(self.path), "PUT",
                             {"type": "notebook", "format": "json", "content": nb}, expect=(200, 201))
            r["saved"] = True
            await self.fetch(base + "/api/kernels/" + kernel["id"], "DELETE", expect=(204,))
            r["ok"] = True
            r["stage"] = "done"
        except Exception as e:
            r["error"] = "%s: %s" % (r["stage"], str(e) or repr(e))
        finally:
            if self.token:
                try:  # stop the server (its kernels go with it)
                    await self.fetch("/hub/api/users/%s/server" % self.name, "DELETE", expect=(202, 204, 400))
                except Exception as e:
                    r.setdefault("error", "stop: %s" % e)
            r["total_s"] = round(time.monotonic() - start, 2)
            self.http.close()
        return r

    def answer(self, nb):
        if not self.solutions:
            return
        cells = nb["cells"]
        if len(cells) != len(self.solution_cells):
            raise RuntimeError("solution notebook has %d cells, the exercise %d" % (len(self.solution_cells), len(cells)))
        for cell, sol in zip(cells, self.solution_cells):
            if cell["cell_type"] == "code" and sol["cell_type"] == "code":
                cell["source"] = sol["source"]

    async def wait_ready(self, ws, session, kernel_id):
        """Sends kernel_info_request until the kernel answers one, as nbclient's wait_for_ready does: a kernel JVM
        that is still starting can drop the first request."""
        deadline = time.monotonic() + self.cell_timeout
        while time.monotonic() < deadline:
            msg_id = uuid.uuid4().hex
            ws.write_message(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "kernel_info_request", "session": session,
                           "username": self.name, "version": "5.3",
                           "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [], "content": {}}))
            retry = time.monotonic() + 3
            while time.monotonic() < retry:
                try:
                    raw = await asyncio.wait_for(ws.read_message(), retry - time.monotonic())
                except asyncio.TimeoutError:
                    break
                if raw is None:
                    raise RuntimeError("the kernel's websocket closed before the kernel was ready")
                if isinstance(raw, str):
                    msg = json.loads(raw)
                    if (msg["header"]["msg_type"] == "kernel_info_reply"
                            and msg.get("parent_header", {}).get("msg_id") == msg_id):
                        return
        raise RuntimeError("kernel %s never answered kernel_info in %.0f s" % (kernel_id, self.cell_timeout))

    async def connect(self, ws_url, session, kernel_id):
        """A websocket to the kernel that has answered kernel_info; reopened as the notebook page does when the
        server gives one up (a kernel still starting, or restarted by Jupyter after a failed start)."""
        deadline = time.monotonic() + self.cell_timeout
        while True:
            ws = None
            try:
                ws = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": "token " + self.token},
                                                         connect_timeout=120, request_timeout=120))
                await self.wait_ready(ws, session, kernel_id)
                return ws
            except Exception as e:
                if ws is not None:
                    ws.close()
                if time.monotonic() > deadline:
                    raise RuntimeError("no usable kernel websocket in %.0f s: %r" % (self.cell_timeout, e))
                self.record["reconnects"] += 1
                await asyncio.sleep(1)

    async def execute(self, nb, base, kernel_id, t0):
        r = self.record
        ws_url = self.url.replace("http", "ws", 1) + base + "/api/kernels/%s/channels" % kernel_id
        session = uuid.uuid4().hex
        r["reconnects"] = 0
        r["resent"] = 0
        ws = await self.connect(ws_url, session, kernel_id)
        r["kernel_ready_s"] = round(time.monotonic() - t0, 2)
        r["cells"] = 0
        r["error_cells"] = 0
        r["outputs"] = 0
        count = 0
        try:
            for cell in nb["cells"]:
                if cell["cell_type"] != "code":
                    continue
                count += 1
                code = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                for attempt in range(4):
                    outputs = await self.run_cell(ws, session, code, cell, count)
                    if outputs is not None:
                        break
                    # nothing at all came back for the request (the kernel's 'busy' comes at once): the page
                    # would be reloaded and the cell run again
                    r["resent"] += 1
                    ws.close()
                    ws = await self.connect(ws_url, session, kernel_id)
                else:
                    raise RuntimeError("cell %d: the kernel never took the request, 4 tries" % count)
                cell["outputs"] = outputs
                r["outputs"] += len(outputs)
                r["cells"] = count
        finally:
            ws.close()

    async def run_cell(self, ws, session, code, cell, count):
        """Runs one cell; its outputs, or None when the kernel did not even acknowledge it within 30 s."""
        r = self.record
        msg_id = uuid.uuid4().hex
        ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                       "username": self.name, "version": "5.3",
                       "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": False}}))
        outputs = []
        idle = replied = heard = False
        sent = time.monotonic()
        deadline = sent + self.cell_timeout
        while not (idle and replied):
            limit = deadline if heard else min(deadline, sent + 30)
            left = limit - time.monotonic()
            if left <= 0:
                if not heard:
                    return None
                raise RuntimeError("cell %d: no answer in %.0f s" % (count, self.cell_timeout))
            try:
                raw = await asyncio.wait_for(ws.read_message(), left)
            except asyncio.TimeoutError:
                continue
            if raw is None:
                if not heard:
                    return None
                raise RuntimeError("cell %d: the kernel's websocket closed" % count)
            if isinstance(raw, bytes):
                continue  # a binary frame (buffers): not used by these cells
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            heard = True
            kind = msg["header"]["msg_type"]
            content = msg["content"]
            if kind in OUTPUT_TYPES:
                if "first_output_s" not in r:
                    r["first_output_s"] = round(time.monotonic() - self.t0, 2)
                outputs.append(nb_output(kind, content))
                if kind == "error":
                    r["error_cells"] += 1
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "execute_reply":
                replied = True
                cell["execution_count"] = content.get("execution_count")
        return outputs


def nb_output(kind, content):
    if kind == "stream":
        return {"output_type": "stream", "name": content.get("name", "stdout"), "text": content.get("text", "")}
    if kind == "error":
        return {"output_type": "error", "ename": content.get("ename", ""), "evalue": content.get("evalue", ""),
                "traceback": content.get("traceback", [])}
    out = {"output_type": kind, "data": content.get("data", {}), "metadata": content.get("metadata", {})}
    if kind == "execute_result":
        out["execution_count"] = content.get("execution_count")
    return out


def peak_rss_mb(kernel_id):
    """VmHWM of the process whose command line names the kernel's connection file (kernel-<id>.json)."""
    needle = ("kernel-%s.json" % kernel_id).encode()
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                if needle not in f.read():
                    continue
            with open("/proc/%s/status" % pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return round(int(line.split()[1]) / 1024, 1)
        except OSError:
            continue
    return None


async def main(config_path, out_path):
    with open(config_path) as f:
        config = json.load(f)
    with open(config["solutions"]) as f:
        solution_cells = json.load(f)["cells"]
    students = [Student(s, config, solution_cells) for s in config["students"]]
    records = await asyncio.gather(*(s.run() for s in students))
    with open(out_path, "w") as f:
        json.dump(records, f, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: hub_load.py CONFIG.json RESULTS.json")
    asyncio.run(main(sys.argv[1], sys.argv[2]))
