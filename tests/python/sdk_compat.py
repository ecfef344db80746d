"""Drives a running emulator with Tencent's official Python SDK in one signing mode.

Usage: sdk_compat.py URL SECRET_ID SECRET_KEY MODE CALLS_JSON
MODE is one of tc3-post, tc3-get, tc3-unsigned, v1-sha1-get, v1-sha256-post, v1-sha1-post.
CALLS_JSON is a file with a list of {"action": ..., "params": {...}}. Prints one JSON line
per call: {"action", "ok": true, "total"} (the answer's TotalCount, if any) or
{"action", "code", "message"}.
"""

import json
import sys
from urllib.parse import urlparse

from tencentcloud.common import credential
from tencentcloud.common.abstract_client import AbstractClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

MODES = {
    "tc3-post": ("TC3-HMAC-SHA256", "POST", False),
    "tc3-get": ("TC3-HMAC-SHA256", "GET", False),
    "tc3-unsigned": ("TC3-HMAC-SHA256", "POST", True),
    "v1-sha1-get": ("HmacSHA1", "GET", False),
    "v1-sha256-get": ("HmacSHA256", "GET", False),
    "v1-sha1-post": ("HmacSHA1", "POST", False),
    "v1-sha256-post": ("HmacSHA256", "POST", False),
}


class TatClient(AbstractClient):
    _apiVersion = "2020-10-28"
    _endpoint = "tat.tencentcloudapi.com"
    _service = "tat"


def main():
    url, secret_id, secret_key, mode, calls_file = sys.argv[1:6]
    sign_method, method, unsigned = MODES[mode]
    http = HttpProfile(protocol=urlparse(url).scheme, endpoint=urlparse(url).netloc, reqMethod=method, reqTimeout=10)
    profile = ClientProfile(signMethod=sign_method, httpProfile=http)
    profile.unsignedPayload = unsigned
    token = sys.argv[6] if len(sys.argv) > 6 else None
    client = TatClient(credential.Credential(secret_id, secret_key, token), "ap-guangzhou", profile)
    with open(calls_file) as f:
        calls = json.load(f)
    for call in calls:
        try:
            answer = client.call_json(call["action"], call["params"])
            total = answer.get("Response", {}).get("TotalCount")
            print(json.dumps({"action": call["action"], "ok": True, "total": total}))
        except TencentCloudSDKException as e:
            print(json.dumps({"action": call["action"], "code": e.get_code(), "message": str(e.get_message())}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
