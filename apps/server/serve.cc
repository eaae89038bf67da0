#include "server/serve.h"

#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <optional>
#include <thread>

#include "embargo/trade.h"
#include "server/api.h"
#include "server/http_server.h"
#include "service/api_keys.h"
#include "service/list_manager.h"
#include "service/metrics.h"

namespace embargo::server {

Status RunServer(const ServerConfig& config) {
  if (config.lists.empty() && config.index.empty())
    return Status::InvalidArgument(
        "no lists to serve: pass --list PATH or --index FILE");
  if (!config.lists.empty() && !config.index.empty())
    return Status::InvalidArgument(
        "both lists and an index snapshot to serve: pass one of them");
  // Signals go to the main thread's sigwait below, never to a worker.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  service::ApiKeyStore keys(config.state_dir);
  if (config.require_auth) {
    Status st = keys.Reload();
    if (!st.ok()) return st;
    if (keys.size() == 0)
      std::fprintf(
          stderr,
          "embargo: warning: no API keys in %s; every request except "
          "/healthz and /readyz will be refused. Create one with `embargo "
          "keys add --scope screen --state %s`\n",
          config.state_dir.c_str(), config.state_dir.c_str());
  }
  std::optional<TradeRules> trade_rules;
  if (!config.trade_rules.empty()) {
    auto rules = TradeRules::Load(config.trade_rules);
    if (!rules.ok()) return rules.status();
    trade_rules = std::move(*rules);
  }
  service::MetricsRegistry metrics;
  service::ListManagerOptions lopts;
  lopts.specs = config.lists;
  lopts.snapshot = config.index;
  lopts.max_entity_drop = config.max_entity_drop;
  lopts.interval =
      std::chrono::seconds(static_cast<std::int64_t>(config.reload_interval));
  lopts.on_reload = [](const Status& st) {
    if (st.ok())
      std::fprintf(stderr, "embargo: lists loaded\n");
    else
      std::fprintf(stderr,
                   "embargo: list refresh failed, previous version kept: %s\n",
                   st.ToString().c_str());
  };
  service::ListManager lists(lopts);
  Api api(config, &lists, &keys, &metrics,
          trade_rules ? &*trade_rules : nullptr);
  HttpServer http(config, &api);
  EMBARGO_RETURN_IF_ERROR(http.Start());
  std::string host = config.listen.substr(0, config.listen.rfind(':'));
  std::fprintf(stderr, "embargo: listening on %s:%u\n", host.c_str(),
               http.port());
  std::fflush(stderr);
  lists.Start();
  // The first name of each script would otherwise wait for its rules to
  // compile (Han: about 100 ms).
  std::thread prepare(PrepareNormalization);
  for (;;) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) continue;
    if (sig == SIGHUP) {
      std::fprintf(stderr, "embargo: SIGHUP: refreshing lists and keys\n");
      (void)keys.Reload();
      lists.RequestReload();
      continue;
    }
    std::fprintf(stderr, "embargo: stopping\n");
    break;
  }
  prepare.join();
  http.Stop();
  lists.Stop();
  return Status::Ok();
}

}  // namespace embargo::server
