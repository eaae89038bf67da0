// The HTTP/1.1 server under the API, on Boost.Beast and Asio: one
// io_context per I/O thread (connections spread round-robin, so a connection
// never changes thread and needs no locks), keep-alive, chunked streaming
// for /screen, and the connection-level limits: open connections, header
// and body sizes, and timeouts for headers, bodies, idle keep-alive and
// writes (so slowloris and half-closed clients cannot hold it).
// Thread-safety: Start() and Stop() from one controlling thread; the API is
// called from the I/O and worker threads.
#ifndef EMBARGO_APPS_SERVER_HTTP_SERVER_H_
#define EMBARGO_APPS_SERVER_HTTP_SERVER_H_

#include <cstdint>
#include <memory>

#include "embargo/status.h"
#include "server/api.h"
#include "server/server_config.h"

namespace embargo::server {

class HttpServer {
 public:
  HttpServer(const ServerConfig& config, Api* api);
  ~HttpServer();  // stops
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds config.listen and starts the threads. kIoError if the address
  // cannot be bound.
  Status Start();
  // The bound port (useful with port 0).
  std::uint16_t port() const;
  // Stops accepting, ends every connection and joins the threads.
  void Stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace embargo::server

#endif  // EMBARGO_APPS_SERVER_HTTP_SERVER_H_
