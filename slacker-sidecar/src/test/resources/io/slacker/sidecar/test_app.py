"""A small HTTP application for the sidecar tests (standard library only).

POST /<function> takes a JSON array of arguments and answers JSON:
  add(a, b) -> a + b;  greet(name) -> "Hello, <name>!";  fail(msg) -> HTTP 500 with msg;
  echo(*args) -> args;  slow() -> answers after 0.2 s.
GET /health answers 200 while healthy, 503 after POST /admin/sick, 200 again after POST /admin/well.
GET /slacker/functions lists the functions. Prints "PORT <n>" once listening.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATE = {"healthy": True}
LOCK = threading.Lock()


def add(a, b):
    return a + b


def greet(name):
    return "Hello, %s!" % name


def echo(*args):
    return list(args)


def slow():
    time.sleep(0.2)
    return "slow"


FUNCTIONS = {"add": add, "greet": greet, "echo": echo, "slow": slow, "fail": None}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def answer(self, status, value, raw=False):
        body = value.encode("utf-8") if raw else json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if raw else "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/health":
            with LOCK:
                ok = STATE["healthy"]
            self.answer(200 if ok else 503, {"healthy": ok})
        elif self.path == "/slacker/functions":
            self.answer(200, sorted(FUNCTIONS))
        else:
            self.answer(404, "no such path " + self.path, raw=True)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        name = self.path.lstrip("/")
        if name in ("admin/sick", "admin/well"):
            with LOCK:
                STATE["healthy"] = name == "admin/well"
            self.answer(200, STATE["healthy"])
            return
        if name not in FUNCTIONS:
            self.answer(404, "no function " + name, raw=True)
            return
        try:
            args = json.loads(raw.decode("utf-8")) if raw else []
        except ValueError as e:
            self.answer(400, "bad JSON: %s" % e, raw=True)
            return
        if name == "fail":
            self.answer(500, "boom: %s" % (args[0] if args else ""), raw=True)
            return
        try:
            self.answer(200, FUNCTIONS[name](*args))
        except TypeError as e:
            self.answer(400, "bad arguments: %s" % e, raw=True)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
