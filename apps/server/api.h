// The HTTP API: routing, authentication and every endpoint (yente-compatible
// /match, Watchman-style /search, streamed /screen, /entities, /lists,
// health, metrics, OpenAPI, admin reload). Knows nothing of sockets: the
// server hands it a Request and sends back the Response.
// Thread-safety: Handle() and Record() may be called from many threads at
// once; each request uses the one list version it took at its start.
#ifndef EMBARGO_APPS_SERVER_API_H_
#define EMBARGO_APPS_SERVER_API_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/http_types.h"
#include "server/server_config.h"
#include "service/api_keys.h"
#include "service/list_manager.h"
#include "service/metrics.h"

namespace embargo {
class TradeRules;
}  // namespace embargo

namespace embargo::server {

// `j` as compact JSON, invalid UTF-8 replaced by U+FFFD: every JSON body the
// routes answer.
std::string Dump(const nlohmann::ordered_json& j);

// The header naming the list version a response was computed on.
inline constexpr const char* kVersionHeader = "X-Embargo-Lists-Version";

struct RouteInfo {
  std::string method;   // "GET", "POST"
  std::string pattern;  // "/match/{dataset}"
  bool open = false;    // no API key needed
  bool admin = false;   // needs an admin key
};

class Api {
 public:
  // `trade_rules` may be null: POST /trade/check then answers 503.
  Api(const ServerConfig& config, service::ListManager* lists,
      service::ApiKeyStore* keys, service::MetricsRegistry* metrics,
      const TradeRules* trade_rules = nullptr);
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  Response Handle(Request request);

  // Counts a finished exchange (called by the server once it is sent).
  void Record(std::string_view route, std::string_view method, int status,
              double seconds);
  // Counts a request refused before it reached a route (reason: body_limit,
  // header_limit, timeout, malformed, connections).
  void CountRejected(std::string_view reason);
  service::Gauge* open_connections() { return open_connections_; }

  static const std::vector<RouteInfo>& Routes();
  // The OpenAPI 3 document served at /openapi.json.
  static std::string_view OpenApiText();

  // {"status":N,"error":code,"detail":detail} with that status.
  static Response Error(int status, std::string_view code,
                        std::string_view detail);

 private:
  Response Healthz(const Request& r);
  Response Readyz(const Request& r);
  Response Lists(const Request& r);
  Response Entity(const Request& r, const std::string& id);
  Response Search(const Request& r);
  Response Match(const Request& r, const std::string& dataset);
  Response Screen(Request r);
  Response Reload(const Request& r);
  Response Metrics(const Request& r);
  Response OpenApi(const Request& r);
  Response TradeCheck(const Request& r);

  void CollectListMetrics(std::string* out) const;
  // Appends the Watchman form of `m`'s entity (all but its score and
  // explanation), rendered once per list version: an entity's fields were
  // a tenth of a /search request's instructions, and the same entities come
  // back request after request.
  void AppendWatchmanEntityFields(std::string* out, const embargo::Match& m,
                                  std::uint64_t generation);

  // Record()'s two metrics of one route, method and status.
  struct Exchange {
    std::string route, method;
    int status;
    service::Counter* requests;
    service::Histogram* latency;
  };
  // The Exchange of (route, method, status), found in the registry the
  // first time only: a registry lookup formats the labels and takes its
  // lock, and Record() made three per request, shared by every I/O thread.
  // Null only when the table is full (see exchange_slots_).
  const Exchange* ExchangeFor(std::string_view route, std::string_view method,
                              int status);

  const ServerConfig& config_;
  service::ListManager* lists_;
  service::ApiKeyStore* keys_;
  service::MetricsRegistry* metrics_;
  const TradeRules* trade_rules_;
  service::Gauge* open_connections_;
  service::Counter* screen_rows_;
  // Queries answered and results returned, by route.
  service::Counter* search_queries_;
  service::Counter* search_matches_;
  service::Counter* match_queries_;
  service::Counter* match_matches_;
  std::atomic<int> screen_jobs_{0};
  // Exchanges by a hash of their labels, open addressing; read without a
  // lock (an entry is never changed nor freed once published), added under
  // `exchanges_mu_`. Routes, methods and statuses are few: a full table
  // (never seen) leaves further exchanges to the registry's own lookup.
  static constexpr size_t kExchangeSlots = 4096;
  std::array<std::atomic<const Exchange*>, kExchangeSlots> exchange_slots_{};
  std::mutex exchanges_mu_;
  std::vector<std::unique_ptr<Exchange>> exchanges_;
  // What AppendWatchmanEntityFields rendered, by entity id, for list
  // version `generation` only; in shards by id, as every I/O thread looks
  // up ten entities per /search request.
  struct RenderedEntities {
    std::mutex mu;
    std::uint64_t generation = 0;
    std::unordered_map<std::string, std::string> json;
  };
  static constexpr size_t kRenderedShards = 16;
  std::array<RenderedEntities, kRenderedShards> rendered_;
};

}  // namespace embargo::server

#endif  // EMBARGO_APPS_SERVER_API_H_
