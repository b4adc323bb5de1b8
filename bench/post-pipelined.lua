-- wrk: POST the bytes of $BODY with Content-Type $CTYPE, $DEPTH requests pipelined per write
-- (HTTP/1.1 pipelining, RFC 9112 §9.3.2: a client sends several requests on a connection without
-- waiting for each response; the server answers them in order).
local f = assert(io.open(os.getenv("BODY"), "rb"))
local body = f:read("*all")
f:close()
local depth = tonumber(os.getenv("DEPTH") or "8")
local batch
init = function(args)
  local requests = {}
  for i = 1, depth do
    requests[i] = wrk.format("POST", nil, {["Content-Type"] = os.getenv("CTYPE")}, body)
  end
  batch = table.concat(requests)
end
request = function()
  return batch
end
