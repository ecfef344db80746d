"""Peer for the invoke_command bench: Tencent's Python SDK serialises and signs the same
InvokeCommand request (AbstractClient._build_req_inter, TC3-HMAC-SHA256).
Prints one line: `peer_python_sdk_us <microseconds per call>`."""
import sys
import timeit

try:
    from tencentcloud.common import credential
    from tencentcloud.common.abstract_client import AbstractClient
    from tencentcloud.common.http.request import RequestInternal
except ImportError:
    print("peer_python_sdk_us unavailable (pip install tencentcloud-sdk-python-common)")
    sys.exit(0)


class TatClient(AbstractClient):
    _apiVersion = "2020-10-28"
    _endpoint = "tat.intl.tencentcloudapi.com"
    _service = "tat"


client = TatClient(credential.Credential("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"), "ap-guangzhou")
params = {"CommandId": "cmd-ffxdx79i", "InstanceIds": ["lhins-ar5wyn40"]}


def once():
    req = RequestInternal(client._get_endpoint(), "POST", "/")
    client._build_req_inter("InvokeCommand", params, req)


n = 20000
best = min(timeit.repeat(once, number=n, repeat=5)) / n
print(f"peer_python_sdk_us {best * 1e6:.2f}")
