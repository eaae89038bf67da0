// Fuzzes the HTTP API without a socket, from the point where Beast has split
// a request into method, target, headers and body (http_server.cc Dispatch()):
// ParseTarget() then Api::Handle(), deferred answers and streamed bodies run
// as the server runs them. That covers the JSON bodies of /match, /trade/check
// and /screen, the query strings of /search, /screen and /match, and routing.
// Input: "METHOD\nTARGET\nCONTENT-TYPE\nBODY" (missing lines are empty).
// Checks: no crash or sanitizer report, no 500 (Handle() answers 500 only
// when a handler threw, which is a bug), and every application/json answer
// (and every line of an NDJSON stream) parses as JSON.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "embargo/trade.h"
#include "fuzz/fuzz_lists.h"
#include "fuzz/fuzz_util.h"
#include "server/api.h"

namespace {

using embargo::fuzz::Fail;

struct Server {
  embargo::server::ServerConfig config;
  std::unique_ptr<embargo::service::ListManager> lists;
  std::unique_ptr<embargo::service::ApiKeyStore> keys;
  embargo::service::MetricsRegistry metrics;
  std::unique_ptr<embargo::TradeRules> rules;
  std::unique_ptr<embargo::server::Api> api;

  Server() {
    config.require_auth = false;  // keys are not what this harness fuzzes
    config.screen_threads = 1;
    config.limits.max_rows = 200;  // keep a fuzzed /screen batch quick
    config.state_dir = (embargo::fuzz::ScratchDir() / "state").string();
    embargo::service::ListManagerOptions options;
    options.specs = embargo::fuzz::FuzzListSpecs();
    lists = std::make_unique<embargo::service::ListManager>(options);
    embargo::Status st = lists->ReloadNow();
    if (!st.ok()) Fail("load the lists", st.ToString());
    keys = std::make_unique<embargo::service::ApiKeyStore>(config.state_dir);
    auto loaded =
        embargo::TradeRules::Load({std::string(EMBARGO_SOURCE_DIR) + "/rules"});
    if (!loaded.ok()) Fail("load the trade rules", loaded.status().ToString());
    rules = std::make_unique<embargo::TradeRules>(std::move(*loaded));
    api = std::make_unique<embargo::server::Api>(
        config, lists.get(), keys.get(), &metrics, rules.get());
  }
};

class CheckingSink : public embargo::server::ChunkSink {
 public:
  bool Write(std::string_view chunk) override {
    pending_ += chunk;
    size_t nl;
    while ((nl = pending_.find('\n')) != std::string::npos) {
      CheckJson(std::string_view(pending_).substr(0, nl), "ndjson line");
      pending_.erase(0, nl + 1);
    }
    return true;
  }
  static void CheckJson(std::string_view text, const char* what) {
    auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) Fail(what, text);
  }

 private:
  std::string pending_;
};

void CheckResponse(const embargo::server::Response& r) {
  if (r.status == 500) Fail("500 answer", r.body);
  if (r.status < 100 || r.status > 599)
    Fail("HTTP status", std::to_string(r.status));
  // A deferred or streamed answer carries no body yet; its final form does.
  if (r.content_type == "application/json" && !r.deferred && !r.stream)
    CheckingSink::CheckJson(r.body, "JSON body");
}

std::string_view NextLine(std::string_view* rest) {
  size_t nl = rest->find('\n');
  std::string_view line = rest->substr(0, nl);
  *rest =
      nl == std::string_view::npos ? std::string_view() : rest->substr(nl + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  static Server* server = new Server();  // lives for the process
  std::string_view rest = embargo::fuzz::AsText(data, size);
  embargo::server::Request r;
  r.method = std::string(NextLine(&rest));
  r.target = std::string(NextLine(&rest));
  r.content_type = std::string(NextLine(&rest));
  r.body = std::string(rest);
  r.received = std::chrono::steady_clock::now();
  // The server answers 400 itself when this fails; Handle() never sees it.
  if (!embargo::server::ParseTarget(r.target, &r)) return 0;
  embargo::server::Response resp = server->api->Handle(std::move(r));
  CheckResponse(resp);
  if (resp.deferred) {
    resp = resp.deferred();
    CheckResponse(resp);
  }
  if (resp.stream) {
    CheckingSink sink;
    resp.stream(sink);
  }
  return 0;
}
