-- Query names for the load scripts: listed names (exact and with typos or
-- reordered), and ordinary customer names that match nothing, so the mix
-- resembles real screening traffic rather than one cached query.
names = {
  "Kim Jong Un", "KIM JONG SIK", "Jong Sik Kim", "Kim Jong-sik",
  "Korea Mining Development Trading Corporation", "Dimitri Herard",
  "Ali Hassan", "Mohammed Ali", "Abu Mohammed al-Jawlani", "Vladimir Putin",
  "Sergei Lavrov", "Ramzan Kadyrov", "Bashar al-Assad", "Nicolas Maduro",
  "Rosneft", "Sovcomflot", "Gazprombank", "Bank Melli Iran", "Hezbollah",
  "Islamic Revolutionary Guard Corps", "Ayman al-Zawahiri", "Osama bin Laden",
  "Joaquin Guzman Loera", "Viktor Bout", "Alisher Usmanov", "Roman Abramovich",
  "John Smith", "Maria Garcia", "Jean Dupont", "Hans Mueller", "Anna Kowalska",
  "Chen Wei", "Nguyen Van An", "Olga Ivanova", "Peter Jones", "Acme Trading Ltd",
  "Global Shipping Company", "Blue Ocean Logistics", "Sunrise Import Export",
  "Mohamed Abdullahi", "Ahmad Khan", "Fatima Zahra", "Tanaka Hiroshi",
}

function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function report(summary, latency)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors, e.status))
end
