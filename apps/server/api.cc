// Routing, authentication, and the small endpoints. /match and /search live
// in match_api.cc, /screen in screen_api.cc.
#include "server/api.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>

#include "embargo/entity.h"

namespace embargo::internal {
extern const std::string_view kOpenApiJson;
}  // namespace embargo::internal

namespace embargo::server {

using nlohmann::ordered_json;

std::string Dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

namespace {

Response JsonResponse(int status, const ordered_json& j) {
  Response r;
  r.status = status;
  r.body = Dump(j);
  return r;
}

std::string IsoTime(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm;
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

ordered_json OptionalTime(
    const std::optional<std::chrono::system_clock::time_point>& t) {
  return t ? ordered_json(IsoTime(*t)) : ordered_json(nullptr);
}

ordered_json ReloadJson(const service::ReloadState& s) {
  ordered_json j;
  j["in_progress"] = s.in_progress;
  j["last_failed"] = s.last_failed;
  j["last_error"] =
      s.last_error.empty() ? ordered_json(nullptr) : ordered_json(s.last_error);
  j["last_attempt"] = OptionalTime(s.last_attempt);
  j["last_success"] = OptionalTime(s.last_success);
  j["last_failure"] = OptionalTime(s.last_failure);
  j["attempts"] = s.attempts;
  j["successes"] = s.successes;
  j["failures"] = s.failures;
  return j;
}

// The segment of `path` at or after `*at` (empty ones, of repeated
// slashes, skipped) into `*segment`, with `*at` moved past it; false at
// the end.
bool NextSegment(std::string_view path, size_t* at, std::string_view* segment) {
  size_t i = *at;
  while (i < path.size() && path[i] == '/') ++i;
  if (i == path.size()) return false;
  size_t end = path.find('/', i);
  if (end == std::string_view::npos) end = path.size();
  *segment = path.substr(i, end - i);
  *at = end;
  return true;
}

// Matches `path` against a pattern with {param} segments (the last one's
// value into `*param`). Walked in place: splitting both into vectors was
// fifteen allocations a request.
bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::string* param) {
  size_t at_pattern = 0, at_path = 0;
  std::string_view p, s, value;
  bool has_param = false;
  for (;;) {
    const bool more = NextSegment(pattern, &at_pattern, &p);
    if (more != NextSegment(path, &at_path, &s)) return false;
    if (!more) break;
    if (p.front() == '{') {
      value = s;
      has_param = true;
    } else if (p != s) {
      return false;
    }
  }
  if (has_param) *param = std::string(value);
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The key in "ApiKey KEY" or "Bearer KEY", or "".
std::string_view KeyFromHeader(std::string_view header) {
  header = Trim(header);
  size_t space = header.find(' ');
  if (space == std::string_view::npos) return {};
  std::string_view scheme = header.substr(0, space);
  if (!IEquals(scheme, "ApiKey") && !IEquals(scheme, "Bearer")) return {};
  return Trim(header.substr(space + 1));
}

}  // namespace

const std::vector<RouteInfo>& Api::Routes() {
  static const std::vector<RouteInfo> kRoutes = {
      {"GET", "/healthz", true, false},
      {"GET", "/readyz", true, false},
      {"GET", "/openapi.json", false, false},
      {"GET", "/metrics", false, false},
      {"GET", "/lists", false, false},
      {"GET", "/entities/{id}", false, false},
      {"GET", "/search", false, false},
      {"GET", "/v2/search", false, false},
      {"POST", "/match/{dataset}", false, false},
      {"POST", "/screen", false, false},
      {"POST", "/trade/check", false, false},
      {"POST", "/admin/reload", false, true},
  };
  return kRoutes;
}

std::string_view Api::OpenApiText() { return internal::kOpenApiJson; }

Response Api::Error(int status, std::string_view code,
                    std::string_view detail) {
  ordered_json j;
  j["status"] = status;
  j["error"] = code;
  j["detail"] = detail;
  return JsonResponse(status, j);
}

Api::Api(const ServerConfig& config, service::ListManager* lists,
         service::ApiKeyStore* keys, service::MetricsRegistry* metrics,
         const TradeRules* trade_rules)
    : config_(config),
      lists_(lists),
      keys_(keys),
      metrics_(metrics),
      trade_rules_(trade_rules) {
  open_connections_ = metrics_->GetGauge("embargo_http_connections_open",
                                         "HTTP connections open now");
  screen_rows_ = metrics_->GetCounter("embargo_screen_rows_total",
                                      "Rows screened through POST /screen");
  auto by_route = [&](const char* name, const char* help, const char* route) {
    return metrics_->GetCounter(name, help, {{"route", route}});
  };
  search_queries_ =
      by_route("embargo_match_queries_total", "Queries answered", "/search");
  search_matches_ =
      by_route("embargo_matches_total", "Results returned", "/search");
  match_queries_ = by_route("embargo_match_queries_total", "Queries answered",
                            "/match/{dataset}");
  match_matches_ =
      by_route("embargo_matches_total", "Results returned", "/match/{dataset}");
  metrics_->AddCollector([this](std::string* out) { CollectListMetrics(out); });
}

namespace {

// A request's method as a label: HTTP's own, else "other" (each made-up
// method a client sent was a new counter: the registry grew without end).
std::string_view MethodLabel(std::string_view method) {
  static constexpr std::array<std::string_view, 10> kKnown = {
      "GET",   "HEAD",    "POST",    "PUT",   "DELETE",
      "PATCH", "OPTIONS", "CONNECT", "TRACE", "-"};
  for (std::string_view k : kKnown)
    if (method == k) return k;
  return "other";
}

}  // namespace

const Api::Exchange* Api::ExchangeFor(std::string_view route,
                                      std::string_view method, int status) {
  const size_t h = std::hash<std::string_view>{}(route) ^
                   (std::hash<std::string_view>{}(method)*31) ^
                   static_cast<size_t>(status) * 0x9E3779B97F4A7C15ull;
  // Slots only ever go from empty to an entry: probing up to the first
  // empty one finds the entry if it was published.
  auto find = [&]() -> const Exchange* {
    for (size_t i = 0; i < kExchangeSlots; ++i) {
      const Exchange* e = exchange_slots_[(h + i) % kExchangeSlots].load(
          std::memory_order_acquire);
      if (e == nullptr) return nullptr;
      if (e->status == status && e->route == route && e->method == method)
        return e;
    }
    return nullptr;
  };
  if (const Exchange* e = find()) return e;
  std::lock_guard<std::mutex> lock(exchanges_mu_);
  if (const Exchange* e = find()) return e;
  for (size_t i = 0; i < kExchangeSlots; ++i) {
    std::atomic<const Exchange*>& slot =
        exchange_slots_[(h + i) % kExchangeSlots];
    if (slot.load(std::memory_order_relaxed) != nullptr) continue;
    const std::string r = route.empty() ? "none" : std::string(route);
    exchanges_.push_back(std::make_unique<Exchange>(
        Exchange{std::string(route), std::string(method), status,
                 metrics_->GetCounter("embargo_http_requests_total",
                                      "HTTP requests answered",
                                      {{"route", r},
                                       {"method", std::string(method)},
                                       {"code", std::to_string(status)}}),
                 metrics_->GetHistogram(
                     "embargo_http_request_duration_seconds",
                     "Time from a request's arrival to its answer being sent",
                     {{"route", r}}, service::LatencyBuckets())}));
    slot.store(exchanges_.back().get(), std::memory_order_release);
    return exchanges_.back().get();
  }
  return nullptr;
}

void Api::Record(std::string_view route, std::string_view method, int status,
                 double seconds) {
  method = MethodLabel(method);
  if (const Exchange* e = ExchangeFor(route, method, status)) {
    e->requests->Inc();
    e->latency->Observe(seconds);
    return;
  }
  const std::string r = route.empty() ? "none" : std::string(route);
  metrics_
      ->GetCounter("embargo_http_requests_total", "HTTP requests answered",
                   {{"route", r},
                    {"method", std::string(method)},
                    {"code", std::to_string(status)}})
      ->Inc();
  metrics_
      ->GetHistogram("embargo_http_request_duration_seconds",
                     "Time from a request's arrival to its answer being sent",
                     {{"route", r}}, service::LatencyBuckets())
      ->Observe(seconds);
}

void Api::CountRejected(std::string_view reason) {
  metrics_
      ->GetCounter("embargo_http_rejected_total",
                   "Requests or connections refused by a limit or as malformed",
                   {{"reason", std::string(reason)}})
      ->Inc();
}

Response Api::Handle(Request request) {
  const RouteInfo* route = nullptr;
  bool path_known = false;
  std::string param;
  for (const RouteInfo& ri : Routes()) {
    std::string p;
    if (!MatchPattern(ri.pattern, request.path, &p)) continue;
    path_known = true;
    if (ri.method == request.method ||
        (ri.method == "GET" && request.method == "HEAD")) {
      route = &ri;
      param = std::move(p);
      break;
    }
  }
  if (!route) {
    if (!path_known)
      return Error(404, "not_found", fmt::format("no route {}", request.path));
    Response r = Error(
        405, "method_not_allowed",
        fmt::format("{} does not accept {}", request.path, request.method));
    std::string allow;
    for (const RouteInfo& ri : Routes()) {
      std::string p;
      if (MatchPattern(ri.pattern, request.path, &p))
        allow += (allow.empty() ? "" : ", ") + ri.method;
    }
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  Response resp;
  if (config_.require_auth && !route->open) {
    std::string_view key = KeyFromHeader(request.authorization);
    if (key.empty()) {
      CountRejected("unauthenticated");
      resp = Error(401, "unauthenticated",
                   "an API key is required: send 'Authorization: ApiKey <key>' "
                   "(or 'Bearer <key>'); create one with `embargo keys add`");
      resp.headers.emplace_back("WWW-Authenticate", "ApiKey, Bearer");
      resp.route = route->pattern;
      return resp;
    }
    auto scope = keys_->Verify(key);
    if (!scope) {
      CountRejected("bad_key");
      resp = Error(401, "unauthenticated", "unknown or revoked API key");
      resp.headers.emplace_back("WWW-Authenticate", "ApiKey, Bearer");
      resp.route = route->pattern;
      return resp;
    }
    if (!service::ScopeAllows(*scope, route->admin
                                          ? service::KeyScope::kAdmin
                                          : service::KeyScope::kScreen)) {
      CountRejected("forbidden");
      resp = Error(403, "forbidden", "this route needs an admin key");
      resp.route = route->pattern;
      return resp;
    }
  }
  try {
    const std::string& p = route->pattern;
    if (p == "/healthz")
      resp = Healthz(request);
    else if (p == "/readyz")
      resp = Readyz(request);
    else if (p == "/openapi.json")
      resp = OpenApi(request);
    else if (p == "/metrics")
      resp = Metrics(request);
    else if (p == "/lists")
      resp = Lists(request);
    else if (p == "/entities/{id}")
      resp = Entity(request, param);
    else if (p == "/search" || p == "/v2/search")
      resp = Search(request);
    else if (p == "/match/{dataset}")
      resp = Match(request, param);
    else if (p == "/screen")
      resp = Screen(std::move(request));
    else if (p == "/trade/check")
      resp = TradeCheck(request);
    else if (p == "/admin/reload")
      resp = Reload(request);
  } catch (const std::exception& e) {
    // Handlers return errors as values; this only guards against a bug.
    resp = Error(500, "internal", fmt::format("internal error: {}", e.what()));
  }
  resp.route = route->pattern;
  return resp;
}

Response Api::Healthz(const Request&) {
  return JsonResponse(200, ordered_json{{"status", "ok"}});
}

Response Api::Readyz(const Request&) {
  auto snap = lists_->Current();
  service::ReloadState st = lists_->state();
  ordered_json j;
  bool ready = lists_->Ready();
  j["status"] = ready ? "ready" : (st.last_failed ? "failed" : "loading");
  j["version"] = snap ? ordered_json(snap->version) : ordered_json(nullptr);
  j["generation"] = snap ? snap->generation : 0;
  std::vector<std::string> missing;
  std::vector<std::string> wanted = config_.lists;
  if (!config_.index.empty()) wanted.push_back(config_.index);
  for (const std::string& spec : wanted) {
    bool found = false;
    if (snap)
      for (const std::string& s : snap->list_specs) found |= s == spec;
    if (!found) missing.push_back(spec);
  }
  j["missing_lists"] = missing;
  j["reload"] = ReloadJson(st);
  // A failed refresh while an older full version serves stays ready (it is
  // fail-closed: the old version is complete) but says so.
  if (ready && st.last_failed) j["status"] = "ready_stale";
  return JsonResponse(ready ? 200 : 503, j);
}

Response Api::Lists(const Request&) {
  auto snap = lists_->Current();
  ordered_json j;
  j["version"] = snap ? ordered_json(snap->version) : ordered_json(nullptr);
  j["generation"] = snap ? snap->generation : 0;
  j["loaded_at"] =
      snap ? ordered_json(IsoTime(snap->loaded_at)) : ordered_json(nullptr);
  j["load_seconds"] = snap ? snap->load_seconds : 0.0;
  j["ready"] = lists_->Ready();
  j["reload"] = ReloadJson(lists_->state());
  ordered_json lists = ordered_json::array();
  if (snap) {
    const auto& all = snap->screener->summaries();
    for (size_t i = 0; i < all.size(); ++i) {
      const ListSummary& l = all[i];
      ordered_json lj;
      lj["name"] = l.info.name;
      lj["format"] = l.info.format;
      lj["source"] = i < snap->list_specs.size() ? snap->list_specs[i] : "";
      lj["files"] = l.info.files;
      lj["published"] = l.info.published.empty()
                            ? ordered_json(nullptr)
                            : ordered_json(l.info.published.ToString());
      lj["content_hash"] = l.info.content_hash;
      lj["loaded_at"] = IsoTime(snap->loaded_at);
      ordered_json counts;
      counts["entities"] = l.entities;
      for (int k = 0; k < kEntityKindCount; ++k)
        counts[std::string(EntityKindName(static_cast<EntityKind>(k)))] =
            l.kinds[k];
      counts["names"] = l.names;
      counts["warnings"] = l.info.warnings.size();
      lj["counts"] = std::move(counts);
      lists.push_back(std::move(lj));
    }
  }
  j["lists"] = std::move(lists);
  Response r = JsonResponse(snap ? 200 : 503, j);
  if (snap) r.headers.emplace_back(kVersionHeader, snap->version);
  return r;
}

Response Api::Entity(const Request&, const std::string& id) {
  auto snap = lists_->Current();
  if (!snap) return Error(503, "not_ready", "the lists are still loading");
  const embargo::Entity* e = snap->screener->FindEntity(id);
  Response r;
  if (!e) {
    r = Error(404, "not_found", fmt::format("no entity {}", id));
  } else {
    r.body = EntityToJson(*e);
  }
  r.headers.emplace_back(kVersionHeader, snap->version);
  return r;
}

Response Api::Reload(const Request&) {
  Response r;
  service::ListManager* lists = lists_;
  r.deferred = [lists]() {
    Status st = lists->ReloadNow();
    auto snap = lists->Current();
    ordered_json j;
    j["status"] = st.ok() ? "ok" : "failed";
    if (!st.ok()) j["detail"] = st.ToString();
    j["version"] = snap ? ordered_json(snap->version) : ordered_json(nullptr);
    j["generation"] = snap ? snap->generation : 0;
    j["entities"] = snap ? snap->screener->entity_count() : 0;
    Response out = JsonResponse(st.ok() ? 200 : 500, j);
    if (!st.ok()) {
      out.body = Dump(ordered_json{{"status", 500},
                                   {"error", "reload_failed"},
                                   {"detail", st.ToString()},
                                   {"serving_version", j["version"]},
                                   {"generation", j["generation"]}});
    }
    if (snap) out.headers.emplace_back(kVersionHeader, snap->version);
    return out;
  };
  return r;
}

Response Api::Metrics(const Request&) {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = metrics_->Render();
  return r;
}

void Api::CollectListMetrics(std::string* out) const {
  auto snap = lists_->Current();
  service::ReloadState st = lists_->state();
  auto now = std::chrono::system_clock::now();
  *out +=
      "# HELP embargo_lists_ready 1 when every configured list is served\n"
      "# TYPE embargo_lists_ready gauge\n";
  *out += fmt::format("embargo_lists_ready {}\n", lists_->Ready() ? 1 : 0);
  *out +=
      "# HELP embargo_lists_reload_total List refresh attempts by outcome\n"
      "# TYPE embargo_lists_reload_total counter\n";
  *out += fmt::format("embargo_lists_reload_total{{result=\"success\"}} {}\n",
                      st.successes);
  *out += fmt::format("embargo_lists_reload_total{{result=\"failure\"}} {}\n",
                      st.failures);
  *out +=
      "# HELP embargo_lists_reload_failures_total List refreshes that failed "
      "and left the previous version serving\n"
      "# TYPE embargo_lists_reload_failures_total counter\n";
  *out += fmt::format("embargo_lists_reload_failures_total {}\n", st.failures);
  *out +=
      "# HELP embargo_lists_last_reload_failed 1 when the latest refresh "
      "failed\n"
      "# TYPE embargo_lists_last_reload_failed gauge\n";
  *out += fmt::format("embargo_lists_last_reload_failed {}\n",
                      st.last_failed ? 1 : 0);
  if (!snap) return;
  *out +=
      "# HELP embargo_lists_info The served list version\n"
      "# TYPE embargo_lists_info gauge\n";
  *out += fmt::format("embargo_lists_info{}\n",
                      service::FormatLabels(
                          {{"version", snap->version},
                           {"generation", std::to_string(snap->generation)}}) +
                          " 1");
  *out +=
      "# HELP embargo_lists_loaded_age_seconds Seconds since the served "
      "version loaded\n"
      "# TYPE embargo_lists_loaded_age_seconds gauge\n";
  *out += fmt::format(
      "embargo_lists_loaded_age_seconds {}\n",
      service::FormatMetricValue(
          std::chrono::duration<double>(now - snap->loaded_at).count()));
  std::string entities =
      "# HELP embargo_list_entities Entities per served list\n"
      "# TYPE embargo_list_entities gauge\n";
  std::string ages =
      "# HELP embargo_list_age_seconds Seconds since each list's publication "
      "date "
      "(lists that state one)\n# TYPE embargo_list_age_seconds gauge\n";
  for (const ListSummary& l : snap->screener->summaries()) {
    std::string labels = service::FormatLabels({{"list", l.info.name}});
    entities += fmt::format("embargo_list_entities{} {}\n", labels, l.entities);
    const PartialDate& p = l.info.published;
    if (p.empty()) continue;
    std::tm tm{};
    tm.tm_year = p.year - 1900;
    tm.tm_mon = p.month ? p.month - 1 : 0;
    tm.tm_mday = p.day ? p.day : 1;
    auto published = std::chrono::system_clock::from_time_t(timegm(&tm));
    ages += fmt::format(
        "embargo_list_age_seconds{} {}\n", labels,
        service::FormatMetricValue(
            std::chrono::duration<double>(now - published).count()));
  }
  *out += entities;
  *out += ages;
}

Response Api::OpenApi(const Request&) {
  Response r;
  r.body = std::string(OpenApiText());
  return r;
}

}  // namespace embargo::server
