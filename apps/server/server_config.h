// The HTTP service's settings: where to listen, which lists to serve, the
// refresh policy, authentication and every resource limit. Read from a JSON
// file (`embargo serve --config FILE`); flags override it.
// Thread-safety: plain values.
#ifndef EMBARGO_APPS_SERVER_SERVER_CONFIG_H_
#define EMBARGO_APPS_SERVER_SERVER_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "embargo/limits.h"
#include "embargo/status.h"

namespace embargo::server {

struct ServerLimits {
  // Defaults from embargo/limits.h.
  size_t max_connections = kMaxConnections;            // more get 503
  size_t max_body_bytes = kMaxBodyBytes;               // JSON routes
  size_t max_screen_body_bytes = kMaxScreenBodyBytes;  // POST /screen
  size_t max_header_bytes = kMaxHeaderBytes;
  std::uint64_t max_rows = kMaxBatchRows;  // rows per /screen batch
  // One name, in bytes; ValidateQuery() caps it at kMaxQueryNameBytes.
  size_t max_name_bytes = kMaxQueryNameBytes;
  size_t max_queries = kMaxQueriesPerRequest;  // examples per /match request
  size_t max_names_per_query = kMaxNamesPerQuery;  // names per /match example
  size_t max_limit = kMaxResultsPerQuery;          // results per query
  int max_screen_jobs = kMaxScreenJobs;            // /screen batches at once
  // Seconds.
  double header_timeout = 10;    // to receive a request's headers
  double body_timeout = 60;      // to receive its body
  double idle_timeout = 30;      // keep-alive wait for the next request
  double write_timeout = 30;     // to send one response (or one chunk)
  double request_timeout = 10;   // to answer /match or /search
  double screen_timeout = 3600;  // to answer one /screen batch
};

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";
  int threads = 0;         // I/O threads; 0: one per core
  int worker_threads = 4;  // for reloads and batches
  int screen_threads = 0;  // screening threads per batch; 0: one per core
  std::string state_dir = "embargo-state";
  std::vector<std::string> lists;  // list specs
  std::string index;  // or an index snapshot (`embargo index build`)
  std::vector<std::string> trade_rules;  // rule files or folders (/trade/check)
  double reload_interval = 0;            // seconds; 0: only on SIGHUP / admin
  double max_entity_drop = 0.10;         // refresh fails past this shrinkage
  bool require_auth = true;
  ServerLimits limits;
};

// Applies the JSON object in `text` over `config`. Keys: listen, threads,
// worker_threads, screen_threads, state_dir, lists, index, trade_rules,
// reload_interval_seconds,
// max_entity_drop, require_auth, limits {the ServerLimits names, timeouts
// with a _seconds suffix}. Unknown keys and wrong types are errors naming
// the key (kInvalidArgument).
Status ApplyServerConfig(const std::string& text, const std::string& source,
                         ServerConfig* config);

// Host and port from "HOST:PORT" ("[::1]:PORT" for IPv6).
Status SplitListen(const std::string& listen, std::string* host,
                   std::uint16_t* port);

}  // namespace embargo::server

#endif  // EMBARGO_APPS_SERVER_SERVER_CONFIG_H_
