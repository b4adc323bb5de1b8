-- wrk: POST the bytes of $BODY with Content-Type $CTYPE; $CLOSE=1 asks for a new connection per request.
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.body = f:read("*all")
f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = os.getenv("CTYPE")
if os.getenv("CLOSE") == "1" then
  wrk.headers["Connection"] = "close"
end
