-- wrk script: GET /search (Watchman style) over a mix of names.
package.path = package.path .. ";" .. (os.getenv("EMBARGO_BENCH_DIR") or ".") .. "/?.lua"
require("names")
local key = os.getenv("EMBARGO_KEY") or ""
local counter = 0

function setup(thread)
  thread:set("offset", math.random(1, #names))
end

function request()
  counter = counter + 1
  local name = names[((counter + (offset or 0)) % #names) + 1]
  return wrk.format("GET", "/search?limit=10&name=" .. urlencode(name),
                    { ["Authorization"] = "ApiKey " .. key })
end

function done(summary, latency, requests)
  report(summary, latency)
end
