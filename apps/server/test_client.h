// Test helpers: a real HTTP client (libcurl), raw sockets for misbehaving
// clients, and an in-process server on a loopback port with its own state
// folder and keys.
// Thread-safety: an HttpClient per thread; TestServer from one thread.
#ifndef EMBARGO_APPS_SERVER_TEST_CLIENT_H_
#define EMBARGO_APPS_SERVER_TEST_CLIENT_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "embargo/trade.h"
#include "server/api.h"
#include "server/http_server.h"
#include "server/server_config.h"
#include "service/api_keys.h"
#include "service/list_manager.h"
#include "service/metrics.h"

namespace embargo::server::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string error;                           // curl's, if the transfer failed
  int new_connections = 0;                     // connections curl opened
};

// One keep-alive connection's worth of libcurl.
class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpResult Get(const std::string& url, const std::string& auth = "");
  HttpResult Post(const std::string& url, const std::string& body,
                  const std::string& content_type,
                  const std::string& auth = "");
  HttpResult Request(const std::string& method, const std::string& url,
                     const std::string& body, const std::string& content_type,
                     const std::string& auth);

 private:
  void* curl_;
};

// A raw TCP connection to 127.0.0.1:port.
class RawSocket {
 public:
  explicit RawSocket(std::uint16_t port);
  ~RawSocket();
  bool ok() const { return fd_ >= 0; }
  bool Send(const std::string& data);
  void ShutdownWrite();
  // Reads until EOF or `timeout_ms` passes; returns what came.
  std::string ReadAll(int timeout_ms, bool* eof = nullptr);
  // Reads until `needle` has arrived, EOF, or `timeout_ms` passes.
  std::string ReadUntil(const std::string& needle, int timeout_ms);

 private:
  int fd_ = -1;
};

// The small lists the tests serve.
std::string UnList2026();
std::string UnList2025();
std::string OfacConsolidated();

class TestServer {
 public:
  // Starts on 127.0.0.1:0 serving `lists`; `tweak` may change the config
  // first. Waits until ready.
  explicit TestServer(std::vector<std::string> lists,
                      void (*tweak)(ServerConfig*) = nullptr);
  ~TestServer();
  std::string url(const std::string& path) const;
  std::uint16_t port() const { return http_->port(); }
  const std::string& screen_key() const { return screen_key_; }  // "ApiKey ..."
  const std::string& admin_key() const { return admin_key_; }    // "Bearer ..."
  const std::string& state_dir() const { return state_dir_; }
  service::ListManager& lists() { return *lists_; }
  ServerConfig& config() { return config_; }

 private:
  std::string state_dir_;
  ServerConfig config_;
  std::string screen_key_, admin_key_;
  std::optional<TradeRules> trade_rules_;
  std::unique_ptr<service::ApiKeyStore> keys_;
  std::unique_ptr<service::MetricsRegistry> metrics_;
  std::unique_ptr<service::ListManager> lists_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<HttpServer> http_;
};

// A fresh empty folder under the system temp folder.
std::string MakeTempDir(const std::string& prefix);

}  // namespace embargo::server::testing

#endif  // EMBARGO_APPS_SERVER_TEST_CLIENT_H_
