// Customer rows for batch screening, shared by `embargo screen` (ScreenCsv)
// and the server's POST /screen (ScreenBatch), so that one row gives the
// same output line through either: the columns recognised by name, a row's
// parsing into a Query with its problems, the screening of an input chunk
// by chunk on all threads, and the JSON line each row becomes.
// Thread-safety: pure functions, but for RowThreads, whose ForEach() (and
// so ScreenChunks()) is called from one thread at a time.
#ifndef EMBARGO_SCREEN_CUSTOMER_ROWS_H_
#define EMBARGO_SCREEN_CUSTOMER_ROWS_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "embargo/screener.h"

namespace embargo::internal {

// What a header without a name column is told (after "FILE:1: ").
inline constexpr std::string_view kNoNameColumn =
    "no 'name' column in the header (columns: id, name, kind, birth_date, "
    "country, passport, imo, bic)";

// Column positions by role, -1 when absent.
struct CustomerColumns {
  int id = -1, name = -1, kind = -1, birth_date = -1, country = -1,
      passport = -1, imo = -1, bic = -1;
};
CustomerColumns MapCustomerHeader(const std::vector<std::string>& header);

// A row's fields by role, trimmed; "" when absent.
struct CustomerFields {
  std::string id, name, kind, birth_date, country, passport, imo, bic;
};
CustomerFields CsvCustomerFields(const CustomerColumns& columns,
                                 const std::vector<std::string>& fields);

struct CustomerRow {
  std::uint64_t line = 0;  // in the input, for error messages
  std::string id;          // the line number when the row has none
  Query query;
  std::string error;  // "field kind: ...; field birth_date: ...", or ""
  std::vector<Match> matches;
};

// Fills `row` (its line already set) from `fields`; problems go to
// row->error and the row is kept.
void ParseCustomerRow(CustomerFields fields, CustomerRow* row);

// The threads that screen a file's chunks of rows: the calling thread and
// `threads` - 1 workers that stay for the object's life, so that each keeps
// its caches (what the index's lookups reached for a token, a search's
// scratch) from one chunk to the next. A thread started per chunk began
// each with none: on 20,000 rows the two threads' searches took 13% more
// instructions than one thread's, and 7% more with threads that stay.
class RowThreads {
 public:
  explicit RowThreads(int threads);
  ~RowThreads();
  RowThreads(const RowThreads&) = delete;
  RowThreads& operator=(const RowThreads&) = delete;

  // Calls fn(i) for every i in [0, count), each thread taking the next
  // few i in turn (hard rows cluster: fixed shares would leave a thread
  // idle); returns when all are done. `meanwhile`, when given, runs first
  // on the calling thread while the workers start on fn (a file's reading
  // and writing overlap its screening).
  void ForEach(size_t count, const std::function<void(size_t)>& fn,
               const std::function<void()>& meanwhile = nullptr);

 private:
  void Work();
  // fn on the i not yet taken this round, a few at a time.
  void Take(const std::function<void(size_t)>& fn, size_t count);

  std::mutex mu_;
  std::condition_variable start_, done_;
  const std::function<void(size_t)>* fn_ = nullptr;  // guarded by mu_
  size_t count_ = 0;                                 // guarded by mu_
  std::uint64_t round_ = 0;                          // guarded by mu_
  size_t busy_ = 0;                                  // guarded by mu_
  bool stop_ = false;                                // guarded by mu_
  std::atomic<size_t> next_{0};  // the first i not yet taken this round
  std::vector<std::thread> workers_;
};

// Screens an input chunk by chunk on `threads`, in order: while the
// threads screen a chunk, the calling thread writes the one before and
// reads the one after (reading and writing alone left one of 2 cores idle
// a tenth of the time). `read` fills the empty chunk it is given, false
// once no row follows; `input` tells whether reading failed; `write` is
// false once the consumer went, and nothing more is read or written.
// Returns the input's error, with what was screened before it written,
// IoError "output closed", or Ok. A name past the limits is reported in
// the row's error and not screened (the limit is checked on the screening
// threads, because counting a name's tokens normalizes it).
Status ScreenChunks(
    const Screener& screener, const SearchOptions& options,
    size_t max_name_bytes, RowThreads* threads,
    const std::function<bool(std::vector<CustomerRow>*)>& read,
    const std::function<Status()>& input,
    const std::function<bool(const std::vector<CustomerRow>&)>& write);

// Appends the row's JSON line (with its newline), the `--format jsonl`
// output of `embargo screen`.
void AppendCustomerRowJson(std::string* out, const CustomerRow& row);

std::string TrimBlanks(std::string_view s);

}  // namespace embargo::internal

#endif  // EMBARGO_SCREEN_CUSTOMER_ROWS_H_
