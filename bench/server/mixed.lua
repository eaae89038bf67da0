-- wrk script: alternating GET /search and POST /match/default (yente format,
-- one Person query with a birth date and nationality).
package.path = package.path .. ";" .. (os.getenv("EMBARGO_BENCH_DIR") or ".") .. "/?.lua"
require("names")
local key = os.getenv("EMBARGO_KEY") or ""
local counter = 0

function request()
  counter = counter + 1
  local name = names[(counter % #names) + 1]
  local headers = { ["Authorization"] = "ApiKey " .. key }
  if counter % 2 == 0 then
    return wrk.format("GET", "/search?limit=10&name=" .. urlencode(name), headers)
  end
  headers["Content-Type"] = "application/json"
  local body = '{"queries":{"q1":{"schema":"Person","properties":{"name":["' .. name ..
               '"],"birthDate":["1966"],"nationality":["kp"]}}}}'
  return wrk.format("POST", "/match/default?limit=5", headers, body)
end

function done(summary, latency, requests)
  report(summary, latency)
end
