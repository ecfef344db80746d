// Peer for the invoke_command bench: Tencent's official Node.js SDK
// (tencentcloud-sdk-nodejs-common) builds and signs the same InvokeCommand request as
// HttpConnection.doRequestWithSign3 does before it sends: the JSON body (json-bigint, as
// the SDK), the X-TC-* headers, and Sign.sign3 (TC3-HMAC-SHA256).
// Prints one line: `peer_node_sdk_us <microseconds per call>`.
// `cargo xtask bench` installs the SDK under target/bench-peers/node and sets NODE_PATH.
"use strict";

let Sign, JSONbig;
try {
  Sign = require("tencentcloud-sdk-nodejs-common/tencentcloud/common/sign").default;
  JSONbig = require("json-bigint")({ useNativeBigInt: true });
} catch (e) {
  console.log("peer_node_sdk_us unavailable (npm install tencentcloud-sdk-nodejs-common)");
  process.exit(0);
}

const url = "https://tat.intl.tencentcloudapi.com/";
const params = { CommandId: "cmd-ffxdx79i", InstanceIds: ["lhins-ar5wyn40"] };

function once() {
  const headers = {
    Host: "tat.intl.tencentcloudapi.com",
    "X-TC-Action": "InvokeCommand",
    "X-TC-Region": "ap-guangzhou",
    "X-TC-Timestamp": 1551113065,
    "X-TC-Version": "2020-10-28",
    "Content-Type": "application/json",
  };
  const body = JSONbig.stringify(params);
  headers.Authorization = Sign.sign3({
    method: "POST",
    url,
    payload: params,
    timestamp: 1551113065,
    service: "tat",
    secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
    secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    multipart: false,
    headers,
  });
  return body.length + headers.Authorization.length;
}

const n = 20000;
let best = Infinity;
let sink = 0;
for (let round = 0; round < 5; round++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += once();
  const ns = Number(process.hrtime.bigint() - start) / n;
  best = Math.min(best, ns);
}
if (sink === 0) console.error("unreachable");
console.log(`peer_node_sdk_us ${(best / 1000).toFixed(2)}`);
