// Runs the HTTP service until SIGINT or SIGTERM: loads the lists in the
// background (the server answers /healthz and /readyz meanwhile), serves the
// API, reloads on SIGHUP and on the configured interval.
// Thread-safety: call from the main thread only, once.
#ifndef EMBARGO_APPS_SERVER_SERVE_H_
#define EMBARGO_APPS_SERVER_SERVE_H_

#include "embargo/status.h"
#include "server/server_config.h"

namespace embargo::server {

// Blocks until a stop signal. Prints "embargo: listening on HOST:PORT" to
// stderr once bound. Returns an error if the server cannot start.
Status RunServer(const ServerConfig& config);

}  // namespace embargo::server

#endif  // EMBARGO_APPS_SERVER_SERVE_H_
