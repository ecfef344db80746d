"""Drives the emulator, with Tencent's own agent registered to it, through Tencent's official
Python SDK: creates a registration code, or runs a script on a managed instance and waits for
its task to end.

Usage: agent_run.py URL SECRET_ID SECRET_KEY create-code
       agent_run.py URL SECRET_ID SECRET_KEY run INSTANCE_ID SCRIPT
create-code prints the code's {"RegisterCodeId", "RegisterCodeValue"}; run prints the task
(DescribeInvocationTasks, with its output) once it has ended, as JSON.
"""

import base64
import json
import sys
import time
from urllib.parse import urlparse

from tencentcloud.common import credential
from tencentcloud.common.abstract_client import AbstractClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

FINAL = {"SUCCESS", "FAILED", "TIMEOUT", "TASK_TIMEOUT", "START_FAILED", "DELIVER_FAILED",
         "CANCELLED", "TERMINATED"}


class TatClient(AbstractClient):
    _apiVersion = "2020-10-28"
    _endpoint = "tat.tencentcloudapi.com"
    _service = "tat"


def call(client, action, params):
    return client.call_json(action, params)["Response"]


def run(client, instance, script):
    content = base64.b64encode(script.encode()).decode()
    started = call(client, "RunCommand", {"Content": content, "InstanceIds": [instance]})
    filters = [{"Name": "invocation-id", "Values": [started["InvocationId"]]}]
    deadline = time.time() + 60
    while time.time() < deadline:
        tasks = call(client, "DescribeInvocationTasks", {"Filters": filters, "HideOutput": False})
        task = tasks["InvocationTaskSet"][0]
        if task["TaskStatus"] in FINAL:
            return task
        time.sleep(0.1)
    raise SystemExit("the task did not end within 60 s")


def main():
    url, secret_id, secret_key, what = sys.argv[1:5]
    http = HttpProfile(protocol=urlparse(url).scheme, endpoint=urlparse(url).netloc, reqTimeout=10)
    client = TatClient(credential.Credential(secret_id, secret_key), "ap-guangzhou", ClientProfile(httpProfile=http))
    if what == "create-code":
        code = call(client, "CreateRegisterCode", {})
        print(json.dumps({k: code[k] for k in ("RegisterCodeId", "RegisterCodeValue")}))
    else:
        print(json.dumps(run(client, sys.argv[5], sys.argv[6])))


if __name__ == "__main__":
    main()
