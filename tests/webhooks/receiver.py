"""A real HTTP receiver on loopback that records webhook requests and answers as told."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: Answers a test may queue besides a status code.
SLOW = "slow"
REDIRECT = "redirect"


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        receiver = self.server.receiver
        receiver.requests.append((self.path, self.headers, body))
        answer = receiver.answers.pop(0) if receiver.answers else 200
        if answer == SLOW:
            time.sleep(receiver.slow_seconds)
            answer = 200
        if answer == REDIRECT:
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:1/elsewhere")
        else:
            self.send_response(answer)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class Receiver:
    """Listen on a free loopback port in a thread while used as a context manager."""

    def __init__(self, slow_seconds=1.0):
        self.slow_seconds = slow_seconds
        self.requests = []
        self.answers = []

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}/hook"

    def __enter__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.receiver = self
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()

    def reset(self):
        self.requests.clear()
        self.answers.clear()
