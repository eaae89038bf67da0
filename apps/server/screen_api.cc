// POST /screen: a CSV or JSON-lines batch in, the `embargo screen` JSONL out,
// streamed chunk by chunk as rows are screened.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "model/ascii.h"
#include "server/api.h"
#include "service/batch_stream.h"

namespace embargo::server {

namespace {

// The input format: ?format=, else the Content-Type, else a '{' first.
bool DetectFormat(const Request& r, service::BatchFormat* format,
                  std::string* error) {
  std::string f;
  if (const std::string* p = r.Param("format")) f = internal::AsciiLower(*p);
  if (f.empty()) {
    std::string ct = internal::AsciiLower(r.content_type);
    if (ct.find("csv") != std::string::npos)
      f = "csv";
    else if (ct.find("ndjson") != std::string::npos ||
             ct.find("jsonl") != std::string::npos ||
             ct.find("json-lines") != std::string::npos ||
             ct.find("x-json-stream") != std::string::npos)
      f = "jsonl";
  }
  if (f.empty()) {
    size_t i = r.body.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    f = i != std::string::npos && r.body[i] == '{' ? "jsonl" : "csv";
  }
  if (f == "csv")
    *format = service::BatchFormat::kCsv;
  else if (f == "jsonl" || f == "ndjson")
    *format = service::BatchFormat::kJsonl;
  else {
    *error = fmt::format("format: '{}' is not csv or jsonl", f);
    return false;
  }
  return true;
}

}  // namespace

Response Api::Screen(Request r) {
  auto snap = lists_->Current();
  if (!snap) return Error(503, "not_ready", "the lists are still loading");
  const ServerLimits& limits = config_.limits;
  service::BatchOptions opts;
  std::string error;
  auto num = [&](const char* name, double def, double lo, double hi) {
    const std::string* v = r.Param(name);
    if (!v || v->empty()) return def;
    try {
      size_t used = 0;
      double d = std::stod(*v, &used);
      if (used == v->size() && d >= lo && d <= hi) return d;
    } catch (const std::exception&) {
    }
    error =
        fmt::format("{}: '{}' is not a number in [{}, {}]", name, *v, lo, hi);
    return def;
  };
  opts.search.threshold = num("threshold", kDefaultThreshold, 0, 1);
  opts.search.limit = static_cast<size_t>(
      num("limit", 5, 1, static_cast<double>(limits.max_limit)));
  opts.max_name_bytes = limits.max_name_bytes;
  opts.threads =
      config_.screen_threads > 0
          ? config_.screen_threads
          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  service::BatchFormat format = service::BatchFormat::kCsv;
  if (error.empty()) DetectFormat(r, &format, &error);
  auto finish = [&](Response resp) {
    resp.headers.emplace_back(kVersionHeader, snap->version);
    return resp;
  };
  if (!error.empty()) return finish(Error(400, "bad_request", error));
  if (screen_jobs_.fetch_add(1) >= limits.max_screen_jobs) {
    screen_jobs_.fetch_sub(1);
    Response busy =
        Error(503, "busy",
              fmt::format(
                  "{} {} running already; retry later", limits.max_screen_jobs,
                  limits.max_screen_jobs == 1 ? "batch is" : "batches are"));
    busy.headers.emplace_back("Retry-After", "5");
    return finish(std::move(busy));
  }
  // Released when the last copy of the job goes, however it ends.
  std::shared_ptr<void> slot(nullptr,
                             [this](void*) { screen_jobs_.fetch_sub(1); });
  auto body = std::make_shared<std::string>(std::move(r.body));
  auto deadline =
      r.received +
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(limits.screen_timeout));
  double timeout = limits.screen_timeout;
  service::Counter* rows_counter = screen_rows_;
  service::BatchLimits batch_limits{limits.max_rows};
  Response resp;
  // Checking the whole body can take a second for a big batch: off the I/O
  // thread, and before any byte of the answer so errors get a clean 4xx.
  resp.deferred = [snap, body, format, opts, batch_limits, deadline, timeout,
                   rows_counter, slot]() -> Response {
    auto rows = service::PlanBatch(*body, format, batch_limits);
    Response out;
    out.headers.emplace_back(kVersionHeader, snap->version);
    if (!rows.ok()) {
      // Past max_rows is "too_many_rows"; past a limit inside one row (a
      // CSV record's fields or bytes) is "too_large", as for /trade/check.
      const Status& st = rows.status();
      const bool too_big = st.code() == StatusCode::kLimitExceeded;
      const bool rows_limit =
          too_big && st.message().starts_with("the batch has more than");
      Response e = Error(too_big ? 413 : 400,
                         rows_limit ? "too_many_rows"
                         : too_big  ? "too_large"
                                    : "bad_request",
                         st.message());
      e.headers = out.headers;
      return e;
    }
    out.content_type = "application/x-ndjson";
    out.headers.emplace_back("X-Embargo-Rows", std::to_string(*rows));
    out.stream = [snap, body, format, opts, deadline, timeout, rows_counter,
                  slot](ChunkSink& sink) {
      bool timed_out = false;
      auto result = service::ScreenBatch(
          *snap->screener, *body, format, opts, [&](std::string_view chunk) {
            if (std::chrono::steady_clock::now() > deadline) {
              timed_out = true;
              return false;
            }
            return sink.Write(chunk);
          });
      if (result.ok()) {
        rows_counter->Inc(result->rows);
        return true;
      }
      // The status line is gone already: say why in-band, then cut the
      // stream so the client cannot take a partial answer for a whole one.
      std::string why =
          timed_out ? fmt::format("time limit of {} s exceeded", timeout)
                    : result.status().ToString();
      if (result.status().message() != "output closed" || timed_out)
        sink.Write(
            fmt::format("{{\"error\":{}}}\n", nlohmann::json(why).dump()));
      return false;
    };
    return out;
  };
  return finish(std::move(resp));
}

}  // namespace embargo::server
