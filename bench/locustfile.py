"""The visitors of bench/loadrun.py: each asks for one of the run's URLs after another.

``LOAD_PLAN`` names a JSON file: ``{"name": ..., "urls": [...], "revalidate": false}``. With
``revalidate`` every other request sends the ``ETag`` of that URL's first answer in
``If-None-Match`` and is reported under "<name> 304", the others under "<name> 200". A
revalidation may also be answered 200 with a new ETag: answers that read the clock ("open now")
change every minute.
"""

import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))


class Visitor(FastHttpUser):
    # No pause: eight visitors keep eight requests in flight, the load the issue names.
    wait_time = constant(0)

    def on_start(self):
        self.etags = {}
        self.revalidating = False

    @task
    def visit(self):
        url = random.choice(PLAN["urls"])
        if not PLAN["revalidate"]:
            self.get(url, (200,), PLAN["name"])
            return
        self.revalidating = not self.revalidating
        if self.revalidating and url in self.etags:
            headers = {"If-None-Match": self.etags[url]}
            response = self.get(url, (304, 200), f"{PLAN['name']} 304", headers)
        else:
            response = self.get(url, (200,), f"{PLAN['name']} 200")
        if response.status_code == 200 and response.headers.get("ETag"):
            self.etags[url] = response.headers["ETag"]

    def get(self, url, statuses, name, headers=None):
        with self.client.get(url, name=name, headers=headers, catch_response=True) as response:
            if response.status_code not in statuses:
                response.failure(f"{response.status_code}, not {statuses}")
            return response
