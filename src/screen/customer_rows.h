// Customer rows for batch screening, shared by `embargo screen` (ScreenCsv)
// and the server's POST /screen (ScreenBatch), so that one row gives the
// same output line through either: the columns recognised by name, a row's
// parsing into a Query with its problems, the screening of a chunk of rows
// on all threads, and the JSON line each row becomes.
// Thread-safety: pure functions; ScreenRows() uses `threads` threads and
// touches only its own rows.
#ifndef EMBARGO_SCREEN_CUSTOMER_ROWS_H_
#define EMBARGO_SCREEN_CUSTOMER_ROWS_H_

#include <cstdint>
#include <string>
#include <string_view>
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

// Screens every row on up to `threads` threads. A name past the limits is
// reported in the row's error and not screened. The limit is checked here,
// on the screening threads, because counting a name's tokens normalizes it.
void ScreenRows(const Screener& screener, const SearchOptions& options,
                size_t max_name_bytes, int threads,
                std::vector<CustomerRow>* rows);

// Appends the row's JSON line (with its newline), the `--format jsonl`
// output of `embargo screen`.
void AppendCustomerRowJson(std::string* out, const CustomerRow& row);

std::string TrimBlanks(std::string_view s);

}  // namespace embargo::internal

#endif  // EMBARGO_SCREEN_CUSTOMER_ROWS_H_
