#include "screen/customer_rows.h"

#include <fmt/format.h>

#include <algorithm>

#include "embargo/country.h"
#include "embargo/screen.h"
#include "model/ascii.h"
#include "model/date.h"
#include "screen/json_util.h"

namespace embargo::internal {
namespace {

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

RowThreads::RowThreads(int threads) {
  const int n = std::max(1, threads);
  workers_.reserve(static_cast<size_t>(n - 1));
  for (int t = 1; t < n; ++t) workers_.emplace_back([this] { Work(); });
}

RowThreads::~RowThreads() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  start_.notify_all();
  for (std::thread& w : workers_) w.join();
}

void RowThreads::ForEach(size_t count, const std::function<void(size_t)>& fn,
                         const std::function<void()>& meanwhile) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    fn_ = &fn;
    count_ = count;
    next_.store(0, std::memory_order_relaxed);
    busy_ = workers_.size();
    ++round_;
  }
  start_.notify_all();
  if (meanwhile) meanwhile();
  Take(fn, count);
  std::unique_lock<std::mutex> lock(mu_);
  done_.wait(lock, [&] { return busy_ == 0; });
  fn_ = nullptr;
}

void RowThreads::Take(const std::function<void(size_t)>& fn, size_t count) {
  // A few rows at a time: a row takes tens of microseconds, the counter a
  // few nanoseconds.
  constexpr size_t kTake = 16;
  for (;;) {
    const size_t first = next_.fetch_add(kTake, std::memory_order_relaxed);
    if (first >= count) return;
    const size_t last = std::min(count, first + kTake);
    for (size_t i = first; i < last; ++i) fn(i);
  }
}

void RowThreads::Work() {
  std::uint64_t seen = 0;
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    start_.wait(lock, [&] { return stop_ || round_ != seen; });
    if (stop_) return;
    seen = round_;
    const std::function<void(size_t)>& fn = *fn_;
    const size_t count = count_;
    lock.unlock();
    Take(fn, count);
    lock.lock();
    if (--busy_ == 0) done_.notify_one();
  }
}

namespace {

// Screens every row on `threads`, `meanwhile` on the calling thread first.
void ScreenRows(const Screener& screener, const SearchOptions& options,
                size_t max_name_bytes, RowThreads* threads,
                std::vector<CustomerRow>* rows,
                const std::function<void()>& meanwhile) {
  threads->ForEach(
      rows->size(),
      [&](size_t i) {
        CustomerRow& row = (*rows)[i];
        // Identifiers still match when the name cannot be screened.
        if (Status st = ValidateQuery(row.query, max_name_bytes); !st.ok()) {
          row.error +=
              (row.error.empty() ? "field " : "; field ") + st.message();
          row.query.name.clear();
        }
        if (row.query.name.empty() && row.query.identifiers.empty()) return;
        row.matches = screener.Search(row.query, options);
      },
      meanwhile);
}

}  // namespace

Status ScreenChunks(
    const Screener& screener, const SearchOptions& options,
    size_t max_name_bytes, RowThreads* threads,
    const std::function<bool(std::vector<CustomerRow>*)>& read,
    const std::function<Status()>& input,
    const std::function<bool(const std::vector<CustomerRow>&)>& write) {
  bool closed = false;
  auto put = [&](const std::vector<CustomerRow>& chunk) {
    if (!chunk.empty() && !closed) closed = !write(chunk);
  };
  auto get = [&](std::vector<CustomerRow>* chunk) {
    chunk->clear();
    return read(chunk);
  };
  auto gone = [] { return Status::IoError("output closed"); };
  std::vector<CustomerRow> rows, next, done;
  bool more = get(&rows);
  if (Status st = input(); !st.ok()) return st;
  while (!rows.empty()) {
    ScreenRows(screener, options, max_name_bytes, threads, &rows, [&] {
      put(done);
      if (more && !closed) more = get(&next);
    });
    if (closed) return gone();
    // A bad row stops the input there, as it did when chunks were read
    // between screenings: what was screened before it is written.
    if (Status st = input(); !st.ok()) {
      put(rows);
      return closed ? gone() : st;
    }
    done.swap(rows);
    rows.swap(next);
    next.clear();
  }
  put(done);
  return closed ? gone() : Status::Ok();
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
