-- wrk script: GET /healthz, the HTTP stack's own ceiling (no auth, no
-- screening), to tell server overhead from scoring cost.
package.path = package.path .. ";" .. (os.getenv("EMBARGO_BENCH_DIR") or ".") .. "/?.lua"
require("names")

function done(summary, latency, requests)
  report(summary, latency)
end
