#!/usr/bin/env python3
"""Container health check for the web service: healthy when the server answers /healthz at all.

/healthz itself says 503 while a dependency (say, the worker) is down; that is the dependency's problem, not
a reason to restart the web container. A 400 (the probe's Host not in ALLOWED_HOSTS) is an answer too. So any
HTTP answer but a 500 counts as alive here.
"""

import sys
import urllib.error
import urllib.request

try:
    urllib.request.urlopen("http://127.0.0.1:8000/healthz", timeout=5)
except urllib.error.HTTPError as error:
    sys.exit(1 if error.code == 500 else 0)
except OSError:
    sys.exit(1)
