"""Drives the emulator, started on each service of a catalogue of doc drops, with Tencent's
official Python SDK: every action's first example request, in four request styles (TC3 over
POST and GET, v1 HmacSHA256 over POST form and GET). Not part of `cargo test` (the
catalogue is not in this repository).

Usage (after `.ci/run`, or with the SDK on PYTHONPATH):
  cargo build -p tencentcloud-emulator -p xtask
  PYTHONPATH=.ci/python python3 tests/python/emulate_catalogue.py ../shared/specs/catalogue

Prints one line per service and mode, then totals. Exit status 1 when any call meets a
failure the emulator must never give for a well-signed request (an internal error, an
authentication failure, a dropped connection) or the emulator dies.
"""

import json
import os
import socket
import subprocess
import sys
import time

from tencentcloud.common import credential
from tencentcloud.common.abstract_client import AbstractClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMULATOR = os.path.join(ROOT, "target/debug/tencentcloud-emulator")
XTASK = os.path.join(ROOT, "target/debug/xtask")
SECRET_ID, SECRET_KEY = "AKIDcatalogue000000000000000000000", "catalogue-secret-key"
MODES = {"tc3-post": ("TC3-HMAC-SHA256", "POST"), "tc3-get": ("TC3-HMAC-SHA256", "GET"),
         "v1-post": ("HmacSHA256", "POST"), "v1-get": ("HmacSHA256", "GET")}
NEVER = ("InternalError", "ClientNetworkError", "ServerNetworkError")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def calls_of(service_dir):
    model = json.loads(subprocess.run([XTASK, "ir", service_dir], capture_output=True, check=True).stdout)
    calls = []
    for action in model["actions"]:
        requests = [e["request"] for e in action["examples"] if isinstance(e.get("request"), dict)]
        calls.append((action["name"], requests[0] if requests else {}))
    return model["service"]["name"], model["service"]["version"], calls


def drive(port, service, version, calls, mode):
    sign, method = MODES[mode]

    class Client(AbstractClient):
        _apiVersion = version
        _endpoint = service + ".tencentcloudapi.com"
        _service = service

    http = HttpProfile(protocol="http", endpoint=f"127.0.0.1:{port}", reqMethod=method, reqTimeout=10)
    client = Client(credential.Credential(SECRET_ID, SECRET_KEY), "ap-guangzhou", ClientProfile(signMethod=sign, httpProfile=http))
    ok, codes, bad = 0, {}, []
    for action, params in calls:
        try:
            client.call_json(action, params)
            ok += 1
        except TencentCloudSDKException as e:
            code = e.get_code() or "none"
            codes[code] = codes.get(code, 0) + 1
            if code in NEVER or code.startswith("AuthFailure"):
                bad.append(f"{service} {mode} {action}: {code} {str(e.get_message())[:160]}")
    return ok, codes, bad


def main():
    catalogue = sys.argv[1]
    totals, failures = {"calls": 0, "ok": 0}, []
    codes_total = {}
    for name in sorted(os.listdir(catalogue)):
        service_dir = os.path.join(catalogue, name)
        if not os.path.isdir(service_dir) or name == "common":
            continue
        service, version, calls = calls_of(service_dir)
        port = free_port()
        emulator = subprocess.Popen([EMULATOR, "--listen", f"127.0.0.1:{port}", "--specs", service_dir, "--key", f"{SECRET_ID}:{SECRET_KEY}", "--no-rate-limits"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.5)
            for mode in MODES:
                ok, codes, bad = drive(port, service, version, calls, mode)
                print(f"{name} {mode}: {ok}/{len(calls)} answered, errors {codes}", flush=True)
                totals["calls"] += len(calls)
                totals["ok"] += ok
                for code, n in codes.items():
                    codes_total[code] = codes_total.get(code, 0) + n
                failures += bad
            if emulator.poll() is not None:
                failures.append(f"{name}: the emulator exited with {emulator.returncode}")
        finally:
            emulator.kill()
            emulator.wait()
    print(f"total: {totals['calls']} calls, {totals['ok']} answered, typed errors {codes_total}")
    for f in failures:
        print("FAILURE", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
