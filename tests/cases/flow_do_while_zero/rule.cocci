@@
@@
- ptlrpc_req_start();
  ...
- ptlrpc_req_end();
