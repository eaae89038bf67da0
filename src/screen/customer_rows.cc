#include "screen/customer_rows.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "embargo/country.h"
#include "embargo/screen.h"
#include "model/ascii.h"
#include "model/date.h"
#include "screen/json_util.h"

namespace embargo::internal {
namespace {

// Calls fn(i) for every i in [0, count) on up to `threads` threads (the
// calling one included). Thread t takes i = t, t + n, t + 2n, ...:
// interleaved slices keep the threads balanced when hard rows cluster.
template <typename Fn>
void ParallelFor(size_t count, int threads, const Fn& fn) {
  const size_t n = std::max<size_t>(
      1, std::min(count, static_cast<size_t>(std::max(1, threads))));
  auto work = [&](size_t begin) {
    for (size_t i = begin; i < count; i += n) fn(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(n - 1);
  for (size_t t = 1; t < n; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& th : pool) th.join();
}

void AppendMatchJson(std::string* out, const Match& m) {
  out->append("{\"entity_id\":");
  AppendJsonString(out, m.entity->id);
  out->append(",\"score\":");
  AppendScore(out, m.score);
  out->append(",\"name\":");
  AppendJsonString(out, m.matched_name);
  out->append(",\"list\":");
  AppendJsonString(out, m.list);
  out->append(",\"explanation\":");
  AppendExplanationJson(out, m.explanation);
  out->push_back('}');
}

}  // namespace

std::string TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return std::string(s);
}

CustomerColumns MapCustomerHeader(const std::vector<std::string>& header) {
  CustomerColumns cols;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string h = AsciiLower(TrimBlanks(header[i]));
    const int idx = static_cast<int>(i);
    if (h == "id")
      cols.id = idx;
    else if (h == "name")
      cols.name = idx;
    else if (h == "kind" || h == "type")
      cols.kind = idx;
    else if (h == "birth_date" || h == "dob")
      cols.birth_date = idx;
    else if (h == "country")
      cols.country = idx;
    else if (h == "passport")
      cols.passport = idx;
    else if (h == "imo")
      cols.imo = idx;
    else if (h == "bic" || h == "swift")
      cols.bic = idx;
  }
  return cols;
}

CustomerFields CsvCustomerFields(const CustomerColumns& c,
                                 const std::vector<std::string>& f) {
  auto get = [&](int i) -> std::string {
    return i >= 0 && static_cast<size_t>(i) < f.size() ? TrimBlanks(f[i]) : "";
  };
  return {get(c.id),      get(c.name),     get(c.kind), get(c.birth_date),
          get(c.country), get(c.passport), get(c.imo),  get(c.bic)};
}

void ParseCustomerRow(CustomerFields f, CustomerRow* row) {
  row->id = std::move(f.id);
  if (row->id.empty()) row->id = std::to_string(row->line);
  row->query.name = std::move(f.name);
  std::vector<std::string> problems;
  if (row->query.name.empty()) problems.push_back("field name: empty");
  if (!f.kind.empty()) {
    if (auto kind = ParseEntityKind(f.kind))
      row->query.kind = kind;
    else
      problems.push_back(fmt::format("field kind: unknown kind '{}'", f.kind));
  }
  if (!f.birth_date.empty()) {
    if (auto date = ParsePartialDate(f.birth_date))
      row->query.birth_date = *date;
    else
      problems.push_back(
          fmt::format("field birth_date: bad date '{}'", f.birth_date));
  }
  if (!f.country.empty()) {
    if (std::string code = CountryCode(f.country); !code.empty())
      row->query.country = code;
    else
      problems.push_back(
          fmt::format("field country: unknown country '{}'", f.country));
  }
  if (!f.passport.empty())
    row->query.identifiers.push_back({IdKind::kPassport, f.passport});
  if (!f.imo.empty()) row->query.identifiers.push_back({IdKind::kImo, f.imo});
  if (!f.bic.empty())
    row->query.identifiers.push_back({IdKind::kSwiftBic, f.bic});
  for (const std::string& p : problems)
    row->error += (row->error.empty() ? "" : "; ") + p;
}

void ScreenRows(const Screener& screener, const SearchOptions& options,
                size_t max_name_bytes, int threads,
                std::vector<CustomerRow>* rows) {
  ParallelFor(rows->size(), threads, [&](size_t i) {
    CustomerRow& row = (*rows)[i];
    // Identifiers still match when the name cannot be screened.
    if (Status st = ValidateQuery(row.query, max_name_bytes); !st.ok()) {
      row.error += (row.error.empty() ? "field " : "; field ") + st.message();
      row.query.name.clear();
    }
    if (row.query.name.empty() && row.query.identifiers.empty()) return;
    row.matches = screener.Search(row.query, options);
  });
}

void AppendCustomerRowJson(std::string* out, const CustomerRow& row) {
  out->append("{\"id\":");
  AppendJsonString(out, row.id);
  if (!row.error.empty()) {
    out->append(",\"line\":");
    out->append(std::to_string(row.line));
    out->append(",\"error\":");
    AppendJsonString(out, row.error);
  }
  out->append(",\"matches\":[");
  for (size_t i = 0; i < row.matches.size(); ++i) {
    if (i) out->push_back(',');
    AppendMatchJson(out, row.matches[i]);
  }
  out->append("]}\n");
}

}  // namespace embargo::internal

namespace embargo {

std::string MatchToJson(const Match& match) {
  std::string out;
  internal::AppendMatchJson(&out, match);
  return out;
}

}  // namespace embargo
