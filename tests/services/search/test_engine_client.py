"""What the directory logs when its search engine fails a search: the kind of failure, never
what the visitor searched for nor where they are."""

import json
import logging
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.services.search.test_engine import engine_settings
from tests.utils import make_directory
from wagtail_ikut.services.search.engine.index import MAPPING_VERSION

WORDS = "ihmiskauppa"
NEAR = "60.17,24.94"


class FailingEngine(BaseHTTPRequestHandler):
    """An engine on loopback whose indexes are in order but which fails every search, repeating
    it in the reason, as OpenSearch's "failed to create query" does."""

    #: The searches it was sent.
    heard = []

    def do_HEAD(self):
        self.answer(200, None)  # the directory's index exists

    def do_GET(self):
        layout = {"mappings": {"_meta": {"wagtail_ikut_mapping": MAPPING_VERSION}}}
        self.answer(200, {"index": layout})

    def do_POST(self):
        search = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.heard.append(search)
        error = {
            "type": "search_phase_execution_exception",
            "root_cause": [
                {"type": "query_shard_exception", "reason": f"failed to create query: {search}"}
            ],
        }
        if self.path.endswith("/_msearch"):
            # Searches sent together succeed as a request and fail one by one.
            self.answer(200, {"responses": [{"error": error, "status": 400}]})
        else:
            self.answer(400, {"error": error, "status": 400})

    def answer(self, status, body):
        content = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)

    def log_message(self, *args):
        pass  # the test reads the package's log, not the server's


@pytest.fixture
def failing_engine(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FailingEngine)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FailingEngine.heard = []
    config = engine_settings(f"http://127.0.0.1:{server.server_port}", f"ikut-{uuid.uuid4().hex}-")
    # The server speaks OpenSearch's dialect, whichever engine the rest of the suite runs on.
    config["WAGTAILSEARCH_BACKENDS"]["engine"]["BACKEND"] = "modelsearch.backends.opensearch3"
    for name, value in config.items():
        setattr(settings, name, value)
    yield FailingEngine
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "params"),
    [("", {"q": WORDS, "near": NEAR}), ("suggest/", {"q": WORDS})],
    ids=["search", "suggestions"],
)
def test_a_failed_search_is_logged_without_the_words_or_the_place(
    client, caplog, failing_engine, path, params
):
    directory = make_directory()
    with caplog.at_level(logging.WARNING, logger="wagtail_ikut"):
        response = client.get(directory.url + path, params)
    assert response.status_code == 200  # the database answered
    assert any(WORDS in search for search in failing_engine.heard)
    [record] = [record for record in caplog.records if record.name.startswith("wagtail_ikut")]
    message = record.getMessage()
    for leak in (WORDS, *NEAR.split(",")):
        assert leak not in message
    assert "status 400" in message
