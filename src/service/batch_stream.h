// Batch screening of a request body (CSV or JSON lines) with output streamed
// chunk by chunk in the `embargo screen` JSONL format (include/embargo/
// screen.h), so a server can answer a million rows without holding the whole
// answer. Unlike ScreenCsv() it reads from memory, validates the whole input
// before writing anything (so a bad upload gets a clean 4xx), bounds rows and
// name lengths, and stops once the consumer goes away (the chunk being
// screened then is finished, and not written).
// Thread-safety: ScreenBatch() may run concurrently on different inputs; it
// uses options.threads threads of its own and calls `write` from the calling
// thread only.
#ifndef EMBARGO_SERVICE_BATCH_STREAM_H_
#define EMBARGO_SERVICE_BATCH_STREAM_H_

#include <cstdint>
#include <functional>
#include <string_view>

#include "embargo/limits.h"
#include "embargo/screen.h"
#include "embargo/screener.h"
#include "embargo/status.h"

namespace embargo::service {

enum class BatchFormat { kCsv, kJsonl };

struct BatchLimits {
  std::uint64_t max_rows = kMaxBatchRows;
};

// Checks `body` in full: CSV must parse and have a `name` column; JSON lines
// are counted (a bad line becomes a row error later, not a failure here).
// Returns the row count; kLimitExceeded beyond limits.max_rows, kDataError
// for a malformed CSV or a missing name column (naming the line).
Result<std::uint64_t> PlanBatch(std::string_view body, BatchFormat format,
                                const BatchLimits& limits);

struct BatchOptions {
  SearchOptions search{.threshold = kDefaultThreshold, .limit = 5};
  int threads = 1;
  size_t chunk_rows = 512;
  size_t max_name_bytes = kMaxQueryNameBytes;
};

// Screens every row of `body` and passes the output, in input order, to
// `write`, one chunk of rows at a time. CSV columns are those of ScreenCsv()
// (id, name, kind|type, birth_date|dob, country, passport, imo, bic|swift);
// JSON lines are objects with the same keys. When `write` returns false the
// run stops and kIoError("output closed") is returned. Row problems (an
// empty or overlong name, a bad date, a line that is not JSON) become
// "error" fields as in ScreenCsv().
Result<ScreenSummary> ScreenBatch(
    const Screener& screener, std::string_view body, BatchFormat format,
    const BatchOptions& options,
    const std::function<bool(std::string_view)>& write);

}  // namespace embargo::service

#endif  // EMBARGO_SERVICE_BATCH_STREAM_H_
